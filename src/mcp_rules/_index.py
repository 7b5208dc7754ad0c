"""L'index d'une convention : ce qu'il faut pour répondre sans parcourir la convention.

Construit une fois par :class:`~mcp_rules.Convention` (qui est immuable, donc l'index
ne peut jamais être périmé) et gardé dans son cache. Une commande ne le reconstruit
pas : elle dérive l'index du nouvel état de celui de l'ancien, en ne recopiant que
les tables qu'elle change.

- ``groupes_par_membre`` : clé de compte → clés des groupes dont il est membre ;
- ``comptes_par_email`` : adresse en minuscules → clés des comptes qui l'utilisent ;
- ``administrateurs`` : clés des administrateurs ;
- ``groupes_geres`` : clé de compte → clés des groupes dont il est le gestionnaire.

Les réponses d'accès déjà calculées sont gardées à part, dans le cache de la
convention (``"acces"``), et repartent de zéro pour chaque nouvel état.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

from mcp_rules._controles import cle

if TYPE_CHECKING:
    from mcp_rules.modele import Convention, Groupe

__all__ = ["Index", "index"]

_PROFONDEUR_MAX: Final = 64


class Index:
    """Les tables dérivées d'une convention (usage interne, jamais modifiées après usage)."""

    __slots__ = (
        "administrateurs",
        "comptes_par_email",
        "groupes_geres",
        "groupes_par_membre",
    )

    def __init__(
        self,
        groupes_par_membre: dict[str, tuple[str, ...]],
        comptes_par_email: dict[str, tuple[str, ...]],
        administrateurs: frozenset[str],
        groupes_geres: dict[str, tuple[str, ...]],
    ) -> None:
        self.groupes_par_membre = groupes_par_membre
        self.comptes_par_email = comptes_par_email
        self.administrateurs = administrateurs
        self.groupes_geres = groupes_geres

    @classmethod
    def construire(cls, convention: Convention) -> Index:
        par_membre: dict[str, list[str]] = {}
        geres: dict[str, list[str]] = {}
        for k, groupe in convention._groupes.items():
            geres.setdefault(cle(groupe.gestionnaire), []).append(k)
            for membre in groupe.membres:
                par_membre.setdefault(cle(membre), []).append(k)
        par_email: dict[str, tuple[str, ...]] = {}
        for k, u in convention._utilisateurs.items():
            e = u.email.cle
            precedents = par_email.get(e)
            par_email[e] = (k,) if precedents is None else (*precedents, k)
        return cls(
            {k: tuple(sorted(v)) for k, v in par_membre.items()},
            par_email,
            frozenset(cle(a) for a in convention.administrateurs),
            {k: tuple(sorted(v)) for k, v in geres.items()},
        )

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
        groupes gérés. Seules les tables touchées sont recopiées.
        """
        return Index(
            _appliquer(self.groupes_par_membre, membres, trier=True),
            _appliquer(self.comptes_par_email, emails, trier=False),
            self.administrateurs if administrateurs is None else administrateurs,
            _appliquer(self.groupes_geres, gestionnaires, trier=True),
        )


def _appliquer(
    table: dict[str, tuple[str, ...]], changements: Iterable[tuple[str, str, bool]], *, trier: bool
) -> dict[str, tuple[str, ...]]:
    changements = list(changements)
    if not changements:
        return table
    nouvelle = dict(table)
    for cle_, valeur, ajoutee in changements:
        actuelles = nouvelle.get(cle_, ())
        if ajoutee:
            if valeur not in actuelles:
                suite = (*actuelles, valeur)
                nouvelle[cle_] = tuple(sorted(suite)) if trier else suite
        else:
            reste = tuple(v for v in actuelles if v != valeur)
            if reste:
                nouvelle[cle_] = reste
            else:
                nouvelle.pop(cle_, None)
    return nouvelle


def index(convention: Convention) -> Index:
    """L'index de la convention, construit au premier usage puis gardé."""
    trouve: Index | None = convention._cache.get("index")
    if trouve is None:
        trouve = Index.construire(convention)
        convention._cache["index"] = trouve
    return trouve


def ancetres(convention: Convention, groupe: Groupe) -> Iterable[Groupe]:
    """Le groupe puis ses parents successifs, jusqu'à la racine."""
    courant: Groupe | None = groupe
    for _ in range(_PROFONDEUR_MAX):
        if courant is None:
            return
        yield courant
        parent = courant.parent
        courant = None if parent is None else convention._groupes.get(cle(parent))


def racine(convention: Convention, groupe: Groupe) -> Groupe:
    """Le groupe de tête dont ``groupe`` descend (lui-même s'il n'a pas de parent)."""
    dernier = groupe
    for g in ancetres(convention, groupe):
        dernier = g
    return dernier
