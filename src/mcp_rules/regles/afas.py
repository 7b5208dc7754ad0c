"""AFAS — déclarer les données d'activité et financières.

Guide : « 5 - Service AFAS / Processus d'habilitation d'un utilisateur » et « La
configuration des rôles dans l'Administration des profils ».
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Final

from mcp_rules.fondations.controles import cle
from mcp_rules.fondations.enumerations import Objet, Service
from mcp_rules.modele import GROUPE_AFAS_DECLARER, ConfigurationAfas, Convention, Groupe
from mcp_rules.modele.index import Index
from mcp_rules.regles.contexte import ContexteAudit
from mcp_rules.regles.perimetre import groupe_afas
from mcp_rules.regles.regle import Constat, E, I, Regle, W

_AFAS: Final = "5 - Service AFAS / La configuration des rôles dans l'Administration des profils"

AFAS_01: Final = Regle(
    code="MCP-AFAS-01",
    titre="Déclarer dans AFAS : un compte, membre d'AFAS-DECLARER, avec un rôle AFAS",
    source="5 - Service AFAS / Processus d'habilitation d'un utilisateur",
    severite=E,
)
AFAS_02: Final = Regle(
    code="MCP-AFAS-02",
    titre="Les étapes AFAS sont faites par un administrateur, un gestionnaire ou un membre "
    "d'AFAS-HABILITER",
    source="5 - Service AFAS / Processus d'habilitation d'un utilisateur",
    severite=E,
    description="Créer le compte, l'ajouter à AFAS-DECLARER, configurer ses rôles.",
)
AFAS_03: Final = Regle(
    code="MCP-AFAS-03",
    titre="Rôles AFAS : deux FDA au plus, deux FDF au plus, un seul approbateur, tous membres "
    "d'AFAS-DECLARER",
    source=_AFAS,
    severite=E,
    interpretations=(11,),
)
AFAS_04: Final = Regle(
    code="MCP-AFAS-04",
    objet=Objet.CONVENTION,
    titre="Une configuration AFAS sans approbateur, sans FDA ou sans FDF est incomplète",
    source=_AFAS,
    severite=W,
)
AFAS_05: Final = Regle(
    code="MCP-AFAS-05",
    titre="Changer d'approbateur demande une PJ 3 ; le nouveau attend la validation de la Caf",
    source=_AFAS + " (A noter)",
    severite=E,
    description="Jusqu'à la validation dans MAIA, l'approbateur précédent reste en fonction.",
    interpretations=(11,),
)

REGLES: Final = (AFAS_01, AFAS_02, AFAS_03, AFAS_04, AFAS_05)


def auditer(a: ContexteAudit) -> Iterator[Constat]:
    """Cardinalités des rôles AFAS, appartenance à AFAS-DECLARER, complétude, approbation."""
    c = a.convention
    config = c.afas
    if Service.AFAS not in c.services:
        return
    for nom, titulaires in (("FDA", config.fda), ("FDF", config.fdf)):
        if len(titulaires) > MAX_PAR_ROLE:
            yield AFAS_03.constat(
                f"{len(titulaires)} titulaires du rôle {nom} ({', '.join(sorted(titulaires))}) : "
                f"{MAX_PAR_ROLE} au plus",
                remede=f"Retirez le rôle {nom} à l'excédent.",
            )
    declarants = _declarants(a)
    for chemin, ident in config.identifiants():
        if cle(ident) not in declarants:
            role = {
                "fda": "FDA",
                "fdf": "FDF",
                "approbateur": "approbateur",
                "approbateur_en_attente": "approbateur en attente",
            }[chemin]
            yield AFAS_03.constat(
                f"{ident} est {role} AFAS sans être membre d'{GROUPE_AFAS_DECLARER}",
                remede=f"Ajoutez {ident} à {GROUPE_AFAS_DECLARER}, ou retirez-lui ce rôle.",
                cible=ident,
            )
    manque = manques(c, config, a.instant)
    if manque:
        yield AFAS_04.constat(
            "configuration AFAS incomplète : " + " ; ".join(manque),
            remede="Configurez les rôles manquants dans l'administration des profils AFAS.",
        )
    if config.approbateur_en_attente is not None:
        if config.approbateur is None:
            yield AFAS_05.constat(
                f"{config.approbateur_en_attente} attend une validation alors qu'aucun "
                "approbateur n'est en fonction",
                cible=config.approbateur_en_attente,
            )
        else:
            yield AFAS_05.constat(
                f"{config.approbateur_en_attente} attend la validation de la Caf (PJ 3) ; "
                f"{config.approbateur} reste approbateur d'ici là",
                cible=config.approbateur_en_attente,
                severite=I,
            )


MAX_PAR_ROLE: Final = 2


def _actif(c: Convention, ident: str, t: datetime, clos: str | None) -> bool:
    u = c.trouver_utilisateur(ident)
    return u is not None and u.cle != clos and (u.cloture_le is None or t < u.cloture_le)


def manques(
    c: Convention, config: ConfigurationAfas, t: datetime, *, clos: str | None = None
) -> list[str]:
    """MCP-AFAS-04 : les rôles AFAS sans titulaire **actif** à l'instant ``t``.

    Un titulaire clôturé ne déclare plus : il ne compte pas (seul, il laisse le rôle vide).
    ``clos`` : la clé d'un compte à tenir pour clôturé (celui qu'une commande clôture).
    """
    resultat = []
    for quoi, titulaires in (
        ("approbateur", [config.approbateur] if config.approbateur is not None else []),
        ("FDA", sorted(config.fda)),
        ("FDF", sorted(config.fdf)),
    ):
        if any(_actif(c, x, t, clos) for x in titulaires):
            continue
        if not titulaires:
            resultat.append(f"aucun {quoi}")
        elif len(titulaires) == 1:
            resultat.append(f"aucun {quoi} en activité ({titulaires[0]} est clôturé)")
        else:
            resultat.append(f"aucun {quoi} en activité ({' et '.join(titulaires)} sont clôturés)")
    return resultat


def roles_afas(config: ConfigurationAfas, k: str, *, en_attente: bool = False) -> list[str]:
    """Les rôles AFAS que tient le compte de clé ``k`` (FDA, FDF, approbateur).

    ``en_attente`` : compter aussi l'approbateur qui attend la validation de la Caf.
    """
    roles = [
        nom
        for nom, titulaires in (("FDA", config.fda), ("FDF", config.fdf))
        if any(cle(x) == k for x in titulaires)
    ]
    if config.approbateur is not None and cle(config.approbateur) == k:
        roles.append("approbateur")
    attente = config.approbateur_en_attente
    if en_attente and attente is not None and cle(attente) == k:
        roles.append("approbateur en attente")
    return roles


def dans_declarer(c: Convention, g: Groupe) -> bool:
    """Vrai si le groupe est le vrai AFAS-DECLARER ou l'un de ses sous-groupes : du service
    AFAS (interprétation 22 ; un groupe d'un autre service qui en porte le nom n'en est pas)."""
    return groupe_afas(c, g, GROUPE_AFAS_DECLARER)


def est_declarant(c: Convention, idx: Index, k: str) -> bool:
    """Vrai si le compte de clé ``k`` est membre du vrai AFAS-DECLARER (ou d'un sous-groupe)."""
    return any(dans_declarer(c, c._groupes[gk]) for gk in idx.groupes_de(k))


def _declarants(a: ContexteAudit) -> set[str]:
    c = a.convention
    racines: dict[str, bool] = {}
    trouves: set[str] = set()
    for g in c.groupes:
        if g.service is not Service.AFAS:
            continue
        if g.cle not in racines:
            racines[g.cle] = dans_declarer(c, g)
        if racines[g.cle]:
            trouves.update(cle(m) for m in g.membres)
    return trouves
