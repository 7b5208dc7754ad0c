"""Les schémas dans un document OpenAPI : ``ref_template`` et ``composants_openapi``.

Un schéma autonome range ses définitions sous ``$defs`` ; OpenAPI les range sous
``components.schemas``. Ces tests vérifient que chaque référence réécrite se résout, et
qu'un document OpenAPI qui reprend les composants accepte et refuse exactement ce que le
schéma autonome accepte et refuse.
"""

from __future__ import annotations

import importlib
import io
import json
from collections.abc import Iterator
from typing import Any

import pytest

from mcp_rules import DonneeInvalide
from mcp_rules.exemple import convention_exemple
from mcp_rules.interfaces import cli
from mcp_rules.interfaces.serialisation.schema import DIALECTE
from mcp_rules.serialisation import (
    TYPES_SERIALISABLES,
    composants_openapi,
    schema_json,
    vers_dict,
)

OPENAPI = "#/components/schemas/{model}"
# jsonschema n'a pas d'annotations de types : importé comme un module quelconque.
jsonschema: Any = importlib.import_module("jsonschema")


def _refs(noeud: object) -> Iterator[str]:
    if isinstance(noeud, dict):
        for cle, valeur in noeud.items():
            if cle == "$ref":
                yield valeur
            else:
                yield from _refs(valeur)
    elif isinstance(noeud, list):
        for x in noeud:
            yield from _refs(x)


@pytest.mark.parametrize("t", TYPES_SERIALISABLES, ids=lambda t: t.__name__)
def test_ref_template_reecrit_chaque_reference(t: type[Any]) -> None:
    autonome = schema_json(t)
    reecrit = schema_json(t, ref_template=OPENAPI)
    refs = list(_refs(reecrit))
    assert len(refs) == len(list(_refs(autonome)))
    assert all(r.startswith("#/components/schemas/") for r in refs), refs
    assert reecrit.get("$defs") == _refs_openapi(autonome.get("$defs"))
    assert schema_json(t) == autonome  # le gabarit ne touche pas aux appels suivants


def _refs_openapi(defs: object) -> object:
    """Les définitions autonomes, leurs références écrites à la manière d'OpenAPI."""
    texte = json.dumps(defs).replace('"#/$defs/', '"#/components/schemas/')
    return json.loads(texte)


@pytest.mark.parametrize(
    ("gabarit", "code"),
    [(12, "MCP-DONNEE-TYPE"), (None, "MCP-DONNEE-TYPE"), ("#/x/", "MCP-DONNEE-VALEUR")],
)
def test_un_gabarit_fautif_est_refuse(gabarit: object, code: str) -> None:
    for appel in (
        lambda: schema_json(TYPES_SERIALISABLES[0], ref_template=gabarit),  # type: ignore[arg-type]
        lambda: composants_openapi(ref_template=gabarit),  # type: ignore[arg-type]
    ):
        with pytest.raises(DonneeInvalide) as refus:
            appel()
        assert refus.value.code == code
        assert "ref_template" in refus.value.message


def test_un_gabarit_avec_d_autres_accolades_reste_un_texte() -> None:
    schema = schema_json(TYPES_SERIALISABLES[0], ref_template="{base}/{model}.json")
    assert "{base}/Utilisateur.json" in set(_refs(schema))


def test_les_composants_se_suffisent_et_chaque_reference_se_resout() -> None:
    composants = composants_openapi()
    assert {t.__name__ for t in TYPES_SERIALISABLES} <= set(composants)
    for nom, schema in composants.items():
        assert not {"$schema", "$id", "$defs"} & set(schema), nom
        for ref in _refs(schema):
            assert ref.startswith("#/components/schemas/"), ref
            assert ref.removeprefix("#/components/schemas/") in composants, ref


def _validateur_openapi(composants: dict[str, Any], nom: str) -> Any:
    """Un document à la manière d'OpenAPI 3.1 : les composants, et un corps qui y renvoie."""
    document = {
        "$schema": DIALECTE,
        "components": {"schemas": composants},
        "$ref": f"#/components/schemas/{nom}",
    }
    return jsonschema.Draft202012Validator(document)


@pytest.mark.parametrize("cle", ["groupes", "utilisateurs", "administrateurs", "numero"])
def test_un_document_openapi_juge_comme_le_schema_autonome(cle: str) -> None:
    composants = composants_openapi()
    autonome = jsonschema.Draft202012Validator(schema_json(type(convention_exemple())))
    openapi = _validateur_openapi(composants, "Convention")
    document = vers_dict(convention_exemple())
    assert autonome.is_valid(document)
    assert openapi.is_valid(document)
    abime = dict(document)
    abime[cle] = [{"inconnu": True}] if cle != "numero" else "19 214\n"
    assert not autonome.is_valid(abime)
    assert not openapi.is_valid(abime)
    erreurs_autonomes = sorted(e.json_path for e in autonome.iter_errors(abime))
    erreurs_openapi = sorted(e.json_path for e in openapi.iter_errors(abime))
    assert erreurs_openapi == erreurs_autonomes


def test_composants_d_un_seul_type_et_type_inconnu() -> None:
    composants = composants_openapi([TYPES_SERIALISABLES[0]])
    assert set(composants) >= {"Utilisateur"}
    with pytest.raises(DonneeInvalide):
        composants_openapi([dict])


def test_la_ligne_de_commande_rend_les_composants() -> None:
    sortie = io.StringIO()
    assert cli.main(["schema", "--openapi"], sortie=sortie) == cli.SORTIE_CONFORME
    assert json.loads(sortie.getvalue()) == {"components": {"schemas": composants_openapi()}}
