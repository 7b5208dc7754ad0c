"""Qui atteint quoi, et les tables de décision des profils.

- :func:`matrice_acces` répond à la question inverse de :func:`~mcp_rules.peut` :
  pour chaque compte, ses profils effectifs et les services qu'il atteint ;
- :func:`~mcp_rules.table_de_decision` (:mod:`.tables`) déroule les conditions des
  profils T1 à T10 pour chaque fonction.

>>> from mcp_rules import matrice_acces
>>> from mcp_rules.exemple import convention_exemple, INSTANT_EXEMPLE
>>> m = matrice_acces(convention_exemple(), instant=INSTANT_EXEMPLE)
>>> m.ligne("as.leroy").profils
(<ProfilT.T1: 'T1'>,)
"""

from __future__ import annotations

import csv
import io
from datetime import datetime

import attrs

from mcp_rules.decisions.acces import profils_effectifs
from mcp_rules.decisions.services import acces_par_service
from mcp_rules.fondations import erreurs
from mcp_rules.fondations.controles import moment
from mcp_rules.fondations.enumerations import ProfilT, Service
from mcp_rules.fondations.erreurs import DonneeInvalide, apercu
from mcp_rules.fondations.rendu import Affichable, Bloc, Tableau, Titre
from mcp_rules.modele import Convention, Politique, exiger_convention, exiger_politique
from mcp_rules.modele.index import index

__all__ = ["LigneAcces", "MatriceAcces", "matrice_acces"]


@attrs.frozen(slots=True, kw_only=True)
class LigneAcces:
    """Un compte : actif ou non, ses profils CDAP effectifs, les services qu'il atteint."""

    identifiant: str
    nom: str
    actif: bool
    profils: tuple[ProfilT, ...]
    services: tuple[Service, ...]


@attrs.frozen(slots=True, kw_only=True)
class MatriceAcces(Affichable):
    """Chaque compte de la convention avec ce qu'il atteint, à un instant."""

    numero: str
    instant: datetime
    lignes: tuple[LigneAcces, ...]

    def ligne(self, identifiant: str) -> LigneAcces:
        """La ligne d'un compte (sans tenir compte de la casse) ; ``KeyError`` évité : lève
        :class:`~mcp_rules.DonneeInvalide` si le compte n'existe pas."""
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

    def _blocs(self) -> tuple[Bloc, ...]:
        return (
            Titre(f"Qui atteint quoi — convention {self.numero}, {self.instant.isoformat()}"),
            Tableau(
                ("compte", "nom", "actif", "profils", "services"),
                [
                    (
                        x.identifiant,
                        x.nom,
                        "oui" if x.actif else "non",
                        ", ".join(p.value for p in x.profils) or "—",
                        ", ".join(s.value for s in x.services) or "—",
                    )
                    for x in self.lignes
                ],
            ),
        )

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
    c = exiger_convention(convention)
    t = moment(instant)
    politique = exiger_politique(politique)
    idx = index(c)
    autres = acces_par_service(c)
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
