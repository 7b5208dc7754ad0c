"""Le schéma JSON (draft 2020-12) des documents lus par :mod:`mcp_rules.serialisation`.

Le schéma est dérivé des mêmes champs attrs que le convertisseur : chaque objet
refuse les membres inconnus, exige les champs sans valeur par défaut, et décrit
chaque valeur par son type JSON, ses valeurs permises et, pour les identifiants,
le motif de l'interprétation 9. Ce qui ne s'exprime pas en schéma (une adresse
électronique valide, un instant avec fuseau, les références entre objets) est
vérifié par la lecture elle-même.
"""

from __future__ import annotations

import types
import typing
from datetime import datetime, timedelta
from enum import Enum
from typing import Any, Final, get_args, get_origin

import attrs

from mcp_rules import _controles
from mcp_rules.acteurs import Acteur
from mcp_rules.adresse_email import LONGUEUR_MAX, AdresseEmail
from mcp_rules.enumerations import ProfilT, Service
from mcp_rules.erreurs import ErreurChamp
from mcp_rules.evenements import TYPES_EVENEMENTS, Evenement
from mcp_rules.modele import (
    LONGUEUR_CODE_BAILLEUR,
    LONGUEUR_NUMERO_ALLOCATAIRE,
    LONGUEUR_NUMERO_CONVENTION,
    ConfigurationAfas,
    Convention,
    Groupe,
    Politique,
    Utilisateur,
)
from mcp_rules.mot_de_passe import MotDePasseTemporaire
from mcp_rules.numero_instructeur import NumeroInstructeur

DIALECTE: Final = "https://json-schema.org/draft/2020-12/schema"
_FIN: Final = "(?![\\s\\S])"  # vraie fin du texte, en Python comme en ECMAScript


def _identifiant(longueur: int = _controles.LONGUEUR_IDENTIFIANT) -> dict[str, Any]:
    return {
        "type": "string",
        "pattern": f"^[A-Za-z0-9._-]{{1,{longueur}}}{_FIN}",
        "minLength": 1,
        "maxLength": longueur,
    }


def _texte(longueur: int) -> dict[str, Any]:
    return {"type": "string", "minLength": 1, "maxLength": longueur}


_INSTANT: Final = {
    "type": "string",
    "format": "date-time",
    "description": "Instant ISO 8601 avec décalage (par exemple 2026-11-27T09:30:00+01:00).",
}

_CHAMPS_PARTICULIERS: Final[dict[str, dict[str, Any]]] = {
    "nom": _texte(_controles.LONGUEUR_NOM),
    "prenom": _texte(_controles.LONGUEUR_NOM),
    "diplome_etat": _texte(_controles.LONGUEUR_NOM),
    "libelle": _texte(_controles.LONGUEUR_LIBELLE),
    "ancien": _texte(_controles.LONGUEUR_LIBELLE),
    "nouveau": _texte(_controles.LONGUEUR_LIBELLE),
    "organisme": _texte(_controles.LONGUEUR_LIBELLE),
    "caf": _texte(_controles.LONGUEUR_LIBELLE),
    "numero": _identifiant(LONGUEUR_NUMERO_CONVENTION),
    "code_bailleur": _identifiant(LONGUEUR_CODE_BAILLEUR),
}

_ELEMENTS_PARTICULIERS: Final[dict[str, dict[str, Any]]] = {
    "mandats": {
        "type": "string",
        "pattern": f"^[A-Za-z0-9]{{1,{LONGUEUR_NUMERO_ALLOCATAIRE}}}{_FIN}",
    },
}

_VALEURS: Final[dict[type[Any], dict[str, Any]]] = {
    AdresseEmail: {
        "type": "string",
        "minLength": 3,
        "maxLength": LONGUEUR_MAX,
        "description": "Adresse électronique ASCII.",
    },
    NumeroInstructeur: {
        "type": "string",
        "pattern": f"^[0-9]{{2}}[0-9AB][A-Z][0-9]{{5}}00000{_FIN}",
        "description": "Numéro d'instructeur RSA complet, 14 caractères.",
    },
    MotDePasseTemporaire: {**_INSTANT, "description": "Instant d'émission du mot de passe."},
}


class _Constructeur:
    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def ref(self, cls: type[Any]) -> dict[str, Any]:
        nom = cls.__name__
        if nom not in self.defs:
            self.defs[nom] = {}  # réserve le nom (références récursives)
            self.defs[nom] = self.objet(cls)
        return {"$ref": f"#/$defs/{nom}"}

    def objet(self, cls: type[Any]) -> dict[str, Any]:
        if cls is Convention:
            return self.convention()
        if cls is Politique:
            return {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "inactivite_max": {"type": "string", "pattern": "^P"},
                    "mots_adresse_service": {
                        "type": "array",
                        "uniqueItems": True,
                        "items": _identifiant(),
                    },
                },
            }
        if cls is Evenement:
            return {"oneOf": [self.ref(c) for c in TYPES_EVENEMENTS.values()]}
        champs = attrs.fields(cls)
        hints = typing.get_type_hints(cls)
        proprietes: dict[str, Any] = {}
        requis: list[str] = []
        if issubclass(cls, Evenement):
            proprietes["type"] = {"const": cls.__name__}
            requis.append("type")
        for champ in champs:
            proprietes[champ.name] = self.valeur(hints[champ.name], champ.name)
            if champ.default is attrs.NOTHING:
                requis.append(champ.name)
        schema: dict[str, Any] = {
            "type": "object",
            "additionalProperties": False,
            "properties": proprietes,
        }
        if requis:
            schema["required"] = requis
        if cls.__doc__:
            schema["description"] = cls.__doc__.strip().splitlines()[0]
        return schema

    def convention(self) -> dict[str, Any]:
        return {
            "type": "object",
            "additionalProperties": False,
            "description": "Une convention MCP et tout ce qu'elle contient.",
            "required": ["numero", "organisme", "caf", "services", "administrateurs"],
            "properties": {
                "numero": _CHAMPS_PARTICULIERS["numero"],
                "organisme": _CHAMPS_PARTICULIERS["organisme"],
                "caf": _CHAMPS_PARTICULIERS["caf"],
                "gestion_deleguee": {"type": "boolean"},
                "services": self.ensemble(self.enum(Service)),
                "profils_contractuels": self.ensemble(self.enum(ProfilT)),
                "administrateurs": self.ensemble(_identifiant()),
                "utilisateurs": {"type": "array", "items": self.ref(Utilisateur)},
                "groupes": {"type": "array", "items": self.ref(Groupe)},
                "afas": self.ref(ConfigurationAfas),
                "journal": {"type": "array", "items": self.ref(Evenement)},
            },
        }

    @staticmethod
    def enum(enumeration: type[Enum]) -> dict[str, Any]:
        return {"type": "string", "enum": [m.value for m in enumeration]}

    @staticmethod
    def ensemble(element: dict[str, Any]) -> dict[str, Any]:
        return {"type": "array", "uniqueItems": True, "items": element}

    def valeur(self, t: Any, nom: str) -> dict[str, Any]:
        if nom in _CHAMPS_PARTICULIERS:
            return _CHAMPS_PARTICULIERS[nom]
        origine = get_origin(t)
        if origine in (typing.Union, types.UnionType) and t != Acteur:
            options = [a for a in get_args(t) if a is not type(None)]
            if len(options) == 1:
                return {"anyOf": [self.valeur(options[0], nom), {"type": "null"}]}
        if t == Acteur:
            return {"anyOf": [_identifiant(), {"const": "@CAF"}]}
        if origine in (frozenset, set):
            (element,) = get_args(t)
            schema_element = _ELEMENTS_PARTICULIERS.get(nom) or self.valeur(element, "")
            return self.ensemble(schema_element)
        if origine is tuple:
            return {"type": "array", "items": _identifiant()}
        if t is str:
            return _identifiant()
        if t is bool:
            return {"type": "boolean"}
        if t is datetime:
            return dict(_INSTANT)
        if t is timedelta:
            return {"type": "string", "pattern": "^P"}
        if t in _VALEURS:
            return dict(_VALEURS[t])
        if isinstance(t, type) and issubclass(t, Enum):
            return self.enum(t)
        if isinstance(t, type) and attrs.has(t):
            return self.ref(t)
        raise TypeError(f"type sans schéma : {t!r}")  # défaut de la bibliothèque


def schema(cls: type[Any]) -> dict[str, Any]:
    """Le schéma de ``cls`` : un document autonome avec ses définitions."""
    constructeur = _Constructeur()
    if cls in _VALEURS:
        racine: dict[str, Any] = dict(_VALEURS[cls])
    elif cls is ErreurChamp:
        racine = {
            "type": "object",
            "additionalProperties": False,
            "required": ["chemin", "code", "message"],
            "properties": {k: {"type": "string"} for k in ("chemin", "code", "message")},
        }
    else:
        racine = dict(constructeur.ref(cls))
    document: dict[str, Any] = {
        "$schema": DIALECTE,
        "$id": f"https://mcp-rules.invalid/schemas/{cls.__name__}.json",
        "title": cls.__name__,
        **racine,
    }
    if constructeur.defs:
        document["$defs"] = constructeur.defs
    return document
