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

from mcp_rules._index import index
from mcp_rules.acces import _convention, _politique, acces_cdap, acces_service, moment
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
    politique_locale = politique if politique is not None else None
    for u in c.utilisateurs:
        if not contexte.actif(u):
            continue
        actifs += 1
        if Service.CDAP in c.services:
            a = acces_cdap(c, u.identifiant, instant=t, politique=politique_locale)
            par_profil.update(a.profils)
            if a.autorise:
                par_service[Service.CDAP] += 1
        for s in c.services - {Service.CDAP}:
            if acces_service(c, u.identifiant, s, instant=t).autorise:
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
