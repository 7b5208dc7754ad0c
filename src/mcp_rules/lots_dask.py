"""Auditer un lot de conventions sur une grappe Dask (extra ``mcp-rules[dask]``) : le nom
public de :mod:`mcp_rules.interfaces.lots_dask`, où vit le code (et sa documentation)."""

from mcp_rules.interfaces.lots_dask import auditer_lot_dask, grappe_locale

__all__ = ["auditer_lot_dask", "grappe_locale"]
