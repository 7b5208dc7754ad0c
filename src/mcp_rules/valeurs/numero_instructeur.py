"""Le numéro d'instructeur RSA, exigé pour le profil T4.

Un agent habilité d'un organisme instructeur du RSA reçoit du Conseil
départemental un numéro d'instructeur. Le guide (« Solutions aux problèmes les
plus fréquents », règles ``MCP-NUM-01`` et ``MCP-NUM-02``) le décompose ainsi :

========  =================================================  ==========
position  partie                                             exemple
========  =================================================  ==========
1–3       code du département (3 caractères)                 ``093``
4         type d'instructeur (1 lettre)                      ``A``
5–7       numéro de commune (3 chiffres)                     ``123``
8–9       agrément, rang d'instructeur ou territoire         ``01``
10–14     cinq zéros, exigés par le système                  ``00000``
========  =================================================  ==========

Les départements permis sont ``001`` à ``095`` (sauf ``020``), ``02A``, ``02B``
et ``971`` à ``976`` (interprétation 7). À la saisie, les espaces, points et
tirets sont retirés et les lettres mises en majuscules ; tout caractère non ASCII
(chiffres pleine chasse, chiffres arabes…) est refusé.

>>> from mcp_rules.valeurs.numero_instructeur import compact, validate, is_valid, format
>>> compact("093 a 123-01.00000")
'093A1230100000'
>>> validate("093a1230100000")
'093A1230100000'
>>> is_valid("093A12301")
False
>>> format("093A1230100000")
'093 A 123 01 00000'

Un numéro sans ses cinq zéros (9 caractères) n'est pas reconnu ; le remède du
guide est de les ajouter, et l'erreur propose le numéro complété :

>>> from mcp_rules import NumeroInstructeur, NumeroInstructeurIncomplet
>>> try:
...     NumeroInstructeur.parse("093A12301")
... except NumeroInstructeurIncomplet as e:
...     print(e.code, e.suggestion)
MCP-NUM-02 093A1230100000
>>> str(NumeroInstructeur.completer("093A12301"))
'093A1230100000'

Toute autre longueur, y compris un numéro qui n'a qu'une partie des zéros, est
une erreur (``MCP-NUM-01``) : on ne devine pas ce que la saisie voulait dire.
Un numéro mal formé nomme la partie fautive :

>>> NumeroInstructeur.parse("099A1230100000")
Traceback (most recent call last):
  ...
mcp_rules.NumeroInstructeurMalForme: [MCP-NUM-01] ... département ...
"""

from __future__ import annotations

import re
from typing import Final, Self

import attrs

from mcp_rules.fondations import erreurs
from mcp_rules.fondations.copie import poseurs
from mcp_rules.fondations.erreurs import DonneeInvalide, apercu

__all__ = [
    "DEPARTEMENTS",
    "SUFFIXE",
    "NumeroInstructeur",
    "NumeroInstructeurIncomplet",
    "NumeroInstructeurMalForme",
    "compact",
    "completer",
    "format",
    "is_valid",
    "validate",
]

SUFFIXE: Final = "00000"
"""Les cinq zéros finaux que le système exige."""

LONGUEUR: Final = 14
LONGUEUR_SANS_SUFFIXE: Final = 9

_SEPARATEURS: Final = str.maketrans("", "", " .-")
_RE_COMMUNE: Final = re.compile(r"[0-9]{3}")
_RE_RANG: Final = re.compile(r"[0-9]{2}")

DEPARTEMENTS: Final[frozenset[str]] = frozenset(
    [f"{n:03d}" for n in range(1, 96) if n != 20]
    + ["02A", "02B"]
    + [str(n) for n in range(971, 977)]
)
"""Les codes de département acceptés (interprétation 7 de rules.md)."""

_PLAGE_DEPARTEMENTS: Final = "001 à 095 sauf 020, 02A, 02B, 971 à 976"


class NumeroInstructeurMalForme(DonneeInvalide):
    """Un numéro d'instructeur refusé (``MCP-NUM-01``) ; ``parties`` nomme les parties fautives."""

    parties: tuple[str, ...]

    def __init__(self, message: str, *, valeur: object, parties: tuple[str, ...]) -> None:
        super().__init__("MCP-NUM-01", message, valeur=valeur)
        self.parties = parties


class NumeroInstructeurIncomplet(DonneeInvalide):
    """Un numéro d'instructeur RSA saisi sans ses cinq zéros finaux (``MCP-NUM-02``).

    ``suggestion`` est le numéro complété, prêt à être enregistré.
    """

    suggestion: NumeroInstructeur

    def __init__(self, message: str, *, valeur: object, suggestion: NumeroInstructeur) -> None:
        super().__init__("MCP-NUM-02", message, valeur=valeur)
        self.suggestion = suggestion


# Montrées sous leur nom public (voir ``fondations.erreurs``).
NumeroInstructeurMalForme.__module__ = "mcp_rules"
NumeroInstructeurIncomplet.__module__ = "mcp_rules"


def compact(numero: object) -> str:
    """Retire espaces, points et tirets et met en majuscules (sans rien valider d'autre).

    >>> compact(" 02b-x 001 99 ")
    '02BX00199'
    """
    if not isinstance(numero, str):
        raise DonneeInvalide(
            erreurs.TYPE,
            f"numéro d'instructeur : un texte est attendu, pas {apercu(numero)}",
            valeur=numero,
        )
    if not numero.isascii():
        fautif = next(c for c in numero if not c.isascii())
        raise NumeroInstructeurMalForme(
            f"numéro d'instructeur {apercu(numero)} : caractère non ASCII {fautif!r} "
            f"(U+{ord(fautif):04X}) ; saisissez des chiffres et lettres ordinaires",
            valeur=numero,
            parties=("caracteres",),
        )
    return numero.translate(_SEPARATEURS).upper()


def _defauts(tete: str) -> list[tuple[str, str]]:
    """Les parties fautives des neuf premiers caractères, avec leur explication."""
    defauts: list[tuple[str, str]] = []
    dep, typ, com, rang = tete[0:3], tete[3:4], tete[4:7], tete[7:9]
    if dep not in DEPARTEMENTS:
        defauts.append(
            (
                "departement",
                f"le code département « {dep} » n'existe pas ({_PLAGE_DEPARTEMENTS})",
            )
        )
    if not ("A" <= typ <= "Z"):
        defauts.append(("type", f"le type d'instructeur « {typ} » doit être une lettre"))
    if not _RE_COMMUNE.fullmatch(com):
        defauts.append(("commune", f"le numéro de commune « {com} » doit compter 3 chiffres"))
    if not _RE_RANG.fullmatch(rang):
        defauts.append(
            ("rang", f"le rang, l'agrément ou le territoire « {rang} » doit compter 2 chiffres")
        )
    return defauts


def _lire(numero: object, *, accepter_incomplet: bool) -> str:
    propre = compact(numero)
    if len(propre) not in (LONGUEUR_SANS_SUFFIXE, LONGUEUR):
        raise NumeroInstructeurMalForme(
            f"numéro d'instructeur {apercu(numero)} : {len(propre)} caractères utiles, il en "
            f"faut {LONGUEUR} (département, type, commune, rang, puis cinq zéros), ou "
            f"{LONGUEUR_SANS_SUFFIXE} si les cinq zéros finaux manquent",
            valeur=numero,
            parties=("longueur",),
        )
    tete, queue = propre[:LONGUEUR_SANS_SUFFIXE], propre[LONGUEUR_SANS_SUFFIXE:]
    defauts = _defauts(tete)
    if queue and queue != SUFFIXE:
        defauts.append(("suffixe", f"les cinq derniers caractères « {queue} » doivent être 00000"))
    if defauts:
        raise NumeroInstructeurMalForme(
            f"numéro d'instructeur {apercu(numero)} mal formé : "
            + " ; ".join(texte for _, texte in defauts),
            valeur=numero,
            parties=tuple(partie for partie, _ in defauts),
        )
    complet = tete + SUFFIXE
    if not queue and not accepter_incomplet:
        raise NumeroInstructeurIncomplet(
            f"numéro d'instructeur {apercu(numero)} incomplet : il manque les cinq zéros "
            f"finaux ; le numéro complet est {complet}",
            valeur=numero,
            suggestion=NumeroInstructeur._depuis_canonique(complet),
        )
    return complet


def validate(numero: object) -> str:
    """Rend la forme canonique de 14 caractères, ou lève :class:`DonneeInvalide`."""
    return _lire(numero, accepter_incomplet=False)


def completer(numero: object) -> str:
    """Comme :func:`validate`, mais complète un numéro saisi sans ses zéros finaux."""
    return _lire(numero, accepter_incomplet=True)


def is_valid(numero: object) -> bool:
    """``True`` si le numéro est complet et bien formé."""
    try:
        validate(numero)
    except DonneeInvalide:
        return False
    return True


def format(numero: object) -> str:  # noqa: A001 - nom usuel des modules d'identifiants
    """La forme lisible, parties séparées par des espaces : ``093 A 123 01 00000``."""
    n = validate(numero)
    return f"{n[0:3]} {n[3]} {n[4:7]} {n[7:9]} {n[9:]}"


@attrs.frozen(slots=True)
class NumeroInstructeur:
    """Un numéro d'instructeur RSA complet ; ``str()`` en donne la forme canonique."""

    departement: str
    type_instructeur: str
    commune: str
    rang: str

    def __attrs_post_init__(self) -> None:
        parties = (self.departement, self.type_instructeur, self.commune, self.rang)
        if not all(isinstance(p, str) for p in parties):
            raise DonneeInvalide(
                erreurs.TYPE,
                "numéro d'instructeur : chaque partie doit être un texte",
                valeur=parties,
            )
        tete = "".join(parties)
        longueurs = tuple(len(p) for p in parties)
        if longueurs != (3, 1, 3, 2) or not tete.isascii():
            raise NumeroInstructeurMalForme(
                "numéro d'instructeur : les parties doivent compter 3, 1, 3 et 2 caractères "
                f"ASCII (reçu {apercu(parties)})",
                valeur=parties,
                parties=("longueur",),
            )
        defauts = _defauts(tete)
        if defauts:
            raise NumeroInstructeurMalForme(
                "numéro d'instructeur mal formé : " + " ; ".join(t for _, t in defauts),
                valeur=parties,
                parties=tuple(p for p, _ in defauts),
            )

    @classmethod
    def _depuis_canonique(cls, n: str) -> Self:
        return cls(departement=n[0:3], type_instructeur=n[3], commune=n[4:7], rang=n[7:9])

    @classmethod
    def parse(cls, texte: object) -> Self:
        """Lit un numéro complet ; s'il manque les zéros finaux : ``NumeroInstructeurIncomplet``."""
        if isinstance(texte, cls):
            return texte
        if type(texte) is str and (numero := cls.canonique(texte)) is not None:
            return numero
        return cls._depuis_canonique(validate(texte))

    @classmethod
    def canonique(cls, texte: str) -> Self | None:
        """Le numéro d'un texte écrit sous sa forme canonique (14 caractères, sans
        séparateur ni minuscule) ; ``None`` pour tout autre texte, que :meth:`parse` lit
        ou refuse en expliquant pourquoi.

        Le cas d'un document écrit par la bibliothèque, lu sans le valider deux fois :
        une expression dit la forme de chaque partie, la table des départements le reste.

        >>> NumeroInstructeur.canonique("093A1230100000")
        NumeroInstructeur(departement='093', type_instructeur='A', commune='123', rang='01')
        >>> NumeroInstructeur.canonique("093 A 123 01 00000") is None
        True
        """
        lu = _CANONIQUE.fullmatch(texte)
        if lu is None or lu[1] not in DEPARTEMENTS:
            return None
        numero = object.__new__(cls)
        poser_departement, poser_type, poser_commune, poser_rang = _POSEURS
        poser_departement(numero, lu[1])
        poser_type(numero, lu[2])
        poser_commune(numero, lu[3])
        poser_rang(numero, lu[4])
        return numero

    @classmethod
    def completer(cls, texte: object) -> Self:
        """Lit un numéro, complet ou saisi sans ses zéros finaux, et le rend complet."""
        if isinstance(texte, cls):
            return texte
        return cls._depuis_canonique(completer(texte))

    def __str__(self) -> str:
        return f"{self.departement}{self.type_instructeur}{self.commune}{self.rang}{SUFFIXE}"

    def format(self) -> str:
        """La forme lisible : ``093 A 123 01 00000``."""
        return format(str(self))


_CANONIQUE: Final = re.compile(r"([0-9]{2}[0-9AB])([A-Z])([0-9]{3})([0-9]{2})00000")
"""La forme canonique : département (la table dit lesquels existent), type, commune, rang,
puis les cinq zéros ; en ASCII (``[0-9]``, pas ``\\d``)."""
_POSEURS: Final = poseurs(NumeroInstructeur)
"""L'écriture de chaque partie, dans l'ordre des champs (:meth:`NumeroInstructeur.canonique`)."""
