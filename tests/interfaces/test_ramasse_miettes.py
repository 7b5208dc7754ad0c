"""Le ramasse-miettes suspendu pendant une lecture : repris au premier défaut, rendu dans
l'état d'avant à la fin, même sur une erreur, même quand plusieurs fils lisent à la fois.
"""

from __future__ import annotations

import contextlib
import gc
import subprocess
import sys
import threading
import types
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import given, settings

from mcp_rules import Convention, DonneeInvalide, DonneesInvalides, Utilisateur, auditer
from mcp_rules import strategies as mst
from mcp_rules.exemple import INSTANT_EXEMPLE, convention_exemple
from mcp_rules.fondations import ramasse_miettes
from mcp_rules.generateur import convention_synthetique
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


# --- l'audit --------------------------------------------------------------------------------


@pytest.mark.usefixtures("ramasse_miettes_actif")
def test_suspendu_pendant_un_audit_et_rendu_apres(monkeypatch: pytest.MonkeyPatch) -> None:
    from mcp_rules.decisions.services import acces_par_service

    etats: list[bool] = []

    def espion(c: Convention) -> Any:
        etats.append(gc.isenabled())
        return acces_par_service(c)

    monkeypatch.setattr("mcp_rules.analyses.audit.acces_par_service", espion)
    auditer(convention_exemple(), instant=INSTANT_EXEMPLE)
    assert etats == [False]
    assert gc.isenabled()
    with pytest.raises(DonneeInvalide):
        auditer("pas une convention", instant=INSTANT_EXEMPLE)
    assert gc.isenabled()


def _de_la_bibliotheque(x: object) -> bool:
    """Un objet de la bibliothèque, ou une trace d'exception (ce qu'un cycle laissé par un
    audit contiendrait)."""
    if isinstance(x, (types.FrameType, types.TracebackType, BaseException)):
        return True
    return type(x).__module__.startswith("mcp_rules")


def test_un_audit_ne_cree_aucun_cycle_dans_un_processus_neuf() -> None:
    """Sans autre fil que l'audit : aucun objet, de quelque type qu'il soit."""
    programme = (
        "import gc\n"
        "from mcp_rules import auditer\n"
        "from mcp_rules.exemple import INSTANT_EXEMPLE as t\n"
        "from mcp_rules.generateur import convention_synthetique as s\n"
        "auditer(s(2, graine=1), instant=t)\n"
        "c = s(3000, graine=5)\n"
        "gc.collect(); gc.disable(); gc.set_debug(gc.DEBUG_SAVEALL)\n"
        "auditer(c, instant=t)\n"
        "gc.collect()\n"
        "print(len(gc.garbage))\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", programme], capture_output=True, text=True, check=True, timeout=300
    )
    assert r.stdout.strip() == "0", r.stderr


def _sans_cycle(c: Convention) -> None:
    """Auditer ``c`` ne laisse aucun objet que seul le ramasse-miettes cyclique libérerait :
    c'est ce qui permet de le suspendre pendant l'audit."""
    # Un premier audit importe ce que l'audit importe à son premier usage (un import laisse
    # des cycles derrière lui, et ce n'est pas l'audit) ; le second est mesuré.
    auditer(convention_synthetique(2, graine=1), instant=INSTANT_EXEMPLE)
    etait_actif = gc.isenabled()
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        rapport = auditer(c, instant=INSTANT_EXEMPLE)
        gc.collect()
        # Un fil d'un autre test (une grappe Dask, un lot) peut finir pendant la mesure et
        # laisser ses propres cycles : seuls comptent ceux qui touchent la bibliothèque.
        cycliques = [x for x in gc.garbage if _de_la_bibliotheque(x)]
        assert cycliques == []
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        (gc.enable if etait_actif else gc.disable)()
    assert rapport.numero == c.numero


@pytest.mark.parametrize("taille", [0, 2, 50, 2000])
def test_un_audit_ne_cree_aucun_cycle(taille: int) -> None:
    _sans_cycle(convention_exemple() if taille == 0 else convention_synthetique(taille, graine=7))


@settings(max_examples=40)
@given(mst.conventions(max_comptes=10))
def test_un_audit_ne_cree_aucun_cycle_quelle_que_soit_la_convention(c: Convention) -> None:
    _sans_cycle(c)
