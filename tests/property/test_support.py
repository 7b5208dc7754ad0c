"""Le support (MCP-SUPP-03) sur des conventions et des objets quelconques."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from mcp_rules import Convention, Decision, verifier_objet_demande
from mcp_rules import strategies as mst


def _suggere(d: Decision) -> str:
    (constat,) = d.constats
    trouve = re.search(r"« (.*) »", constat.remede)
    assert trouve is not None, constat.remede
    return trouve.group(1)


@given(mst.conventions(max_comptes=3, max_groupes=2, avec_journal=False), st.text(max_size=80))
@settings(max_examples=max(30, settings().max_examples // 2), deadline=None)
def test_l_objet_suggere_est_toujours_conforme(c: Convention, objet: str) -> None:
    """Quel que soit l'objet refusé, l'objet que propose le remède est accepté."""
    d = verifier_objet_demande(c, objet)
    if not d.autorise:
        assert verifier_objet_demande(c, _suggere(d)).autorise
