"""Le convertisseur cattrs de la bibliothèque, et la traduction de ses erreurs en français.

Un seul :data:`CONVERTISSEUR` lit et écrit chaque type du domaine : les objets attrs par
des fonctions générées (membres inconnus refusés), la convention et la politique par des
fonctions écrites à la main (tous les problèmes d'un document en un passage, références
vérifiées une fois la forme correcte), les événements par leur membre ``"type"``.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from enum import Enum
from typing import Any, Final, get_args, get_origin

import cattrs
from cattrs.errors import ClassValidationError, IterableValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from mcp_rules.fondations import erreurs
from mcp_rules.fondations.acteurs import Acteur, ActeurCaf
from mcp_rules.fondations.enumerations import ProfilT, Role, Service
from mcp_rules.fondations.erreurs import (
    DonneeInvalide,
    DonneesInvalides,
    ErreurChamp,
    apercu,
    element_de_chemin,
)
from mcp_rules.interfaces.serialisation.rapide import RAPIDES, rapide_ou
from mcp_rules.interfaces.serialisation.traduction import aplatir
from mcp_rules.interfaces.serialisation.valeurs import (
    ENSEMBLE_VIDE,
    cle_tri,
    ecrire_acteur,
    ecrire_duree,
    ecrire_instant,
    erreur_type,
    lecteur_de_texte,
    lire_acteur,
    lire_booleen,
    lire_duree,
    lire_enum,
    lire_instant,
    lire_numero_canonique,
    lire_role,
    lire_role_ou_rien,
    lire_texte,
    lire_tuple_de_textes,
    note_indice,
)
from mcp_rules.modele import ConfigurationAfas, Convention, Groupe, Politique, Utilisateur
from mcp_rules.modele.evenements import TYPES_EVENEMENTS, Evenement
from mcp_rules.modele.politique import inactivite_permise
from mcp_rules.valeurs.adresse_email import AdresseEmail
from mcp_rules.valeurs.mot_de_passe import MotDePasseTemporaire
from mcp_rules.valeurs.numero_instructeur import NumeroInstructeur

__all__ = [
    "CONVERTISSEUR",
    "OBLIGATOIRES_CONVENTION",
    "TYPES_SERIALISABLES",
    "ecrire_evenement",
    "groupes_partages",
    "lire_liste",
    "types_convention",
]

# --- conteneurs ---------------------------------------------------------------------


def _est_ensemble(t: Any) -> bool:
    return get_origin(t) in (frozenset, set)


def _ensemble_structure_factory(t: Any, conv: cattrs.Converter) -> Callable[[object, object], Any]:
    (element,) = get_args(t)
    structurer_element = conv.get_structure_hook(element)

    def structurer(valeur: object, _: object) -> frozenset[Any]:
        if type(valeur) is not list:
            raise erreur_type("une liste", valeur)
        lus: list[Any] = []
        fautes: list[Exception] = []
        for i, x in enumerate(valeur):
            try:
                lus.append(structurer_element(x, element))
            except Exception as exc:  # noqa: BLE001 - regroupées puis traduites en français
                exc.__notes__ = [*getattr(exc, "__notes__", []), note_indice(i, element)]
                fautes.append(exc)
        if not fautes and len(set(lus)) != len(lus):
            vus: set[Any] = set()
            for i, x in enumerate(lus):
                if x in vus:
                    erreur = DonneeInvalide(erreurs.DOUBLON, f"{apercu(valeur[i])} est répété")
                    erreur.__notes__ = [note_indice(i, element)]
                    fautes.append(erreur)
                vus.add(x)
        if fautes:
            raise IterableValidationError("ensemble invalide", fautes, frozenset)
        # Un ensemble vide est partagé : 100 000 comptes sans mandat ne coûtent rien.
        return frozenset(lus) if lus else ENSEMBLE_VIDE

    return structurer


def _ensemble_unstructure_factory(t: Any, conv: cattrs.Converter) -> Callable[[Any], list[Any]]:
    args = get_args(t)
    element = args[0] if args else Any
    hook = conv.get_unstructure_hook(element)
    return lambda valeur: sorted((hook(x) for x in valeur), key=cle_tri)


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
            raise erreur_type(f"un objet JSON ({cls.__name__})", valeur)
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
                valeurs[nom] = CONVERTISSEUR.structure(brut, types[nom])
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
        raise erreur_type("un objet JSON (événement)", valeur)
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
    evenement: Evenement = CONVERTISSEUR.structure(reste, cls)
    return evenement


def ecrire_evenement(evenement: Evenement) -> dict[str, Any]:
    cls = type(evenement)
    return {"type": cls.__name__, **CONVERTISSEUR.unstructure(evenement, cls)}


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
OBLIGATOIRES_CONVENTION: Final = ("numero", "organisme", "caf", "services", "administrateurs")


def types_convention() -> dict[str, Any]:
    return {
        **_CHAMPS_CONVENTION,
        "services": frozenset[Service],
        "profils_contractuels": frozenset[ProfilT],
    }


def lire_liste(
    valeur: object,
    element: Any,
    chemin: str,
    fautes: list[ErreurChamp],
    rapide: Callable[[object], Any] | None = None,
) -> list[Any]:
    if type(valeur) is not list:
        fautes.extend(erreur_type("une liste", valeur).en_erreurs_champ(chemin))
        return []
    rapide = rapide or RAPIDES.get(element)
    if rapide is not None:
        # Les comptes, les groupes : le chemin rapide sur toute la liste, sans boucle Python.
        # Un compte ou un groupe est toujours vrai ; un None dit un écart, et la liste est
        # relue par le chemin complet, qui nomme chaque défaut à son indice.
        lus = list(map(rapide, valeur))
        if all(lus):
            return lus
    lus = []
    structurer = CONVERTISSEUR.get_structure_hook(element)
    for i, x in enumerate(valeur):
        try:
            lus.append(structurer(x, element))
        except Exception as exc:  # noqa: BLE001 - traduite juste après
            fautes.extend(aplatir(exc, f"{chemin}[{i}]"))
    return lus


def groupes_partages(utilisateurs: list[Utilisateur]) -> Callable[[object], Groupe | None]:
    """Le chemin rapide des groupes d'une convention : membres et gestionnaires y pointent
    vers le texte même de l'identifiant du compte, au lieu d'une copie par mention : égaux,
    mais en mémoire une seule fois (un gros document mentionne chaque compte dans un ou deux
    groupes). Un groupe lu par le chemin complet (un document fautif) ne partage rien."""
    textes = {u.identifiant: u.identifiant for u in utilisateurs}
    return functools.partial(RAPIDES[Groupe], textes=textes)


def _convention_structure(valeur: object, _: object) -> Convention:
    if type(valeur) is not dict:
        raise erreur_type("un objet JSON (Convention)", valeur)
    types = types_convention()
    fautes: list[ErreurChamp] = [
        ErreurChamp(
            "$" + element_de_chemin(cle) if isinstance(cle, str) else "$",
            erreurs.INCONNUE,
            f"champ inconnu {apercu(cle)} ; champs permis : {', '.join(types)}",
        )
        for cle in valeur
        if cle not in types
    ]
    fautes.extend(
        ErreurChamp(f"$.{nom}", erreurs.MANQUANTE, f"champ obligatoire « {nom} » absent")
        for nom in OBLIGATOIRES_CONVENTION
        if nom not in valeur
    )
    arguments: dict[str, Any] = {}
    for nom, t in types.items():
        if nom not in valeur:
            continue
        if get_origin(t) is list:
            rapide = (
                groupes_partages(arguments["utilisateurs"])
                if nom == "groupes" and "utilisateurs" in arguments and Groupe in RAPIDES
                else None
            )
            arguments[nom] = lire_liste(valeur[nom], get_args(t)[0], f"$.{nom}", fautes, rapide)
            continue
        try:
            arguments[nom] = CONVERTISSEUR.structure(valeur[nom], t)
        except Exception as exc:  # noqa: BLE001 - traduite juste après
            fautes.extend(aplatir(exc, f"$.{nom}"))
    if fautes:
        raise DonneesInvalides(fautes)
    try:
        return Convention(**arguments)
    except DonneesInvalides as exc:
        raise DonneesInvalides(exc.en_erreurs_champ("$")) from None


def _convention_unstructure(convention: Convention) -> dict[str, Any]:
    u = CONVERTISSEUR.unstructure
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
        "journal": [ecrire_evenement(e) for e in convention.journal],
    }


def _politique_structure(valeur: object, _: object) -> Politique:
    if type(valeur) is not dict:
        raise erreur_type("un objet JSON (Politique)", valeur)
    permis = {"inactivite_max": lire_duree, "mots_adresse_service": None}
    fautes: list[ErreurChamp] = [
        ErreurChamp(
            "$" + element_de_chemin(k) if isinstance(k, str) else "$",
            erreurs.INCONNUE,
            f"champ inconnu {apercu(k)} ; champs permis : {', '.join(permis)}",
        )
        for k in valeur
        if k not in permis
    ]
    arguments: dict[str, Any] = {}
    if "inactivite_max" in valeur:
        try:
            arguments["inactivite_max"] = inactivite_permise(
                lire_duree(valeur["inactivite_max"], None)
            )
        except DonneeInvalide as exc:
            fautes.extend(exc.en_erreurs_champ("$.inactivite_max"))
    if "mots_adresse_service" in valeur:
        try:
            arguments["mots_adresse_service"] = CONVERTISSEUR.structure(
                valeur["mots_adresse_service"], frozenset[str]
            )
        except Exception as exc:  # noqa: BLE001 - traduite juste après
            fautes.extend(aplatir(exc, "$.mots_adresse_service"))
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
        "inactivite_max": ecrire_duree(politique.inactivite_max),
        "mots_adresse_service": sorted(politique.mots_adresse_service),
    }


# --- le convertisseur ---------------------------------------------------------------


def _valeur_d_enum(valeur: Enum | None) -> object:
    return None if valeur is None else valeur.value


def _a_la_demande(fabrique: Callable[[], Callable[..., Any]]) -> Callable[..., Any]:
    """La fonction que ``fabrique`` génère, générée au premier appel : cattrs compile une
    fonction par type (une quarantaine), et une lecture n'en sert d'ordinaire que deux ou
    trois ; les générer toutes à l'import coûtait 25 ms à chaque commande."""
    faite: list[Callable[..., Any]] = []

    def appeler(*args: Any) -> Any:
        if not faite:
            faite.append(fabrique())
        return faite[0](*args)

    return appeler


def _creer_convertisseur() -> cattrs.Converter:
    conv = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True)
    conv.register_structure_hook(str, lire_texte)
    conv.register_structure_hook(bool, lire_booleen)
    conv.register_structure_hook(datetime, lire_instant)
    conv.register_unstructure_hook(datetime, ecrire_instant)
    conv.register_structure_hook(timedelta, lire_duree)
    conv.register_unstructure_hook(timedelta, ecrire_duree)
    conv.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, Enum) and t is not ActeurCaf,
        lire_enum,
    )
    conv.register_unstructure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, Enum), lambda e: e.value
    )
    conv.register_structure_hook_func(lambda t: t == Role, lire_role)
    conv.register_structure_hook_func(lambda t: t == Role | None, lire_role_ou_rien)
    conv.register_unstructure_hook_func(lambda t: t in (Role, Role | None), _valeur_d_enum)
    conv.register_structure_hook_func(lambda t: t == Acteur, lire_acteur)
    conv.register_unstructure_hook_func(lambda t: t == Acteur, ecrire_acteur)
    conv.register_structure_hook(AdresseEmail, lecteur_de_texte(AdresseEmail, AdresseEmail.parse))
    conv.register_structure_hook(
        NumeroInstructeur, lecteur_de_texte(NumeroInstructeur, lire_numero_canonique)
    )
    conv.register_structure_hook_func(lambda t: t == tuple[str, ...], lire_tuple_de_textes)
    conv.register_structure_hook(
        MotDePasseTemporaire, lecteur_de_texte(MotDePasseTemporaire, MotDePasseTemporaire.parse)
    )
    for valeur in (AdresseEmail, NumeroInstructeur, MotDePasseTemporaire):
        conv.register_unstructure_hook(valeur, str)
    conv.register_structure_hook_factory(_est_ensemble, _ensemble_structure_factory)
    conv.register_unstructure_hook_factory(_est_ensemble, _ensemble_unstructure_factory)
    for cls in (Utilisateur, Groupe, ConfigurationAfas, *TYPES_EVENEMENTS.values()):
        genere = _a_la_demande(
            functools.partial(make_dict_structure_fn, cls, conv, _cattrs_forbid_extra_keys=True)
        )
        complet = _objet(cls, _sans_type(cls, genere) if issubclass(cls, Evenement) else genere)
        conv.register_structure_hook(cls, rapide_ou(cls, complet) if cls in RAPIDES else complet)
        conv.register_unstructure_hook(
            cls, _a_la_demande(functools.partial(make_dict_unstructure_fn, cls, conv))
        )
    conv.register_structure_hook(Evenement, _evenement_structure)
    conv.register_unstructure_hook(Evenement, ecrire_evenement)
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


CONVERTISSEUR: Final = _creer_convertisseur()
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
