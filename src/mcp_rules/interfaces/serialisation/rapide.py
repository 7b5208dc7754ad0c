"""Le chemin rapide de la lecture : un compte ou un groupe bien formé, lu sans cattrs.

Un document de 100 000 comptes en lit 100 000 : la fonction que cattrs génère pour
:class:`~mcp_rules.Utilisateur` (un essai et une note par champ, une recherche du lecteur
de chaque champ facultatif), puis le constructeur (un convertisseur par champ, puis un
contrôle qui revérifie le type de chaque champ) coûtaient plus que tout le reste.

Ici, chaque champ est lu **par la même fonction** que celle que cattrs appelle
(:func:`~mcp_rules.fondations.controles.instant_iso`, ``AdresseEmail.parse``,
``MotDePasseTemporaire.parse``, :func:`lire_numero_canonique`, la table des valeurs d'une
énumération), avec les mêmes contrôles de type et de champs (obligatoires présents,
aucun inconnu, listes de textes sans doublon) ; puis le modèle construit l'objet de ces
valeurs déjà typées et n'en vérifie que ce que les types ne garantissent pas
(``_si_bien_forme``). Au moindre écart, ces lecteurs rendent ``None`` et l'objet est lu
par le chemin complet, qui seul lève : les erreurs, leurs codes, leurs chemins et leurs
messages sont ceux du chemin complet, par construction. Les tests comparent les deux
chemins sur des documents valides et fautifs.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from typing import Any, Final, TypeVar

import attrs
import msgspec

from mcp_rules.fondations.controles import instant_iso
from mcp_rules.fondations.enumerations import Fonction, ProfilT, RoleApplicatif, Service
from mcp_rules.fondations.ramasse_miettes import reprendre
from mcp_rules.interfaces.serialisation.valeurs import ENSEMBLE_VIDE, lire_numero_canonique
from mcp_rules.modele import Groupe, Utilisateur
from mcp_rules.valeurs.adresse_email import adresse_lue
from mcp_rules.valeurs.mot_de_passe import MotDePasseTemporaire

__all__ = [
    "RAPIDES",
    "CompteBrut",
    "comptes_bruts",
    "lire_compte_brut",
    "lire_groupe",
    "lire_utilisateur",
    "rapide_ou",
]

T = TypeVar("T")

_DEFAUTS_COMPTE: Final[dict[str, Any]] = {
    a.name: a.default for a in attrs.fields(Utilisateur) if a.default is not attrs.NOTHING
}
_CHAMPS_COMPTE_ORDRE: Final = tuple(a.name for a in attrs.fields(Utilisateur))
_CHAMPS_COMPTE: Final = frozenset(_CHAMPS_COMPTE_ORDRE)
_OBLIGATOIRES_COMPTE: Final = frozenset(
    a.name for a in attrs.fields(Utilisateur) if a.default is attrs.NOTHING
)
_NOMBRE_CHAMPS_COMPTE: Final = len(_CHAMPS_COMPTE_ORDRE)
_TOUS_LES_CHAMPS: Final = operator.itemgetter(*_CHAMPS_COMPTE_ORDRE)
_DEFAUTS_GROUPE: Final[dict[str, Any]] = {
    a.name: a.default for a in attrs.fields(Groupe) if a.default is not attrs.NOTHING
}
_CHAMPS_GROUPE: Final = frozenset(a.name for a in attrs.fields(Groupe))

_FONCTIONS: Final = Fonction._value2member_map_
_SERVICES: Final = Service._value2member_map_
_ROLES: Final = {m.value: m for cls in (ProfilT, RoleApplicatif) for m in cls}
_ABSENT: Final = object()
_SI_ABSENT_COMPTE: Final = tuple(
    # fonction et mandats : la valeur par défaut du modèle, posée après la lecture
    _ABSENT if a.name in ("fonction", "mandats") else a.default
    for a in attrs.fields(Utilisateur)
)
"""Ce que vaut chaque champ absent, dans l'ordre des champs (un obligatoire ne manque
jamais ici : :func:`_champs_presents` a vérifié sa présence)."""


def _textes(valeur: object, textes: Mapping[str, str] | None = None) -> frozenset[str] | None:
    """Une liste JSON de textes distincts, en ensemble (vide : l'ensemble vide partagé) ;
    chaque texte remplacé par son égal dans ``textes``, s'il y est."""
    if type(valeur) is not list:
        return None
    if not valeur:
        return ENSEMBLE_VIDE
    for x in valeur:
        if type(x) is not str:
            return None
    ensemble = frozenset(valeur if textes is None else map(textes.get, valeur, valeur))
    return ensemble if len(ensemble) == len(valeur) else None


def lire_utilisateur(valeur: object) -> Utilisateur | None:
    """Le compte d'un objet JSON bien formé ; ``None`` au moindre écart (voir le module)."""
    if type(valeur) is not dict:
        return None
    if len(valeur) == _NOMBRE_CHAMPS_COMPTE:
        # Le cas d'un document écrit par la bibliothèque : chaque champ, d'un seul appel.
        # Quatorze membres qui sont tous des champs : aucun n'est inconnu.
        try:
            champs = _TOUS_LES_CHAMPS(valeur)
        except KeyError:
            return None
    elif (champs := _champs_presents(valeur)) is None:
        return None
    return _compte(*champs)


def _compte(
    identifiant: Any,
    nom: Any,
    prenom: Any,
    email: Any,
    cree_le: Any,
    fonction: Any,
    cloture_le: Any,
    derniere_connexion: Any,
    mot_de_passe: Any,
    personnalise: Any,
    numero: Any,
    code_bailleur: Any,
    diplome_etat: Any,
    mandats: Any,
) -> Utilisateur | None:
    """Le compte des valeurs JSON de ses champs, dans l'ordre des champs (``_ABSENT`` pour
    une fonction ou des mandats absents) ; ``None`` au moindre écart."""
    if (
        type(identifiant) is not str
        or type(nom) is not str
        or type(prenom) is not str
        or type(email) is not str
        or type(personnalise) is not bool
        or (code_bailleur is not None and type(code_bailleur) is not str)
        or (diplome_etat is not None and type(diplome_etat) is not str)
    ):
        return None
    if type(fonction) is str and fonction in _FONCTIONS:
        fonction = _FONCTIONS[fonction]
        if type(fonction) is not Fonction:
            return None
    elif fonction is _ABSENT:
        fonction = _DEFAUTS_COMPTE["fonction"]
    else:
        return None
    if mandats == []:  # le cas courant, sans appel
        mandats = ENSEMBLE_VIDE
    elif mandats is _ABSENT:
        mandats = _DEFAUTS_COMPTE["mandats"]
    elif (mandats := _textes(mandats)) is None:
        return None
    try:
        cree_le = instant_iso(cree_le)
        if cloture_le is not None:
            cloture_le = instant_iso(cloture_le)
        if derniere_connexion is not None:
            derniere_connexion = instant_iso(derniere_connexion)
        if mot_de_passe is not None:
            mot_de_passe = _lire_texte(mot_de_passe, MotDePasseTemporaire.parse)
        if numero is not None:
            numero = _lire_texte(numero, lire_numero_canonique)
        return Utilisateur._si_bien_forme(
            identifiant,
            nom,
            prenom,
            adresse_lue(email),
            cree_le,
            fonction,
            cloture_le,
            derniere_connexion,
            mot_de_passe,
            personnalise,
            numero,
            code_bailleur,
            diplome_etat,
            mandats,
        )
    except Exception:  # noqa: BLE001 - tout défaut se dit par le chemin complet
        return None


class CompteBrut(msgspec.Struct, forbid_unknown_fields=True):
    """Un compte tel que l'écrit la bibliothèque : ses quatorze champs présents, chacun de
    son type JSON (msgspec les vérifie en décodant ; le contenu, :func:`_compte`)."""

    identifiant: str
    nom: str
    prenom: str
    email: str
    cree_le: str
    fonction: str
    cloture_le: str | None
    derniere_connexion: str | None
    mot_de_passe_temporaire: str | None
    mot_de_passe_personnalise: bool
    numero_instructeur: str | None
    code_bailleur: str | None
    diplome_etat: str | None
    mandats: list[str]


_DECODEUR_COMPTES: Final = msgspec.json.Decoder(list[CompteBrut])
_ECHAPPEMENT: Final = re.compile(r"\\.", re.DOTALL)
_CHAMPS_BRUTS: Final = msgspec.structs.fields(CompteBrut)
_TEXTES_PAR_COMPTE: Final = len(_CHAMPS_BRUTS) + sum(c.type is str for c in _CHAMPS_BRUTS)
"""Les textes JSON de tout compte complet : une clé par champ, une valeur par champ texte."""
_CHAMPS_TEXTE_FACULTATIFS: Final = operator.attrgetter(
    *(c.name for c in _CHAMPS_BRUTS if c.type == (str | None))
)


def comptes_bruts(morceau: str, texte: str) -> list[CompteBrut] | None:
    """Les comptes d'une liste JSON (``morceau``, le ``texte`` de ses éléments entre
    crochets), décodés par msgspec ; ``None`` si l'un d'eux quitte ce chemin (un champ
    absent, inconnu, d'un autre type, du texte que msgspec refuse…) : la liste est alors
    décodée par le décodeur complet, qui voit tout.

    msgspec garde sans rien dire la dernière valeur d'un membre en double (son ticket
    648) ; le chemin complet le refuse. Chaque compte décodé a ses quatorze champs et
    aucun autre ; le texte a donc exactement 14 clés par compte s'il n'a aucun doublon,
    et un doublon y ajoute au moins une clé. Les textes JSON du morceau, une fois ôtés
    les échappements (``\\"`` n'est pas un guillemet qui ferme), se comptent à leurs
    guillemets : il en faut exactement deux par clé et par valeur texte décodée.
    """
    try:
        comptes = _DECODEUR_COMPTES.decode(morceau)
    except Exception:  # noqa: BLE001 - tout écart se lit par le décodeur complet
        return None
    attendus = 0
    for c in comptes:
        attendus += _TEXTES_PAR_COMPTE + len(c.mandats)
        for v in _CHAMPS_TEXTE_FACULTATIFS(c):
            if v is not None:
                attendus += 1
    sans_echappements = _ECHAPPEMENT.sub("", texte) if "\\" in texte else texte
    if sans_echappements.count('"') != 2 * attendus:
        return None  # un membre en double (ou plus) : le décodeur complet le verra
    return comptes


def lire_compte_brut(brut: CompteBrut, partages: dict[object, Any]) -> Utilisateur | None:
    """Le compte d'un :class:`CompteBrut` ; ``None`` au moindre écart (voir le module). Les
    noms, prénoms et diplômes égaux partagent un seul texte (``partages``)."""
    nom, prenom, diplome = brut.nom, brut.prenom, brut.diplome_etat
    return _compte(
        brut.identifiant,
        partages.setdefault(nom, nom),
        partages.setdefault(prenom, prenom),
        brut.email,
        brut.cree_le,
        brut.fonction,
        brut.cloture_le,
        brut.derniere_connexion,
        brut.mot_de_passe_temporaire,
        brut.mot_de_passe_personnalise,
        brut.numero_instructeur,
        brut.code_bailleur,
        diplome if diplome is None else partages.setdefault(diplome, diplome),
        brut.mandats,
    )


def _champs_presents(valeur: dict[str, Any]) -> tuple[Any, ...] | None:
    """Les champs d'un compte dont des facultatifs manquent, dans l'ordre des champs (un
    absent : sa valeur par défaut, ou ``_ABSENT`` pour fonction et mandats) ; ``None`` si
    un obligatoire manque ou si un membre est inconnu."""
    if not (_OBLIGATOIRES_COMPTE <= valeur.keys() <= _CHAMPS_COMPTE):
        return None
    return tuple(map(valeur.get, _CHAMPS_COMPTE_ORDRE, _SI_ABSENT_COMPTE))


def lire_groupe(valeur: object, textes: Mapping[str, str] | None = None) -> Groupe | None:
    """Le groupe d'un objet JSON bien formé ; ``None`` au moindre écart (voir le module).

    ``textes`` : les identifiants des comptes déjà lus, pour que membres et gestionnaire
    pointent vers ces textes mêmes plutôt que vers des copies égales.
    """
    if type(valeur) is not dict or not _CHAMPS_GROUPE.issuperset(valeur):
        return None
    try:
        code = valeur["code"]
        libelle = valeur["libelle"]
        service = valeur["service"]
        gestionnaire = valeur["gestionnaire"]
    except KeyError:
        return None
    if (
        type(code) is not str
        or type(libelle) is not str
        or type(gestionnaire) is not str
        or type(service) is not str
        or type(service := _SERVICES.get(service)) is not Service
    ):
        return None
    lire = valeur.get
    role = lire("role")
    if role is not None and (type(role) is not str or (role := _ROLES.get(role)) is None):
        return None
    membres = lire("membres", _ABSENT)
    if membres is _ABSENT:
        membres = _DEFAUTS_GROUPE["membres"]
    elif (membres := _textes(membres, textes)) is None:
        return None
    if textes is not None:
        gestionnaire = textes.get(gestionnaire, gestionnaire)
    parent = lire("parent")
    if parent is not None and type(parent) is not str:
        return None
    return Groupe._si_bien_forme(code, libelle, service, gestionnaire, role, membres, parent)


class _Ecart(Exception):
    """Une valeur hors du chemin rapide (rattrapée par :func:`lire_utilisateur`)."""


def _lire_texte(valeur: object, lire: Callable[[str], T]) -> T:
    """Comme ``lecteur_de_texte`` du chemin complet : un texte, lu par ``lire``."""
    if type(valeur) is not str:
        raise _Ecart
    return lire(valeur)


RAPIDES: Final[dict[type[Any], Callable[..., Any]]] = {
    Utilisateur: lire_utilisateur,
    Groupe: lire_groupe,
}
"""Les types lus d'abord par leur chemin rapide. Vidée (les tests comparent les deux
chemins), tout passe par le chemin complet."""


def rapide_ou(
    cls: type[Any], complet: Callable[[object, object], Any]
) -> Callable[[object, object], Any]:
    """Le chemin rapide de ``cls`` (:data:`RAPIDES`), sinon ``complet``, le chemin complet,
    qui seul dit les défauts (et crée des cycles : le ramasse-miettes reprend, voir
    :mod:`~mcp_rules.fondations.ramasse_miettes`)."""

    def structurer(valeur: object, t: object) -> Any:
        rapide = RAPIDES.get(cls)
        lu = None if rapide is None else rapide(valeur)
        if lu is not None:
            return lu
        reprendre()
        return complet(valeur, t)

    return structurer
