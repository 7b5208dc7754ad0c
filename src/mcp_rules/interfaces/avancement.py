"""L'avancement d'un lot sur la sortie d'erreur de ``mcp-rules audit``.

Dans un terminal, une seule ligne qui se récrit à chaque pour cent gagné ; ailleurs (un
journal, ``--progression oui``), une ligne tous les dix pour cent. À la fin, le bilan du
lot par verdict. La sortie normale, elle, ne reçoit que les lignes JSON.

>>> import io
>>> from mcp_rules.lots import Verdict
>>> flux = io.StringIO()
>>> avancement = Avancement(flux, terminal=False)
>>> for faits in range(0, 1001, 50):
...     avancement(faits, 1000)
>>> avancement.terminer({Verdict.CONFORME: 990, Verdict.ENTREE_INVALIDE: 10})
>>> print(flux.getvalue(), end="")
audit : 0 / 1 000 conventions (0 %)
audit : 100 / 1 000 conventions (10 %)
...
audit : 1 000 / 1 000 conventions (100 %)
audit : 1 000 conventions : 990 conformes, 10 entrées invalides
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Final, TextIO

from mcp_rules.fondations.rendu import nombre
from mcp_rules.interfaces.lots import Verdict, auditer_lot
from mcp_rules.modele import Politique

__all__ = ["Avancement", "ecrire_lot"]

_BILAN: Final = (
    (Verdict.CONFORME, "conforme", "conformes"),
    (Verdict.NON_CONFORME, "non conforme", "non conformes"),
    (Verdict.ENTREE_INVALIDE, "entrée invalide", "entrées invalides"),
    (Verdict.DEFAUT_INTERNE, "défaut interne", "défauts internes"),
)


class Avancement:
    """Appelée avec ``(faits, total)`` après chaque paquet d'un lot ; ``terminer`` en fin."""

    def __init__(self, flux: TextIO, *, terminal: bool) -> None:
        self._flux = flux
        self._terminal = terminal
        self._dernier: int | None = None

    def __call__(self, faits: int, total: int) -> None:
        """Écrit l'avancement s'il a gagné un pour cent (terminal) ou dix (ailleurs)."""
        pourcent = faits * 100 // total if total else 100
        palier = pourcent if self._terminal else pourcent // 10
        if palier == self._dernier:
            return
        self._dernier = palier
        ligne = f"audit : {nombre(faits)} / {nombre(total)} conventions ({pourcent} %)"
        self._flux.write(f"\r{ligne}" if self._terminal else f"{ligne}\n")
        self._flux.flush()

    def terminer(self, verdicts: Mapping[Verdict, int]) -> None:
        """Le bilan du lot : le nombre de conventions de chaque verdict rencontré."""
        total = sum(verdicts.values())
        parties = [
            f"{nombre(n)} {un if n == 1 else plusieurs}"
            for v, un, plusieurs in _BILAN
            if (n := verdicts.get(v, 0))
        ]
        ligne = f"audit : {nombre(total)} convention{'s' if total > 1 else ''}"
        if parties:
            ligne += " : " + ", ".join(parties)
        fin = "\n" if self._terminal and self._dernier is not None else ""
        self._flux.write(f"{fin}{ligne}\n")
        self._flux.flush()


def ecrire_lot(
    fichiers: Sequence[str],
    sortie: TextIO,
    *,
    instant: datetime,
    jobs: int | None,
    politique: Politique | None,
    progression: str,
) -> int:
    """``mcp-rules audit`` d'un lot : une ligne JSON par convention sur ``sortie``, dans
    l'ordre des chemins, l'avancement sur la sortie d'erreur (``progression`` : ``oui``,
    ``non``, ou ``auto`` si c'est un terminal) ; rend le code de sortie, le plus grave des
    verdicts (3 défaut interne, 2 entrée invalide, 1 non conforme, 0 conforme)."""
    avancement = None
    if progression == "oui" or (progression == "auto" and sys.stderr.isatty()):
        avancement = Avancement(sys.stderr, terminal=sys.stderr.isatty())
    verdicts: Counter[Verdict] = Counter()
    for resultat in auditer_lot(
        fichiers, instant=instant, jobs=jobs, politique=politique, progression=avancement
    ):
        sortie.write(json.dumps(resultat.vers_ligne(), ensure_ascii=False) + "\n")
        verdicts[resultat.verdict] += 1
    if avancement is not None:
        avancement.terminer(verdicts)
    return max((v.code_de_sortie for v in verdicts), default=0)
