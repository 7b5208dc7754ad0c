"""Ce qui ne doit jamais arriver : les invariants de sécurité du ticket 9, écrits une seconde
fois, naïvement, sans rien emprunter aux prédicats de la bibliothèque.

Ils servent deux explorations : la machine à états (:mod:`.test_machine_etats`, de longues
suites de commandes au hasard) et l'exploration exhaustive des petites conventions
(:mod:`.test_petite_portee`, chaque commande par chaque acteur avec chaque argument).

Les invariants, pour une commande acceptée (sauf le dernier) :

1. **Les droits ne descendent que de celui qui agit.** Après une commande d'un compte qui
   n'est pas administrateur, ni lui ni personne (hors administrateurs) n'a de droit nouveau
   (selon :func:`mcp_rules.peut`, et selon la responsabilité de l'interprétation 14 lue à la
   lettre) sur un compte qui n'était pas déjà sous la responsabilité de l'acteur, sauf un
   compte créé par la commande — ou, pour un autre que l'acteur, un compte dont les groupes
   n'ont pas bougé et étaient déjà tous les siens (l'acteur a seulement repris la gestion
   d'un de ses sous-groupes à ce compte) ; et personne ne gère un groupe de plus qui ne soit
   un groupe de l'acteur ou un groupe créé sous l'un d'eux.
2. **Les administrateurs ne sont touchés que par les administrateurs et la Caf** : leur
   compte (adresse électronique comprise), leurs groupes (hors du vrai AFAS-DECLARER,
   interprétation 24), leurs rôles AFAS et la liste des administrateurs restent tels quels
   après la commande d'un autre.
3. **Un accès vient d'un rôle** (invariant d'état) : chaque accès à un service passe par un
   groupe de ce service doté de son rôle ; AFAS, par le vrai AFAS-DECLARER et un rôle AFAS ;
   les droits AFAS d'un non-administrateur, par le vrai AFAS-HABILITER ou la gestion du vrai
   AFAS-DECLARER.
4. **Personne ne s'habilite soi-même** : un acteur non administrateur ne change pas ses
   propres données d'éligibilité, ne s'ajoute à aucun groupe, ne donne pas de rôle à un
   groupe dont il est membre, ne se donne pas de rôle AFAS (interprétation 21).
5. **Un refus ne change rien** : il rend l'objet même, sans événement, avec au moins une
   erreur.
6. **Nul n'habilite hors de sa responsabilité, ni par personne interposée** (trouvé par une
   revue adverse) : après la commande d'un non-administrateur, l'accès d'un compte à un
   service ne change que si ce compte est sous sa responsabilité (ou créé par la commande) —
   sauf l'étape 2 et 3 d'AFAS (interprétation 24), jamais pour son propre gestionnaire ; et
   il ne lève pas sa propre clôture.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final

import mcp_rules as m
from mcp_rules import (
    CAF,
    GROUPE_AFAS_DECLARER,
    GROUPE_AFAS_HABILITER,
    Acteur,
    Action,
    Convention,
    Fonction,
    Groupe,
    ProfilT,
    Resultat,
    RoleApplicatif,
    Service,
    Utilisateur,
)

DONNEES_D_ELIGIBILITE: Final = (
    "fonction",
    "numero_instructeur",
    "code_bailleur",
    "diplome_etat",
    "mandats",
)


# --- lectures naïves ------------------------------------------------------------------------


def cle(texte: str) -> str:
    return texte.lower()


def actif(u: Utilisateur, t: datetime) -> bool:
    return u.cloture_le is None or t < u.cloture_le


@dataclass(frozen=True)
class _Vue:
    """Une convention relue une fois, naïvement (les lectures ci-dessous la partagent)."""

    groupes: dict[str, Groupe]
    comptes: dict[str, Utilisateur]
    admins: set[str]
    chaines: dict[str, list[Groupe]]
    geres: dict[str, set[str]]
    comptant: dict[str, set[str]]
    gere_par: dict[str, set[str]]


_VUES: dict[int, tuple[Convention, _Vue]] = {}


def _vue(c: Convention) -> _Vue:
    deja = _VUES.get(id(c))
    if deja is not None and deja[0] is c:
        return deja[1]
    par_cle = {cle(g.code): g for g in c.groupes}
    chaines: dict[str, list[Groupe]] = {}
    for gk, g in par_cle.items():
        suite = [g]
        while suite[-1].parent is not None and len(suite) <= len(par_cle):
            suite.append(par_cle[cle(suite[-1].parent)])
        chaines[gk] = suite
    comptes_ = {cle(u.identifiant): u for u in c.utilisateurs}
    geres_: dict[str, set[str]] = {k: set() for k in comptes_}
    gere_par: dict[str, set[str]] = {k: set() for k in comptes_}
    comptant: dict[str, set[str]] = {k: set() for k in comptes_}
    for gk, g in par_cle.items():
        gere_par[cle(g.gestionnaire)].add(gk)
        for a in chaines[gk]:
            geres_[cle(a.gestionnaire)].add(gk)
        declarer = g.service is Service.AFAS and any(
            cle(a.code) == cle(GROUPE_AFAS_DECLARER) for a in chaines[gk]
        )
        if not declarer:
            for x in g.membres:
                comptant[cle(x)].add(gk)
    vue = _Vue(
        groupes=par_cle,
        comptes=comptes_,
        admins={cle(a) for a in c.administrateurs},
        chaines=chaines,
        geres=geres_,
        comptant=comptant,
        gere_par=gere_par,
    )
    if len(_VUES) > 8:
        _VUES.clear()
    _VUES[id(c)] = (c, vue)
    return vue


def groupes(c: Convention) -> dict[str, Groupe]:
    return _vue(c).groupes


def comptes(c: Convention) -> dict[str, Utilisateur]:
    return _vue(c).comptes


def admins(c: Convention) -> set[str]:
    return _vue(c).admins


def chaine(c: Convention, g: Groupe) -> list[Groupe]:
    """Le groupe puis ses parents."""
    return _vue(c).chaines[cle(g.code)]


def membre(g: Groupe, k: str) -> bool:
    return any(cle(x) == k for x in g.membres)


def geres(c: Convention, k: str) -> set[str]:
    """Les groupes que ``k`` gère, sous-groupes compris."""
    return _vue(c).geres.get(k, set())


def vrai_groupe_afas(c: Convention, g: Groupe, code: str) -> bool:
    return g.service is Service.AFAS and any(cle(a.code) == cle(code) for a in chaine(c, g))


def groupes_comptant(c: Convention, x: str) -> set[str]:
    """Les groupes d'un compte qui disent de qui il relève (hors du vrai AFAS-DECLARER)."""
    return _vue(c).comptant.get(x, set())


def responsabilite(c: Convention, k: str) -> set[str]:
    """Interprétation 14 à la lettre : les comptes dont **chaque** groupe est géré par ``k``,
    dans au moins un groupe, ni administrateurs, ni gestionnaires d'un groupe qu'il ne gère
    pas ; les groupes du vrai AFAS-DECLARER ne comptent pas (interprétation 24)."""
    v = _vue(c)
    siens = v.geres.get(k, set())
    return {
        x
        for x in v.comptes
        if x not in v.admins and v.comptant[x] and v.comptant[x] <= siens and v.gere_par[x] <= siens
    }


def droits_sur_comptes(c: Convention, t: datetime) -> set[tuple[str, str]]:
    """Les couples (acteur non administrateur, compte) que :func:`mcp_rules.peut` autorise à
    modifier."""
    resultat = set()
    for y, uy in comptes(c).items():
        if y in admins(c) or not actif(uy, t):
            continue
        for x, ux in comptes(c).items():
            if m.peut(
                c, uy.identifiant, Action.MODIFIER_COMPTE, utilisateur=ux.identifiant, instant=t
            ).autorise:
                resultat.add((y, x))
    return resultat


def eligible(u: Utilisateur, profil: ProfilT) -> bool:
    """Les conditions ELIG à la lettre (T10 : le code est demandé à la consultation)."""
    if u.fonction is Fonction.ASSISTANT_SOCIAL_DU_TRAVAIL:
        return False
    if profil is ProfilT.T1:
        return u.fonction in (Fonction.ASSISTANT_SOCIAL, Fonction.CONSEILLER_ESF)
    if profil is ProfilT.T4:
        return u.fonction is Fonction.INSTRUCTEUR_RSA and u.numero_instructeur is not None
    if profil is ProfilT.T9:
        return u.fonction in (Fonction.MANDATAIRE_JUDICIAIRE, Fonction.TUTEUR, Fonction.CURATEUR)
    return True


def titulaires_afas(c: Convention) -> set[str]:
    config = c.afas
    noms = {*config.fda, *config.fdf}
    if config.approbateur is not None:
        noms.add(config.approbateur)
    return {cle(x) for x in noms}


def acces_attendu(c: Convention, u: Utilisateur, s: Service, t: datetime) -> bool:
    """Un accès ne vient que d'un rôle d'un groupe de ce service (AFAS : le vrai groupe)."""
    if s not in c.services or not actif(u, t):
        return False
    k = cle(u.identifiant)
    siens = [g for g in c.groupes if membre(g, k)]
    if s is Service.CDAP:
        return any(
            g.service is Service.CDAP
            and isinstance(g.role, ProfilT)
            and g.role in c.profils_contractuels
            and eligible(u, g.role)
            for g in siens
        )
    if s is Service.AFAS:
        return k in titulaires_afas(c) and any(
            vrai_groupe_afas(c, g, GROUPE_AFAS_DECLARER) for g in siens
        )
    return any(g.service is s and g.role is RoleApplicatif.du_service(s) for g in siens)


# --- les invariants -------------------------------------------------------------------------


def verifier_etat(c: Convention, t: datetime) -> None:
    """Invariant 3, sur un état : accès et droits AFAS ne viennent que des rôles et des vrais
    groupes."""
    par_cle = groupes(c)
    habiliter = {
        cle(x)
        for g in c.groupes
        if vrai_groupe_afas(c, g, GROUPE_AFAS_HABILITER)
        for x in g.membres
    }
    for k, u in comptes(c).items():
        for s in Service:
            obtenu = m.acces_service(c, u.identifiant, s, instant=t).autorise
            assert obtenu == acces_attendu(c, u, s, t), (u.identifiant, s, obtenu)
        if k in admins(c) or not actif(u, t) or not c.gestion_deleguee:
            continue
        siens = geres(c, k)
        if m.peut(
            c, u.identifiant, Action.CONFIGURER_AFAS, service=Service.AFAS, instant=t
        ).autorise:
            declarer = par_cle.get(cle(GROUPE_AFAS_DECLARER))
            assert k in habiliter or (
                declarer is not None
                and declarer.service is Service.AFAS
                and cle(declarer.code) in siens
            ), f"{u.identifiant} a des droits AFAS sans vrai groupe AFAS"
        for gk, g in par_cle.items():
            if g.service is not Service.AFAS or gk in siens:
                continue
            if m.peut(c, u.identifiant, Action.GERER_MEMBRES, groupe=g.code, instant=t).autorise:
                quoi = f"{u.identifiant} gère les membres de {g.code} sans en avoir le droit"
                assert k in habiliter, quoi
                assert vrai_groupe_afas(c, g, GROUPE_AFAS_DECLARER), quoi


def verifier_commande(
    avant: Convention,
    r: Resultat,
    par: Acteur,
    t: datetime,
    droits_avant: set[tuple[str, str]] | None = None,
) -> None:
    """Les invariants 1, 2, 4 et 5 pour une commande et son résultat."""
    if not r.accepte:
        assert r.convention is avant, "un refus rend l'objet même"
        assert r.evenements == ()
        assert r.erreurs, "un refus dit pourquoi"
        return
    apres = r.convention
    if par is CAF or not isinstance(par, str):
        return
    p = cle(par)
    if p in admins(avant):
        return
    _descendent_de_l_acteur(avant, apres, p, t, droits_avant)
    _administrateurs_intacts(avant, apres)
    _pas_soi_meme(avant, apres, p)
    _acces_dans_sa_responsabilite(avant, apres, p, t)


def gere_un_groupe_de(c: Convention, gestionnaire: str, membre_: str) -> bool:
    """``gestionnaire`` gère (lui-même ou par un ancêtre) un groupe dont ``membre_`` est membre."""
    return any(membre(g, membre_) for gk, g in groupes(c).items() if gk in geres(c, gestionnaire))


def _acces_dans_sa_responsabilite(
    avant: Convention, apres: Convention, p: str, t: datetime
) -> None:
    permis = responsabilite(avant, p)
    for x, u in comptes(avant).items():
        if x in permis:
            continue
        for s in Service:
            a = m.acces_service(avant, u.identifiant, s, instant=t).autorise
            b = m.acces_service(apres, u.identifiant, s, instant=t).autorise
            if a == b:
                continue
            assert s is Service.AFAS, (
                f"{p} a changé l'accès {s.value} de {x}, hors de sa responsabilité"
            )
            assert x in admins(avant) or not gere_un_groupe_de(avant, x, p), (
                f"{p} a changé l'accès AFAS de son propre gestionnaire {x}"
            )


def _deja_des_siens(avant: Convention, apres: Convention, y: str, x: str) -> bool:
    """``x`` était déjà, par ses groupes, dans ceux de ``y`` ; seul un rôle de gestionnaire
    hors de chez ``y`` l'en tenait éloigné, et ses groupes n'ont pas changé (l'acteur n'a fait
    que reprendre la gestion d'un groupe qui était le sien)."""
    siens = groupes_comptant(avant, x)
    return bool(siens) and siens == groupes_comptant(apres, x) and siens <= geres(avant, y)


def _descendent_de_l_acteur(
    avant: Convention,
    apres: Convention,
    p: str,
    t: datetime,
    droits_avant: set[tuple[str, str]] | None,
) -> None:
    crees = set(comptes(apres)) - set(comptes(avant))
    permis = responsabilite(avant, p) | crees
    a_moi = geres(avant, p) | {
        gk
        for gk, g in groupes(apres).items()
        if gk not in groupes(avant)
        and any(cle(a.code) in geres(avant, p) for a in chaine(apres, g))
    }
    for y in set(comptes(apres)) - admins(apres):
        gagnes = responsabilite(apres, y) - responsabilite(avant, y)
        for x in gagnes - permis:
            assert y != p, f"{p} s'est donné la responsabilité de {x}"
            assert _deja_des_siens(avant, apres, y, x), f"après {p}, {y} répond de {x}"
        nouveaux_groupes = geres(apres, y) - geres(avant, y)
        assert nouveaux_groupes <= a_moi, f"{y} gère {nouveaux_groupes - a_moi} après {p}"
    if droits_avant is None:
        droits_avant = droits_sur_comptes(avant, t)
    for y, x in droits_sur_comptes(apres, t) - droits_avant:
        if x not in permis:
            assert y != p, f"{p} s'est donné un droit sur {x}"
            assert _deja_des_siens(avant, apres, y, x), f"après {p}, {y} peut modifier {x}"


def _administrateurs_intacts(avant: Convention, apres: Convention) -> None:
    assert admins(apres) == admins(avant), "seule la Caf change les administrateurs"
    ca, cp = comptes(avant), comptes(apres)
    ga, gp = groupes(avant), groupes(apres)
    for a in admins(avant):
        assert cp[a] == ca[a], f"le compte de l'administrateur {a} a changé"
        for gk, g in gp.items():
            if vrai_groupe_afas(apres, g, GROUPE_AFAS_DECLARER):
                continue  # interprétation 24
            dedans_avant = gk in ga and membre(ga[gk], a)
            assert membre(g, a) == dedans_avant, f"l'administrateur {a} et le groupe {g.code}"
        assert _roles_afas(avant, a) == _roles_afas(apres, a), f"les rôles AFAS de {a}"


def _roles_afas(c: Convention, k: str) -> tuple[bool, bool, bool, bool]:
    config = c.afas
    return (
        any(cle(x) == k for x in config.fda),
        any(cle(x) == k for x in config.fdf),
        config.approbateur is not None and cle(config.approbateur) == k,
        config.approbateur_en_attente is not None and cle(config.approbateur_en_attente) == k,
    )


def _pas_soi_meme(avant: Convention, apres: Convention, p: str) -> None:
    u_avant, u_apres = comptes(avant)[p], comptes(apres)[p]
    if u_apres.cloture_le != u_avant.cloture_le:
        assert u_apres.cloture_le is not None, f"{p} a levé sa propre clôture"
        assert u_avant.cloture_le is None or u_apres.cloture_le <= u_avant.cloture_le, (
            f"{p} a repoussé sa propre clôture"
        )
    for champ in DONNEES_D_ELIGIBILITE:
        assert getattr(u_avant, champ) == getattr(u_apres, champ), f"{p} a changé son {champ}"
    ga, gp = groupes(avant), groupes(apres)
    for gk, g in gp.items():
        ancien = ga.get(gk)
        if membre(g, p):
            assert ancien is not None, f"{p} s'est mis dans le nouveau groupe {g.code}"
            assert membre(ancien, p), f"{p} s'est ajouté à {g.code}"
            assert g.role is None or g.role == ancien.role, f"{p} a donné un rôle à {g.code}"
    gagnes = [
        a and not b for a, b in zip(_roles_afas(apres, p), _roles_afas(avant, p), strict=True)
    ]
    assert not any(gagnes), f"{p} s'est donné un rôle AFAS"
