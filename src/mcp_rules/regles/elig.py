"""ELIG — les conditions d'accès à certains profils CDAP.

Guide : « 5 - Service CDAP / Conditions d'accès à certains profils » et « Solutions
aux problèmes les plus fréquents » (code demandé aux utilisateurs T10).

========  ==============================================================  ===========
profil    condition                                                       règle
========  ==============================================================  ===========
tous      pas d'assistant social du travail, quel que soit le profil      MCP-ELIG-03
T1        assistant social ou conseiller en ESF (diplôme d'État : info)   MCP-ELIG-01/02
T4        agent instructeur du RSA, avec un numéro d'instructeur          MCP-ELIG-04
T9        mandataire judiciaire, tuteur ou curateur                       MCP-ELIG-05
T10       aucune pour être membre ; le code bailleur (celui de Cafpro)    MCP-ELIG-06
          est demandé pour consulter (interprétation 16)
autres    aucune condition du guide ; conditions locales possibles        MCP-ELIG-07
========  ==============================================================  ===========

Une donnée manquante n'est pas une condition non remplie : un instructeur RSA sans
numéro est refusé pour ``donnees_manquantes=("numero_instructeur",)``, un agent
d'accueil l'est parce que sa fonction ne convient pas.

La question publique, avec ses arguments vérifiés, est :func:`~mcp_rules.eligibilite`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Final

import attrs

from mcp_rules.fondations.enumerations import Fonction, ProfilT, Service
from mcp_rules.fondations.francais import liste
from mcp_rules.modele import Convention, Politique, Utilisateur
from mcp_rules.regles.contexte import ContexteAudit
from mcp_rules.regles.decision import Decision, decision_differee
from mcp_rules.regles.regle import Constat, E, I, Regle

_CONDITIONS: Final = "5 - Service CDAP / Conditions d'accès à certains profils"

ELIG_01: Final = Regle(
    code="MCP-ELIG-01",
    titre="Profil T1 : assistants sociaux et conseillers en économie sociale et familiale",
    source=_CONDITIONS,
    severite=E,
)
ELIG_02: Final = Regle(
    code="MCP-ELIG-02",
    titre="Profil T1 : la copie du diplôme d'État peut être demandée en cas de contrôle",
    source=_CONDITIONS,
    severite=I,
    description="Un utilisateur T1 sans référence de diplôme enregistrée est signalé.",
)
ELIG_03: Final = Regle(
    code="MCP-ELIG-03",
    titre="Les assistants sociaux du travail n'accèdent pas à CDAP",
    source=_CONDITIONS,
    severite=E,
    description="Quel que soit le profil.",
)
ELIG_04: Final = Regle(
    code="MCP-ELIG-04",
    titre="Profil T4 : agents habilités des organismes instructeurs du RSA, avec leur numéro "
    "d'instructeur",
    source=_CONDITIONS,
    severite=E,
    description="Le numéro est délivré par le Conseil départemental ; il doit être complet et "
    "bien formé (voir MCP-NUM-01 et MCP-NUM-02).",
)
ELIG_05: Final = Regle(
    code="MCP-ELIG-05",
    titre="Profil T9 : mandataires judiciaires, tuteurs et curateurs, pour les dossiers "
    "confiés par jugement",
    source=_CONDITIONS,
    severite=E,
)
ELIG_06: Final = Regle(
    code="MCP-ELIG-06",
    titre="Profil T10 : le code bailleur (celui de Cafpro) est demandé pour consulter",
    source="Solutions aux problèmes les plus fréquents / code demandé à un utilisateur T10",
    severite=E,
    description="Être membre d'un groupe T10 sans code bailleur enregistré est permis (l'audit "
    "le signale pour information) ; consulter en T10 demande le code, enregistré sur le compte "
    "ou donné au moment de consulter.",
    interpretations=(16,),
)
ELIG_07: Final = Regle(
    code="MCP-ELIG-07",
    titre="Les autres profils n'ont pas de condition dans le guide ; des conditions locales "
    "peuvent s'ajouter",
    source=_CONDITIONS,
    severite=I,
)

REGLES: Final = (ELIG_01, ELIG_02, ELIG_03, ELIG_04, ELIG_05, ELIG_06, ELIG_07)

FONCTIONS_T1: Final = frozenset({Fonction.ASSISTANT_SOCIAL, Fonction.CONSEILLER_ESF})
FONCTIONS_T9: Final = frozenset(
    {Fonction.MANDATAIRE_JUDICIAIRE, Fonction.TUTEUR, Fonction.CURATEUR}
)

FONCTIONS_PAR_PROFIL: Final[dict[ProfilT, tuple[frozenset[Fonction], Regle]]] = {
    ProfilT.T1: (FONCTIONS_T1, ELIG_01),
    ProfilT.T4: (frozenset({Fonction.INSTRUCTEUR_RSA}), ELIG_04),
    ProfilT.T9: (FONCTIONS_T9, ELIG_05),
}


def _groupes(codes: Sequence[str], un: str = "", plusieurs: str = "") -> str:
    """« du groupe A », « des groupes A et B » (sans article si on n'en donne pas)."""
    if len(codes) == 1:
        return f"{un} groupe {codes[0]}".lstrip()
    return f"{plusieurs} groupes {liste(codes)}".lstrip()


def _minuscule(texte: str) -> str:
    """La première lettre en minuscule, le reste tel quel (« agent instructeur du RSA »)."""
    return texte[:1].lower() + texte[1:]


def _reservee(profil: ProfilT, fonctions: frozenset[Fonction]) -> str:
    noms = sorted(f"« {_minuscule(f.libelle)} »" for f in fonctions)
    if len(noms) == 1:
        return f"le profil {profil.value} est réservé à la fonction {noms[0]}"
    return f"le profil {profil.value} est réservé aux fonctions {liste(noms)}"


def remede_fonction(ident: str, profil: ProfilT, groupes: Sequence[str] = ()) -> str:
    """Que faire d'un compte dont la fonction n'ouvre pas ce profil : les groupes en cause
    s'ils sont connus, sinon les groupes de ce profil."""
    ou = _groupes(groupes, "du", "des") if groupes else f"des groupes de profil {profil.value}"
    return f"Retirez {ident} {ou}, ou corrigez sa fonction si elle est mal enregistrée."


def remplit(u: Utilisateur, profil: ProfilT, politique: Politique | None) -> bool:
    """Vrai si le compte remplit toutes les conditions du profil (sans rien expliquer).

    Le chemin rapide des index et de l'audit ; :func:`eligibilite` dit pourquoi.
    """
    fonction = u.fonction
    if fonction is Fonction.ASSISTANT_SOCIAL_DU_TRAVAIL:
        return False
    exigees = FONCTIONS_PAR_PROFIL.get(profil)
    if exigees is not None and fonction not in exigees[0]:
        return False
    if profil is ProfilT.T4 and u.numero_instructeur is None:
        return False
    if politique is not None:
        for condition in politique.conditions.get(profil, ()):
            if any(_vide(getattr(u, nom)) for nom in condition.donnees):
                return False
            if condition.evaluer(u) is not True:  # une condition en panne ne donne rien
                return False
    return True


def decision(u: Utilisateur, profil: ProfilT, politique: Politique | None) -> Decision:
    """La décision de :func:`expliquer`, verdict tout de suite, constats à la première lecture.

    Sans politique locale, le verdict et les données manquantes se lisent sur trois champs
    du compte ; les constats (des messages mis en forme) attendent qu'on les lise. Avec une
    politique, les conditions de l'intégrateur sont évaluées une seule fois : la décision
    est expliquée tout de suite.
    """
    if politique is not None:
        return expliquer(u, profil, politique)
    fonction = u.fonction
    exigees = _EXIGEES.get(profil)
    if fonction is _ASSISTANT_SOCIAL_DU_TRAVAIL or (
        exigees is not None and fonction not in exigees
    ):
        return decision_differee(False, (), (_constats, u, profil))
    if profil is _T4 and u.numero_instructeur is None:
        return decision_differee(False, _NUMERO_INSTRUCTEUR, (_constats, u, profil))
    return decision_differee(True, (), (_constats, u, profil))


_NUMERO_INSTRUCTEUR: Final = ("numero_instructeur",)
# Le chemin de decision() ne lit que des noms du module : sous Python 3.11, lire un membre sur
# sa classe (Fonction.X) passe par la métaclasse des énumérations et coûte plusieurs fois plus.
_ASSISTANT_SOCIAL_DU_TRAVAIL: Final = Fonction.ASSISTANT_SOCIAL_DU_TRAVAIL
_T4: Final = ProfilT.T4
_EXIGEES: Final[dict[ProfilT, frozenset[Fonction]]] = {
    p: fonctions for p, (fonctions, _) in FONCTIONS_PAR_PROFIL.items()
}


def _constats(_: Decision, u: Utilisateur, profil: ProfilT) -> tuple[Constat, ...]:
    """Les constats de :func:`decision` : ceux de :func:`expliquer` (explication différée)."""
    return expliquer(u, profil, None).constats


def expliquer(u: Utilisateur, profil: ProfilT, politique: Politique | None) -> Decision:
    """La décision motivée : chaque condition du profil non remplie, chaque donnée absente.

    Une donnée n'est « manquante » que si elle seule empêche le oui : un compte dont la
    fonction ne convient pas est refusé pour sa fonction, même s'il lui manque aussi un
    numéro.
    """
    refus = _refus_de_fonction(u, profil)
    infos: list[Constat] = []
    if profil is ProfilT.T10 and not refus and not u.code_bailleur:
        infos.append(code_bailleur_a_demander(u))
    if profil is ProfilT.T1 and not refus and u.diplome_etat is None:
        infos.append(
            ELIG_02.constat(
                f"aucune référence de diplôme d'État n'est enregistrée pour {u.identifiant} "
                "(profil T1)",
                remede="Gardez une copie du diplôme d'État : elle peut être demandée en cas de "
                "contrôle.",
                cible=u.identifiant,
            )
        )
    manquantes, manques = _donnees_du_guide(u, profil)
    if politique is not None:
        _conditions_locales(u, profil, politique, refus, manques, manquantes)
    if refus or manques:
        # Une fonction qui n'ouvre pas le profil suffit : inutile de réclamer en plus une
        # donnée (un numéro d'instructeur) que la personne n'aura jamais à fournir.
        return Decision(
            autorise=False,
            constats=(*refus, *([] if refus else manques), *infos),
            donnees_manquantes=() if refus else manquantes,
        )
    return Decision(autorise=True, constats=(_motif(u, profil), *infos))


def _refus_de_fonction(u: Utilisateur, profil: ProfilT) -> list[Constat]:
    """ELIG-03 (aucun profil), ELIG-01/04/05 (la fonction exigée par T1, T4, T9)."""
    ident = u.identifiant
    if u.fonction is Fonction.ASSISTANT_SOCIAL_DU_TRAVAIL:
        return [
            ELIG_03.constat(
                f"{ident} est assistant(e) social(e) du travail : cette fonction n'ouvre aucun "
                f"accès à CDAP, donc pas le profil {profil.value}",
                remede="Retirez ce compte des groupes CDAP ; aucun profil ne lui est permis.",
                cible=ident,
            )
        ]
    if profil in FONCTIONS_PAR_PROFIL:
        fonctions, regle = FONCTIONS_PAR_PROFIL[profil]
        if u.fonction not in fonctions:
            return [
                regle.constat(
                    f"{_reservee(profil, fonctions)} ; {ident} a la fonction "
                    f"« {_minuscule(u.fonction.libelle)} »",
                    remede=remede_fonction(ident, profil),
                    cible=ident,
                )
            ]
    return []


def _donnees_du_guide(u: Utilisateur, profil: ProfilT) -> tuple[list[str], list[Constat]]:
    """Le numéro d'instructeur de T4 (ELIG-04). Le code bailleur de T10 n'est pas une condition
    d'appartenance : il est demandé à la consultation (interprétation 16)."""
    ident = u.identifiant
    if profil is ProfilT.T4 and u.numero_instructeur is None:
        return ["numero_instructeur"], [
            ELIG_04.constat(
                f"{ident} n'a pas de numéro d'instructeur RSA enregistré : le profil T4 en exige "
                "un",
                remede="Enregistrez le numéro d'instructeur délivré par le Conseil départemental "
                "(14 caractères, cinq zéros compris).",
                cible=ident,
            )
        ]
    return [], []


def _conditions_locales(
    u: Utilisateur,
    profil: ProfilT,
    politique: Politique,
    refus: list[Constat],
    manques: list[Constat],
    manquantes: list[str],
) -> None:
    """Les conditions de l'intégrateur (ELIG-07) : une donnée qu'elles lisent est absente,
    ou la condition n'est pas remplie."""
    ident = u.identifiant
    for condition in politique.conditions.get(profil, ()):
        vides = [nom for nom in condition.donnees if _vide(getattr(u, nom))]
        if vides:
            manquantes.extend(vides)
            manques.append(
                ELIG_07.constat(
                    f"condition locale {condition.code} (« {condition.titre} ») : "
                    f"donnée manquante pour {ident} : {', '.join(vides)}",
                    remede=condition.remede,
                    cible=ident,
                    severite=E,
                )
            )
        elif (verdict := condition.evaluer(u)) is False:
            refus.append(
                ELIG_07.constat(
                    f"condition locale {condition.code} (« {condition.titre} ») non remplie "
                    f"par {ident}",
                    remede=condition.remede,
                    cible=ident,
                    severite=E,
                )
            )
        elif verdict is not True:
            refus.append(
                ELIG_07.constat(
                    f"condition locale {condition.code} (« {condition.titre} ») en panne pour "
                    f"{ident} : {verdict} ; par prudence, le profil {profil.value} est refusé",
                    remede=f"La condition {condition.code} de la politique locale est à "
                    "corriger par l'intégrateur : tant qu'elle est en panne, elle ne donne ce "
                    "profil à personne.",
                    cible=ident,
                    severite=E,
                )
            )


def _vide(valeur: object) -> bool:
    return valeur is None or valeur in ("", frozenset())


def code_bailleur_a_demander(u: Utilisateur) -> Constat:
    """ELIG-06, pour information : un membre T10 sans code bailleur enregistré."""
    return ELIG_06.constat(
        f"aucun code bailleur n'est enregistré pour {u.identifiant} : il lui sera demandé à "
        "chaque consultation en T10",
        remede="Faites enregistrer sur le compte le code bailleur de Cafpro, ou saisissez-le "
        "au moment de consulter.",
        cible=u.identifiant,
        severite=I,
    )


def _motif(u: Utilisateur, profil: ProfilT) -> Constat:
    ident = u.identifiant
    if profil in FONCTIONS_PAR_PROFIL:
        regle = FONCTIONS_PAR_PROFIL[profil][1]
        return regle.constat(
            f"{ident} ({_minuscule(u.fonction.libelle)}) remplit les conditions du profil "
            f"{profil.value}",
            cible=ident,
            severite=I,
        )
    if profil is ProfilT.T10:
        return ELIG_06.constat(
            f"le profil T10 est permis à {ident} ; son code bailleur lui est demandé quand il "
            "consulte",
            cible=ident,
            severite=I,
        )
    return ELIG_07.constat(
        f"le guide ne pose pas de condition au profil {profil.value}", cible=ident, severite=I
    )


def auditer(a: ContexteAudit) -> Iterator[Constat]:
    """Les membres actifs des groupes CDAP qui ne remplissent pas les conditions du profil."""
    if Service.CDAP not in a.convention.services:
        return
    c = a.convention
    roles = roles_cdap(c)
    # Sans condition locale, remplit() n'a pas à les chercher (le cas courant).
    politique = a.politique if a.politique.conditions else None
    effectifs = a.effectifs
    contrat = c.profils_contractuels
    groupes_de = a.index.lecteur_des_groupes()
    # Les profils CDAP de chaque ensemble de groupes (sous sa forme d'index), lus une
    # fois : des milliers de comptes ont les mêmes groupes.
    profils_des: dict[str | tuple[str, ...], tuple[ProfilT | None, ...]] = {}
    # Compte par compte, dans l'ordre du contexte (celui de la mémoire pour un audit
    # complet) : un compte membre d'aucun groupe ne coûte qu'une lecture de l'index.
    for u in a.comptes():
        groupes = groupes_de(u.cle)
        if groupes is None:
            continue
        profils = profils_des.get(groupes)
        if profils is None:
            profils = profils_des[groupes] = tuple(
                dict.fromkeys(roles[gk] for gk in a.index.groupes_de(u.cle) if gk in roles)
            )
        if not profils:
            continue  # membre d'aucun groupe CDAP
        if not a.actif(u):
            continue
        # Un seul passage pour les deux : chaque profil est-il permis (le compte le tient,
        # s'il est au contrat) ? Rien à dire si tous le sont, sans réserve T1 ni T10.
        rien_a_dire = u.fonction is not Fonction.ASSISTANT_SOCIAL_DU_TRAVAIL
        tient = False
        for profil in profils:
            if profil is None:
                continue
            if not remplit(u, profil, politique):
                rien_a_dire = False
                continue
            if effectifs is not None and profil in contrat:
                effectifs.par_profil[profil] += 1
                tient = True
            if (profil is ProfilT.T1 and u.diplome_etat is None) or (
                profil is ProfilT.T10 and not u.code_bailleur
            ):
                rien_a_dire = False
        if tient and effectifs is not None:
            effectifs.cdap += 1
        if not rien_a_dire:
            yield from _membre(a, u, a.index.groupes_de(u.cle))


def roles_cdap(c: Convention) -> dict[str, ProfilT | None]:
    """Clé de chaque groupe CDAP → son profil (``None`` s'il n'en porte pas)."""
    return {
        gk: g.role if isinstance(g.role, ProfilT) else None
        for gk, g in c._groupes.items()
        if g.service is Service.CDAP
    }


def auditer_compte(a: ContexteAudit, u: Utilisateur) -> Iterator[Constat]:
    """La part d'audit d'un compte : ses groupes CDAP lui donnent-ils des profils dont il
    ne remplit pas les conditions (``MCP-ELIG-*``) ?"""
    if Service.CDAP not in a.convention.services:
        return
    yield from _membre(a, u, a.index.groupes_de(u.cle))


def _membre(a: ContexteAudit, u: Utilisateur, cles_groupes: tuple[str, ...]) -> Iterator[Constat]:
    groupes = a.convention._groupes
    if not a.actif(u):
        return
    cdap = [groupes[gk] for gk in cles_groupes if groupes[gk].service is Service.CDAP]
    if not cdap:
        return
    if u.fonction is Fonction.ASSISTANT_SOCIAL_DU_TRAVAIL:
        yield ELIG_03.constat(
            f"{u.identifiant}, assistant(e) social(e) du travail, est membre "
            + (
                f"du groupe CDAP {cdap[0].code}"
                if len(cdap) == 1
                else f"des groupes CDAP {liste(sorted(g.code for g in cdap))}"
            )
            + " : cette fonction n'ouvre aucun accès à CDAP",
            remede=f"Retirez {u.identifiant} des groupes CDAP.",
            cible=u.identifiant,
        )
        return
    vus: set[ProfilT] = set()
    for g in cdap:
        profil = g.role
        if not isinstance(profil, ProfilT) or profil in vus:
            continue
        vus.add(profil)
        if (
            remplit(u, profil, a.politique)
            and (profil is not ProfilT.T1 or u.diplome_etat is not None)
            and (profil is not ProfilT.T10 or u.code_bailleur)
        ):
            continue
        ou = sorted(x.code for x in cdap if x.role is profil)
        motif = _motif(u, profil)
        for constat in expliquer(u, profil, a.politique).constats:
            if constat.severite is I and (
                constat == motif or constat.regle not in (ELIG_02, ELIG_06)
            ):
                continue
            remede = constat.remede
            if remede == remede_fonction(u.identifiant, profil):
                remede = remede_fonction(u.identifiant, profil, ou)
            yield attrs.evolve(
                constat, message=f"{constat.message} ({_groupes(ou)})", remede=remede
            )
