"""Hook mkdocs : la page « Qui peut faire quoi », engendrée de la table des droits.

La page source, ``docs/droits.md``, ne contient que l'introduction, le tableau récapitulatif
du guide (la source) et le marqueur :data:`MARQUEUR`, remplacé ici par ce que dit le code :
pour chaque action, chaque ligne de :data:`mcp_rules.regles.droits.DROITS` (qui, à quelles
conditions, au nom de quelle règle). Le code, la documentation et le guide se lisent ainsi
côte à côte, sans copie qui dérive.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from mcp_rules import Action
from mcp_rules.regles.conditions import COMPTE_NOMME, GROUPE_NOMME, SERVICE_NOMME
from mcp_rules.regles.demande import Condition, Qui
from mcp_rules.regles.droits import DROITS, droits_de

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

PAGE: Final = "droits.md"
MARQUEUR: Final = "<!-- table-des-droits -->"

_COLONNES: Final = (
    Qui.CAF,
    Qui.ADMINISTRATEUR,
    Qui.GESTIONNAIRE,
    Qui.MEMBRE_AFAS_HABILITER,
    Qui.TITULAIRE,
    Qui.TOUT_COMPTE,
)
_ENTETES: Final = {
    Qui.CAF: "Caf",
    Qui.ADMINISTRATEUR: "administrateur",
    Qui.GESTIONNAIRE: "gestionnaire",
    Qui.MEMBRE_AFAS_HABILITER: "membre d'AFAS-HABILITER",
    Qui.TITULAIRE: "titulaire du compte",
    Qui.TOUT_COMPTE: "tout compte actif",
}
_ECHAPPER: Final = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|"})


def _md(texte: str) -> str:
    return texte.translate(_ECHAPPER)


def _ancre(action: Action) -> str:
    return "action-" + action.value.lower().replace("_", "-")


def _regle(code: str) -> str:
    return f"[{code}](regles.md#{code.lower()})"


def _vue_d_ensemble() -> list[str]:
    """Une ligne par action, une colonne par acteur : « oui », « sous conditions » ou rien."""
    lignes = [
        "## Vue d'ensemble",
        "",
        (
            "« oui » : sans autre condition que d'être ce qu'on est (compte actif de la "
            "convention, gestion déléguée pour les habilitations) ; « sous conditions » : "
            "voir le détail de l'action ; case vide : jamais."
        ),
        "",
        "| action | " + " | ".join(_ENTETES[q] for q in _COLONNES) + " |",
        "|---|" + "---|" * len(_COLONNES),
    ]
    for action in Action:
        cases = []
        for qui in _COLONNES:
            lignes_qui = [d for d in droits_de(action) if d.qui is qui]
            if not lignes_qui:
                cases.append("")
            elif any(not _restrictives(d.conditions) for d in lignes_qui):
                cases.append("oui")
            else:
                cases.append("sous conditions")
        lignes.append(f"| [{_md(action.libelle)}](#{_ancre(action)}) | " + " | ".join(cases) + " |")
    lignes.append("")
    return lignes


_PRECISIONS: Final = (GROUPE_NOMME, COMPTE_NOMME, SERVICE_NOMME)
"""Des conditions qui ne restreignent pas : elles demandent seulement que la demande nomme
ce sur quoi elle porte."""


def _restrictives(conditions: tuple[Condition, ...]) -> tuple[Condition, ...]:
    return tuple(c for c in conditions if not any(c is p for p in _PRECISIONS))


def _detail() -> list[str]:
    lignes = ["## Action par action", ""]
    for action in Action:
        droits = droits_de(action)
        codes = sorted({d.regle.code for d in droits})
        lignes.extend(
            [
                (
                    f"### {_md(action.libelle[:1].upper() + action.libelle[1:])} "
                    f"{{ #{_ancre(action)} }}"
                ),
                "",
                f"`Action.{action.value}` — règle(s) : " + ", ".join(_regle(c) for c in codes),
                "",
                "| qui | à quelles conditions (toutes) | au nom de |",
                "|---|---|---|",
            ]
        )
        for d in droits:
            conditions = "<br>".join(f"– {_md(c.texte)}" for c in d.conditions) or "aucune"
            lignes.append(f"| {_md(d.qui.value)} | {conditions} | {_regle(d.regle.code)} |")
        if not droits:
            lignes.append("| personne | — | — |")
        lignes.append("")
    return lignes


def _conditions() -> list[str]:
    vues: dict[str, Condition] = {}
    for d in DROITS:
        for c in d.conditions:
            vues.setdefault(c.texte, c)
    lignes = [
        "## Les conditions",
        "",
        (
            "Chacune est un prédicat nommé du module `mcp_rules.regles.conditions`, écrit une "
            "fois et employé par `peut`, par chaque commande, par les plans de remède et par "
            "l'audit. Les conditions marquées « qualité » disent ce qui fait l'acteur (gérer le "
            "groupe, être membre d'AFAS-HABILITER) : quand aucune ligne ne permet, le refus "
            "vient de la ligne dont l'acteur a toutes les qualités."
        ),
        "",
        "| condition | qualité |",
        "|---|---|",
    ]
    lignes.extend(
        f"| {_md(texte)} | {'oui' if c.qualite else ''} |" for texte, c in sorted(vues.items())
    )
    lignes.append("")
    return lignes


def markdown_droits() -> str:
    """Le Markdown qui remplace :data:`MARQUEUR`."""
    return "\n".join([*_vue_d_ensemble(), *_detail(), *_conditions()]) + "\n"


def on_page_markdown(
    markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files, **_: Any
) -> str:
    """Remplace le marqueur de ``droits.md`` par la table ; laisse les autres pages."""
    if page.file.src_uri != PAGE:
        return markdown
    if MARQUEUR not in markdown:
        from mkdocs.exceptions import PluginError  # noqa: PLC0415 - seulement à la construction

        raise PluginError(f"docs/{PAGE} doit contenir le marqueur {MARQUEUR}")
    return markdown.replace(MARQUEUR, markdown_droits(), 1)
