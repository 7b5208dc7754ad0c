"""Qui atteint quoi, et les tables de décision des profils.

- :func:`matrice_acces` répond à la question inverse de :func:`~mcp_rules.peut` :
  pour chaque compte, ses profils effectifs et les services qu'il atteint ;
- :func:`table_de_decision` déroule les conditions des profils T1 à T10 pour chaque
  fonction, données présentes ou manquantes, avec le verdict et les codes — à relire
  et à signer, tirée des règles elles-mêmes.

>>> from mcp_rules import matrice_acces, table_de_decision
>>> from mcp_rules.exemple import convention_exemple, INSTANT_EXEMPLE
>>> m = matrice_acces(convention_exemple(), instant=INSTANT_EXEMPLE)
>>> m.ligne("as.leroy").profils
(<ProfilT.T1: 'T1'>,)
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

from mcp_rules._index import index
from mcp_rules.acces import _convention, moment, profils_effectifs
from mcp_rules.audit import _acces_autres_services
from mcp_rules.enumerations import Fonction, ProfilT, Service
from mcp_rules.modele import Convention, Politique, Utilisateur
from mcp_rules.numero_instructeur import NumeroInstructeur
from mcp_rules.regles._contexte import ContexteAudit
from mcp_rules.regles.elig import eligibilite

__all__ = [
    "LigneAcces",
    "LigneDecision",
    "MatriceAcces",
    "TableDecision",
    "matrice_acces",
    "table_de_decision",
]


@attrs.frozen(slots=True, kw_only=True)
class LigneAcces:
    """Un compte : actif ou non, ses profils CDAP effectifs, les services qu'il atteint."""

    identifiant: str
    nom: str
    actif: bool
    profils: tuple[ProfilT, ...]
    services: tuple[Service, ...]


@attrs.frozen(slots=True, kw_only=True)
class MatriceAcces:
    """Chaque compte de la convention avec ce qu'il atteint, à un instant."""

    numero: str
    instant: datetime
    lignes: tuple[LigneAcces, ...]

    def ligne(self, identifiant: str) -> LigneAcces:
        """La ligne d'un compte (sans tenir compte de la casse) ; ``KeyError`` évité : lève
        :class:`~mcp_rules.DonneeInvalide` si le compte n'existe pas."""
        from mcp_rules import erreurs  # noqa: PLC0415
        from mcp_rules.erreurs import DonneeInvalide, apercu  # noqa: PLC0415

        if isinstance(identifiant, str):
            k = identifiant.lower()
            for ligne in self.lignes:
                if ligne.identifiant.lower() == k:
                    return ligne
        raise DonneeInvalide(
            erreurs.REFERENCE,
            f"aucun compte {apercu(identifiant)} dans la matrice",
            valeur=identifiant,
        )

    def _repr_html_(self) -> str:
        from mcp_rules import affichage  # noqa: PLC0415 - affichage importe ce module

        return affichage.matrice_html(self)

    def _repr_markdown_(self) -> str:
        from mcp_rules import affichage  # noqa: PLC0415

        return affichage.matrice_md(self)

    def vers_csv(self) -> str:
        """La matrice en CSV : une ligne par compte, une colonne par profil et par service."""
        sortie = io.StringIO()
        ecrivain = csv.writer(sortie, lineterminator="\n")
        ecrivain.writerow(
            [
                "identifiant",
                "nom",
                "actif",
                *(p.value for p in ProfilT),
                *(s.value for s in Service),
            ]
        )
        for ligne in self.lignes:
            ecrivain.writerow(
                [
                    ligne.identifiant,
                    ligne.nom,
                    "oui" if ligne.actif else "non",
                    *("x" if p in ligne.profils else "" for p in ProfilT),
                    *("x" if s in ligne.services else "" for s in Service),
                ]
            )
        return sortie.getvalue()


def matrice_acces(
    convention: Convention, *, instant: datetime, politique: Politique | None = None
) -> MatriceAcces:
    """Pour chaque compte, dans l'ordre des identifiants : profils effectifs et services."""
    c = _convention(convention)
    t = moment(instant)
    idx = index(c)
    autres = _acces_autres_services(ContexteAudit(c, idx, t, politique or Politique()))
    lignes = []
    for u in c.utilisateurs:
        actif = u.cloture_le is None or t < u.cloture_le
        profils: tuple[ProfilT, ...] = ()
        services: list[Service] = []
        if actif:
            profils = tuple(sorted(profils_effectifs(c, idx, u, politique), key=lambda p: p.rang))
            if profils:
                services.append(Service.CDAP)
            services.extend(s for s, comptes in autres.items() if u.cle in comptes)
        lignes.append(
            LigneAcces(
                identifiant=u.identifiant,
                nom=u.nom_complet,
                actif=actif,
                profils=profils,
                services=tuple(services),
            )
        )
    return MatriceAcces(numero=c.numero, instant=t, lignes=tuple(lignes))


# --- tables de décision ----------------------------------------------------------------------

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
class TableDecision:
    """Toutes les combinaisons profil × fonction × données, tirées des règles ELIG."""

    lignes: tuple[LigneDecision, ...]

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
