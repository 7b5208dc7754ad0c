"""Une personne réelle, ou une fonction ? Le seul endroit qui en décide (interprétation 23).

``MCP-USR-02`` refuse une adresse de service (Cnil), ``MCP-USR-01`` signale un nom qui se
lit comme une fonction. Beaucoup de noms de famille français sont des noms communs (Bureau,
Chef, Poste, Agent, Conseiller, Guichet…) : refuser l'adresse d'une personne réelle est
pire que laisser passer une adresse générique. D'où, sur des textes **pliés** (minuscules,
accents ôtés, séparateurs ``. - _ + '`` ramenés à des espaces, ligatures ``œ æ``
développées) :

- une adresse dont la partie locale **contient** le nom ou le prénom du compte (ou n'est
  que ses initiales) est la sienne (``bureau.jacques@`` est celle de Jacques Bureau), quel
  que soit son premier mot — sauf si ce « nom » n'est fait que de mots de fonction
  (« CCAS Accueil ») : il ne désigne alors personne ;
- sinon, elle est de service quand elle **commence** par un mot de service (``accueil@``,
  ``petite.enfance@``, ``creche.soleil@``, ``rsa.instruction@``) ;
- un nom se lit comme une fonction seulement quand il ne peut pas être celui d'une
  personne : nom et prénom faits de mots de fonction, ou l'un d'eux vide.

Les corpus étiquetés de ``tests/regles/corpus/`` mesurent ces règles
(``benchmarks/nominatif.py``) ; la politique locale peut ajouter des mots de service.

>>> adresse_de_service("bureau.jacques", nom="Bureau", prenom="Jacques")
False
>>> adresse_de_service("petite.enfance", nom="Durand", prenom="Marie")
True
>>> mots_de_fonction_seuls(nom="Bureau", prenom="Jacques")
()
>>> mots_de_fonction_seuls(nom="Accueil", prenom="CCAS")
('ccas', 'accueil')
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Final

__all__ = [
    "MOTS_FONCTION",
    "MOTS_SERVICE",
    "adresse_de_service",
    "jetons",
    "mots_de_fonction_seuls",
    "plier",
]

MOTS_SERVICE: Final[frozenset[str]] = frozenset(
    {
        # accueil, secrétariat et direction
        "accueil", "contact", "contacts", "info", "infos", "information", "informations",
        "secretariat", "secretaire", "direction", "dg", "dgs", "dga", "cabinet", "standard",
        "courrier", "courriers", "mail", "email", "boite", "bal", "admin", "administration",
        "administratif", "noreply", "no reply", "nepasrepondre", "ne pas repondre", "service",
        "services",
        "support", "assistance", "bureau", "guichet", "permanence", "reception",
        # structures
        "mairie", "ville", "commune", "cc", "ccas", "cias", "caf", "csc", "cs", "epci",
        "agglo", "agglomeration", "metropole", "departement", "cd", "region", "prefecture",
        "sousprefecture", "sous prefecture", "annexe", "antenne", "pole", "maison", "centre",
        "espace", "mds",
        "msa", "pmi", "crous", "oph", "opac", "office", "bailleur", "habitat", "logement",
        "logements", "residence", "foyer", "association", "asso", "siege", "agence",
        # social, enfance, emploi
        "social", "sociale", "sociaux", "action", "solidarite", "solidarites", "insertion",
        "rsa", "apl", "prestations", "prestation", "allocations", "aides", "aide",
        "instruction", "instructeur", "instructeurs", "petite", "enfance", "enfant", "enfants",
        "jeunesse", "famille", "familles", "creche", "creches", "halte", "garderie",
        "multiaccueil", "multi accueil", "ram", "rpe", "relais", "ludotheque", "periscolaire",
        "scolaire", "education", "emploi", "seniors", "senior", "handicap", "autonomie",
        "mediation", "prevention", "sante", "cesf", "as",
        # gestion
        "rh", "ressources", "personnel", "paie", "compta", "comptabilite", "finances",
        "finance", "facturation", "factures", "regie", "gestion", "juridique", "marches",
        "achats", "technique", "travaux", "urbanisme", "etatcivil", "etat civil", "elections",
        "communication", "com", "presse", "numerique", "informatique", "dsi", "si",
        "equipe", "equipes", "cellule", "commun", "partage", "generique", "test", "tests",
        "agents", "collectif", "general", "generale", "public", "portail", "planning",
        "astreinte", "urgence", "urgences",
        # équipements et services de la vie locale
        "bibliotheque", "mediatheque", "piscine", "police", "cimetiere", "cantine",
        "restauration", "sport", "sports", "culture", "tourisme", "environnement", "proprete",
        "dechets", "eau", "voirie", "ehpad", "ecole", "college", "lycee", "clas", "animation",
        "loisirs", "vie", "citoyennete", "epicerie", "banque",
        # associations et bailleurs
        "president", "presidente", "tresorier", "tresoriere", "benevoles", "benevolat",
        "adherents", "inscription", "inscriptions", "rendez", "rdv", "loyer", "loyers",
        "locataires", "gardien", "gardiens", "attributions", "demandes", "contentieux",
        "recouvrement", "sinistres", "pe",
    }
)  # fmt: skip
"""Les mots (et quelques expressions, « etat civil ») qui, en tête d'une adresse, la font
adresse de service ; pliés, les mots d'une expression séparés par une espace."""

MOTS_FONCTION: Final[frozenset[str]] = frozenset(
    {
        "responsable", "service", "secretariat", "secretaire", "accueil", "direction",
        "directeur", "directrice", "agent", "agents", "equipe", "pole", "cellule", "bureau",
        "guichet", "standard", "assistante", "assistant", "conseiller", "conseillere",
        "gestionnaire", "comptabilite", "administration", "mairie", "ccas", "petite",
        "enfance", "creche", "referent", "referente", "chef", "cheffe", "coordinateur",
        "coordinatrice", "stagiaire", "interimaire", "poste", "generique", "commun",
        "partage", "test", "rsa", "caf", "instructeur", "instructrice", "social", "sociale",
        "contact", "info", "courrier", "admin", "support", "mediateur", "mediatrice",
        "dgs", "dga", "compte", "partenaire", "unique",
    }
)  # fmt: skip
"""Les mots qui, dans un nom ou un prénom, se lisent comme une fonction (pliés)."""

_SEPARATEURS: Final = re.compile(r"[\s.\-_+'’`]+")
_LIGATURES: Final = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


def plier(texte: str) -> str:
    """Minuscules, sans accents ni ligatures, chaque suite de séparateurs en une espace."""
    if texte.isascii():  # le cas courant (toute partie locale d'adresse) : sans Unicode
        return _SEPARATEURS.sub(" ", texte.lower()).strip()
    return _plier_unicode(texte)


@functools.lru_cache(maxsize=16384)
def _plier_unicode(texte: str) -> str:
    sans_ligatures = texte.translate(_LIGATURES)
    decompose = unicodedata.normalize("NFKD", sans_ligatures)
    sans_accents = "".join(c for c in decompose if not unicodedata.combining(c))
    return _SEPARATEURS.sub(" ", sans_accents.casefold()).strip()


def jetons(texte: str) -> tuple[str, ...]:
    """Les mots d'un texte plié (``"Le Gall-Martin"`` → ``("le", "gall", "martin")``)."""
    return tuple(plier(texte).split())


def _noms_propres(nom: str, prenom: str) -> tuple[str, ...]:
    """Ce qui, dans une adresse, désigne la personne : son nom et son prénom entiers (sans
    séparateurs), et chacun de leurs mots d'au moins trois lettres."""
    formes = []
    for partie in (nom, prenom):
        mots = jetons(partie)
        if mots:
            formes.append("".join(mots))
            formes.extend(m for m in mots if len(m) >= 3)
    return tuple(dict.fromkeys(formes))


def _initiales(nom: str, prenom: str) -> frozenset[str]:
    """Les initiales du compte, prénom puis nom et nom puis prénom (« cd », « dc »)."""
    p, n = "".join(m[0] for m in jetons(prenom)), "".join(m[0] for m in jetons(nom))
    return frozenset(x for x in (p + n, n + p) if x)


def adresse_de_service(
    partie_locale: str,
    *,
    nom: str = "",
    prenom: str = "",
    mots_supplementaires: frozenset[str] = frozenset(),
) -> bool:
    """Vrai si l'adresse est de service : elle ne contient ni le nom ni le prénom du compte,
    et commence par un mot de service (ou un mot de ``mots_supplementaires``)."""
    brut = partie_locale.lower() if partie_locale.isascii() else plier(partie_locale)
    debuts = _debuts_service(mots_supplementaires)
    if debuts is not None and not (
        brut[:3] in debuts[0] or brut[:2] in debuts[1] or brut[:1] in debuts[2]
    ):
        return False  # le cas courant : aucun mot de service ne commence ainsi
    if _motif_service(mots_supplementaires).match(brut) is None:
        return False  # rien d'un mot de service en tête
    colle = plier(partie_locale).replace(" ", "")
    # Le nom d'une personne protège son adresse ; un nom qui n'est fait que de mots de
    # fonction (« CCAS Accueil ») ne désigne personne, et ne protège rien.
    if not mots_de_fonction_seuls(nom=nom, prenom=prenom):
        if any(forme in colle for forme in _noms_propres(nom, prenom)):
            return False
        sans_chiffres = colle.rstrip("0123456789")
        if len(sans_chiffres) >= 2 and any(
            i.startswith(sans_chiffres) for i in _initiales(nom, prenom)
        ):
            # « cd@ » de Cécile Dupont, « pe@ » de Pierre-Emmanuel Roux : ses initiales (ou
            # celles de son prénom), pas le département ni la petite enfance
            return False
    return True


_SEPARATEUR: Final = r"[\s.\-_+'’`]+"


def _alternative(mots: frozenset[str]) -> str:
    # Les plus longs d'abord, et chaque mot d'une expression (« etat civil ») séparé par
    # n'importe quel séparateur : une seule lecture de la partie locale, sans la plier.
    formes = sorted(mots, key=lambda m: (-len(m), m))
    return "|".join(_SEPARATEUR.join(map(re.escape, m.split())) for m in formes)


@functools.lru_cache(maxsize=64)
def _debuts_service(
    mots_supplementaires: frozenset[str],
) -> tuple[frozenset[str], frozenset[str], frozenset[str]] | None:
    """Les débuts possibles d'une partie locale que :func:`_motif_service` reconnaît : les
    trois premières lettres du premier mot de chaque expression, ou ce mot entier s'il est
    plus court (« rh »), rangés par longueur (3, 2, 1). Une partie locale qui ne commence
    par aucun d'eux ne peut pas être reconnue (le motif ne lit qu'en tête) : le filtre
    évite l'expression, deux cents alternatives, pour presque toutes les adresses
    nominatives. ``None`` (pas de filtre) si un mot de la politique, une fois plié, est
    vide (« - ») : le motif en accepterait des débuts que le filtre ne connaît pas."""
    mots = MOTS_SERVICE | {plier(m) for m in mots_supplementaires}
    premiers = [m.split()[0] if m.split() else "" for m in mots]
    if "" in premiers:
        return None
    return (
        frozenset(p[:3] for p in premiers if len(p) >= 3),
        frozenset(p for p in premiers if len(p) == 2),
        frozenset(p for p in premiers if len(p) == 1),
    )


@functools.lru_cache(maxsize=64)
def _motif_service(mots_supplementaires: frozenset[str]) -> re.Pattern[str]:
    """Une seule expression, lue sur la partie locale en minuscules : un mot de service (ou
    de la politique) en tête, suivi de chiffres puis d'un séparateur ou de la fin ; ou un
    mot de service d'au moins quatre lettres collé au suivant (« accueilmairie »)."""
    mots = MOTS_SERVICE | {plier(m) for m in mots_supplementaires}
    longs = frozenset(m for m in mots if len(m) >= 4)
    return re.compile(
        rf"(?:{_alternative(mots)})[0-9]*(?:{_SEPARATEUR}|\Z)|(?:{_alternative(longs)})"
    )


def mots_de_fonction_seuls(*, nom: str, prenom: str) -> tuple[str, ...]:
    """Les mots de fonction du nom, quand il ne peut pas être celui d'une personne : chaque
    mot du prénom et du nom en est un, ou l'une des deux parties est vide et l'autre n'est
    faite que de mots de fonction. Sinon ``()`` : Jacques Bureau est une personne."""
    trouves: list[str] = []
    for partie in (prenom, nom):
        # Un seul mot ASCII sans séparateur (« Claire ») : plié, c'est lui en minuscules.
        mots = (partie.lower(),) if partie.isalpha() and partie.isascii() else plier(partie).split()
        for mot in mots:
            if mot in MOTS_FONCTION:
                trouves.append(mot)
            elif not mot.isdigit():
                return ()  # un mot de personne (le cas courant : dès le prénom)
    return tuple(trouves)
