"""Une convention d'exemple réaliste, pour la documentation, les tests et ``audit --exemple``.

La Caf de la Seine-Saint-Denis, la convention ``19_214`` avec un centre communal
d'action sociale fictif, les groupes du guide (T1AS, T1CESF, T2PE, T2CR), un groupe
T4 d'instructeurs RSA, une mise en place AFAS, et quelques problèmes laissés exprès
pour que l'audit ait quelque chose à dire (voir :data:`PROBLEMES`).

Son journal commence le 5 janvier 2026 (ce qui précède n'y est pas, comme pour une
convention reprise en cours de route) : la création du groupe T1CESF, deux adhésions, le
rôle retiré au groupe T2CR, la clôture de ``gest.petit``, un numéro d'instructeur modifié
et la création du compte ``ae.fontaine`` (voir :data:`JOURNAL_EXEMPLE`).

>>> from mcp_rules.exemple import convention_exemple
>>> c = convention_exemple()
>>> c.numero, c.caf
('19_214', 'Caf de la Seine-Saint-Denis')
>>> [g.code for g in c.groupes]
['AFAS-DECLARER', 'AFAS-HABILITER', 'T1AS', 'T1CESF', 'T2CR', 'T2PE', 'T4RSA']
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final

from mcp_rules.fondations.enumerations import Fonction, ProfilT, Service
from mcp_rules.modele import (
    GROUPE_AFAS_DECLARER,
    GROUPE_AFAS_HABILITER,
    ConfigurationAfas,
    Convention,
    Groupe,
    Utilisateur,
)
from mcp_rules.modele.evenements import (
    CompteCloture,
    CompteCree,
    CompteModifie,
    Evenement,
    GroupeCree,
    IdentifiantEnvoye,
    MembreAjoute,
    MotDePasseTemporaireEmis,
    RoleAffecte,
    RoleRetire,
)
from mcp_rules.valeurs.adresse_email import AdresseEmail
from mcp_rules.valeurs.mot_de_passe import MotDePasseTemporaire
from mcp_rules.valeurs.numero_instructeur import NumeroInstructeur

__all__ = ["INSTANT_EXEMPLE", "JOURNAL_EXEMPLE", "PROBLEMES", "convention_exemple"]

INSTANT_EXEMPLE: Final = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
"""L'instant auquel les exemples de la documentation sont calculés."""

PROBLEMES: Final[tuple[tuple[str, str | None], ...]] = (
    ("MCP-USR-02", "accueil.ccas"),
    ("MCP-USR-01", "accueil.ccas"),
    ("MCP-GRP-08", "T2CR"),
    ("MCP-GRP-08", "T2PE"),
    ("MCP-GRP-05", "T2CR"),
    ("MCP-GRP-03", "T4RSA"),
    ("MCP-GRP-06", None),
    ("MCP-MDP-02", "ae.fontaine"),
    ("MCP-USR-04", "cesf.roux"),
    ("MCP-ELIG-02", "as.moreau"),
    ("MCP-AFAS-04", None),
)
"""Les problèmes laissés exprès dans l'exemple : (code, cible) que l'audit doit trouver."""

_DOMAINE: Final = "ccas-saint-exemple.fr"


def _t(annee: int, mois: int, jour: int, heure: int = 9) -> datetime:
    return datetime(annee, mois, jour, heure, 0, tzinfo=UTC)


def _compte(
    identifiant: str,
    prenom: str,
    nom: str,
    *,
    cree: datetime,
    fonction: Fonction = Fonction.AUTRE,
    connexion: datetime | None = None,
    email: str | None = None,
    **autres: object,
) -> Utilisateur:
    return Utilisateur(
        identifiant=identifiant,
        prenom=prenom,
        nom=nom,
        email=email or f"{prenom.lower()}.{nom.lower()}@{_DOMAINE}",
        cree_le=cree,
        fonction=fonction,
        derniere_connexion=connexion if connexion is not None else cree,
        mot_de_passe_personnalise=True,
        **autres,  # type: ignore[arg-type]
    )


def _journal() -> tuple[Evenement, ...]:
    fontaine = AdresseEmail.parse(f"lea.fontaine@{_DOMAINE}")
    cree = _t(2026, 10, 2)
    return (
        MembreAjoute(
            instant=_t(2026, 1, 5), par="gest.petit", groupe="T2PE", utilisateur="accueil.ccas"
        ),
        GroupeCree(
            instant=_t(2026, 1, 12),
            par="adm.martin",
            groupe="T1CESF",
            libelle="T1 CESF",
            service=Service.CDAP,
            gestionnaire="gest.durand",
        ),
        RoleAffecte(instant=_t(2026, 1, 12), par="adm.martin", groupe="T1CESF", profil=ProfilT.T1),
        MembreAjoute(
            instant=_t(2026, 1, 12, 10), par="gest.durand", groupe="T1CESF", utilisateur="cesf.roux"
        ),
        MembreAjoute(
            instant=_t(2026, 2, 10), par="gest.durand", groupe="T1AS", utilisateur="as.moreau"
        ),
        RoleRetire(instant=_t(2026, 4, 15), par="adm.bernard", groupe="T2CR", profil=ProfilT.T2),
        CompteCloture(
            instant=_t(2026, 6, 15), par="adm.martin", utilisateur="gest.petit", le=_t(2026, 6, 30)
        ),
        CompteModifie(
            instant=_t(2026, 9, 1),
            par="adm.bernard",
            utilisateur="ir.lambert",
            champs=("numero_instructeur",),
        ),
        CompteCree(instant=cree, par="adm.martin", utilisateur="ae.fontaine", groupe="T2PE"),
        IdentifiantEnvoye(
            instant=cree, par="adm.martin", utilisateur="ae.fontaine", email=fontaine
        ),
        MotDePasseTemporaireEmis(
            instant=cree,
            par="adm.martin",
            utilisateur="ae.fontaine",
            email=fontaine,
            expire_le=_t(2026, 10, 3),
        ),
        MembreAjoute(instant=cree, par="adm.martin", groupe="T2PE", utilisateur="ae.fontaine"),
    )


JOURNAL_EXEMPLE: Final[tuple[Evenement, ...]] = _journal()
"""Le journal de l'exemple, du 5 janvier au 2 octobre 2026 (ce qui précède n'y est pas)."""


def convention_exemple() -> Convention:
    """La convention 19_214 de l'exemple (construite à chaque appel, sans lecture de fichier)."""
    debut = _t(2025, 9, 1)
    recent = _t(2026, 11, 20)
    comptes = [
        _compte("adm.martin", "Claire", "Martin", cree=debut, connexion=recent),
        _compte("adm.bernard", "Luc", "Bernard", cree=debut, connexion=recent),
        _compte("gest.durand", "Sophie", "Durand", cree=debut, connexion=recent),
        _compte(
            "gest.petit",
            "Marc",
            "Petit",
            cree=debut,
            connexion=_t(2026, 6, 1),
            cloture_le=_t(2026, 6, 30),
        ),
        _compte(
            "as.leroy",
            "Anne",
            "Leroy",
            cree=debut,
            connexion=recent,
            fonction=Fonction.ASSISTANT_SOCIAL,
            diplome_etat="DEASS 2012",
        ),
        _compte(
            "as.moreau",
            "Julie",
            "Moreau",
            cree=debut,
            connexion=recent,
            fonction=Fonction.ASSISTANT_SOCIAL,
        ),
        _compte(
            "cesf.roux",
            "Nadia",
            "Roux",
            cree=debut,
            connexion=_t(2026, 5, 12),
            fonction=Fonction.CONSEILLER_ESF,
            diplome_etat="DECESF 2018",
        ),
        _compte("pe.fournier", "Hugo", "Fournier", cree=debut, connexion=recent),
        _compte("cr.girard", "Emma", "Girard", cree=debut, connexion=recent),
        _compte(
            "ir.lambert",
            "Paul",
            "Lambert",
            cree=debut,
            connexion=recent,
            fonction=Fonction.INSTRUCTEUR_RSA,
            numero_instructeur=NumeroInstructeur.parse("093A1230100000"),
        ),
        Utilisateur(
            identifiant="ae.fontaine",
            prenom="Léa",
            nom="Fontaine",
            email=f"lea.fontaine@{_DOMAINE}",
            cree_le=_t(2026, 10, 2),
            mot_de_passe_temporaire=MotDePasseTemporaire(_t(2026, 10, 2)),
        ),
        _compte(
            "accueil.ccas",
            "CCAS",
            "Accueil",
            cree=debut,
            connexion=recent,
            email=f"accueil@{_DOMAINE}",
        ),
        _compte("afas.dupont", "Karim", "Dupont", cree=debut, connexion=recent),
        _compte(
            "afas.lefevre",
            "Inès",
            "Lefèvre",
            cree=debut,
            connexion=recent,
            email=f"ines.lefevre@{_DOMAINE}",
        ),
        _compte(
            "afas.habil",
            "Thomas",
            "Garnier",
            cree=debut,
            connexion=recent,
            email=f"thomas.garnier@{_DOMAINE}",
        ),
    ]
    groupes = [
        Groupe(
            code="T1AS",
            libelle="T1 Assistants sociaux",
            service=Service.CDAP,
            gestionnaire="gest.durand",
            role=ProfilT.T1,
            membres=frozenset({"as.leroy", "as.moreau"}),
        ),
        Groupe(
            code="T1CESF",
            libelle="T1 CESF",
            service=Service.CDAP,
            gestionnaire="gest.durand",
            role=ProfilT.T1,
            membres=frozenset({"cesf.roux"}),
        ),
        Groupe(
            code="T2PE",
            libelle="T2 Service Petite Enfance",
            service=Service.CDAP,
            gestionnaire="gest.petit",
            role=ProfilT.T2,
            membres=frozenset({"pe.fournier", "ae.fontaine", "accueil.ccas"}),
        ),
        Groupe(
            code="T2CR",
            libelle="T2 Service des Crèches",
            service=Service.CDAP,
            gestionnaire="gest.petit",
            membres=frozenset({"cr.girard"}),
        ),
        Groupe(
            code="T4RSA",
            libelle="Instructeurs RSA",
            service=Service.CDAP,
            gestionnaire="adm.bernard",
            role=ProfilT.T4,
            membres=frozenset({"ir.lambert"}),
        ),
        Groupe(
            code=GROUPE_AFAS_DECLARER,
            libelle="Déclarants AFAS",
            service=Service.AFAS,
            gestionnaire="adm.martin",
            membres=frozenset({"afas.dupont", "afas.lefevre"}),
        ),
        Groupe(
            code=GROUPE_AFAS_HABILITER,
            libelle="Habilitation AFAS",
            service=Service.AFAS,
            gestionnaire="adm.martin",
            membres=frozenset({"afas.habil"}),
        ),
    ]
    return Convention(
        numero="19_214",
        organisme="Centre communal d'action sociale de Saint-Exemple",
        caf="Caf de la Seine-Saint-Denis",
        gestion_deleguee=True,
        services=frozenset({Service.CDAP, Service.AFAS}),
        profils_contractuels=frozenset({ProfilT.T1, ProfilT.T2, ProfilT.T3, ProfilT.T4}),
        administrateurs=frozenset({"adm.martin", "adm.bernard"}),
        utilisateurs=comptes,
        groupes=groupes,
        afas=ConfigurationAfas(fda=frozenset({"afas.dupont"}), fdf=frozenset({"afas.lefevre"})),
        journal=JOURNAL_EXEMPLE,
    )
