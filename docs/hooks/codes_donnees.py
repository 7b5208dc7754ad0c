"""Hook mkdocs : la page « Erreurs de données », avec la table des codes tirée du code.

La page source, ``docs/erreurs.md``, contient l'explication et ses exemples (exécutés par la
suite de tests) et le marqueur :data:`MARQUEUR`, remplacé ici par :func:`markdown_codes` :
chaque code de :data:`mcp_rules.CODES_DONNEES`, avec son sens. Un code ajouté dans le code
apparaît donc de lui-même sur le site.

>>> from mcp_rules import CODES_DONNEES
>>> texte = markdown_codes()
>>> all(f"`{code}`" in texte for code in CODES_DONNEES)
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from mcp_rules import CODES_DONNEES

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

__all__ = ["MARQUEUR", "PAGE", "markdown_codes", "on_page_markdown"]

PAGE: Final = "erreurs.md"
MARQUEUR: Final = "<!-- codes-des-donnees -->"


def markdown_codes() -> str:
    """La table des codes d'erreur de données, dans l'ordre de ``CODES_DONNEES``."""
    lignes = ["| code | sens |", "|---|---|"]
    for code, sens in CODES_DONNEES.items():
        echappe = sens.replace("|", "\\|")
        lignes.append(f'| <span id="{code.lower()}"></span>`{code}` | {echappe} |')
    return "\n".join(lignes) + "\n"


def on_page_markdown(
    markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files, **_: Any
) -> str:
    """Remplace le marqueur de ``erreurs.md`` par la table ; laisse les autres pages."""
    if page.file.src_uri != PAGE:
        return markdown
    if MARQUEUR not in markdown:
        from mkdocs.exceptions import PluginError  # noqa: PLC0415 - seulement à la construction

        raise PluginError(f"docs/{PAGE} doit contenir le marqueur {MARQUEUR}")
    return markdown.replace(MARQUEUR, markdown_codes(), 1)
