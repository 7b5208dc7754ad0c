"""Le schéma JSON (``schema_json``) et la lecture (``depuis_dict``) sont d'accord.

Pour chaque type de ``TYPES_SERIALISABLES``, ces tests vérifient que :

1. ``schema_json(T)`` est un schéma 2020-12 valide, autonome (chaque ``$ref`` se
   résout dans le document, sans registre extérieur), sérialisable en JSON,
   déterministe (le même à chaque appel, d'un processus à l'autre, et une copie
   qu'on peut modifier sans effet sur l'appel suivant), titré et décrit en
   français ;
2. le schéma est **dérivé des champs attrs** : les propriétés d'un objet sont
   exactement ses champs (par leur nom d'argument, plus ``"type"`` pour un
   événement), les champs obligatoires exactement ceux sans valeur par défaut ;
3. **sens 1** — chaque document écrit par ``vers_dict`` pour une valeur tirée au
   hasard par :mod:`mcp_rules.strategies` (convention avec journal, compte, groupe,
   configuration AFAS, événement, politique, valeurs, erreur de champ) est valide
   pour le schéma de son type, ``format: date-time`` compris (RFC 3339) ;
4. **sens 2** — un document refusé par la lecture *pour sa forme* est refusé par
   le schéma. Les mutants viennent de documents valides modifiés à un endroit
   tiré au hasard : champ obligatoire supprimé, membre inconnu ajouté, valeur
   remplacée par une valeur d'un autre type JSON (``"false"`` pour un booléen,
   ``3`` ou ``3.9`` pour un texte, un texte pour une liste…), valeur
   d'énumération inconnue, doublon dans une liste-ensemble, ``"type"``
   d'événement inconnu. Chaque mutant doit être refusé par les deux. Deux
   tirages : un mutant au hasard (genre, puis endroit, puis valeur) d'un document
   tiré au hasard, et **tous** les mutants de documents fixes où chaque champ de
   chaque type est présent, nul ou non (les dix-neuf événements compris). Où
   mettre un mutant (quels champs sont obligatoires, quels types JSON sont
   permis) se lit dans les types Python, pas dans le schéma ;
5. les motifs (``pattern``) se comportent de même en Python et en ECMAScript :
   fin de texte ``(?![\\s\\S])`` plutôt que ``$`` (un identifiant suivi de
   ``"\\n"`` est refusé partout), résultats comparés à ceux de node quand il est
   installé ; et ils ne sont pas plus stricts que la lecture (identifiants,
   textes, adresses, durées, numéros d'instructeur).

Ce que le schéma ne vérifie pas
-------------------------------

Ces refus-là viennent de la lecture seule (hors du sens 2 ;
``test_limites_du_schema`` en garde un exemple de chaque) :

- **adresse électronique** : le schéma exige de l'ASCII sans blanc de la forme
  ``local@domaine.extension`` et 254 caractères au plus ; le reste de la syntaxe
  (deux points qui se suivent, tiret en bord de domaine, extension invalide…)
  est vérifié par email-validator à la lecture ;
- **instants** : ``format: date-time`` n'est qu'une annotation en 2020-12 ; un
  instant sans décalage horaire (naïf), une date impossible (30 février) ou un
  texte qui n'est pas une date ne sont refusés qu'à la lecture ;
- **textes libres** (noms, libellés) : le schéma refuse les caractères de contrôle
  (U+0000–U+001F, U+007F–U+009F) et les espaces au bord, pas les autres
  caractères non imprimables (espace insécable, U+200B, U+2028…) ;
- **références** : administrateurs, gestionnaires, membres et rôles AFAS doivent
  être des comptes de la convention ; un groupe parent doit exister, avoir le même
  service, ne pas former de cycle ; un groupe n'est pas son propre parent ;
- **unicité sans tenir compte de la casse** : identifiants des comptes, codes des
  groupes, éléments d'un ensemble d'identifiants (``["a", "A"]``) ; le schéma ne
  refuse que les doublons exacts ;
- **chronologie d'un compte** : clôture, dernière connexion ou mot de passe
  temporaire antérieurs à la création ;
- **durée trop grande** : le schéma borne le nombre de chiffres de chaque partie
  d'une durée comme la lecture, pas leur somme (au-delà de 999 999 999 jours,
  ``PT99999999999H``).

Anciens désaccords, corrigés
----------------------------

- ``CompteModifie.champs`` (un ``tuple[str, ...]``) était lu comme n'importe quel
  itérable (``"nom"`` devenait ``("n", "o", "m")``) : la lecture exige désormais une
  liste de textes, comme le schéma.
- La lecture acceptait un numéro d'instructeur non canonique ; en JSON, seule la forme
  canonique de 14 caractères est lue, comme le décrit le schéma.
"""

from __future__ import annotations

import enum
import functools
import importlib
import inspect
import json
import operator
import os
import random
import re
import shutil
import subprocess
import sys
import types
import typing
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, Final, get_args, get_origin

import attrs
import pytest
from hypothesis import given, note
from hypothesis import strategies as st
from referencing import Registry

from mcp_rules import (
    Acteur,
    AdresseEmail,
    CompteModifie,
    ConfigurationAfas,
    Convention,
    DonneesInvalides,
    ErreurChamp,
    Evenement,
    Fonction,
    Groupe,
    GroupeCree,
    NumeroInstructeur,
    Politique,
    ProfilT,
    Role,
    Service,
    Utilisateur,
)
from mcp_rules import strategies as mst
from mcp_rules.modele.convention import TYPES_VUS
from mcp_rules.modele.evenements import TYPES_EVENEMENTS
from mcp_rules.modele.politique import INACTIVITE_MAX_PERMISE
from mcp_rules.serialisation import (
    TYPES_SERIALISABLES,
    depuis_dict,
    schema_json,
    vers_dict,
)
from mcp_rules.valeurs.mot_de_passe import MotDePasseTemporaire
from mcp_rules.valeurs.numero_instructeur import DEPARTEMENTS

# jsonschema n'a pas d'annotations de types : importé comme un module quelconque.
jsonschema: Any = importlib.import_module("jsonschema")

Chemin = tuple[str | int, ...]

DIALECTE: Final = "https://json-schema.org/draft/2020-12/schema"

TYPES_VALEURS: Final[frozenset[type[Any]]] = frozenset(
    {AdresseEmail, NumeroInstructeur, MotDePasseTemporaire}
)
"""Les classes attrs écrites en JSON comme un texte, pas comme un objet."""

CHAMPS_NON_SERIALISES: Final[Mapping[type[Any], frozenset[str]]] = {
    Convention: frozenset({"cache"}),
    Politique: frozenset({"conditions"}),
}
"""Les seuls champs attrs qui ne s'écrivent pas en JSON (par leur nom d'argument)."""

TYPES_OBJETS: Final[tuple[type[Any], ...]] = tuple(
    t for t in TYPES_SERIALISABLES if t not in TYPES_VALEURS and t is not Evenement
)


def _id(t: object) -> str:
    return getattr(t, "__name__", str(t))


# --- validateurs ------------------------------------------------------------------------

_RFC3339: Final = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?"
    r"(?:[Zz]|[+-][0-9]{2}:[0-9]{2})",
    re.ASCII,
)

FORMATS: Final = jsonschema.FormatChecker(formats=())


@FORMATS.checks("date-time", raises=ValueError)  # type: ignore[untyped-decorator]
def _date_time(valeur: object) -> bool:
    """``date-time`` au sens de la RFC 3339 (profil d'ISO 8601 exigé par JSON Schema)."""
    if not isinstance(valeur, str):
        return True
    if _RFC3339.fullmatch(valeur) is None:
        return False
    datetime.fromisoformat(valeur.upper())
    return True


def _validateur(t: type[Any], *, formats: bool = False) -> Any:
    """Un validateur 2020-12 sans registre : toute ``$ref`` extérieure échouerait."""
    return jsonschema.Draft202012Validator(
        schema_json(t),
        registry=Registry(),
        format_checker=FORMATS if formats else None,
    )


VALIDATEURS: Final = {t: _validateur(t) for t in TYPES_SERIALISABLES}
VALIDATEURS_FORMATS: Final = {t: _validateur(t, formats=True) for t in TYPES_SERIALISABLES}


def _erreurs_schema(t: type[Any], document: object, *, formats: bool = False) -> list[str]:
    validateur = (VALIDATEURS_FORMATS if formats else VALIDATEURS)[t]
    return [
        f"{e.json_path}: {e.message}"
        for e in sorted(validateur.iter_errors(document), key=lambda e: e.json_path)
    ]


def _refus_lecture(t: type[Any], document: object) -> DonneesInvalides | None:
    try:
        depuis_dict(document, t)
    except DonneesInvalides as exc:
        return exc
    return None


# --- 1. le schéma lui-même -------------------------------------------------------------


def _refs(noeud: object) -> Iterator[str]:
    if isinstance(noeud, dict):
        for cle, valeur in noeud.items():
            if cle == "$ref":
                assert isinstance(valeur, str)
                yield valeur
            else:
                yield from _refs(valeur)
    elif isinstance(noeud, list):
        for x in noeud:
            yield from _refs(x)


def _motifs(noeud: object) -> Iterator[str]:
    if isinstance(noeud, dict):
        for cle, valeur in noeud.items():
            if cle == "pattern" and isinstance(valeur, str):
                yield valeur
            else:
                yield from _motifs(valeur)
    elif isinstance(noeud, list):
        for x in noeud:
            yield from _motifs(x)


@pytest.mark.parametrize("t", TYPES_SERIALISABLES, ids=_id)
def test_schema_valide_autonome_et_serialisable(t: type[Any]) -> None:
    schema = schema_json(t)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == DIALECTE
    assert schema["$id"].endswith(f"/{t.__name__}.json")
    assert json.loads(json.dumps(schema, ensure_ascii=False)) == schema
    definitions = schema.get("$defs", {})
    for ref in _refs(schema):
        assert ref.startswith("#/$defs/"), ref
        assert ref.removeprefix("#/$defs/") in definitions, ref
    # Chaque définition sert : le document ne traîne rien d'inutile.
    assert {r.removeprefix("#/$defs/") for r in _refs(schema)} == set(definitions)
    for motif in _motifs(schema):
        re.compile(motif)
        assert not re.search(r"\\[dDwWbBsSzZA]", motif), f"classe non portable : {motif}"
        assert not re.search(r"\(\?(?:[=!]|<[=!]|P<)", motif), f"assertion : {motif}"
    for noeud in _textes_a_motif(schema):
        motif = noeud["pattern"]
        assert motif.startswith("^"), motif
        assert motif.endswith("$"), motif
        # $ accepte un \n final en Python : le même nœud refuse tout saut de ligne.
        assert "\n" in _contraintes(noeud)[2], noeud


def test_chaque_motif_est_porte_par_un_texte_a_motif() -> None:
    """Les vérifications des textes à motif voient bien chaque motif principal."""
    principaux = {
        n["pattern"] for t in TYPES_SERIALISABLES for n in _textes_a_motif(schema_json(t))
    }
    tous = {m for t in TYPES_SERIALISABLES for m in _motifs(schema_json(t))}
    assert len(principaux) >= 7
    assert tous - principaux == {"\n", "T$", "[1-9]"}


def _textes_a_motif(noeud: object) -> Iterator[dict[str, Any]]:
    """Chaque nœud de schéma qui décrit un texte à motif ancré."""
    if isinstance(noeud, dict):
        types_ = noeud.get("type")
        types_ = [types_] if isinstance(types_, str) else types_ or []
        if "pattern" in noeud and "string" in types_ and noeud["pattern"].startswith("^"):
            yield noeud
        for valeur in noeud.values():
            yield from _textes_a_motif(valeur)
    elif isinstance(noeud, list):
        for x in noeud:
            yield from _textes_a_motif(x)


def _contraintes(noeud: dict[str, Any]) -> tuple[str, list[str], list[str]]:
    """Le motif d'un texte, les motifs qu'il doit contenir, ceux qu'il ne doit pas."""
    contient = [c["pattern"] for c in noeud.get("allOf", []) if "pattern" in c]
    interdit = noeud.get("not", {})
    exclus = [e["pattern"] for e in interdit.get("anyOf", [interdit]) if "pattern" in e]
    return noeud["pattern"], contient, exclus


def _verdict_python(noeud: dict[str, Any], texte: str) -> bool:
    motif, contient, exclus = _contraintes(noeud)
    return (
        re.search(motif, texte) is not None
        and all(re.search(c, texte) for c in contient)
        and not any(re.search(e, texte) for e in exclus)
    )


@pytest.mark.parametrize("t", TYPES_SERIALISABLES, ids=_id)
def test_schema_deterministe_et_copie_neuve(t: type[Any]) -> None:
    premier = schema_json(t)
    texte = json.dumps(premier, ensure_ascii=False)
    premier["title"] = "modifié"
    premier.setdefault("$defs", {}).clear()
    premier.pop("$schema")
    second = schema_json(t)
    assert json.dumps(second, ensure_ascii=False) == texte
    assert second == json.loads(texte)
    assert second is not schema_json(t)


def test_schema_identique_d_un_processus_a_l_autre() -> None:
    programme = (
        "import json\n"
        "from mcp_rules.serialisation import TYPES_SERIALISABLES, schema_json\n"
        "print(json.dumps([schema_json(t) for t in TYPES_SERIALISABLES]))\n"
    )
    sorties = set()
    for graine in ("0", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": graine}
        resultat = subprocess.run(
            [sys.executable, "-c", programme],
            capture_output=True,
            text=True,
            env=env,
            check=True,
            timeout=60,
        )
        sorties.add(resultat.stdout)
    assert len(sorties) == 1
    attendu = [schema_json(t) for t in TYPES_SERIALISABLES]
    assert json.loads(sorties.pop()) == attendu


@pytest.mark.parametrize("t", TYPES_SERIALISABLES, ids=_id)
def test_schema_titre_et_description_en_francais(t: type[Any]) -> None:
    schema = schema_json(t)
    assert schema["title"] == t.__name__
    assert schema["description"]
    for nom, definition in schema.get("$defs", {}).items():
        assert definition["title"] == nom
        assert definition["description"], nom
    # Un mot français courant, pas un texte anglais par défaut.
    textes = json.dumps(schema, ensure_ascii=False)
    assert re.search(r"\b(?:un|une|le|la|les|de|du|des)\b", textes)


# --- 2. dérivé des champs attrs ---------------------------------------------------------


def _champs_attendus(cls: type[Any]) -> dict[str, tuple[Any, bool]]:
    """Nom JSON → (type Python, obligatoire), lus dans attrs et le constructeur seuls."""
    exclus = CHAMPS_NON_SERIALISES.get(cls, frozenset())
    indications = typing.get_type_hints(cls)
    if cls is Convention:  # tables et journal persistants, lus comme table et tuple
        indications.update(TYPES_VUS)
    parametres = inspect.signature(cls).parameters
    champs: dict[str, tuple[Any, bool]] = {}
    if issubclass(cls, Evenement):
        # Facultatif pour la classe concrète ; exigé dans un Evenement (journal).
        champs["type"] = (NomEvenement, False)
    for champ in attrs.fields(cls):
        if champ.alias in exclus:
            continue
        sans_defaut = parametres[champ.alias].default is inspect.Parameter.empty
        if cls is not Convention:  # constructeur généré par attrs
            assert sans_defaut == (champ.default is attrs.NOTHING), champ.name
        champs[champ.alias] = (indications[champ.name], sans_defaut)
    return champs


class NomEvenement:
    """Le type (fictif) du membre ``"type"`` d'un événement."""


@pytest.mark.parametrize("cls", TYPES_OBJETS, ids=_id)
def test_proprietes_exactement_les_champs_attrs(cls: type[Any]) -> None:
    assert attrs.has(cls)
    schema = schema_json(cls)
    definition = schema["$defs"][cls.__name__]
    assert schema["$ref"] == f"#/$defs/{cls.__name__}"
    champs = _champs_attendus(cls)
    assert list(definition["properties"]) == list(champs)
    assert definition.get("required", []) == [n for n, (_, requis) in champs.items() if requis]
    assert definition["additionalProperties"] is False
    assert definition["type"] == "object"
    if issubclass(cls, Evenement):
        assert definition["properties"]["type"]["const"] == cls.__name__


def test_champs_non_serialises_exactement_ceux_attendus() -> None:
    for cls in TYPES_OBJETS:
        hors_json = {a.alias for a in attrs.fields(cls)} - set(_champs_attendus(cls))
        assert hors_json == CHAMPS_NON_SERIALISES.get(cls, frozenset()), cls
    # La lecture et le schéma les refusent comme membres inconnus.
    convention = vers_dict(_convention())
    politique = vers_dict(Politique())
    for t, document, nom in (
        (Convention, convention, "cache"),
        (Convention, convention, "_utilisateurs"),
        (Politique, politique, "conditions"),
    ):
        mutant = {**document, nom: []}
        erreur = _refus_lecture(t, mutant)
        assert erreur is not None
        assert any(e.chemin == f"$.{nom}" for e in erreur.erreurs)
        assert _erreurs_schema(t, mutant)


def test_evenement_aiguille_sur_type() -> None:
    schema = schema_json(Evenement)
    definition = schema["$defs"]["Evenement"]
    assert definition["properties"]["type"]["enum"] == list(TYPES_EVENEMENTS)
    assert definition["required"] == ["type"]
    # Aiguillage : si « type » vaut le nom d'une classe, alors le schéma de cette classe.
    assert definition["allOf"] == [
        {
            "if": {"properties": {"type": {"const": nom}}, "required": ["type"]},
            "then": {"$ref": f"#/$defs/{nom}"},
        }
        for nom in TYPES_EVENEMENTS
    ]
    # Chaque événement du journal d'une convention est décrit par la même définition.
    convention = schema_json(Convention)["$defs"]["Convention"]
    assert convention["properties"]["journal"]["items"] == {"$ref": "#/$defs/Evenement"}


def test_type_sans_schema_est_un_defaut_de_la_bibliotheque() -> None:
    from mcp_rules.interfaces.serialisation import schema as _schema

    @attrs.frozen
    class Intrus:
        """Un type qui n'a pas de schéma."""

        quand: complex

    with pytest.raises(TypeError, match="type sans schéma"):
        _schema.schema(Intrus)


# --- exemples fixes ---------------------------------------------------------------------

INSTANT: Final = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def _utilisateur(identifiant: str = "as.leroy", **autres: Any) -> Utilisateur:
    return Utilisateur(
        identifiant=identifiant,
        nom="Leroy",
        prenom="Anne",
        email=AdresseEmail.parse(f"{identifiant}@ville-exemple.fr"),
        cree_le=INSTANT,
        **autres,
    )


def _convention() -> Convention:
    """Une convention où chaque genre de valeur (ensembles, AFAS, journal…) est présent."""
    return Convention(
        numero="19_214",
        organisme="Ville d'Exemple",
        caf="Caf du Rhône",
        services={Service.CDAP, Service.AFAS},
        profils_contractuels={ProfilT.T1, ProfilT.T4},
        administrateurs={"adm.martin"},
        utilisateurs=[
            _utilisateur("adm.martin"),
            _utilisateur(  # chaque champ facultatif est renseigné
                "as.leroy",
                fonction=Fonction.INSTRUCTEUR_RSA,
                cloture_le=INSTANT + timedelta(days=300),
                derniere_connexion=INSTANT + timedelta(days=2),
                mot_de_passe_temporaire=MotDePasseTemporaire(INSTANT),
                mot_de_passe_personnalise=True,
                numero_instructeur=NumeroInstructeur.parse("093A1230100000"),
                code_bailleur="HLM93",
                diplome_etat="DEASS 2015",
                mandats=frozenset({"1234567", "7654321"}),
            ),
        ],
        groupes=[
            Groupe(
                code="T1AS",
                libelle="T1 Assistants sociaux",
                service="CDAP",
                gestionnaire="adm.martin",
                role="T1",
                membres={"as.leroy", "adm.martin"},
            )
        ],
        afas=ConfigurationAfas(fda={"as.leroy"}, approbateur="adm.martin"),
        journal=[
            GroupeCree(
                instant=INSTANT,
                par="adm.martin",
                groupe="T1AS",
                libelle="T1 Assistants sociaux",
                service=Service.CDAP,
                gestionnaire="adm.martin",
            ),
            CompteModifie(
                instant=INSTANT, par="adm.martin", utilisateur="as.leroy", champs=("nom",)
            ),
        ],
    )


def _modifie(document: Any, chemin: Chemin, valeur: Any) -> Any:
    return _appliquer(document, "remplacer", chemin, valeur)


def _base(t: type[Any]) -> Any:
    bases: dict[type[Any], Any] = {
        Convention: _convention(),
        Utilisateur: _convention().utilisateur("as.leroy"),
        Groupe: _convention().groupe("T1AS"),
        Politique: Politique(mots_adresse_service={"mairie"}),
        Evenement: _convention().journal[0],
    }
    return vers_dict(bases[t])


# --- valeurs tirées au hasard -------------------------------------------------------------

ERREURS_CHAMP: Final = st.builds(ErreurChamp, st.text(), st.text(), st.text())

FAMILLES: Final[dict[str, tuple[type[Any], st.SearchStrategy[Any]]]] = {
    "Convention": (
        Convention,
        mst.conventions(max_comptes=4, max_groupes=3, max_evenements=3),
    ),
    "Utilisateur": (Utilisateur, mst.utilisateurs()),
    "Groupe": (Groupe, mst.groupes()),
    "ConfigurationAfas": (ConfigurationAfas, mst.configurations_afas()),
    "Evenement": (Evenement, mst.evenements()),
    "Politique": (Politique, mst.politiques()),
    "valeurs": (
        AdresseEmail,  # remplacé par le type de la valeur tirée
        st.one_of(mst.adresses_email(), mst.numeros_instructeur(), mst.mots_de_passe_temporaires()),
    ),
    "ErreurChamp": (ErreurChamp, ERREURS_CHAMP),
}


def _type_de(famille: str, valeur: object) -> type[Any]:
    t = FAMILLES[famille][0]
    return type(valeur) if famille == "valeurs" else t


def test_chaque_type_serialisable_est_tire() -> None:
    couverts = {t for t, _ in FAMILLES.values()}
    couverts |= TYPES_VALEURS | set(TYPES_EVENEMENTS.values())
    assert set(TYPES_SERIALISABLES) <= couverts


# --- 3. sens 1 : ce qu'écrit vers_dict est valide ------------------------------------------


@pytest.mark.parametrize("famille", list(FAMILLES))
@given(data=st.data())
def test_sens1_ecriture_valide_pour_le_schema(famille: str, data: st.DataObject) -> None:
    valeur = data.draw(FAMILLES[famille][1], label="valeur")
    t = _type_de(famille, valeur)
    document = vers_dict(valeur)
    note(json.dumps(document, ensure_ascii=False))
    assert _erreurs_schema(t, document, formats=True) == []
    if isinstance(valeur, Evenement):
        assert _erreurs_schema(type(valeur), document, formats=True) == []
        assert depuis_dict(document, type(valeur)) == valeur
    if isinstance(valeur, Convention):
        for e in valeur.journal:
            assert _erreurs_schema(type(e), vers_dict(e), formats=True) == []
    # Et la lecture l'accepte : c'est bien un document valide.
    assert depuis_dict(document, t) == valeur


# --- 4. sens 2 : ce que la lecture refuse pour sa forme, le schéma le refuse ----------------

NATURES: Final = ("string", "number", "boolean", "null", "array", "object")


def _sans_none(t: Any) -> Any:
    if get_origin(t) in (typing.Union, types.UnionType) and t != Acteur:
        options = [a for a in get_args(t) if a is not type(None)]
        if len(options) == 1:
            return options[0]
        if len(options) < len(get_args(t)):  # Role | None : l'union sans None
            return functools.reduce(operator.or_, options)
    return t


def _optionnel(t: Any) -> bool:
    return t != Acteur and _sans_none(t) is not t


def _ensemble(t: Any) -> bool:
    """Une liste-ensemble : sans doublon permis (ensemble, ou table indexée)."""
    return get_origin(t) in (frozenset, set, Mapping)


def _collection(t: Any) -> bool:
    return _ensemble(t) or get_origin(t) is tuple


def _element(t: Any) -> Any:
    return get_args(t)[-1] if get_origin(t) is not tuple else get_args(t)[0]


def _classe_objet(t: Any, valeur: dict[str, Any]) -> type[Any] | None:
    """La classe attrs décrite par un objet JSON (celle de son ``type`` pour un événement)."""
    if t is Evenement or (isinstance(t, type) and issubclass(t, Evenement)):
        return TYPES_EVENEMENTS.get(valeur.get("type"))  # type: ignore[arg-type]
    if isinstance(t, type) and attrs.has(t) and t not in TYPES_VALEURS:
        return t
    return None


def _natures(t: Any) -> frozenset[str]:
    """Les types JSON que le type Python ``t`` permet."""
    if _optionnel(t):
        return _natures(_sans_none(t)) | {"null"}
    if t is bool:
        return frozenset({"boolean"})
    if (
        t in (Acteur, Role)
        or t in (str, datetime, timedelta, NomEvenement)
        or t in TYPES_VALEURS
        or (isinstance(t, type) and issubclass(t, enum.Enum))
    ):
        return frozenset({"string"})
    if _collection(t):
        return frozenset({"array"})
    if t is Evenement or attrs.has(t):
        return frozenset({"object"})
    raise TypeError(f"type inattendu {t!r}")


@attrs.frozen
class Site:
    """Un endroit d'un document, avec le type Python qu'y attend la lecture."""

    chemin: Chemin
    type_: Any
    valeur: Any


def _sites(valeur: Any, t: Any, chemin: Chemin = ()) -> Iterator[Site]:
    yield Site(chemin, t, valeur)
    if valeur is None:
        return
    nu = _sans_none(t)
    if isinstance(valeur, dict) and (cls := _classe_objet(nu, valeur)) is not None:
        for nom, (type_champ, _) in _champs_attendus(cls).items():
            if nom in valeur:
                yield from _sites(valeur[nom], type_champ, (*chemin, nom))
    elif isinstance(valeur, list) and _collection(nu):
        for i, x in enumerate(valeur):
            yield from _sites(x, _element(nu), (*chemin, i))


def _remplacants(valeur: Any, permises: frozenset[str]) -> list[Any]:
    """Des valeurs d'un type JSON que ``permises`` exclut, dont des pièges classiques."""
    textes: list[Any] = ["false", "true", "3", "3.9", "null", "", "x"]
    if isinstance(valeur, list) and valeur and isinstance(valeur[0], str):
        textes += [valeur[0], ",".join(valeur)]
    if isinstance(valeur, bool):
        textes.append(str(valeur).lower())
    objets: list[Any] = [{}, {"x": 1}]
    if isinstance(valeur, list):
        objets.append({str(x): 1 for x in valeur})
    par_nature: dict[str, list[Any]] = {
        "string": textes,
        "number": [3, 3.9, 0, -1, 1e300],
        "boolean": [True, False],
        "null": [None],
        "array": [[], ["x"], [valeur]],
        "object": objets,
    }
    return [r for nature in NATURES if nature not in permises for r in par_nature[nature]]


def _hors_enum(valeur: str, t: Any) -> list[str]:
    permises = {m.value for m in t} if isinstance(t, type) and issubclass(t, enum.Enum) else set()
    candidats = [
        valeur.lower(),
        valeur.upper() + " ",
        " " + valeur,
        valeur + "\n",
        "",
        "T0",
        "T11",
        "cdap",
        "AUTRE.",
    ]
    return [c for c in candidats if c not in permises]


_ACTEURS_INVALIDES: Final = ("@caf", "@CAF ", " @CAF", "@CAF\n", "CAF@", "", "a b", "@")

Candidat = tuple[str, str, Chemin, Any]
"""(genre de mutation, action « remplacer » ou « supprimer », chemin, nouvelle valeur)."""


def _candidats(document: Any, t: type[Any], profondeur: int | None = None) -> list[Candidat]:
    """Tous les mutants de forme d'un document, aux endroits de profondeur au plus donnée."""
    candidats: list[Candidat] = []

    def ajouter(genre: str, action: str, chemin: Chemin, valeur: Any = None) -> None:
        candidats.append((genre, action, chemin, valeur))

    for site in _sites(document, t):
        if profondeur is not None and len(site.chemin) > profondeur:
            continue
        v, nu = site.valeur, _sans_none(site.type_)
        for r in _remplacants(v, _natures(site.type_)):
            ajouter("autre type JSON", "remplacer", site.chemin, r)
        if isinstance(v, dict) and (cls := _classe_objet(nu, v)) is not None:
            champs = _champs_attendus(cls)
            for nom, (_, obligatoire) in champs.items():
                if obligatoire and nom in v:
                    ajouter("obligatoire supprimé", "supprimer", (*site.chemin, nom))
            premier = next(iter(v), "x")
            for cle in ("inconnu", "", "type", premier.upper(), premier + " ", "_" + premier):
                if cle not in v and cle not in champs:
                    ajouter("membre inconnu", "remplacer", (*site.chemin, cle), "x")
            for nom in sorted(CHAMPS_NON_SERIALISES.get(cls, ())):
                ajouter("membre inconnu", "remplacer", (*site.chemin, nom), [])
            if nu is Evenement and "type" in v:
                ajouter("obligatoire supprimé", "supprimer", (*site.chemin, "type"))
            if issubclass(cls, Evenement):
                for nom in (
                    "Evenement",
                    "GroupeSupprime",
                    cls.__name__.lower(),
                    cls.__name__ + " ",
                ):
                    ajouter("type d'événement inconnu", "remplacer", (*site.chemin, "type"), nom)
        if isinstance(v, str) and isinstance(nu, type) and issubclass(nu, enum.Enum):
            for r in _hors_enum(v, nu):
                ajouter("valeur hors énumération", "remplacer", site.chemin, r)
        if isinstance(v, str) and site.type_ == Acteur:
            for r in _ACTEURS_INVALIDES:
                ajouter("valeur hors énumération", "remplacer", site.chemin, r)
        if isinstance(v, list) and v and _ensemble(nu):
            for i in range(len(v)):
                ajouter("doublon", "remplacer", site.chemin, [*v[: i + 1], v[i], *v[i + 1 :]])
    return candidats


def _appliquer(document: Any, action: str, chemin: Chemin, valeur: Any) -> Any:
    if not chemin:
        return valeur
    copie = json.loads(json.dumps(document))
    parent = copie
    for partie in chemin[:-1]:
        parent = parent[partie]
    if action == "supprimer":
        del parent[chemin[-1]]
    else:
        parent[chemin[-1]] = valeur
    return copie


def _chemin_json(chemin: Chemin) -> str:
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in chemin)


def _desaccord(t: type[Any], document: Any, candidat: Candidat) -> str | None:
    """Pourquoi ce mutant met lecture et schéma en désaccord (``None`` s'ils le refusent)."""
    genre, action, chemin, valeur = candidat
    mutant = _appliquer(document, action, chemin, valeur)
    quoi = f"{genre} : {action} {_chemin_json(chemin)} ← {valeur!r}"
    if _refus_lecture(t, mutant) is None:
        return f"{quoi} : la lecture l'accepte"
    if not _erreurs_schema(t, mutant):
        return f"{quoi} : le schéma l'accepte"
    return None


@pytest.mark.parametrize("famille", list(FAMILLES))
@given(data=st.data())
def test_sens2_refus_de_forme_refuses_par_le_schema(famille: str, data: st.DataObject) -> None:
    """Un document tiré au hasard, un mutant tiré au hasard : genre, puis endroit, puis valeur."""
    valeur = data.draw(FAMILLES[famille][1], label="valeur")
    t = _type_de(famille, valeur)
    if isinstance(valeur, Evenement) and data.draw(st.booleans(), label="schéma concret"):
        t = type(valeur)
    document = vers_dict(valeur)
    par_genre: dict[str, dict[Chemin, list[Candidat]]] = {}
    for candidat in _candidats(document, t):
        par_genre.setdefault(candidat[0], {}).setdefault(candidat[2], []).append(candidat)
    genre = data.draw(st.sampled_from(sorted(par_genre)), label="genre")
    chemin = data.draw(st.sampled_from(list(par_genre[genre])), label="endroit")
    candidat = data.draw(st.sampled_from(par_genre[genre][chemin]), label="mutation")
    assert _desaccord(t, document, candidat) is None


def _exemple(t: Any, nom: str, complet: bool) -> Any:
    """Une valeur valide d'un champ, d'après son type (et son nom pour les textes)."""
    if _optionnel(t):
        return _exemple(_sans_none(t), nom, complet) if complet else None
    valeurs: dict[Any, Any] = {
        datetime: INSTANT,
        bool: True,
        AdresseEmail: AdresseEmail.parse("as.leroy@ville-exemple.fr"),
        Acteur: "adm.martin",
    }
    if t in valeurs:
        return valeurs[t]
    if isinstance(t, type) and issubclass(t, enum.Enum):
        return list(t)[-1]
    if get_origin(t) in (typing.Union, types.UnionType):  # le rôle : un profil ou un rôle
        return _exemple(get_args(t)[0], nom, complet)
    if get_origin(t) is tuple:
        return ("nom", "email")
    if t is str:
        return "T1 Assistants sociaux" if nom in ("libelle", "ancien", "nouveau") else "as.leroy"
    raise TypeError(f"pas d'exemple pour {t!r}")


def _evenement(cls: type[Evenement], *, complet: bool) -> Evenement:
    indications = typing.get_type_hints(cls)
    return cls(
        **{a.name: _exemple(indications[a.name], a.name, complet) for a in attrs.fields(cls)}
    )


def _documents_fixes() -> dict[str, tuple[type[Any], Any, int | None]]:
    """Des documents où chaque champ de chaque type est présent, nul ou non."""
    convention = _convention()
    complet = convention.utilisateur("as.leroy")
    documents: dict[str, tuple[type[Any], Any, int | None]] = {
        # Les objets imbriqués d'une convention ont leurs propres documents ci-dessous ;
        # ici, ses propres champs et ses éléments (profondeur 2), pour rester rapide.
        "Convention": (Convention, convention, 2),
        "Utilisateur complet": (Utilisateur, complet, None),
        "Utilisateur minimal": (Utilisateur, _utilisateur(), None),
        "Groupe": (Groupe, attrs.evolve(convention.groupe("T1AS"), parent="T0"), None),
        "Groupe sans rôle": (Groupe, attrs.evolve(convention.groupe("T1AS"), role=None), None),
        "ConfigurationAfas": (
            ConfigurationAfas,
            ConfigurationAfas(
                fda={"a", "b"}, fdf={"c"}, approbateur="d", approbateur_en_attente="e"
            ),
            None,
        ),
        "ConfigurationAfas vide": (ConfigurationAfas, ConfigurationAfas(), None),
        "Politique": (Politique, Politique(mots_adresse_service={"mairie", "ccas"}), None),
        "AdresseEmail": (AdresseEmail, complet.email, None),
        "NumeroInstructeur": (NumeroInstructeur, complet.numero_instructeur, None),
        "MotDePasseTemporaire": (MotDePasseTemporaire, MotDePasseTemporaire(INSTANT), None),
        "ErreurChamp": (ErreurChamp, ErreurChamp("$.code", "MCP-DONNEE-TYPE", "un texte"), None),
    }
    for cls in TYPES_EVENEMENTS.values():
        documents[f"{cls.__name__} complet"] = (Evenement, _evenement(cls, complet=True), None)
        documents[f"{cls.__name__} minimal"] = (cls, _evenement(cls, complet=False), None)
    return {nom: (t, vers_dict(v), profondeur) for nom, (t, v, profondeur) in documents.items()}


DOCUMENTS_FIXES: Final = _documents_fixes()


@pytest.mark.parametrize("nom", list(DOCUMENTS_FIXES))
def test_sens2_tous_les_mutants_d_un_document(nom: str) -> None:
    """Chaque mutant de forme, à chaque endroit, d'un document où chaque champ est présent."""
    t, document, profondeur = DOCUMENTS_FIXES[nom]
    assert _refus_lecture(t, document) is None
    assert _erreurs_schema(t, document) == []
    candidats = _candidats(document, t, profondeur)
    assert candidats
    desaccords = [d for c in candidats if (d := _desaccord(t, document, c)) is not None]
    assert desaccords == []


def test_sens2_chaque_genre_de_mutation_existe() -> None:
    """Les six genres de mutation ont des candidats sur les documents fixes."""
    genres = {c[0] for t, d, p in DOCUMENTS_FIXES.values() for c in _candidats(d, t, p)}
    assert genres == {
        "autre type JSON",
        "obligatoire supprimé",
        "membre inconnu",
        "valeur hors énumération",
        "doublon",
        "type d'événement inconnu",
    }
    # Et chaque champ de chaque type est remplacé par une valeur d'un autre type JSON.
    remplaces = {
        (type(tt) if tt in TYPES_VALEURS else _classe_racine(tt, d, c[2]), c[2][-1])
        for tt, d, p in DOCUMENTS_FIXES.values()
        for c in _candidats(d, tt, p)
        if c[0] == "autre type JSON" and c[2]
    }
    for t in TYPES_OBJETS:
        for champ in _champs_attendus(t):
            assert (t, champ) in remplaces, (t, champ)


def _classe_racine(t: type[Any], document: Any, chemin: Chemin) -> type[Any] | None:
    """La classe de l'objet qui contient le dernier élément de ``chemin``."""
    site = next(s for s in _sites(document, t) if s.chemin == chemin[:-1])
    if not isinstance(site.valeur, dict):
        return None
    return _classe_objet(_sans_none(site.type_), site.valeur)


# --- valeurs refusées par les deux, ou par la lecture seule ----------------------------

# Valeurs refusées par la lecture que le schéma sait aussi refuser (motifs, longueurs).
REFUS_COMMUNS: Final[list[tuple[type[Any], Chemin, Any]]] = [
    (Utilisateur, ("identifiant",), "as.leroy\n"),
    (Utilisateur, ("identifiant",), "\nas.leroy"),
    (Utilisateur, ("identifiant",), "as.leroy\r"),
    (Utilisateur, ("identifiant",), "as.leroy\u2028"),
    (Utilisateur, ("identifiant",), "as leroy"),
    (Utilisateur, ("identifiant",), "aś.leroy"),
    (Utilisateur, ("identifiant",), "x" * 65),
    (Utilisateur, ("identifiant",), ""),
    (Utilisateur, ("nom",), "Leroy\n"),
    (Utilisateur, ("nom",), " Leroy"),
    (Utilisateur, ("nom",), "Leroy "),
    (Utilisateur, ("nom",), "Le\troy"),
    (Utilisateur, ("nom",), "Le\x85roy"),
    (Utilisateur, ("nom",), ""),
    (Utilisateur, ("nom",), "x" * 101),
    (Utilisateur, ("email",), "as.leroy@ville-exemple.fr\n"),
    (Utilisateur, ("email",), "as.leroy"),
    (Utilisateur, ("email",), "as.leroy@"),
    (Utilisateur, ("email",), "as leroy@ville-exemple.fr"),
    (Utilisateur, ("email",), "aś.leroy@ville-exemple.fr"),
    (Utilisateur, ("email",), "a@b@ville-exemple.fr"),
    (Utilisateur, ("email",), "as.leroy@localhost"),
    (Utilisateur, ("numero_instructeur",), "093A1230100000\n"),
    (Utilisateur, ("numero_instructeur",), "099A1230100000"),
    (Utilisateur, ("numero_instructeur",), "020A1230100000"),
    (Utilisateur, ("numero_instructeur",), "977A1230100000"),
    (Utilisateur, ("numero_instructeur",), "093A12301"),
    (Utilisateur, ("numero_instructeur",), "093A123010000"),
    (Utilisateur, ("numero_instructeur",), "093A1230100001"),
    (Utilisateur, ("numero_instructeur",), "0931230100000"),
    (Utilisateur, ("code_bailleur",), "HLM93\n"),
    (Utilisateur, ("code_bailleur",), "x" * 33),
    (Utilisateur, ("diplome_etat",), " DEASS"),
    (Utilisateur, ("mandats",), ["1234567\n"]),
    (Utilisateur, ("mandats",), ["12.34"]),
    (Utilisateur, ("mandats",), ["1" * 21]),
    (Groupe, ("code",), "T1AS\n"),
    (Groupe, ("gestionnaire",), "adm.martin\n"),
    (Groupe, ("membres",), ["as.leroy\n"]),
    (Groupe, ("libelle",), "T1 Assistants sociaux\n"),
    (Convention, ("numero",), "19_214\n"),
    (Convention, ("numero",), "1" * 33),
    (Convention, ("administrateurs",), ["adm.martin\n"]),
    (Convention, ("organisme",), ""),
    (Politique, ("inactivite_max",), "P90D\n"),
    (Politique, ("inactivite_max",), "PT0S"),
    (Politique, ("inactivite_max",), "P0DT0H"),
    (Politique, ("inactivite_max",), "P"),
    (Politique, ("inactivite_max",), "PT"),
    (Politique, ("inactivite_max",), "P1DT"),
    (Politique, ("inactivite_max",), "P1W"),
    (Politique, ("inactivite_max",), "p90d"),
    (Politique, ("inactivite_max",), "90"),
    (Politique, ("inactivite_max",), "P1234567890D"),
    (Politique, ("inactivite_max",), "PT1.S"),
    (Politique, ("inactivite_max",), "PT0.0000001S"),
    (Politique, ("inactivite_max",), "PT0.000000S"),
    (Politique, ("inactivite_max",), "P٣D"),
    (Politique, ("mots_adresse_service",), ["mairie\n"]),
    (Evenement, ("par",), "@CAF\n"),
    (Evenement, ("par",), "adm.martin\n"),
    (Evenement, ("type",), "GroupeCree\n"),
    (Evenement, ("groupe",), "T1AS\n"),
]


@pytest.mark.parametrize(
    ("t", "chemin", "valeur"),
    REFUS_COMMUNS,
    ids=[f"{t.__name__}{_chemin_json(c)[1:]}={v!r}"[:60] for t, c, v in REFUS_COMMUNS],
)
def test_valeurs_refusees_par_la_lecture_et_le_schema(
    t: type[Any], chemin: Chemin, valeur: Any
) -> None:
    document = _base(t)
    assert _refus_lecture(t, document) is None
    assert _erreurs_schema(t, document) == []
    mutant = _modifie(document, chemin, valeur)
    assert _refus_lecture(t, mutant) is not None
    assert _erreurs_schema(t, mutant)


def test_identifiant_suivi_d_un_saut_de_ligne_refuse_partout() -> None:
    """``$`` de Python accepte ``"x\\n"`` : le motif seul s'y laisserait prendre, le nœud
    qui le porte refuse tout saut de ligne."""
    noeud = schema_json(Groupe)["$defs"]["Groupe"]["properties"]["code"]
    motif = noeud["pattern"]
    assert re.search(motif, "T1AS")
    assert re.search(motif, "T1AS\n")  # le piège, que le nœud évite :
    assert not _verdict_python(noeud, "T1AS\n")
    assert _verdict_python(noeud, "T1AS")
    document = _modifie(_base(Groupe), ("code",), "T1AS\n")
    refus = _refus_lecture(Groupe, document)
    assert refus is not None
    assert {e.chemin for e in refus.erreurs} == {"$.code"}
    assert _erreurs_schema(Groupe, document)


def test_null_reste_permis_la_ou_un_texte_a_motif_l_est() -> None:
    """Les contraintes ajoutées (``not``, ``allOf``) ne visent que les textes : un champ
    facultatif à motif accepte toujours ``null``."""
    document = _modifie(_base(Utilisateur), ("code_bailleur",), None)
    assert _erreurs_schema(Utilisateur, document) == []
    document = _modifie(_base(Utilisateur), ("code_bailleur",), "B1\n")
    assert _erreurs_schema(Utilisateur, document)


# Refusés par la lecture, acceptés par le schéma : ce que le schéma ne vérifie pas.
LIMITES: Final[list[tuple[str, type[Any], Chemin, Any]]] = [
    ("adresse", Utilisateur, ("email",), "as..leroy@ville-exemple.fr"),
    ("adresse", Utilisateur, ("email",), "as.leroy@ville-.fr"),
    ("adresse", Utilisateur, ("email",), "as.leroy@ville-exemple.f1"),
    ("instant", Utilisateur, ("cree_le",), "2026-01-05T09:00:00"),
    ("instant", Utilisateur, ("cree_le",), "2026-02-30T09:00:00+01:00"),
    ("instant", Utilisateur, ("cree_le",), "hier"),
    ("texte", Utilisateur, ("nom",), "Le\u00a0roy"),
    ("texte", Utilisateur, ("nom",), "Le\u200broy"),
    ("référence", Convention, ("administrateurs",), ["inconnu"]),
    ("référence", Convention, ("groupes", 0, "gestionnaire"), "inconnu"),
    ("référence", Convention, ("groupes", 0, "parent"), "T9X"),
    ("référence", Convention, ("afas", "fda"), ["inconnu"]),
    ("référence", Groupe, ("parent",), "t1as"),
    ("casse", Groupe, ("membres",), ["as.leroy", "AS.LEROY"]),
    ("casse", Convention, ("utilisateurs", 1, "identifiant"), "ADM.MARTIN"),
    ("durée", Politique, ("inactivite_max",), "PT99999999999H"),
    ("durée", Politique, ("inactivite_max",), "P999999999DT24H"),
    ("chronologie", Utilisateur, ("cloture_le",), "2025-01-01T00:00:00+00:00"),
    ("chronologie", Utilisateur, ("mot_de_passe_temporaire",), "2025-01-01T00:00:00+00:00"),
]


@pytest.mark.parametrize(
    ("genre", "t", "chemin", "valeur"),
    LIMITES,
    ids=[f"{g}-{_chemin_json(c)[2:]}" for g, _, c, _ in LIMITES],
)
def test_limites_du_schema(genre: str, t: type[Any], chemin: Chemin, valeur: Any) -> None:
    """Chaque limite de la docstring du module : la lecture refuse, le schéma accepte."""
    mutant = _modifie(_base(t), chemin, valeur)
    assert _refus_lecture(t, mutant) is not None, genre
    assert _erreurs_schema(t, mutant) == [], genre


# --- 5. motifs : pas plus stricts que la lecture, mêmes en Python et en ECMAScript ---------


def _accepte(t: type[Any], document: object) -> bool:
    return _refus_lecture(t, document) is None


def _valide(t: type[Any], document: object) -> bool:
    return not _erreurs_schema(t, document)


@given(st.one_of(st.emails(), st.text(st.characters(max_codepoint=127), max_size=30)))
def test_adresse_le_schema_n_est_pas_plus_strict(texte: str) -> None:
    if _accepte(AdresseEmail, texte):
        assert _valide(AdresseEmail, texte)
    if not _valide(AdresseEmail, texte):
        assert not _accepte(AdresseEmail, texte)


_DUREE_ISO: Final = re.compile(
    r"P(?:([0-9]+)D)?(?:T(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+)(?:\.([0-9]+))?S)?)?"
)
_MAX_MICROSECONDES: Final = (timedelta.max - timedelta(0)) // timedelta(microseconds=1)


def _trop_grande(texte: str) -> bool:
    """Une durée ISO 8601 au-delà de ``timedelta.max`` : refusée à la lecture seule."""
    lu = _DUREE_ISO.fullmatch(texte)
    if lu is None:
        return False
    j, h, m, s = (int(x) if x else 0 for x in lu.groups()[:4])
    return (((j * 24 + h) * 60 + m) * 60 + s) * 10**6 > _MAX_MICROSECONDES


def _au_dela_de_dix_ans(texte: str) -> bool:
    """Une limite d'inactivité au-delà de ``INACTIVITE_MAX_PERMISE`` : refusée à la lecture."""
    lu = _DUREE_ISO.fullmatch(texte)
    if lu is None:
        return False
    j, h, m, s = (int(x) if x else 0 for x in lu.groups()[:4])
    us = int((lu.group(5) or "").ljust(6, "0")[:6] or 0)
    total = (((j * 24 + h) * 60 + m) * 60 + s) * 10**6 + us
    return total > INACTIVITE_MAX_PERMISE // timedelta(microseconds=1)


@given(
    st.one_of(
        st.text("PTDHMSW0123456789. \n", max_size=16),
        st.from_regex(
            r"P(?:[0-9]{1,10}D)?(?:T(?:[0-9]{1,12}H)?(?:[0-9]{1,13}M)?"
            r"(?:[0-9]{1,15}(?:\.[0-9]{0,7})?S)?)?",
            fullmatch=True,
        ),
    )
)
def test_duree_schema_et_lecture_equivalents(texte: str) -> None:
    document = {"inactivite_max": texte}
    if _trop_grande(texte) or _au_dela_de_dix_ans(texte):  # limites du schéma (docstring)
        assert not _accepte(Politique, document)
    else:
        assert _accepte(Politique, document) == _valide(Politique, document)


@given(
    st.one_of(
        st.text("0123456789ABZ", min_size=9, max_size=15),
        st.from_regex(r"[0-9]{2}[0-9AB][A-Z][0-9]{5}0{4,5}[01]?", fullmatch=True),
        st.sampled_from(sorted(DEPARTEMENTS)).map(lambda d: d + "Z9999900000"),
        st.integers(0, 999).map(lambda n: f"{n:03d}A1230100000"),
    )
)
def test_numero_instructeur_canonique_schema_et_lecture_equivalents(texte: str) -> None:
    assert _accepte(NumeroInstructeur, texte) == _valide(NumeroInstructeur, texte)


@given(st.text(max_size=70))
def test_identifiant_schema_et_lecture_equivalents(texte: str) -> None:
    document = {"mots_adresse_service": [texte]}
    assert _accepte(Politique, document) == _valide(Politique, document)


@given(st.one_of(st.text(max_size=12), mst.noms(), st.text(" a\t\x85\xa0é", max_size=5)))
def test_texte_le_schema_n_est_pas_plus_strict(texte: str) -> None:
    document = _modifie(_base(Groupe), ("libelle",), texte)
    if _accepte(Groupe, document):
        assert _valide(Groupe, document)


TEXTES_PIEGES: Final = [
    "",
    "a",
    "A.b_c-d",
    "x" * 64,
    "x" * 65,
    "a\n",
    "\na",
    "a\r",
    "a\r\n",
    "a\u2028",
    "a\u2029",
    "a\x85",
    "a b",
    " a",
    "a ",
    "é",
    "ı",
    "\u212a",
    "𝒜",
    "a𝒜",
    "\ud800",
    "@CAF",
    "Caf du Rhône",
    "Le\troy",
    "Le\u00a0roy",
    "a@b.fr",
    "a@b.fr\n",
    "a@@b.fr",
    "a b@c.fr",
    "a@b",
    "x" * 70 + "@b.fr",
    "093A1230100000",
    "093A1230100000\n",
    "02AZ9999900000",
    "02CZ9999900000",
    "020A1230100000",
    "976A1230100000",
    "977A1230100000",
    "093a1230100000",
    "P90D",
    "PT36H",
    "P1DT1H1M1S",
    "P",
    "PT",
    "P0D",
    "PT0S",
    "P1DT",
    "P90D\n",
    "p90d",
    "P１D",
    "P٣D",
    "12345678901234567890",
    "123456789012345678901",
]


def _textes_aleatoires() -> list[str]:
    hasard = random.Random(20261127)  # noqa: S311 - des données de test, pas de la sécurité
    alphabet = "aZ09._-@ PTDHMS\n\r\t\x85\xa0\u2028é𝒜0AB"
    return [
        "".join(hasard.choice(alphabet) for _ in range(hasard.randint(0, 16))) for _ in range(3000)
    ]


def test_textes_a_motif_identiques_en_python_et_en_ecmascript() -> None:
    """Chaque texte à motif (son motif, ce qu'il doit contenir, ce qu'il exclut) rend le
    même verdict en Python et en ECMAScript, avec et sans le drapeau ``u``."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node n'est pas installé : comparaison ECMAScript impossible")
    noeuds = {
        json.dumps(_contraintes(n)): _contraintes(n)
        for t in TYPES_SERIALISABLES
        for n in _textes_a_motif(schema_json(t))
    }
    contraintes = [noeuds[k] for k in sorted(noeuds)]
    textes = TEXTES_PIEGES + _textes_aleatoires()
    programme = (
        "const d = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "const ok = (m, t, f) => new RegExp(m, f).test(t);"
        "const v = ([m, c, e], t, f) => ok(m, t, f) && c.every(x => ok(x, t, f))"
        "  && !e.some(x => ok(x, t, f));"
        "const r = d.contraintes.map(k => d.textes.map(t => [v(k, t, 'u'), v(k, t, '')]));"
        "process.stdout.write(JSON.stringify(r));"
    )
    resultat = subprocess.run(
        [node, "-e", programme],
        input=json.dumps({"contraintes": contraintes, "textes": textes}),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    ecma = json.loads(resultat.stdout)
    differences = []
    for (motif, contient, exclus), reponses in zip(contraintes, ecma, strict=True):
        noeud: dict[str, Any] = {
            "pattern": motif,
            "allOf": [{"pattern": c} for c in contient],
            "not": {"anyOf": [{"pattern": e} for e in exclus]},
        }
        for texte, (avec_u, sans_u) in zip(textes, reponses, strict=True):
            python = _verdict_python(noeud, texte)
            if not python == avec_u == sans_u:
                differences.append((motif, texte, python, avec_u, sans_u))
    assert differences == []


# --- cas particuliers : événements par leur classe, durées extrêmes ----------------------


@pytest.mark.parametrize("cls", list(TYPES_EVENEMENTS.values()), ids=_id)
def test_evenement_lu_par_sa_classe_concrete(cls: type[Evenement]) -> None:
    """« type » : facultatif pour la classe concrète, exigé dans un journal, juste partout."""
    evenement = _evenement(cls, complet=True)
    document = vers_dict(evenement)
    assert _erreurs_schema(cls, document) == []
    assert depuis_dict(document, cls) == evenement
    sans_type = {k: v for k, v in document.items() if k != "type"}
    assert _erreurs_schema(cls, sans_type) == []
    assert depuis_dict(sans_type, cls) == evenement
    assert _refus_lecture(Evenement, sans_type) is not None
    assert _erreurs_schema(Evenement, sans_type)
    autre = next(nom for nom in TYPES_EVENEMENTS if nom != cls.__name__)
    for t in (cls, Evenement):
        mauvais = {**document, "type": autre}
        assert _refus_lecture(t, mauvais) is not None
        assert _erreurs_schema(t, mauvais)


@pytest.mark.parametrize(
    "duree",
    [
        timedelta(microseconds=1),
        timedelta(milliseconds=500),
        timedelta(seconds=90),
        timedelta(days=90),
        timedelta(days=3652, hours=23, minutes=59, seconds=59, microseconds=999_999),
        INACTIVITE_MAX_PERMISE,
    ],
    ids=str,
)
def test_politique_duree_extreme_ecrite_et_relue(duree: timedelta) -> None:
    politique = Politique(inactivite_max=duree)
    document = vers_dict(politique)
    assert _erreurs_schema(Politique, document) == []
    assert depuis_dict(document, Politique) == politique


# --- anciens désaccords de la lecture, corrigés ---------------------------------------------


@pytest.mark.parametrize("champs", ["nom", {"nom": 1}], ids=["texte", "objet"])
@pytest.mark.parametrize("lecture", [CompteModifie, Evenement], ids=_id)
def test_champs_de_compte_modifie_texte_ou_objet(lecture: type[Any], champs: object) -> None:
    document = {**vers_dict(_evenement(CompteModifie, complet=True)), "champs": champs}
    assert _erreurs_schema(lecture, document)
    assert _refus_lecture(lecture, document) is not None


@pytest.mark.parametrize("numero", ["093 a 123 01 00000", "093a1230100000", "093-A-123.01.00000"])
def test_numero_instructeur_non_canonique(numero: str) -> None:
    assert _accepte(NumeroInstructeur, numero) == _valide(NumeroInstructeur, numero)
