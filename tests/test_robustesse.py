"""Robustesse : des déchets de toute sorte, partout, ne lèvent que ``DonneeInvalide``.

Dans l'esprit du ``test_robustness.doctest`` de python-stdnum : chaque lecteur
(``parse`` des énumérations et des types valeurs, fonctions du module
``numero_instructeur``), chaque champ des constructeurs du domaine, et
``depuis_dict`` / ``depuis_json`` pour chaque type sérialisable (y compris des
déchets glissés à chaque chemin d'un document par ailleurs valide) doivent soit
accepter, soit refuser par une :class:`~mcp_rules.DonneeInvalide` (ou une de ses
sous-classes) — jamais ``TypeError``, ``KeyError``, ``AttributeError``,
``RecursionError`` ni ``UnicodeError``. Chaque erreur porte un code ``MCP-…`` et un
message en français.
"""

from __future__ import annotations

import copy
import decimal
import fractions
import json
import math
import re
import typing
from collections.abc import Callable, Hashable, Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mcp_rules import (
    CAF,
    Action,
    AdresseEmail,
    ConfigurationAfas,
    Convention,
    DonneeInvalide,
    DonneesInvalides,
    ErreurChamp,
    Evenement,
    Fonction,
    Groupe,
    MotDePasseTemporaire,
    NumeroInstructeur,
    Politique,
    ProfilT,
    Role,
    RoleAfas,
    Service,
    Severite,
    Symptome,
    Utilisateur,
)
from mcp_rules.modele.evenements import TYPES_EVENEMENTS
from mcp_rules.serialisation import TYPES_SERIALISABLES, depuis_dict, depuis_json, vers_dict
from mcp_rules.valeurs import numero_instructeur as ni
from mcp_rules.valeurs.adresse_email import valider_adresse

# --- les déchets ------------------------------------------------------------------------------


class _ReprHostile:
    """Un objet dont ``repr`` et ``str`` échouent : les messages ne doivent pas en dépendre."""

    def __repr__(self) -> str:
        raise RuntimeError("repr hostile")

    def __str__(self) -> str:
        raise RuntimeError("str hostile")


class _Texte(str):
    """Une sous-classe de ``str`` (ce que rendent certains ORM ou bibliothèques)."""


def _liste_recursive() -> list[Any]:
    boucle: list[Any] = []
    boucle.append(boucle)
    return boucle


def _dict_recursif() -> dict[str, Any]:
    boucle: dict[str, Any] = {}
    boucle["a"] = boucle
    return boucle


def _imbrique(profondeur: int) -> list[Any]:
    racine: list[Any] = []
    courant = racine
    for _ in range(profondeur):
        suivant: list[Any] = []
        courant.append(suivant)
        courant = suivant
    return racine


ENORME = "x" * 10**6

DECHETS: dict[str, Any] = {
    "None": None,
    "zero": 0,
    "moins-un": -1,
    "entier-immense": 10**100,
    "flottant": 1.5,
    "nan": math.nan,
    "moins-infini": -math.inf,
    "complexe": 1j,
    "decimal": decimal.Decimal("1.5"),
    "fraction": fractions.Fraction(1, 3),
    "True": True,
    "False": False,
    "octets": b"T4",
    "octets-non-utf8": b"\xff\xfe",
    "bytearray": bytearray(b"CDAP"),
    "memoryview": memoryview(b"CDAP"),
    "liste-vide": [],
    "liste": ["T4"],
    "liste-melangee": [None, 1],
    "tuple-vide": (),
    "tuple": ("a", "b"),
    "dict-vide": {},
    "dict": {"a": 1},
    "dict-cle-entiere": {1: "a"},
    "set": set(),
    "frozenset-casse": frozenset({"a", "A"}),
    "frozenset-entier": frozenset({1}),
    "iterateur": iter(()),
    "texte-vide": "",
    "espace": " ",
    "blancs": "\t\n\r\x0b\x0c",
    "blancs-unicode": "\u00a0\u2003\u3000",
    "texte-enorme": ENORME,
    "adresse-enorme": "a" * 1000 + "@" + "b" * 1000,
    "NUL": "\x00",
    "NUL-interieur": "a\x00b",
    "controle": "\x07\x1b[31m",
    "surrogat-isole": "\ud800",
    "surrogat-bas": "a\udfffb",
    "signe-kelvin": "\u212a",
    "i-sans-point": "\u0131",
    "pleine-chasse": "\uff34\uff11",
    "rtl-override": "\u202e",
    "rtl-override-T4": "\u202eT4",
    "espace-sans-chasse": "\u200b",
    "BOM": "\ufeff",
    "diacritique-combinant": "T\u0301",
    "emoji": "\U0001f600",
    "acteur-caf": "@CAF",
    "instant-absurde": "2026-13-45T99:99:99+25:00",
    "instant-hors-calendrier": "9999-12-31T23:59:59-23:59",
    "instant-naif-texte": "2026-11-27T09:30:00",
    "datetime-naif": datetime(2026, 11, 27, 9, 30),
    "datetime-max": datetime.max.replace(tzinfo=UTC),
    "datetime-min": datetime.min.replace(tzinfo=timezone(timedelta(hours=1))),
    "date": date(2026, 11, 27),
    "duree-negative": timedelta(days=-1),
    "sous-classe-str": _Texte("T4"),
    "repr-hostile": _ReprHostile(),
    "object": object(),
    "type": object,
    "fonction": len,
    "enum-profil": ProfilT.T1,
    "enum-service": Service.CDAP,
    "CAF": CAF,
    "liste-recursive": _liste_recursive(),
    "dict-recursif": _dict_recursif(),
    "liste-tres-profonde": _imbrique(100_000),
}
"""Des déchets de toute sorte, nommés pour que chaque cas se lise dans le rapport."""

DECHETS_JSON: list[Any] = [
    None,
    0,
    -1,
    10**30,
    1.5,
    True,
    False,
    [],
    [None],
    [[[]]],
    {},
    {"a": 1},
    {"type": "GroupeCree"},
    {"type": None},
    "",
    " ",
    "\x00",
    "\ud800",
    "\u212a",
    "\u202e",
    "\uff34\uff11",
    "x" * 100_000,
    "@CAF",
    "T4",
    "CDAP",
    "2026-11-27T09:30:00",
    "2026-11-27T09:30:00+01:00",
    "P",
    "P99999999999D",
]
"""Les déchets qu'un document JSON peut réellement contenir (et quelques valeurs presque bonnes)."""

# --- le contrôle de chaque erreur -------------------------------------------------------------

_ANGLAIS = re.compile(
    r"\b(the|must|should|expected|expecting|invalid|cannot|can't|is not|are not|"
    r"not allowed|error|missing|unknown|required|object has no attribute)\b",
    re.IGNORECASE,
)


def _sans_valeurs_citees(message: str) -> str:
    """Retire les valeurs citées (apostrophes, guillemets, chevrons) : elles viennent d'ailleurs."""
    return re.sub(r"'[^']*'|\"[^\"]*\"|«[^»]*»|<[^>]*>", "", message)


def verifier_erreur(erreur: BaseException, *, francais: bool = True) -> None:
    """Une erreur acceptable : ``DonneeInvalide``, code ``MCP-…``, message français non vide."""
    assert isinstance(erreur, DonneeInvalide), f"{type(erreur).__name__} : {erreur!r}"
    assert isinstance(erreur, ValueError)
    assert isinstance(erreur.code, str)
    assert erreur.code.startswith("MCP-")
    assert len(erreur.code) > len("MCP-")
    assert isinstance(erreur.message, str)
    assert erreur.message.strip()
    assert isinstance(str(erreur), str)
    if francais:
        assert not _ANGLAIS.search(_sans_valeurs_citees(erreur.message)), erreur.message
    if isinstance(erreur, DonneesInvalides):
        assert erreur.erreurs, "DonneesInvalides sans aucune erreur"
        for e in erreur.erreurs:
            assert isinstance(e, ErreurChamp)
            assert isinstance(e.chemin, str)
            assert e.code.startswith("MCP-")
            assert len(e.code) > len("MCP-")
            assert e.message.strip()
            if francais:
                assert not _ANGLAIS.search(_sans_valeurs_citees(e.message)), e.message


def essayer(appel: Callable[..., Any], /, *args: Any, francais: bool = True, **kwargs: Any) -> Any:
    """Appelle ``appel`` ; rend son résultat, ou ``None`` après avoir vérifié l'erreur."""
    try:
        return appel(*args, **kwargs)
    except Exception as e:  # noqa: BLE001 - c'est précisément ce que l'on contrôle
        erreur: BaseException = e
    verifier_erreur(erreur, francais=francais)
    return None


def pour_chaque_dechet(verifier: Callable[[Any], object]) -> None:
    """Passe chaque déchet à ``verifier`` ; signale d'un coup tous les cas fautifs, nommés."""
    echecs: list[str] = []
    for nom, dechet in DECHETS.items():
        try:
            verifier(dechet)
        except AssertionError as e:
            echecs.append(f"{nom} : {str(e).splitlines()[0] if str(e) else 'échec'}")
    assert not echecs, "\n".join(echecs)


# --- les lecteurs -----------------------------------------------------------------------------

ENUMERATIONS = [Service, ProfilT, Fonction, RoleAfas, Severite, Action, Symptome]

LECTEURS: list[Any] = [
    *(pytest.param(cls.parse, id=f"{cls.__name__}.parse") for cls in ENUMERATIONS),
    pytest.param(NumeroInstructeur.parse, id="NumeroInstructeur.parse"),
    pytest.param(NumeroInstructeur.completer, id="NumeroInstructeur.completer"),
    pytest.param(ni.compact, id="numero_instructeur.compact"),
    pytest.param(ni.validate, id="numero_instructeur.validate"),
    pytest.param(ni.completer, id="numero_instructeur.completer"),
    pytest.param(ni.format, id="numero_instructeur.format"),
    pytest.param(AdresseEmail.parse, id="AdresseEmail.parse"),
    pytest.param(valider_adresse, id="valider_adresse"),
    pytest.param(MotDePasseTemporaire.parse, id="MotDePasseTemporaire.parse"),
    pytest.param(MotDePasseTemporaire, id="MotDePasseTemporaire"),
]


@pytest.mark.parametrize("lecteur", LECTEURS)
def test_lecteurs(lecteur: Callable[[object], object]) -> None:
    pour_chaque_dechet(lambda dechet: essayer(lecteur, dechet))


def test_is_valid_rend_un_booleen() -> None:
    def verifier(dechet: object) -> None:
        assert ni.is_valid(dechet) is False

    pour_chaque_dechet(verifier)


def test_est_valide_d_un_mot_de_passe() -> None:
    mdp = MotDePasseTemporaire(datetime(2026, 11, 27, tzinfo=UTC))
    pour_chaque_dechet(lambda dechet: essayer(mdp.est_valide, dechet))


# --- les constructeurs, champ par champ -------------------------------------------------------

DEBUT = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def _utilisateur(identifiant: str = "as.leroy", **champs: Any) -> Utilisateur:
    valeurs: dict[str, Any] = {
        "identifiant": identifiant,
        "nom": "Leroy",
        "prenom": "Anne",
        "email": f"{identifiant}@ville-exemple.fr",
        "cree_le": DEBUT,
    }
    valeurs.update(champs)
    return Utilisateur(**valeurs)


def _base_utilisateur() -> dict[str, Any]:
    return {
        "identifiant": "inst.roux",
        "nom": "Roux",
        "prenom": "Jean",
        "email": AdresseEmail.parse("jean.roux@ville-exemple.fr"),
        "cree_le": DEBUT,
        "fonction": Fonction.INSTRUCTEUR_RSA,
        "cloture_le": DEBUT + timedelta(days=400),
        "derniere_connexion": DEBUT + timedelta(days=3),
        "mot_de_passe_temporaire": MotDePasseTemporaire(DEBUT),
        "mot_de_passe_personnalise": True,
        "numero_instructeur": NumeroInstructeur.parse("093A1230100000"),
        "code_bailleur": "B12345",
        "diplome_etat": "DEASS 2015",
        "mandats": frozenset({"1234567", "7654321"}),
    }


def _base_groupe() -> dict[str, Any]:
    return {
        "code": "T1AS",
        "libelle": "T1 Assistants sociaux",
        "service": Service.CDAP,
        "gestionnaire": "gest.durand",
        "role": ProfilT.T1,
        "membres": frozenset({"as.leroy", "gest.durand"}),
        "parent": "CDAP-TOUS",
    }


def _base_afas() -> dict[str, Any]:
    return {
        "fda": frozenset({"as.leroy"}),
        "fdf": frozenset({"gest.durand"}),
        "approbateur": "adm.martin",
        "approbateur_en_attente": "as.leroy",
    }


def _valeur_evenement(nom: str, annotation: Any) -> Any:
    """Une valeur valide pour un champ d'événement, d'après son nom et son type."""
    if annotation is datetime:
        return DEBUT
    if nom == "par":
        return "adm.martin"
    if annotation in (Service, ProfilT, RoleAfas):
        return next(iter(annotation))
    if annotation == Role:  # un profil T ou un rôle applicatif
        return ProfilT.T1
    if annotation is AdresseEmail:
        return AdresseEmail.parse("anne.leroy@ville-exemple.fr")
    if typing.get_origin(annotation) is tuple:
        return ("nom", "prenom")
    if nom in ("libelle", "ancien", "nouveau"):
        return "T1 Assistants sociaux"
    if nom == "groupe":
        return "T1AS"
    return "as.leroy"


def _evenement(cls: type[Evenement], par: Any = None) -> Evenement:
    annotations = typing.get_type_hints(cls)
    valeurs = {f.name: _valeur_evenement(f.name, annotations[f.name]) for f in attrs.fields(cls)}
    if par is not None:
        valeurs["par"] = par
    return cls(**valeurs)


EVENEMENTS = [
    _evenement(cls, par=CAF if i % 3 == 0 else None)
    for i, cls in enumerate(TYPES_EVENEMENTS.values())
]


def _comptes() -> list[Utilisateur]:
    return [
        _utilisateur("adm.martin", nom="Martin", prenom="Claire"),
        _utilisateur("gest.durand", nom="Durand", prenom="Paul"),
        _utilisateur("as.leroy", fonction=Fonction.ASSISTANT_SOCIAL, diplome_etat="DEASS"),
        Utilisateur(**_base_utilisateur()),
    ]


def _groupes() -> list[Groupe]:
    return [
        Groupe(
            code="CDAP-TOUS",
            libelle="Tous les comptes CDAP",
            service=Service.CDAP,
            gestionnaire="adm.martin",
        ),
        Groupe(**_base_groupe()),
        Groupe(
            code="AFAS-DECLARER",
            libelle="Déclarants AFAS",
            service=Service.AFAS,
            gestionnaire="adm.martin",
            membres=frozenset({"as.leroy", "gest.durand", "adm.martin"}),
        ),
    ]


def _base_convention() -> dict[str, Any]:
    return {
        "numero": "19_214",
        "organisme": "Ville exemple",
        "caf": "Caf de la Seine-Saint-Denis",
        "services": frozenset({Service.CDAP, Service.AFAS}),
        "administrateurs": frozenset({"adm.martin"}),
        "utilisateurs": _comptes(),
        "groupes": _groupes(),
        "gestion_deleguee": True,
        "profils_contractuels": frozenset({ProfilT.T1, ProfilT.T4}),
        "afas": ConfigurationAfas(**_base_afas()),
        "journal": EVENEMENTS,
    }


def _base_politique() -> dict[str, Any]:
    return {
        "inactivite_max": timedelta(days=60),
        "mots_adresse_service": frozenset({"mairie2"}),
        "conditions": {},
    }


CONSTRUCTEURS: dict[type[Any], Callable[[], dict[str, Any]]] = {
    Politique: _base_politique,
    Utilisateur: _base_utilisateur,
    Groupe: _base_groupe,
    ConfigurationAfas: _base_afas,
    Convention: _base_convention,
}

CHAMPS = [
    pytest.param(cls, champ, id=f"{cls.__name__}.{champ}")
    for cls, base in CONSTRUCTEURS.items()
    for champ in base()
]


@pytest.mark.parametrize(("cls", "base"), list(CONSTRUCTEURS.items()))
def test_les_objets_de_base_sont_valides(
    cls: type[Any], base: Callable[[], dict[str, Any]]
) -> None:
    """Sans déchet, chaque objet se construit : les tests suivants ne refusent que le déchet."""
    objet = cls(**base())
    assert isinstance(objet, cls)


@pytest.mark.parametrize(("cls", "champ"), CHAMPS)
def test_constructeurs_champ_par_champ(cls: type[Any], champ: str) -> None:
    base = CONSTRUCTEURS[cls]()
    pour_chaque_dechet(lambda dechet: essayer(cls, **{**base, champ: dechet}))


_COLLECTIONS = {
    (Utilisateur, "mandats"),
    (Groupe, "membres"),
    (ConfigurationAfas, "fda"),
    (ConfigurationAfas, "fdf"),
    (Convention, "services"),
    (Convention, "administrateurs"),
    (Convention, "profils_contractuels"),
    (Convention, "utilisateurs"),
    (Convention, "groupes"),
    (Convention, "journal"),
}


def test_politique_conditions_dechet_par_profil() -> None:
    """Un déchet à la place des conditions d'un profil : refusé en français, jamais TypeError."""
    pour_chaque_dechet(lambda dechet: essayer(Politique, conditions={"T1": dechet}))

    def cle_dechet(dechet: object) -> None:
        if isinstance(dechet, Hashable):
            essayer(Politique, conditions={dechet: ()})

    pour_chaque_dechet(cle_dechet)


ELEMENTS = [
    pytest.param(cls, champ, id=f"{cls.__name__}.{champ}[]")
    for cls, champ in sorted(_COLLECTIONS, key=lambda x: (x[0].__name__, x[1]))
]


@pytest.mark.parametrize(("cls", "champ"), ELEMENTS)
def test_constructeurs_dechet_dans_une_collection(cls: type[Any], champ: str) -> None:
    base = CONSTRUCTEURS[cls]()
    valides = list(base[champ])

    def verifier(dechet: object) -> None:
        essayer(cls, **{**base, champ: [*valides, dechet]})
        essayer(cls, **{**base, champ: [dechet]})

    pour_chaque_dechet(verifier)


def test_convention_references_cassees_toutes_signalees() -> None:
    """Un groupe valide en lui-même mais mal relié : des erreurs de référence, rien d'autre."""
    base = _base_convention()
    orphelin = Groupe(
        code="ORPHELIN",
        libelle="Groupe orphelin",
        service=Service.ADONIS,
        gestionnaire="inconnu",
        membres=frozenset({"fantome"}),
        parent="INCONNU",
    )
    with pytest.raises(DonneesInvalides) as info:
        Convention(
            **{
                **base,
                "groupes": [*base["groupes"], orphelin],
                "afas": ConfigurationAfas(fda=frozenset({"absent"})),
            }
        )
    verifier_erreur(info.value)
    assert {e.code for e in info.value.erreurs} == {"MCP-DONNEE-REFERENCE"}
    assert len(info.value.erreurs) == 4


# --- JSON : depuis_dict et depuis_json, pour chaque type ---------------------------------------

TYPES = [pytest.param(t, id=t.__name__) for t in TYPES_SERIALISABLES]


@pytest.mark.parametrize("type_", TYPES)
def test_depuis_dict_dechet_entier(type_: type[Any]) -> None:
    pour_chaque_dechet(lambda dechet: essayer(depuis_dict, dechet, type_))


TEXTES_JSON_DECHETS: list[str | bytes | bytearray] = [
    "",
    " ",
    "nul",
    "{",
    "[" * 100_000,
    "{" * 100_000,
    '{"a":' * 100_000,
    "NaN",
    "Infinity",
    "-Infinity",
    "[NaN]",
    '{"a": NaN}',
    '"\\ud800"',
    '"\\u212a"',
    "\ufeff{}",
    "{} {}",
    '{"a": 1, "a": 2}',
    "1" * 5000,
    "1e99999",
    '"' + "x" * 10**6 + '"',
    b"\xff\xfe\x00",
    b"{}",
    bytearray(b"[]"),
    "\x00",
    '{"\x00": 1}',
]


@pytest.mark.parametrize("type_", TYPES)
def test_depuis_json_texte_dechet(type_: type[Any]) -> None:
    for texte in TEXTES_JSON_DECHETS:
        essayer(depuis_json, texte, type_)


# --- des déchets à chaque chemin d'un document valide -------------------------------------------


def _exemples() -> list[tuple[type[Any], Any]]:
    """Un objet valide de chaque type sérialisable (la convention contient tous les autres)."""
    exemples: list[tuple[type[Any], Any]] = [
        # Le journal est réduit à deux événements : chacun est aussi un exemple à part.
        (Convention, Convention(**{**_base_convention(), "journal": EVENEMENTS[:2]})),
        (Utilisateur, Utilisateur(**_base_utilisateur())),
        (Groupe, Groupe(**_base_groupe())),
        (ConfigurationAfas, ConfigurationAfas(**_base_afas())),
        (Politique, Politique(mots_adresse_service={"mairie2"})),
        (AdresseEmail, AdresseEmail.parse("anne.leroy@ville-exemple.fr")),
        (NumeroInstructeur, NumeroInstructeur.parse("093A1230100000")),
        (MotDePasseTemporaire, MotDePasseTemporaire(DEBUT)),
        (ErreurChamp, ErreurChamp("$.code", "MCP-DONNEE-TYPE", "un texte est attendu")),
    ]
    exemples.extend((type(e), e) for e in EVENEMENTS)
    exemples.extend((Evenement, e) for e in EVENEMENTS[:3])
    return exemples


EXEMPLES = _exemples()


def test_chaque_type_serialisable_a_un_exemple() -> None:
    assert {t for t, _ in EXEMPLES} == set(TYPES_SERIALISABLES)
    for type_, objet in EXEMPLES:
        assert depuis_dict(vers_dict(objet), type_) == objet


Chemin = tuple[str | int, ...]


def _chemins(document: Any, chemin: Chemin = ()) -> Iterator[Chemin]:
    yield chemin
    if isinstance(document, dict):
        for cle, valeur in document.items():
            yield from _chemins(valeur, (*chemin, cle))
    elif isinstance(document, list):
        for i, valeur in enumerate(document):
            yield from _chemins(valeur, (*chemin, i))


def _remplacer(document: Any, chemin: Chemin, valeur: Any) -> Any:
    if not chemin:
        return valeur
    copie = copy.deepcopy(document)
    parent = copie
    for etape in chemin[:-1]:
        parent = parent[etape]
    parent[chemin[-1]] = valeur
    return copie


def _retirer(document: Any, chemin: Chemin) -> Any:
    copie = copy.deepcopy(document)
    parent = copie
    for etape in chemin[:-1]:
        parent = parent[etape]
    del parent[chemin[-1]]
    return copie


def _json_path(chemin: Chemin) -> str:
    return "$" + "".join(f"[{e}]" if isinstance(e, int) else f".{e}" for e in chemin)


def _lies(a: str, b: str) -> bool:
    """Deux chemins JSON dont l'un contient l'autre (``$.x`` et ``$.x[2].y``)."""
    court, long_ = sorted((a, b), key=len)
    return long_ == court or long_.startswith((court + ".", court + "["))


def _parent(chemin: str) -> str:
    return re.sub(r"(\.[^.\[]*|\[[0-9]+\])$", "", chemin) or "$"


_INCOHERENCES = ("MCP-DONNEE-VALEUR", "MCP-DONNEE-REFERENCE", "MCP-DONNEE-DOUBLON")


CAS_DOCUMENTS = [
    pytest.param(type_, vers_dict(objet), id=f"{type_.__name__}-{i}")
    for i, (type_, objet) in enumerate(EXEMPLES)
]


def _refus_localise(document: Any, type_: type[Any], chemin: Chemin) -> None:
    """Si le document est refusé, au moins une erreur désigne le chemin du déchet."""
    try:
        depuis_dict(document, type_)
    except Exception as e:  # noqa: BLE001 - contrôlée juste après
        erreur: BaseException = e
    else:
        return
    verifier_erreur(erreur)
    assert isinstance(erreur, DonneesInvalides)
    cible = _json_path(chemin)
    chemins = [e.chemin for e in erreur.erreurs]
    assert all(c.startswith("$") for c in chemins), chemins
    # L'erreur est au chemin du déchet (ou d'un de ses parents ou descendants) ; sinon,
    # c'est une incohérence avec un champ voisin (une date de création postérieure à
    # la dernière connexion) ou une référence cassée ailleurs dans la convention.
    assert any(_lies(e.chemin, cible) for e in erreur.erreurs) or any(
        e.code in _INCOHERENCES and (_lies(e.chemin, _parent(cible)) or e.code != _INCOHERENCES[0])
        for e in erreur.erreurs
    ), (cible, [str(e) for e in erreur.erreurs])


@pytest.mark.parametrize(("type_", "document"), CAS_DOCUMENTS)
def test_dechet_a_chaque_chemin(type_: type[Any], document: Any) -> None:
    for chemin in _chemins(document):
        for dechet in DECHETS_JSON:
            _refus_localise(_remplacer(document, chemin, dechet), type_, chemin)


@pytest.mark.parametrize(("type_", "document"), CAS_DOCUMENTS)
def test_dechet_python_a_chaque_chemin(type_: type[Any], document: Any) -> None:
    """Des valeurs qu'aucun JSON ne produit, mais qu'un appelant Python peut passer."""
    dechets = [
        b"x",
        (1, 2),
        {1, 2},
        math.nan,
        object(),
        _ReprHostile(),
        _Texte("T4"),
        DEBUT,
        _liste_recursive(),
    ]
    for chemin in _chemins(document):
        for dechet in dechets:
            essayer(depuis_dict, _remplacer(document, chemin, dechet), type_)


@pytest.mark.parametrize(("type_", "document"), CAS_DOCUMENTS)
def test_membre_retire_ou_ajoute_a_chaque_objet(type_: type[Any], document: Any) -> None:
    for chemin in _chemins(document):
        if chemin:
            _refus_localise(_retirer(document, chemin), type_, chemin[:-1])
        parent = document
        for etape in chemin:
            parent = parent[etape]
        if isinstance(parent, dict):
            for cle in ("intrus", "", "\ud800", 1, None, ("t",)):
                augmente = _remplacer(document, chemin, {**parent, cle: 1})
                essayer(depuis_dict, augmente, type_)


@pytest.mark.parametrize(("type_", "document"), CAS_DOCUMENTS)
def test_document_json_abime(type_: type[Any], document: Any) -> None:
    texte = json.dumps(document, ensure_ascii=False)
    assert depuis_json(texte, type_) == depuis_dict(document, type_)
    for i in range(0, len(texte), max(1, len(texte) // 40)):
        essayer(depuis_json, texte[:i], type_)
        essayer(depuis_json, texte[:i] + "\x00" + texte[i:], type_)
        essayer(depuis_json, texte[:i] + texte[i + 1 :], type_)
    essayer(depuis_json, texte.encode("utf-16"), type_)
    essayer(depuis_json, texte.encode("utf-8")[:-1] + b"\xff", type_)


# --- hypothesis : des déchets récursifs -----------------------------------------------------------

_textes = st.text(st.characters(codec=None, exclude_categories=()), max_size=20)
_feuilles = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    _textes,
    st.binary(max_size=10),
    st.sampled_from(["T4", "CDAP", "@CAF", "093A12301", "a@b.fr", "2026-11-27T09:30:00+01:00"]),
    st.datetimes(timezones=st.none() | st.just(UTC)),
    st.timedeltas(),
    st.builds(object),
    st.sampled_from([ProfilT.T1, Service.AFAS, CAF, Fonction.AUTRE]),
)
dechets_recursifs = st.recursive(
    _feuilles,
    lambda enfants: st.one_of(
        st.lists(enfants, max_size=4),
        st.tuples(enfants, enfants),
        st.dictionaries(
            _textes | st.sampled_from(["code", "type", "instant", "par"]), enfants, max_size=4
        ),
        st.frozensets(st.integers() | _textes, max_size=3),
    ),
    max_leaves=12,
)
dechets_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _textes,
    lambda enfants: (
        st.lists(enfants, max_size=4)
        | st.dictionaries(
            _textes | st.sampled_from(["code", "type", "instant"]), enfants, max_size=4
        )
    ),
    max_leaves=12,
)


@given(st.sampled_from([p.values[0] for p in LECTEURS]), dechets_recursifs)
def test_lecteurs_hypothesis(lecteur: Callable[[object], object], dechet: object) -> None:
    essayer(lecteur, dechet, francais=False)


@given(
    st.sampled_from([(cls, champ) for cls, base in CONSTRUCTEURS.items() for champ in base()]),
    dechets_recursifs,
)
def test_constructeurs_hypothesis(cls_champ: tuple[type[Any], str], dechet: object) -> None:
    cls, champ = cls_champ
    essayer(cls, **{**CONSTRUCTEURS[cls](), champ: dechet}, francais=False)


@given(st.sampled_from(TYPES_SERIALISABLES), dechets_recursifs)
def test_depuis_dict_hypothesis(type_: type[Any], dechet: object) -> None:
    essayer(depuis_dict, dechet, type_, francais=False)


@given(st.sampled_from(CAS_DOCUMENTS), st.data(), dechets_json)
def test_document_valide_et_dechet_hypothesis(cas: Any, data: st.DataObject, dechet: Any) -> None:
    type_, document = cas.values
    chemin = data.draw(st.sampled_from(list(_chemins(document))))
    _refus_localise(_remplacer(document, chemin, dechet), type_, chemin)
    essayer(depuis_json, json.dumps(_remplacer(document, chemin, dechet)), type_, francais=False)


@given(st.sampled_from(TYPES_SERIALISABLES), st.text(max_size=50) | st.binary(max_size=50))
def test_depuis_json_hypothesis(type_: type[Any], texte: str | bytes) -> None:
    essayer(depuis_json, texte, type_, francais=False)
