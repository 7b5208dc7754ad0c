"""Les relations qui disent la portée d'un acteur : les groupes qu'il gère, les comptes sous sa
responsabilité, les vrais groupes AFAS.

Ce sont les prédicats nommés qu'emploient la table des droits (:mod:`.droits`), les
décisions, les commandes, les plans et l'audit : une seule définition de chacun pour toute
la bibliothèque.

- :func:`gere` : l'acteur gère ce groupe, ou l'un de ses ancêtres (« les groupes qu'il
  gère » s'entendent avec leurs sous-groupes).
- :func:`sous_sa_responsabilite` (interprétation 14) : **chaque** groupe du compte est un
  groupe qu'il gère ; le compte n'est ni celui d'un administrateur, ni celui du
  gestionnaire d'un groupe qu'il ne gère pas. Un compte qui n'est dans aucun groupe relève
  des administrateurs ; les groupes du vrai AFAS-DECLARER ne comptent pas (interprétation 24).
- :func:`groupe_afas` (interprétation 22) : un vrai groupe AFAS — du service AFAS, qui est
  ``AFAS-DECLARER`` ou ``AFAS-HABILITER`` (à la casse près) ou l'un de leurs sous-groupes.
  Un groupe d'un autre service qui porterait ce nom ne donne ni droit ni accès AFAS.
"""

from __future__ import annotations

from typing import Final

from mcp_rules.fondations.controles import cle
from mcp_rules.fondations.enumerations import Service
from mcp_rules.modele import (
    GROUPE_AFAS_DECLARER,
    GROUPE_AFAS_HABILITER,
    Convention,
    Groupe,
    Utilisateur,
)
from mcp_rules.modele.index import Index, ancetres

__all__ = [
    "CODES_AFAS",
    "descend_de",
    "gere",
    "gere_afas_declarer",
    "gere_un_groupe_de",
    "groupe_afas",
    "membre_afas_habiliter",
    "sous_sa_responsabilite",
]

CODES_AFAS: Final = frozenset({cle(GROUPE_AFAS_DECLARER), cle(GROUPE_AFAS_HABILITER)})
"""Les codes réservés aux groupes AFAS de la Caf, en minuscules (interprétation 22)."""


def gere(c: Convention, acteur: str, groupe: Groupe, *, strict: bool = False) -> bool:
    """Vrai si ``acteur`` (une clé) gère ce groupe ou l'un de ses ancêtres.

    ``strict`` : seulement un ancêtre (le groupe est alors un sous-groupe du sien).
    """
    for i, g in enumerate(ancetres(c, groupe)):
        if (i or not strict) and cle(g.gestionnaire) == acteur:
            return True
    return False


def descend_de(c: Convention, groupe: Groupe, code: str) -> bool:
    """Vrai si ce groupe est le groupe ``code`` ou l'un de ses sous-groupes."""
    k = cle(code)
    return any(g.cle == k for g in ancetres(c, groupe))


def groupe_afas(c: Convention, groupe: Groupe, code: str) -> bool:
    """Vrai si ce groupe est le vrai groupe AFAS ``code`` (du service AFAS) ou un sous-groupe.

    Un sous-groupe a le service de son parent (la convention le garantit) : un groupe du
    service AFAS n'a que des ancêtres AFAS.
    """
    return groupe.service is Service.AFAS and descend_de(c, groupe, code)


def membre_afas_habiliter(c: Convention, idx: Index, acteur: str) -> bool:
    """Vrai si le compte est membre du vrai AFAS-HABILITER (ou de l'un de ses sous-groupes)."""
    return any(
        groupe_afas(c, c._groupes[gk], GROUPE_AFAS_HABILITER) for gk in idx.groupes_de(acteur)
    )


def gere_afas_declarer(c: Convention, acteur: str) -> bool:
    """Vrai si le compte gère le vrai AFAS-DECLARER."""
    declarer = c.trouver_groupe(GROUPE_AFAS_DECLARER)
    return declarer is not None and declarer.service is Service.AFAS and gere(c, acteur, declarer)


def sous_sa_responsabilite(c: Convention, idx: Index, acteur: str, compte: Utilisateur) -> bool:
    """Vrai si le compte est sous la responsabilité de l'acteur (une clé), au sens de
    l'interprétation 14 : dans au moins un groupe, tous gérés par lui ; ni administrateur, ni
    gestionnaire d'un groupe qu'il ne gère pas.

    Les groupes du vrai AFAS-DECLARER ne comptent pas (interprétation 24) : son gestionnaire
    et les membres d'AFAS-HABILITER y mettent tout compte actif, et cette appartenance ne
    donne de droit sur le compte à personne. Un compte qui n'est que dans AFAS-DECLARER
    relève, comme un compte sans groupe, des administrateurs.
    """
    k = compte.cle
    if k in idx.administrateurs:
        return False
    groupes = [
        g
        for g in (c._groupes[gk] for gk in idx.groupes_de(k))
        if not groupe_afas(c, g, GROUPE_AFAS_DECLARER)
    ]
    if not groupes or not all(gere(c, acteur, g) for g in groupes):
        return False
    return all(gere(c, acteur, c._groupes[gk]) for gk in idx.geres_par(k))


def gere_un_groupe_de(c: Convention, idx: Index, gestionnaire: str, membre: str) -> bool:
    """Vrai si ``gestionnaire`` (une clé) gère un groupe dont ``membre`` (une clé) est membre,
    ou l'un de ses ancêtres : « nul n'habilite son propre gestionnaire »."""
    return any(gere(c, gestionnaire, c._groupes[gk]) for gk in idx.groupes_de(membre))
