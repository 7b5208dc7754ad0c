"""Ce que rend une commande : accepté ou refusé, le nouvel état, les événements, les constats."""

from __future__ import annotations

from typing import Final

import attrs

from mcp_rules.fondations.rendu import Affichable, Bloc, Code, Paragraphe, Tableau, Teinte, Titre
from mcp_rules.modele.convention import Convention
from mcp_rules.modele.evenements import Evenement
from mcp_rules.regles.decision import en_tuple
from mcp_rules.regles.regle import AvecConstats, Constat, tableau_constats

__all__ = ["Resultat"]

_AUCUN: Final[tuple[Constat, ...]] = ()


@attrs.frozen(slots=True, kw_only=True)
class Resultat(AvecConstats, Affichable):
    """Ce que rend une commande.

    Accepté : ``convention`` est le nouvel état (ses événements ajoutés au journal) et
    ``evenements`` ce que le portail doit exécuter ou consigner. Refusé : ``convention``
    est **l'objet même** qui a été passé, sans aucun événement, et ``constats`` dit
    pourquoi (toutes les règles enfreintes à la fois).
    """

    accepte: bool
    convention: Convention
    evenements: tuple[Evenement, ...] = ()
    constats: tuple[Constat, ...] = attrs.field(default=_AUCUN, converter=en_tuple)

    def __bool__(self) -> bool:
        return self.accepte

    def __repr__(self) -> str:
        # Court, sur une ligne : la convention entière n'y est pas (voir vers_html).
        etat = "acceptée" if self.accepte else "refusée"
        codes = f" ({', '.join(self.codes)})" if self.constats else ""
        return (
            f"<Resultat {etat} : {len(self.evenements)} événement(s), "
            f"{len(self.constats)} constat(s){codes} ; convention {self.convention.numero}>"
        )

    def _blocs(self) -> tuple[Bloc, ...]:
        etat = Teinte("acceptée", "succes") if self.accepte else Teinte("refusée", "erreur")
        suite = (
            f" : {len(self.evenements)} événement(s) à consigner."
            if self.accepte
            else " : la convention est inchangée."
        )
        blocs: list[Bloc] = [
            Titre(f"Commande sur la convention {self.convention.numero}"),
            Paragraphe("Commande ", etat, suite),
        ]
        if self.evenements:
            blocs.append(Titre("Événements", 4))
            blocs.append(
                Tableau(
                    ("événement", "instant", "par", "à exécuter par le portail"),
                    [
                        (
                            Code(type(e).__name__),
                            e.instant.isoformat(),
                            str(e.par),
                            "oui" if e.a_executer else "",
                        )
                        for e in self.evenements
                    ],
                )
            )
        if self.constats:
            blocs.extend((Titre("Constats", 4), tableau_constats(self.constats)))
        return tuple(blocs)

    @property
    def a_executer(self) -> tuple[Evenement, ...]:
        """Les événements qui demandent une action au portail (courriels, PJ 3)."""
        return tuple(e for e in self.evenements if e.a_executer)
