"""Des conventions synthétiques déterministes : le nom public de
:mod:`mcp_rules.interfaces.generateur`."""

from mcp_rules.interfaces.generateur import INSTANT_REFERENCE, convention_synthetique

__all__ = ["INSTANT_REFERENCE", "convention_synthetique"]
