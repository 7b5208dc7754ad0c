"""Les schémas des documents, prêts pour la section ``components.schemas`` d'OpenAPI.

OpenAPI 3.1 décrit ses corps de requête et de réponse en JSON Schema 2020-12, le dialecte
de :func:`~mcp_rules.interfaces.serialisation.schema.schema_json`, mais range les schémas
dans ``components.schemas`` et non dans les ``$defs`` de chacun : copiés tels quels, les
``$ref`` d'un schéma autonome y pendraient dans le vide.

>>> from mcp_rules.serialisation import composants_openapi
>>> composants = composants_openapi()
>>> composants["Groupe"]["properties"]["membres"]["items"]["pattern"]
'^[A-Za-z0-9._-]{1,64}$'
>>> composants["Convention"]["properties"]["groupes"]["items"]
{'$ref': '#/components/schemas/Groupe'}
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from mcp_rules.fondations import erreurs
from mcp_rules.fondations.erreurs import DonneeInvalide
from mcp_rules.interfaces.serialisation.convertisseur import TYPES_SERIALISABLES
from mcp_rules.interfaces.serialisation.lecture import type_connu
from mcp_rules.interfaces.serialisation.schema import (
    reecrire_references,
    schema,
    verifier_gabarit,
)

__all__ = ["REFERENCE_OPENAPI", "composants_openapi"]

REFERENCE_OPENAPI: Final = "#/components/schemas/{model}"


def composants_openapi(
    types: Iterable[type[Any]] = TYPES_SERIALISABLES, *, ref_template: str = REFERENCE_OPENAPI
) -> dict[str, dict[str, Any]]:
    """Les schémas de ``types`` et de tout ce qu'ils référencent, par nom de type.

    Chaque ``$ref`` suit ``ref_template`` (``{model}`` : le nom) ; aucun schéma ne porte
    ``$schema``, ``$id`` ni ``$defs``. Un type que la lecture ne connaît pas, ou un gabarit
    sans ``{model}``, lève :class:`~mcp_rules.DonneeInvalide`.
    """
    gabarit = verifier_gabarit(ref_template)
    composants: dict[str, dict[str, Any]] = {}
    for type_ in types:
        document = schema(type_connu(type_))
        definitions: dict[str, dict[str, Any]] = document.pop("$defs", {})
        racine = {k: v for k, v in document.items() if k not in ("$schema", "$id")}
        nom = type_.__name__
        if racine.get("$ref") == f"#/$defs/{nom}":
            racine = definitions[nom]  # la racine n'est qu'un renvoi à sa définition
        for cle, valeur in ((nom, racine), *definitions.items()):
            deja = composants.setdefault(cle, valeur)
            if deja != valeur:  # deux types d'un même nom : un défaut de la bibliothèque
                raise DonneeInvalide(erreurs.VALEUR, f"deux schémas différents pour {cle}")
    reecrire_references(composants, gabarit)
    return composants
