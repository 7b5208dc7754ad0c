"""Les plans de remède : la plus courte suite de commandes qui donnerait l'accès, et qui peut
l'exécuter.

Un plan est une analyse : il parcourt les groupes de la convention et pose, pour chaque
étape, la question :func:`~mcp_rules.peut` à ceux qui pourraient l'exécuter
(gestionnaires des groupes concernés, puis administrateurs, puis la Caf). Une
:class:`Etape` décrit une commande et ses arguments ; :meth:`Etape.appliquer` l'exécute.
Si rien de ce que peut faire le partenaire n'y suffit, le ``recours`` dit qui le peut.

>>> from mcp_rules import plan_acces_cdap
>>> from mcp_rules.exemple import convention_exemple, INSTANT_EXEMPLE
>>> etapes, recours = plan_acces_cdap(convention_exemple(), "cr.girard", instant=INSTANT_EXEMPLE)
>>> [e.texte for e in etapes], recours
(['affecter le rôle T2 au groupe T2CR — par adm.bernard ou adm.martin'], None)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, Final

import attrs

from mcp_rules import commandes
from mcp_rules.commandes import Resultat
from mcp_rules.decisions.acces import acces_cdap
from mcp_rules.decisions.autorisations import decider
from mcp_rules.fondations import controles, erreurs
from mcp_rules.fondations.acteurs import CAF, Acteur, ActeurCaf
from mcp_rules.fondations.controles import cle, moment
from mcp_rules.fondations.enumerations import Action, Fonction, ProfilT, Service
from mcp_rules.fondations.erreurs import DonneeInvalide
from mcp_rules.fondations.rendu import Bloc, Gras, Liste, Paragraphe, Titre
from mcp_rules.modele import Convention, Groupe, Utilisateur, exiger_convention
from mcp_rules.modele.index import Index, ancetres, groupes_du_compte, index
from mcp_rules.regles import elig, grp
from mcp_rules.regles.regle import Constat

__all__ = [
    "A_COMPLETER",
    "Conclusion",
    "Etape",
    "actifs",
    "blocs_plan",
    "candidats_pour",
    "nom_acteur",
    "plan_acces_cdap",
    "plan_pour",
    "qui_peut",
    "texte_etape",
]

A_COMPLETER: Final = "à renseigner"
"""La valeur des arguments qu'un plan ne peut pas deviner (un numéro, un code)."""


@attrs.frozen(slots=True, kw_only=True)
class Etape:
    """Une étape d'un plan : une commande, ses arguments, ceux qui peuvent l'exécuter.

    ``a_completer`` nomme les arguments que seule la personne peut fournir (son numéro
    d'instructeur, son code bailleur) : leur valeur dans ``arguments`` est
    :data:`A_COMPLETER`.
    """

    commande: str
    arguments: Mapping[str, Any] = attrs.field(converter=controles.lecture_seule)
    par: tuple[Acteur, ...]
    texte: str
    a_completer: tuple[str, ...] = ()

    def appliquer(
        self,
        convention: Convention,
        *,
        instant: datetime,
        par: Acteur | None = None,
        **valeurs: Any,
    ) -> Resultat:
        """Exécute l'étape (par le premier acteur proposé, sauf mention contraire)."""
        manque = [a for a in self.a_completer if a not in valeurs]
        if manque:
            raise DonneeInvalide(
                erreurs.MANQUANTE,
                f"l'étape « {self.texte} » attend une valeur pour : {', '.join(manque)}",
            )
        if not self.par and par is None:
            raise DonneeInvalide(
                erreurs.MANQUANTE, f"personne ne peut exécuter l'étape « {self.texte} »"
            )
        fonction: Callable[..., Resultat] = getattr(commandes, self.commande)
        arguments = {**self.arguments, **valeurs}
        return fonction(
            convention, par=par if par is not None else self.par[0], instant=instant, **arguments
        )


@attrs.frozen(slots=True, kw_only=True)
class Conclusion:
    """Ce qu'une analyse conclut : les causes trouvées, le plan qui y remédie, le recours."""

    causes: tuple[Constat, ...]
    plan: tuple[Etape, ...] = ()
    recours: str | None = None


def blocs_plan(plan: Sequence[Etape], recours: str | None) -> list[Bloc]:
    """Le plan et le recours, pour l'affichage d'un diagnostic."""
    blocs: list[Bloc] = []
    if plan:
        blocs.extend((Titre("Plan", 4), Liste(e.texte for e in plan)))
    if recours:
        blocs.append(Paragraphe(Gras("Recours"), f" : {recours}"))
    return blocs


# --- qui peut exécuter une étape ------------------------------------------------------------


def actifs(c: Convention, cles: list[str], t: datetime) -> list[str]:
    vus: dict[str, None] = {}
    for k in cles:
        u = c._utilisateurs.get(k)
        if u is not None and (u.cloture_le is None or t < u.cloture_le):
            vus.setdefault(k)
    return list(vus)


def candidats_pour(c: Convention, idx: Index, t: datetime, groupes: list[Groupe]) -> list[Acteur]:
    """Gestionnaires des groupes (et de leurs ancêtres), puis administrateurs, puis la Caf."""
    gestionnaires = [cle(a.gestionnaire) for g in groupes for a in ancetres(c, g)]
    admins = sorted(idx.administrateurs)
    resultat: list[Acteur] = [
        c._utilisateurs[k].identifiant for k in actifs(c, [*gestionnaires, *admins], t)
    ]
    if not c.gestion_deleguee:
        resultat.append(CAF)
    return resultat


def qui_peut(
    c: Convention,
    idx: Index,
    t: datetime,
    action: Action,
    candidats: list[Acteur],
    **objets: Any,
) -> tuple[Acteur, ...]:
    return tuple(a for a in candidats if decider(c, idx, a, action, t, **objets).autorise)


def nom_acteur(acteur: Acteur) -> str:
    return "la Caf" if isinstance(acteur, ActeurCaf) else acteur


def texte_etape(action: str, par: tuple[Acteur, ...]) -> str:
    if not par:
        return f"{action} — personne dans la convention ne le peut : demandez à la Caf"
    return f"{action} — par " + " ou ".join(nom_acteur(a) for a in par)


# --- le plan d'accès à CDAP -----------------------------------------------------------------


def plan_acces_cdap(
    convention: Convention, identifiant: str, *, instant: datetime
) -> tuple[tuple[Etape, ...], str | None]:
    """Le plus court chemin vers l'option « consulter dossier », ou à qui s'adresser.

    Rend ``(etapes, recours)`` : des étapes vides et un recours quand rien de ce que
    peut faire le partenaire ne donnerait l'accès.
    """
    c = exiger_convention(convention)
    t = moment(instant)
    u = c.trouver_utilisateur(identifiant)
    if u is None:
        return (), "Créez d'abord le compte (administrateur ou gestionnaire d'habilitations)."
    if acces_cdap(c, u.identifiant, instant=t).autorise:
        return (), None
    return plan_pour(c, index(c), u, t)


def plan_pour(
    c: Convention, idx: Index, u: Utilisateur, t: datetime
) -> tuple[tuple[Etape, ...], str | None]:
    if Service.CDAP not in c.services:
        return (), (
            "La Caf : la convention doit souscrire le service CDAP (bulletin "
            "d'adhésion) ; l'administrateur partenaire en fait la demande."
        )
    if u.fonction is Fonction.ASSISTANT_SOCIAL_DU_TRAVAIL:
        return (), (
            "Personne : un assistant social du travail n'accède à CDAP sous aucun "
            "profil (MCP-ELIG-03)."
        )
    ident = u.identifiant
    mes_groupes = groupes_du_compte(c, idx, u.cle)
    prealables: list[Etape] = []
    if u.cloture_le is not None and t >= u.cloture_le:
        qui = qui_peut(
            c, idx, t, Action.MODIFIER_COMPTE, candidats_pour(c, idx, t, mes_groupes), compte=u
        )
        prealables.append(
            Etape(
                commande="reactiver_compte",
                arguments={"utilisateur": ident},
                par=qui,
                texte=texte_etape(
                    f"réactiver le compte {ident} (si la personne doit retrouver l'accès)", qui
                ),
            )
        )
    options = [
        *_reparer(c, idx, u, t, mes_groupes),
        *_rejoindre(c, idx, u, t),
        *_creer(c, idx, u, t),
    ]
    options = [o for o in options if all(e.par for e in o)] or options
    if not options:
        # Réactiver seul ne donnerait rien : pas de plan partiel, seulement le recours.
        recours = (
            "La Caf : aucun profil du contrat de services ne convient à cette personne ; "
            "le contrat se modifie avec la Caf."
        )
        return (), recours
    meilleure = min(options, key=len)
    return (*prealables, *meilleure), None


def _tous_eligibles(c: Convention, g: Groupe, p: ProfilT) -> bool:
    return all(elig.remplit(c._utilisateurs[cle(m)], p, None) for m in g.membres)


def _reparer(
    c: Convention, idx: Index, u: Utilisateur, t: datetime, mes_groupes: list[Groupe]
) -> list[list[Etape]]:
    """Les groupes CDAP de la personne : un rôle à affecter, une donnée à renseigner."""
    options: list[list[Etape]] = []
    ident = u.identifiant
    for g in sorted(mes_groupes, key=lambda x: x.cle):
        if g.service is not Service.CDAP:
            continue
        candidats = candidats_pour(c, idx, t, [g])
        if g.role is None:
            p = grp.profil_du_libelle(g.libelle)
            if p is not None and p in c.profils_contractuels and _tous_eligibles(c, g, p):
                qui = qui_peut(c, idx, t, Action.AFFECTER_ROLE, candidats, groupe=g)
                options.append(
                    [
                        Etape(
                            commande="affecter_role",
                            arguments={"groupe": g.code, "profil": p},
                            par=qui,
                            texte=texte_etape(
                                f"affecter le rôle {p.value} au groupe {g.code}", qui
                            ),
                        )
                    ]
                )
        elif (
            isinstance(g.role, ProfilT)
            and g.role in c.profils_contractuels
            and not elig.remplit(u, g.role, None)
        ):
            decision = elig.expliquer(u, g.role, None)
            if decision.donnees_manquantes:
                champs = tuple(decision.donnees_manquantes)
                qui = qui_peut(
                    c, idx, t, Action.MODIFIER_COMPTE, candidats, compte=u, champs=frozenset(champs)
                )
                options.append(
                    [
                        Etape(
                            commande="modifier_compte",
                            arguments={"utilisateur": ident, **dict.fromkeys(champs, A_COMPLETER)},
                            par=qui,
                            a_completer=champs,
                            texte=texte_etape(
                                f"renseigner {', '.join(champs)} du compte {ident} "
                                f"(profil {g.role.value} du groupe {g.code})",
                                qui,
                            ),
                        )
                    ]
                )
    return options


def _preference(u: Utilisateur) -> Callable[[ProfilT], tuple[int, int]]:
    naturels = {
        p for p, (fonctions, _) in elig.FONCTIONS_PAR_PROFIL.items() if u.fonction in fonctions
    }
    if u.fonction is Fonction.BAILLEUR:
        naturels.add(ProfilT.T10)
    return lambda p: (0 if p in naturels else 1, p.rang)


def _rejoindre(c: Convention, idx: Index, u: Utilisateur, t: datetime) -> list[list[Etape]]:
    """Un groupe existant, doté d'un rôle du contrat dont la personne remplit les conditions."""
    par_profil: dict[ProfilT, Groupe] = {}
    for g in c._groupes.values():
        r = g.role
        if (
            g.service is Service.CDAP
            and isinstance(r, ProfilT)
            and r in c.profils_contractuels
            and (r not in par_profil or g.cle < par_profil[r].cle)
        ):
            par_profil[r] = g
    options: list[list[Etape]] = []
    for p in sorted(par_profil, key=_preference(u)):
        if not elig.remplit(u, p, None):
            continue
        g = par_profil[p]
        if any(cle(m) == u.cle for m in g.membres):
            continue
        qui = qui_peut(
            c, idx, t, Action.GERER_MEMBRES, candidats_pour(c, idx, t, [g]), groupe=g, compte=u
        )
        options.append(
            [
                Etape(
                    commande="ajouter_au_groupe",
                    arguments={"groupe": g.code, "utilisateur": u.identifiant},
                    par=qui,
                    texte=texte_etape(
                        f"ajouter {u.identifiant} au groupe {g.code} (profil "
                        f"{p.value}, si ses missions le justifient)",
                        qui,
                    ),
                )
            ]
        )
        break
    return options


def _creer(c: Convention, idx: Index, u: Utilisateur, t: datetime) -> list[list[Etape]]:
    """Créer un groupe pour un profil du contrat qu'aucun groupe ne porte encore."""
    portes = {g.role for g in c._groupes.values() if g.service is Service.CDAP}
    # (un rôle applicatif sur un groupe CDAP n'est pas un profil : il ne compte pas)
    admins = [c._utilisateurs[k] for k in actifs(c, sorted(idx.administrateurs), t)]
    if not admins:
        return []
    gestionnaire = admins[0].identifiant
    for p in sorted(c.profils_contractuels - portes, key=_preference(u)):
        if not elig.remplit(u, p, None):
            continue
        code = p.value
        n = 1
        while c.trouver_groupe(code) is not None:
            n += 1
            code = f"{p.value}-{n}"
        candidats = candidats_pour(c, idx, t, [])
        qui = qui_peut(c, idx, t, Action.CREER_GROUPE, candidats, service=Service.CDAP)
        libelle = f"{p.value} Profil {p.value}"
        return [
            [
                Etape(
                    commande="creer_groupe",
                    arguments={
                        "code": code,
                        "libelle": libelle,
                        "service": Service.CDAP,
                        "gestionnaire": gestionnaire,
                    },
                    par=qui,
                    texte=texte_etape(
                        f"créer le groupe {code} « {libelle} » géré par {gestionnaire}", qui
                    ),
                ),
                Etape(
                    commande="affecter_role",
                    arguments={"groupe": code, "profil": p},
                    par=qui,
                    texte=texte_etape(f"affecter le rôle {p.value} au groupe {code}", qui),
                ),
                Etape(
                    commande="ajouter_au_groupe",
                    arguments={"groupe": code, "utilisateur": u.identifiant},
                    par=qui,
                    texte=texte_etape(f"ajouter {u.identifiant} au groupe {code}", qui),
                ),
            ]
        ]
    return []
