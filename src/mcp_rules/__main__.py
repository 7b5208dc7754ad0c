"""Le script ``mcp-rules``, et ``python -m mcp_rules`` : la même ligne de commande."""

import os
import sys
from typing import NoReturn

from mcp_rules.interfaces.cli import main
from mcp_rules.interfaces.processus import sortie_sans_liberer


def executer() -> NoReturn:
    """Lance la ligne de commande (:func:`~mcp_rules.interfaces.cli.main`) et sort de son code.

    Les sorties vidées, le processus se termine sans défaire un à un les objets d'une
    convention qui meurent avec lui (un million de comptes : des secondes). Si la dernière
    écriture échoue, la sortie ordinaire de Python s'en charge.
    """
    sortie_sans_liberer()
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        sys.exit(code)
    os._exit(code)


if __name__ == "__main__":
    executer()
