"""L'adresse électronique d'un compte, vérifiée **sans aucune requête réseau**.

La syntaxe est contrôlée par email-validator, toujours avec
``check_deliverability=False`` : le défaut de ce paquet interroge le DNS, ce que
la bibliothèque ne fait jamais (pas d'entrée-sortie). Tout passe par
:func:`valider_adresse`, seul point d'appel du paquet.

Les adresses sont ASCII : un caractère non ASCII, même s'il ressemble à une lettre
latine, est refusé (deux comptes ne doivent pas pouvoir se distinguer par un
caractère invisible à l'œil, ``MCP-USR-03``).

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
mcp_rules.erreurs.DonneeInvalide: [MCP-DONNEE-EMAIL] adresse électronique ... rien ne suit l'arobase
"""

from __future__ import annotations

import functools
from typing import Final, Self

import attrs
from email_validator import EmailNotValidError, validate_email
from email_validator.rfc_constants import CASE_INSENSITIVE_MAILBOX_NAMES
from email_validator.syntax import validate_email_local_part

from mcp_rules import erreurs
from mcp_rules.erreurs import DonneeInvalide, apercu

__all__ = ["AdresseEmail", "valider_adresse"]

LONGUEUR_MAX: Final = 254
LONGUEUR_LOCALE_MAX: Final = 64

_OPTIONS: Final = {
    "check_deliverability": False,  # jamais de DNS : aucune entrée-sortie
    "allow_smtputf8": False,
    "allow_quoted_local": False,
    "allow_domain_literal": False,
    "allow_display_name": False,
    "allow_empty_local": False,
}


def _refus(texte: str, raison: str) -> DonneeInvalide:
    return DonneeInvalide(
        erreurs.EMAIL, f"adresse électronique {apercu(texte)} refusée : {raison}", valeur=texte
    )


_TRADUCTIONS: Final = (
    ("There must be something after the @-sign", "rien ne suit l'arobase"),
    ("There must be something before the @-sign", "rien ne précède l'arobase"),
    ("An email address must have an @-sign", "il manque l'arobase (@)"),
    (
        "The part after the @-sign is not valid. It should have a period",
        "le domaine doit contenir un point",
    ),
    ("is a special-use or reserved name", "le domaine est un nom réservé"),
    ("is too long", "l'adresse ou l'une de ses parties est trop longue"),
    (
        "An email address cannot have a period immediately after the @-sign",
        "un point suit immédiatement l'arobase",
    ),
    ("An email address cannot end with a period", "l'adresse se termine par un point"),
    ("An email address cannot have two periods in a row", "deux points se suivent"),
    ("An email address cannot start with a period", "l'adresse commence par un point"),
    (
        "An email address cannot have a hyphen immediately after the @-sign",
        "un tiret suit immédiatement l'arobase",
    ),
    ("cannot end with a hyphen", "une partie du domaine se termine par un tiret"),
    (
        "The part after the @-sign contains invalid characters",
        "le domaine contient des caractères interdits",
    ),
    (
        "The email address contains invalid characters before the @-sign",
        "la partie avant l'arobase contient des caractères interdits",
    ),
    ("The part after the @-sign is not valid IDNA", "le domaine n'est pas un nom valide"),
    ("is not a valid top-level domain", "l'extension du domaine n'est pas valide"),
)


def _traduire(exc: EmailNotValidError) -> str:
    anglais = str(exc)
    for motif, francais in _TRADUCTIONS:
        if motif in anglais:
            return francais
    return f"syntaxe invalide ({anglais})"


@functools.lru_cache(maxsize=8192)
def _domaine(domaine: str) -> str | EmailNotValidError:
    """Le domaine normalisé, ou l'erreur d'email-validator (mise en cache elle aussi)."""
    try:
        return validate_email("x@" + domaine, **_OPTIONS).domain  # type: ignore[arg-type]
    except EmailNotValidError as exc:
        return exc


def valider_adresse(texte: object) -> str:
    """Vérifie la syntaxe d'une adresse, sans DNS, et rend sa forme normalisée.

    La partie locale est gardée telle quelle ; le domaine est mis en minuscules.
    """
    if not isinstance(texte, str):
        raise DonneeInvalide(
            erreurs.TYPE,
            f"adresse électronique : un texte est attendu, pas {apercu(texte)}",
            valeur=texte,
        )
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
    if len(locale) > LONGUEUR_LOCALE_MAX:
        raise _refus(texte, f"la partie avant l'arobase dépasse {LONGUEUR_LOCALE_MAX} caractères")
    resultat = _domaine(domaine)
    if isinstance(resultat, EmailNotValidError):
        raise _refus(texte, _traduire(resultat)) from None
    try:
        info = validate_email_local_part(locale, allow_smtputf8=False, allow_empty_local=False)
    except EmailNotValidError as exc:
        raise _refus(texte, _traduire(exc)) from None
    partie_locale = info["local_part"]
    if partie_locale.lower() in CASE_INSENSITIVE_MAILBOX_NAMES:  # comme email-validator
        partie_locale = partie_locale.lower()
    normalisee = f"{partie_locale}@{resultat}"
    if len(normalisee) > LONGUEUR_MAX:
        raise _refus(texte, f"{len(normalisee)} caractères, au plus {LONGUEUR_MAX} sont permis")
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
        return cls(texte)

    @property
    def cle(self) -> str:
        """La forme de comparaison : toute l'adresse en minuscules."""
        return self.valeur.lower()

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
