"""L'exploration exhaustive des petites conventions (« small scope »).

Deux conventions de départ, dans la portée du ticket 9 : deux administrateurs, trois
gestionnaires, quatre utilisateurs, quatre groupes sur CDAP, ADONIS et AFAS (un sous-groupe
dans l'une, le vrai AFAS-HABILITER dans l'autre ; l'absence d'AFAS-HABILITER laisse tenter
un faux). Depuis chacune, en largeur : chaque commande de la bibliothèque, par chaque
acteur (les neuf comptes, la Caf, un inconnu), avec chaque argument de la portée (chaque
compte, chaque groupe, chaque rôle, un compte neuf, un code neuf et les codes réservés
d'AFAS…). Chaque état atteint est vérifié, chaque commande aussi ; les états déjà vus
(à ce qui compte pour les droits près : membres, gestionnaires, rôles, administrateurs,
rôles AFAS, clôtures, données d'éligibilité) ne sont pas refaits.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Final

import attrs

import mcp_rules as m
from mcp_rules import (
    CAF,
    GROUPE_AFAS_DECLARER,
    GROUPE_AFAS_HABILITER,
    Acteur,
    ConfigurationAfas,
    Convention,
    Fonction,
    Groupe,
    ProfilT,
    Resultat,
    RoleAfas,
    RoleApplicatif,
    Service,
    Utilisateur,
)
from mcp_rules.serialisation import vers_json

from . import securite

T: Final = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
DOMAINE: Final = "ville-exemple.fr"
INCONNU: Final = "inconnu.z"


def _compte(
    identifiant: str, prenom: str, nom: str, fonction: Fonction = Fonction.AUTRE
) -> Utilisateur:
    return Utilisateur(
        identifiant=identifiant,
        prenom=prenom,
        nom=nom,
        email=f"{prenom.lower()}.{nom.lower()}@{DOMAINE}",
        cree_le=T - timedelta(days=100),
        derniere_connexion=T - timedelta(days=1),
        mot_de_passe_personnalise=True,
        fonction=fonction,
        diplome_etat="DEASS" if fonction is Fonction.ASSISTANT_SOCIAL else None,
    )


COMPTES: Final = (
    _compte("adm.a", "Alice", "Arnaud"),
    _compte("adm.b", "Bruno", "Blanc"),
    _compte("gest.c", "Chloe", "Carre"),
    _compte("gest.d", "David", "Dumas"),
    _compte("gest.e", "Emma", "Etienne"),
    _compte("u.f", "Fanny", "Fabre", Fonction.ASSISTANT_SOCIAL),
    _compte("u.g", "Gael", "Girard", Fonction.ASSISTANT_SOCIAL),
    _compte("u.h", "Hugo", "Henry"),
    _compte("u.i", "Ines", "Imbert", Fonction.ASSISTANT_SOCIAL),
)
NOUVEAU: Final = _compte("n.neuf", "Noe", "Neuf")
"""Le compte qu'une commande peut créer (utilisateur, ou gestionnaire d'un nouveau groupe)."""


def _groupe(
    code: str,
    service: Service,
    gestionnaire: str,
    *membres: str,
    role: ProfilT | RoleApplicatif | None = None,
    parent: str | None = None,
) -> Groupe:
    libelle = f"{role.value} {code}" if isinstance(role, ProfilT) else f"Groupe {code}"
    return Groupe(
        code=code,
        libelle=libelle,
        service=service,
        gestionnaire=gestionnaire,
        role=role,
        membres=frozenset(membres),
        parent=parent,
    )


def _convention(groupes: list[Groupe], afas: ConfigurationAfas) -> Convention:
    return Convention(
        numero="19_214",
        organisme="Ville d'Exemple",
        caf="Caf de la Seine-Saint-Denis",
        services=frozenset({Service.CDAP, Service.ADONIS, Service.AFAS}),
        profils_contractuels=frozenset({ProfilT.T1, ProfilT.T2}),
        administrateurs=frozenset({"adm.a", "adm.b"}),
        utilisateurs=COMPTES,
        groupes=groupes,
        afas=afas,
    )


def depart_sous_groupe() -> Convention:
    """Un sous-groupe ADONIS, un compte partagé entre deux gestionnaires, un administrateur
    dans AFAS-DECLARER ; pas d'AFAS-HABILITER."""
    cdap, adonis, afas = Service.CDAP, Service.ADONIS, Service.AFAS
    return _convention(
        [
            _groupe("T1A", cdap, "gest.c", "u.f", "u.g", role=ProfilT.T1),
            _groupe("ADO", adonis, "gest.d", "u.g", "u.h", role=RoleApplicatif.ADONIS),
            _groupe("ADO-S", adonis, "gest.e", "u.h", parent="ADO"),
            _groupe(GROUPE_AFAS_DECLARER, afas, "adm.a", "u.i", "adm.b"),
        ],
        ConfigurationAfas(fda=frozenset({"u.i"}), fdf=frozenset({"adm.b"})),
    )


def depart_habiliter() -> Convention:
    """Le vrai AFAS-HABILITER (un gestionnaire y est membre), AFAS-DECLARER géré par un
    gestionnaire ; pas de sous-groupe."""
    cdap, adonis, afas = Service.CDAP, Service.ADONIS, Service.AFAS
    return _convention(
        [
            _groupe("T1A", cdap, "gest.c", "u.f", "u.g", role=ProfilT.T1),
            _groupe("ADO", adonis, "gest.d", "u.g", "u.h", role=RoleApplicatif.ADONIS),
            _groupe(GROUPE_AFAS_DECLARER, afas, "gest.e", "u.i", "adm.b"),
            _groupe(GROUPE_AFAS_HABILITER, afas, "adm.a", "gest.d"),
        ],
        ConfigurationAfas(fda=frozenset({"u.i"}), approbateur="adm.b"),
    )


# --- chaque commande, chaque acteur, chaque argument ----------------------------------------


def acteurs(c: Convention) -> list[Acteur]:
    return [*(u.identifiant for u in c.utilisateurs), CAF, INCONNU]


def _gestionnaires(c: Convention, par: Acteur) -> list[str | Utilisateur]:
    choix: list[str | Utilisateur] = ["gest.c", "u.h", "adm.a", NOUVEAU]
    if isinstance(par, str) and par not in choix:
        choix.append(par)
    return choix


def arguments(c: Convention, par: Acteur) -> Iterator[tuple[str, dict[str, Any]]]:
    """Les commandes de la portée, avec leurs arguments, pour cet acteur dans cet état."""
    codes = [g.code for g in c.groupes]
    idents = [u.identifiant for u in c.utilisateurs]
    for code in ("NX", GROUPE_AFAS_DECLARER.lower(), GROUPE_AFAS_HABILITER):
        for service in (Service.CDAP, Service.ADONIS, Service.AFAS):
            parents: list[str | None] = [None]
            parents += [g.code for g in c.groupes if g.service is service]
            for parent in parents:
                for gestionnaire in _gestionnaires(c, par):
                    yield (
                        "creer_groupe",
                        {
                            "code": code,
                            "libelle": f"T2 {code}"
                            if service is Service.CDAP
                            else f"Groupe {code}",
                            "service": service,
                            "gestionnaire": gestionnaire,
                            "parent": parent,
                        },
                    )
    for g in c.groupes:
        roles = [ProfilT.T1, ProfilT.T3, RoleApplicatif.ADONIS]
        for role in roles:
            yield "affecter_role", {"groupe": g.code, "profil": role}
        yield "retirer_role", {"groupe": g.code}
        yield "modifier_libelle", {"groupe": g.code, "libelle": f"T1 {g.code} bis"}
        for x in [*idents, NOUVEAU]:
            yield "designer_gestionnaire", {"groupe": g.code, "gestionnaire": x}
        for x in idents:
            yield "ajouter_au_groupe", {"groupe": g.code, "utilisateur": x}
            yield "retirer_du_groupe", {"groupe": g.code, "utilisateur": x}
    for groupe in [None, *codes]:
        yield "creer_utilisateur", {"utilisateur": NOUVEAU, "groupe": groupe}
    for n, x in enumerate(idents):
        yield "modifier_compte", {"utilisateur": x, "email": f"autre.adresse{n}@{DOMAINE}"}
        yield "modifier_compte", {"utilisateur": x, "fonction": Fonction.ASSISTANT_SOCIAL}
        yield "modifier_compte", {"utilisateur": x, "code_bailleur": "B1"}
        yield "modifier_compte", {"utilisateur": x, "nom": "Autre"}
        yield "cloturer_compte", {"utilisateur": x}
        yield "reactiver_compte", {"utilisateur": x}
        for remplace in [None, *sorted(c.administrateurs)]:
            yield "designer_administrateur", {"identifiant": x, "remplace": remplace}
        for role in RoleAfas:
            yield "configurer_role_afas", {"utilisateur": x, "role": role}
        for role in (RoleAfas.FDA, RoleAfas.FDF):
            yield "retirer_role_afas", {"utilisateur": x, "role": role}
        yield "changer_approbateur", {"utilisateur": x}
    yield "valider_approbateur", {}
    yield "demander_nouveau_mot_de_passe", {}
    yield "personnaliser_mot_de_passe", {}


def empreinte(c: Convention, t: datetime) -> Hashable:
    """Ce qui compte pour les droits (ni adresses, ni libellés, ni journal, ni mots de passe)."""
    comptes = frozenset(
        (
            u.cle,
            u.fonction,
            u.numero_instructeur,
            u.code_bailleur,
            u.diplome_etat,
            u.mandats,
            securite.actif(u, t),
        )
        for u in c.utilisateurs
    )
    groupes = frozenset(
        (
            g.cle,
            g.service,
            securite.cle(g.gestionnaire),
            g.role,
            frozenset(securite.cle(x) for x in g.membres),
            None if g.parent is None else securite.cle(g.parent),
        )
        for g in c.groupes
    )
    config = c.afas
    afas = tuple(
        frozenset(securite.cle(x) for x in xs)
        for xs in (
            config.fda,
            config.fdf,
            [config.approbateur] if config.approbateur else [],
            [config.approbateur_en_attente] if config.approbateur_en_attente else [],
        )
    )
    return (comptes, groupes, afas, frozenset(securite.admins(c)), c.gestion_deleguee)


@dataclass
class Bilan:
    """Ce que l'exploration a parcouru, niveau par niveau."""

    etats: int = 0
    commandes: int = 0
    acceptees: int = 0
    par_commande: Counter[str] = field(default_factory=Counter)
    par_niveau: list[tuple[int, int]] = field(default_factory=list)
    """Pour chaque profondeur : (états vérifiés, états distincts atteints à cette profondeur)."""

    def resume(self) -> str:
        niveaux = " ; ".join(
            f"profondeur {p} : {faits} / {atteints}"
            for p, (faits, atteints) in enumerate(self.par_niveau)
        )
        return (
            f"{self.etats} états, {self.commandes} commandes ({self.acceptees} acceptées) ; "
            f"{niveaux}"
        )


def _echantillon(etats: list[Convention], n: int) -> list[Convention]:
    """``n`` états pris à intervalles réguliers (toute la liste si elle tient dans ``n``)."""
    if len(etats) <= n:
        return etats
    if n <= 0:
        return []
    pas = len(etats) / n
    return [etats[int(i * pas)] for i in range(n)]


def explorer(
    departs: list[Convention],
    *,
    profondeur: int,
    max_etats: int,
    verifier_etat: Callable[[Convention, datetime], None] = securite.verifier_etat,
) -> Bilan:
    """En largeur, jusqu'à ``profondeur`` commandes acceptées depuis chaque départ.

    Chaque niveau est parcouru en entier tant que le budget ``max_etats`` le permet ; le
    dernier niveau entamé l'est sur un échantillon régulier de ses états (le bilan dit
    combien).
    """
    bilan = Bilan()
    vus: set[Hashable] = set()
    niveau: list[Convention] = []
    for c in departs:
        e = empreinte(c, T)
        if e not in vus:
            vus.add(e)
            niveau.append(c)
    for p in range(profondeur + 1):
        faits = _echantillon(niveau, max(0, max_etats - bilan.etats))
        bilan.par_niveau.append((len(faits), len(niveau)))
        suivant: list[Convention] = []
        for c in faits:
            bilan.etats += 1
            verifier_etat(c, T)
            droits = securite.droits_sur_comptes(c, T)
            for par in acteurs(c):
                for nom, args in arguments(c, par):
                    r: Resultat = getattr(m, nom)(c, par=par, instant=T, **args)
                    bilan.commandes += 1
                    try:
                        securite.verifier_commande(c, r, par, T, droits)
                    except AssertionError as echec:
                        raise AssertionError(
                            f"{echec}\n  commande : {nom}(par={par!r}, {args!r}) -> {r.codes}"
                            f"\n  état : {vers_json(c)}"
                        ) from echec
                    if not r.accepte:
                        continue
                    bilan.acceptees += 1
                    bilan.par_commande[nom] += 1
                    e = empreinte(r.convention, T)
                    if p < profondeur and e not in vus:
                        vus.add(e)
                        suivant.append(attrs.evolve(r.convention, journal=()))
        niveau = suivant
        if not niveau:
            break
    return bilan
