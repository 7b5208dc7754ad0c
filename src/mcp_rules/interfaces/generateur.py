"""Des conventions synthétiques, déterministes, de la taille qu'on veut (mesures, démonstrations).

Contrairement à :mod:`mcp_rules.strategies`, ce module n'a pas besoin d'hypothesis :
il construit en quelques secondes une convention de 100 000 comptes, toujours la
même pour une même graine. Sa forme suit ce qu'on rencontre : des groupes d'une
cinquantaine de comptes, 30 % des comptes dans deux groupes, 5 % de comptes
clôturés et quelques clôtures à venir, 3 % de groupes sans rôle, quelques rôles
hors contrat, une mise en place AFAS.

>>> from mcp_rules.generateur import convention_synthetique
>>> c = convention_synthetique(1_000, graine=7)
>>> c.nombre_utilisateurs, c.nombre_groupes
(1000, 22)
>>> convention_synthetique(1_000, graine=7) == c
True
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
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
from mcp_rules.valeurs.numero_instructeur import NumeroInstructeur

__all__ = ["INSTANT_REFERENCE", "convention_synthetique"]

INSTANT_REFERENCE: Final = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
"""L'instant autour duquel les dates des conventions synthétiques sont tirées."""

TAILLE_GROUPE: Final = 50
PART_DEUX_GROUPES: Final = 0.30
PART_CLOTURES: Final = 0.05
PART_CLOTURES_A_VENIR: Final = 0.01
PART_GROUPES_SANS_ROLE: Final = 0.03
PROFILS_CONTRAT: Final = frozenset(
    {ProfilT.T1, ProfilT.T2, ProfilT.T3, ProfilT.T4, ProfilT.T5, ProfilT.T6, ProfilT.T9}
)
_PROFILS_GROUPES: Final = (
    ProfilT.T1, ProfilT.T2, ProfilT.T3, ProfilT.T4, ProfilT.T5,
    ProfilT.T6, ProfilT.T9, ProfilT.T2, ProfilT.T3, ProfilT.T7,
)  # fmt: skip
_LIBELLES: Final = {
    ProfilT.T1: "Assistants sociaux",
    ProfilT.T2: "Petite enfance",
    ProfilT.T3: "Accueil des familles",
    ProfilT.T4: "Instructeurs RSA",
    ProfilT.T5: "Logement",
    ProfilT.T6: "Insertion",
    ProfilT.T7: "Équipe projet",
    ProfilT.T9: "Mandataires judiciaires",
}
_FONCTION_DU_PROFIL: Final = {
    ProfilT.T1: (Fonction.ASSISTANT_SOCIAL, Fonction.CONSEILLER_ESF),
    ProfilT.T4: (Fonction.INSTRUCTEUR_RSA,),
    ProfilT.T9: (Fonction.MANDATAIRE_JUDICIAIRE, Fonction.TUTEUR, Fonction.CURATEUR),
}
_PRENOMS: Final = (
    "Anne", "Paul", "Julie", "Karim", "Sophie", "Luc", "Nadia", "Hugo", "Emma", "Inès",
    "Thomas", "Léa", "Marc", "Claire", "Yanis", "Fatou", "Jean", "Chloé", "Omar", "Lucie",
)  # fmt: skip
_NOMS: Final = (
    "Martin", "Bernard", "Durand", "Petit", "Leroy", "Moreau", "Roux", "Fournier",
    "Girard", "Lambert", "Fontaine", "Dupont", "Lefèvre", "Garnier", "Diallo", "Nguyen",
)  # fmt: skip
_DOMAINES: Final = (
    "ville-exemple.fr",
    "ccas-exemple.fr",
    "departement-exemple.fr",
    "association-exemple.org",
    "udaf-exemple.fr",
)
_ASCII: Final = str.maketrans("éèêëàâîïôöùûüçÉÈ", "eeeeaaiioouuucEE")


def convention_synthetique(
    nombre_comptes: int,
    *,
    graine: int = 0,
    instant: datetime = INSTANT_REFERENCE,
) -> Convention:
    """Une convention de ``nombre_comptes`` comptes, la même pour une même graine."""
    if nombre_comptes < 2:
        raise ValueError("il faut au moins deux comptes (les administrateurs)")
    alea = random.Random(graine)
    nombre_groupes = max(1, nombre_comptes // TAILLE_GROUPE)
    roles: list[ProfilT | None] = []
    for i in range(nombre_groupes):
        role: ProfilT | None = _PROFILS_GROUPES[i % len(_PROFILS_GROUPES)]
        if alea.random() < PART_GROUPES_SANS_ROLE:
            role = None
        roles.append(role)
    debut = instant - timedelta(days=3 * 365)
    identifiants = [f"agent{i:06d}" for i in range(nombre_comptes)]
    premier_groupe = [min(i // TAILLE_GROUPE, nombre_groupes - 1) for i in range(nombre_comptes)]
    comptes = [
        _compte(alea, i, ident, roles[premier_groupe[i]], debut, instant)
        for i, ident in enumerate(identifiants)
    ]
    membres: list[list[str]] = [[] for _ in range(nombre_groupes)]
    for i, ident in enumerate(identifiants):
        membres[premier_groupe[i]].append(ident)
        if nombre_groupes > 1 and alea.random() < PART_DEUX_GROUPES:
            autre = alea.randrange(nombre_groupes)
            if autre != premier_groupe[i] and _compatible(roles[autre], comptes[i].fonction):
                membres[autre].append(ident)
    groupes = _groupes_cdap(roles, membres, identifiants)
    declarants = identifiants[2:7] if nombre_comptes >= 7 else identifiants[:1]
    groupes.extend(_groupes_afas(identifiants, declarants))
    return Convention(
        numero=f"{graine % 100:02d}_{nombre_comptes % 1000:03d}",
        organisme="Organisme synthétique",
        caf="Caf de la Seine-Saint-Denis",
        services=frozenset({Service.CDAP, Service.AFAS}),
        profils_contractuels=PROFILS_CONTRAT,
        administrateurs=frozenset(identifiants[:2]),
        utilisateurs=comptes,
        groupes=groupes,
        afas=ConfigurationAfas(
            fda=frozenset(declarants[:2]),
            fdf=frozenset(declarants[2:4]),
            approbateur=declarants[-1],
        ),
    )


def _compte(
    alea: random.Random,
    i: int,
    ident: str,
    role: ProfilT | None,
    debut: datetime,
    instant: datetime,
) -> Utilisateur:
    """Le compte n° ``i`` ; l'ordre des tirages fait la reproductibilité : ne pas le changer."""
    prenom = _PRENOMS[alea.randrange(len(_PRENOMS))]
    nom = _NOMS[alea.randrange(len(_NOMS))]
    cree = debut + timedelta(minutes=alea.randrange(2 * 365 * 24 * 60))
    fonctions = _FONCTION_DU_PROFIL.get(role) if role is not None else None
    fonction = fonctions[alea.randrange(len(fonctions))] if fonctions else Fonction.AUTRE
    tirage = alea.random()
    cloture = None
    if tirage < PART_CLOTURES:
        cloture = cree + timedelta(days=alea.randrange(1, 300))
        cloture = min(cloture, instant - timedelta(days=1))
    elif tirage < PART_CLOTURES + PART_CLOTURES_A_VENIR:
        cloture = instant + timedelta(days=alea.randrange(1, 90))
    connexion = instant - timedelta(minutes=alea.randrange(1, 200 * 24 * 60))
    return Utilisateur(
        identifiant=ident,
        nom=nom,
        prenom=prenom,
        email=f"{prenom}.{nom}.{i}@{_DOMAINES[i % len(_DOMAINES)]}".translate(_ASCII),
        cree_le=cree,
        fonction=fonction,
        cloture_le=cloture if cloture is None or cloture >= cree else cree,
        derniere_connexion=max(connexion, cree),
        mot_de_passe_personnalise=True,
        numero_instructeur=_numero(alea) if fonction is Fonction.INSTRUCTEUR_RSA else None,
        diplome_etat="DEASS" if fonction is Fonction.ASSISTANT_SOCIAL else None,
        mandats=frozenset({f"{alea.randrange(10**6, 10**7)}"})
        if role is ProfilT.T9
        else frozenset(),
    )


def _groupes_cdap(
    roles: list[ProfilT | None], membres: list[list[str]], identifiants: list[str]
) -> list[Groupe]:
    groupes = []
    for j, role in enumerate(roles):
        libelle = _LIBELLES[role] if role is not None else "Service"
        prefixe = role.value if role is not None else _PROFILS_GROUPES[j % 10].value
        groupes.append(
            Groupe(
                code=f"{prefixe}G{j:05d}",
                libelle=f"{prefixe} {libelle} {j}",
                service=Service.CDAP,
                gestionnaire=identifiants[(j * TAILLE_GROUPE + 2) % len(identifiants)],
                role=role,
                membres=frozenset(membres[j]),
            )
        )
    return groupes


def _groupes_afas(identifiants: list[str], declarants: list[str]) -> list[Groupe]:
    return [
        Groupe(
            code=GROUPE_AFAS_DECLARER,
            libelle="Déclarants AFAS",
            service=Service.AFAS,
            gestionnaire=identifiants[0],
            membres=frozenset(declarants),
        ),
        Groupe(
            code=GROUPE_AFAS_HABILITER,
            libelle="Habilitation AFAS",
            service=Service.AFAS,
            gestionnaire=identifiants[0],
            membres=frozenset(identifiants[1:2]),
        ),
    ]


def _compatible(role: ProfilT | None, fonction: Fonction) -> bool:
    if role is None:
        return True
    permises = _FONCTION_DU_PROFIL.get(role)
    return permises is None or fonction in permises


def _numero(alea: random.Random) -> NumeroInstructeur:
    return NumeroInstructeur(
        departement="093",
        type_instructeur="ABCD"[alea.randrange(4)],
        commune=f"{alea.randrange(1000):03d}",
        rang=f"{alea.randrange(100):02d}",
    )
