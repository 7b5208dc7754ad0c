"""L'adresse électronique d'un compte, vérifiée **sans aucune requête réseau**.

La syntaxe est contrôlée par email-validator, toujours avec
``check_deliverability=False`` : le défaut de ce paquet interroge le DNS, ce que
la bibliothèque ne fait jamais (pas d'entrée-sortie). Tout passe par
:func:`valider_adresse`, seul point d'appel du paquet.

Les adresses sont ASCII : un caractère non ASCII, même s'il ressemble à une lettre
latine, est refusé (deux comptes ne doivent pas pouvoir se distinguer par un
caractère invisible à l'œil, ``MCP-USR-03``). Un domaine internationalisé saisi
en punycode (``xn--…``) est accepté et **reste** en punycode : la forme gardée,
celle que ``str()`` rend et que le JSON écrit, est toujours ASCII et se relit.

email-validator n'est importé qu'à la première adresse vérifiée : ses expressions
régulières, compilées à l'import, sont le plus gros coût d'``import mcp_rules`` qu'un
programme qui ne lit aucune adresse n'a pas à payer.

Une convention répète beaucoup les mêmes domaines : la partie domaine, la plus
coûteuse à vérifier, est vérifiée une fois par domaine et mise en cache ; la
partie locale est vérifiée à chaque fois. Les tests comparent ce chemin rapide à
un appel complet d'email-validator sur des milliers d'adresses.

>>> a = AdresseEmail.parse("Marie.Durand@Mairie-Montreuil.FR")
>>> str(a)
'Marie.Durand@mairie-montreuil.fr'
>>> a.domaine, a.partie_locale
('mairie-montreuil.fr', 'Marie.Durand')
>>> AdresseEmail.parse("marie.durand@")
Traceback (most recent call last):
  ...
mcp_rules.DonneeInvalide: [MCP-DONNEE-EMAIL] adresse électronique ... rien ne suit l'arobase
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Final, Self

import attrs

from mcp_rules.fondations import erreurs
from mcp_rules.fondations.erreurs import DonneeInvalide, apercu

if TYPE_CHECKING:
    from email_validator import EmailNotValidError, validate_email
    from email_validator.rfc_constants import CASE_INSENSITIVE_MAILBOX_NAMES, DOT_ATOM_TEXT
    from email_validator.syntax import validate_email_local_part

__all__ = ["AdresseEmail", "adresse_lue", "valider_adresse"]

LONGUEUR_MAX: Final = 254

_OPTIONS: Final = {
    "check_deliverability": False,  # jamais de DNS : aucune entrée-sortie
    "allow_smtputf8": False,
    "allow_quoted_local": False,
    "allow_domain_literal": False,
    "allow_display_name": False,
    "allow_empty_local": False,
}


_EMAIL_VALIDATOR: Final = (
    "EmailNotValidError",
    "validate_email",
    "CASE_INSENSITIVE_MAILBOX_NAMES",
    "validate_email_local_part",
    "DOT_ATOM_TEXT",
)
"""Les noms d'email-validator que ce module lie à la première adresse vérifiée."""

_charge = False
_LONGUEUR_BOITES = 0
"""La longueur du plus long nom de boîte insensible à la casse (RFC 2142), connue au chargement."""


def _charger_email_validator() -> None:
    """Importe email-validator et lie ses noms dans ce module (une fois)."""
    global EmailNotValidError, validate_email, CASE_INSENSITIVE_MAILBOX_NAMES  # noqa: PLW0603
    global validate_email_local_part, DOT_ATOM_TEXT, _LONGUEUR_BOITES, _charge  # noqa: PLW0603
    # Des imports dans une fonction, exprès : voir la docstring du module.
    from email_validator import EmailNotValidError, validate_email  # noqa: PLC0415
    from email_validator.rfc_constants import (  # noqa: PLC0415
        CASE_INSENSITIVE_MAILBOX_NAMES,
        DOT_ATOM_TEXT,
    )
    from email_validator.syntax import validate_email_local_part  # noqa: PLC0415

    _LONGUEUR_BOITES = max(map(len, CASE_INSENSITIVE_MAILBOX_NAMES))
    _charge = True


if not TYPE_CHECKING:  # caché aux vérificateurs : un nom mal tapé reste une erreur de type

    def __getattr__(nom: str) -> object:
        """Les noms d'email-validator, lus de l'extérieur avant toute adresse (PEP 562)."""
        if nom in _EMAIL_VALIDATOR:
            _charger_email_validator()
            return globals()[nom]
        raise AttributeError(f"module {__name__!r} has no attribute {nom!r}")


def _refus(texte: str, raison: str) -> DonneeInvalide:
    return DonneeInvalide(
        erreurs.EMAIL, f"adresse électronique {apercu(texte)} refusée : {raison}", valeur=texte
    )


_TRADUCTIONS: Final = (
    # Du plus précis au plus général : le premier motif trouvé l'emporte.
    ("full-width", "l'arobase est en pleine chasse (＠) au lieu d'un @ ordinaire"),
    ("small commercial at", "l'arobase est un caractère ressemblant (﹫) au lieu d'un @ ordinaire"),
    ("must have an @-sign", "il manque l'arobase (@)"),
    ("There must be something before the @-sign", "rien ne précède l'arobase"),
    ("There must be something after the @-sign", "rien ne suit l'arobase"),
    ("found after close quote", "des caractères suivent le guillemet fermant"),
    (
        "display name contains invalid characters",
        "le nom affiché contient des caractères interdits",
    ),
    ("open angle bracket", "un chevron ouvrant (<) doit être refermé (>) à la fin"),
    ("anything after the email address", "rien ne doit suivre l'adresse"),
    (
        "A display name and angle brackets",
        "un nom affiché ou des chevrons (<…>) sont refusés : donnez l'adresse seule",
    ),
    ("Quoting the part before the @-sign", "les guillemets avant l'arobase sont refusés"),
    ("too long before the @-sign", "la partie avant l'arobase est trop longue"),
    ("too long after the @-sign", "le domaine est trop long"),
    ("is too long", "l'adresse est trop longue"),
    ("Internationalized characters", "caractère non ASCII avant l'arobase"),
    ("invalid characters in quotes", "caractères interdits entre guillemets"),
    ("unsafe characters", "l'adresse contient des caractères invisibles ou de contrôle"),
    ("not valid ASCII", "l'adresse n'est pas écrite en ASCII"),
    ("cannot start with a period", "l'adresse commence par un point"),
    ("period immediately before the @-sign", "un point précède immédiatement l'arobase"),
    ("period immediately after the @-sign", "un point suit immédiatement l'arobase"),
    ("hyphen immediately after the @-sign", "un tiret suit immédiatement l'arobase"),
    ("cannot end with a period", "l'adresse se termine par un point"),
    ("cannot end with a hyphen", "l'adresse se termine par un tiret"),
    ("two periods in a row", "deux points se suivent"),
    ("a period and a hyphen next to each other", "un point et un tiret se touchent"),
    (
        "two letters followed by two dashes",
        "deux lettres suivies de deux tirets ne sont permises qu'en punycode (xn--)",
    ),
    ("bracket", "une adresse IP entre crochets n'est pas acceptée comme domaine"),
    ("periods cannot be separated by so many", "une partie du domaine dépasse 63 caractères"),
    ("It should have a period", "le domaine doit contenir un point"),
    ("top-level domain", "l'extension du domaine n'est pas valide"),
    ("special-use or reserved name", "le domaine est un nom réservé"),
    (
        "after the @-sign contains invalid characters",
        "le domaine contient des caractères interdits",
    ),
    ("invalid characters after the @-sign", "le domaine contient des caractères interdits"),
    (
        "invalid characters before the @-sign",
        "la partie avant l'arobase contient des caractères interdits",
    ),
    ("contains an invalid character", "l'adresse contient un caractère interdit"),
    ("not valid IDNA", "le domaine n'est pas un nom internationalisé (IDNA) valide"),
    ("became invalid after normalizing", "le domaine n'est plus valide une fois normalisé"),
    ("The part after the @-sign is invalid", "le domaine n'est pas un nom valide"),
)


def _traduire(exc: EmailNotValidError) -> str:
    anglais = str(exc)
    for motif, francais in _TRADUCTIONS:
        if motif in anglais:
            return francais
    return f"syntaxe invalide ({anglais})"


@functools.lru_cache(maxsize=8192)
def _domaine(domaine: str) -> tuple[str, int] | EmailNotValidError:
    """Le domaine vérifié, ou l'erreur d'email-validator (mise en cache elle aussi).

    Rend la forme ASCII du domaine, en minuscules (un domaine saisi en punycode,
    ``xn--…``, reste en punycode : l'adresse gardée est toujours ASCII), et la
    longueur en octets UTF-8 de sa forme internationale, qu'email-validator
    contrôle aussi.
    """
    if not _charge:  # appelée directement, avant toute adresse
        _charger_email_validator()
    try:
        info = validate_email("x@" + domaine, **_OPTIONS)  # type: ignore[arg-type]
    except EmailNotValidError as exc:
        return exc
    return info.ascii_domain, len(info.domain.encode("utf-8"))


def valider_adresse(texte: object) -> str:
    """Vérifie la syntaxe d'une adresse, sans DNS, et rend sa forme normalisée.

    La partie locale est gardée telle quelle (sauf les noms de boîtes que la
    RFC 2142 déclare insensibles à la casse, ``postmaster``…, mis en minuscules
    comme le fait email-validator) ; le domaine est mis en minuscules. Le
    résultat est celui d'un appel complet d'email-validator (``ascii_email``),
    obtenu plus vite.
    """
    if not isinstance(texte, str):
        raise DonneeInvalide(
            erreurs.TYPE,
            f"adresse électronique : un texte est attendu, pas {apercu(texte)}",
            valeur=texte,
        )
    if not _charge:
        _charger_email_validator()
    if not texte.isascii():
        fautif = next(c for c in texte if not c.isascii())
        raise _refus(
            texte,
            f"caractère non ASCII {fautif!r} (U+{ord(fautif):04X}) ; "
            "seules les adresses ASCII sont acceptées",
        )
    if len(texte) > LONGUEUR_MAX:
        raise _refus(texte, f"{len(texte)} caractères, au plus {LONGUEUR_MAX} sont permis")
    locale, arobase, domaine = texte.rpartition("@")
    if not arobase:
        raise _refus(texte, "il manque l'arobase (@)")
    if not locale:
        raise _refus(texte, "rien ne précède l'arobase")
    resultat = _domaine(domaine)
    if isinstance(resultat, EmailNotValidError):
        raise _refus(texte, _traduire(resultat)) from None
    domaine_ascii, octets_domaine_international = resultat
    if (
        # Le cas le plus courant : des lettres et des chiffres (ASCII : le texte l'est)
        # en mots séparés d'un seul point, ce que DOT_ATOM_TEXT accepte, sans l'expression.
        locale.replace(".", "").isalnum()
        and locale[0] != "."
        and locale[-1] != "."
        and ".." not in locale
    ) or DOT_ATOM_TEXT.match(locale) is not None:
        # Le cas courant, que validate_email_local_part accepte tel quel dès ce même motif
        # (tests/valeurs/test_email_validator_interne.py le vérifie) : sans son appel.
        partie_locale = locale
    else:
        try:
            info = validate_email_local_part(locale, allow_smtputf8=False, allow_empty_local=False)
        except EmailNotValidError as exc:
            raise _refus(texte, _traduire(exc)) from None
        partie_locale = info["local_part"]
    if (
        len(partie_locale) <= _LONGUEUR_BOITES  # aucun nom de boîte n'est plus long
        and partie_locale.lower() in CASE_INSENSITIVE_MAILBOX_NAMES  # comme email-validator
    ):
        partie_locale = partie_locale.lower()
    normalisee = f"{partie_locale}@{domaine_ascii}"
    if normalisee == texte:
        normalisee = texte  # le texte reçu est déjà normal : on le garde, sans copie
    longueur = len(normalisee)
    if octets_domaine_international > len(domaine_ascii):
        # La forme internationale du domaine, plus longue que sa forme ASCII, compte aussi.
        longueur += octets_domaine_international - len(domaine_ascii)
    if longueur > LONGUEUR_MAX:
        raise _refus(texte, f"{longueur} caractères, au plus {LONGUEUR_MAX} sont permis")
    return normalisee


@attrs.frozen(slots=True)
class AdresseEmail:
    """Une adresse électronique vérifiée et normalisée ; ``str()`` la rend telle quelle.

    Deux adresses qui ne diffèrent que par la casse sont distinctes comme valeurs
    mais ont la même :attr:`cle` : c'est elle qui sert à repérer deux comptes qui
    partagent une adresse (``MCP-USR-03``).
    """

    valeur: str = attrs.field(converter=valider_adresse)

    @classmethod
    def parse(cls, texte: object) -> Self:
        """Vérifie et normalise une adresse saisie."""
        if isinstance(texte, cls):
            return texte
        if cls is not AdresseEmail:
            return cls(texte)
        return adresse_lue(texte)  # type: ignore[return-value]  # cls est AdresseEmail

    @property
    def cle(self) -> str:
        """La forme de comparaison : toute l'adresse en minuscules."""
        valeur = self.valeur
        return valeur if valeur.islower() else valeur.lower()

    @property
    def partie_locale(self) -> str:
        """Ce qui précède l'arobase."""
        return self.valeur.rpartition("@")[0]

    @property
    def domaine(self) -> str:
        """Ce qui suit l'arobase, en minuscules."""
        return self.valeur.rpartition("@")[2]

    def __str__(self) -> str:
        return self.valeur


_POSER_VALEUR: Final = AdresseEmail.__dict__["valeur"].__set__


def adresse_lue(texte: object) -> AdresseEmail:
    """``AdresseEmail(texte)`` sans le constructeur d'attrs, qui n'ajoute ici qu'un appel :
    le même convertisseur (:func:`valider_adresse`), appelé directement (une lecture de
    document en fait une par compte)."""
    adresse = object.__new__(AdresseEmail)
    _POSER_VALEUR(adresse, valider_adresse(texte))
    return adresse
