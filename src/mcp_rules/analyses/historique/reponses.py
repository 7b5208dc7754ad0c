"""Ce que rend l'histoire : accès passés, périodes, actes, et leur affichage."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import attrs

from mcp_rules.fondations.enumerations import ProfilT
from mcp_rules.fondations.rendu import (
    Affichable,
    Bloc,
    Code,
    Gras,
    Paragraphe,
    Tableau,
    Teinte,
    Titre,
)
from mcp_rules.modele.evenements import Evenement

__all__ = [
    "AccesPasse",
    "AccesPendant",
    "Acte",
    "Actes",
    "Habilitation",
    "Periode",
    "Periodes",
    "filtrer",
    "peut_avoir",
]


@attrs.frozen(slots=True, kw_only=True)
class Habilitation:
    """Un profil tenu par un compte grâce à un groupe, et qui le lui a donné.

    ``adhesion`` est l'événement qui a fait entrer le compte dans le groupe, ``attribution``
    celui qui a donné son rôle au groupe ; ``None`` : avant le premier événement du journal.
    """

    profil: ProfilT
    groupe: str
    adhesion: Evenement | None = None
    attribution: Evenement | None = None


def _profils_textes(profils: Iterable[ProfilT]) -> str:
    return ", ".join(p.value for p in profils) or "aucun"


def _quand(e: Evenement | None) -> str:
    if e is None:
        return "avant le journal"
    par = e.par if isinstance(e.par, str) else "la Caf"
    return f"{e.instant.isoformat()} par {par}"


@attrs.frozen(slots=True, kw_only=True)
class AccesPasse(Affichable):
    """L'accès CDAP d'un compte à un instant passé (``du == au``) ou pendant un intervalle.

    ``profils`` sont les profils que le journal établit (à l'instant, ou à un moment de
    l'intervalle), ``habilitations`` d'où ils viennent et qui les a donnés. ``incertains``
    sont des profils que le compte a peut-être tenus sans que le journal permette de
    l'établir, ``donnees_manquantes`` ce qui manque pour trancher, ``motifs`` l'explique.
    """

    identifiant: str
    du: datetime
    au: datetime
    profils: tuple[ProfilT, ...] = ()
    habilitations: tuple[Habilitation, ...] = ()
    incertains: tuple[ProfilT, ...] = ()
    donnees_manquantes: tuple[str, ...] = ()
    motifs: tuple[str, ...] = ()

    @property
    def autorise(self) -> bool:
        """Vrai si le journal établit au moins un profil."""
        return bool(self.profils)

    @property
    def certain(self) -> bool:
        """Vrai si la réponse est complète : rien ne manque pour trancher."""
        return not self.donnees_manquantes

    @property
    def groupes(self) -> tuple[tuple[str, ProfilT], ...]:
        """(groupe, profil), comme :attr:`mcp_rules.AccesCdap.groupes`."""
        return tuple((h.groupe, h.profil) for h in self.habilitations)

    def __repr__(self) -> str:
        quand = self.du.isoformat() if self.du == self.au else f"{self.du.isoformat()} → …"
        reste = "" if self.certain else f", incertain ({', '.join(self.donnees_manquantes)})"
        return f"<AccesPasse {self.identifiant} {quand} : {_profils_textes(self.profils)}{reste}>"

    def _blocs(self) -> tuple[Bloc, ...]:
        quand = (
            f"le {self.du.isoformat()}"
            if self.du == self.au
            else f"du {self.du.isoformat()} au {self.au.isoformat()}"
        )
        blocs: list[Bloc] = [
            Paragraphe(
                Gras(self.identifiant), f" {quand} : profils {_profils_textes(self.profils)}"
            )
        ]
        if self.habilitations:
            blocs.append(_tableau_habilitations([self]))
        if self.incertains or self.motifs:
            peut_etre = (
                f" (peut-être aussi : {_profils_textes(self.incertains)})"
                if self.incertains
                else ""
            )
            blocs.append(
                Paragraphe(
                    Teinte("incertain", "avertissement") if not self.certain else "",
                    peut_etre + (" : " if not self.certain else "") + " ".join(self.motifs),
                )
            )
        return tuple(blocs)


def _tableau_habilitations(acces: Iterable[AccesPasse]) -> Tableau:
    return Tableau(
        ("compte", "profil", "groupe", "dans le groupe depuis", "rôle du groupe depuis"),
        [
            (
                Code(a.identifiant),
                h.profil.value,
                Code(h.groupe),
                _quand(h.adhesion),
                _quand(h.attribution),
            )
            for a in acces
            for h in a.habilitations
        ],
    )


@attrs.frozen(slots=True, kw_only=True)
class AccesPendant(Affichable):
    """Qui avait accès à CDAP (et avec quels profils) à un instant ou pendant un intervalle.

    ``comptes`` : une réponse par compte qui avait (ou a peut-être eu) accès, triées par
    identifiant ; ``debut_journal`` : le premier instant que le journal couvre.
    """

    convention: str
    du: datetime
    au: datetime
    profil: ProfilT | None
    debut_journal: datetime | None
    comptes: tuple[AccesPasse, ...]

    @property
    def certains(self) -> tuple[AccesPasse, ...]:
        """Les comptes dont l'accès est établi."""
        return tuple(a for a in self.comptes if a.autorise)

    @property
    def incertains(self) -> tuple[AccesPasse, ...]:
        """Les comptes dont l'accès n'est pas établi mais reste possible."""
        return tuple(a for a in self.comptes if not a.autorise)

    def __repr__(self) -> str:
        return (
            f"<AccesPendant {self.convention} : {len(self.certains)} compte(s) avec accès, "
            f"{len(self.incertains)} incertain(s)>"
        )

    def _blocs(self) -> tuple[Bloc, ...]:
        quand = (
            f"le {self.du.isoformat()}"
            if self.du == self.au
            else f"du {self.du.isoformat()} au {self.au.isoformat()}"
        )
        quoi = f"avec le profil {self.profil.value}" if self.profil is not None else "à CDAP"
        blocs: list[Bloc] = [
            Titre(f"Qui avait accès {quoi} {quand} — convention {self.convention}")
        ]
        if self.debut_journal is None:
            blocs.append(Paragraphe("Le journal est vide : aucun instant passé n'est établi."))
        else:
            blocs.append(Paragraphe(f"Le journal commence le {self.debut_journal.isoformat()}."))
        if self.certains:
            blocs.append(_tableau_habilitations(self.certains))
        else:
            blocs.append(Paragraphe("Aucun accès établi."))
        if self.incertains:
            blocs.append(Titre("Accès possibles, non établis", 4))
            blocs.append(
                Tableau(
                    ("compte", "profils possibles", "ce qui manque"),
                    [
                        (Code(a.identifiant), _profils_textes(a.incertains), " ".join(a.motifs))
                        for a in self.incertains
                    ],
                )
            )
        return tuple(blocs)


@attrs.frozen(slots=True, kw_only=True)
class Periode:
    """Un intervalle ``[debut, fin)`` ; ``fin`` vaut ``None`` si la période dure encore à la
    fin du journal ; ``certaine`` est faux si le journal ne permet pas de l'établir."""

    debut: datetime
    fin: datetime | None
    certaine: bool = True


@attrs.frozen(slots=True, kw_only=True)
class Periodes(Affichable):
    """Les périodes pendant lesquelles un compte a tenu un profil CDAP ou atteint un service."""

    identifiant: str
    quoi: str
    periodes: tuple[Periode, ...]
    donnees_manquantes: tuple[str, ...] = ()
    motifs: tuple[str, ...] = ()

    @property
    def certain(self) -> bool:
        """Vrai si chaque période est établie."""
        return not self.donnees_manquantes

    def __repr__(self) -> str:
        return f"<Periodes {self.identifiant} {self.quoi} : {len(self.periodes)} période(s)>"

    def _blocs(self) -> tuple[Bloc, ...]:
        blocs: list[Bloc] = [Titre(f"{self.identifiant} : périodes {self.quoi}")]
        if self.periodes:
            blocs.append(
                Tableau(
                    ("du", "au", "établie"),
                    [
                        (
                            p.debut.isoformat(),
                            p.fin.isoformat() if p.fin is not None else "aujourd'hui",
                            Teinte("oui", "succes")
                            if p.certaine
                            else Teinte("non établie", "avertissement"),
                        )
                        for p in self.periodes
                    ],
                )
            )
        else:
            blocs.append(Paragraphe("Aucune période."))
        if self.motifs:
            blocs.append(Paragraphe(" ".join(self.motifs)))
        return tuple(blocs)


@attrs.frozen(slots=True, kw_only=True)
class Acte:
    """Un événement du journal qui touche un compte ou un groupe, et sa description."""

    position: int
    evenement: Evenement
    description: str


@attrs.frozen(slots=True, kw_only=True)
class Actes(Affichable):
    """Qui a agi sur un compte ou un groupe, et quand (dans l'ordre du journal)."""

    sujet: str
    actes: tuple[Acte, ...]

    def __repr__(self) -> str:
        return f"<Actes {self.sujet} : {len(self.actes)} événement(s)>"

    def _blocs(self) -> tuple[Bloc, ...]:
        if not self.actes:
            return (Titre(f"Actes sur {self.sujet}"), Paragraphe("Aucun événement au journal."))
        return (
            Titre(f"Actes sur {self.sujet}"),
            Tableau(
                ("instant", "par", "quoi"),
                [
                    (
                        a.evenement.instant.isoformat(),
                        Code(a.evenement.par if isinstance(a.evenement.par, str) else "Caf"),
                        a.description,
                    )
                    for a in self.actes
                ],
            ),
        )


def peut_avoir(a: AccesPasse) -> bool:
    """Un compte dont rien n'est sûr (avant le journal) a pu tenir un profil."""
    return "journal" in a.donnees_manquantes


def filtrer(a: AccesPasse, p: ProfilT) -> AccesPasse:
    """La réponse restreinte à un profil."""
    tient = p in a.profils
    possible = p in a.incertains or (not tient and peut_avoir(a))
    return attrs.evolve(
        a,
        profils=(p,) if tient else (),
        habilitations=tuple(h for h in a.habilitations if h.profil is p),
        incertains=(p,) if possible and not tient else (),
        donnees_manquantes=a.donnees_manquantes if possible and not tient else (),
        motifs=a.motifs if possible and not tient else (),
    )
