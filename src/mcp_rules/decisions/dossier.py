"""Ouvrir un dossier d'allocataire (``MCP-CDAP-02``, ``MCP-CDAP-03``, ``MCP-ELIG-06``).

:func:`consulter_dossier` part de l'accès CDAP du compte (:func:`~mcp_rules.acces_cdap`) et
y ajoute ce que la consultation elle-même exige : le numéro **et** le nom de l'allocataire
(la Cnil ; aucun contournement, même par un « nom » fait de caractères invisibles), le
mandat judiciaire pour T9, le code bailleur de Cafpro pour T10.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Final

from mcp_rules.decisions.acces import acces_cdap
from mcp_rules.decisions.reponses import AccesCdap
from mcp_rules.fondations import controles, erreurs
from mcp_rules.fondations.enumerations import ProfilT
from mcp_rules.fondations.erreurs import DonneeInvalide, apercu
from mcp_rules.fondations.francais import liste
from mcp_rules.modele import (
    LONGUEUR_CODE_BAILLEUR,
    LONGUEUR_NUMERO_ALLOCATAIRE,
    Convention,
    Politique,
    Utilisateur,
)
from mcp_rules.regles import cdap, elig
from mcp_rules.regles.decision import Decision, decision_differee, sans_doublon
from mcp_rules.regles.regle import Constat, I

__all__ = ["LONGUEUR_NOM_ALLOCATAIRE", "consulter_dossier"]


def consulter_dossier(
    convention: Convention,
    identifiant: str,
    *,
    numero_allocataire: str | None,
    nom_allocataire: str | None,
    instant: datetime,
    politique: Politique | None = None,
    code_bailleur: str | None = None,
) -> Decision:
    """Ce compte peut-il ouvrir ce dossier ?

    Le numéro **et** le nom de l'allocataire sont exigés (Cnil, ``MCP-CDAP-02``). Chaque
    profil du compte sert ensuite à sa façon : T9 n'ouvre que les dossiers confiés par
    jugement (``MCP-CDAP-03``) ; T10 n'ouvre qu'avec le code bailleur de Cafpro, celui
    enregistré sur le compte ou ``code_bailleur`` donné au moment de consulter
    (``MCP-ELIG-06``, interprétation 16) ; les autres profils ouvrent le dossier. Il suffit
    d'un profil qui serve ; sinon le refus dit pourquoi aucun ne sert et, s'il ne manque que
    le code bailleur, ``donnees_manquantes == ("code_bailleur",)``.
    """
    if (
        type(numero_allocataire) is str
        and type(nom_allocataire) is str
        and (code_bailleur is None or type(code_bailleur) is str)
    ):
        bien_formes = _criteres_courants(numero_allocataire, nom_allocataire)
    else:
        _exiger_des_textes(numero_allocataire, nom_allocataire, code_bailleur)
        bien_formes = False
    acces = acces_cdap(convention, identifiant, instant=instant, politique=politique)
    cible = acces.identifiant
    refus: Sequence[Constat] = ()
    manquantes: Sequence[str] = ()
    if bien_formes:
        numero = numero_allocataire or ""
    else:
        numero, refus, manquantes = _double_critere(
            numero_allocataire or "", nom_allocataire or "", cible
        )
    if not acces.autorise:
        # Le verdict tout de suite ; les constats de l'accès, à la lecture.
        manque = (*manquantes, *acces.donnees_manquantes)
        return decision_differee(
            False, sans_doublon(manque) if manque else (), (_refus_d_acces, tuple(refus), acces)
        )
    if refus:
        return Decision(autorise=False, constats=refus, donnees_manquantes=manquantes)
    servent: list[ProfilT] = []
    empechements: list[Constat] = []
    u: Utilisateur | None = None  # lu seulement pour T9 et T10 (une recherche de moins)
    for profil in acces.profils:
        if profil is not _T9 and profil is not _T10:
            servent.append(profil)
            continue
        if u is None:
            u = convention.utilisateur(identifiant)
        if profil is _T9 and numero not in u.mandats:
            empechements.append(_hors_mandat(u, numero))
        elif profil is _T10 and (sans_code := _code_bailleur(u, code_bailleur)):
            empechements.append(sans_code)
        else:
            servent.append(profil)
    if not servent:
        manque_le_code = u is not None and any(
            e.regle is elig.ELIG_06 and u.code_bailleur is None and not code_bailleur
            for e in empechements
        )
        return Decision(
            autorise=False,
            constats=tuple(empechements),
            donnees_manquantes=("code_bailleur",) if manque_le_code else (),
        )
    return decision_differee(True, (), (_motif, cible, tuple(servent)))


_T9: Final = ProfilT.T9
_T10: Final = ProfilT.T10


def _criteres_courants(numero: str, nom: str) -> bool:
    """Le cas courant : un numéro fait de lettres et chiffres ASCII, un nom fait de lettres
    ASCII, chacun dans sa longueur. Ils n'ont rien à nettoyer et :func:`_double_critere` n'y
    trouverait rien à redire (tests/decisions/test_dossier_rapide.py le vérifie) ; toute
    autre saisie passe par lui."""
    return (
        len(numero) <= LONGUEUR_NUMERO_ALLOCATAIRE
        and numero.isascii()
        and numero.isalnum()
        and len(nom) <= LONGUEUR_NOM_ALLOCATAIRE
        and nom.isascii()
        and nom.isalpha()
    )


def _refus_d_acces(
    _: Decision, refus: tuple[Constat, ...], acces: AccesCdap
) -> tuple[Constat, ...]:
    """Les constats d'une consultation refusée faute d'accès : ceux des critères, puis ceux de
    l'accès (explication différée)."""
    return (*refus, *acces.constats)


def _motif(_: Decision, cible: str, servent: tuple[ProfilT, ...]) -> tuple[Constat, ...]:
    """Le constat d'une consultation permise : les profils qui la permettent (explication
    différée)."""
    return (
        cdap.CDAP_02.constat(
            "numéro et nom de l'allocataire fournis ; "
            + ("profil " if len(servent) == 1 else "profils ")
            + liste([p.value for p in servent]),
            cible=cible,
            severite=I,
        ),
    )


def _exiger_des_textes(numero: object, nom: object, code: object) -> None:
    """Chaque critère est un texte ou ``None`` : sinon, l'erreur qui nomme le premier fautif."""
    for champ, valeur in (
        ("numero_allocataire", numero),
        ("nom_allocataire", nom),
        ("code_bailleur", code),
    ):
        if valeur is not None and not isinstance(valeur, str):
            raise DonneeInvalide(
                erreurs.TYPE,
                f"{champ} : un texte est attendu, pas {apercu(valeur)}",
                valeur=valeur,
            )


def _code_bailleur(u: Utilisateur, donne: str | None) -> Constat | None:
    """MCP-ELIG-06 : le code bailleur que T10 doit présenter, ou ce qui l'en empêche."""
    saisi = donne or ""
    if len(saisi) <= 4 * LONGUEUR_CODE_BAILLEUR:  # au-delà, refusé sans être parcouru
        saisi = controles.saisie_nettoyee(saisi)
    ident = u.identifiant
    if not saisi:
        if u.code_bailleur is not None:
            return None
        return elig.ELIG_06.constat(
            f"{ident} consulte en T10 : son code bailleur (celui de Cafpro) lui est demandé, "
            "et aucun n'est enregistré sur son compte",
            remede="Saisissez le code bailleur utilisé dans Cafpro, ou faites-le enregistrer "
            "sur le compte par l'administrateur.",
            cible=ident,
        )
    if not controles.identifiant_valide(saisi, LONGUEUR_CODE_BAILLEUR):
        return elig.ELIG_06.constat(
            f"le code bailleur saisi par {ident}, {apercu(saisi)}, est mal formé",
            remede="Saisissez le code bailleur tel qu'il figure dans Cafpro.",
            cible=ident,
        )
    if u.code_bailleur is not None and saisi != u.code_bailleur:
        return elig.ELIG_06.constat(
            f"le code bailleur saisi par {ident} n'est pas celui enregistré sur son compte",
            remede="Saisissez le code bailleur de Cafpro enregistré sur le compte ; s'il a "
            "changé, l'administrateur met le compte à jour.",
            cible=ident,
        )
    return None


_LIBELLES_CRITERES: Final = {
    "numero_allocataire": "le numéro de l'allocataire",
    "nom_allocataire": "le nom de l'allocataire",
}


LONGUEUR_NOM_ALLOCATAIRE: Final = 200
"""Au-delà, un « nom » n'en est pas un : refusé sans même être parcouru."""


def _nettoye(brut: str, longueur: int) -> str | None:
    """La saisie sans invisibles ni blancs de bord ; ``None`` si elle est trop longue pour
    être parcourue (elle sera refusée sans l'avoir été)."""
    return None if len(brut) > longueur else controles.saisie_nettoyee(brut)


def _nom_valide(nom: str | None) -> bool:
    """Au moins une lettre, aucun caractère de contrôle."""
    return (
        nom is not None
        and not controles.contient_un_controle(nom)
        and controles.contient_une_lettre(nom)
    )


def _double_critere(
    numero_brut: str, nom_brut: str, cible: str
) -> tuple[str, list[Constat], list[str]]:
    """MCP-CDAP-02 : le numéro ET le nom de l'allocataire, chacun bien formé.

    Les caractères invisibles et les blancs des bords ne comptent pas : un critère qui n'est
    fait que d'eux manque. Le nom doit contenir au moins une lettre et aucun caractère de
    contrôle ; le numéro n'est fait que de lettres et chiffres ASCII. Les longueurs sont
    vérifiées avant tout parcours des caractères.
    """
    numero = _nettoye(numero_brut, 4 * LONGUEUR_NUMERO_ALLOCATAIRE)
    nom = _nettoye(nom_brut, LONGUEUR_NOM_ALLOCATAIRE)
    manquantes = [
        n for n, v in (("numero_allocataire", numero), ("nom_allocataire", nom)) if v == ""
    ]
    refus: list[Constat] = []
    if manquantes:
        refus.append(
            cdap.CDAP_02.constat(
                "la recherche d'un dossier exige à la fois le numéro et le nom de "
                "l'allocataire : il manque " + liste([_LIBELLES_CRITERES[n] for n in manquantes]),
                remede="Saisissez les deux : c'est une exigence de la Cnil, qui ne se "
                "contourne pas.",
                cible=cible,
            )
        )
    elif not controles.alphanumerique_valide(numero, LONGUEUR_NUMERO_ALLOCATAIRE):
        refus.append(
            cdap.CDAP_02.constat(
                f"le numéro d'allocataire {apercu(numero_brut)} est mal formé (au plus "
                f"{LONGUEUR_NUMERO_ALLOCATAIRE} chiffres et lettres ASCII)",
                remede="Vérifiez le numéro d'allocataire saisi.",
                cible=cible,
            )
        )
    elif not _nom_valide(nom):
        refus.append(
            cdap.CDAP_02.constat(
                f"le nom d'allocataire {apercu(nom_brut)} n'est pas un nom : il faut au moins "
                f"une lettre, aucun caractère de contrôle, au plus {LONGUEUR_NOM_ALLOCATAIRE} "
                "caractères",
                remede="Saisissez le nom de l'allocataire tel qu'il figure sur son dossier.",
                cible=cible,
            )
        )
    return numero or "", refus, manquantes


def _hors_mandat(u: Utilisateur, numero: str) -> Constat:
    """MCP-CDAP-03 : par le seul profil T9, un dossier qui ne lui est pas confié."""
    return cdap.CDAP_03.constat(
        f"par le profil T9, {u.identifiant} n'ouvre que les dossiers qui lui sont confiés par "
        f"jugement ; le dossier {numero} n'en fait pas partie",
        remede="Seuls les dossiers confiés par jugement peuvent être ouverts ; "
        "faites enregistrer le mandat s'il existe.",
        cible=u.identifiant,
    )
