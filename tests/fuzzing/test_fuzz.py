"""Le fuzzing dans la CI : chaque cible de ``fuzz/cibles.py``, au budget fixe du profil
hypothesis ``fuzz`` (``MCP_FUZZ_EXEMPLES`` entrées par cible, 200 par défaut).

Les mêmes cibles tournent sous atheris, guidées par la couverture, pour des heures
(``python fuzz/lancer.py --toutes --secondes 600``). Ici, chaque cible reçoit des octets
quelconques, ou une graine de son corpus (``fuzz/corpus/CIBLE``) abîmée par quelques
mutations : coupures, doublons, octets changés, jetons JSON piégés insérés. Toute exception
autre que ``DonneeInvalide`` fait échouer le test, avec l'entrée qui l'a provoquée.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from fuzz.cibles import CIBLES
from hypothesis import given, settings
from hypothesis import strategies as st

CORPUS = Path(__file__).resolve().parents[2] / "fuzz" / "corpus"

JETONS: list[bytes] = [
    b"null",
    b"true",
    b"0",
    b"-0",
    b"1e999",
    b"NaN",
    b"[]",
    b"{}",
    b'""',
    b'"\\u0000"',
    b'"\\ud800"',
    b'"@CAF"',
    b'"T4"',
    b'"CDAP"',
    b'"2026-11-27T24:00:00+01:00"',
    b'"0001-01-01T00:00:00+01:00"',
    b'"P99999999D"',
    b'"type"',
    b",",
    b":",
    b"\xef\xbb\xbf",
    b"\xff",
    b"\x00",
    "\u200b".encode(),
    b"[" * 64,
]


@cache
def graines(nom: str) -> tuple[bytes, ...]:
    return tuple(sorted(p.read_bytes() for p in (CORPUS / nom).iterdir()))


@st.composite
def abimee(draw: st.DrawFn, graine: bytes) -> bytes:
    """Une graine abîmée par une à huit mutations."""
    octets = bytearray(graine)
    for _ in range(draw(st.integers(1, 8))):
        i = draw(st.integers(0, len(octets)))
        j = draw(st.integers(i, min(len(octets), i + 16)))
        operation = draw(st.sampled_from(["couper", "doubler", "changer", "inserer"]))
        if operation == "couper":
            del octets[i:j]
        elif operation == "doubler":
            octets[i:i] = octets[i:j]
        elif operation == "changer" and i < len(octets):
            octets[i] = draw(st.integers(0, 255))
        else:
            octets[i:i] = draw(st.sampled_from(JETONS) | st.binary(max_size=8))
    return bytes(octets)


def entrees(nom: str) -> st.SearchStrategy[bytes]:
    return st.binary(max_size=600) | st.sampled_from(graines(nom)).flatmap(abimee)


def test_chaque_cible_a_des_graines() -> None:
    assert sorted(p.name for p in CORPUS.iterdir()) == sorted(CIBLES)
    for nom in CIBLES:
        assert graines(nom), nom


@pytest.mark.parametrize("nom", sorted(CIBLES))
@settings(parent=settings.get_profile("fuzz"))
@given(data=st.data())
def test_cible(nom: str, data: st.DataObject) -> None:
    CIBLES[nom](data.draw(entrees(nom), label="entrée"))
