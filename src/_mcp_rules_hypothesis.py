"""Le greffon hypothesis de ``mcp_rules`` : ``st.from_type(Convention)`` sans autre import.

Hypothesis appelle :func:`enregistrer` à **chaque** ``import hypothesis`` de
l'environnement, même dans un projet qui n'utilise pas ``mcp_rules``. Ce module est donc
hors du paquet (le charger n'importe pas ``mcp_rules``) et ne fait rien tant que
``mcp_rules`` n'est pas importé : il coûte un test. Les stratégies s'enregistrent
auprès d'hypothesis au premier des deux imports qui les rend utiles :

- ``mcp_rules`` déjà importé quand hypothesis se charge : ici même ;
- hypothesis déjà chargé quand ``mcp_rules`` s'importe : à la fin de
  ``mcp_rules/__init__.py``.
"""

from __future__ import annotations

import importlib
import sys

__all__ = ["enregistrer"]


def enregistrer() -> None:
    """Point d'entrée ``hypothesis`` : enregistre les stratégies si ``mcp_rules`` sert."""
    # Un module « mcp_rules » bloqué (None) ou remplacé par un simple module (un test qui
    # simule son absence) n'est pas la bibliothèque : rien à enregistrer, et surtout pas
    # d'échec qui empêcherait « import hypothesis ».
    paquet = sys.modules.get("mcp_rules")
    if paquet is not None and hasattr(paquet, "__path__"):
        # Le module des stratégies s'enregistre à son import (et une seule fois).
        importlib.import_module("mcp_rules.interfaces.strategies")
