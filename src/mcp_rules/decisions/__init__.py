"""Couche 5, les décisions : les questions qu'un portail pose, chacune motivée.

:func:`~mcp_rules.peut` (qui peut faire quoi, :mod:`.autorisations`),
:func:`~mcp_rules.acces_cdap` et :func:`~mcp_rules.consulter_dossier` (:mod:`.acces`),
:func:`~mcp_rules.acces_service` (:mod:`.services`), :func:`~mcp_rules.eligibilite`
(:mod:`.eligibilite`), et le support (:mod:`.support`). Une décision lit la convention,
ne la change jamais et n'appelle aucune analyse : le plan qui donnerait un accès est
une analyse, plus haut.
"""
