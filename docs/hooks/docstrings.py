"""Hook mkdocs : rendre lisibles, dans la référence de l'API, les docstrings écrites pour Sphinx.

Les docstrings de ``mcp_rules`` sont écrites pour ``doctest`` et pour Sphinx : leurs
exemples sont des blocs ``>>>`` nus, et elles renvoient aux autres objets par des
rôles (``:func:`~mcp_rules.peut```). mkdocstrings les rend en Markdown, où un bloc
``>>>`` nu devient un paragraphe (et ``['a', 'b']`` un faux lien) et où un rôle reste
tel quel. Ce hook ajoute une extension Markdown qui, hors des blocs de code :

- entoure chaque bloc ``>>>`` (jusqu'à la première ligne vide) d'un bloc de code
  ``pycon`` ;
- met les tableaux simples de reStructuredText (bordures ``=====  ====``) dans un bloc
  de texte, pour garder leurs colonnes alignées ;
- remplace chaque rôle Sphinx par le nom de l'objet en code (``peut``).

Les pages de la documentation, dont les exemples sont déjà dans des blocs de code,
n'en sont pas changées.

>>> convertir(["Texte :", "", ">>> 1 + 1", "2", "", "Fin."])
['Texte :', '', '```pycon', '>>> 1 + 1', '2', '```', '', 'Fin.']
>>> convertir(["==  ==", "a   b", "==  ==", "", "Suite."])
['```text', '==  ==', 'a   b', '==  ==', '```', '', 'Suite.']
>>> convertir(["Voir :func:`~mcp_rules.peut` et :class:`mcp_rules.Decision`."])
['Voir `peut` et `mcp_rules.Decision`.']
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Final

from markdown import Extension
from markdown.preprocessors import Preprocessor

if TYPE_CHECKING:
    from markdown import Markdown
    from mkdocs.config.defaults import MkDocsConfig

_CLOTURE: Final = re.compile(r"^\s*(`{3,}|~{3,})")
_BORDURE_RST: Final = re.compile(r"^=+( +=+)+\s*$")
_ROLE: Final = re.compile(r":(?:py:)?[a-z]+:`(~?)([^`<>]*?)(?:\s*<([^`>]+)>)?`")


def _role(trouve: re.Match[str]) -> str:
    tilde, texte, cible = trouve.group(1), trouve.group(2).strip(), trouve.group(3)
    if cible is not None:  # :func:`titre <cible>`
        return f"`{texte or cible}`"
    return f"`{texte.rsplit('.', 1)[-1] if tilde else texte}`"


def convertir(lignes: list[str]) -> list[str]:
    """Les lignes Markdown, blocs ``>>>`` mis en code et rôles Sphinx remplacés."""
    sortie: list[str] = []
    clotures: str | None = None
    dans_exemple = False  # dans un bloc >>> ou un tableau reStructuredText
    for ligne in lignes:
        if dans_exemple:
            if ligne.strip():
                sortie.append(ligne)
                continue
            sortie.extend(["```", ""])
            dans_exemple = False
            continue
        marque = _CLOTURE.match(ligne)
        if clotures is not None:
            sortie.append(ligne)
            if (
                marque
                and marque.group(1)[0] == clotures[0]
                and len(marque.group(1)) >= len(clotures)
            ):
                clotures = None
            continue
        if marque:
            clotures = marque.group(1)
            sortie.append(ligne)
            continue
        if ligne.startswith(">>>") or _BORDURE_RST.match(ligne):
            if sortie and sortie[-1].strip():
                sortie.append("")
            sortie.extend(["```pycon" if ligne.startswith(">>>") else "```text", ligne])
            dans_exemple = True
            continue
        sortie.append(_ROLE.sub(_role, ligne))
    if dans_exemple:
        sortie.append("```")
    return sortie


class _Doctests(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return convertir(lines)


class ExtensionDocstrings(Extension):
    """L'extension Markdown : avant les blocs de code (priorité 28 > 25)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - nom imposé par Markdown
        md.preprocessors.register(_Doctests(md), "mcp_doctests", 28)


def on_config(config: MkDocsConfig, **_: Any) -> MkDocsConfig:
    """Ajoute l'extension à celles des pages et, par la même liste, à celles de mkdocstrings."""
    config.markdown_extensions.append(ExtensionDocstrings())
    return config
