"""Les explications approuvées : chaque message que la bibliothèque peut donner, relu une fois.

La bibliothèque promet d'expliquer chaque réponse. Ce test en fait un contrat : on pose
toutes les questions de la portée (``peut`` pour chaque acteur, chaque action, chaque
cible ; ``acces_cdap``, ``acces_service``, ``consulter_dossier``, ``eligibilite``, les
diagnostics de chaque symptôme, l'audit ; chaque commande par chaque acteur) à la convention
d'exemple et aux deux conventions de la petite portée, et l'on compare **chaque
explication** (code, sévérité, sorte de cible, message, remède) à la liste relue et
approuvée, ``approuvees.txt``. Les identifiants de comptes et de groupes y sont remplacés
par ‹compte› et ‹groupe› : la liste tient en quelques centaines de gabarits, lisibles d'un
bout à l'autre ; on y relit la langue de la bibliothèque comme un correcteur.

Une explication nouvelle, changée ou disparue fait échouer le test avec le détail. Si le
changement est voulu, relisez-le puis réécrivez la liste :

    MCP_APPROUVER=1 python -m pytest tests/explications

et la différence de ``approuvees.txt`` passe en revue avec le reste du changement.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any, Final

import mcp_rules as m
from mcp_rules import Constat, Convention
from mcp_rules.exemple import INSTANT_EXEMPLE, convention_exemple
from property import petite_portee as pp
from property.test_cibles import questions

APPROUVEES = Path(__file__).with_name("approuvees.txt")

_MOT = re.compile(r"[A-Za-z0-9@][A-Za-z0-9._-]*")


@cache
def _departs() -> tuple[Convention, ...]:
    return (
        convention_exemple(),
        pp.depart_sous_groupe(),
        pp.depart_habiliter(),
        _habiliter_gere(),
        _deux_hors_responsabilite(),
    )


def _deux_hors_responsabilite() -> Convention:
    """ADO-S, géré par gest.e, compte deux membres hors de sa responsabilité (u.h, u.g) et
    un qu'il a créé lui-même (u.k) : le refus ne nomme que les deux premiers."""
    r = m.ajouter_au_groupe(
        pp.depart_sous_groupe(), par="adm.a", groupe="ADO-S", utilisateur="u.g", instant=pp.T
    )
    assert r.accepte, r.constats
    nouveau = m.Utilisateur(
        identifiant="u.k",
        nom="Klein",
        prenom="Karim",
        email="karim.klein@ville-exemple.fr",
        cree_le=pp.T,
    )
    r = m.creer_utilisateur(
        r.convention, par="gest.e", utilisateur=nouveau, groupe="ADO-S", instant=pp.T
    )
    assert r.accepte, r.constats
    return r.convention


def _t9_t10() -> Convention:
    """L'exemple, avec T9 et T10 au contrat, un mandataire judiciaire (T9, un mandat) et un
    compte T10 sans code bailleur : là où se disent les refus de consultation."""
    e = convention_exemple()
    c = Convention(
        numero=e.numero,
        organisme=e.organisme,
        caf=e.caf,
        gestion_deleguee=e.gestion_deleguee,
        services=e.services,
        profils_contractuels=e.profils_contractuels | {m.ProfilT.T9, m.ProfilT.T10},
        administrateurs=e.administrateurs,
        utilisateurs=[
            *e.utilisateurs,
            m.Utilisateur(
                identifiant="mj.blanc",
                nom="Blanc",
                prenom="Hugo",
                email="hugo.blanc@ccas-saint-exemple.fr",
                cree_le=INSTANT_EXEMPLE,
                fonction=m.Fonction.MANDATAIRE_JUDICIAIRE,
                mandats=frozenset({"7654321"}),
            ),
            m.Utilisateur(
                identifiant="bl.gris",
                nom="Gris",
                prenom="Léa",
                email="lea.gris@ccas-saint-exemple.fr",
                cree_le=INSTANT_EXEMPLE,
                code_bailleur="B42",
            ),
            m.Utilisateur(
                identifiant="bl.noir",
                nom="Noir",
                prenom="Inès",
                email="ines.noir@ccas-saint-exemple.fr",
                cree_le=INSTANT_EXEMPLE,
            ),
        ],
        groupes=e.groupes,
        afas=e.afas,
    )
    admin = min(c.administrateurs)
    for code, libelle, profil, membre in (
        ("T9MJ", "T9 Mandataires judiciaires", m.ProfilT.T9, "mj.blanc"),
        ("T10BAIL", "T10 Bailleurs", m.ProfilT.T10, "bl.noir"),
    ):
        etapes: list[tuple[Any, dict[str, Any]]] = [
            (
                m.creer_groupe,
                {"code": code, "libelle": libelle, "service": "CDAP", "gestionnaire": admin},
            ),
            (m.affecter_role, {"groupe": code, "profil": profil}),
            (m.ajouter_au_groupe, {"groupe": code, "utilisateur": membre}),
        ]
        if profil is m.ProfilT.T10:
            etapes.append((m.ajouter_au_groupe, {"groupe": code, "utilisateur": "bl.gris"}))
        for commande, arguments in etapes:
            r = commande(c, par=admin, instant=INSTANT_EXEMPLE, **arguments)
            assert r.accepte, r.constats
            c = r.convention
    return c


_SAISIES: Final = (
    ("1234567", "Dupont", None),
    ("7654321", "Dupont", None),
    ("1234567", "Dupont", "B42"),
    ("1234567", "Dupont", " "),
    ("1234567", "Dupont", "B 42"),
    ("1234567", "Dupont", "B43"),
    ("1234567", "Dupont", "B" * 40),
    ("12-34", "Dupont", None),
    ("1234567", "1234", None),
    ("1234567", "\u200b", None),
    ("", "", None),
    (None, "Dupont", None),
)


def _consultations(c: Convention, t: datetime) -> Iterator[tuple[str, Iterable[Constat]]]:
    for u in c.utilisateurs:
        for numero, nom, code in _SAISIES:
            d = m.consulter_dossier(
                c,
                u.identifiant,
                numero_allocataire=numero,
                nom_allocataire=nom,
                code_bailleur=code,
                instant=t,
            )
            yield "consulter_dossier", d.constats
        yield (
            "qui_contacter",
            [
                m.CATALOGUE["MCP-SUPP-01"].constat(
                    "contacts : "
                    + ", ".join(str(a) for a in m.qui_contacter(c, u.identifiant, instant=t))
                )
            ],
        )
    for service in m.Service:
        objet = m.objet_demande_caf(c, service)
        for variante in (objet, objet.lower(), objet.replace(c.numero, "00_000"), "", "CDAP"):
            yield "verifier_objet_demande", m.verifier_objet_demande(c, variante).constats


def _habiliter_gere() -> Convention:
    """AFAS-HABILITER doté d'un gestionnaire, qui y a mis un membre, et qui est lui-même
    déclarant : là où se disent les refus « son propre gestionnaire » (revue adverse, F5)."""
    c = pp.depart_habiliter()
    etapes: tuple[tuple[str, Any, dict[str, Any]], ...] = (
        (
            "adm.a",
            m.designer_gestionnaire,
            {"groupe": m.GROUPE_AFAS_HABILITER, "gestionnaire": "gest.c"},
        ),
        ("gest.c", m.ajouter_au_groupe, {"groupe": m.GROUPE_AFAS_HABILITER, "utilisateur": "u.f"}),
        ("adm.a", m.ajouter_au_groupe, {"groupe": m.GROUPE_AFAS_DECLARER, "utilisateur": "gest.c"}),
    )
    for par, commande, arguments in etapes:
        r = commande(c, par=par, instant=pp.T, **arguments)
        assert r.accepte, r.constats
        c = r.convention
    return c


def _gabarit(texte: str | None, comptes: frozenset[str], groupes: frozenset[str]) -> str:
    if texte is None:
        return "∅"

    def remplacer(mo: re.Match[str]) -> str:
        mot = mo.group(0)
        cle = mot.lower().rstrip(".")
        if cle in comptes:
            return "‹compte›" + mot[len(cle) :]
        if cle in groupes:
            return "‹groupe›" + mot[len(cle) :]
        return mot

    return _MOT.sub(remplacer, texte)


def _constats(c: Convention) -> Iterator[tuple[str, Iterable[Constat]]]:
    t = INSTANT_EXEMPLE if c.numero == convention_exemple().numero else pp.T
    if c.trouver_groupe("T9MJ") is not None:  # la convention T9/T10 : ses consultations
        yield from _consultations(c, t)
        return
    for ou, constats, _ in questions(c, t):
        yield ou.split()[0], constats
    for par in pp.acteurs(c):
        for nom, args in pp.arguments(c, par):
            yield nom, getattr(m, nom)(c, par=par, instant=t, **args).constats
    yield from _consultations(c, t)
    yield from _inconnus(c, t)
    yield from _situations(c, t)
    yield from _bords(c, t)


@cache
def explications() -> list[str]:
    """Chaque explication de la portée, une ligne par gabarit, triées."""
    lignes: set[str] = set()
    for c in (*_departs(), _t9_t10()):
        comptes = frozenset(u.identifiant.lower() for u in c.utilisateurs) | {"@caf"}
        groupes = frozenset(g.code.lower() for g in c.groupes)
        for ou, constats in _constats(c):
            for x in constats:
                lignes.add(
                    " · ".join(
                        (
                            f"{x.code} [{x.severite.value}] {ou}",
                            _gabarit(x.cible, comptes, groupes),
                            _gabarit(x.message, comptes, groupes),
                            _gabarit(x.remede, comptes, groupes),
                        )
                    )
                )
    return sorted(lignes)


def _deux_profils() -> Convention:
    """as.leroy, T1, ajouté aussi au groupe T2 de l'exemple."""
    c = convention_exemple()
    groupe = next(g.code for g in c.groupes if g.role is m.ProfilT.T2)
    r = m.ajouter_au_groupe(
        c,
        par=min(c.administrateurs),
        groupe=groupe,
        utilisateur="as.leroy",
        instant=INSTANT_EXEMPLE,
    )
    assert r.accepte, r.constats
    assert len(m.acces_cdap(r.convention, "as.leroy", instant=INSTANT_EXEMPLE).profils) == 2
    return r.convention


def _apres(c: Convention, t: datetime, *etapes: tuple[Any, dict[str, Any]]) -> Convention | None:
    """La convention après ces commandes de son premier administrateur, ou None si l'une
    est refusée (la situation n'existe pas dans cette convention)."""
    for commande, arguments in etapes:
        r = commande(c, par=min(c.administrateurs), instant=t, **arguments)
        if not r.accepte:
            return None
        c = r.convention
    return c


def _situations(c: Convention, t: datetime) -> Iterator[tuple[str, Iterable[Constat]]]:
    """Un approbateur AFAS en attente, un administrateur clôturé qui veut agir, un compte
    qui atteint son service par deux groupes, un compte à l'instant même de sa clôture."""
    declarants = [x for g in c.groupes if g.code == m.GROUPE_AFAS_DECLARER for x in g.membres]
    if len(declarants) > 1 and c.afas.approbateur is None:
        premier, second = sorted(declarants)[:2]
        attente = _apres(
            c,
            t,
            (m.configurer_role_afas, {"utilisateur": premier, "role": m.RoleAfas.APPROBATEUR}),
            (m.changer_approbateur, {"utilisateur": second}),
        )
        if attente is not None:
            for u in attente.utilisateurs:
                d = m.peut(attente, u.identifiant, m.Action.VALIDER_APPROBATEUR, instant=t)
                yield "peut", d.constats
    admins = sorted(c.administrateurs)
    fin = t + timedelta(days=1)
    clos = _apres(c, t, (m.cloturer_compte, {"utilisateur": admins[-1], "le": fin}))
    if clos is not None and len(admins) > 1:
        for action in m.Action:
            yield "peut", m.peut(clos, admins[-1], action, instant=fin).constats
            d = m.peut(clos, admins[0], action, utilisateur=admins[-1], instant=fin)
            yield "peut", d.constats
    for g in c.groupes:
        if g.parent is not None and g.role is None and g.service is not m.Service.CDAP:
            role = m.RoleApplicatif.ADONIS if g.service is m.Service.ADONIS else None
            double = _apres(c, t, (m.affecter_role, {"groupe": g.code, "profil": role}))
            if double is not None:
                for u in double.utilisateurs:
                    d = m.acces_service(double, u.identifiant, g.service, instant=t)
                    yield "acces_service", d.constats


def _inconnus(c: Convention, t: datetime) -> Iterator[tuple[str, Iterable[Constat]]]:
    """Un groupe ou un compte qui n'existe pas, ou qui n'est pas un texte ; une convention
    qui ne souscrit pas AFAS."""
    admin = min(c.administrateurs)
    groupe = min(g.code for g in c.groupes)
    compte = min(u.identifiant for u in c.utilisateurs)
    for action in m.Action:
        for cible in ({}, {"groupe": groupe}, {"utilisateur": compte}):
            yield "peut", m.peut(c, m.CAF, action, instant=t, **cible).constats
        for arguments in (
            {"groupe": "GROUPE-INCONNU"},
            {"utilisateur": "compte.inconnu"},
            {"groupe": 42},
        ):
            yield "peut", m.peut(c, admin, action, instant=t, **arguments).constats
    sans_afas = Convention(
        numero=c.numero,
        organisme=c.organisme,
        caf=c.caf,
        services=c.services - {m.Service.AFAS},
        profils_contractuels=c.profils_contractuels,
        administrateurs=c.administrateurs,
        utilisateurs=list(c.utilisateurs),
        groupes=[g for g in c.groupes if g.service is not m.Service.AFAS],
    )
    for action in (m.Action.CONFIGURER_AFAS, m.Action.VALIDER_APPROBATEUR):
        for u in list(c.utilisateurs)[:3]:
            d = m.peut(sans_afas, admin, action, utilisateur=u.identifiant, instant=t)
            yield "peut", d.constats


def _variante(c: Convention, **changements: Any) -> Convention:
    """La même convention, un de ses champs simples changé (délégation, services, contrat)."""
    champs: dict[str, Any] = {
        "numero": c.numero,
        "organisme": c.organisme,
        "caf": c.caf,
        "gestion_deleguee": c.gestion_deleguee,
        "services": c.services,
        "profils_contractuels": c.profils_contractuels,
        "administrateurs": c.administrateurs,
        "utilisateurs": list(c.utilisateurs),
        "groupes": list(c.groupes),
        "afas": c.afas,
    }
    champs.update(changements)
    return Convention(**champs)


def _bords(c: Convention, t: datetime) -> Iterator[tuple[str, Iterable[Constat]]]:
    """Ce que les autres générateurs n'atteignent pas (revue des mutants) : des comptes
    inconnus ou qui ne sont pas un texte ; un acteur avant la création de son compte ; une
    convention sans gestion déléguée, sans CDAP, ou dont le contrat n'a plus un profil
    porté ; un déclarant qui tient deux rôles AFAS."""
    for inconnu in ("compte.inconnu", 42, None):
        yield "acces_cdap", m.acces_cdap(c, inconnu, instant=t).constats  # type: ignore[arg-type]
        for s in m.Service:
            d = m.acces_service(c, inconnu, s, instant=t)  # type: ignore[arg-type]
            yield "acces_service", d.constats
    admins = sorted(c.administrateurs)
    for ident in (
        admins[0],
        min(u.identifiant for u in c.utilisateurs if u.identifiant not in admins),
    ):
        avant = c.utilisateur(ident).cree_le - timedelta(days=1)
        for action in (m.Action.CREER_GROUPE, m.Action.GERER_MEMBRES, m.Action.ACCEDER_SERVICE):
            yield "peut", m.peut(c, ident, action, instant=avant, service=m.Service.CDAP).constats
    for s in m.Service:
        yield "peut", m.peut(c, m.CAF, m.Action.ACCEDER_SERVICE, service=s, instant=t).constats
    gestionnaires = {g.gestionnaire.lower() for g in c.groupes} | set(admins)
    simple = next(
        (u.identifiant for u in c.utilisateurs if u.identifiant.lower() not in gestionnaires),
        None,
    )
    if simple is not None:
        groupe = min(g.code for g in c.groupes)
        for action in m.Action:
            d = m.peut(c, simple, action, groupe=groupe, utilisateur=admins[0], instant=t)
            yield "peut", d.constats
    sans_delegation = _variante(c, gestion_deleguee=False)
    for u in list(sans_delegation.utilisateurs)[:4]:
        for action in (m.Action.CREER_GROUPE, m.Action.CONTACTER_CAF):
            yield "peut", m.peut(sans_delegation, u.identifiant, action, instant=t).constats
    sans_cdap = _variante(
        c,
        services=c.services - {m.Service.CDAP},
        groupes=[g for g in c.groupes if g.service is not m.Service.CDAP],
        profils_contractuels=(),
    )
    contrat_reduit = _variante(
        c,
        profils_contractuels=frozenset(sorted(c.profils_contractuels, key=lambda p: p.rang)[1:]),
    )
    for autre in (sans_cdap, contrat_reduit):
        for u in autre.utilisateurs:
            yield "acces_cdap", m.acces_cdap(autre, u.identifiant, instant=t).constats
    declarants = sorted(x for g in c.groupes if g.code == m.GROUPE_AFAS_DECLARER for x in g.membres)
    if declarants and m.Service.AFAS in c.services:
        double = _variante(
            c,
            afas=m.ConfigurationAfas(
                fda=frozenset({declarants[0]}),
                fdf=frozenset({declarants[0]}),
                approbateur=declarants[0],
            ),
        )
        d = m.acces_service(double, declarants[0], m.Service.AFAS, instant=t)
        yield "acces_service", d.constats


def erreurs() -> list[str]:
    """Les arguments refusés d'un appel : le code, le message, la valeur gardée."""
    c = convention_exemple()
    t = INSTANT_EXEMPLE
    lignes: list[str] = []
    appels: list[tuple[str, Any]] = [
        ("peut(par=42)", lambda: m.peut(c, 42, m.Action.CREER_GROUPE, instant=t)),  # type: ignore[arg-type]
        ("peut(par=None)", lambda: m.peut(c, None, m.Action.CREER_GROUPE, instant=t)),  # type: ignore[arg-type]
        (
            "acces_cdap(instant naïf)",
            lambda: m.acces_cdap(c, "as.leroy", instant=datetime(2026, 1, 1)),
        ),
    ]
    for nom, appel in appels:
        try:
            appel()
        except m.DonneeInvalide as e:
            lignes.append(f"{nom} : {e.code} · {e.message} · valeur={e.valeur!r}")
        else:
            lignes.append(f"{nom} : accepté")
    for ident in ("compte.inconnu", 42, None):
        a = m.acces_cdap(c, ident, instant=t)  # type: ignore[arg-type]
        lignes.append(f"acces_cdap({ident!r}) : identifiant={a.identifiant!r}, {a.autorise}")
        for s in m.Service:
            d = m.acces_service(c, ident, s, instant=t)  # type: ignore[arg-type]
            lignes.append(f"acces_service({ident!r}, {s.value}) : {d.autorise}, {d.codes}")
    return lignes


def rendus() -> list[str]:
    """L'affichage (texte, Markdown, HTML) de quelques réponses typiques."""
    c = convention_exemple()
    t = INSTANT_EXEMPLE
    admin = min(c.administrateurs)
    reponses: list[tuple[str, m.Decision | m.AccesCdap | Constat | m.Regle]] = [
        ("acces_cdap accordé", m.acces_cdap(c, "as.leroy", instant=t)),
        ("acces_cdap refusé", m.acces_cdap(c, "cr.girard", instant=t)),
        ("peut accordé", m.peut(c, admin, m.Action.CREER_GROUPE, instant=t)),
        ("peut refusé", m.peut(c, "as.leroy", m.Action.CREER_GROUPE, instant=t)),
        (
            "consulter_dossier refusé",
            m.consulter_dossier(
                c, "as.leroy", numero_allocataire="12", nom_allocataire="", instant=t
            ),
        ),
        ("règle", m.CATALOGUE["MCP-CDAP-02"]),
        ("constat avec cible", m.CATALOGUE["MCP-USR-05"].constat("clôturé", cible="as.leroy")),
        ("constat sans cible", m.CATALOGUE["MCP-CONV-02"].constat("sans administrateur")),
        (
            "constat avec remède",
            m.CATALOGUE["MCP-USR-05"].constat("clôturé", remede="Réactivez-le.", cible="x"),
        ),
        ("règle documentée", next(r for r in m.CATALOGUE.values() if not r.automatisable)),
        (
            "consulter_dossier, données manquantes",
            m.consulter_dossier(
                _t9_t10(),
                "bl.noir",
                numero_allocataire="1234567",
                nom_allocataire="Dupont",
                instant=t,
            ),
        ),
        (
            "consulter_dossier, deux données manquantes",
            m.consulter_dossier(
                c, "as.leroy", numero_allocataire="", nom_allocataire=None, instant=t
            ),
        ),
        ("acces_cdap, deux profils", m.acces_cdap(_deux_profils(), "as.leroy", instant=t)),
    ]
    lignes: list[str] = []
    for nom, r in reponses:
        lignes.append(f"## {nom} : str")
        lignes.extend(str(r).splitlines())
        if hasattr(r, "vers_markdown"):
            lignes.append(f"## {nom} : Markdown")
            lignes.extend(r.vers_markdown().splitlines())
            lignes.append(f"## {nom} : HTML")
            lignes.extend(r.vers_html().splitlines())
    return lignes


def _jamais(_: m.Utilisateur) -> bool:
    return False


_JAMAIS: Final = m.ConditionProfil(code="LOCAL-SANS-T4", titre="Pas de T4", verifier=_jamais)


def verdicts() -> list[str]:
    """Qui atteint quel service, compte par compte (identifiants réels) : le verdict lui-même,
    pas seulement son explication ; sous une politique locale qui ferme T4."""
    sans_t4 = m.Politique(conditions={m.ProfilT.T4: [_JAMAIS]})
    lignes: list[str] = []
    for c in (*_departs(), _t9_t10()):
        t = INSTANT_EXEMPLE if c.numero == convention_exemple().numero else pp.T
        for ident in [*sorted(u.identifiant for u in c.utilisateurs), "compte.inconnu"]:
            atteints = [
                s.value
                for s in m.Service
                if m.acces_service(c, ident, s, instant=t, politique=sans_t4).autorise
            ]
            lignes.append(f"{ident} : {', '.join(atteints) or '—'}")
    return lignes


def _contenu() -> str:
    return (
        "\n".join(
            [
                "# explications",
                *explications(),
                "# verdicts",
                *verdicts(),
                "# erreurs",
                *erreurs(),
                "# rendus",
                *rendus(),
            ]
        )
        + "\n"
    )


def test_les_explications_sont_celles_approuvees() -> None:
    actuel = _contenu()
    if os.environ.get("MCP_APPROUVER"):
        APPROUVEES.write_text(actuel, encoding="utf-8")
    approuve = APPROUVEES.read_text(encoding="utf-8")
    if actuel != approuve:
        avant, apres = set(approuve.splitlines()), set(actuel.splitlines())
        nouvelles = sorted(apres - avant)[:15]
        disparues = sorted(avant - apres)[:15]
        raise AssertionError(
            "les explications ont changé ; relisez, puis MCP_APPROUVER=1 pour approuver\n"
            + "\n".join(f"+ {x}" for x in nouvelles)
            + "\n"
            + "\n".join(f"- {x}" for x in disparues)
        )


def test_la_liste_approuvee_couvre_chaque_code_de_refus_de_la_portee() -> None:
    """Un garde-fou de la portée elle-même : assez de règles différentes sont atteintes."""
    codes = {ligne.split()[0] for ligne in explications()}
    assert len(codes) >= 40, sorted(codes)
