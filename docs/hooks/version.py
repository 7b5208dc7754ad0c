"""Hook mkdocs : la version du paquet et sa licence, au pied de chaque page.

La version est celle de ``mcp_rules.__version__`` (tirée des étiquettes git à la
construction du paquet) : le site dit toujours de quelle version il parle.

>>> pied("0.1.0")
'mcp_rules 0.1.0 — licence MIT'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mcp_rules import __version__

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

__all__ = ["on_config", "pied"]


def pied(version: str) -> str:
    """Le texte du pied de page."""
    return f"mcp_rules {version} — licence MIT"


def on_config(config: MkDocsConfig, **_: Any) -> MkDocsConfig:
    """Pose le pied de page (``copyright``) avec la version construite."""
    config.copyright = pied(__version__)
    return config
