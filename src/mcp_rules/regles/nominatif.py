"""Une personne réelle, ou une fonction ? Le seul endroit qui en décide (interprétation 23).

``MCP-USR-02`` refuse une adresse de service (Cnil), ``MCP-USR-01`` signale un nom qui se
lit comme une fonction. Beaucoup de noms de famille français sont des noms communs (Bureau,
Chef, Poste, Agent, Conseiller, Guichet…) : refuser l'adresse d'une personne réelle est
pire que laisser passer une adresse générique. D'où, sur des textes **pliés** (minuscules,
accents ôtés, séparateurs ``. - _ + '`` ramenés à des espaces, ligatures ``œ æ``
développées) :

- une adresse dont la partie locale **contient** le nom ou le prénom du compte (ou ses
  initiales : seules, en un mot de l'adresse, ou collées à un mot de service) est la
  sienne (``bureau.jacques@`` est celle de Jacques Bureau), quel que soit son premier mot
  — sauf si ce « nom » n'est fait que de mots de fonction (« CCAS Accueil ») : il ne
  désigne alors personne ;
- sinon, elle est de service quand elle **commence** par un mot de service (``accueil@``,
  ``petite.enfance@``, ``creche.soleil@``, ``rsa.instruction@``), ou quand son **dernier
  mot** est une marque de service (``cassagne.mairie@``, ``aubemairie@``) ;
- un mot de service qui commence des noms portés en France (``mail`` de Maillard,
  ``ville`` de Villeneuve, :data:`NON_COLLES`) ne compte que suivi d'un séparateur, de
  chiffres ou de rien : ``maillard.j@`` n'est pas refusée ;
- un nom se lit comme une fonction seulement quand il ne peut pas être celui d'une
  personne : nom et prénom faits de mots de fonction, ou l'un d'eux vide.

Les corpus étiquetés de ``tests/regles/corpus/`` mesurent ces règles
(``benchmarks/nominatif.py``) : écrits à la main, et réels (l'annuaire de
l'administration, les PRADA, les noms de l'Insee). La politique locale peut ajouter des
mots de service.

>>> adresse_de_service("bureau.jacques", nom="Bureau", prenom="Jacques")
False
>>> adresse_de_service("petite.enfance", nom="Durand", prenom="Marie")
True
>>> adresse_de_service("cassagne.mairie", nom="Durand", prenom="Marie")
True
>>> adresse_de_service("maillard.j", nom="Durand", prenom="Marie")
False
>>> mots_de_fonction_seuls(nom="Bureau", prenom="Jacques")
()
>>> mots_de_fonction_seuls(nom="Accueil", prenom="CCAS")
('ccas', 'accueil')
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any, Final

__all__ = [
    "COLLES_COURTS",
    "MARQUES_PARTOUT",
    "MOTS_FONCTION",
    "MOTS_SERVICE",
    "NON_COLLES",
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
        # réglés sur la moitié « réglage » de l'annuaire public (benchmarks/corpus_annuaire.py)
        "msap", "msp", "mfs", "france services", "pij", "bij", "cij", "crij", "point info",
        "clic", "cidf", "cidff", "mjd", "mda", "mdph", "mdpsh", "mdr", "mdm", "mdsi", "cms",
        "csd", "cdas", "cdad", "utas", "udaf", "cdc", "cdg", "epn", "ml", "mli", "mission",
        "rsp", "pif", "clous", "pref", "cada", "prada", "daj", "saj", "dag", "daji", "dajc",
        "sg", "archives", "archive", "juridiques", "juriste", "jur", "documentation", "doc",
        "docs", "correspondant", "referent", "referente", "assemblee", "assemblees",
        "conseil municipal", "conseilmunicipal", "presidence", "syndicat", "comcom",
        "codecom", "communaute", "intercom", "cne", "cmne", "hotel de ville", "affaires",
        "acces", "saisine", "sec", "secr", "secgen", "dir", "dirgen", "adm", "relations",
        "diffusion", "instances", "instance", "plateforme", "aidants", "reseau",
        "coordination", "gerontologie", "geronto", "sce", "serv", "ant", "resto",
        "restaurant", "jeunes", "parentalite", "formation", "orientation", "femmes", "drh",
        "dpd", "sdis", "ddt", "ddtm", "cpam",
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
    """Les initiales du compte, prénom puis nom et nom puis prénom (« cd », « dc »), et
    celles d'un prénom composé seules (« mf » de Marie-France)."""
    p, n = "".join(m[0] for m in jetons(prenom)), "".join(m[0] for m in jetons(nom))
    return frozenset(x for x in (p + n, n + p, p if len(p) >= 2 else "") if x)


def adresse_de_service(
    partie_locale: str,
    *,
    nom: str = "",
    prenom: str = "",
    mots_supplementaires: frozenset[str] = frozenset(),
) -> bool:
    """Vrai si l'adresse est de service : elle ne contient ni le nom, ni le prénom, ni les
    initiales du compte ; et elle commence par un mot de service (ou un mot de
    ``mots_supplementaires``), ou son dernier mot est une marque de service
    (:data:`MARQUES_PARTOUT`, « cassagne.mairie »)."""
    brut = partie_locale.lower() if partie_locale.isascii() else plier(partie_locale)
    filtre = _filtre(mots_supplementaires)
    if filtre is not None and not (
        brut[:3] in filtre[0]
        or brut[:2] in filtre[1]
        or brut[:1] in filtre[2]
        or brut.rstrip("0123456789")[-3:] in filtre[3]
    ):
        return False  # le cas courant : rien d'un service, ni en tête ni à la fin
    if _motif_service(mots_supplementaires).match(brut) is None and not _marque_ailleurs(
        brut, mots_supplementaires
    ):
        return False  # aucun mot de service en tête, ni marque de service à la fin
    colle = plier(partie_locale).replace(" ", "")
    # Le nom d'une personne protège son adresse ; un nom qui n'est fait que de mots de
    # fonction (« CCAS Accueil ») ne désigne personne, et ne protège rien.
    if not mots_de_fonction_seuls(nom=nom, prenom=prenom):
        if any(forme in colle for forme in _noms_propres(nom, prenom)):
            return False
        sans_chiffres = colle.rstrip("0123456789")
        initiales = _initiales(nom, prenom)
        if len(sans_chiffres) >= 2 and any(i.startswith(sans_chiffres) for i in initiales):
            # « cd@ » de Cécile Dupont, « pe@ » de Pierre-Emmanuel Roux : ses initiales (ou
            # celles de son prénom), pas le département ni la petite enfance
            return False
        if _initiales_en_tete(plier(partie_locale), initiales, mots_supplementaires):
            # « bg.domitienne@ » de Gilles Blanc, « mfcada@ » de Marie-France Roux : ses
            # initiales, seules entre deux séparateurs ou suivies d'un mot de service
            return False
    return True


def _initiales_en_tete(
    plie: str, initiales: frozenset[str], mots_supplementaires: frozenset[str]
) -> bool:
    """Des initiales (au moins deux lettres) qui sont un mot de l'adresse, ou qui la
    commencent suivies d'un mot de service d'au moins quatre lettres (« mf » et « cada ») ;
    pas « cc » suivi de « as » : « ccas@ » reste la boîte du CCAS."""
    mots = plie.split()
    longues = [i for i in initiales if len(i) >= 2]
    if any(m.rstrip("0123456789") in longues for m in mots):
        return True
    services = _mots_service(mots_supplementaires)
    tete = mots[0] if mots else ""
    return any(
        tete.startswith(i) and len(tete) - len(i) >= 4 and tete[len(i) :] in services
        for i in longues
    )


NON_COLLES: Final[frozenset[str]] = frozenset(
    {
        "aide", "asso", "banque", "boite", "bureau", "cada", "commun", "greffe", "guichet",
        "halte", "mail", "maison", "marches", "petite", "pole", "prada", "sante", "secr",
        "serv", "siege", "test", "ville",
        # et, vus ensuite parmi les 40 000 noms suivants et 10 000 prénoms suivants
        "cantine", "clas", "clic", "clous", "commune", "courrier", "creche", "email",
        "gardien", "portail", "pref", "presse", "resto", "sport",
    }
)  # fmt: skip
"""Les mots de service qui commencent des noms de famille ou des prénoms portés en France
(fichiers de l'Insee : Maillard, Villeneuve, Maisonneuve, Servane, Testard, Restout,
Clichy…) : ils ne marquent une adresse que suivis d'un séparateur, de chiffres ou de rien,
ou collés à « de », « des », « du », « pour » (« maisondesaidants »)."""

COLLES_COURTS: Final[frozenset[str]] = frozenset(
    {"cdc", "cne", "cmne", "csc", "csd", "cms", "msp", "pij", "cij", "mjd"}
)
"""Des sigles de moins de quatre lettres qui marquent une adresse même collés au mot
suivant (« cdcportesduberry », « pijneuvieme ») : aucun nom courant ne commence ainsi."""

_SEPARATEUR: Final = r"[\s.\-_+'’`]+"
_COUPURE: Final = re.compile(_SEPARATEUR)

MARQUES_PARTOUT: Final[frozenset[str]] = frozenset(
    {
        "mairie", "commune", "communaute", "ccas", "cias", "accueil", "secretariat",
        "contact", "cada", "prada", "msap", "pij", "bij", "clic", "cidff", "mjd", "mdph",
        "archives", "juridique", "juridiques", "administration", "dgs", "rsa", "pmi",
        "intercom", "comcom", "agglo", "prefecture", "noreply", "nepasrepondre", "standard",
        "secretaire", "direction", "cabinet", "multiaccueil", "periscolaire",
    }
)  # fmt: skip
"""Les mots de service qui marquent une adresse où qu'ils soient, en mot entier
(« cassagne.mairie ») ou, pour les plus longs, à la fin d'un mot (« aubemairie ») : aucun
n'est un nom de personne plausible (« bureau », « poste », « agent » n'y sont pas)."""


@functools.lru_cache(maxsize=64)
def _vocabulaire(mots_supplementaires: frozenset[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    """Les mots qui marquent une adresse par son dernier mot (ceux de la politique
    compris), et les terminaisons (les plus longs, au moins six lettres) qui la marquent
    collées."""
    politique = {plier(m).replace(" ", "") for m in mots_supplementaires} - {""}
    simples = frozenset(MARQUES_PARTOUT | politique)
    return simples, tuple(sorted(m for m in simples if len(m) >= 6))


def _marque_ailleurs(brut: str, mots_supplementaires: frozenset[str]) -> bool:
    """Le dernier mot de l'adresse (chiffres de fin ôtés) est une marque de service, ou
    finit par l'une des plus longues (« cassagne.mairie », « aubemairie »)."""
    simples, fins = _vocabulaire(mots_supplementaires)
    dernier = _COUPURE.split(brut.rstrip("0123456789"))[-1]
    return dernier in simples or dernier.endswith(fins)


def _alternative(mots: frozenset[str]) -> str:
    """Les mots en un arbre de préfixes (« acc(?:ueil|ompagnement) ») : l'expression lit
    la partie locale lettre à lettre au lieu d'essayer deux cents mots l'un après l'autre.
    Chaque mot d'une expression (« etat civil ») est séparé par n'importe quel séparateur ;
    une seule lecture de la partie locale, sans la plier."""
    arbre: dict[str, dict[str, Any]] = {}
    for mot in mots:
        noeud = arbre
        for unite in _unites(mot):
            noeud = noeud.setdefault(unite, {})
        noeud[""] = {}  # un mot finit ici
    return _rendre(arbre)


def _unites(mot: str) -> list[str]:
    unites: list[str] = []
    for i, morceau in enumerate(mot.split()):
        unites += ([" "] if i else []) + list(morceau)
    return unites


def _rendre(noeud: dict[str, Any]) -> str:
    branches = [
        (_SEPARATEUR if unite == " " else re.escape(unite)) + _rendre(suite)
        for unite, suite in sorted(noeud.items())
        if unite
    ]
    if not branches:
        return ""
    groupe = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in noeud:  # un mot finit ici, d'autres continuent : la suite est facultative
        return f"(?:{groupe})?"
    return groupe


@functools.lru_cache(maxsize=64)
def _mots_service(mots_supplementaires: frozenset[str]) -> frozenset[str]:
    """Les mots de service et ceux de la politique, pliés."""
    return MOTS_SERVICE | {plier(m) for m in mots_supplementaires}


@functools.lru_cache(maxsize=64)
def _filtre(
    mots_supplementaires: frozenset[str],
) -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]] | None:
    """Ce par quoi une adresse de service peut commencer ou finir : les trois premières
    lettres du premier mot de chaque expression, ou ce mot entier s'il est plus court
    (« rh »), rangés par longueur (3, 2, 1) ; et les trois dernières lettres de chaque
    marque de :func:`_vocabulaire`. Une partie locale qui ne commence ni ne finit ainsi
    ne peut pas être reconnue : le filtre évite l'expression, deux cents alternatives,
    pour presque toutes les adresses nominatives. ``None`` (pas de filtre) si un mot de
    la politique, une fois plié, est vide (« - »), ou si une marque a moins de trois
    lettres ou autre chose que des lettres : le motif en accepterait ce que le filtre ne
    connaît pas."""
    mots = _mots_service(mots_supplementaires)
    premiers = [m.split()[0] if m.split() else "" for m in mots]
    simples = _vocabulaire(mots_supplementaires)[0]
    if "" in premiers or not all(len(m) >= 3 and m.isalpha() for m in simples):
        return None
    return (
        frozenset(p[:3] for p in premiers if len(p) >= 3),
        frozenset(p for p in premiers if len(p) == 2),
        frozenset(p for p in premiers if len(p) == 1),
        frozenset(m[-3:] for m in simples),
    )


@functools.lru_cache(maxsize=64)
def _motif_service(mots_supplementaires: frozenset[str]) -> re.Pattern[str]:
    """Une seule expression, lue sur la partie locale en minuscules : un mot de service (ou
    de la politique) en tête, suivi de chiffres puis d'un séparateur ou de la fin ; ou un
    mot de service d'au moins quatre lettres collé au suivant (« accueilmairie »), sauf ceux
    qui commencent des noms (:data:`NON_COLLES`), collés seulement à « de », « des », « du »
    ou « pour » (« maisondesaidants », jamais « maisonneuve »)."""
    mots = _mots_service(mots_supplementaires)
    longs = frozenset(m for m in mots if len(m) >= 4 and m not in NON_COLLES) | COLLES_COURTS
    return re.compile(
        rf"(?:{_alternative(mots)})[0-9]*(?:{_SEPARATEUR}|\Z)|(?:{_alternative(longs)})"
        rf"|(?:{_alternative(NON_COLLES & mots)})(?:des|de|du|pour)"
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
