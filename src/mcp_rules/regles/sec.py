"""SEC — les engagements de sécurité que rappelle l'annexe 2 (« Respect des termes de la
convention »), pour les utilisateurs d'une part, les administrateurs et les gestionnaires
d'habilitations d'autre part.

La plupart sont des engagements de conduite, que des données ne peuvent pas vérifier : ils
sont au catalogue pour être cités (documentés, ``automatisable=False``). Un seul se voit
dans les données : le départ d'un administrateur ou d'un gestionnaire d'habilitations
(``MCP-SEC-05``). Clôturer un tel compte rappelle à qui le signaler ; l'audit signale un
administrateur clôturé que la Caf n'a pas encore remplacé.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Final

from mcp_rules.fondations.controles import cle
from mcp_rules.fondations.enumerations import Objet
from mcp_rules.fondations.francais import de, liste
from mcp_rules.modele import Convention, Utilisateur
from mcp_rules.modele.index import Index
from mcp_rules.regles.contexte import ContexteAudit
from mcp_rules.regles.regle import Constat, I, Regle, W

_UTILISATEUR: Final = "Annexe 2 / Vos obligations, utilisateur"
_RESPONSABLES: Final = "Annexe 2 / Vos obligations, administrateur et gestionnaire d'habilitations"

SEC_01: Final = Regle(
    code="MCP-SEC-01",
    objet=Objet.CONVENTION,
    titre="Protéger les services du portail contre tout accès ou usage non autorisé",
    source=_UTILISATEUR,
    severite=I,
    automatisable=False,
    description="Par exemple, ne jamais enregistrer son mot de passe sur un poste qui n'est pas "
    "sécurisé.",
)
SEC_02: Final = Regle(
    code="MCP-SEC-02",
    objet=Objet.CONVENTION,
    titre="Ne confier son identifiant et son mot de passe à personne, sous aucun prétexte",
    source=_UTILISATEUR,
    severite=I,
    automatisable=False,
)
SEC_03: Final = Regle(
    code="MCP-SEC-03",
    objet=Objet.CONVENTION,
    titre="Les données consultées sont confidentielles et couvertes par le secret professionnel",
    source=_UTILISATEUR,
    severite=I,
    automatisable=False,
)
SEC_04: Final = Regle(
    code="MCP-SEC-04",
    objet=Objet.CONVENTION,
    titre="Signaler à la Caf, sans attendre, tout incident de sécurité qui menace les données",
    source=_RESPONSABLES,
    severite=I,
    automatisable=False,
)
SEC_05: Final = Regle(
    code="MCP-SEC-05",
    titre="Le départ d'un administrateur ou d'un gestionnaire d'habilitations se signale vite",
    source=_RESPONSABLES,
    severite=W,
    description="Clôturer le compte d'un administrateur rappelle de prévenir la Caf, qui "
    "établit l'annexe 3 ; clôturer celui d'un gestionnaire rappelle de prévenir les "
    "administrateurs, qui désignent son successeur. L'audit signale un administrateur "
    "clôturé que la Caf n'a pas encore remplacé.",
)
SEC_06: Final = Regle(
    code="MCP-SEC-06",
    objet=Objet.CONVENTION,
    titre="Prendre connaissance du guide utilisateur publié sur le site de la Caf",
    source=_UTILISATEUR,
    severite=I,
    automatisable=False,
)

REGLES: Final = (SEC_01, SEC_02, SEC_03, SEC_04, SEC_05, SEC_06)


def depart(c: Convention, idx: Index, u: Utilisateur, quand: datetime) -> list[Constat]:
    """MCP-SEC-05 : ce que rappelle la clôture du compte d'un administrateur ou d'un
    gestionnaire d'habilitations (rien pour un autre compte)."""
    k = u.cle
    ident = u.identifiant
    le = quand.isoformat()
    if k in idx.administrateurs:
        return [
            SEC_05.constat(
                f"le compte {de(ident)}, administrateur partenaire, est clôturé à partir du "
                f"{le} ; il reste désigné à la convention tant que la Caf ne l'a pas remplacé",
                remede="S'il s'agit d'un départ, signalez-le sans attendre aux administrateurs "
                "MCP de la Caf, qui établissent une annexe 3 pour désigner son remplaçant.",
                cible=ident,
            )
        ]
    geres = sorted(c._groupes[gk].code for gk in idx.geres_par(k))
    if geres:
        return [
            SEC_05.constat(
                f"le compte {de(ident)}, gestionnaire d'habilitations "
                + (f"du groupe {geres[0]}" if len(geres) == 1 else f"des groupes {liste(geres)}")
                + f", est clôturé à partir du {le}",
                remede="S'il s'agit d'un départ, signalez-le sans attendre aux administrateurs "
                "partenaires, qui désignent un nouveau gestionnaire"
                + (" pour ce groupe." if len(geres) == 1 else " pour chacun de ces groupes."),
                cible=ident,
            )
        ]
    return []


def auditer(a: ContexteAudit) -> Iterator[Constat]:
    """Un administrateur clôturé que la Caf n'a pas encore remplacé."""
    c = a.convention
    for x in sorted(c.administrateurs, key=cle):
        u = c._utilisateurs.get(cle(x))
        if u is not None and not a.actif(u):
            assert u.cloture_le is not None  # noqa: S101 - inactif implique une clôture
            yield SEC_05.constat(
                f"l'administrateur {u.identifiant} est clôturé depuis le "
                f"{u.cloture_le.isoformat()} et figure toujours à la convention",
                remede="Si ce n'est déjà fait, signalez son départ à la Caf : elle établit "
                "l'annexe 3 qui désigne son remplaçant.",
                cible=u.identifiant,
            )
