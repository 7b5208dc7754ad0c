"""Diagnostiquer les problèmes fréquents du guide, et proposer le plan qui les règle.

:func:`diagnostiquer` part d'un symptôme de la dernière section du guide (« Solutions
aux problèmes les plus fréquents ») et dit, d'après les données, laquelle des causes
possibles est en jeu — quel groupe a perdu son rôle et quand, quelle condition de
quel profil manque, quel numéro a été saisi et sa forme complète — avec le remède.

Quand c'est l'accès à CDAP qui manque, le diagnostic porte aussi un **plan** : la
plus courte suite de commandes qui donnerait l'accès, chacune avec ceux qui ont le
droit de l'exécuter (vérifié par les mêmes règles que :func:`~mcp_rules.peut`). Si
rien de ce que peut faire le partenaire n'y suffit, ``recours`` dit qui le peut.

>>> from mcp_rules import Symptome, diagnostiquer
>>> from mcp_rules.exemple import convention_exemple, INSTANT_EXEMPLE
>>> d = diagnostiquer(
...     convention_exemple(), "cr.girard", Symptome.PAS_D_OPTION_CONSULTER, instant=INSTANT_EXEMPLE
... )
>>> [c.code for c in d.causes]
['MCP-CDAP-01', 'MCP-GRP-05']
>>> for etape in d.plan:
...     print(etape.texte)
affecter le rôle T2 au groupe T2CR — par adm.bernard ou adm.martin
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Final

import attrs

from mcp_rules import erreurs
from mcp_rules._controles import cle
from mcp_rules._index import Index, ancetres, groupes_du_compte, index
from mcp_rules.acces import _convention, acces_cdap, moment
from mcp_rules.acteurs import CAF, Acteur, ActeurCaf
from mcp_rules.autorisations import decider
from mcp_rules.enumerations import Action, Fonction, ProfilT, Service, Symptome
from mcp_rules.erreurs import DonneeInvalide, NumeroInstructeurIncomplet, apercu
from mcp_rules.evenements import CompteCloture, MembreRetire, RoleRetire
from mcp_rules.modele import Convention, Groupe, Utilisateur
from mcp_rules.numero_instructeur import NumeroInstructeur, NumeroInstructeurMalForme
from mcp_rules.regles import cdap, elig, grp, mdp, num, usr
from mcp_rules.regles._base import Constat, I, W
from mcp_rules.resultats import A_COMPLETER, Etape

__all__ = ["Diagnostic", "Etape", "diagnostiquer", "plan_acces_cdap"]


@attrs.frozen(slots=True, kw_only=True)
class Diagnostic:
    """Les causes d'un symptôme pour un compte, avec remèdes et plan."""

    identifiant: str
    symptome: Symptome
    causes: tuple[Constat, ...]
    plan: tuple[Etape, ...] = ()
    recours: str | None = None

    @property
    def codes(self) -> tuple[str, ...]:
        """Les codes des causes, sans doublon, dans l'ordre."""
        return tuple(dict.fromkeys(c.code for c in self.causes))

    @property
    def probleme_trouve(self) -> bool:
        """Vrai si une cause d'erreur ou d'avertissement a été trouvée."""
        return any(c.severite is not I for c in self.causes)

    def texte(self) -> str:
        """Le diagnostic pour un terminal."""
        from mcp_rules import affichage  # noqa: PLC0415

        return affichage.diagnostic_texte(self)

    def _repr_html_(self) -> str:
        from mcp_rules import affichage  # noqa: PLC0415 - affichage importe ce module

        return affichage.diagnostic_html(self)

    def _repr_markdown_(self) -> str:
        from mcp_rules import affichage  # noqa: PLC0415

        return affichage.diagnostic_md(self)


# --- qui peut exécuter une étape ------------------------------------------------------------


def _actifs(c: Convention, cles: list[str], t: datetime) -> list[str]:
    vus: dict[str, None] = {}
    for k in cles:
        u = c._utilisateurs.get(k)
        if u is not None and (u.cloture_le is None or t < u.cloture_le):
            vus.setdefault(k)
    return list(vus)


def _candidats(c: Convention, idx: Index, t: datetime, groupes: list[Groupe]) -> list[Acteur]:
    """Gestionnaires des groupes (et de leurs ancêtres), puis administrateurs, puis la Caf."""
    gestionnaires = [cle(a.gestionnaire) for g in groupes for a in ancetres(c, g)]
    admins = sorted(idx.administrateurs)
    resultat: list[Acteur] = [
        c._utilisateurs[k].identifiant for k in _actifs(c, [*gestionnaires, *admins], t)
    ]
    if not c.gestion_deleguee:
        resultat.append(CAF)
    return resultat


def _qui(
    c: Convention,
    idx: Index,
    t: datetime,
    action: Action,
    candidats: list[Acteur],
    **objets: Any,
) -> tuple[Acteur, ...]:
    return tuple(a for a in candidats if decider(c, idx, a, action, t, **objets).autorise)


def _nom(acteur: Acteur) -> str:
    return "la Caf" if isinstance(acteur, ActeurCaf) else acteur


def _texte(action: str, par: tuple[Acteur, ...]) -> str:
    if not par:
        return f"{action} — personne dans la convention ne le peut : demandez à la Caf"
    return f"{action} — par " + " ou ".join(_nom(a) for a in par)


# --- le plan d'accès à CDAP -----------------------------------------------------------------


def plan_acces_cdap(
    convention: Convention, identifiant: str, *, instant: datetime
) -> tuple[tuple[Etape, ...], str | None]:
    """Le plus court chemin vers l'option « consulter dossier », ou à qui s'adresser.

    Rend ``(etapes, recours)`` : des étapes vides et un recours quand rien de ce que
    peut faire le partenaire ne donnerait l'accès.
    """
    c = _convention(convention)
    t = moment(instant)
    u = c.trouver_utilisateur(identifiant)
    if u is None:
        return (), "Créez d'abord le compte (administrateur ou gestionnaire d'habilitations)."
    if acces_cdap(c, u.identifiant, instant=t).autorise:
        return (), None
    return _plan(c, index(c), u, t)


def _plan(
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
        qui = _qui(c, idx, t, Action.MODIFIER_COMPTE, _candidats(c, idx, t, mes_groupes), compte=u)
        prealables.append(
            Etape(
                commande="reactiver_compte",
                arguments={"utilisateur": ident},
                par=qui,
                texte=_texte(
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
        candidats = _candidats(c, idx, t, [g])
        if g.role is None:
            p = grp.profil_du_libelle(g.libelle)
            if p is not None and p in c.profils_contractuels and _tous_eligibles(c, g, p):
                qui = _qui(c, idx, t, Action.AFFECTER_ROLE, candidats, groupe=g)
                options.append(
                    [
                        Etape(
                            commande="affecter_role",
                            arguments={"groupe": g.code, "profil": p},
                            par=qui,
                            texte=_texte(f"affecter le rôle {p.value} au groupe {g.code}", qui),
                        )
                    ]
                )
        elif g.role in c.profils_contractuels and not elig.remplit(u, g.role, None):
            decision = elig._eligibilite(u, g.role, None)
            if decision.donnees_manquantes:
                champs = tuple(decision.donnees_manquantes)
                qui = _qui(c, idx, t, Action.MODIFIER_COMPTE, candidats, compte=u)
                options.append(
                    [
                        Etape(
                            commande="modifier_compte",
                            arguments={"utilisateur": ident, **dict.fromkeys(champs, A_COMPLETER)},
                            par=qui,
                            a_completer=champs,
                            texte=_texte(
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
        p for p, (fonctions, _) in elig._FONCTIONS_PAR_PROFIL.items() if u.fonction in fonctions
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
            and r is not None
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
        qui = _qui(c, idx, t, Action.GERER_MEMBRES, _candidats(c, idx, t, [g]), groupe=g)
        options.append(
            [
                Etape(
                    commande="ajouter_au_groupe",
                    arguments={"groupe": g.code, "utilisateur": u.identifiant},
                    par=qui,
                    texte=_texte(
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
    admins = [c._utilisateurs[k] for k in _actifs(c, sorted(idx.administrateurs), t)]
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
        candidats = _candidats(c, idx, t, [])
        qui = _qui(c, idx, t, Action.CREER_GROUPE, candidats, service=Service.CDAP)
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
                    texte=_texte(
                        f"créer le groupe {code} « {libelle} » géré par {gestionnaire}", qui
                    ),
                ),
                Etape(
                    commande="affecter_role",
                    arguments={"groupe": code, "profil": p},
                    par=qui,
                    texte=_texte(f"affecter le rôle {p.value} au groupe {code}", qui),
                ),
                Etape(
                    commande="ajouter_au_groupe",
                    arguments={"groupe": code, "utilisateur": u.identifiant},
                    par=qui,
                    texte=_texte(f"ajouter {u.identifiant} au groupe {code}", qui),
                ),
            ]
        ]
    return []


# --- diagnostiquer ---------------------------------------------------------------------------


def diagnostiquer(
    convention: Convention,
    identifiant: str,
    symptome: Symptome | str,
    *,
    instant: datetime,
    saisie: str | None = None,
) -> Diagnostic:
    """Les causes d'un symptôme du guide pour ce compte, leurs remèdes et, s'il le faut, un plan.

    ``saisie`` est ce que la personne a tapé, pour les symptômes qui portent sur une
    valeur saisie (un numéro d'instructeur).
    """
    c = _convention(convention)
    t = moment(instant)
    s = Symptome.parse(symptome)
    if saisie is not None and not isinstance(saisie, str):
        raise DonneeInvalide(
            erreurs.TYPE, f"saisie : un texte est attendu, pas {apercu(saisie)}", valeur=saisie
        )
    u = c.trouver_utilisateur(identifiant)
    nom = identifiant if isinstance(identifiant, str) else apercu(identifiant)
    if u is None and s is not Symptome.RECHERCHE_FASTIDIEUSE:
        return Diagnostic(
            identifiant=nom,
            symptome=s,
            causes=(
                cdap.CDAP_01.constat(
                    f"aucun compte {apercu(identifiant)} dans la convention {c.numero}",
                    remede="Vérifiez l'identifiant dans la liste des utilisateurs ; sinon, le "
                    "compte "
                    "est à créer par l'administrateur ou le gestionnaire d'habilitations.",
                    cible=_cible(identifiant),
                ),
            ),
        )
    return _SYMPTOMES[s](c, index(c), u, t, saisie, nom)


def _cible(valeur: object) -> str | None:
    return valeur if isinstance(valeur, str) and len(valeur) <= 64 else None


def _pas_d_option(
    c: Convention, idx: Index, u: Utilisateur | None, t: datetime, _: str | None, nom: str
) -> Diagnostic:
    assert u is not None  # noqa: S101
    acces = acces_cdap(c, u.identifiant, instant=t)
    if acces.autorise:
        return Diagnostic(
            identifiant=u.identifiant,
            symptome=Symptome.PAS_D_OPTION_CONSULTER,
            causes=acces.constats[:1],
        )
    etapes, recours = _plan(c, idx, u, t)
    return Diagnostic(
        identifiant=u.identifiant,
        symptome=Symptome.PAS_D_OPTION_CONSULTER,
        causes=acces.constats,
        plan=etapes,
        recours=recours,
    )


def _disparue(
    c: Convention, idx: Index, u: Utilisateur | None, t: datetime, _: str | None, nom: str
) -> Diagnostic:
    assert u is not None  # noqa: S101
    causes: list[Constat] = []
    mes_groupes = set(idx.groupes_de(u.cle))
    for e in reversed(c.journal):
        if e.instant > t:
            continue
        quand = e.instant.isoformat()
        if isinstance(e, RoleRetire) and cle(e.groupe) in mes_groupes:
            causes.append(
                grp.GRP_05.constat(
                    f"le groupe {e.groupe} de {u.identifiant} a perdu son rôle {e.profil.value} le "
                    f"{quand} (par {_nom(e.par)}) : il ne donne plus ce profil",
                    remede=f"Réaffectez un rôle au groupe {e.groupe}, ou ajoutez {u.identifiant} "
                    "à un "
                    "groupe qui a le rôle voulu.",
                    cible=u.identifiant,
                    severite=W,
                )
            )
        elif (
            isinstance(e, MembreRetire)
            and cle(e.utilisateur) == u.cle
            and cle(e.groupe) not in mes_groupes
        ):
            causes.append(
                cdap.CDAP_01.constat(
                    f"{u.identifiant} a été retiré du groupe {e.groupe} le {quand} (par "
                    f"{_nom(e.par)})",
                    remede=f"Si ses missions le justifient, ajoutez-le de nouveau à {e.groupe}.",
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
                    f"{quand}, par {_nom(e.par)})",
                    remede="Si la personne doit retrouver l'accès, réactivez le compte.",
                    cible=u.identifiant,
                )
            )
    acces = acces_cdap(c, u.identifiant, instant=t)
    if acces.autorise:
        causes.append(acces.constats[0])
        return Diagnostic(
            identifiant=u.identifiant,
            symptome=Symptome.OPTION_CONSULTER_DISPARUE,
            causes=tuple(causes),
        )
    if not causes:
        causes.extend(acces.constats)
    etapes, recours = _plan(c, idx, u, t)
    return Diagnostic(
        identifiant=u.identifiant,
        symptome=Symptome.OPTION_CONSULTER_DISPARUE,
        causes=tuple(causes),
        plan=etapes,
        recours=recours,
    )


def _identifiant_perdu(
    c: Convention, idx: Index, u: Utilisateur | None, t: datetime, _: str | None, nom: str
) -> Diagnostic:
    assert u is not None  # noqa: S101
    mes_groupes = groupes_du_compte(c, idx, u.cle)
    gestionnaires = _actifs(c, [cle(g.gestionnaire) for g in mes_groupes], t)
    admins = _actifs(c, sorted(idx.administrateurs), t)
    qui = tuple(
        c._utilisateurs[k].identifiant
        for k in dict.fromkeys([*gestionnaires, *admins])
        if k != u.cle
    )
    return Diagnostic(
        identifiant=u.identifiant,
        symptome=Symptome.IDENTIFIANT_PERDU,
        causes=(
            mdp.MDP_05.constat(
                f"l'identifiant de {u.nom_complet} est {u.identifiant} ; il peut le lui redonner : "
                + (", ".join(qui) if qui else "personne d'actif dans la convention"),
                remede="Le gestionnaire d'habilitations (ou un administrateur) communique "
                "l'identifiant en consultant la liste des utilisateurs.",
                cible=u.identifiant,
                severite=I,
            ),
        ),
        recours=None if qui else "La Caf, par l'intermédiaire d'un administrateur à désigner.",
    )


def _mot_de_passe(
    c: Convention,
    idx: Index,
    u: Utilisateur | None,
    t: datetime,
    _: str | None,
    nom: str,
    *,
    symptome: Symptome = Symptome.MOT_DE_PASSE_PERDU,
) -> Diagnostic:
    assert u is not None  # noqa: S101
    if u.cloture_le is not None and t >= u.cloture_le:
        return Diagnostic(
            identifiant=u.identifiant,
            symptome=symptome,
            causes=(
                usr.USR_05.constat(
                    f"le compte {u.identifiant} est clôturé : aucun mot de passe n'y donne accès",
                    remede="S'adresser à son gestionnaire ou à son administrateur.",
                    cible=u.identifiant,
                ),
            ),
        )
    causes: list[Constat] = []
    temporaire = u.mot_de_passe_temporaire
    if symptome is Symptome.MOT_DE_PASSE_TEMPORAIRE_EXPIRE:
        if temporaire is None:
            causes.append(
                mdp.MDP_03.constat(
                    f"{u.identifiant} n'a pas de mot de passe temporaire en cours"
                    + (
                        " : son mot de passe est déjà personnalisé"
                        if u.mot_de_passe_personnalise
                        else ""
                    ),
                    cible=u.identifiant,
                    severite=I,
                )
            )
        elif temporaire.est_valide(t):
            causes.append(
                mdp.MDP_02.constat(
                    f"le mot de passe temporaire de {u.identifiant} est encore valable jusqu'au "
                    f"{temporaire.expire_le.isoformat()}",
                    remede="Se connecter avec lui et "
                    "personnaliser son mot de passe avant cette heure.",
                    cible=u.identifiant,
                    severite=I,
                )
            )
            return Diagnostic(
                identifiant=u.identifiant,
                symptome=symptome,
                causes=tuple(causes),
                plan=(
                    Etape(
                        commande="personnaliser_mot_de_passe",
                        arguments={},
                        par=(u.identifiant,),
                        texte=f"personnaliser son mot de passe — par {u.identifiant} lui-même",
                    ),
                ),
            )
        else:
            causes.append(
                mdp.MDP_02.constat(
                    f"le mot de passe temporaire de {u.identifiant} a expiré le "
                    f"{temporaire.expire_le.isoformat()} : 24 heures se sont écoulées depuis son "
                    "émission",
                    remede="Suivre la procédure « mot de passe oublié » : le système "
                    "envoie un nouveau mot de passe valable 24 heures.",
                    cible=u.identifiant,
                )
            )
    causes.append(
        mdp.MDP_04.constat(
            "ni la Caf ni l'administrateur ne fixent de mot de passe : la personne suit elle-même "
            "la "
            "procédure « mot de passe oublié », qui lui envoie un mot de passe de 24 heures",
            remede="Se connecter avec son identifiant et suivre « mot de passe oublié ».",
            cible=u.identifiant,
            severite=I,
        )
    )
    return Diagnostic(
        identifiant=u.identifiant,
        symptome=symptome,
        causes=tuple(causes),
        plan=(
            Etape(
                commande="demander_nouveau_mot_de_passe",
                arguments={},
                par=(u.identifiant,),
                texte=f"« mot de passe oublié » — par {u.identifiant} lui-même",
            ),
        ),
    )


def _temporaire_expire(
    c: Convention, idx: Index, u: Utilisateur | None, t: datetime, saisie: str | None, nom: str
) -> Diagnostic:
    return _mot_de_passe(
        c, idx, u, t, saisie, nom, symptome=Symptome.MOT_DE_PASSE_TEMPORAIRE_EXPIRE
    )


def _numero(
    c: Convention, idx: Index, u: Utilisateur | None, t: datetime, saisie: str | None, nom: str
) -> Diagnostic:
    assert u is not None  # noqa: S101
    ident = u.identifiant
    s = Symptome.NUMERO_INSTRUCTEUR_NON_RECONNU
    candidats = _candidats(c, idx, t, groupes_du_compte(c, idx, u.cle))
    qui = _qui(c, idx, t, Action.MODIFIER_COMPTE, candidats, compte=u)
    if saisie is None:
        if u.numero_instructeur is None:
            return Diagnostic(
                identifiant=ident,
                symptome=s,
                causes=(
                    elig.ELIG_04.constat(
                        f"aucun numéro d'instructeur n'est enregistré pour {ident}",
                        remede="Enregistrer le numéro complet (14 caractères).",
                        cible=ident,
                    ),
                ),
                plan=(_etape_numero(ident, qui, None),),
            )
        return Diagnostic(
            identifiant=ident,
            symptome=s,
            causes=(
                num.NUM_01.constat(
                    f"le numéro enregistré pour {ident}, {u.numero_instructeur}, est complet et "
                    "bien "
                    "formé ; vérifiez celui que la personne saisit",
                    cible=ident,
                    severite=I,
                ),
            ),
        )
    try:
        lu = NumeroInstructeur.parse(saisie)
    except NumeroInstructeurIncomplet as e:
        complet = e.suggestion
        return Diagnostic(
            identifiant=ident,
            symptome=s,
            causes=(
                num.NUM_02.constat(
                    f"le numéro saisi {apercu(saisie)} est incomplet pour le système : il y "
                    "manque les "
                    f"cinq zéros finaux ; le numéro complet est {complet}",
                    remede=f"Ajouter cinq « 0 » à la fin : {complet}.",
                    cible=ident,
                ),
            ),
            plan=() if u.numero_instructeur == complet else (_etape_numero(ident, qui, complet),),
        )
    except NumeroInstructeurMalForme as e:
        return Diagnostic(
            identifiant=ident,
            symptome=s,
            causes=(
                num.NUM_01.constat(
                    f"{e.message} (partie(s) en cause : {', '.join(e.parties)})",
                    remede="Vérifier le numéro délivré par le Conseil départemental : département "
                    "(3), "
                    "type (1 lettre), commune (3 chiffres), rang (2 chiffres), cinq zéros.",
                    cible=ident,
                ),
            ),
        )
    except DonneeInvalide as e:
        return Diagnostic(
            identifiant=ident, symptome=s, causes=(num.NUM_01.constat(e.message, cible=ident),)
        )
    if u.numero_instructeur != lu:
        return Diagnostic(
            identifiant=ident,
            symptome=s,
            causes=(
                elig.ELIG_04.constat(
                    f"le numéro saisi {lu} est bien formé mais n'est pas celui enregistré pour "
                    f"{ident} "
                    f"({u.numero_instructeur or 'aucun'})",
                    remede="Enregistrer le bon numéro sur le compte.",
                    cible=ident,
                ),
            ),
            plan=(_etape_numero(ident, qui, lu),),
        )
    return Diagnostic(
        identifiant=ident,
        symptome=s,
        causes=(
            num.NUM_01.constat(
                f"le numéro {lu} est complet, bien formé et enregistré pour {ident}",
                cible=ident,
                severite=I,
            ),
        ),
    )


def _etape_numero(ident: str, qui: tuple[Acteur, ...], numero: NumeroInstructeur | None) -> Etape:
    if numero is None:
        return Etape(
            commande="modifier_compte",
            arguments={"utilisateur": ident, "numero_instructeur": A_COMPLETER},
            par=qui,
            a_completer=("numero_instructeur",),
            texte=_texte(f"enregistrer le numéro d'instructeur de {ident}", qui),
        )
    return Etape(
        commande="modifier_compte",
        arguments={"utilisateur": ident, "numero_instructeur": numero},
        par=qui,
        texte=_texte(f"enregistrer le numéro {numero} sur le compte {ident}", qui),
    )


def _code_t10(
    c: Convention, idx: Index, u: Utilisateur | None, t: datetime, _: str | None, nom: str
) -> Diagnostic:
    assert u is not None  # noqa: S101
    ident = u.identifiant
    causes = [
        elig.ELIG_06.constat(
            "le code demandé est le code bailleur, le même que celui utilisé dans le service "
            "Cafpro",
            remede="Saisir le code bailleur de Cafpro.",
            cible=ident,
            severite=I,
        )
    ]
    plan: tuple[Etape, ...] = ()
    if not u.code_bailleur:
        causes.append(
            elig.ELIG_06.constat(
                f"aucun code bailleur n'est enregistré pour {ident}",
                remede="Enregistrer le code bailleur sur le compte.",
                cible=ident,
            )
        )
        candidats = _candidats(c, idx, t, groupes_du_compte(c, idx, u.cle))
        qui = _qui(c, idx, t, Action.MODIFIER_COMPTE, candidats, compte=u)
        plan = (
            Etape(
                commande="modifier_compte",
                arguments={"utilisateur": ident, "code_bailleur": A_COMPLETER},
                par=qui,
                a_completer=("code_bailleur",),
                texte=_texte(f"enregistrer le code bailleur de {ident}", qui),
            ),
        )
    return Diagnostic(
        identifiant=ident, symptome=Symptome.CODE_DEMANDE_T10, causes=tuple(causes), plan=plan
    )


def _recherche(
    c: Convention, idx: Index, u: Utilisateur | None, t: datetime, _: str | None, nom: str
) -> Diagnostic:
    return Diagnostic(
        identifiant=u.identifiant if u is not None else nom,
        symptome=Symptome.RECHERCHE_FASTIDIEUSE,
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


_SYMPTOMES: Final[dict[Symptome, Callable[..., Diagnostic]]] = {
    Symptome.PAS_D_OPTION_CONSULTER: _pas_d_option,
    Symptome.OPTION_CONSULTER_DISPARUE: _disparue,
    Symptome.IDENTIFIANT_PERDU: _identifiant_perdu,
    Symptome.MOT_DE_PASSE_PERDU: _mot_de_passe,
    Symptome.MOT_DE_PASSE_TEMPORAIRE_EXPIRE: _temporaire_expire,
    Symptome.NUMERO_INSTRUCTEUR_NON_RECONNU: _numero,
    Symptome.CODE_DEMANDE_T10: _code_t10,
    Symptome.RECHERCHE_FASTIDIEUSE: _recherche,
}
