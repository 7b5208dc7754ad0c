"""GRP — les groupes : un rôle au plus, un code fixe, un libellé qui commence par son profil.

Guide : « 5 - Service CDAP / Créer un groupe », « Étapes indispensables »,
« 5 - Service AFAS », « La mise à jour des Gestionnaires d'habilitations ».

Le libellé d'un groupe CDAP commence par le profil de son rôle (interprétation 3) :
le code du profil, sans tenir compte de la casse, suivi de la fin du libellé ou
d'un caractère qui n'est ni une lettre ni un chiffre.

>>> from mcp_rules import ProfilT
>>> libelle_conforme("T1 Assistants sociaux", ProfilT.T1), libelle_conforme("t1-CESF", ProfilT.T1)
(True, True)
>>> libelle_conforme("T10 Bailleurs", ProfilT.T1), libelle_conforme("T1AS", ProfilT.T1)
(False, False)
>>> profil_du_libelle("T2 Service des Crèches")
<ProfilT.T2: 'T2'>
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from mcp_rules.fondations.acteurs import ActeurCaf
from mcp_rules.fondations.controles import cle
from mcp_rules.fondations.enumerations import Objet, ProfilT, Service
from mcp_rules.modele import Groupe
from mcp_rules.modele.evenements import Evenement, GroupeCree
from mcp_rules.regles.contexte import ContexteAudit
from mcp_rules.regles.perimetre import CODES_AFAS
from mcp_rules.regles.regle import Constat, E, I, Regle, W

_CREER: Final = "5 - Service CDAP / Créer un groupe"

GRP_01: Final = Regle(
    code="MCP-GRP-01",
    objet=Objet.GROUPE,
    titre="Un groupe porte au plus un rôle",
    source=_CREER,
    severite=E,
    description="Affecter un rôle à un groupe qui en a déjà un est refusé : il faut d'abord "
    "retirer le premier.",
)
GRP_02: Final = Regle(
    code="MCP-GRP-02",
    objet=Objet.GROUPE,
    titre="Le code d'un groupe est unique et ne change jamais",
    source=_CREER,
    severite=E,
    description="Le partenaire choisit le code à la création ; il est unique dans la convention "
    "(sans tenir compte de la casse) et ne peut plus être modifié.",
    interpretations=(9,),
)
GRP_03: Final = Regle(
    code="MCP-GRP-03",
    objet=Objet.GROUPE,
    titre="Le libellé d'un groupe CDAP commence par son profil",
    source=_CREER,
    severite=E,
    description="Par exemple « T1 Assistants sociaux » pour un groupe de rôle T1. Le libellé "
    "peut changer, mais jamais au point de ne plus commencer par le profil.",
    interpretations=(3,),
)
GRP_04: Final = Regle(
    code="MCP-GRP-04",
    objet=Objet.GROUPE,
    titre="Un groupe est créé avec son gestionnaire d'habilitations",
    source=_CREER,
    severite=E,
    description="Si le gestionnaire n'a pas encore de compte, le compte est créé dans le même "
    "geste et reçoit son identifiant et son mot de passe temporaire.",
)
GRP_05: Final = Regle(
    code="MCP-GRP-05",
    objet=Objet.GROUPE,
    titre="Un groupe sans rôle ne donne rien à ses membres",
    source="5 - Les missions de l'administrateur Partenaire / Étapes indispensables",
    severite=W,
    description="Quel que soit son service (AFAS garde son propre modèle) ; signalé tant qu'il "
    "dure, au nom du groupe.",
    interpretations=(15, 20),
)
GRP_06: Final = Regle(
    code="MCP-GRP-06",
    objet=Objet.CONVENTION,
    titre="Chaque profil du contrat devrait avoir son groupe",
    source=_CREER,
    severite=I,
    description="Un profil CDAP souscrit au contrat qu'aucun groupe ne porte est signalé.",
)
GRP_07: Final = Regle(
    code="MCP-GRP-07",
    objet=Objet.GROUPE,
    titre="Les groupes AFAS sont créés par la Caf seule",
    source="5 - Service AFAS / La configuration des rôles",
    severite=E,
    description="AFAS-DECLARER, AFAS-HABILITER et leurs sous-groupes. Ces deux codes sont "
    "réservés au service AFAS : un groupe d'un autre service ne peut pas les porter, et ne "
    "donnerait de toute façon ni droit ni accès AFAS.",
    interpretations=(1, 22),
)
GRP_08: Final = Regle(
    code="MCP-GRP-08",
    objet=Objet.GROUPE,
    titre="Le gestionnaire d'un groupe a un compte actif",
    source="5 - Les missions de l'administrateur Partenaire / La mise à jour des "
    "Gestionnaires d'habilitations",
    severite=E,
    description="Un groupe dont le gestionnaire est clôturé est en erreur jusqu'à la "
    "désignation d'un nouveau gestionnaire.",
)

REGLES: Final = (GRP_01, GRP_02, GRP_03, GRP_04, GRP_05, GRP_06, GRP_07, GRP_08)

_PROFILS_PAR_LONGUEUR: Final = sorted(ProfilT, key=lambda p: -len(p.value))


def libelle_conforme(libelle: str, profil: ProfilT) -> bool:
    """Vrai si le libellé commence par ce profil (interprétation 3)."""
    code = profil.value
    if libelle[: len(code)].upper() != code:
        return False
    suite = libelle[len(code) : len(code) + 1]
    return not suite or not (suite.isascii() and suite.isalnum())


def profil_du_libelle(libelle: str) -> ProfilT | None:
    """Le profil par lequel commence le libellé, s'il y en a un."""
    for profil in _PROFILS_PAR_LONGUEUR:
        if libelle_conforme(libelle, profil):
            return profil
    return None


def _sans_acces(n: int) -> str:
    if n == 0:
        return "il n'a aucun membre"
    if n == 1:
        return "son membre n'en tire aucun accès"
    return f"ses {n} membres n'en tirent aucun accès"


def auditer(a: ContexteAudit) -> Iterator[Constat]:
    """Libellés, groupes sans rôle, profils sans groupe, groupes AFAS, gestionnaires clos."""
    c = a.convention
    for g in c.groupes:
        yield from auditer_groupe(a, g)
    yield from auditer_convention(a)
    for i, e in enumerate(c.journal):
        yield from auditer_evenement(a, i, e)


def auditer_groupe(a: ContexteAudit, g: Groupe) -> Iterator[Constat]:
    """La part d'audit d'un groupe : ``MCP-GRP-03``, ``-05``, ``-07`` (code réservé),
    ``-08``."""
    c = a.convention
    if g.service is Service.CDAP:
        if isinstance(g.role, ProfilT):
            if not libelle_conforme(g.libelle, g.role):
                yield GRP_03.constat(
                    f"le libellé « {g.libelle} » du groupe {g.code} ne commence pas par son "
                    f"profil {g.role.value}",
                    remede=f"Renommez-le, par exemple « {g.role.value} {g.libelle} ».",
                    cible=g.code,
                )
        elif g.role is None and profil_du_libelle(g.libelle) is None:
            yield GRP_03.constat(
                f"le libellé « {g.libelle} » du groupe {g.code} ne commence par aucun profil",
                remede="Faites-le commencer par le profil T que le groupe doit porter (par "
                "exemple « T2 Crèches »).",
                cible=g.code,
            )
    if g.role is None and g.service is not Service.AFAS:
        yield GRP_05.constat(
            f"le groupe {g.code}"
            + ("" if g.service is Service.CDAP else f" ({g.service.value})")
            + f" n'a pas de rôle : {_sans_acces(len(g.membres))}",
            remede=f"Affectez à {g.code} "
            + ("un profil T." if g.service is Service.CDAP else "le rôle de son service."),
            cible=g.code,
        )
    if g.cle in CODES_AFAS and g.service is not Service.AFAS:
        yield GRP_07.constat(
            f"le groupe {g.code} relève de {g.service.value} mais porte un code réservé au "
            "groupe AFAS de la Caf : il ne donne ni droit ni accès AFAS",
            remede="Demandez à la Caf de supprimer ce groupe ou de le renommer.",
            cible=g.code,
        )
    gestionnaire = c._utilisateurs[cle(g.gestionnaire)]
    if not a.actif(gestionnaire):
        yield GRP_08.constat(
            f"le gestionnaire de {g.code}, {gestionnaire.identifiant}, a un compte clôturé",
            remede=f"Désignez un nouveau gestionnaire d'habilitations pour {g.code}.",
            cible=g.code,
        )


def auditer_convention(a: ContexteAudit) -> Iterator[Constat]:
    """La part d'audit de la convention entière : ``MCP-GRP-06``."""
    c = a.convention
    profils_portes = {
        g.role
        for g in c._groupes.values()
        if g.service is Service.CDAP and isinstance(g.role, ProfilT)
    }
    if Service.CDAP in c.services:
        for profil in sorted(c.profils_contractuels - profils_portes, key=lambda p: p.rang):
            yield GRP_06.constat(
                f"le profil {profil.value} figure au contrat mais aucun groupe ne le porte",
                remede=f"Créez un groupe « {profil.value} … » et affectez-lui le rôle "
                f"{profil.value}, si l'organisme en a l'usage.",
            )


def auditer_evenement(a: ContexteAudit, i: int, e: Evenement) -> Iterator[Constat]:
    """La part d'audit d'un événement du journal (le ``i``-ième) : ``MCP-GRP-07``."""
    del a
    if isinstance(e, GroupeCree) and e.service is Service.AFAS and not isinstance(e.par, ActeurCaf):
        yield GRP_07.constat(
            f"le journal (événement {i}) montre que {e.par} a créé le groupe {e.groupe}, du "
            "service AFAS : seule la Caf crée les groupes AFAS",
            remede="Signalez-le à la Caf, qui régularise le groupe.",
            cible=e.groupe,
        )
