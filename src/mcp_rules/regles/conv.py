"""CONV — la convention, ses services et la délégation.

Guide : « Introduction », « 2 - Les rôles / L'Administrateur partenaire »,
« 4 - L'ouverture d'un service », « 5 - Service CDAP / Créer un groupe ».
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from mcp_rules.fondations.acteurs import ActeurCaf
from mcp_rules.fondations.controles import cle
from mcp_rules.fondations.enumerations import Objet, ProfilT, RoleApplicatif, Service
from mcp_rules.modele import Groupe
from mcp_rules.modele.evenements import AdministrateurDesigne, Evenement
from mcp_rules.regles.contexte import ContexteAudit
from mcp_rules.regles.regle import Constat, E, Regle

CONV_01: Final = Regle(
    code="MCP-CONV-01",
    objet=Objet.CONVENTION,
    titre="Un service n'est ouvert que par la convention, le contrat de services et son "
    "bulletin d'adhésion",
    source="4 - L'ouverture d'un service de Mon Compte Partenaire",
    severite=E,
    description="Le partenaire n'utilise un service que s'il a signé la convention d'accès, un "
    "contrat de services rattaché et un bulletin d'adhésion pour ce service. Tout accès à un "
    "service non souscrit, ou tout groupe d'un tel service, est refusé.",
)
CONV_02: Final = Regle(
    code="MCP-CONV-02",
    objet=Objet.CONVENTION,
    titre="Une convention a un ou deux administrateurs partenaires",
    source="2 - Les rôles dans Mon Compte Partenaire / L'Administrateur partenaire",
    severite=E,
    description="Jamais aucun, jamais plus de deux. Un administrateur clôturé garde sa place "
    "jusqu'à ce que la Caf nomme son remplaçant ; si tous sont clôturés, c'est une erreur.",
    interpretations=(4, 10),
)
CONV_03: Final = Regle(
    code="MCP-CONV-03",
    titre="Seule la Caf désigne ou remplace un administrateur partenaire (annexe 3)",
    source="2 - Les rôles dans Mon Compte Partenaire / L'Administrateur partenaire",
    severite=E,
    description="Quand un administrateur quitte l'organisme, la Caf établit une annexe 3 à la "
    "convention pour le remplacer ; aucun acteur du partenaire ne peut ajouter ni remplacer un "
    "administrateur.",
    interpretations=(10,),
)
CONV_04: Final = Regle(
    code="MCP-CONV-04",
    objet=Objet.GROUPE,
    titre="Un profil T n'est affecté à un groupe que s'il figure au contrat de services",
    source="5 - Service CDAP / Créer un groupe",
    severite=E,
    description="Les profils T sont des rôles CDAP : un groupe CDAP ne reçoit que les profils "
    "listés au contrat de services de la convention. Un groupe ADONIS ou Offre-bailleurs ne "
    "reçoit que le rôle de son service, un groupe AFAS aucun.",
    interpretations=(15,),
)
CONV_05: Final = Regle(
    code="MCP-CONV-05",
    objet=Objet.CONVENTION,
    titre="Sans gestion déléguée, seule la Caf gère les habilitations",
    source="Introduction",
    severite=E,
    description="En mode délégué, les administrateurs et gestionnaires d'habilitations du "
    "partenaire gèrent les habilitations ; sinon, toute commande d'habilitation d'un acteur du "
    "partenaire est refusée.",
)
CONV_06: Final = Regle(
    code="MCP-CONV-06",
    titre="Être administrateur ne donne aucun rôle métier",
    source="2 - Les rôles dans Mon Compte Partenaire / L'Administrateur partenaire (A noter)",
    severite=E,
    description="Un administrateur n'accède aux données d'un service qu'à travers les rôles "
    "des groupes dont il est explicitement membre.",
)

REGLES: Final = (CONV_01, CONV_02, CONV_03, CONV_04, CONV_05, CONV_06)


def auditer(a: ContexteAudit) -> Iterator[Constat]:
    """Services, administrateurs, profils des rôles, délégation (d'après le journal)."""
    c = a.convention
    for g in c.groupes:
        yield from auditer_groupe(a, g)
    yield from auditer_convention(a)
    for i, e in enumerate(c.journal):
        yield from auditer_evenement(a, i, e)


def auditer_groupe(a: ContexteAudit, g: Groupe) -> Iterator[Constat]:
    """La part d'audit d'un groupe : son service souscrit (``MCP-CONV-01``), son rôle au
    contrat (``MCP-CONV-04``)."""
    c = a.convention
    if g.service not in c.services:
        yield CONV_01.constat(
            f"le groupe {g.code} relève du service {g.service.libelle}, que la convention ne "
            "souscrit pas",
            remede=f"Supprimez l'usage de {g.code} ou demandez à la Caf le "
            f"bulletin d'adhésion {g.service.libelle}.",
        )
    if g.role is not None:
        yield from _role_du_groupe(c.profils_contractuels, g)


def auditer_convention(a: ContexteAudit) -> Iterator[Constat]:
    """La part d'audit de la convention entière : AFAS configuré sans être souscrit,
    administrateurs (``MCP-CONV-01``, ``MCP-CONV-02``)."""
    c = a.convention
    if Service.AFAS not in c.services and not c.afas.est_vide:
        yield CONV_01.constat(
            "des rôles AFAS sont configurés alors que la convention ne souscrit pas AFAS",
            remede="Retirez ces rôles ou demandez le bulletin d'adhésion AFAS.",
        )
    n = len(c.administrateurs)
    if not 1 <= n <= 2:
        yield CONV_02.constat(
            (
                "la convention n'a aucun administrateur"
                if n == 0
                else f"la convention compte {n} administrateurs"
            )
            + " : il en faut un ou deux",
            remede="La Caf désigne ou retire les administrateurs par une annexe 3.",
        )
    elif all(not a.actif(c._utilisateurs[cle(x)]) for x in c.administrateurs):
        yield CONV_02.constat(
            "tous les administrateurs de la convention sont clôturés",
            remede="Demandez à la Caf de désigner un nouvel administrateur (annexe 3).",
        )


def auditer_evenement(a: ContexteAudit, i: int, e: Evenement) -> Iterator[Constat]:
    """La part d'audit d'un événement du journal (le ``i``-ième) : ``MCP-CONV-03``,
    ``MCP-CONV-05``."""
    c = a.convention
    if isinstance(e, AdministrateurDesigne) and not isinstance(e.par, ActeurCaf):
        yield CONV_03.constat(
            f"le journal (événement {i}) montre un administrateur, {e.identifiant}, désigné "
            f"par {e.par} : seule la Caf le peut",
            cible=e.identifiant,
        )
    elif (
        not c.gestion_deleguee
        and type(e).__name__ in _HABILITATIONS
        and not isinstance(e.par, ActeurCaf)
    ):
        yield CONV_05.constat(
            f"le journal (événement {i}, {type(e).__name__}) montre une habilitation gérée "
            f"par {e.par} alors que la convention n'est pas en gestion déléguée",
        )


def _role_du_groupe(contrat: frozenset[ProfilT], g: Groupe) -> Iterator[Constat]:
    """Le rôle d'un groupe est celui de son service : un profil T du contrat pour CDAP, le rôle
    applicatif pour ADONIS et Offre-bailleurs, aucun pour AFAS (interprétation 15)."""
    role = g.role
    assert role is not None  # noqa: S101 - garanti par l'appelant
    if g.service is Service.CDAP:
        if not isinstance(role, ProfilT):
            yield CONV_04.constat(
                f"le groupe CDAP {g.code} porte le rôle {role.value}, qui n'est pas un profil T",
                remede="Retirez ce rôle et affectez un profil T du contrat.",
                cible=g.code,
            )
        elif role not in contrat:
            yield CONV_04.constat(
                f"le groupe {g.code} porte le profil {role.value}, absent du contrat de services",
                remede="Retirez ce rôle, ou demandez à la Caf d'ajouter le profil au contrat.",
                cible=g.code,
            )
    elif role is not RoleApplicatif.du_service(g.service):
        yield CONV_04.constat(
            f"le groupe {g.code} ({g.service.value}) porte le rôle {role.value}, qui n'est pas "
            "un rôle de son service"
            + (" : un groupe AFAS n'a pas de rôle" if g.service is Service.AFAS else ""),
            remede="Retirez ce rôle.",
            cible=g.code,
        )


_HABILITATIONS: Final = frozenset({
    "GroupeCree", "RoleAffecte", "RoleRetire", "GestionnaireDesigne", "CompteCree",
    "MembreAjoute", "MembreRetire", "CompteCloture", "CompteReactive", "CompteModifie",
    "RoleAfasConfigure", "RoleAfasRetire", "Pj3Requise", "LibelleModifie",
})  # fmt: skip
