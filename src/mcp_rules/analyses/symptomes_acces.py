"""Les symptômes de l'accès à CDAP : pas d'option « consulter dossier », l'option disparue,
la recherche fastidieuse (guide, « Solutions aux problèmes les plus fréquents »).

Chaque fonction reçoit la convention, son index, le compte (``None`` seulement pour la
recherche fastidieuse), l'instant, la saisie et le nom demandé, et rend une
:class:`~mcp_rules.analyses.plans.Conclusion`.
"""

from __future__ import annotations

from datetime import datetime

from mcp_rules.analyses.plans import (
    Conclusion,
    nom_acteur,
    plan_pour,
)
from mcp_rules.decisions.acces import acces_cdap
from mcp_rules.fondations.controles import cle
from mcp_rules.fondations.enumerations import ProfilT, Service
from mcp_rules.modele import Convention, Utilisateur
from mcp_rules.modele.evenements import CompteCloture, MembreRetire, RoleRetire
from mcp_rules.modele.index import Index
from mcp_rules.regles import cdap, grp, usr
from mcp_rules.regles.regle import Constat, I, W

__all__ = ["option_disparue", "pas_d_option", "recherche_fastidieuse"]


def pas_d_option(
    c: Convention, idx: Index, u: Utilisateur | None, t: datetime, _: str | None, nom: str
) -> Conclusion:
    assert u is not None  # noqa: S101
    acces = acces_cdap(c, u.identifiant, instant=t)
    if acces.autorise:
        return Conclusion(
            causes=acces.constats[:1],
        )
    etapes, recours = plan_pour(c, idx, u, t)
    return Conclusion(
        causes=acces.constats,
        plan=etapes,
        recours=recours,
    )


def option_disparue(
    c: Convention, idx: Index, u: Utilisateur | None, t: datetime, _: str | None, nom: str
) -> Conclusion:
    assert u is not None  # noqa: S101
    causes = _ce_que_dit_le_journal(c, idx, u, t)
    acces = acces_cdap(c, u.identifiant, instant=t)
    if acces.autorise:
        causes.append(acces.constats[0])
        return Conclusion(causes=tuple(causes))
    if not causes:
        causes.extend(acces.constats)
    etapes, recours = plan_pour(c, idx, u, t)
    return Conclusion(causes=tuple(causes), plan=etapes, recours=recours)


def _groupe_cdap_ou_disparu(c: Convention, code: str) -> bool:
    g = c.trouver_groupe(code)
    return g is None or g.service is Service.CDAP


def _ce_que_dit_le_journal(c: Convention, idx: Index, u: Utilisateur, t: datetime) -> list[Constat]:
    """Du plus récent au plus ancien : un rôle retiré d'un de ses groupes, un retrait d'un
    groupe, une clôture de son compte."""
    causes: list[Constat] = []
    mes_groupes = set(idx.groupes_de(u.cle))
    for e in reversed(c.journal):
        if e.instant > t:
            continue
        quand = e.instant.isoformat()
        if (
            isinstance(e, RoleRetire)
            and isinstance(e.profil, ProfilT)  # le rôle d'un groupe ADONIS n'ôte pas CDAP
            and cle(e.groupe) in mes_groupes
        ):
            causes.append(
                grp.GRP_05.constat(
                    f"le groupe {e.groupe} de {u.identifiant} a perdu son rôle {e.profil.value} le "
                    f"{quand} (par {nom_acteur(e.par)}) : il ne donne plus ce profil",
                    remede=f"Faites réaffecter le profil au groupe {e.groupe} par un "
                    f"administrateur, ou ajoutez {u.identifiant} à un groupe qui a le profil "
                    "voulu.",
                    cible=e.groupe,
                    severite=W,
                )
            )
        elif (
            isinstance(e, MembreRetire)
            and cle(e.utilisateur) == u.cle
            and cle(e.groupe) not in mes_groupes
            and _groupe_cdap_ou_disparu(c, e.groupe)
        ):
            causes.append(
                cdap.CDAP_01.constat(
                    f"{u.identifiant} ne fait plus partie du groupe {e.groupe} depuis le {quand} "
                    f"(retrait par {nom_acteur(e.par)})",
                    remede=f"Si ses missions le justifient, ajoutez ce compte de nouveau à "
                    f"{e.groupe}.",
                    cible=u.identifiant,
                    severite=W,
                )
            )
        elif (
            isinstance(e, CompteCloture)
            and cle(e.utilisateur) == u.cle
            and u.cloture_le is not None
            and e.le <= t
        ):
            causes.append(
                usr.USR_05.constat(
                    f"le compte {u.identifiant} a été clôturé le {e.le.isoformat()} (décision du "
                    f"{quand}, par {nom_acteur(e.par)})",
                    remede="Si la personne doit retrouver l'accès, réactivez le compte.",
                    cible=u.identifiant,
                )
            )
    return causes


def recherche_fastidieuse(
    c: Convention, idx: Index, u: Utilisateur | None, t: datetime, _: str | None, nom: str
) -> Conclusion:
    return Conclusion(
        causes=(
            cdap.CDAP_02.constat(
                "chercher un dossier par le numéro ET le nom de l'allocataire est une "
                "exigence de la Cnil : il n'est pas possible de la contourner",
                remede="Saisir les deux critères ; aucune autre recherche n'existe.",
                cible=u.identifiant if u is not None else None,
                severite=I,
            ),
        ),
        recours="Aucun : l'exigence vient de la Cnil.",
    )
