"""La comparaison du chemin rapide de :func:`~mcp_rules.peut` (la table des droits compilée,
:func:`~mcp_rules.regles.droits_compiles.evaluer_rapide`) à son chemin de référence
(:func:`~mcp_rules.decisions.autorisations.peut_reference` : ``decider``, une ``Demande``,
``evaluer``).

Pour une convention, :func:`comparer` pose chaque question de la portée aux deux chemins :
chaque action, chaque acteur (chaque compte, en minuscules et en majuscules, la Caf, un
inconnu, le code d'un groupe pris pour un identifiant, un sosie hors ASCII), chaque cible
(aucune, chaque groupe, chaque compte, chaque groupe avec chaque compte, un groupe et un
compte inconnus, un identifiant de compte pris pour un code de groupe…), à chaque instant
de :func:`instants` (avant et après chaque création et chaque clôture). Les deux décisions
doivent être égales : verdict, données manquantes, constats (codes, messages, remèdes, cibles).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final

import pytest

from mcp_rules import CAF, Acteur, Action, Convention, Decision, peut
from mcp_rules.decisions import autorisations
from mcp_rules.decisions.autorisations import peut_reference
from mcp_rules.regles.droits_compiles import evaluer_rapide

INCONNU: Final = "inconnu.z"
GROUPE_INCONNU: Final = "GROUPE-INCONNU"
SECONDE: Final = timedelta(seconds=1)


def instants(c: Convention, t: datetime) -> list[datetime]:
    """``t``, et de part et d'autre de chaque création et de chaque clôture."""
    bornes = {t}
    for u in c.utilisateurs:
        bornes |= {u.cree_le - SECONDE, u.cree_le}
        if u.cloture_le is not None:
            bornes |= {u.cloture_le - SECONDE, u.cloture_le}
    return sorted(bornes)


def acteurs(c: Convention) -> list[Acteur]:
    idents = [u.identifiant for u in c.utilisateurs]
    codes = [g.code for g in c.groupes[:1]]
    # Un sosie hors ASCII (un A cyrillique) n'est le compte de personne : cle() ne le replie pas.
    sosies = [i.upper().replace("A", "\u0410") for i in idents if "a" in i][:1]
    return [*idents, *(i.upper() for i in idents[:3]), CAF, INCONNU, *codes, *sosies]


def cibles(c: Convention) -> Iterator[dict[str, str]]:
    """Les arguments ``groupe`` / ``utilisateur`` de la portée."""
    codes = [g.code for g in c.groupes]
    idents = [u.identifiant for u in c.utilisateurs]
    yield {}
    for code in [*codes, *(x.swapcase() for x in codes[:2]), GROUPE_INCONNU, *idents[:1]]:
        yield {"groupe": code}
        for ident in [*idents, INCONNU]:
            yield {"groupe": code, "utilisateur": ident}
    for ident in [*idents, *(i.upper() for i in idents[:2]), INCONNU, *codes[:1]]:
        yield {"utilisateur": ident}


@dataclass
class Bilan:
    questions: int = 0
    rapides: int = 0
    """Les questions jugées par la table compilée (le reste : par la référence)."""
    accordees: int = 0


def comparer_une(
    c: Convention, par: Acteur, action: Action, t: datetime, **cible: Any
) -> tuple[Decision, Decision]:
    rapide = peut(c, par, action, instant=t, **cible)
    reference = peut_reference(c, par, action, instant=t, **cible)
    assert rapide.autorise == reference.autorise, (par, action, t, cible, reference.codes)
    assert rapide.donnees_manquantes == reference.donnees_manquantes, (par, action, t, cible)
    assert rapide.constats == reference.constats, (par, action, t, cible)
    assert rapide == reference
    return rapide, reference


def comparer(
    c: Convention,
    monkeypatch: pytest.MonkeyPatch,
    *,
    t: datetime,
    actions: list[Action] | None = None,
    tous_les_instants: bool = True,
) -> Bilan:
    """Chaque question de la portée, par les deux chemins ; le bilan dit combien la table
    compilée en a jugé (un test qui ne passerait jamais par elle ne prouverait rien)."""
    bilan = Bilan()
    original = evaluer_rapide

    def compte(*args: Any) -> Decision | None:
        d = original(*args)
        if d is not None:
            bilan.rapides += 1
        return d

    monkeypatch.setattr(autorisations, "evaluer_rapide", compte)
    moments = instants(c, t) if tous_les_instants else [t]
    for action in actions or list(Action):
        for par in acteurs(c):
            for cible in cibles(c):
                for moment in moments:
                    d, _ = comparer_une(c, par, action, moment, **cible)
                    bilan.questions += 1
                    bilan.accordees += d.autorise
    monkeypatch.setattr(autorisations, "evaluer_rapide", original)
    return bilan
