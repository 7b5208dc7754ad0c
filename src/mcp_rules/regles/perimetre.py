"""Les relations qui disent la portée d'un acteur : les groupes qu'il gère, les comptes qu'ils
contiennent, l'appartenance aux groupes AFAS.

Ce sont les prédicats nommés qu'emploient les décisions (:func:`~mcp_rules.peut`), les
commandes et les plans : une seule définition de « gérer un groupe » pour toute la
bibliothèque. Les « groupes qu'il gère » s'entendent avec leurs sous-groupes.
"""

from __future__ import annotations

from mcp_rules.fondations.controles import cle
from mcp_rules.modele import GROUPE_AFAS_HABILITER, Convention, Groupe, Utilisateur
from mcp_rules.modele.index import Index, ancetres

__all__ = ["dans_perimetre", "descend_de", "gere", "membre_afas_habiliter"]


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


def membre_afas_habiliter(c: Convention, idx: Index, acteur: str) -> bool:
    """Vrai si le compte est membre d'AFAS-HABILITER (ou de l'un de ses sous-groupes)."""
    for gk in idx.groupes_de(acteur):
        if descend_de(c, c._groupes[gk], GROUPE_AFAS_HABILITER):
            return True
    return False


def dans_perimetre(c: Convention, idx: Index, acteur: str, compte: Utilisateur) -> bool:
    """Vrai si le compte appartient à au moins un groupe que l'acteur gère."""
    return any(gere(c, acteur, c._groupes[gk]) for gk in idx.groupes_de(compte.cle))
