"""La garde réseau de ``conftest`` fonctionne : toute tentative est refusée et enregistrée.

La bibliothèque ne fait aucune entrée-sortie (api.md, « Pure, no I/O ») ; la suite le
vérifie grâce à cette garde. Encore faut-il que la garde attrape vraiment quelque
chose : ces tests font exprès ce que la bibliothèque ne doit jamais faire, puis
retirent leurs propres traces pour que la fixture automatique ne les fasse pas échouer.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator

import pytest

import conftest
from conftest import TENTATIVES, TentativeReseau


@pytest.fixture
def traces() -> Iterator[list[str]]:
    """Les tentatives enregistrées pendant le test ; retirées ensuite du registre."""
    avant = len(TENTATIVES)
    nouvelles: list[str] = []
    yield nouvelles
    nouvelles.extend(TENTATIVES[avant:])
    del TENTATIVES[avant:]


def _tentatives() -> list[tuple[str, Callable[[], object]]]:
    return [
        ("socket.create_connection", lambda: socket.create_connection(("example.org", 80))),
        ("socket.getaddrinfo", lambda: socket.getaddrinfo("example.org", 443)),
        ("socket.gethostbyname", lambda: socket.gethostbyname("example.org")),
    ]


@pytest.mark.parametrize(("nom", "tentative"), _tentatives(), ids=[n for n, _ in _tentatives()])
def test_tentative_refusee_et_enregistree(
    nom: str, tentative: Callable[[], object], traces: list[str]
) -> None:
    avant = len(TENTATIVES)
    with pytest.raises(TentativeReseau, match="accès réseau interdit"):
        tentative()
    assert len(TENTATIVES) == avant + 1
    assert TENTATIVES[-1].startswith(nom)
    assert "example.org" in TENTATIVES[-1]


def test_connexion_d_un_socket_refusee(traces: list[str]) -> None:
    avant = len(TENTATIVES)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        with pytest.raises(TentativeReseau):
            s.connect(("192.0.2.1", 80))
        with pytest.raises(TentativeReseau):
            s.connect_ex(("192.0.2.1", 80))
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u, pytest.raises(TentativeReseau):
        u.sendto(b"x", ("192.0.2.1", 53))
    assert [t.split("(")[0] for t in TENTATIVES[avant:]] == [
        "socket.connect",
        "socket.connect_ex",
        "socket.sendto",
    ]


def test_tentative_avalee_reste_enregistree(traces: list[str]) -> None:
    """Comme email-validator avale les erreurs DNS, le registre garde la trace."""
    avant = len(TENTATIVES)
    try:
        socket.getaddrinfo("caf.fr", 443)
    except OSError:  # pragma: no cover - la garde ne lève pas d'OSError
        pytest.fail("la garde aurait dû lever TentativeReseau")
    except TentativeReseau:
        pass  # avalée exprès, comme le ferait un code appelant négligent
    assert len(TENTATIVES) == avant + 1


def test_la_garde_est_la_meme_partout() -> None:
    """Le module importé par les tests est celui que pytest a chargé."""
    assert conftest.TENTATIVES is TENTATIVES
    assert socket.getaddrinfo.__name__ == "refuser"
    assert socket.create_connection.__name__ == "refuser"


def test_le_nettoyage_rend_le_registre_intact(traces: list[str]) -> None:
    """Ce test s'exécute après les autres : aucune de leurs traces ne subsiste."""
    assert all("example.org" not in t and "192.0.2.1" not in t for t in TENTATIVES)
