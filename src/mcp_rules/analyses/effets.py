"""Ce que dit une simulation : chaque commande, qui gagne et qui perd, les constats.

Les types que rend :func:`~mcp_rules.analyses.simulation.simuler` : :class:`Changement`
(les profils et services qu'un compte gagne ou perd) et :class:`Simulation` (le tout, qui
s'affiche dans un terminal, en Markdown ou dans un notebook).
"""

from __future__ import annotations

import attrs

from mcp_rules.commandes import Resultat
from mcp_rules.fondations.enumerations import ProfilT, Service
from mcp_rules.fondations.rendu import (
    Affichable,
    Bloc,
    Code,
    Paragraphe,
    Tableau,
    Teinte,
    Titre,
    md,
    sur_une_ligne,
)
from mcp_rules.modele.convention import Convention
from mcp_rules.regles.regle import Constat, tableau_constats

__all__ = ["Changement", "Simulation"]


@attrs.frozen(slots=True, kw_only=True)
class Changement:
    """Ce qu'un compte gagne ou perd : profils CDAP et accès aux services."""

    identifiant: str
    avant: tuple[ProfilT, ...]
    apres: tuple[ProfilT, ...]
    services_avant: tuple[Service, ...]
    services_apres: tuple[Service, ...]

    @property
    def gagnes(self) -> tuple[ProfilT, ...]:
        """Les profils gagnés."""
        return tuple(p for p in self.apres if p not in self.avant)

    @property
    def perdus(self) -> tuple[ProfilT, ...]:
        """Les profils perdus."""
        return tuple(p for p in self.avant if p not in self.apres)

    @property
    def services_gagnes(self) -> tuple[Service, ...]:
        """Les services dont l'accès est gagné."""
        return tuple(s for s in self.services_apres if s not in self.services_avant)

    @property
    def services_perdus(self) -> tuple[Service, ...]:
        """Les services dont l'accès est perdu."""
        return tuple(s for s in self.services_avant if s not in self.services_apres)

    def resume(self) -> str:
        """« gagne T1 ; n'accède plus à AFAS » : le changement en une ligne."""
        details = []
        if self.gagnes:
            details.append("gagne " + ", ".join(p.value for p in self.gagnes))
        if self.perdus:
            details.append("perd " + ", ".join(p.value for p in self.perdus))
        if self.services_gagnes:
            details.append("accède à " + ", ".join(v.value for v in self.services_gagnes))
        if self.services_perdus:
            details.append("n'accède plus à " + ", ".join(v.value for v in self.services_perdus))
        return " ; ".join(details)


@attrs.frozen(slots=True, kw_only=True)
class Simulation(Affichable):
    """L'effet prévu d'une suite de commandes."""

    resultats: tuple[Resultat, ...]
    convention: Convention
    changements: tuple[Changement, ...]
    nouveaux_constats: tuple[Constat, ...]
    constats_resolus: tuple[Constat, ...]

    @property
    def toutes_acceptees(self) -> bool:
        """Vrai si chaque commande a été acceptée."""
        return all(r.accepte for r in self.resultats)

    def __repr__(self) -> str:
        acceptees = sum(r.accepte for r in self.resultats)
        return (
            f"<Simulation : {len(self.resultats)} commande(s), {acceptees} acceptée(s), "
            f"{len(self.changements)} compte(s) changé(s), {len(self.nouveaux_constats)} "
            f"constat(s) nouveau(x), {len(self.constats_resolus)} résolu(s)>"
        )

    def _blocs(self) -> tuple[Bloc, ...]:
        blocs: list[Bloc] = [
            Titre(f"Simulation sur la convention {self.convention.numero}"),
            Tableau(
                ("commande", "verdict", "règles"),
                [
                    (
                        i,
                        Teinte("acceptée", "succes") if r.accepte else Teinte("refusée", "erreur"),
                        Code(", ".join(r.codes)) if r.codes else "",
                    )
                    for i, r in enumerate(self.resultats, 1)
                ],
            ),
            Titre("Qui gagne, qui perd", 4),
        ]
        if self.changements:
            blocs.append(
                Tableau(
                    ("compte", "profils gagnés", "profils perdus", "services gagnés", "perdus"),
                    [
                        (
                            Code(c.identifiant),
                            " ".join(p.value for p in c.gagnes),
                            " ".join(p.value for p in c.perdus),
                            " ".join(s.value for s in c.services_gagnes),
                            " ".join(s.value for s in c.services_perdus),
                        )
                        for c in self.changements
                    ],
                )
            )
        else:
            blocs.append(Paragraphe("Aucun accès ne change."))
        for titre, constats in (
            ("Constats nouveaux", self.nouveaux_constats),
            ("Constats résolus", self.constats_resolus),
        ):
            if constats:
                blocs.extend((Titre(titre, 4), tableau_constats(constats)))
        return tuple(blocs)

    def texte(self, *, markdown: bool = False) -> str:
        """L'effet prévu, pour un terminal ou en Markdown : chaque commande, qui gagne et qui
        perd, les constats qui apparaissent ou disparaissent."""
        echappe = md if markdown else sur_une_ligne
        puce = "- " if markdown else "  "
        retrait = "  " if markdown else "    "
        lignes = ["### Simulation" if markdown else "Simulation", ""]
        for i, r in enumerate(self.resultats, 1):
            etat = "acceptée" if r.accepte else "refusée"
            codes = f" ({', '.join(r.codes)})" if r.codes else ""
            lignes.append(f"{puce}commande {i} : {etat}{codes}")
            lignes.extend(
                f"{retrait}{puce}{c.severite.libelle} {c.code} : {echappe(c.message)}"
                for c in r.constats
            )
        lignes.extend(
            ["", "Qui gagne, qui perd :" if self.changements else "Aucun accès ne change."]
        )
        lignes.extend(f"{puce}{echappe(x.identifiant)} : {x.resume()}" for x in self.changements)
        for titre, liste in (
            ("Nouveaux constats", self.nouveaux_constats),
            ("Constats résolus", self.constats_resolus),
        ):
            if liste:
                lignes.extend(["", f"{titre} :"])
                lignes.extend(
                    f"{puce}{c.severite.libelle} {c.code}"
                    + (f" [{echappe(c.cible)}]" if c.cible else "")
                    + f" : {echappe(c.message)}"
                    for c in liste
                )
        return "\n".join(lignes) + "\n"
