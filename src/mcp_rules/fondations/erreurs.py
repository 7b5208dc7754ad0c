"""Les erreurs de données : ce qui est refusé *avant* toute règle métier.

La bibliothèque distingue deux couches (voir ``api.md``) :

1. la **structure** (types, formats, références) est vérifiée à la construction
   d'un objet ou à la lecture d'un document JSON ; un défaut lève
   :class:`DonneeInvalide`, une :class:`ValueError` qui porte un **code stable**,
   un message en français et la valeur ou le chemin fautifs ;
2. les **règles** du guide ne lèvent jamais : elles donnent des constats.

Les codes de structure sont ceux de :data:`CODES_DONNEES` ; les défauts d'un
numéro d'instructeur portent les codes des règles ``MCP-NUM-01`` et ``MCP-NUM-02`` (leurs
classes, :class:`~mcp_rules.NumeroInstructeurIncomplet` et
:class:`~mcp_rules.NumeroInstructeurMalForme`, vivent avec le numéro, dans
:mod:`mcp_rules.valeurs.numero_instructeur`).

Couche 1 (fondations) : ce module n'importe rien du paquet.
"""

from __future__ import annotations

import re
import reprlib
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, Final

import attrs

__all__ = [
    "CODES_DONNEES",
    "Collecteur",
    "DonneeInvalide",
    "DonneesInvalides",
    "ErreurChamp",
    "apercu",
    "element_de_chemin",
    "joindre_chemin",
    "lire_chemin",
    "valeur_courte",
]

TYPE: Final = "MCP-DONNEE-TYPE"
MANQUANTE: Final = "MCP-DONNEE-MANQUANTE"
INCONNUE: Final = "MCP-DONNEE-INCONNUE"
VALEUR: Final = "MCP-DONNEE-VALEUR"
TEXTE: Final = "MCP-DONNEE-TEXTE"
IDENTIFIANT: Final = "MCP-DONNEE-IDENTIFIANT"
EMAIL: Final = "MCP-DONNEE-EMAIL"
INSTANT: Final = "MCP-DONNEE-INSTANT"
DUREE: Final = "MCP-DONNEE-DUREE"
CHRONOLOGIE: Final = "MCP-DONNEE-CHRONOLOGIE"
REFERENCE: Final = "MCP-DONNEE-REFERENCE"
DOUBLON: Final = "MCP-DONNEE-DOUBLON"
JSON: Final = "MCP-DONNEE-JSON"
FICHIER: Final = "MCP-DONNEE-FICHIER"
DONNEES: Final = "MCP-DONNEES"

CODES_DONNEES: Final[Mapping[str, str]] = MappingProxyType(
    {
        TYPE: "La valeur n'a pas le type attendu (texte, nombre, booléen, liste, objet…).",
        MANQUANTE: "Un champ obligatoire est absent.",
        INCONNUE: "Un champ ou un type inconnu a été fourni.",
        VALEUR: "La valeur ne fait pas partie des valeurs permises.",
        TEXTE: "Le texte est vide, trop long ou contient des caractères interdits.",
        IDENTIFIANT: "L'identifiant ou le code ne respecte pas le format ASCII permis.",
        EMAIL: "L'adresse électronique est mal formée.",
        INSTANT: "L'instant est mal formé ou n'indique pas son fuseau horaire.",
        DUREE: "La durée est mal formée ou négative.",
        CHRONOLOGIE: "L'instant d'une commande précède le dernier événement du journal : le "
        "journal ne remonte pas le temps.",
        REFERENCE: "Un identifiant ou un code désigne un objet qui n'existe pas.",
        DOUBLON: "Un identifiant ou un code apparaît deux fois.",
        JSON: "Le texte n'est pas un document JSON valide.",
        FICHIER: "Le fichier est introuvable, illisible ou n'est pas un texte UTF-8, ou le "
        "dossier donné ne contient aucun fichier de convention.",
        DONNEES: "Plusieurs erreurs ont été trouvées ; la liste est dans « erreurs ».",
        "MCP-NUM-01": "Le numéro d'instructeur RSA est mal formé.",
        "MCP-NUM-02": "Le numéro d'instructeur RSA est incomplet (cinq zéros manquent).",
    }
)

_ABSENT: Final = object()


_COURT: Final = reprlib.Repr()
_COURT.maxlevel = 3
_COURT.maxlist = _COURT.maxtuple = _COURT.maxset = _COURT.maxfrozenset = 8
_COURT.maxdict = 6
_COURT.maxstring = _COURT.maxother = 60


def apercu(valeur: object, limite: int = 60) -> str:
    """Une représentation courte et sûre d'une valeur fautive, pour les messages."""
    try:
        # Mesurer avant de lire : d'un texte de dix millions de caractères ou d'une liste
        # d'un million d'éléments, seul le début est représenté.
        if isinstance(valeur, (str, bytes, bytearray)) and len(valeur) > limite:
            texte = repr(valeur[:limite]) + "…"
        elif isinstance(valeur, (list, tuple, dict, set, frozenset)):
            texte = _COURT.repr(valeur)
        else:
            texte = repr(valeur)
    except Exception:  # noqa: BLE001 - un repr hostile ne doit pas masquer l'erreur
        texte = f"<{type(valeur).__name__}>"
    if len(texte) > limite:
        texte = texte[: limite - 1] + "…"
    return texte


class DonneeInvalide(ValueError):
    """Une donnée refusée : code stable, message en français, valeur et chemin fautifs.

    >>> e = DonneeInvalide("MCP-DONNEE-TYPE", "un texte est attendu", valeur=3)
    >>> e.code, e.message, e.valeur
    ('MCP-DONNEE-TYPE', 'un texte est attendu', 3)
    >>> str(e)
    '[MCP-DONNEE-TYPE] un texte est attendu'
    >>> isinstance(e, ValueError)
    True
    """

    code: str
    message: str
    valeur: object
    chemin: str | None

    def __init__(
        self,
        code: str,
        message: str,
        *,
        valeur: object = _ABSENT,
        chemin: str | None = None,
    ) -> None:
        super().__init__(code, message)
        self.code = code
        self.message = message
        self.valeur = None if valeur is _ABSENT else valeur
        self._a_valeur = valeur is not _ABSENT
        self.chemin = chemin

    def __str__(self) -> str:
        lieu = f" (à {self.chemin})" if self.chemin else ""
        return f"[{self.code}] {self.message}{lieu}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, {self.message!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        # Les sous-classes ont d'autres signatures : on restaure l'état tel quel.
        return (_reconstruire, (type(self), self.args, dict(self.__dict__)))

    def en_erreurs_champ(self, prefixe: str = "$") -> tuple[ErreurChamp, ...]:
        """Cette erreur vue comme une liste d'erreurs de champ, chemins préfixés."""
        valeur = None if self.valeur is None and not self._a_valeur else valeur_courte(self.valeur)
        return (ErreurChamp(joindre_chemin(prefixe, self.chemin), self.code, self.message, valeur),)


def _reconstruire(
    cls: type[DonneeInvalide], args: tuple[object, ...], etat: dict[str, Any]
) -> DonneeInvalide:
    erreur = cls.__new__(cls)
    erreur.args = args
    erreur.__dict__.update(etat)
    return erreur


def joindre_chemin(prefixe: str, chemin: str | None) -> str:
    """Joint un préfixe de chemin JSON (``$.groupes[2]``) et un chemin relatif."""
    if not chemin or chemin == "$":
        return prefixe
    chemin = chemin.removeprefix("$")
    if chemin.startswith(("[", ".")):
        return prefixe + chemin
    return f"{prefixe}.{chemin}"


_NOM_SIMPLE: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ECHAPPEMENTS: Final = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def element_de_chemin(cle: str | int) -> str:
    """Le pas de chemin JSON vers ``cle`` : ``[2]`` pour un rang, ``.nom`` pour un nom
    simple, ``["a.b"]`` (texte JSON) pour tout autre nom, pour que le chemin se relise sans
    ambiguïté (:attr:`ErreurChamp.loc`)."""
    if isinstance(cle, int) and not isinstance(cle, bool):
        # Un rang de liste JSON tient toujours dans les 4 300 chiffres que Python écrit.
        return f"[{cle}]" if cle.bit_length() < 13_000 else '["rang hors limite"]'
    cle = str(cle)
    if _NOM_SIMPLE.fullmatch(cle):
        return f".{cle}"
    echappe = "".join(
        _ECHAPPEMENTS.get(c) or (f"\\u{ord(c):04x}" if ord(c) < 0x20 else c) for c in cle
    )
    return f'["{echappe}"]'


_PAS: Final = re.compile(r'\.([A-Za-z_][A-Za-z0-9_]*)|\[(-?[0-9]+)\]|\["((?:[^"\\]|\\.)*)"\]')
_LIRE_ECHAPPEMENT: Final = re.compile(r"\\(u[0-9a-fA-F]{4}|.)")
_SENS: Final = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", "/": "/"}


def _desechapper(texte: str) -> str:
    def un(m: re.Match[str]) -> str:
        e = m.group(1)
        return chr(int(e[1:], 16)) if e.startswith("u") and len(e) == 5 else _SENS.get(e, e)

    resultat = _LIRE_ECHAPPEMENT.sub(un, texte)
    # Une paire de substitution (\ud83d\ude00) : le caractère qu'elle code.
    return resultat.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def lire_chemin(chemin: str) -> tuple[str | int, ...]:
    """Les pas d'un chemin JSON (``$.groupes[2]["a.b"]`` → ``("groupes", 2, "a.b")``) ; un
    chemin qui ne suit pas cette forme rend ``(chemin,)``, sans jamais lever."""
    if not chemin.startswith("$"):
        return (chemin,)
    pas: list[str | int] = []
    position = 1
    while position < len(chemin):
        m = _PAS.match(chemin, position)
        if m is None:
            return (chemin,)
        nom, rang, texte = m.groups()
        if rang is not None and len(rang) > 4000:  # au-delà, int() refuse de lire
            return (chemin,)
        pas.append(
            nom if nom is not None else int(rang) if rang is not None else _desechapper(texte)
        )
        position = m.end()
    return tuple(pas)


def _chemin_json(chemin: object) -> str:
    """Un chemin relatif (``groupes[2].code``, celui d'un constructeur) écrit comme ceux de
    la lecture JSON (``$.groupes[2].code``) : une seule forme partout."""
    if not isinstance(chemin, str):
        return str(chemin)
    return chemin if chemin.startswith("$") else joindre_chemin("$", chemin)


def valeur_courte(valeur: object, limite: int = 60) -> str | None:
    """La valeur fautive, courte et sûre pour un message ou une réponse HTTP : un texte
    tel quel (coupé après ``limite`` caractères, suivi de « … »), toute autre valeur par
    son aperçu (``3``, ``None``, ``[1, 2]``)."""
    if isinstance(valeur, str):
        return valeur if len(valeur) <= limite else valeur[:limite] + "…"
    return apercu(valeur, limite)


def _valeur_ou_rien(valeur: object) -> str | None:
    return None if valeur is None else valeur_courte(valeur)


@attrs.frozen(slots=True)
class ErreurChamp:
    """Un problème d'un document, à son chemin JSON (``$.groupes[2].service``).

    Le chemin a la même forme que l'erreur vienne de la lecture d'un document ou de la
    construction d'un objet ; :attr:`loc` le rend en tuple (comme le ``loc`` de pydantic),
    et ``valeur`` montre la valeur fautive, courte, quand elle est connue (``None`` sinon :
    un champ absent, par exemple). ``valeur`` n'entre pas dans l'égalité.

    >>> e = ErreurChamp("groupes[2].code", "MCP-DONNEE-IDENTIFIANT", "…", valeur="T1 AS")
    >>> e.chemin, e.loc, e.valeur
    ('$.groupes[2].code', ('groupes', 2, 'code'), 'T1 AS')
    """

    chemin: str = attrs.field(converter=_chemin_json)
    code: str
    message: str
    valeur: str | None = attrs.field(default=None, eq=False, converter=_valeur_ou_rien)

    @property
    def loc(self) -> tuple[str | int, ...]:
        """Le chemin en pas successifs : noms des membres et rangs dans les listes."""
        return lire_chemin(self.chemin)

    def __str__(self) -> str:
        return f"{self.chemin} : [{self.code}] {self.message}"


class DonneesInvalides(DonneeInvalide):
    """Plusieurs problèmes trouvés ensemble ; ``erreurs`` les liste tous, dans l'ordre.

    >>> e = DonneesInvalides([ErreurChamp("$.code", "MCP-DONNEE-TYPE", "un texte est attendu")])
    >>> e.erreurs[0].chemin
    '$.code'
    >>> print(e)
    [MCP-DONNEES] 1 erreur dans les données :
      - $.code : [MCP-DONNEE-TYPE] un texte est attendu
    """

    erreurs: tuple[ErreurChamp, ...]

    def __init__(self, erreurs: Iterable[ErreurChamp], *, valeur: object = _ABSENT) -> None:
        self.erreurs = tuple(erreurs)
        n = len(self.erreurs)
        message = f"{n} erreur{'s' if n > 1 else ''} dans les données"
        super().__init__(DONNEES, message, valeur=valeur)

    def __str__(self) -> str:
        lignes = [f"[{self.code}] {self.message} :"]
        lignes.extend(f"  - {e}" for e in self.erreurs)
        return "\n".join(lignes)

    def en_erreurs_champ(self, prefixe: str = "$") -> tuple[ErreurChamp, ...]:
        return tuple(
            ErreurChamp(joindre_chemin(prefixe, e.chemin), e.code, e.message, e.valeur)
            for e in self.erreurs
        )


class Collecteur:
    """Accumule les erreurs de champ d'un objet pour les lever toutes ensemble."""

    __slots__ = ("erreurs",)

    def __init__(self) -> None:
        self.erreurs: list[ErreurChamp] = []

    def ajouter(self, chemin: str, code: str, message: str, valeur: object = _ABSENT) -> None:
        courte = None if valeur is _ABSENT else valeur_courte(valeur)
        self.erreurs.append(ErreurChamp(chemin, code, message, courte))

    def absorber(self, chemin: str, erreur: DonneeInvalide) -> None:
        self.erreurs.extend(erreur.en_erreurs_champ(chemin))

    def lever(self) -> None:
        if self.erreurs:
            raise DonneesInvalides(self.erreurs)


# Les erreurs se montrent sous le nom par lequel on les importe (``mcp_rules.DonneeInvalide``,
# dans une trace comme à la sérialisation par pickle), pas sous leur module de définition.
for _classe in (DonneeInvalide, DonneesInvalides, ErreurChamp):
    _classe.__module__ = "mcp_rules"
del _classe
