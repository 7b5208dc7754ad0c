"""La simulation complète, référence de la simulation incrémentale (pour les tests).

``simuler`` ne recalcule que ce que les commandes ont pu changer (la « portée », lue dans
les événements ajoutés au journal). La référence recalcule tout : l'état de chaque compte
et deux audits entiers. Ce qui ne doit jamais arriver : que les deux diffèrent, ou qu'un
compte ou un groupe change hors de la portée.
"""

from __future__ import annotations

from datetime import datetime

from mcp_rules import Convention, Politique, Simulation, auditer
from mcp_rules.analyses.simulation import _changements, _cle_constat, _etat, _portee


def verifier_portee(c0: Convention, c1: Convention) -> bool:
    """Chaque compte et chaque groupe qui diffère de ``c0`` à ``c1`` est dans la portée ;
    rend ``False`` si la portée est la convention entière (simulation complète)."""
    portee = _portee(c0, c1)
    if portee is None:
        return False
    for k, u in c1._utilisateurs.items():
        if c0._utilisateurs.get(k) != u:
            assert k in portee.comptes, ("compte changé hors portée", k)
    for k, g in c1._groupes.items():
        if c0._groupes.get(k) != g:
            assert k in portee.groupes, ("groupe changé hors portée", k)
    assert set(c0._utilisateurs.keys()) <= set(c1._utilisateurs.keys())
    assert set(c0._groupes.keys()) <= set(c1._groupes.keys())
    return True


def verifier_comme_la_reference(
    s: Simulation, c0: Convention, t: datetime, politique: Politique | None = None
) -> None:
    """La simulation ``s`` (partie de ``c0``) dit exactement ce que dit la référence."""
    c1 = s.convention
    assert list(s.changements) == _changements(_etat(c0, t), _etat(c1, t), c1)
    avant = {_cle_constat(x): x for x in auditer(c0, instant=t, politique=politique).constats}
    apres = {_cle_constat(x): x for x in auditer(c1, instant=t, politique=politique).constats}
    assert list(s.nouveaux_constats) == [x for k, x in apres.items() if k not in avant]
    assert list(s.constats_resolus) == [x for k, x in avant.items() if k not in apres]
