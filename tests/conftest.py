"""Réglages communs de la suite de tests.

- Profils hypothesis : ``dev`` (par défaut) et ``ci`` (dérandomisé, plus d'exemples),
  choisi par la variable ``HYPOTHESIS_PROFILE`` (``.ci/run`` la règle à ``ci``) ; ``fuzz``,
  le budget fixe des cibles de fuzzing (``tests/fuzzing``), qui s'y applique toujours.
- Garde réseau : la bibliothèque ne fait aucune entrée-sortie. Toute tentative
  d'ouvrir une connexion ou de résoudre un nom pendant la suite est **enregistrée**
  (et refusée) puis fait échouer le test en cours, même si le code appelant avait
  avalé l'erreur (email-validator avale les échecs réseau de sa vérification DNS).
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "ci",
    max_examples=300,
    derandomize=True,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "fuzz",
    # Le budget fixe du fuzzing dans la CI (tests/fuzz) : tant d'entrées par cible, quel que
    # soit le profil chargé ; MCP_FUZZ_EXEMPLES le change pour une campagne plus longue.
    max_examples=int(os.environ.get("MCP_FUZZ_EXEMPLES", "200")),
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "mutation",
    # Les mutants (mutation/mutants.py) : chaque mutant rejoue les tests qui touchent sa
    # fonction ; peu d'exemples, toujours les mêmes, pour un verdict stable et rapide.
    max_examples=12,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


class TentativeReseau(RuntimeError):
    """Levée à la place de toute opération réseau pendant les tests."""


TENTATIVES: list[str] = []


def _interdit(nom: str) -> Any:
    def refuser(*args: object, **kwargs: object) -> Any:
        TENTATIVES.append(f"{nom}{args!r}")
        raise TentativeReseau(f"accès réseau interdit pendant les tests : {nom}")

    return refuser


_GARDES = {
    (socket.socket, "connect"): _interdit("socket.connect"),
    (socket.socket, "connect_ex"): _interdit("socket.connect_ex"),
    (socket.socket, "sendto"): _interdit("socket.sendto"),
    (socket, "getaddrinfo"): _interdit("socket.getaddrinfo"),
    (socket, "gethostbyname"): _interdit("socket.gethostbyname"),
    (socket, "create_connection"): _interdit("socket.create_connection"),
}


def pytest_configure(config: pytest.Config) -> None:
    for (cible, nom), garde in _GARDES.items():
        setattr(cible, nom, garde)


@pytest.fixture(autouse=True)
def _aucun_acces_reseau() -> Iterator[None]:
    """Échoue si le test a tenté d'accéder au réseau, même si l'erreur a été avalée."""
    avant = len(TENTATIVES)
    yield
    nouvelles = TENTATIVES[avant:]
    if nouvelles:
        pytest.fail(f"accès réseau tenté pendant le test : {nouvelles}")
