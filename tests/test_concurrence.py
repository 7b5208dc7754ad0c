"""Une même convention interrogée par plusieurs fils à la fois.

Une ``Convention`` est immuable, mais elle garde en cache les réponses déjà calculées
(``acces_cdap``) et son index. Un portail la partage entre les fils de son serveur : des
fils qui posent en même temps les mêmes questions doivent obtenir exactement les réponses
qu'un seul fil aurait obtenues — y compris quand le cache se remplit pendant qu'ils lisent.
Le test part chaque fois d'une convention neuve (cache vide), lance les fils ensemble
(une barrière) et compare chaque réponse à celle d'un fil seul, sur une copie.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial
from typing import Any

import pytest

import mcp_rules as m
from mcp_rules.exemple import INSTANT_EXEMPLE, convention_exemple
from mcp_rules.generateur import convention_synthetique
from mcp_rules.serialisation import depuis_json, vers_json

FILS = 8
T = INSTANT_EXEMPLE
PLUS_TARD = T + timedelta(days=400)  # au-delà des clôtures programmées : l'autre réponse du cache


def _neuve(c: m.Convention) -> m.Convention:
    """Une copie sans cache ni index : relue depuis son JSON."""
    return depuis_json(vers_json(c), m.Convention)


Question = Callable[[m.Convention], Any]


def _questions(c: m.Convention) -> list[tuple[str, Question]]:
    admin = min(c.administrateurs)
    questions: list[tuple[str, Question]] = []
    for u in c.utilisateurs:
        ident = u.identifiant
        questions += [
            (f"acces_cdap {ident} {t:%Y}", partial(_acces, ident=ident, instant=t))
            for t in (T, PLUS_TARD)
        ]
        questions.append(
            (f"peut {admin} MODIFIER_COMPTE {ident}", partial(_peut, par=admin, ident=ident))
        )
        questions.append((f"acces_service AFAS {ident}", partial(_afas, ident=ident)))
    questions.append(("auditer", partial(m.auditer, instant=T)))
    questions.append(("matrice", partial(m.matrice_acces, instant=T)))
    return questions


def _acces(c: m.Convention, *, ident: str, instant: datetime) -> m.AccesCdap:
    return m.acces_cdap(c, ident, instant=instant)


def _peut(c: m.Convention, *, par: str, ident: str) -> m.Decision:
    return m.peut(c, par, m.Action.MODIFIER_COMPTE, utilisateur=ident, instant=T)


def _afas(c: m.Convention, *, ident: str) -> m.Decision:
    return m.acces_service(c, ident, m.Service.AFAS, instant=T)


def _en_parallele(c: m.Convention, questions: list[tuple[str, Question]]) -> list[dict[str, Any]]:
    """Chaque fil pose toutes les questions, dans un ordre qui lui est propre."""
    barriere = threading.Barrier(FILS)
    resultats: list[dict[str, Any]] = [{} for _ in range(FILS)]
    erreurs: list[BaseException] = []

    def travailler(n: int) -> None:
        ordre = questions[n % len(questions) :] + questions[: n % len(questions)]
        if n % 2:
            ordre.reverse()
        barriere.wait()
        try:
            for nom, question in ordre:
                resultats[n][nom] = question(c)
        except BaseException as exc:  # noqa: BLE001 - rapportée au fil principal
            erreurs.append(exc)

    fils = [threading.Thread(target=travailler, args=(n,)) for n in range(FILS)]
    for f in fils:
        f.start()
    for f in fils:
        f.join()
    assert not erreurs, erreurs
    return resultats


@pytest.fixture(autouse=True)
def _commutations_frequentes() -> Any:
    """Le GIL passe la main toutes les dix microsecondes : les entrelacements se multiplient."""
    avant = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    yield
    sys.setswitchinterval(avant)


@pytest.mark.parametrize(
    "convention",
    [
        pytest.param(convention_exemple, id="exemple"),
        pytest.param(lambda: convention_synthetique(120, graine=7), id="synthetique-120"),
    ],
)
@pytest.mark.parametrize("tour", range(2))
def test_plusieurs_fils_memes_reponses_qu_un_seul(
    convention: Callable[[], m.Convention], tour: int
) -> None:
    origine = convention()
    questions = _questions(origine)
    seul = {nom: q(_neuve(origine)) for nom, q in questions}
    partagee = _neuve(origine)
    for reponses in _en_parallele(partagee, questions):
        assert reponses.keys() == seul.keys()
        for nom, attendu in seul.items():
            assert reponses[nom] == attendu, nom
    # et le cache laissé par les fils répond encore juste
    for nom, q in questions:
        assert q(partagee) == seul[nom], nom
