"""Refait le corpus de départ des cibles de fuzzing (``fuzz/corpus/CIBLE/``).

Les graines viennent de la convention d'exemple livrée avec le paquet (ses comptes, ses
groupes, son journal, ses adresses) et, pour chaque type JSON, de quelques objets tirés par
les stratégies hypothesis du paquet, de façon déterministe. Commande :

    python fuzz/semer.py
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import warnings
from pathlib import Path
from typing import Any

RACINE = Path(__file__).resolve().parent
sys.path.insert(0, str(RACINE.parent))

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mcp_rules as m
from fuzz.cibles import CIBLES
from mcp_rules.interfaces.exemple import INSTANT_EXEMPLE, convention_exemple
from mcp_rules.serialisation import TYPES_SERIALISABLES, vers_json

CORPUS = RACINE / "corpus"


def _tirer(type_: type[Any], combien: int) -> list[Any]:
    """Quelques objets de ce type, tirés toujours de la même façon."""
    tires: list[Any] = []

    @settings(
        max_examples=combien,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        deadline=None,
    )
    @given(st.from_type(type_))
    def tirer(objet: Any) -> None:
        tires.append(objet)

    tirer()
    return tires[:combien]


def graines() -> dict[str, list[bytes]]:
    c = convention_exemple()
    admin = min(c.administrateurs)
    commandes = [
        {"commande": "cloturer_compte", "par": admin, "arguments": {"utilisateur": "as.leroy"}},
        {
            "commande": "affecter_role",
            "par": admin,
            "arguments": {"groupe": "T2PE", "profil": "T3"},
        },
        {
            "commande": "creer_groupe",
            "par": "@CAF",
            "arguments": {"code": "NOUVEAU", "libelle": "Nouveau groupe", "service": "CDAP"},
        },
        {
            "commande": "modifier_compte",
            "par": admin,
            "arguments": {"utilisateur": "as.leroy", "mandats": ["1234567"]},
        },
    ]
    fichier_commandes = json.dumps(commandes, ensure_ascii=False).encode()
    exemple = vers_json(c).encode()
    sorties: dict[str, list[bytes]] = {
        "adresse_email": [str(u.email).encode() for u in c.utilisateurs],
        "numero_instructeur": [b"093A1230100000", b"093A12301", b"123456"],
        "instants_et_durees": [
            INSTANT_EXEMPLE.isoformat().encode(),
            b"2026-11-27T09:30:00+01:00",
            b"2026-03-29T02:30:00Z",
            b"P90D",
            b"PT36H",
            b"P1DT2H3M4.5S",
        ],
        "commandes_cli": [fichier_commandes, b"[]"],
        "ligne_de_commande": [bytes(64) + exemple, bytes([5]) * 64 + fichier_commandes],
        "interpreteur": [b"", bytes(range(256)), bytes(range(255, -1, -1))],
        "api": [b"", bytes(range(256)), bytes(range(255, -1, -1))],
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for type_ in TYPES_SERIALISABLES:
            docs = [vers_json(o).encode() for o in _tirer(type_, 4)]
            if type_ is m.Convention:
                docs.append(exemple)
            elif type_ is m.Utilisateur:
                docs.extend(vers_json(u).encode() for u in list(c.utilisateurs)[:3])
            elif type_ is m.Groupe:
                docs.extend(vers_json(g).encode() for g in list(c.groupes)[:3])
            sorties[f"json_{type_.__name__}"] = docs
    manquantes = set(CIBLES) - set(sorties)
    assert not manquantes, manquantes
    return sorties


def main() -> None:
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    total = 0
    for cible, docs in graines().items():
        dossier = CORPUS / cible
        dossier.mkdir(parents=True)
        for doc in docs:
            (dossier / hashlib.sha1(doc).hexdigest()).write_bytes(doc)  # noqa: S324 - un nom
            total += 1
    sys.stdout.write(f"{total} graines dans {CORPUS}\n")


if __name__ == "__main__":
    main()
