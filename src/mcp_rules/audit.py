"""L'audit d'une convention : chaque règle vérifiable, sur toute la convention, en un passage.

Une convention qui enfreint les règles se charge quand même ; l'audit dit ce qui ne
va pas, règle par règle, avec le remède. Son coût est linéaire en la taille de la
convention (comptes, groupes, membres, journal).

>>> from mcp_rules import auditer
>>> from mcp_rules.exemple import convention_exemple, INSTANT_EXEMPLE
>>> rapport = auditer(convention_exemple(), instant=INSTANT_EXEMPLE)
>>> rapport.est_conforme
False
>>> sorted({c.code for c in rapport.erreurs})
['MCP-GRP-03', 'MCP-GRP-08', 'MCP-USR-02']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Final

import attrs

from mcp_rules._controles import cle
from mcp_rules._index import index
from mcp_rules.acces import _convention, _politique, moment, profils_effectifs
from mcp_rules.enumerations import ProfilT, Service, Severite
from mcp_rules.modele import Politique
from mcp_rules.regles import afas, conv, elig, grp, mdp, usr
from mcp_rules.regles._base import Constat
from mcp_rules.regles._contexte import ContexteAudit

__all__ = ["Rapport", "auditer"]

_DOMAINES_AUDITES: Final = (conv, grp, usr, elig, mdp, afas)


@attrs.frozen(slots=True, kw_only=True)
class Rapport:
    """Le résultat d'un audit : les constats triés et les effectifs par profil et par service.

    Les constats sont triés : erreurs, avertissements, informations ; puis par code et par
    cible. ``comptes_par_profil`` et ``comptes_par_service`` comptent les comptes actifs
    qui ont effectivement chaque profil, ou accès à chaque service (``MCP-USR-07``).
    """

    numero: str
    instant: datetime
    constats: tuple[Constat, ...]
    comptes_par_profil: Mapping[ProfilT, int] = attrs.field(eq=False)
    comptes_par_service: Mapping[Service, int] = attrs.field(eq=False)
    nombre_comptes: int = 0
    nombre_comptes_actifs: int = 0
    nombre_groupes: int = 0

    @property
    def erreurs(self) -> tuple[Constat, ...]:
        """Les constats de sévérité erreur."""
        return tuple(c for c in self.constats if c.severite is Severite.ERREUR)

    @property
    def avertissements(self) -> tuple[Constat, ...]:
        """Les avertissements."""
        return tuple(c for c in self.constats if c.severite is Severite.AVERTISSEMENT)

    @property
    def informations(self) -> tuple[Constat, ...]:
        """Les informations."""
        return tuple(c for c in self.constats if c.severite is Severite.INFO)

    @property
    def est_conforme(self) -> bool:
        """Vrai s'il n'y a aucune erreur."""
        return not any(c.severite is Severite.ERREUR for c in self.constats)

    @property
    def codes(self) -> tuple[str, ...]:
        """Les codes trouvés, sans doublon, dans l'ordre du rapport."""
        return tuple(dict.fromkeys(c.code for c in self.constats))

    def texte(self) -> str:
        """Le rapport pour un terminal, groupé par sévérité."""
        from mcp_rules import affichage  # noqa: PLC0415

        return affichage.rapport_texte(self)

    def _repr_html_(self) -> str:
        from mcp_rules import affichage  # noqa: PLC0415 - affichage importe ce module

        return affichage.rapport_html(self)

    def _repr_markdown_(self) -> str:
        from mcp_rules import affichage  # noqa: PLC0415

        return affichage.rapport_md(self)


def _acces_autres_services(a: ContexteAudit) -> dict[Service, set[str]]:
    """Pour AFAS, ADONIS et Offre-bailleurs : les clés des comptes qui y accèdent.

    AFAS : membres d'AFAS-DECLARER avec un rôle en fonction (``MCP-AFAS-01``) ; les
    autres : membres d'au moins un groupe du service.
    """
    c = a.convention
    resultat: dict[Service, set[str]] = {}
    for s in sorted(c.services - {Service.CDAP}, key=lambda x: x.value):
        membres: set[str] = set()
        for g in c._groupes.values():
            if g.service is s and (s is not Service.AFAS or afas.dans_declarer(c, g)):
                membres.update(cle(m) for m in g.membres)
        if s is Service.AFAS:
            config = c.afas
            titulaires = {cle(x) for x in (*config.fda, *config.fdf)}
            if config.approbateur is not None:
                titulaires.add(cle(config.approbateur))
            membres &= titulaires
        resultat[s] = membres
    return resultat


def auditer(
    convention: object, *, instant: datetime, politique: Politique | None = None
) -> Rapport:
    """Vérifie chaque règle automatisable du catalogue sur toute la convention."""
    c = _convention(convention)
    t = moment(instant)
    pol = _politique(politique) or Politique()
    contexte = ContexteAudit(c, index(c), t, pol)
    constats = [x for domaine in _DOMAINES_AUDITES for x in domaine.auditer(contexte)]
    constats.sort(key=Constat.cle_tri)
    par_profil: Counter[ProfilT] = Counter()
    par_service: Counter[Service] = Counter()
    actifs = 0
    idx = contexte.index
    autres = _acces_autres_services(contexte)
    for u in c._utilisateurs.values():
        fin = u.cloture_le
        if fin is not None and t >= fin:
            continue
        actifs += 1
        profils = profils_effectifs(c, idx, u, politique)
        if profils:
            for p in profils:
                par_profil[p] += 1
            par_service[Service.CDAP] += 1
        for s, comptes in autres.items():
            if u.cle in comptes:
                par_service[s] += 1
    return Rapport(
        numero=c.numero,
        instant=t,
        constats=tuple(constats),
        comptes_par_profil=MappingProxyType(
            {p: par_profil[p] for p in sorted(par_profil, key=lambda p: p.rang)}
        ),
        comptes_par_service=MappingProxyType(
            {s: par_service[s] for s in Service if s in c.services}
        ),
        nombre_comptes=c.nombre_utilisateurs,
        nombre_comptes_actifs=actifs,
        nombre_groupes=c.nombre_groupes,
    )
