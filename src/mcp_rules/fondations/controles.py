"""Contrôles de structure partagés par les types du domaine (usage interne).

Chaque fonction rend la valeur acceptée (éventuellement normalisée sans perte :
un instant passé en UTC) ou ajoute une erreur au :class:`Collecteur` et rend
``None``. Les objets du domaine appellent ces contrôles pour **tous** leurs champs
puis lèvent une seule :class:`~mcp_rules.DonneesInvalides` : l'appelant
voit tous les problèmes d'un coup, chacun à son chemin.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime, timedelta
from types import MappingProxyType
from typing import Any, Final, TypeVar

from mcp_rules.fondations import erreurs
from mcp_rules.fondations.erreurs import Collecteur, DonneeInvalide, apercu

T = TypeVar("T")

LONGUEUR_IDENTIFIANT: Final = 64
LONGUEUR_NOM: Final = 100
LONGUEUR_LIBELLE: Final = 200

_RE_IDENTIFIANT: Final = re.compile(r"[A-Za-z0-9._-]+")


def _exact(valeur: object) -> object:
    """Une sous-classe de ``str`` devient un ``str`` ordinaire (mêmes caractères)."""
    if isinstance(valeur, str) and type(valeur) is not str:
        return str.__str__(valeur)
    return valeur


def cle(texte: str) -> str:
    """La clé de comparaison d'un identifiant ou d'un code : sa forme en minuscules.

    Les identifiants sont ASCII (interprétation 9), donc ``lower`` suffit et ne
    confond jamais deux caractères qui ne seraient que semblables.
    """
    # islower() ne crée aucun objet : le cas courant (déjà en minuscules) ne coûte rien.
    if texte.islower():
        return texte
    # Un texte non ASCII n'est jamais un identifiant : surtout ne pas le « replier »
    # (le signe kelvin U+212A deviendrait un k et désignerait un vrai compte).
    return texte.lower() if texte.isascii() else texte


def _caractere_interdit(texte: str) -> str | None:
    for c in texte:
        if not c.isprintable():
            try:
                nom = unicodedata.name(c)
            except ValueError:
                nom = "caractère sans nom"
            return f"U+{ord(c):04X} ({nom})"
    return None


def message_identifiant(
    valeur: object, quoi: str, longueur: int = LONGUEUR_IDENTIFIANT
) -> str | None:
    """Le message d'erreur pour un identifiant ou un code refusé, ``None`` s'il est bon."""
    if not isinstance(valeur, str):
        return f"{quoi} : un texte est attendu, pas {apercu(valeur)}"
    if not valeur:
        return f"{quoi} : la valeur est vide"
    if len(valeur) > longueur:
        return f"{quoi} : {len(valeur)} caractères, au plus {longueur} sont permis"
    if valeur.isascii() and _RE_IDENTIFIANT.fullmatch(valeur):
        return None
    fautif = next(c for c in valeur if not (c.isascii() and _RE_IDENTIFIANT.fullmatch(c)))
    if fautif.isspace():
        detail = "une espace ou un blanc"
    elif not fautif.isascii():
        detail = f"le caractère non ASCII {fautif!r} (U+{ord(fautif):04X})"
    else:
        detail = f"le caractère {fautif!r}"
    return (
        f"{quoi} {apercu(valeur)} refusé : il contient {detail} ; seuls les lettres "
        "et chiffres ASCII, le point, le tiret et le soulignement sont permis"
    )


def lecture_seule(valeurs: Mapping[str, Any]) -> Mapping[str, Any]:
    """Une copie en lecture seule d'un dictionnaire d'arguments."""
    return MappingProxyType(dict(valeurs))


def identifiant_valide(valeur: object, longueur: int = LONGUEUR_IDENTIFIANT) -> bool:
    """Test rapide, sans message : ``valeur`` est-il un identifiant permis ?

    Tout ce qui n'est pas un ``str`` donne ``False`` (jamais d'exception) : les
    chemins rapides des objets du domaine l'appellent sur des valeurs non vérifiées.
    """
    # En ASCII, isalnum() ne connaît que [A-Za-z0-9] : le cas courant, sans l'expression.
    return (
        isinstance(valeur, str)
        and len(valeur) <= longueur
        and valeur.isascii()
        and (valeur.isalnum() or _RE_IDENTIFIANT.fullmatch(valeur) is not None)
    )


def identifiants_valides(valeurs: Iterable[str], longueur: int = LONGUEUR_IDENTIFIANT) -> bool:
    """Test rapide : chacun des textes ``valeurs`` est-il un identifiant permis ?

    Le cas courant (des lettres et des chiffres ASCII) se vérifie d'un bloc, en C, sur les
    textes mis bout à bout ; sinon, chacun par :func:`identifiant_valide`.
    """
    valeurs = tuple(valeurs)
    if not valeurs:
        return True
    bout_a_bout = "".join(valeurs)
    if (
        bout_a_bout.isascii()
        and bout_a_bout.isalnum()
        and "" not in valeurs
        and max(map(len, valeurs)) <= longueur
    ):
        return True
    return all(identifiant_valide(v, longueur) for v in valeurs)


def texte_valide(valeur: object, longueur: int) -> bool:
    """Test rapide, sans message : un texte libre permis ?"""
    return (
        type(valeur) is str
        and 0 < len(valeur) <= longueur
        and valeur.isprintable()
        and valeur[0] != " "
        and valeur[-1] != " "
    )


def alphanumerique_valide(valeur: object, longueur: int) -> bool:
    """Test rapide, sans message : des lettres et chiffres ASCII ?"""
    # En ASCII, isalnum() est exactement [A-Za-z0-9]+ (et faux sur le texte vide).
    return type(valeur) is str and len(valeur) <= longueur and valeur.isascii() and valeur.isalnum()


def saisie_nettoyee(texte: str) -> str:
    """Une saisie sans ses caractères invisibles (catégorie Unicode ``Cf`` : espace sans
    chasse, marques de direction…) et sans les blancs de ses bords, quels qu'ils soient.

    Le texte est supposé déjà borné en longueur par l'appelant : ce parcours est linéaire.
    """
    if texte.isascii():
        return texte.strip()
    return "".join(c for c in texte if unicodedata.category(c) != "Cf").strip()


def contient_un_controle(texte: str) -> bool:
    """Le texte contient-il un caractère de contrôle (``Cc`` : NUL, saut de ligne…) ?"""
    if texte.isascii():
        # En ASCII, les seuls caractères non imprimables sont ceux de contrôle (U+0000 à
        # U+001F, U+007F) : l'espace, seul séparateur ASCII, est imprimable.
        return not texte.isprintable()
    return any(unicodedata.category(c) == "Cc" for c in texte)


def contient_une_lettre(texte: str) -> bool:
    """Le texte contient-il au moins une lettre, de n'importe quel alphabet ?"""
    return any(c.isalpha() for c in texte)


def est_utc(valeur: object) -> bool:
    """Test rapide : un ``datetime`` déjà exprimé en UTC (la forme gardée par les objets) ?"""
    return type(valeur) is datetime and valeur.tzinfo is UTC


def sans_doublon_de_casse(identifiants: frozenset[str]) -> bool:
    """Vrai si aucun identifiant de l'ensemble n'en répète un autre à la casse près."""
    return len(set(map(str.lower, identifiants))) == len(identifiants)


def identifiant(
    valeur: object, quoi: str = "identifiant", longueur: int = LONGUEUR_IDENTIFIANT
) -> str:
    """Vérifie un identifiant ou un code (interprétation 9) et le rend inchangé."""
    valeur = _exact(valeur)
    if type(valeur) is str and identifiant_valide(valeur, longueur):
        return valeur
    message = message_identifiant(valeur, quoi, longueur)
    code = erreurs.TYPE if not isinstance(valeur, str) else erreurs.IDENTIFIANT
    raise DonneeInvalide(code, message or f"{quoi} refusé", valeur=valeur)


def texte(valeur: object, quoi: str, longueur: int = LONGUEUR_NOM) -> str:
    """Vérifie un texte libre (nom, libellé) : non vide, sans blanc autour, imprimable."""
    valeur = _exact(valeur)
    if texte_valide(valeur, longueur):
        return valeur  # type: ignore[return-value]
    if not isinstance(valeur, str):
        raise DonneeInvalide(
            erreurs.TYPE, f"{quoi} : un texte est attendu, pas {apercu(valeur)}", valeur=valeur
        )
    if not valeur.strip():
        message = f"{quoi} : la valeur est vide"
    elif len(valeur) > longueur:
        message = f"{quoi} : {len(valeur)} caractères, au plus {longueur} sont permis"
    elif (fautif := _caractere_interdit(valeur)) is not None:
        message = f"{quoi} : caractère invisible ou de contrôle {fautif} refusé"
    else:
        message = f"{quoi} : espaces en début ou en fin refusées ({apercu(valeur)})"
    raise DonneeInvalide(erreurs.TEXTE, message, valeur=valeur)


def alphanumerique(valeur: object, quoi: str, longueur: int) -> str:
    """Un code court fait de lettres et chiffres ASCII (numéro d'allocataire…)."""
    valeur = _exact(valeur)
    if alphanumerique_valide(valeur, longueur):
        return valeur  # type: ignore[return-value]
    if not isinstance(valeur, str):
        raise DonneeInvalide(
            erreurs.TYPE, f"{quoi} : un texte est attendu, pas {apercu(valeur)}", valeur=valeur
        )
    raise DonneeInvalide(
        erreurs.IDENTIFIANT,
        f"{quoi} {apercu(valeur)} refusé : de 1 à {longueur} lettres ou chiffres ASCII, "
        "sans espace ni ponctuation",
        valeur=valeur,
    )


def instant(valeur: object, quoi: str = "instant") -> datetime:
    """Vérifie un instant : un ``datetime`` avec fuseau horaire ; le rend en UTC."""
    if isinstance(valeur, datetime):
        if valeur.tzinfo is UTC:
            return valeur
        try:
            decalage = valeur.utcoffset()
            if decalage is not None:
                return valeur.astimezone(UTC)
        except OverflowError:
            raise DonneeInvalide(
                erreurs.INSTANT,
                f"{quoi} : ramené en UTC, l'instant sort du calendrier (de l'an 1 à l'an 9999)",
                valeur=valeur,
            ) from None
        except Exception as exc:  # noqa: BLE001 - un tzinfo tiers peut lever n'importe quoi
            raise DonneeInvalide(
                erreurs.INSTANT,
                f"{quoi} : le fuseau horaire de l'instant est inutilisable ({apercu(exc)})",
                valeur=valeur,
            ) from None
        raise DonneeInvalide(
            erreurs.INSTANT,
            f"{quoi} : l'instant {valeur.isoformat()} n'indique pas de fuseau horaire ; "
            "donnez un datetime avec tzinfo (par exemple UTC ou Europe/Paris)",
            valeur=valeur,
        )
    raise DonneeInvalide(
        erreurs.TYPE,
        f"{quoi} : un datetime avec fuseau horaire est attendu, pas {apercu(valeur)}",
        valeur=valeur,
    )


def moment(valeur: object) -> datetime:
    """Un instant en UTC, avec un chemin rapide pour un instant déjà en UTC (le cas courant
    des questions posées à chaque page d'un portail)."""
    if type(valeur) is datetime and valeur.tzinfo is UTC:
        return valeur
    return instant(valeur)


def instant_ou_none(valeur: object, quoi: str) -> datetime | None:
    return None if valeur is None else instant(valeur, quoi)


def booleen(valeur: object, quoi: str) -> bool:
    if isinstance(valeur, bool):
        return valeur
    raise DonneeInvalide(
        erreurs.TYPE, f"{quoi} : un booléen est attendu, pas {apercu(valeur)}", valeur=valeur
    )


def duree(valeur: object, quoi: str) -> timedelta:
    if isinstance(valeur, timedelta):
        if valeur > timedelta(0):
            return valeur
        raise DonneeInvalide(
            erreurs.DUREE, f"{quoi} : une durée strictement positive est attendue", valeur=valeur
        )
    raise DonneeInvalide(
        erreurs.TYPE,
        f"{quoi} : une durée (timedelta) est attendue, pas {apercu(valeur)}",
        valeur=valeur,
    )


def ensemble(
    valeurs: object,
    quoi: str,
    collecteur: Collecteur,
    chemin: str,
    controle: Callable[[object], T],
) -> frozenset[T]:
    """Un ensemble de valeurs, chacune passée au contrôle ; les fautives sont notées."""
    if isinstance(valeurs, (str, bytes)) or not isinstance(valeurs, Iterable):
        collecteur.ajouter(
            chemin, erreurs.TYPE, f"{quoi} : un ensemble est attendu, pas {apercu(valeurs)}"
        )
        return frozenset()
    lues: set[T] = set()
    for v in valeurs:
        try:
            lues.add(controle(v))
        except DonneeInvalide as e:
            collecteur.absorber(chemin, e)
    return frozenset(lues)


def ensemble_identifiants(
    valeurs: object, quoi: str, collecteur: Collecteur, chemin: str
) -> frozenset[str]:
    """Un ensemble d'identifiants, sans doublon même à la casse près."""
    if isinstance(valeurs, (str, bytes)) or not isinstance(valeurs, Iterable):
        collecteur.ajouter(
            chemin,
            erreurs.TYPE,
            f"{quoi} : un ensemble d'identifiants est attendu, pas {apercu(valeurs)}",
        )
        return frozenset()
    vus: dict[str, str] = {}
    propre = True
    for v in valeurs:
        try:
            ident = identifiant(v, quoi)
        except DonneeInvalide as e:
            collecteur.absorber(chemin, e)
            propre = False
            continue
        k = cle(ident)
        if k in vus and vus[k] != ident:
            collecteur.ajouter(
                chemin,
                erreurs.DOUBLON,
                f"{quoi} : {vus[k]!r} et {ident!r} ne diffèrent que par la casse",
            )
            propre = False
        vus[k] = ident
    if propre and isinstance(valeurs, frozenset) and all(type(v) is str for v in valeurs):
        return valeurs
    # Seuls les identifiants acceptés sont rendus : l'appelant peut les parcourir
    # (comparer leurs clés…) avant de lever les erreurs notées.
    return frozenset(vus.values())


def verifier(
    collecteur: Collecteur, chemin: str, controle: Callable[..., T], *args: object
) -> T | None:
    """Appelle un contrôle ; en cas d'erreur, la note au chemin donné et rend ``None``."""
    try:
        return controle(*args)
    except DonneeInvalide as e:
        collecteur.absorber(chemin, e)
        return None


LONGUEUR_ISO: Final = 40
_HEURE_24: Final = re.compile(r"[T ]24:")
"""« 24:00 » (fin de journée) : certains Python le lisent, d'autres non ; refusé partout."""


def instant_iso(valeur: object, quoi: str = "instant") -> datetime:
    """Lit un instant ISO 8601 avec décalage (``2026-11-27T09:30:00+01:00``), en UTC."""
    # Chemin rapide, le cas d'un document écrit par la bibliothèque (instants en UTC) : les
    # mêmes contrôles que plus bas, dans l'ordre le moins coûteux. Sans « 24: », le motif
    # de l'heure 24 ne peut pas se trouver ; un instant lu en UTC est rendu tel quel.
    if type(valeur) is str and len(valeur) <= LONGUEUR_ISO and "24:" not in valeur:
        try:
            rapide = datetime.fromisoformat(valeur) if valeur.isascii() else None
        except ValueError:
            rapide = None
        if rapide is not None and rapide.tzinfo is UTC:
            return rapide
    if not isinstance(valeur, str):
        raise DonneeInvalide(
            erreurs.TYPE,
            f"{quoi} : un instant ISO 8601 (texte) est attendu, pas {apercu(valeur)}",
            valeur=valeur,
        )
    lu: datetime | None = None
    if valeur.isascii() and len(valeur) <= LONGUEUR_ISO:
        try:
            lu = datetime.fromisoformat(valeur)
        except ValueError:
            lu = None
    if lu is None or _HEURE_24.search(valeur):
        raise DonneeInvalide(
            erreurs.INSTANT,
            f"{quoi} : {apercu(valeur)} n'est pas un instant ISO 8601 "
            "(exemple : 2026-11-27T09:30:00+01:00)",
            valeur=valeur,
        )
    if lu.tzinfo is None:
        raise DonneeInvalide(
            erreurs.INSTANT,
            f"{quoi} : {apercu(valeur)} n'indique pas de fuseau horaire (ajoutez par exemple "
            "+01:00 ou Z)",
            valeur=valeur,
        )
    return instant(lu, quoi)


PREMIER_INSTANT: Final = datetime.min.replace(tzinfo=UTC)
DERNIER_INSTANT: Final = datetime.max.replace(tzinfo=UTC)


def decaler(moment_: datetime, duree_: timedelta) -> datetime:
    """``moment_ + duree_``, borné aux extrémités du calendrier au lieu de déborder.

    Toute date calculée par la bibliothèque passe par ici : un instant de l'an 1 moins
    90 jours est l'an 1, pas une ``OverflowError``. Les comparaisons restent justes, car
    rien n'existe avant le premier instant ni après le dernier.
    """
    try:
        return moment_ + duree_
    except OverflowError:
        return PREMIER_INSTANT if duree_ < timedelta(0) else DERNIER_INSTANT
