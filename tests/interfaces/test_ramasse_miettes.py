"""Le ramasse-miettes suspendu pendant une lecture : repris au premier défaut, rendu dans
l'état d'avant à la fin, même sur une erreur, même quand plusieurs fils lisent à la fois.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from mcp_rules import Convention, DonneesInvalides, Utilisateur
from mcp_rules.generateur import convention_synthetique
from mcp_rules.interfaces.serialisation import ramasse_miettes
from mcp_rules.interfaces.serialisation.rapide import RAPIDES, lire_utilisateur
from mcp_rules.serialisation import depuis_dict, depuis_json, vers_dict, vers_json

TEXTE = vers_json(convention_synthetique(60, graine=3))


def _fautif() -> dict[str, Any]:
    document: dict[str, Any] = vers_dict(convention_synthetique(60, graine=3))
    document["utilisateurs"][10]["nom"] = " espace devant"
    return document


@contextlib.contextmanager
def _etats_pendant_la_lecture() -> Iterator[list[bool]]:
    """L'état du ramasse-miettes à chaque compte lu par le chemin rapide."""
    etats: list[bool] = []

    def espion(valeur: object) -> Utilisateur | None:
        etats.append(gc.isenabled())
        return lire_utilisateur(valeur)

    RAPIDES[Utilisateur] = espion
    try:
        yield etats
    finally:
        RAPIDES[Utilisateur] = lire_utilisateur


@pytest.fixture
def ramasse_miettes_actif() -> Iterator[None]:
    etait_actif = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        (gc.enable if etait_actif else gc.disable)()


@pytest.mark.usefixtures("ramasse_miettes_actif")
def test_suspendu_pendant_une_lecture_et_rendu_apres() -> None:
    with _etats_pendant_la_lecture() as etats:
        depuis_json(TEXTE, Convention)
    assert etats
    assert set(etats) == {False}
    assert gc.isenabled()


@pytest.mark.usefixtures("ramasse_miettes_actif")
def test_repris_des_le_premier_defaut_et_rendu_apres_l_erreur() -> None:
    with _etats_pendant_la_lecture() as etats, pytest.raises(DonneesInvalides) as erreur:
        depuis_dict(_fautif(), Convention)
    assert [e.chemin for e in erreur.value.erreurs] == ["$.utilisateurs[10].nom"]
    assert etats[0] is False
    assert etats[-1] is True  # la relecture par le chemin complet, après le défaut
    assert gc.isenabled()


@pytest.mark.parametrize("document", [TEXTE, "{"], ids=["valide", "illisible"])
def test_un_ramasse_miettes_arrete_par_le_programme_le_reste(document: str) -> None:
    etait_actif = gc.isenabled()
    gc.disable()
    try:
        with contextlib.suppress(DonneesInvalides):
            depuis_json(document, Convention)
        with contextlib.suppress(DonneesInvalides):
            depuis_dict(_fautif(), Convention)
        assert not gc.isenabled()
    finally:
        (gc.enable if etait_actif else gc.disable)()


@pytest.mark.usefixtures("ramasse_miettes_actif")
def test_une_exception_quelconque_rend_aussi_l_etat() -> None:
    def defaillant() -> None:
        raise RuntimeError("défaut simulé")

    lecture: Callable[[], None] = ramasse_miettes.sans_ramasse_miettes(defaillant)
    with pytest.raises(RuntimeError, match="défaut simulé"):
        lecture()
    assert gc.isenabled()


@pytest.mark.usefixtures("ramasse_miettes_actif")
def test_des_lectures_simultanees_ne_rendent_l_etat_qu_a_la_fin_de_la_derniere() -> None:
    barriere = threading.Barrier(2)
    dedans = threading.Event()
    sortir = threading.Event()
    vus: list[bool] = []

    @ramasse_miettes.sans_ramasse_miettes
    def longue() -> None:
        dedans.set()
        sortir.wait(timeout=30)

    def premiere() -> None:
        barriere.wait()
        longue()

    fil = threading.Thread(target=premiere)
    fil.start()
    barriere.wait()
    assert dedans.wait(timeout=30)
    depuis_json(TEXTE, Convention)  # une seconde lecture, finie pendant la première
    vus.append(gc.isenabled())
    sortir.set()
    fil.join(timeout=30)
    assert vus == [False]  # la première lecture n'est pas finie : toujours suspendu
    assert gc.isenabled()
