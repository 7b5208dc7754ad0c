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
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Final

import attrs

from mcp_rules.decisions.services import acces_par_service
from mcp_rules.fondations.controles import moment
from mcp_rules.fondations.copie import reduire
from mcp_rules.fondations.enumerations import ProfilT, Service, Severite
from mcp_rules.fondations.ramasse_miettes import sans_ramasse_miettes
from mcp_rules.fondations.rendu import Affichable, Bloc, Paragraphe, Tableau, Titre, sur_une_ligne
from mcp_rules.modele import Politique, exiger_convention, exiger_politique
from mcp_rules.modele.index import comptes_en_memoire, index
from mcp_rules.regles import afas, conv, elig, grp, mdp, sec, usr
from mcp_rules.regles.contexte import ContexteAudit, Effectifs
from mcp_rules.regles.regle import AvecConstats, Constat, tableau_constats, trier_constats

__all__ = ["Rapport", "auditer"]

_DOMAINES_AUDITES: Final = (conv, grp, usr, elig, mdp, afas, sec)


@attrs.frozen(slots=True, kw_only=True)
class Rapport(AvecConstats, Affichable):
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

    def __reduce__(self) -> tuple[Callable[..., object], tuple[object, ...]]:
        """``copy.deepcopy`` et ``pickle`` (multiprocessing) : voir :mod:`.fondations.copie`."""
        return reduire(self)

    @property
    def est_conforme(self) -> bool:
        """Vrai s'il n'y a aucune erreur."""
        return not any(c.severite is Severite.ERREUR for c in self.constats)

    def texte(self) -> str:
        """Le rapport pour un terminal : groupé par sévérité, chaque constat avec son remède."""
        return "\n".join(self.lignes()) + "\n"

    def lignes(self, *, garder: Callable[[Constat], bool] | None = None) -> Iterator[str]:
        """Les lignes de :meth:`texte`, une à une (sans fin de ligne) : pour écrire un gros
        rapport au fil de l'eau, sans le tenir tout entier en mémoire.

        ``garder`` : n'écrire que les constats qu'il accepte (l'en-tête, son verdict et son
        bilan restent ceux de tout l'audit).
        """
        yield from self.entete()
        yield from self.corps(garder=garder)

    def entete(self) -> tuple[str, str, str]:
        """Les trois lignes d'en-tête : la convention et l'instant, le verdict et le bilan,
        les effectifs."""
        return (
            f"Audit de la convention {self.numero} à {self.instant.isoformat()}",
            f"{'CONFORME' if self.est_conforme else 'NON CONFORME'} — {self._bilan()}",
            (
                f"{self.nombre_comptes_actifs} compte(s) actif(s) sur {self.nombre_comptes}, "
                f"{self.nombre_groupes} groupe(s)"
            ),
        )

    def corps(self, *, garder: Callable[[Constat], bool] | None = None) -> Iterator[str]:
        """Les lignes qui suivent l'en-tête : les constats par sévérité (ceux que ``garder``
        accepte), puis les comptes actifs par profil et par service."""
        for titre, tous in self._sections():
            liste = tous if garder is None else tuple(filter(garder, tous))
            if not liste:
                continue
            entete = f"{titre} ({len(liste)})"
            yield from ("", entete, "-" * len(entete))
            remedes: dict[str, str] = {}  # un remède revient des milliers de fois
            for c in liste:
                message = c.message
                if not message.isprintable():  # le cas courant : rien à neutraliser
                    message = sur_une_ligne(message)
                yield (
                    f"  {c.regle.code} [{cible}] : {message}"
                    if (cible := c.cible)
                    else f"  {c.regle.code} : {message}"
                )
                if remede := c.remede:
                    ligne = remedes.get(remede)
                    if ligne is None:
                        ligne = remedes[remede] = f"      → {sur_une_ligne(remede)}"
                    yield ligne
        profils = ", ".join(f"{p.value} {n}" for p, n in self.comptes_par_profil.items())
        services = ", ".join(f"{s.value} {n}" for s, n in self.comptes_par_service.items())
        yield ""
        yield f"Comptes actifs par profil : {profils or 'aucun'}"
        yield f"Comptes actifs par service : {services or 'aucun'}"

    def _bilan(self) -> str:
        return (
            f"{len(self.erreurs)} erreur(s), {len(self.avertissements)} avertissement(s), "
            f"{len(self.informations)} information(s)"
        )

    def _sections(self) -> list[tuple[str, tuple[Constat, ...]]]:
        """Les constats par sévérité, sections vides omises."""
        sections = (
            ("Erreurs", self.erreurs),
            ("Avertissements", self.avertissements),
            ("Informations", self.informations),
        )
        return [(titre, liste) for titre, liste in sections if liste]

    def _blocs(self) -> tuple[Bloc, ...]:
        blocs: list[Bloc] = [
            Titre(f"Audit de la convention {self.numero} — {self.instant.isoformat()}"),
            Paragraphe(
                f"{'Conforme' if self.est_conforme else 'Non conforme'} : {self._bilan()} ; "
                f"{self.nombre_comptes_actifs} compte(s) actif(s) sur {self.nombre_comptes}, "
                f"{self.nombre_groupes} groupe(s)."
            ),
        ]
        for titre, liste in self._sections():
            blocs.extend((Titre(titre, 4), tableau_constats(liste)))
        blocs.append(Titre("Comptes actifs par profil et par service", 4))
        blocs.append(
            Tableau(
                ("profil ou service", "comptes"),
                [
                    *((p.value, n) for p, n in self.comptes_par_profil.items()),
                    *((s.value, n) for s, n in self.comptes_par_service.items()),
                ],
            )
        )
        return tuple(blocs)


@sans_ramasse_miettes
def auditer(
    convention: object, *, instant: datetime, politique: Politique | None = None
) -> Rapport:
    """Vérifie chaque règle automatisable du catalogue sur toute la convention.

    Le ramasse-miettes cyclique est suspendu le temps de l'audit, qui ne crée aucun cycle
    (voir :mod:`~mcp_rules.fondations.ramasse_miettes`).
    """
    c = exiger_convention(convention)
    t = moment(instant)
    pol = exiger_politique(politique) or Politique()
    effectifs = Effectifs(c.profils_contractuels)
    # Les passages sur tous les comptes (l'index s'il est à construire, MCP-USR, MCP-ELIG)
    # les lisent dans l'ordre de la mémoire : voir comptes_en_memoire.
    ordre = comptes_en_memoire(c)
    contexte = ContexteAudit(c, index(c, ordre), t, pol, effectifs, ordre)
    # Les domaines comptent les comptes actifs, et par profil, en passant (Effectifs) :
    # les effectifs sont complets une fois tous les constats lus, donc triés.
    constats = trier_constats(x for domaine in _DOMAINES_AUDITES for x in domaine.auditer(contexte))
    par_profil, par_service = _effectifs(contexte, effectifs)
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
        nombre_comptes_actifs=effectifs.actifs,
        nombre_groupes=c.nombre_groupes,
    )


def _effectifs(a: ContexteAudit, effectifs: Effectifs) -> tuple[Counter[ProfilT], Counter[Service]]:
    """Les comptes actifs par profil effectif (comptés par ``MCP-ELIG`` en passant) et par
    service : ce que ``profils_effectifs`` et :func:`acces_par_service` disent de chacun."""
    comptes = a.convention._utilisateurs
    par_profil: Counter[ProfilT] = Counter({p: n for p, n in effectifs.par_profil.items() if n})
    par_service: Counter[Service] = Counter()
    if effectifs.cdap:
        par_service[Service.CDAP] = effectifs.cdap
    for s, cles in acces_par_service(a.convention).items():
        par_service[s] = sum(1 for k in cles if a.actif(comptes[k]))
    return par_profil, par_service
