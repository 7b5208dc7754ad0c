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
  mot** est une marque de service (``cassagne.mairie@``, ``aubemairie@``), ou quand elle
  n'est faite que du nom de l'organisme partenaire avec un mot de service, ou de son sigle
  (``ccpo@`` de la communauté de communes du Pays de l'Ourcq) — jamais du nom du lieu seul
  (``landivisiau@``, ``martin@`` à Saint-Martin), qui pourrait être celui d'une personne ;
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
from collections.abc import Callable
from typing import Any, Final, NamedTuple

from mcp_rules.regles.vocabulaire import (
    LIENS,
    MARQUES_PARTOUT,
    MOTS_FONCTION,
    MOTS_QUI_SONT_DES_NOMS,
    MOTS_SERVICE,
    NON_COLLES,
)

__all__ = [
    "LIENS",
    "MARQUES_PARTOUT",
    "MOTS_FONCTION",
    "MOTS_SERVICE",
    "NON_COLLES",
    "adresse_de_service",
    "jetons",
    "mots_de_fonction_seuls",
    "plier",
]


_SEPARATEURS: Final = re.compile(r"[\s.\-_+'’`‐‑‒–—−]+")
_LIGATURES: Final = str.maketrans(
    {
        "œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ł": "l", "Ł": "L", "ı": "i",
        "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ħ": "h", "Ħ": "H",
        "ŧ": "t", "Ŧ": "T", "þ": "th", "Þ": "TH", "ŀ": "l", "Ŀ": "L",
    }
)  # fmt: skip
"""Ce que la décomposition Unicode ne ramène pas à des lettres latines simples : les
ligatures, et les lettres barrées ou sans point (Małecki, Iğdır, Søren, Đặng)."""


def plier(texte: str) -> str:
    """Minuscules, sans accents ni ligatures, chaque suite de séparateurs en une espace."""
    if texte.isascii():  # le cas courant (toute partie locale d'adresse) : sans Unicode
        return _SEPARATEURS.sub(" ", texte.lower()).strip()
    if len(texte) > 256:  # un texte démesuré ne reste pas dans le cache
        return _plier_unicode.__wrapped__(texte)
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
    organisme: str = "",
    mots_supplementaires: frozenset[str] = frozenset(),
) -> bool:
    """Vrai si l'adresse est de service : elle ne contient ni le nom, ni le prénom, ni les
    initiales du compte ; et elle commence par un mot de service (ou de
    ``mots_supplementaires``), ou finit par une marque de service (« cassagne.mairie »),
    ou n'est faite que du sigle de l'``organisme``, ou de son nom et de mots de service
    (« ccpo@ » de la communauté de communes du Pays de l'Ourcq ; pas « landivisiau@ »)."""
    return juge_des_adresses(organisme, mots_supplementaires)(partie_locale, nom, prenom)


@functools.lru_cache(maxsize=64)
def juge_des_adresses(
    organisme: str = "", mots_supplementaires: frozenset[str] = frozenset()
) -> Callable[[str, str, str], bool]:
    """:func:`adresse_de_service` d'un organisme et d'une politique, fonction de la partie
    locale, du nom et du prénom : ce qui ne dépend que d'eux est lu une fois (l'audit)."""
    filtre = _filtre(mots_supplementaires)
    if filtre is None:  # tout est lu
        return functools.partial(
            _adresse_lue, organisme=organisme, mots_supplementaires=mots_supplementaires
        )
    debuts3, debuts4, debuts_mots, debuts_courts, fins3, fins4, fins_mots = filtre
    # Une adresse faite du nom de l'organisme (dont seules les lettres comptent) commence
    # par un de ses mots ou sigles, ou par un mot de service collé (« cia.sccp »).
    lu = _organisme(organisme)  # sans organisme : aucun repère, rien à lire
    reperes = lu.reperes
    debuts_organisme = lu.debuts | {m[:2] for m in _mots_colles(mots_supplementaires)[0]}

    def juger(partie_locale: str, nom: str, prenom: str) -> bool:
        brut = partie_locale.lower() if partie_locale.isascii() else plier(partie_locale)
        # Le cas courant : rien d'un service en tête ni à la fin, ni un début du nom de
        # l'organisme et l'un de ses repères (une tête qui n'est pas de deux lettres, à lire).
        if not (
            (
                (tete := brut[:3]) in debuts3
                and (brut[:4] in debuts4 or (tete in debuts_mots and not brut[3:4].isalpha()))
            )
            or brut[:2] in debuts_courts
            or brut[:1] in debuts_courts
            or (
                (queue := (fin := brut.rstrip(_FIN_ADRESSE))[-3:]) in fins3
                and (fin[-4:] in fins4 or (queue in fins_mots and not fin[-4:-3].isalnum()))
            )
            or (
                reperes
                and ((deux := brut[:2]) in debuts_organisme or not deux.isalpha())
                and any(map(brut.__contains__, reperes))
            )
        ):
            return False
        return _adresse_lue(partie_locale, nom, prenom, organisme, mots_supplementaires, brut)

    return juger


def _adresse_lue(
    partie_locale: str,
    nom: str,
    prenom: str,
    organisme: str,
    mots_supplementaires: frozenset[str],
    brut: str | None = None,
) -> bool:
    """La suite d'une adresse que le filtre n'a pas écartée (``brut`` : la partie locale en
    minuscules, ou pliée si elle n'est pas en ASCII)."""
    if brut is None:
        brut = partie_locale.lower() if partie_locale.isascii() else plier(partie_locale)
    if (
        _motif_service(mots_supplementaires).match(brut) is None
        and not _marque_ailleurs(brut, mots_supplementaires)
        and not _nom_de_l_organisme(brut, organisme, mots_supplementaires)
    ):
        return False  # ni mot de service en tête, ni marque à la fin, ni nom de l'organisme
    # Plié une seule fois : une partie locale non ASCII l'est déjà (``brut``).
    plie = plier(partie_locale) if partie_locale.isascii() else brut
    colle = plie.replace(" ", "")
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
        if _initiales_en_tete(plie, initiales, mots_supplementaires):
            # « bg.domitienne@ » de Gilles Blanc, « mfcada@ » de Marie-France Roux : ses
            # initiales, seules entre deux séparateurs ou suivies d'un mot de service
            return False
    return True


_ABREGES: Final = frozenset({"st", "ste"})  # « saint », « sainte »
_VOYELLES: Final = "aeiouy"
_LONGUEUR_ORGANISME: Final = 128
"""Au-delà, une partie locale (64 caractères au plus dans une adresse) n'est pas lue comme
le nom de l'organisme : le découpage reste borné."""


class _Organisme(NamedTuple):
    """Ce qu'on lit du nom d'un organisme (voir :func:`_organisme`)."""

    propres: frozenset[str]
    sigles: frozenset[str]
    reperes: tuple[str, ...]
    debuts: frozenset[str]
    longueur: int
    """Le plus long de ses morceaux possibles (mots propres, sigles, petits mots)."""


@functools.lru_cache(maxsize=4096)
def _organisme(organisme: str) -> _Organisme:
    """Les mots propres du nom de l'organisme (au moins trois lettres ; ni petits mots, ni
    mots de service ; les vingt-quatre premiers), ses sigles — les initiales de ses
    premiers mots, de trois à huit lettres : trois consonnes, ou plus dont une voyelle au
    plus, jamais une consonne suivie d'une voyelle comme commence un nom (« cas », « cart »,
    « camp ») ; « Communauté de communes - Pays de l'Ourcq » : « ccp », « ccpo » — et ses
    repères, ce qu'une adresse faite de son nom contient forcément : un mot propre d'au
    moins quatre lettres, ou un sigle ; enfin, les deux premières lettres de chacun (et de
    « st », « ste »), par lesquelles une telle adresse commence."""
    mots = [m for m in re.split(r"[^a-z]+", plier(organisme)) if m]
    pleins = [m for m in mots if m not in LIENS][:24]
    propres = frozenset(m for m in pleins if m not in MOTS_SERVICE and len(m) >= 3)
    initiales = "".join(m[0] for m in pleins)
    sigles = frozenset(
        initiales[:n]
        for n in range(3, min(len(initiales), 8) + 1)
        if sum(c in _VOYELLES for c in initiales[:n]) <= (n >= 4)
        and not (initiales[0] not in _VOYELLES and initiales[1] in _VOYELLES)
    )
    reperes = {m for m in propres if len(m) >= 4} | sigles
    debuts = frozenset(m[:2] for m in propres | sigles | _ABREGES)
    longueur = max(map(len, (*propres, *sigles, *LIENS, *_ABREGES)))
    return _Organisme(propres, sigles, tuple(sorted(reperes)), debuts, longueur)


@functools.lru_cache(maxsize=64)
def _mots_colles(mots_supplementaires: frozenset[str]) -> tuple[frozenset[str], int]:
    """Les mots de service qui comptent collés : au moins quatre lettres (expressions
    collées, « etatcivil »), sans :data:`NON_COLLES`. Ni « eau », « com », ni « ville »,
    « maison », qui font des noms avec celui d'un lieu (« pointeau », « compoint »,
    « hauteville »). Avec la longueur du plus long."""
    mots = {m.replace(" ", "") for m in _mots_service(mots_supplementaires)}
    colles = frozenset(
        m for m in mots if len(m) >= 4 and m not in NON_COLLES and m not in MOTS_QUI_SONT_DES_NOMS
    )
    return colles, max(map(len, colles), default=0)


def _nom_de_l_organisme(brut: str, organisme: str, mots_supplementaires: frozenset[str]) -> bool:
    """La partie locale, chiffres et séparateurs ôtés, se découpe entière en mots propres
    et sigles de l'organisme, petits mots et mots de service ; et elle a un sigle,
    ou un mot propre d'au moins quatre lettres **et** un mot de service (« comtardets »,
    « communeniortdesault », « ccpo ») : le nom de l'organisme seul (« landivisiau@ »,
    « martin@ » de la mairie de Saint-Martin) pourrait être celui d'une personne."""
    if not organisme or len(brut) > _LONGUEUR_ORGANISME:
        return False
    propres, sigles, reperes, _, longueur = _organisme(organisme)
    if not any(map(brut.__contains__, reperes)):
        return False  # le cas courant
    colle = "".join(c for c in brut if c.isalpha())
    services, plus_long = _mots_colles(mots_supplementaires)
    # Aucun morceau n'est plus long que le plus long des mots : le découpage est linéaire.
    longueur = max(longueur, plus_long)
    # Un état : la position, un repère lu, un mot de service (ou un sigle) lu, et ce qu'était
    # le morceau d'avant (0 rien, 1 un petit mot, 2 autre chose). Un petit mot ne commence
    # ni ne finit l'adresse (« cav » et « et » ne font pas « cavet »), ni ne précède un mot
    # de service (« l » et « enfant » font Lenfant) ; deux peuvent se suivre (« sur l' »).
    vus: set[tuple[int, bool, bool, int]] = set()
    pile = [(0, False, False, 0)]
    while pile:
        etat = pile.pop()
        debut, repere, service, avant = etat
        if debut == len(colle):
            if repere and service and avant == 2:
                return True
            continue
        if etat in vus:
            continue
        vus.add(etat)
        for fin in range(debut + 1, min(len(colle), debut + longueur) + 1):
            morceau = colle[debut:fin]
            if morceau in sigles:
                pile.append((fin, True, True, 2))
            elif morceau in propres or morceau in _ABREGES:
                pile.append((fin, repere or morceau in reperes, service, 2))
            elif morceau in services and avant != 1:
                pile.append((fin, repere, True, 2))
            elif morceau in LIENS and avant != 0:
                pile.append((fin, repere, service, 1))
    return False


def _initiales_en_tete(
    plie: str, initiales: frozenset[str], mots_supplementaires: frozenset[str]
) -> bool:
    """Des initiales (au moins deux lettres) qui sont un mot de l'adresse (chiffres de fin
    ôtés), ou qui la commencent suivies d'un mot de service d'au moins quatre lettres
    (« mf » et « cada », « jdmairie2 ») ; pas « cc » suivi de « as » : « ccas@ » reste la
    boîte du CCAS. Une expression par appel, sans découper le texte en mots."""
    longues = sorted(i for i in initiales if len(i) >= 2)
    if not longues:
        return False
    seules = "|".join(longues)  # des lettres seules : rien à échapper
    if re.search(rf"(?:^| )(?:{seules})[0-9]*(?: |$)", plie):
        return True
    services = _mots_service(mots_supplementaires)
    tete = plie.partition(" ")[0].rstrip("0123456789")
    return any(
        tete.startswith(i) and len(tete) - len(i) >= 4 and tete[len(i) :] in services
        for i in longues
    )


_SEPARATEUR: Final = r"[\s.\-_+'’`‐‑‒–—−]+"
_COUPURE: Final = re.compile(_SEPARATEUR)
_FIN_ADRESSE: Final = "0123456789 \t\n\r\f\v.-_+'’`‐‑‒–—−"
"""Ce que la fin d'une adresse peut porter après son dernier mot : chiffres et séparateurs."""


@functools.lru_cache(maxsize=64)
def _vocabulaire(
    mots_supplementaires: frozenset[str],
) -> tuple[frozenset[str], tuple[str, ...], int]:
    """Les mots qui marquent une adresse par son dernier mot : ceux de
    :data:`MARQUES_PARTOUT`, et ceux de la politique d'au moins trois lettres (« a » ne
    fait pas de « marie.a » une boîte de service) ; les terminaisons qui la marquent
    collées (les marques d'au moins six lettres ; pas celles de la politique : « maison »
    ne fait pas de « j.lamaison » une boîte) ; la longueur de la plus longue."""
    plies = {plier(m).replace(" ", "") for m in mots_supplementaires}
    simples = frozenset(MARQUES_PARTOUT | {m for m in plies if len(m) >= 3 and m.isalpha()})
    fins = tuple(sorted(m for m in MARQUES_PARTOUT if len(m) >= 6))
    return simples, fins, max(map(len, simples))


def _marque_ailleurs(brut: str, mots_supplementaires: frozenset[str]) -> bool:
    """Le dernier mot de l'adresse (chiffres et séparateurs de fin ôtés) est une marque de
    service, ou finit par l'une des plus longues (« cassagne.mairie », « aubemairie »,
    « cassagne.mairie.2 »). Seule la fin de l'adresse est lue : une partie locale de dix
    millions de caractères coûte ce qu'en coûte une de vingt."""
    simples, fins, longueur = _vocabulaire(mots_supplementaires)
    queue = brut.rstrip(_FIN_ADRESSE)[-(longueur + 1) :]
    dernier = _COUPURE.split(queue)[-1]
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


class _Filtre(NamedTuple):
    """Ce par quoi une adresse de service peut commencer ou finir (voir :func:`_filtre`) :
    les trois, puis quatre premières lettres des premiers mots des expressions, ceux de
    trois lettres (un chiffre, un séparateur ou la fin les suit), ceux d'une ou deux
    (« rh », suivis de n'importe quoi) ; les trois, puis quatre dernières lettres des
    marques, et celles de trois lettres (un mot entier : « x.rsa », pas « larsa »)."""

    debuts3: frozenset[str]
    debuts4: frozenset[str]
    debuts_mots: frozenset[str]
    debuts_courts: frozenset[str]
    fins3: frozenset[str]
    fins4: frozenset[str]
    fins_mots: frozenset[str]


@functools.lru_cache(maxsize=64)
def _filtre(mots_supplementaires: frozenset[str]) -> _Filtre | None:
    """Ce par quoi une adresse de service peut commencer ou finir. Une adresse reconnue
    commence par le premier mot d'une expression de service, suivi (s'il a moins de quatre
    lettres) d'un chiffre, d'un séparateur ou de rien, sauf devant « de », « des »… pour
    :data:`NON_COLLES` ; ou elle finit, chiffres et séparateurs ôtés, par une marque de
    :func:`_vocabulaire` (une marque de trois lettres, en mot entier). Une partie locale qui
    ne commence ni ne finit ainsi ne peut pas être reconnue : le filtre évite l'expression,
    deux cents alternatives, pour presque toutes les adresses nominatives ; lire quatre
    lettres plutôt que trois écarte Claire ou Girard (« cla » de « classe », « ard » de
    « standard »). ``None`` (pas de filtre) si un mot de la politique plié est vide (« - »),
    une marque a moins de trois lettres ou un mot de :data:`NON_COLLES` moins de quatre."""
    mots = _mots_service(mots_supplementaires)
    premiers = [m.split()[0] if m.split() else "" for m in mots]
    simples = _vocabulaire(mots_supplementaires)[0]
    if (
        "" in premiers
        or any(len(m) < 3 for m in simples)
        or any(len(m) < 4 for m in NON_COLLES & mots)
    ):
        return None
    return _Filtre(
        debuts3=frozenset(p[:3] for p in premiers if len(p) >= 3),
        debuts4=frozenset(p[:4] for p in premiers if len(p) >= 4),
        debuts_mots=frozenset(p for p in premiers if len(p) == 3),
        debuts_courts=frozenset(p for p in premiers if len(p) <= 2),
        fins3=frozenset(m[-3:] for m in simples),
        fins4=frozenset(m[-4:] for m in simples if len(m) >= 4),
        fins_mots=frozenset(m for m in simples if len(m) == 3),
    )


@functools.lru_cache(maxsize=64)
def _motif_service(mots_supplementaires: frozenset[str]) -> re.Pattern[str]:
    """Une seule expression, lue sur la partie locale en minuscules : un mot de service (ou
    de la politique) en tête, suivi de chiffres puis d'un séparateur ou de la fin ; ou un
    mot de service d'au moins quatre lettres collé au suivant (« accueilmairie »), sauf ceux
    qui commencent des noms (:data:`NON_COLLES`), collés seulement à « de », « des », « du »
    ou « pour » (« maisondesaidants », jamais « maisonneuve »)."""
    mots = _mots_service(mots_supplementaires)
    longs = frozenset(m for m in mots if len(m) >= 4 and m not in NON_COLLES)
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
