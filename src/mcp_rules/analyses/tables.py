"""Les tables de décision des profils : chaque profil × chaque fonction × données présentes ou
manquantes, avec le verdict des règles ELIG et leurs codes — à relire et à signer, tirées des
règles elles-mêmes.

>>> from mcp_rules import table_de_decision
>>> table = table_de_decision()
>>> len(table.lignes)
180
>>> print(table.vers_markdown().splitlines()[2])
| T1 | Assistant(e) social(e) | présentes | oui | MCP-ELIG-01 |
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from typing import Final

import attrs

from mcp_rules.decisions.eligibilite import eligibilite
from mcp_rules.fondations.enumerations import Fonction, ProfilT
from mcp_rules.fondations.rendu import Affichable, Bloc, Code, Tableau, Teinte, Titre
from mcp_rules.modele import Politique, Utilisateur
from mcp_rules.valeurs.numero_instructeur import NumeroInstructeur

__all__ = ["LigneDecision", "TableDecision", "table_de_decision"]

_INSTANT_TABLE: Final = datetime(2026, 1, 1, tzinfo=UTC)


@attrs.frozen(slots=True, kw_only=True)
class LigneDecision:
    """Un cas : profil, fonction, données présentes ou manquantes → verdict et codes."""

    profil: ProfilT
    fonction: Fonction
    donnees_presentes: bool
    autorise: bool
    codes: tuple[str, ...]
    donnees_manquantes: tuple[str, ...]


@attrs.frozen(slots=True, kw_only=True)
class TableDecision(Affichable):
    """Toutes les combinaisons profil × fonction × données, tirées des règles ELIG."""

    lignes: tuple[LigneDecision, ...]

    def __repr__(self) -> str:
        permis = sum(x.autorise for x in self.lignes)
        return f"<TableDecision : {len(self.lignes)} cas, {permis} permis>"

    def _blocs(self) -> tuple[Bloc, ...]:
        return (
            Titre("Table de décision des profils"),
            Tableau(
                ("profil", "fonction", "données", "permis", "règles"),
                [
                    (
                        Code(x.profil.value),
                        x.fonction.libelle,
                        "présentes" if x.donnees_presentes else "manquantes",
                        Teinte("oui", "succes") if x.autorise else Teinte("non", "erreur"),
                        Code(", ".join(x.codes)),
                    )
                    for x in self.lignes
                ],
            ),
        )

    def vers_markdown(self) -> str:
        """La table en Markdown (une ligne par cas)."""
        lignes = ["| profil | fonction | données | permis | règles |", "|---|---|---|---|---|"]
        lignes.extend(
            f"| {x.profil.value} | {x.fonction.libelle} | "
            f"{'présentes' if x.donnees_presentes else 'manquantes'} | "
            f"{'oui' if x.autorise else 'non'} | {', '.join(x.codes)} |"
            for x in self.lignes
        )
        return "\n".join(lignes) + "\n"

    def vers_csv(self) -> str:
        """La table en CSV."""
        sortie = io.StringIO()
        ecrivain = csv.writer(sortie, lineterminator="\n")
        ecrivain.writerow(
            ["profil", "fonction", "donnees", "permis", "regles", "donnees_manquantes"]
        )
        for x in self.lignes:
            ecrivain.writerow(
                [
                    x.profil.value,
                    x.fonction.value,
                    "presentes" if x.donnees_presentes else "manquantes",
                    "oui" if x.autorise else "non",
                    " ".join(x.codes),
                    " ".join(x.donnees_manquantes),
                ]
            )
        return sortie.getvalue()


def _compte_type(fonction: Fonction, donnees: bool) -> Utilisateur:
    return Utilisateur(
        identifiant="cas.type",
        nom="Type",
        prenom="Cas",
        email="cas.type@exemple.fr",
        cree_le=_INSTANT_TABLE,
        fonction=fonction,
        numero_instructeur=NumeroInstructeur.parse("093A1230100000") if donnees else None,
        code_bailleur="B123456" if donnees else None,
        diplome_etat="DEASS" if donnees else None,
        mandats=frozenset({"1234567"}) if donnees else frozenset(),
    )


def table_de_decision(politique: Politique | None = None) -> TableDecision:
    """Chaque profil × chaque fonction × données (numéro, code bailleur, diplôme, mandats)
    toutes présentes ou toutes manquantes, avec le verdict des règles."""
    lignes = []
    for profil in ProfilT:
        for fonction in Fonction:
            for donnees in (True, False):
                d = eligibilite(_compte_type(fonction, donnees), profil, politique=politique)
                lignes.append(
                    LigneDecision(
                        profil=profil,
                        fonction=fonction,
                        donnees_presentes=donnees,
                        autorise=d.autorise,
                        codes=d.codes,
                        donnees_manquantes=d.donnees_manquantes,
                    )
                )
    return TableDecision(lignes=tuple(lignes))
