"""Le schéma JSON (draft 2020-12) des documents que lit :func:`depuis_dict`.

Le schéma est **dérivé des champs attrs** des classes, comme le convertisseur :
chaque objet a pour propriétés exactement ses champs sérialisés (plus ``"type"``
pour un événement : facultatif pour sa classe, exigé dans un ``Evenement``, qui
aiguille sur lui), refuse les membres inconnus et exige les champs sans valeur
par défaut. Un champ ajouté à une classe apparaît donc de lui-même dans le schéma ;
un type de champ que ce module ne sait pas décrire lève ``TypeError`` (un défaut de
la bibliothèque, que les tests détectent) plutôt que d'être décrit trop largement.

Chaque valeur est décrite par son type JSON, ses valeurs permises et, quand
c'est exprimable, son motif : identifiants (interprétation 9), textes libres,
numéro d'instructeur canonique, durée ISO 8601 strictement positive, adresse
ASCII. Les motifs s'en tiennent au sous-ensemble que lisent tous les moteurs (Python
``re``, ECMAScript avec ou sans le drapeau ``u``, RE2 de Go, Rust ``regex``) : ancrés par
``^`` et ``$``, sans assertion (ni ``(?=``, ni ``(?!``, ni ``\\z``), sans groupe nommé, sans
``\\d`` ni ``\\w`` (Unicode en Python, ASCII ailleurs) mais des classes explicites. En
Python seul, ``$`` accepte un ``"\\n"`` final : chaque texte à motif porte donc aussi
``"not": {"type": "string", "pattern": "\\n"}``, qui refuse un saut de ligne partout
(aucun motif n'en permet ailleurs). Ce qu'une assertion exprimait devient un mot-clé :
une durée doit contenir un chiffre non nul (``allOf``) et ne pas finir par ``T``
(``not``).

Ce qui ne s'exprime pas en schéma (une adresse électronique valide en tout point,
un instant avec fuseau, les références entre comptes et groupes, l'unicité sans
tenir compte de la casse, une limite d'inactivité d'au plus dix ans, un texte libre sans
caractère non imprimable hors ASCII — espace insécable, espace sans chasse, séparateur de
ligne Unicode…, que les motifs portables ne savent pas nommer) est vérifié par la lecture
elle-même.
"""

from __future__ import annotations

import copy
import inspect
import re
import types
import typing
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from enum import Enum
from typing import Any, Final, get_args, get_origin

import attrs

from mcp_rules.fondations import controles, erreurs
from mcp_rules.fondations.acteurs import Acteur
from mcp_rules.fondations.erreurs import DonneeInvalide, ErreurChamp, apercu
from mcp_rules.interfaces.serialisation.lecture import type_connu
from mcp_rules.interfaces.serialisation.valeurs import CAF_JSON, RE_DUREE
from mcp_rules.modele import (
    LONGUEUR_CODE_BAILLEUR,
    LONGUEUR_NUMERO_ALLOCATAIRE,
    LONGUEUR_NUMERO_CONVENTION,
    Convention,
    Politique,
)
from mcp_rules.modele.convention import TYPES_VUS
from mcp_rules.modele.evenements import TYPES_EVENEMENTS, Evenement
from mcp_rules.valeurs.adresse_email import LONGUEUR_MAX, AdresseEmail
from mcp_rules.valeurs.mot_de_passe import MotDePasseTemporaire
from mcp_rules.valeurs.numero_instructeur import NumeroInstructeur

DIALECTE: Final = "https://json-schema.org/draft/2020-12/schema"
BASE_ID: Final = "https://mcp-rules.invalid/schemas/"
ACTEUR_CAF: Final = CAF_JSON
"""L'écriture JSON de :data:`~mcp_rules.CAF`."""

FIN: Final = "$"
"""La fin du texte pour tous les moteurs ; en Python, elle accepte aussi un ``\\n`` final,
que :data:`SAUT_DE_LIGNE` refuse."""

SAUT_DE_LIGNE: Final = "\n"
"""Le caractère qu'aucun texte à motif ne contient (voir la docstring du module)."""

CHAMPS_NON_SERIALISES: Final[Mapping[type[Any], frozenset[str]]] = {
    Convention: frozenset({"cache"}),  # cache de lecture, pas une donnée
    Politique: frozenset({"conditions"}),  # du code Python, pas du JSON
}
"""Les champs attrs (par leur nom d'argument) qui ne s'écrivent pas en JSON."""

# --- valeurs ------------------------------------------------------------------------

_NON_BLANC: Final = "[^\\x00-\\x20\\x7F-\\x9F]"
_IMPRIMABLE: Final = "[^\\x00-\\x1F\\x7F-\\x9F]"
_ASCII_SANS_AROBASE: Final = "[!-?A-~]"
_DEPARTEMENT: Final = "(?:00[1-9]|0[13-8][0-9]|02[1-9AB]|09[0-5]|97[1-6])"


def _texte_a_motif(
    motif: str, *, doit_contenir: str | None = None, exclus: tuple[str, ...] = ()
) -> dict[str, Any]:
    """Un texte qui suit ``motif`` (ancré par ``^`` et ``$``), contient ``doit_contenir``
    s'il est donné, et ne contient ni saut de ligne ni aucun motif de ``exclus``.

    Les contraintes ajoutées ne visent que les textes (``"type": "string"`` dans le
    ``not``) : le même schéma, rendu nullable par :func:`_ou_null`, accepte ``null``.
    """
    interdits = [{"type": "string", "pattern": m} for m in (SAUT_DE_LIGNE, *exclus)]
    schema: dict[str, Any] = {"type": "string", "pattern": motif}
    if doit_contenir is not None:
        schema["allOf"] = [{"pattern": doit_contenir}]
    schema["not"] = interdits[0] if len(interdits) == 1 else {"anyOf": interdits}
    return schema


def _duree() -> dict[str, Any]:
    """Une durée : l'expression même de la lecture, rendue portable.

    La lecture (``valeurs.RE_DUREE``) exige la forme ISO 8601 ; elle refuse aussi ``P``,
    ``PT``, un ``T`` final et une durée nulle. Ses groupes nommés ``(?P<…>`` (une syntaxe
    propre à Python) deviennent des groupes sans capture ; les deux refus s'expriment sans
    assertion : au moins un chiffre non nul (``allOf``), pas de ``T`` final (``not``).
    """
    lecture = re.sub(r"\(\?P<[A-Za-z_][A-Za-z0-9_]*>", "(?:", RE_DUREE.pattern)
    return _texte_a_motif(f"^{lecture}{FIN}", doit_contenir="[1-9]", exclus=(f"T{FIN}",))


def _identifiant(longueur: int = controles.LONGUEUR_IDENTIFIANT) -> dict[str, Any]:
    return {
        **_texte_a_motif(f"^[A-Za-z0-9._-]{{1,{longueur}}}{FIN}"),
        "minLength": 1,
        "maxLength": longueur,
        "description": (
            f"Identifiant ou code : de 1 à {longueur} lettres ou chiffres ASCII, points, "
            "tirets ou soulignements (comparé sans tenir compte de la casse)."
        ),
    }


def schema_identifiant() -> dict[str, Any]:
    """Le schéma d'un identifiant de compte (64 caractères au plus)."""
    return _identifiant()


def schema_acteur() -> dict[str, Any]:
    """Le schéma de qui agit : un identifiant de compte, ou « @CAF »."""
    return {
        "description": (
            "Qui agit : l'identifiant d'un compte, ou « @CAF » pour les administrateurs MCP "
            "de la Caf."
        ),
        "anyOf": [_identifiant(), {"const": ACTEUR_CAF}],
    }


def _texte(longueur: int) -> dict[str, Any]:
    return {
        **_texte_a_motif(f"^{_NON_BLANC}(?:{_IMPRIMABLE}*{_NON_BLANC})?{FIN}"),
        "minLength": 1,
        "maxLength": longueur,
        "description": (
            f"Texte libre de 1 à {longueur} caractères, sans espace au début ni à la fin, "
            "sans caractère de contrôle ; la lecture refuse aussi tout caractère non "
            "imprimable (espace insécable, espace sans chasse…)."
        ),
    }


def _alphanumerique(longueur: int) -> dict[str, Any]:
    return {
        **_texte_a_motif(f"^[A-Za-z0-9]{{1,{longueur}}}{FIN}"),
        "minLength": 1,
        "maxLength": longueur,
        "description": f"Numéro d'allocataire : de 1 à {longueur} lettres ou chiffres ASCII.",
    }


def _instant(description: str) -> dict[str, Any]:
    return {"type": "string", "format": "date-time", "description": description}


_INSTANT_DESCRIPTION: Final = (
    "Instant ISO 8601 avec décalage horaire (par exemple 2026-11-27T09:30:00+01:00) ; "
    "un instant sans décalage est refusé."
)


def _texte_quelconque() -> dict[str, Any]:
    return {"type": "string"}


_CHAMPS_TEXTE: Final[Mapping[str, Callable[[], dict[str, Any]]]] = {
    "nom": lambda: _texte(controles.LONGUEUR_NOM),
    "prenom": lambda: _texte(controles.LONGUEUR_NOM),
    "diplome_etat": lambda: _texte(controles.LONGUEUR_NOM),
    "libelle": lambda: _texte(controles.LONGUEUR_LIBELLE),
    "ancien": lambda: _texte(controles.LONGUEUR_LIBELLE),
    "nouveau": lambda: _texte(controles.LONGUEUR_LIBELLE),
    "organisme": lambda: _texte(controles.LONGUEUR_LIBELLE),
    "caf": lambda: _texte(controles.LONGUEUR_LIBELLE),
    "numero": lambda: _identifiant(LONGUEUR_NUMERO_CONVENTION),
    "code_bailleur": lambda: _identifiant(LONGUEUR_CODE_BAILLEUR),
}
"""Les champs ``str`` qui ne sont pas des identifiants de 64 caractères au plus."""

_ELEMENTS_TEXTE: Final[Mapping[str, Callable[[], dict[str, Any]]]] = {
    "mandats": lambda: _alphanumerique(LONGUEUR_NUMERO_ALLOCATAIRE),
}
"""Les ensembles de ``str`` dont les éléments ne sont pas des identifiants."""

_TEXTES_QUELCONQUES: Final = frozenset({ErreurChamp})
"""Les classes dont les champs ``str`` sont des textes quelconques (non vérifiés)."""


def _valeur_simple(t: Any) -> dict[str, Any] | None:
    """Le schéma d'un type valeur écrit comme un texte, ``None`` pour un autre type."""
    if t is AdresseEmail:
        return {
            **_texte_a_motif(
                f"^{_ASCII_SANS_AROBASE}+@{_ASCII_SANS_AROBASE}+\\.{_ASCII_SANS_AROBASE}+{FIN}"
            ),
            "maxLength": LONGUEUR_MAX,
            "description": (
                "Adresse électronique ASCII (partie locale@domaine), de 254 caractères au "
                "plus ; sa syntaxe complète est vérifiée à la lecture."
            ),
        }
    if t is NumeroInstructeur:
        return {
            **_texte_a_motif(f"^{_DEPARTEMENT}[A-Z][0-9]{{3}}[0-9]{{2}}00000{FIN}"),
            "minLength": 14,
            "maxLength": 14,
            "description": (
                "Numéro d'instructeur RSA complet, forme canonique de 14 caractères : "
                "département, type (une lettre), commune (3 chiffres), rang (2 chiffres), "
                "puis cinq zéros (par exemple 093A1230100000)."
            ),
        }
    if t is MotDePasseTemporaire:
        return _instant(
            "Instant d'émission du mot de passe temporaire (ISO 8601 avec décalage) ; "
            "il expire 24 heures plus tard."
        )
    if t is datetime:
        return _instant(_INSTANT_DESCRIPTION)
    if t is timedelta:
        return {
            **_duree(),
            "description": (
                "Durée ISO 8601 strictement positive en jours, heures, minutes et secondes "
                "(par exemple P90D ou PT36H)."
            ),
        }
    if t is bool:
        return {"type": "boolean"}
    if isinstance(t, type) and issubclass(t, Enum):
        schema: dict[str, Any] = {"type": "string", "enum": [m.value for m in t]}
        if t.__doc__:
            schema["description"] = _premiere_ligne(t.__doc__)
        return schema
    return None


def _union_d_enumerations(classes: list[Any]) -> dict[str, Any]:
    """Une valeur de l'une de plusieurs énumérations : le rôle d'un groupe (profil T ou rôle
    applicatif) est la seule union de ce genre."""
    return {
        "type": "string",
        "enum": [m.value for cls in classes for m in cls],
        "description": (
            "Le rôle d'un groupe : un profil T (CDAP), ou le rôle applicatif ADONIS ou "
            "OFFRE_BAILLEURS d'un groupe de ce service."
        ),
    }


def _premiere_ligne(doc: str) -> str:
    return doc.strip().splitlines()[0].replace("``", "`")


def _ou_null(schema: dict[str, Any]) -> dict[str, Any]:
    """Le schéma qui accepte aussi ``null`` (``"type": [..., "null"]`` quand c'est possible)."""
    if isinstance(schema.get("type"), str):
        resultat = {**schema, "type": [schema["type"], "null"]}
        if "enum" in schema:
            resultat["enum"] = [*schema["enum"], None]
        return resultat
    return {"anyOf": [schema, {"type": "null"}]}


def _est_optionnel(t: Any) -> bool:
    return get_origin(t) in (typing.Union, types.UnionType) and type(None) in get_args(t)


# --- les champs d'une classe -----------------------------------------------------------


def champs_json(cls: type[Any]) -> tuple[tuple[str, Any, bool], ...]:
    """Chaque champ sérialisé de ``cls`` : (nom JSON, type, obligatoire), dans l'ordre attrs.

    Le nom JSON est celui de l'argument du constructeur (l'alias attrs) ; un champ est
    obligatoire quand le constructeur n'a pas de valeur par défaut pour lui.
    """
    exclus = CHAMPS_NON_SERIALISES.get(cls, frozenset())
    indications = typing.get_type_hints(cls)
    if cls is Convention:  # ses structures persistantes se lisent comme table et tuple
        indications.update(TYPES_VUS)
    parametres = inspect.signature(cls).parameters
    champs = []
    for champ in attrs.fields(cls):
        nom = champ.alias
        if nom in exclus:
            continue
        parametre = parametres.get(nom)
        if parametre is None:  # défaut de la bibliothèque : un champ non sérialisable
            raise TypeError(f"{cls.__name__}.{nom} n'est pas un argument du constructeur")
        obligatoire = parametre.default is inspect.Parameter.empty
        champs.append((nom, indications[champ.name], obligatoire))
    return tuple(champs)


class _Constructeur:
    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def ref(self, cls: type[Any]) -> dict[str, Any]:
        nom = cls.__name__
        if nom not in self.defs:
            self.defs[nom] = {}  # réserve le nom (références récursives)
            self.defs[nom] = self.evenement() if cls is Evenement else self.objet(cls)
        return {"$ref": f"#/$defs/{nom}"}

    def evenement(self) -> dict[str, Any]:
        # Aiguillage par « type » (if/then) plutôt qu'un oneOf : une seule classe est
        # vérifiée, et les erreurs rapportées sont celles de cette classe.
        noms = list(TYPES_EVENEMENTS)
        return {
            "title": "Evenement",
            "description": (
                "Un événement du journal : un objet dont le membre « type » nomme la classe "
                "(" + ", ".join(noms) + ")."
            ),
            "type": "object",
            "required": ["type"],
            "properties": {"type": {"type": "string", "enum": noms}},
            "allOf": [
                {
                    "if": {"properties": {"type": {"const": nom}}, "required": ["type"]},
                    "then": self.ref(cls),
                }
                for nom, cls in TYPES_EVENEMENTS.items()
            ],
        }

    def objet(self, cls: type[Any]) -> dict[str, Any]:
        proprietes: dict[str, Any] = {}
        requis: list[str] = []
        if issubclass(cls, Evenement):
            # Facultatif ici comme à la lecture d'une classe concrète, mais exigé par
            # la définition Evenement (journal), qui aiguille sur lui.
            proprietes["type"] = {
                "const": cls.__name__,
                "description": "Le nom de la classe de l'événement (exigé dans un journal).",
            }
        for nom, t, obligatoire in champs_json(cls):
            proprietes[nom] = self.valeur(t, cls, nom)
            if obligatoire:
                requis.append(nom)
        schema: dict[str, Any] = {"title": cls.__name__}
        if cls.__doc__:
            schema["description"] = _premiere_ligne(cls.__doc__)
        schema.update(type="object", additionalProperties=False, properties=proprietes)
        if requis:
            schema["required"] = requis
        return schema

    def valeur(self, t: Any, cls: type[Any], nom: str) -> dict[str, Any]:
        if t == Acteur:
            return schema_acteur()
        if _est_optionnel(t):
            options = [a for a in get_args(t) if a is not type(None)]
            if len(options) == 1:
                return _ou_null(self.valeur(options[0], cls, nom))
            if all(isinstance(o, type) and issubclass(o, Enum) for o in options):
                return _ou_null(_union_d_enumerations(options))
        if get_origin(t) in (typing.Union, types.UnionType) and all(
            isinstance(o, type) and issubclass(o, Enum) for o in get_args(t)
        ):
            return _union_d_enumerations(list(get_args(t)))
        if t is str:
            if cls in _TEXTES_QUELCONQUES:
                return _texte_quelconque()
            fabrique = _CHAMPS_TEXTE.get(nom)
            return fabrique() if fabrique is not None else _identifiant()
        simple = _valeur_simple(t)
        if simple is not None:
            return simple
        origine = get_origin(t)
        arguments = get_args(t)
        if origine in (frozenset, set) and len(arguments) == 1:
            fabrique = _ELEMENTS_TEXTE.get(nom) if arguments[0] is str else None
            element = fabrique() if fabrique is not None else self.valeur(arguments[0], cls, "")
            return {
                "type": "array",
                "uniqueItems": True,
                "items": element,
                "description": "Un ensemble : une liste sans doublon (écrite triée).",
            }
        if origine is tuple and len(arguments) == 2 and arguments[1] is Ellipsis:
            return {"type": "array", "items": self.valeur(arguments[0], cls, "")}
        if origine is Mapping and len(arguments) == 2 and arguments[0] is str:
            # Une table indexée par identifiant ou code, écrite comme la liste de ses
            # valeurs (triée) : deux éléments égaux auraient la même clé.
            return {
                "type": "array",
                "uniqueItems": True,
                "items": self.valeur(arguments[1], cls, ""),
            }
        if isinstance(t, type) and (t is Evenement or attrs.has(t)):
            return self.ref(t)
        raise TypeError(f"type sans schéma : {t!r} ({cls.__name__}.{nom})")


_DEJA_FAITS: Final[dict[type[Any], dict[str, Any]]] = {}


def _schema(cls: type[Any]) -> dict[str, Any]:
    fait = _DEJA_FAITS.get(cls)
    if fait is not None:
        return fait
    constructeur = _Constructeur()
    simple = _valeur_simple(cls)
    racine = simple if simple is not None else constructeur.ref(cls)
    document: dict[str, Any] = {
        "$schema": DIALECTE,
        "$id": f"{BASE_ID}{cls.__name__}.json",
        "title": cls.__name__,
    }
    if cls.__doc__:
        document["description"] = _premiere_ligne(cls.__doc__)
    document.update(racine)
    if constructeur.defs:
        document["$defs"] = constructeur.defs
    _DEJA_FAITS[cls] = document
    return document


def schema(cls: type[Any]) -> dict[str, Any]:
    """Le schéma de ``cls`` : un document autonome avec ses définitions.

    Chaque appel rend une copie neuve : la modifier ne change pas les appels suivants.
    """
    return copy.deepcopy(_schema(cls))


REFERENCE_PAR_DEFAUT: Final = "#/$defs/{model}"
"""Le gabarit des ``$ref`` d'un schéma autonome : ses définitions, sous ``$defs``."""


def schema_json(type_: type[Any], *, ref_template: str = REFERENCE_PAR_DEFAUT) -> dict[str, Any]:
    """Le schéma JSON (draft 2020-12) des documents que :func:`depuis_dict` accepte.

    ``ref_template`` (comme dans pydantic) : la forme de chaque ``$ref``, où ``{model}``
    est remplacé par le nom de la définition. Avec ``"#/components/schemas/{model}"``,
    les références pointent là où un document OpenAPI range ses schémas (les définitions
    restent sous ``$defs``, à y déplacer ; :func:`~mcp_rules.interfaces.serialisation.\
openapi.composants_openapi` rend les composants tout prêts). Un gabarit qui n'est pas un
    texte contenant ``{model}`` lève :class:`~mcp_rules.DonneeInvalide`.
    """
    document = schema(type_connu(type_))
    if ref_template != REFERENCE_PAR_DEFAUT:
        reecrire_references(document, verifier_gabarit(ref_template))
    return document


def verifier_gabarit(ref_template: object) -> str:
    """Le gabarit de références, s'il est un texte qui contient ``{model}``."""
    if not isinstance(ref_template, str):
        raise DonneeInvalide(
            erreurs.TYPE, f"ref_template : un texte est attendu, pas {apercu(ref_template)}"
        )
    if "{model}" not in ref_template:
        raise DonneeInvalide(
            erreurs.VALEUR,
            f"ref_template {apercu(ref_template)} ne contient pas « {{model}} », la place du "
            "nom de chaque définition",
            valeur=ref_template,
        )
    return ref_template


def reecrire_references(noeud: object, ref_template: str) -> None:
    """Chaque ``"$ref": "#/$defs/Nom"`` du schéma, réécrit selon le gabarit (sur place)."""
    if isinstance(noeud, dict):
        ref = noeud.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            noeud["$ref"] = ref_template.replace("{model}", ref.removeprefix("#/$defs/"))
        for valeur in noeud.values():
            reecrire_references(valeur, ref_template)
    elif isinstance(noeud, list):
        for x in noeud:
            reecrire_references(x, ref_template)
