"""Les lots sur Dask (``mcp_rules.lots_dask``, extra ``dask``) : sur une grappe locale, les
mêmes résultats que l'audit séquentiel, et la grappe créée pour l'occasion refermée.

Dask parle à son ordonnanceur par TCP, et son serveur HTTP écoute même sans tableau de
bord : la garde réseau de la suite (``tests/conftest.py``) les refuserait. Pendant ces
tests seulement, la fixture :func:`boucle_locale` laisse passer la **boucle locale**
(``127.0.0.1``) ; tout le reste du réseau reste refusé et enregistré.
"""

from __future__ import annotations

import _socket
import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any, Final

import pytest
from distributed import Client, LocalCluster

from mcp_rules import ConditionProfil, DonneeInvalide, Politique, ProfilT
from mcp_rules.exemple import convention_exemple
from mcp_rules.interfaces import lots_dask as module_dask
from mcp_rules.lots import AuditConvention, DocumentJson, Verdict, auditer_lot, lignes_constats
from mcp_rules.lots_dask import auditer_lot_dask, grappe_locale
from mcp_rules.serialisation import vers_json

from . import lots_communs as lc

BOUCLE_LOCALE: Final = frozenset({"127.0.0.1", "localhost", "::1"})


@pytest.fixture(scope="module")
def boucle_locale() -> Iterator[None]:
    """La garde réseau, sauf pour la boucle locale (résolution d'adresse et connexion)."""
    garde_resolution = socket.getaddrinfo
    garde_connexion = socket.socket.connect

    def resoudre(hote: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if hote in BOUCLE_LOCALE:
            return _socket.getaddrinfo(hote, port, *args, **kwargs)
        return garde_resolution(hote, port, *args, **kwargs)

    def connecter(self: socket.socket, adresse: Any) -> None:
        if isinstance(adresse, tuple) and adresse[0] in BOUCLE_LOCALE:
            _socket.socket.connect(self, adresse)
            return
        garde_connexion(self, adresse)

    with pytest.MonkeyPatch.context() as m:
        m.setattr(socket, "getaddrinfo", resoudre)
        m.setattr(socket.socket, "connect", connecter)
        yield


@pytest.fixture(scope="module")
def client(boucle_locale: None) -> Iterator[Client]:
    """Deux ouvriers d'un fil, dans ce processus ; fermés (client, puis grappe) à la fin."""
    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=False,
            protocol="tcp://",
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
        ) as grappe,
        Client(grappe, set_as_default=False) as c,
    ):
        yield c


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return lc.ecrire_lot(tmp_path_factory.mktemp("lot"))


@pytest.fixture(scope="module")
def sequentiel(dossier: Path) -> list[AuditConvention]:
    return list(auditer_lot(dossier, instant=lc.INSTANT, jobs=1))


def test_les_memes_resultats_que_l_audit_sequentiel(
    client: Client, dossier: Path, sequentiel: list[AuditConvention]
) -> None:
    resultats = auditer_lot_dask(dossier, instant=lc.INSTANT, client=client)
    assert list(resultats) == sequentiel
    par_source = {r.source: r for r in resultats}
    for chemin in lc.conventions(dossier):
        assert lc.abreger(par_source[str(chemin)]) == lc.reference(chemin)
    assert {r.verdict for r in resultats} == {
        Verdict.CONFORME,
        Verdict.NON_CONFORME,
        Verdict.ENTREE_INVALIDE,
    }
    assert lignes_constats(resultats) == lignes_constats(sequentiel)
    assert not client.futures  # aucune tâche ne reste sur la grappe


def test_des_documents_json_et_une_politique(client: Client) -> None:
    texte = vers_json(convention_exemple())
    documents = [DocumentJson("exemple", texte), DocumentJson("vide", "")]
    politique = Politique(inactivite_max=timedelta(days=3650))
    resultats = auditer_lot_dask(documents, instant=lc.INSTANT, client=client, politique=politique)
    attendus = tuple(auditer_lot(documents, instant=lc.INSTANT, jobs=1, politique=politique))
    assert resultats == attendus
    assert [r.verdict for r in resultats] == [Verdict.NON_CONFORME, Verdict.ENTREE_INVALIDE]
    # la politique a voyagé : plus aucun compte n'est inactif depuis trop longtemps
    assert "MCP-USR-04" not in {c.code for c in resultats[0].constats}
    sans = auditer_lot_dask(documents[:1], instant=lc.INSTANT, client=client)
    assert "MCP-USR-04" in {c.code for c in sans[0].constats}
    assert auditer_lot_dask([], instant=lc.INSTANT, client=client) == ()


def test_une_condition_locale_en_lambda_voyage_avec_dask(client: Client, dossier: Path) -> None:
    """Dask transmet par cloudpickle : une condition écrite en lambda, que des processus
    locaux refusent (pickle), est appliquée par chaque ouvrier."""
    condition = ConditionProfil(code="MAISON", titre="Jamais", verifier=lambda u: False)
    politique = Politique(conditions={ProfilT.T1: (condition,)})
    fichiers = lc.conventions(dossier)[:3]
    resultats = auditer_lot_dask(fichiers, instant=lc.INSTANT, client=client, politique=politique)
    attendus = tuple(auditer_lot(fichiers, instant=lc.INSTANT, jobs=1, politique=politique))
    assert resultats == attendus
    assert "MCP-ELIG-07" in {c.code for r in resultats for c in r.constats}


def test_une_tache_perdue_donne_un_defaut_pour_chacune_de_ses_conventions(
    client: Client, dossier: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fichiers = lc.conventions(dossier)[:3]

    def en_panne(paquet: Any, instant: Any, politique: Any) -> Any:
        raise RuntimeError("ouvrier perdu")

    monkeypatch.setattr(module_dask, "auditer_paquet", en_panne)
    resultats = auditer_lot_dask(fichiers, instant=lc.INSTANT, client=client)
    assert [r.source for r in resultats] == [str(f) for f in fichiers]
    assert {r.verdict for r in resultats} == {Verdict.DEFAUT_INTERNE}
    assert resultats[0].defaut is not None
    assert "RuntimeError : 'ouvrier perdu'" in resultats[0].defaut


def test_sans_client_une_grappe_locale_est_creee_puis_fermee(
    boucle_locale: None, dossier: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    grappes: list[LocalCluster] = []

    def noter(*args: Any, **kwargs: Any) -> LocalCluster:
        grappe = LocalCluster(*args, **kwargs)
        grappes.append(grappe)
        return grappe

    monkeypatch.setattr(module_dask, "LocalCluster", noter)
    fichiers = lc.conventions(dossier)[:4]
    resultats = auditer_lot_dask(fichiers, instant=lc.INSTANT)
    assert list(resultats) == list(auditer_lot(fichiers, instant=lc.INSTANT, jobs=1))
    (grappe,) = grappes
    assert grappe.status.name == "closed"
    assert len(grappe.workers) == 0


@pytest.mark.parametrize(
    ("arguments", "code"),
    [
        ({"client": "tcp://127.0.0.1:8786"}, "MCP-DONNEE-TYPE"),
        ({"instant": lc.INSTANT.replace(tzinfo=None)}, "MCP-DONNEE-INSTANT"),
        ({"sources": [3]}, "MCP-DONNEE-TYPE"),
    ],
    ids=["client", "instant", "sources"],
)
def test_un_argument_fautif_est_refuse_sans_lancer_de_grappe(
    arguments: dict[str, object], code: str
) -> None:
    tout: dict[str, object] = {"sources": [], "instant": lc.INSTANT, **arguments}
    with pytest.raises(DonneeInvalide) as erreur:
        auditer_lot_dask(**tout)  # type: ignore[arg-type]
    assert erreur.value.code == code


@pytest.mark.parametrize("ouvriers", [0, -1, 1.5, "2", True])
def test_une_grappe_locale_sans_ouvrier_est_refusee(ouvriers: object) -> None:
    with pytest.raises(DonneeInvalide, match="ouvriers"), grappe_locale(ouvriers):  # type: ignore[arg-type]
        pytest.fail("aucune grappe ne doit démarrer")


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )


def test_importer_mcp_rules_n_importe_pas_dask() -> None:
    r = _python(
        "import sys, mcp_rules, mcp_rules.lots, mcp_rules.serialisation\n"
        "charges = sorted(m for m in ('dask', 'distributed') if m in sys.modules)\n"
        "assert not charges, charges"
    )
    assert r.returncode == 0, r.stderr


def test_sans_l_extra_l_import_dit_quoi_installer() -> None:
    r = _python(
        "import sys\n"
        "sys.modules['distributed'] = None  # comme si l'extra n'était pas installé\n"
        "try:\n"
        "    import mcp_rules.lots_dask\n"
        "except ModuleNotFoundError as e:\n"
        "    print(type(e).__name__, e.name, e)\n"
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("ModuleNotFoundError distributed ")
    assert "pip install 'mcp-rules[dask]'" in r.stdout
