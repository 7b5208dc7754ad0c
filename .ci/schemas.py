"""Écrit les cas de la vérification des schémas par un validateur qui n'est pas en Python.

    python .ci/schemas.py DOSSIER

Pour chaque type sérialisable : son schéma autonome, les composants OpenAPI, et des
documents écrits par la bibliothèque (tirés par ses stratégies hypothesis, de façon
déterministe), chacun aussi abîmé par les pièges de portabilité des motifs (un saut de
ligne final, une durée nulle ou finie par T). Le verdict attendu de chaque document est
celui de jsonschema (Python), que la suite de tests compare déjà à la lecture de la
bibliothèque ; ``.ci/schemas.mjs`` vérifie qu'ajv (JavaScript) rend les mêmes.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mcp_rules.serialisation import TYPES_SERIALISABLES, composants_openapi, schema_json, vers_dict

# jsonschema n'a pas d'annotations de types : importé comme un module quelconque.
jsonschema: Any = importlib.import_module("jsonschema")

PAR_TYPE = 12
PIEGES = ("\n", "T", "0")


def _tirer(type_: type[Any]) -> list[object]:
    tires: list[object] = []

    @settings(
        max_examples=PAR_TYPE,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.from_type(type_))
    def tirer(valeur: object) -> None:
        tires.append(vers_dict(valeur))

    tirer()
    return tires


def _pieges(document: object) -> list[object]:
    """Des copies du document, un texte à la fois allongé d'un piège de portabilité."""
    copies: list[object] = []

    def parcourir(noeud: object, remplacer: Any) -> None:
        if isinstance(noeud, str):
            copies.extend(remplacer(noeud + piege) for piege in PIEGES)
        elif isinstance(noeud, dict):
            for cle in list(noeud):
                parcourir(noeud[cle], lambda v, n=noeud, c=cle: _avec(n, c, v, remplacer))
        elif isinstance(noeud, list):
            for i in range(len(noeud)):
                parcourir(noeud[i], lambda v, n=noeud, j=i: _avec(n, j, v, remplacer))

    parcourir(document, lambda v: v)
    return copies[:60]


def _avec(conteneur: Any, cle: Any, valeur: object, remplacer: Any) -> object:
    copie = dict(conteneur) if isinstance(conteneur, dict) else list(conteneur)
    copie[cle] = valeur
    return remplacer(copie)


def main() -> int:
    dossier = Path(sys.argv[1])
    dossier.mkdir(parents=True, exist_ok=True)
    cas: list[dict[str, object]] = []
    for type_ in TYPES_SERIALISABLES:
        schema = schema_json(type_)
        validateur = jsonschema.Draft202012Validator(schema)
        cas.extend(
            {"type": type_.__name__, "document": essai, "valide": bool(validateur.is_valid(essai))}
            for document in _tirer(type_)
            for essai in (document, *_pieges(document))
        )
        (dossier / f"{type_.__name__}.json").write_text(json.dumps(schema), encoding="utf-8")
    composants = {"components": {"schemas": composants_openapi()}}
    (dossier / "openapi.json").write_text(json.dumps(composants), encoding="utf-8")
    (dossier / "cas.json").write_text(json.dumps(cas), encoding="utf-8")
    refus = sum(not c["valide"] for c in cas)
    sys.stdout.write(f"schémas : {len(cas)} documents écrits, dont {refus} à refuser\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
