"""La convention d'exemple 19_214 : le nom public de :mod:`mcp_rules.interfaces.exemple`."""

from mcp_rules.interfaces.exemple import INSTANT_EXEMPLE, PROBLEMES, convention_exemple

__all__ = ["INSTANT_EXEMPLE", "PROBLEMES", "convention_exemple"]
