"""Lire et écrire les objets du domaine en JSON, strictement.

:func:`vers_dict` / :func:`depuis_dict` passent par des structures JSON simples
(dictionnaires, listes, textes, nombres, booléens) ; :func:`vers_json` /
:func:`depuis_json` par du texte. Les conventions de représentation :

- instants en ISO 8601 **avec décalage** (écrits en UTC) ; un instant sans
  fuseau est refusé ;
- énumérations par leur valeur (``"CDAP"``, ``"T4"``), exactement ;
- ensembles en listes triées, sans doublon ;
- ``utilisateurs`` et ``groupes`` d'une convention en listes d'objets, triés par
  identifiant et par code ;
- types valeurs (:class:`~mcp_rules.AdresseEmail`,
  :class:`~mcp_rules.NumeroInstructeur`, :class:`~mcp_rules.MotDePasseTemporaire`)
  par leur texte canonique ;
- événements du journal : des objets dont le membre ``"type"`` nomme la classe ;
  l'acteur Caf s'écrit ``"@CAF"`` (un identifiant de compte ne contient jamais ``@``) ;
- durées (``Politique.inactivite_max``) en ISO 8601 (``"P90D"``).

La lecture est stricte : aucun ``"false"`` lu comme un booléen, aucun ``3.9`` lu
comme un entier, aucun champ inconnu accepté. Un document fautif lève
:class:`~mcp_rules.DonneesInvalides`, dont ``erreurs`` liste **chaque** problème
avec son chemin JSON, un code et un message en français :

>>> from mcp_rules.serialisation import depuis_dict
>>> from mcp_rules import Groupe
>>> try:
...     depuis_dict(
...         {
...             "code": "T1AS",
...             "libelle": "T1 AS",
...             "service": "cdap",
...             "gestionnaire": 3,
...             "couleur": "bleu",
...         },
...         Groupe,
...     )
... except Exception as e:
...     for erreur in e.erreurs:
...         print(erreur.chemin, erreur.code)
$.service MCP-DONNEE-VALEUR
$.gestionnaire MCP-DONNEE-TYPE
$.couleur MCP-DONNEE-INCONNUE
"""

from __future__ import annotations

import json
import re
import typing
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from enum import Enum
from typing import Any, Final, TypeVar, cast, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from mcp_rules import _controles, _schema, erreurs
from mcp_rules.acteurs import CAF, Acteur, ActeurCaf
from mcp_rules.adresse_email import AdresseEmail
from mcp_rules.audit import Rapport
from mcp_rules.diagnostic import Diagnostic, Etape
from mcp_rules.enumerations import ProfilT, Service
from mcp_rules.erreurs import (
    DonneeInvalide,
    DonneesInvalides,
    ErreurChamp,
    _joindre,
    apercu,
)
from mcp_rules.evenements import TYPES_EVENEMENTS, Evenement
from mcp_rules.matrice import MatriceAcces, TableDecision
from mcp_rules.modele import (
    ConfigurationAfas,
    Convention,
    Groupe,
    Politique,
    Utilisateur,
)
from mcp_rules.mot_de_passe import MotDePasseTemporaire
from mcp_rules.numero_instructeur import NumeroInstructeur
from mcp_rules.regles._base import Constat, Regle
from mcp_rules.resultats import AccesCdap, Decision, Resultat
from mcp_rules.simulation import Commande, Simulation

__all__ = [
    "TYPES_SERIALISABLES",
    "depuis_dict",
    "depuis_json",
    "lire_commandes",
    "schema_json",
    "vers_dict",
    "vers_json",
]

T = TypeVar("T")

_ENSEMBLE_VIDE: Final[frozenset[Any]] = frozenset()

CAF_JSON: Final = "@CAF"
"""L'écriture JSON de l'acteur :data:`~mcp_rules.CAF`."""

_JSON_TYPES: Final = {
    dict: "un objet",
    list: "une liste",
    str: "un texte",
    bool: "un booléen",
    int: "un nombre entier",
    float: "un nombre",
    type(None): "null",
}


def _nature(valeur: object) -> str:
    nature = _JSON_TYPES.get(type(valeur))
    return f"{nature} ({apercu(valeur)})" if nature else apercu(valeur)


def _type(attendu: str, valeur: object) -> DonneeInvalide:
    return DonneeInvalide(
        erreurs.TYPE, f"attendu : {attendu} ; reçu : {_nature(valeur)}", valeur=valeur
    )


# --- valeurs simples ----------------------------------------------------------------


def _str(valeur: object, _: object) -> str:
    if type(valeur) is str:
        return valeur
    raise _type("un texte", valeur)


def _bool(valeur: object, _: object) -> bool:
    if type(valeur) is bool:
        return valeur
    raise _type("un booléen (true ou false)", valeur)


def _instant(valeur: object, _: object) -> datetime:
    return _controles.instant_iso(valeur)


def _instant_texte(valeur: datetime) -> str:
    return valeur.isoformat()


_RE_DUREE: Final = re.compile(
    r"P(?:(?P<j>[0-9]{1,9})D)?(?:T(?:(?P<h>[0-9]{1,11})H)?(?:(?P<m>[0-9]{1,12})M)?"
    r"(?:(?P<s>[0-9]{1,14})(?:\.(?P<us>[0-9]{1,6}))?S)?)?"
)


def _duree(valeur: object, _: object) -> timedelta:
    if type(valeur) is not str:
        raise _type("une durée ISO 8601 (texte, par exemple « P90D »)", valeur)
    lu = _RE_DUREE.fullmatch(valeur) if valeur.isascii() else None
    if lu is None or valeur in ("P", "PT") or valeur.endswith("T"):
        raise DonneeInvalide(
            erreurs.DUREE,
            f"{apercu(valeur)} n'est pas une durée ISO 8601 en jours, heures, minutes et "
            "secondes (exemples : « P90D », « PT36H »)",
            valeur=valeur,
        )
    parties = {k: int(v) if v else 0 for k, v in lu.groupdict().items()}
    fraction = lu.group("us")
    try:
        duree = timedelta(
            days=parties["j"],
            hours=parties["h"],
            minutes=parties["m"],
            seconds=parties["s"],
            microseconds=int(fraction.ljust(6, "0")) if fraction else 0,
        )
    except OverflowError:
        raise DonneeInvalide(erreurs.DUREE, f"durée {apercu(valeur)} trop grande") from None
    return _controles.duree(duree, "durée")


def _duree_texte(duree: timedelta) -> str:
    """La durée en ISO 8601, sans perte (jours, heures, minutes, secondes et microsecondes)."""
    jours = duree.days
    heures, reste = divmod(duree.seconds, 3600)
    minutes, secondes = divmod(reste, 60)
    micro = duree.microseconds
    texte = "P" + (f"{jours}D" if jours else "")
    parties = [f"{heures}H" if heures else "", f"{minutes}M" if minutes else ""]
    if secondes or micro:
        parties.append(f"{secondes}.{micro:06d}".rstrip("0").rstrip(".") + "S")
    temps = "".join(parties)
    return texte + ("T" + temps if temps else "") if (jours or temps) else "PT0S"


def _enum_structure(valeur: object, cls: type[Enum]) -> Enum:
    if type(valeur) is not str:
        raise _type(f"un texte parmi {', '.join(str(m.value) for m in cls)}", valeur)
    membre = cls._value2member_map_.get(valeur)
    if membre is None or type(membre) is not cls:
        raise DonneeInvalide(
            erreurs.VALEUR,
            f"valeur inconnue {apercu(valeur)} ; valeurs permises : "
            + ", ".join(str(m.value) for m in cls),
            valeur=valeur,
        )
    return membre


def _numero_canonique(texte: str) -> NumeroInstructeur:
    """En JSON, le numéro s'écrit sous sa forme canonique de 14 caractères, rien d'autre."""
    numero = NumeroInstructeur.parse(texte)
    if str(numero) != texte:
        raise DonneeInvalide(
            "MCP-NUM-01",
            f"numéro d'instructeur {apercu(texte)} : en JSON, la forme canonique est attendue "
            f"({numero}), sans espace, point, tiret ni minuscule",
            valeur=texte,
        )
    return numero


def _tuple_de_textes(valeur: object, _: object) -> tuple[str, ...]:
    if type(valeur) is not list:
        raise _type("une liste de textes", valeur)
    fautes = []
    for i, x in enumerate(valeur):
        if type(x) is not str:
            erreur = _type("un texte", x)
            erreur.__notes__ = [_note_indice(i, str)]
            fautes.append(erreur)
    if fautes:
        raise IterableValidationError("liste invalide", fautes, tuple)
    return tuple(valeur)


def _acteur(valeur: object, _: object) -> Acteur:
    if valeur == CAF_JSON:
        return CAF
    return _controles.identifiant(valeur, "acteur")


def _acteur_texte(acteur: Acteur) -> str:
    return CAF_JSON if isinstance(acteur, ActeurCaf) else acteur


def _valeur_texte(cls: type[T], lire: Callable[[str], T]) -> Callable[[object, object], T]:
    def structurer(valeur: object, _: object) -> T:
        if type(valeur) is not str:
            raise _type(f"un texte ({cls.__name__})", valeur)
        return lire(valeur)

    return structurer


def _cle_tri(valeur: object) -> tuple[str, str]:
    texte = valeur.value if isinstance(valeur, Enum) else str(valeur)
    return (texte.lower(), texte)


# --- conteneurs ---------------------------------------------------------------------


def _est_ensemble(t: Any) -> bool:
    return get_origin(t) in (frozenset, set)


def _ensemble_structure_factory(t: Any, conv: cattrs.Converter) -> Callable[[object, object], Any]:
    (element,) = get_args(t)
    structurer_element = conv.get_structure_hook(element)

    def structurer(valeur: object, _: object) -> frozenset[Any]:
        if type(valeur) is not list:
            raise _type("une liste", valeur)
        lus: list[Any] = []
        fautes: list[Exception] = []
        for i, x in enumerate(valeur):
            try:
                lus.append(structurer_element(x, element))
            except Exception as exc:  # noqa: BLE001 - regroupées puis traduites en français
                exc.__notes__ = [*getattr(exc, "__notes__", []), _note_indice(i, element)]
                fautes.append(exc)
        if not fautes and len(set(lus)) != len(lus):
            vus: set[Any] = set()
            for i, x in enumerate(lus):
                if x in vus:
                    erreur = DonneeInvalide(erreurs.DOUBLON, f"{apercu(valeur[i])} est répété")
                    erreur.__notes__ = [_note_indice(i, element)]
                    fautes.append(erreur)
                vus.add(x)
        if fautes:
            raise IterableValidationError("ensemble invalide", fautes, frozenset)
        # Un ensemble vide est partagé : 100 000 comptes sans mandat ne coûtent rien.
        return frozenset(lus) if lus else _ENSEMBLE_VIDE

    return structurer


def _ensemble_unstructure_factory(t: Any, conv: cattrs.Converter) -> Callable[[Any], list[Any]]:
    args = get_args(t)
    element = args[0] if args else Any
    hook = conv.get_unstructure_hook(element)
    return lambda valeur: sorted((hook(x) for x in valeur), key=_cle_tri)


def _note_indice(i: int, t: Any) -> Any:
    return IterableValidationNote(f"élément {i}", i, t)


def _sans_type(
    cls: type[Evenement], genere: Callable[[Any, Any], Any]
) -> Callable[[Any, Any], Any]:
    """Un événement lu par sa classe : le membre ``"type"``, s'il est là, doit la nommer."""

    def structurer(valeur: dict[str, Any], t: object) -> Any:
        if "type" not in valeur:
            return genere(valeur, t)
        if valeur["type"] != cls.__name__:
            raise DonneeInvalide(
                erreurs.VALEUR,
                f"type d'événement {apercu(valeur['type'])} ; attendu : {cls.__name__}",
                chemin="type",
            )
        return genere({k: v for k, v in valeur.items() if k != "type"}, t)

    return structurer


def _objet(cls: type[Any], genere: Callable[[Any, Any], Any]) -> Callable[[object, object], Any]:
    """Enveloppe la fonction générée par cattrs : refuse d'emblée ce qui n'est pas un objet,
    et complète la liste des erreurs quand la forme est fautive (voir :func:`_le_reste`)."""

    def structurer(valeur: object, t: object) -> Any:
        if type(valeur) is not dict:
            raise _type(f"un objet JSON ({cls.__name__})", valeur)
        try:
            return genere(valeur, t)
        except ClassValidationError as exc:
            reste = _le_reste(cls, valeur, exc)
            if not reste:
                raise
            raise ClassValidationError(exc.message, [*exc.exceptions, reste], cls) from None

    return structurer


def _substituts() -> dict[type[Any], dict[str, Any]]:
    """Des valeurs valides, sans lien entre elles, pour compléter un objet incomplet."""
    return {
        Utilisateur: {
            "identifiant": "substitut",
            "nom": "Substitut",
            "prenom": "Substitut",
            "email": AdresseEmail.parse("substitut@exemple.fr"),
            "cree_le": datetime(1970, 1, 1, tzinfo=UTC),
        },
        Groupe: {
            "code": "substitut",
            "libelle": "Substitut",
            "service": Service.ADONIS,
            "gestionnaire": "substitut",
        },
    }


def _le_reste(
    cls: type[Any], valeur: dict[str, Any], exc: ClassValidationError
) -> Exception | None:
    """Les défauts de valeur des champs bien formés d'un objet dont d'autres champs manquent
    ou ont un mauvais type : sans cela, un seul passage ne dirait pas tous les problèmes.

    Les champs fautifs sont remplacés par des substituts valides, l'objet est construit,
    et ses erreurs sur les autres champs sont gardées.
    """
    substituts = _SUBSTITUTS.get(cls)
    if substituts is None:
        return None
    fautifs = {note.name for _, note in exc.group_exceptions()[0]}
    if not fautifs:  # l'objet entier a été refusé : ses erreurs sont déjà toutes là
        return None
    types = typing.get_type_hints(cls)
    valeurs: dict[str, Any] = {}
    for nom, brut in valeur.items():
        if nom in types and nom not in fautifs:
            try:
                valeurs[nom] = _CONVERTISSEUR.structure(brut, types[nom])
            except Exception:  # noqa: BLE001, S112 - déjà signalé par cattrs, ou à son tour
                continue
    remplaces = {k: v for k, v in substituts.items() if k not in valeurs}
    try:
        cls(**remplaces, **valeurs)
    except DonneesInvalides as erreur:
        gardees = [e for e in erreur.erreurs if _racine(e.chemin) not in remplaces]
        return DonneesInvalides(gardees) if gardees else None
    except DonneeInvalide:
        return None
    return None


def _racine(chemin: str) -> str:
    return chemin.split(".", 1)[0].split("[", 1)[0]


# --- événements et convention -------------------------------------------------------


def _evenement_structure(valeur: object, _: object) -> Evenement:
    if type(valeur) is not dict:
        raise _type("un objet JSON (événement)", valeur)
    nom = valeur.get("type")
    cls = TYPES_EVENEMENTS.get(nom) if type(nom) is str else None
    if cls is None:
        erreur = DonneeInvalide(
            erreurs.INCONNUE if "type" in valeur else erreurs.MANQUANTE,
            f"type d'événement inconnu {apercu(nom)} ; types permis : "
            + ", ".join(TYPES_EVENEMENTS),
            valeur=nom,
            chemin="type",
        )
        raise erreur
    reste = {k: v for k, v in valeur.items() if k != "type"}
    evenement: Evenement = _CONVERTISSEUR.structure(reste, cls)
    return evenement


def _evenement_unstructure(evenement: Evenement) -> dict[str, Any]:
    cls = type(evenement)
    return {"type": cls.__name__, **_CONVERTISSEUR.unstructure(evenement, cls)}


_CHAMPS_CONVENTION: Final[dict[str, Any]] = {
    "numero": str,
    "organisme": str,
    "caf": str,
    "gestion_deleguee": bool,
    "services": frozenset[Any],
    "profils_contractuels": frozenset[Any],
    "administrateurs": frozenset[str],
    "utilisateurs": list[Utilisateur],
    "groupes": list[Groupe],
    "afas": ConfigurationAfas,
    "journal": list[Evenement],
}
_OBLIGATOIRES_CONVENTION: Final = ("numero", "organisme", "caf", "services", "administrateurs")


def _types_convention() -> dict[str, Any]:
    return {
        **_CHAMPS_CONVENTION,
        "services": frozenset[Service],
        "profils_contractuels": frozenset[ProfilT],
    }


def _liste(valeur: object, element: Any, chemin: str, fautes: list[ErreurChamp]) -> list[Any]:
    if type(valeur) is not list:
        fautes.extend(_type("une liste", valeur).en_erreurs_champ(chemin))
        return []
    lus = []
    for i, x in enumerate(valeur):
        try:
            lus.append(_CONVERTISSEUR.structure(x, element))
        except Exception as exc:  # noqa: BLE001 - traduite juste après
            fautes.extend(_aplatir(exc, f"{chemin}[{i}]"))
    return lus


def _partager_identifiants(utilisateurs: list[Utilisateur], groupes: list[Groupe]) -> list[Groupe]:
    """Les membres et gestionnaires d'un document lu pointent vers le texte même de
    l'identifiant du compte, au lieu d'une copie par mention : égaux, mais en mémoire une
    seule fois (un gros document mentionne chaque compte dans un ou deux groupes)."""
    textes = {u.identifiant: u.identifiant for u in utilisateurs}
    partages = []
    for g in groupes:
        membres = frozenset(textes.get(m, m) for m in g.membres) if g.membres else g.membres
        partages.append(
            g._remplacer(membres=membres, gestionnaire=textes.get(g.gestionnaire, g.gestionnaire))
        )
    return partages


def _convention_structure(valeur: object, _: object) -> Convention:
    if type(valeur) is not dict:
        raise _type("un objet JSON (Convention)", valeur)
    types = _types_convention()
    fautes: list[ErreurChamp] = [
        ErreurChamp(
            f"$.{cle}" if isinstance(cle, str) else "$",
            erreurs.INCONNUE,
            f"champ inconnu {apercu(cle)} ; champs permis : {', '.join(types)}",
        )
        for cle in valeur
        if cle not in types
    ]
    fautes.extend(
        ErreurChamp(f"$.{nom}", erreurs.MANQUANTE, f"champ obligatoire « {nom} » absent")
        for nom in _OBLIGATOIRES_CONVENTION
        if nom not in valeur
    )
    arguments: dict[str, Any] = {}
    for nom, t in types.items():
        if nom not in valeur:
            continue
        if get_origin(t) is list:
            arguments[nom] = _liste(valeur[nom], get_args(t)[0], f"$.{nom}", fautes)
            continue
        try:
            arguments[nom] = _CONVERTISSEUR.structure(valeur[nom], t)
        except Exception as exc:  # noqa: BLE001 - traduite juste après
            fautes.extend(_aplatir(exc, f"$.{nom}"))
    if fautes:
        raise DonneesInvalides(fautes)
    if "utilisateurs" in arguments and "groupes" in arguments:
        arguments["groupes"] = _partager_identifiants(
            arguments["utilisateurs"], arguments["groupes"]
        )
    try:
        return Convention(**arguments)
    except DonneesInvalides as exc:
        raise DonneesInvalides(exc.en_erreurs_champ("$")) from None


def _convention_unstructure(convention: Convention) -> dict[str, Any]:
    u = _CONVERTISSEUR.unstructure
    return {
        "numero": convention.numero,
        "organisme": convention.organisme,
        "caf": convention.caf,
        "gestion_deleguee": convention.gestion_deleguee,
        "services": u(convention.services, frozenset[Any]),
        "profils_contractuels": u(convention.profils_contractuels, frozenset[Any]),
        "administrateurs": u(convention.administrateurs, frozenset[str]),
        "utilisateurs": [u(x, Utilisateur) for x in convention.utilisateurs],
        "groupes": [u(g, Groupe) for g in convention.groupes],
        "afas": u(convention.afas, ConfigurationAfas),
        "journal": [_evenement_unstructure(e) for e in convention.journal],
    }


def _politique_structure(valeur: object, _: object) -> Politique:
    if type(valeur) is not dict:
        raise _type("un objet JSON (Politique)", valeur)
    permis = {"inactivite_max": _duree, "mots_adresse_service": None}
    fautes: list[ErreurChamp] = [
        ErreurChamp(
            f"$.{k}" if isinstance(k, str) else "$",
            erreurs.INCONNUE,
            f"champ inconnu {apercu(k)} ; champs permis : {', '.join(permis)}",
        )
        for k in valeur
        if k not in permis
    ]
    arguments: dict[str, Any] = {}
    if "inactivite_max" in valeur:
        try:
            arguments["inactivite_max"] = _duree(valeur["inactivite_max"], None)
        except DonneeInvalide as exc:
            fautes.extend(exc.en_erreurs_champ("$.inactivite_max"))
    if "mots_adresse_service" in valeur:
        try:
            arguments["mots_adresse_service"] = _CONVERTISSEUR.structure(
                valeur["mots_adresse_service"], frozenset[str]
            )
        except Exception as exc:  # noqa: BLE001 - traduite juste après
            fautes.extend(_aplatir(exc, "$.mots_adresse_service"))
    if fautes:
        raise DonneesInvalides(fautes)
    try:
        return Politique(**arguments)
    except DonneeInvalide as exc:
        raise DonneesInvalides(exc.en_erreurs_champ("$")) from None


def _politique_unstructure(politique: Politique) -> dict[str, Any]:
    if politique.conditions:
        raise DonneeInvalide(
            erreurs.TYPE,
            "les conditions d'une Politique sont du code Python : elles ne s'écrivent pas en "
            "JSON (seuls inactivite_max et mots_adresse_service le sont)",
        )
    return {
        "inactivite_max": _duree_texte(politique.inactivite_max),
        "mots_adresse_service": sorted(politique.mots_adresse_service),
    }


# --- le convertisseur ---------------------------------------------------------------


def _creer_convertisseur() -> cattrs.Converter:
    conv = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True)
    conv.register_structure_hook(str, _str)
    conv.register_structure_hook(bool, _bool)
    conv.register_structure_hook(datetime, _instant)
    conv.register_unstructure_hook(datetime, _instant_texte)
    conv.register_structure_hook(timedelta, _duree)
    conv.register_unstructure_hook(timedelta, _duree_texte)
    conv.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, Enum) and t is not ActeurCaf,
        _enum_structure,
    )
    conv.register_unstructure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, Enum), lambda e: e.value
    )
    conv.register_structure_hook_func(lambda t: t == Acteur, _acteur)
    conv.register_unstructure_hook_func(lambda t: t == Acteur, _acteur_texte)
    conv.register_structure_hook(AdresseEmail, _valeur_texte(AdresseEmail, AdresseEmail.parse))
    conv.register_structure_hook(
        NumeroInstructeur, _valeur_texte(NumeroInstructeur, _numero_canonique)
    )
    conv.register_structure_hook_func(lambda t: t == tuple[str, ...], _tuple_de_textes)
    conv.register_structure_hook(
        MotDePasseTemporaire, _valeur_texte(MotDePasseTemporaire, MotDePasseTemporaire.parse)
    )
    for valeur in (AdresseEmail, NumeroInstructeur, MotDePasseTemporaire):
        conv.register_unstructure_hook(valeur, str)
    conv.register_structure_hook_factory(_est_ensemble, _ensemble_structure_factory)
    conv.register_unstructure_hook_factory(_est_ensemble, _ensemble_unstructure_factory)
    for cls in (Utilisateur, Groupe, ConfigurationAfas, *TYPES_EVENEMENTS.values()):
        genere: Callable[[Any, Any], Any] = make_dict_structure_fn(
            cls, conv, _cattrs_forbid_extra_keys=True
        )
        if issubclass(cls, Evenement):
            genere = _sans_type(cls, genere)
        conv.register_structure_hook(cls, _objet(cls, genere))
        conv.register_unstructure_hook(cls, make_dict_unstructure_fn(cls, conv))
    conv.register_structure_hook(Evenement, _evenement_structure)
    conv.register_unstructure_hook(Evenement, _evenement_unstructure)
    conv.register_structure_hook(Convention, _convention_structure)
    conv.register_unstructure_hook(Convention, _convention_unstructure)
    conv.register_structure_hook(Politique, _politique_structure)
    conv.register_unstructure_hook(Politique, _politique_unstructure)
    conv.register_structure_hook(
        ErreurChamp,
        _objet(
            ErreurChamp, make_dict_structure_fn(ErreurChamp, conv, _cattrs_forbid_extra_keys=True)
        ),
    )
    return conv


_CONVERTISSEUR: Final = _creer_convertisseur()
_SUBSTITUTS: Final = _substituts()


TYPES_SERIALISABLES: Final[tuple[type[Any], ...]] = (
    Convention,
    Utilisateur,
    Groupe,
    ConfigurationAfas,
    Politique,
    Evenement,
    *TYPES_EVENEMENTS.values(),
    AdresseEmail,
    NumeroInstructeur,
    MotDePasseTemporaire,
    ErreurChamp,
)
"""Les types que :func:`depuis_dict` sait lire (et :func:`vers_dict` écrire)."""


# --- traduction des erreurs de cattrs -----------------------------------------------


def _aplatir(exc: BaseException, chemin: str) -> list[ErreurChamp]:
    """Traduit une erreur (éventuellement un groupe cattrs) en erreurs de champ."""
    if isinstance(exc, ClassValidationError):
        avec, sans = exc.group_exceptions()
        fautes = [e for sub, note in avec for e in _aplatir(sub, f"{chemin}.{note.name}")]
        fautes.extend(e for sub in sans for e in _aplatir(sub, chemin))
        return fautes
    if isinstance(exc, IterableValidationError):
        avec_i, sans_i = exc.group_exceptions()
        fautes = [
            e
            for sub, inote in avec_i
            for e in _aplatir(
                sub,
                f"{chemin}[{inote.index}]"
                if isinstance(inote.index, int)
                else f"{chemin}[{json.dumps(inote.index)}]",
            )
        ]
        fautes.extend(e for sub in sans_i for e in _aplatir(sub, chemin))
        return fautes
    if isinstance(exc, DonneeInvalide):
        return list(exc.en_erreurs_champ(chemin))
    if isinstance(exc, ForbiddenExtraKeysError):
        permis = ", ".join(a.name for a in attrs.fields(exc.cl))
        return [
            ErreurChamp(
                _joindre(chemin, str(cle)),
                erreurs.INCONNUE,
                f"champ inconnu {apercu(cle)} ; champs permis : {permis}",
            )
            for cle in sorted(exc.extra_fields, key=str)
        ]
    if isinstance(exc, KeyError):
        nom = chemin.rsplit(".", 1)[-1]
        return [ErreurChamp(chemin, erreurs.MANQUANTE, f"champ obligatoire « {nom} » absent")]
    if isinstance(exc, RecursionError):
        return [ErreurChamp(chemin, erreurs.TYPE, "structure trop profondément imbriquée")]
    if isinstance(exc, (TypeError, ValueError, AttributeError, OverflowError)):
        return [ErreurChamp(chemin, erreurs.TYPE, "valeur d'un type inattendu à cet endroit")]
    raise exc


# --- l'interface publique -------------------------------------------------------------


def _type_connu(t: object) -> type[Any]:
    if isinstance(t, type) and (t in TYPES_SERIALISABLES):
        return t
    raise DonneeInvalide(
        erreurs.INCONNUE,
        f"type non sérialisable {apercu(t)} ; types permis : "
        + ", ".join(x.__name__ for x in TYPES_SERIALISABLES),
        valeur=t,
    )


def vers_dict(objet: object) -> Any:
    """L'objet en structures JSON simples (dict, list, str, bool, None).

    Les réponses de la bibliothèque (rapport, diagnostic, décision, constat…) s'écrivent
    aussi, pour être transmises ; elles ne se relisent pas.

    >>> from mcp_rules import NumeroInstructeur
    >>> vers_dict(NumeroInstructeur.parse("093A1230100000"))
    '093A1230100000'
    """
    cls = type(objet)
    ecrire = _ECRITURES.get(cls)
    if ecrire is not None:
        return ecrire(objet)
    if isinstance(objet, Evenement):
        return _evenement_unstructure(objet)
    _type_connu(cls)
    return _CONVERTISSEUR.unstructure(objet, cls)


def depuis_dict(donnees: object, type_: type[T]) -> T:
    """Lit un objet du type demandé depuis des structures JSON simples.

    Lève :class:`~mcp_rules.DonneesInvalides` avec tous les problèmes trouvés.
    Les références entre objets d'une convention (gestionnaires, membres…) sont
    vérifiées une fois la forme du document correcte.
    """
    cls = _type_connu(type_)
    try:
        return cast(T, _CONVERTISSEUR.structure(donnees, cls))
    except DonneesInvalides as exc:
        if all(e.chemin.startswith("$") for e in exc.erreurs):
            raise DonneesInvalides(exc.erreurs, valeur=donnees) from None
        raise DonneesInvalides(exc.en_erreurs_champ("$"), valeur=donnees) from None
    except Exception as exc:  # noqa: BLE001 - toute erreur devient une DonneesInvalides
        raise DonneesInvalides(_aplatir(exc, "$"), valeur=donnees) from None


def vers_json(objet: object, *, indent: int | None = None) -> str:
    """L'objet en texte JSON (UTF-8 lisible, clés dans l'ordre des champs)."""
    return json.dumps(vers_dict(objet), ensure_ascii=False, indent=indent)


def depuis_json(texte: str | bytes, type_: type[T]) -> T:
    """Lit un objet du type demandé depuis un texte JSON."""
    _type_connu(type_)
    if not isinstance(texte, (str, bytes, bytearray)):
        raise DonneesInvalides(
            [ErreurChamp("$", erreurs.TYPE, f"un texte JSON est attendu, pas {apercu(texte)}")]
        )
    try:
        donnees = json.loads(texte, parse_constant=_constante_interdite)
    except (ValueError, RecursionError) as exc:
        detail = (
            f"ligne {exc.lineno}, colonne {exc.colno} : {_traduire_json(exc.msg)}"
            if isinstance(exc, json.JSONDecodeError)
            else "texte illisible, mal encodé ou trop profondément imbriqué"
        )
        raise DonneesInvalides(
            [ErreurChamp("$", erreurs.JSON, f"JSON invalide ({detail})")]
        ) from None
    return depuis_dict(donnees, type_)


_MESSAGES_JSON: Final = (
    ("Expecting value", "une valeur est attendue"),
    ("Expecting property name", "un nom de membre entre guillemets est attendu"),
    ("Unterminated string", "texte non terminé"),
    ("Extra data", "données en trop après le document"),
    ("Expecting ',' delimiter", "une virgule est attendue"),
    ("Expecting ':' delimiter", "deux-points sont attendus"),
    ("Invalid control character", "caractère de contrôle interdit dans un texte"),
    ("Invalid \\escape", "séquence d'échappement invalide"),
    ("Invalid \\uXXXX escape", "séquence \\u invalide"),
)


def _traduire_json(message: str) -> str:
    for motif, francais in _MESSAGES_JSON:
        if message.startswith(motif):
            return francais
    return "syntaxe invalide"


def _constante_interdite(nom: str) -> Any:
    raise ValueError(f"constante {nom} interdite en JSON strict")


def schema_json(type_: type[Any]) -> dict[str, Any]:
    """Le schéma JSON (draft 2020-12) des documents que :func:`depuis_dict` accepte."""
    return _schema.schema(_type_connu(type_))


# --- écriture seule : les réponses de la bibliothèque ---------------------------------------


def _ecrire_constat(c: Constat) -> dict[str, Any]:
    return {
        "code": c.code,
        "severite": c.severite.value,
        "message": c.message,
        "remede": c.remede,
        "cible": c.cible,
        "titre": c.regle.titre,
        "source": c.regle.source,
    }


def _ecrire_constats(constats: tuple[Constat, ...]) -> list[dict[str, Any]]:
    return [_ecrire_constat(c) for c in constats]


def _ecrire_regle(r: Regle) -> dict[str, Any]:
    return {
        "code": r.code,
        "titre": r.titre,
        "source": r.source,
        "severite": r.severite.value,
        "automatisable": r.automatisable,
        "description": r.description,
        "interpretations": list(r.interpretations),
    }


def _ecrire_etape(e: Etape) -> dict[str, Any]:
    return {
        "commande": e.commande,
        "arguments": {
            k: (v.value if isinstance(v, Enum) else str(v)) for k, v in e.arguments.items()
        },
        "par": [_acteur_texte(a) for a in e.par],
        "texte": e.texte,
        "a_completer": list(e.a_completer),
    }


def _ecrire_rapport(r: Rapport) -> dict[str, Any]:
    return {
        "numero": r.numero,
        "instant": r.instant.isoformat(),
        "est_conforme": r.est_conforme,
        "nombre_comptes": r.nombre_comptes,
        "nombre_comptes_actifs": r.nombre_comptes_actifs,
        "nombre_groupes": r.nombre_groupes,
        "comptes_par_profil": {p.value: n for p, n in r.comptes_par_profil.items()},
        "comptes_par_service": {s.value: n for s, n in r.comptes_par_service.items()},
        "constats": _ecrire_constats(r.constats),
    }


def _ecrire_decision(d: Decision) -> dict[str, Any]:
    return {
        "autorise": d.autorise,
        "donnees_manquantes": list(d.donnees_manquantes),
        "constats": _ecrire_constats(d.constats),
    }


def _ecrire_acces(a: AccesCdap) -> dict[str, Any]:
    return {
        "identifiant": a.identifiant,
        "autorise": a.autorise,
        "profils": [p.value for p in a.profils],
        "groupes": [{"groupe": g, "profil": p.value} for g, p in a.groupes],
        "donnees_manquantes": list(a.donnees_manquantes),
        "constats": _ecrire_constats(a.constats),
        "plan": [_ecrire_etape(e) for e in a.plan],
        "recours": a.recours,
    }


def _ecrire_resultat(r: Resultat) -> dict[str, Any]:
    return {
        "accepte": r.accepte,
        "evenements": [_evenement_unstructure(e) for e in r.evenements],
        "constats": _ecrire_constats(r.constats),
    }


def _ecrire_diagnostic(d: Diagnostic) -> dict[str, Any]:
    return {
        "identifiant": d.identifiant,
        "symptome": d.symptome.value,
        "causes": _ecrire_constats(d.causes),
        "plan": [_ecrire_etape(e) for e in d.plan],
        "recours": d.recours,
    }


def _ecrire_simulation(s: Simulation) -> dict[str, Any]:
    return {
        "toutes_acceptees": s.toutes_acceptees,
        "resultats": [_ecrire_resultat(r) for r in s.resultats],
        "changements": [
            {
                "identifiant": x.identifiant,
                "avant": [p.value for p in x.avant],
                "apres": [p.value for p in x.apres],
                "gagnes": [p.value for p in x.gagnes],
                "perdus": [p.value for p in x.perdus],
                "services_gagnes": [v.value for v in x.services_gagnes],
                "services_perdus": [v.value for v in x.services_perdus],
            }
            for x in s.changements
        ],
        "nouveaux_constats": _ecrire_constats(s.nouveaux_constats),
        "constats_resolus": _ecrire_constats(s.constats_resolus),
    }


def _ecrire_matrice(m: MatriceAcces) -> dict[str, Any]:
    return {
        "numero": m.numero,
        "instant": m.instant.isoformat(),
        "comptes": [
            {
                "identifiant": x.identifiant,
                "nom": x.nom,
                "actif": x.actif,
                "profils": [p.value for p in x.profils],
                "services": [v.value for v in x.services],
            }
            for x in m.lignes
        ],
    }


def _ecrire_table(t: TableDecision) -> list[dict[str, Any]]:
    return [
        {
            "profil": x.profil.value,
            "fonction": x.fonction.value,
            "donnees_presentes": x.donnees_presentes,
            "autorise": x.autorise,
            "codes": list(x.codes),
            "donnees_manquantes": list(x.donnees_manquantes),
        }
        for x in t.lignes
    ]


_ECRITURES: Final[dict[type[Any], Callable[[Any], Any]]] = {
    Regle: _ecrire_regle,
    Constat: _ecrire_constat,
    Decision: _ecrire_decision,
    AccesCdap: _ecrire_acces,
    Resultat: _ecrire_resultat,
    Rapport: _ecrire_rapport,
    Diagnostic: _ecrire_diagnostic,
    Etape: _ecrire_etape,
    Simulation: _ecrire_simulation,
    MatriceAcces: _ecrire_matrice,
    TableDecision: _ecrire_table,
}
"""Les réponses de la bibliothèque, que :func:`vers_dict` écrit (sans relecture)."""


# --- les commandes à simuler ------------------------------------------------------------------

_ARGUMENTS_UTILISATEUR: Final = frozenset(
    {
        ("creer_utilisateur", "utilisateur"),
        ("creer_groupe", "gestionnaire"),
        ("designer_gestionnaire", "gestionnaire"),
    }
)


def lire_commandes(texte: str | bytes) -> list[Commande]:
    """Lit une liste de commandes JSON : ``[{"commande": …, "par": …, "arguments": {…}}]``.

    ``par`` est un identifiant ou ``"@CAF"`` ; un nouvel Utilisateur (``creer_utilisateur``,
    un gestionnaire à créer) s'écrit comme un objet Utilisateur ; ``le`` en ISO 8601.
    """
    try:
        donnees = json.loads(texte, parse_constant=_constante_interdite)
    except (ValueError, RecursionError, TypeError):
        raise DonneesInvalides([ErreurChamp("$", erreurs.JSON, "JSON invalide")]) from None
    if type(donnees) is not list:
        raise DonneesInvalides(_type("une liste de commandes", donnees).en_erreurs_champ("$"))
    fautes: list[ErreurChamp] = []
    lues: list[Commande] = []
    for i, objet in enumerate(donnees):
        chemin = f"$[{i}]"
        if type(objet) is not dict:
            fautes.extend(_type("un objet commande", objet).en_erreurs_champ(chemin))
            continue
        inconnus = set(objet) - {"commande", "par", "arguments"}
        fautes.extend(
            ErreurChamp(f"{chemin}.{k}", erreurs.INCONNUE, f"champ inconnu {apercu(k)}")
            for k in sorted(inconnus, key=str)
        )
        nom, par, arguments = objet.get("commande"), objet.get("par"), objet.get("arguments", {})
        if type(arguments) is not dict:
            fautes.extend(_type("un objet", arguments).en_erreurs_champ(f"{chemin}.arguments"))
            continue
        try:
            acteur = _acteur(par, None)
        except DonneeInvalide as exc:
            fautes.extend(exc.en_erreurs_champ(f"{chemin}.par"))
            continue
        valeurs: dict[str, Any] = {}
        for cle_, valeur in arguments.items():
            try:
                if (nom, cle_) in _ARGUMENTS_UTILISATEUR and type(valeur) is dict:
                    valeurs[cle_] = depuis_dict(valeur, Utilisateur)
                elif cle_ == "le" and valeur is not None:
                    valeurs[cle_] = _controles.instant_iso(valeur, "le")
                else:
                    valeurs[cle_] = valeur
            except DonneesInvalides as exc:
                fautes.extend(
                    ErreurChamp(_joindre(f"{chemin}.arguments.{cle_}", e.chemin), e.code, e.message)
                    for e in exc.erreurs
                )
            except DonneeInvalide as exc:
                fautes.extend(exc.en_erreurs_champ(f"{chemin}.arguments.{cle_}"))
        try:
            lues.append(Commande(nom, par=acteur, arguments=valeurs))  # type: ignore[arg-type]
        except DonneeInvalide as exc:
            fautes.extend(exc.en_erreurs_champ(f"{chemin}.commande"))
    if fautes:
        raise DonneesInvalides(fautes)
    return lues
