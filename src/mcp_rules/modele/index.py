"""L'index d'une convention : ce qu'il faut pour répondre sans parcourir la convention.

Construit une fois par :class:`~mcp_rules.Convention` (qui est immuable, donc l'index
ne peut jamais être périmé) et gardé dans son cache. Une commande ne le reconstruit
pas : elle dérive l'index du nouvel état de celui de l'ancien, sans rien recopier.

Les tables construites sont des ``dict`` : un audit, une décision, une matrice ne font
que les lire, et bâtir une table persistante d'un million de clés coûte une seconde
(deux tables : 1,5 s des 30 d'un audit de bout en bout à 1 000 000 de comptes). Une
commande ne les modifie pas : elle pose ses changements dans les *écarts* de l'index
dérivé, une table persistante (``immutables.Map``) qui ne tient que les clés changées
depuis la construction, partagée avec les états d'avant, dont elle ne recopie que le
chemin touché. Une lecture regarde les écarts, puis la table construite.

- :meth:`Index.groupes_de` : clé de compte → clés des groupes dont il est membre ;
- :meth:`Index.comptes_de` : adresse en minuscules → clés des comptes qui l'utilisent
  (:meth:`Index.adresses_partagees` : celles qu'en utilisent plusieurs) ;
- ``administrateurs`` : clés des administrateurs ;
- :meth:`Index.geres_par` : clé de compte → clés des groupes dont il est le gestionnaire.

Les réponses d'accès déjà calculées sont gardées à part, dans le cache de la
convention (``"acces"``), et repartent de zéro pour chaque nouvel état.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from typing import Final, Protocol

import immutables

from mcp_rules.fondations.controles import cle
from mcp_rules.fondations.ramasse_miettes import sans_ramasse_miettes
from mcp_rules.modele.convention import Convention
from mcp_rules.modele.groupe import Groupe
from mcp_rules.modele.utilisateur import Utilisateur

__all__ = ["Index", "ancetres", "comptes_en_memoire", "groupes_du_compte", "index"]

_PROFONDEUR_MAX: Final = 64


Multiple = str | tuple[str, ...]
"""Une valeur d'index : une seule clé (le cas courant, sans tuple à allouer) ou plusieurs."""


def _plusieurs(valeur: Multiple | None) -> tuple[str, ...]:
    if valeur is None:
        return ()
    return (valeur,) if type(valeur) is str else valeur  # type: ignore[return-value]


class _Modifiable(Protocol):
    """Ce que demandent :func:`_ajouter` et :func:`_retirer` : un ``dict`` à la construction,
    une table construite vue sous ses écarts (:class:`_Superposition`) quand une commande
    la dérive."""

    def get(self, cle_: str, /) -> Multiple | None: ...
    def __setitem__(self, cle_: str, valeur: Multiple, /) -> None: ...
    def __delitem__(self, cle_: str, /) -> None: ...


def _ajouter(table: _Modifiable, cle_: str, valeur: str) -> None:
    actuelle = table.get(cle_)
    if actuelle is None:
        table[cle_] = valeur
        return
    valeurs = _plusieurs(actuelle)
    if valeur not in valeurs:
        suite = (*valeurs, valeur)
        table[cle_] = tuple(sorted(suite))


def _retirer(table: _Modifiable, cle_: str, valeur: str) -> None:
    actuelle = table.get(cle_)
    reste = tuple(v for v in _plusieurs(actuelle) if v != valeur)
    if not reste:
        if actuelle is not None:
            del table[cle_]
    else:
        table[cle_] = reste[0] if len(reste) == 1 else reste


Ecarts = immutables.Map[str, Multiple | None]
"""Ce que des commandes ont changé dans une table depuis sa construction : la nouvelle
valeur d'une clé, ou ``None`` pour une clé retirée."""

_NON_VU: Final = object()


class _Superposition:
    """Une table construite (``dict``, jamais modifiée) vue sous les écarts qu'une commande
    y pose (``Map.mutate()``) : ce que demandent :func:`_ajouter` et :func:`_retirer`."""

    __slots__ = ("_base", "_ecarts")

    def __init__(
        self, base: dict[str, Multiple], ecarts: immutables.MapMutation[str, Multiple | None]
    ) -> None:
        self._base = base
        self._ecarts = ecarts

    def get(self, cle_: str, /) -> Multiple | None:
        v = self._ecarts.get(cle_, _NON_VU)
        return self._base.get(cle_) if v is _NON_VU else v  # type: ignore[return-value]

    def __setitem__(self, cle_: str, valeur: Multiple, /) -> None:
        self._ecarts[cle_] = valeur

    def __delitem__(self, cle_: str, /) -> None:
        if cle_ in self._base:
            self._ecarts[cle_] = None  # masque la clé de la table construite
        else:
            del self._ecarts[cle_]


def _lire(base: dict[str, Multiple], ecarts: Ecarts | None, cle_: str) -> Multiple | None:
    if ecarts is not None:
        v = ecarts.get(cle_, _NON_VU)
        if v is not _NON_VU:
            return v  # type: ignore[return-value]
    return base.get(cle_)


def _parcourir(base: dict[str, Multiple], ecarts: Ecarts | None) -> Iterator[tuple[str, Multiple]]:
    if ecarts is None:
        yield from base.items()
        return
    for k, v in base.items():
        if k not in ecarts:
            yield k, v
    for k, ecart in ecarts.items():
        if ecart is not None:
            yield k, ecart


_VIDE: Final[Ecarts] = immutables.Map()


def _appliquer(
    base: dict[str, Multiple], ecarts: Ecarts | None, changements: Iterable[tuple[str, str, bool]]
) -> Ecarts | None:
    """Les écarts d'une table après ces changements (les précédents ne bougent pas)."""
    changements = list(changements)
    if not changements:
        return ecarts
    mutation = (_VIDE if ecarts is None else ecarts).mutate()
    vue = _Superposition(base, mutation)
    for cle_, valeur, ajoutee in changements:
        if ajoutee:
            _ajouter(vue, cle_, valeur)
        else:
            _retirer(vue, cle_, valeur)
    fini: Ecarts = mutation.finish()
    return fini or None


class Index:
    """Les tables dérivées d'une convention (usage interne, jamais modifiées après usage).

    Une valeur seule est gardée telle quelle, plusieurs en tuple trié : la plupart des
    comptes sont dans un groupe et ont une adresse à eux, et 100 000 tuples d'un élément
    coûteraient 5 Mo pour rien. Les méthodes rendent toujours des tuples.

    Chaque table tient en deux parts : le ``dict`` construit (partagé par tous les index
    qui en dérivent, jamais modifié) et ses écarts (``None`` : aucun), voir le module.
    """

    __slots__ = (
        "_ecarts_email",
        "_ecarts_geres",
        "_ecarts_membre",
        "_geres",
        "_par_email",
        "_par_membre",
        "administrateurs",
    )

    def __init__(
        self,
        par_membre: dict[str, Multiple],
        par_email: dict[str, Multiple],
        administrateurs: frozenset[str],
        geres: dict[str, Multiple],
        ecarts_membre: Ecarts | None = None,
        ecarts_email: Ecarts | None = None,
        ecarts_geres: Ecarts | None = None,
    ) -> None:
        self._par_membre = par_membre
        self._par_email = par_email
        self.administrateurs = administrateurs
        self._geres = geres
        self._ecarts_membre = ecarts_membre
        self._ecarts_email = ecarts_email
        self._ecarts_geres = ecarts_geres

    @classmethod
    @sans_ramasse_miettes
    def construire(
        cls, convention: Convention, comptes: Iterable[Utilisateur] | None = None
    ) -> Index:
        """L'index de la convention, en un passage sur ses groupes et un sur ses comptes.

        ``comptes`` : les comptes de la convention, tous, dans l'ordre où les parcourir
        (par défaut, celui de sa table) ; l'index n'en dépend pas, seul le temps de sa
        construction (voir :func:`comptes_en_memoire`).

        Le ramasse-miettes cyclique est suspendu pendant la construction : elle crée des
        centaines de milliers d'objets qui survivent tous (les tables) et aucun cycle ; à
        100 000 comptes, ses collectes coûtaient plus que la construction elle-même.
        """
        par_membre: dict[str, Multiple] = {}
        geres: dict[str, Multiple] = {}
        for k, groupe in convention._groupes.items():
            _ajouter(geres, cle(groupe.gestionnaire), k)
            for membre in groupe.membres:
                m = cle(membre)
                if m in par_membre:
                    _ajouter(par_membre, m, k)
                else:
                    par_membre[m] = k  # le cas courant, un premier groupe : sans appel
        par_email: dict[str, Multiple] = {}
        paires = (
            convention._utilisateurs.items()
            if comptes is None
            else ((cle(u.identifiant), u) for u in comptes)
        )
        for k, u in paires:
            e = u.email.cle
            if e in par_email:
                _ajouter(par_email, e, k)
            else:
                par_email[e] = k  # le cas courant, une adresse à un seul compte : sans appel
        return cls(
            par_membre, par_email, frozenset(cle(a) for a in convention.administrateurs), geres
        )

    def groupes_de(self, compte: str) -> tuple[str, ...]:
        """Les clés des groupes dont le compte (sa clé) est membre, triées."""
        if self._ecarts_membre is None:  # le chemin des décisions : sans appel de plus
            return _plusieurs(self._par_membre.get(compte))
        return _plusieurs(_lire(self._par_membre, self._ecarts_membre, compte))

    def lecteur_des_groupes(self) -> Callable[[str], Multiple | None]:
        """Les groupes d'un compte (sa clé) sous leur forme d'index, pour un passage sur
        tous les comptes : ``None`` s'il n'est membre d'aucun, la clé de son groupe s'il
        n'en a qu'un (sans tuple à créer), sinon le tuple trié des clés ;
        :meth:`groupes_de` rend toujours un tuple."""
        if self._ecarts_membre is None:
            return self._par_membre.get
        return functools.partial(_lire, self._par_membre, self._ecarts_membre)

    def comptes_de(self, adresse: str) -> tuple[str, ...]:
        """Les clés des comptes qui ont cette adresse (en minuscules), triées : l'ordre ne
        dépend ni de l'ordre de lecture, ni du hachage des tables."""
        if self._ecarts_email is None:
            return _plusieurs(self._par_email.get(adresse))
        return _plusieurs(_lire(self._par_email, self._ecarts_email, adresse))

    def geres_par(self, compte: str) -> tuple[str, ...]:
        """Les clés des groupes dont le compte (sa clé) est le gestionnaire, triées."""
        if self._ecarts_geres is None:
            return _plusieurs(self._geres.get(compte))
        return _plusieurs(_lire(self._geres, self._ecarts_geres, compte))

    def membres(self) -> Iterator[tuple[str, tuple[str, ...]]]:
        """Chaque compte membre d'au moins un groupe, avec ses groupes."""
        for k, v in _parcourir(self._par_membre, self._ecarts_membre):
            yield k, _plusieurs(v)

    def adresses_partagees(self) -> Iterator[tuple[str, tuple[str, ...]]]:
        """Chaque adresse (en minuscules) qu'utilisent plusieurs comptes, avec eux."""
        for e, v in _parcourir(self._par_email, self._ecarts_email):
            if type(v) is tuple:
                yield e, v

    def derive(
        self,
        *,
        membres: Iterable[tuple[str, str, bool]] = (),
        emails: Iterable[tuple[str, str, bool]] = (),
        gestionnaires: Iterable[tuple[str, str, bool]] = (),
        administrateurs: frozenset[str] | None = None,
    ) -> Index:
        """Un nouvel index après une commande.

        Chaque changement est un triplet (clé, valeur, ajoutée ?) : (compte, groupe) pour
        les membres, (adresse, compte) pour les adresses, (gestionnaire, groupe) pour les
        groupes gérés. Les tables construites sont partagées telles quelles ; les
        changements vont dans les écarts, persistants, dont seul le chemin des clés
        touchées est recopié : en temps logarithmique, quelle que soit la taille de la
        convention, dès la première commande.
        """
        return Index(
            self._par_membre,
            self._par_email,
            self.administrateurs if administrateurs is None else administrateurs,
            self._geres,
            _appliquer(self._par_membre, self._ecarts_membre, membres),
            _appliquer(self._par_email, self._ecarts_email, emails),
            _appliquer(self._geres, self._ecarts_geres, gestionnaires),
        )


def index(convention: Convention, comptes: Iterable[Utilisateur] | None = None) -> Index:
    """L'index de la convention, construit au premier usage puis gardé (``comptes`` : voir
    :meth:`Index.construire` ; sans effet quand l'index existe déjà)."""
    trouve: Index | None = convention._cache.get("index")
    if trouve is None:
        trouve = Index.construire(convention, comptes)
        convention._cache["index"] = trouve
    return trouve


def comptes_en_memoire(convention: Convention) -> list[Utilisateur]:
    """Les comptes de la convention dans l'ordre de leurs adresses en mémoire.

    Le même ensemble que sa table, dans un autre ordre : celui où un passage sur tous les
    comptes lit la mémoire d'un bout à l'autre. La table (un HAMT) rend ses comptes dans
    l'ordre du hachage de leurs clés, c'est-à-dire au hasard de la mémoire : à 1 000 000
    de comptes, presque chaque compte lu manquait au cache. L'index et l'audit d'un million
    de comptes lus d'un fichier prenaient 14,5 à 17,1 s CPU dans l'ordre de la table, et
    12,0 à 13,2 s dans celui-ci, son calcul (0,6 s) compris (deux passages alternés, même
    rapport). Rien de ce qu'on en tire ne dépend de l'ordre : seulement le temps du passage
    (``tests/property/test_ordre_des_passages.py``).
    """
    return sorted(convention._utilisateurs.values(), key=id)


def groupes_du_compte(convention: Convention, idx: Index, compte: str) -> list[Groupe]:
    """Les groupes dont le compte (sa clé) est membre, dans l'ordre des codes."""
    return [convention._groupes[gk] for gk in idx.groupes_de(compte)]


def ancetres(convention: Convention, groupe: Groupe) -> Iterable[Groupe]:
    """Le groupe puis ses parents successifs, jusqu'à la racine."""
    courant: Groupe | None = groupe
    for _ in range(_PROFONDEUR_MAX):
        if courant is None:
            return
        yield courant
        parent = courant.parent
        courant = None if parent is None else convention._groupes.get(cle(parent))
