"""Les valeurs simples en JSON : textes, booléens, instants, durées, énumérations, acteurs.

Chaque lecture est stricte (aucun ``"false"`` lu comme un booléen, aucun instant sans
fuseau) et lève une :class:`~mcp_rules.DonneeInvalide` au message français ; chaque
écriture donne la forme canonique que la lecture accepte.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from enum import Enum
from typing import Any, Final, TypeVar

from cattrs.errors import IterableValidationError, IterableValidationNote

from mcp_rules.fondations import controles, erreurs
from mcp_rules.fondations.acteurs import CAF, Acteur, ActeurCaf
from mcp_rules.fondations.enumerations import ProfilT, Role, RoleApplicatif
from mcp_rules.fondations.erreurs import DonneeInvalide, apercu
from mcp_rules.valeurs.numero_instructeur import NumeroInstructeur

T = TypeVar("T")

ENSEMBLE_VIDE: Final[frozenset[Any]] = frozenset()

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


def nature(valeur: object) -> str:
    """Ce qu'est une valeur JSON reçue, pour les messages (« un texte ("x") »)."""
    genre = _JSON_TYPES.get(type(valeur))
    return f"{genre} ({apercu(valeur)})" if genre else apercu(valeur)


def erreur_type(attendu: str, valeur: object) -> DonneeInvalide:
    return DonneeInvalide(
        erreurs.TYPE, f"attendu : {attendu} ; reçu : {nature(valeur)}", valeur=valeur
    )


# --- valeurs simples ----------------------------------------------------------------


def lire_texte(valeur: object, _: object) -> str:
    if type(valeur) is str:
        return valeur
    raise erreur_type("un texte", valeur)


def lire_booleen(valeur: object, _: object) -> bool:
    if type(valeur) is bool:
        return valeur
    raise erreur_type("un booléen (true ou false)", valeur)


def lire_instant(valeur: object, _: object) -> datetime:
    return controles.instant_iso(valeur)


def ecrire_instant(valeur: datetime) -> str:
    return valeur.isoformat()


RE_DUREE: Final = re.compile(
    r"P(?:(?P<j>[0-9]{1,9})D)?(?:T(?:(?P<h>[0-9]{1,11})H)?(?:(?P<m>[0-9]{1,12})M)?"
    r"(?:(?P<s>[0-9]{1,14})(?:\.(?P<us>[0-9]{1,6}))?S)?)?"
)


def lire_duree(valeur: object, _: object) -> timedelta:
    if type(valeur) is not str:
        raise erreur_type("une durée ISO 8601 (texte, par exemple « P90D »)", valeur)
    lu = RE_DUREE.fullmatch(valeur) if valeur.isascii() else None
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
    return controles.duree(duree, "durée")


def ecrire_duree(duree: timedelta) -> str:
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


def lire_enum(valeur: object, cls: type[Enum]) -> Enum:
    if type(valeur) is not str:
        raise erreur_type(f"un texte parmi {', '.join(str(m.value) for m in cls)}", valeur)
    membre = cls._value2member_map_.get(valeur)
    if membre is None or type(membre) is not cls:
        raise DonneeInvalide(
            erreurs.VALEUR,
            f"valeur inconnue {apercu(valeur)} ; valeurs permises : "
            + ", ".join(str(m.value) for m in cls),
            valeur=valeur,
        )
    return membre


_ROLES: Final = {m.value: m for cls in (ProfilT, RoleApplicatif) for m in cls}


def lire_role(valeur: object, _: object) -> Role:
    """Un rôle de groupe : la valeur exacte d'un profil T ou d'un rôle applicatif."""
    if type(valeur) is not str:
        raise erreur_type("un texte (un profil T1 à T10, ADONIS ou OFFRE_BAILLEURS)", valeur)
    role = _ROLES.get(valeur)
    if role is None:
        raise DonneeInvalide(
            erreurs.VALEUR,
            f"rôle inconnu {apercu(valeur)} ; rôles permis : " + ", ".join(_ROLES),
            valeur=valeur,
        )
    return role


def lire_role_ou_rien(valeur: object, t: object) -> Role | None:
    return None if valeur is None else lire_role(valeur, t)


def lire_numero_canonique(texte: str) -> NumeroInstructeur:
    """En JSON, le numéro s'écrit sous sa forme canonique de 14 caractères, rien d'autre."""
    if type(texte) is str and (numero := NumeroInstructeur.canonique(texte)) is not None:
        return numero  # le cas d'un document écrit par la bibliothèque
    numero = NumeroInstructeur.parse(texte)
    if str(numero) != texte:
        raise DonneeInvalide(
            "MCP-NUM-01",
            f"numéro d'instructeur {apercu(texte)} : en JSON, la forme canonique est attendue "
            f"({numero}), sans espace, point, tiret ni minuscule",
            valeur=texte,
        )
    return numero


def lire_tuple_de_textes(valeur: object, _: object) -> tuple[str, ...]:
    if type(valeur) is not list:
        raise erreur_type("une liste de textes", valeur)
    fautes = []
    for i, x in enumerate(valeur):
        if type(x) is not str:
            erreur = erreur_type("un texte", x)
            erreur.__notes__ = [note_indice(i, str)]
            fautes.append(erreur)
    if fautes:
        raise IterableValidationError("liste invalide", fautes, tuple)
    return tuple(valeur)


def lire_acteur(valeur: object, _: object) -> Acteur:
    if valeur == CAF_JSON:
        return CAF
    return controles.identifiant(valeur, "acteur")


def ecrire_acteur(acteur: Acteur) -> str:
    return CAF_JSON if isinstance(acteur, ActeurCaf) else acteur


def lecteur_de_texte(cls: type[T], lire: Callable[[str], T]) -> Callable[[object, object], T]:
    def structurer(valeur: object, _: object) -> T:
        if type(valeur) is not str:
            raise erreur_type(f"un texte ({cls.__name__})", valeur)
        return lire(valeur)

    return structurer


def cle_tri(valeur: object) -> tuple[str, str]:
    texte = valeur.value if isinstance(valeur, Enum) else str(valeur)
    return (texte.lower(), texte)


def note_indice(i: int, t: Any) -> Any:
    return IterableValidationNote(f"élément {i}", i, t)
