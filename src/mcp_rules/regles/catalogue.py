"""Le catalogue : chaque règle du guide, par son code stable.

Une collection statique, assemblée ici à partir des modules de règles, sans
enregistrement implicite : lire ce fichier suffit pour savoir ce que contient le
catalogue.

>>> from mcp_rules import CATALOGUE
>>> CATALOGUE["MCP-GRP-03"].titre
"Le libellé d'un groupe CDAP commence par son profil"
>>> CATALOGUE["MCP-GRP-03"].source
'5 - Service CDAP / Créer un groupe'
>>> len(CATALOGUE)
66
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from mcp_rules.fondations.rendu import md
from mcp_rules.regles import afas, cdap, conv, elig, grp, mdp, num, role, sec, supp, usr
from mcp_rules.regles.regle import Regle

__all__ = ["CATALOGUE", "DOMAINES", "en_texte"]

DOMAINES: Final[tuple[tuple[str, str], ...]] = (
    ("CONV", "Convention, services et délégation"),
    ("ROLE", "Qui peut faire quoi"),
    ("GRP", "Groupes"),
    ("USR", "Comptes"),
    ("ELIG", "Conditions d'accès aux profils CDAP"),
    ("NUM", "Numéro d'instructeur RSA"),
    ("MDP", "Connexion et mots de passe"),
    ("CDAP", "Consulter un dossier allocataire"),
    ("AFAS", "Service AFAS"),
    ("SUPP", "Support et contacts"),
    ("SEC", "Engagements de sécurité (annexe 2)"),
)
"""Les domaines du catalogue, dans l'ordre de rules.md, avec leur intitulé."""

CATALOGUE: Final[Mapping[str, Regle]] = MappingProxyType(
    {
        r.code: r
        for r in (
            *conv.REGLES,
            *role.REGLES,
            *grp.REGLES,
            *usr.REGLES,
            *elig.REGLES,
            *num.REGLES,
            *mdp.REGLES,
            *cdap.REGLES,
            *afas.REGLES,
            *supp.REGLES,
            *sec.REGLES,
        )
    }
)
"""Chaque règle par son code (lecture seule)."""


def en_texte(*, markdown: bool = False) -> str:
    """Le catalogue par domaine, pour un terminal ou en Markdown (``mcp-rules regles``) :
    code, sévérité (ou « documentée »), titre ; et la source du guide en Markdown."""
    lignes: list[str] = []
    for domaine, titre in DOMAINES:
        regles = [r for r in CATALOGUE.values() if r.domaine == domaine]
        if markdown:
            lignes.extend(
                [
                    f"## {domaine} — {titre}",
                    "",
                    "| code | sévérité | règle | source |",
                    "|---|---|---|---|",
                ]
            )
            lignes.extend(
                f"| {r.code} | {r.severite.libelle if r.automatisable else 'documentée'} | "
                f"{md(r.titre)} | {md(r.source)} |"
                for r in regles
            )
        else:
            lignes.append(f"{domaine} — {titre}")
            lignes.extend(
                f"  {r.code}  {(r.severite.libelle if r.automatisable else 'documentée'):<13} "
                f"{r.titre}"
                for r in regles
            )
        lignes.append("")
    return "\n".join(lignes)
