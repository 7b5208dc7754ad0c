"""argparse en français, pour la ligne de commande ``mcp-rules``.

argparse écrit ses messages en anglais (``usage:``, ``invalid choice``…) et, quand une
option est mal tapée après une sous-commande, montre l'usage de la commande principale.
Ici : chaque texte d'argparse qu'un utilisateur peut voir est traduit (:data:`TRADUCTIONS`,
vérifiées par les tests sur chaque erreur d'usage), et une erreur d'usage montre l'usage
de la sous-commande en cause, puis sort avec le code 2. Rien n'est changé dans le module
``argparse`` lui-même : un programme qui intègre la bibliothèque garde le sien intact.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Sequence
from typing import Any, Final, NoReturn

__all__ = ["SORTIE_USAGE", "TRADUCTIONS", "Analyseur", "traduire"]

SORTIE_USAGE: Final = 2
"""Le code de sortie d'une erreur d'usage (celui d'une entrée invalide)."""

TRADUCTIONS: Final[tuple[tuple[re.Pattern[str], str], ...]] = tuple(
    (re.compile(motif), francais)
    for motif, francais in (
        (r"^argument (\S+): ", r"argument \1 : "),
        (
            r"invalid choice: (.+?) \(choose from (.+)\)$",
            r"choix invalide : \1 (choisir parmi \2)",
        ),
        (r"invalid (\S+) value: (.+)$", r"valeur invalide (\1) : \2"),
        (r"^the following arguments are required: ", "arguments obligatoires manquants : "),
        (r"^one of the arguments (.+) is required$", r"un de ces arguments est demandé : \1"),
        (r"^unrecognized arguments: ", "arguments inconnus : "),
        (r"^ambiguous option: (\S+) could match (.+)$", r"option ambiguë : \1 peut être \2"),
        (r"not allowed with argument (.+)$", r"incompatible avec l'argument \1"),
        (r"ignored explicit argument (.+)$", r"valeur ignorée : \1"),
        (r"expected one argument$", "une valeur est attendue"),
        (r"expected at most one argument$", "une valeur au plus est attendue"),
        (r"expected at least one argument$", "une valeur au moins est attendue"),
        (r"expected (\d+) arguments?$", r"\1 valeurs sont attendues"),
        (r"^unexpected option string: ", "option inattendue : "),
    )
)
"""Les messages d'erreur d'argparse (Python 3.11 à 3.13), motif anglais → français."""


def traduire(message: str) -> str:
    """Le message d'erreur d'argparse, en français (inchangé s'il l'est déjà)."""
    for motif, francais in TRADUCTIONS:
        message = motif.sub(francais, message)
    return message


class _Format(argparse.HelpFormatter):
    """L'aide d'argparse, avec « utilisation : » au lieu de « usage: »."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "utilisation : " if prefix is None else prefix)


class Analyseur(argparse.ArgumentParser):
    """argparse, mais en français, et une erreur d'usage sort avec le code 2 après l'usage
    de la (sous-)commande en cause."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["add_help"] = False
        kwargs.setdefault("formatter_class", _Format)
        # Pas d'abréviations : « --f », qui vaut « --format » aujourd'hui, deviendrait ambigu ou
        # changerait de sens le jour où une autre option commencera par f.
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument("-h", "--help", action="help", help="afficher cette aide et sortir")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        sys.stderr.write(f"mcp-rules : erreur : {traduire(message)}\n")
        sys.exit(SORTIE_USAGE)

    def analyser(self, argv: Sequence[str] | None) -> argparse.Namespace:
        """``parse_args``, mais un argument inconnu est signalé par la sous-commande qui
        l'a reçu (son usage, pas celui de la commande principale)."""
        args, restes = self.parse_known_args(argv)
        if restes:
            analyseur: argparse.ArgumentParser = getattr(args, "_analyseur", self)
            analyseur.error(f"unrecognized arguments: {' '.join(restes)}")
        return args
