"""Les imports de la bibliothèque : ``import mcp_rules`` ne charge que ce qu'il faut.

Les imports se vérifient dans un processus neuf.
"""

from __future__ import annotations

import subprocess
import sys


def _charges(code: str) -> list[str]:
    """Les modules chargés par ``code`` dans un interpréteur neuf."""
    resultat = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return resultat.stdout.split()


def test_email_validator_n_est_charge_qu_a_la_premiere_adresse() -> None:
    assert "email_validator" not in _charges("from mcp_rules import AdresseEmail")
    charges = _charges("from mcp_rules import AdresseEmail\nAdresseEmail.parse('a.b@caf.fr')")
    assert "email_validator" in charges
