"""Un modèle de référence naïf de ``acces_cdap``, comparé à la bibliothèque.

Le modèle tient en quelques lignes, lit ``rules.md`` à la lettre et parcourt toute la
convention à chaque question (lent, mais évidemment juste) :

- ``MCP-CDAP-01`` : la convention souscrit CDAP, le compte est actif
  (``cloture_le is None or instant < cloture_le``) et il est membre d'au moins un groupe
  CDAP dont le rôle est posé, figure au contrat, et dont il remplit les conditions ;
- conditions (ELIG) : jamais d'assistant social du travail ; T1 pour assistant social ou
  conseiller ESF ; T4 pour un instructeur RSA qui a un numéro ; T9 pour mandataire
  judiciaire, tuteur ou curateur ; rien d'autre pour les autres profils (T10 compris :
  son code bailleur est demandé à la consultation, pas pour tenir le profil,
  interprétation 16).

La bibliothèque, elle, répond depuis un index gardé en cache dans chaque convention :
on la compare au modèle sur des conventions au hasard, sur des conventions dérivées par
des commandes acceptées (le cache ne doit jamais rendre une réponse périmée), et quand
une même convention est interrogée à plusieurs instants, dans n'importe quel ordre.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any, Final

import attrs
from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st

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
    Service,
    Utilisateur,
)
from mcp_rules import strategies as mst

# --- le modèle de référence ------------------------------------------------------------------


def eligible(u: Utilisateur, profil: ProfilT) -> bool:
    """Les conditions ELIG, à la lettre."""
    if u.fonction is Fonction.ASSISTANT_SOCIAL_DU_TRAVAIL:
        return False
    if profil is ProfilT.T1:
        return u.fonction in (Fonction.ASSISTANT_SOCIAL, Fonction.CONSEILLER_ESF)
    if profil is ProfilT.T4:
        return u.fonction is Fonction.INSTRUCTEUR_RSA and u.numero_instructeur is not None
    if profil is ProfilT.T9:
        return u.fonction in (Fonction.MANDATAIRE_JUDICIAIRE, Fonction.TUTEUR, Fonction.CURATEUR)
    return True


def reference(
    c: Convention, identifiant: str, instant: datetime
) -> tuple[bool, frozenset[ProfilT]]:
    """(autorisé, profils effectifs) selon ``MCP-CDAP-01``, en parcourant tout."""
    comptes = [u for u in c.utilisateurs if u.identifiant.lower() == identifiant.lower()]
    if not comptes:
        return False, frozenset()
    u = comptes[0]
    actif = u.cloture_le is None or instant < u.cloture_le
    if Service.CDAP not in c.services or not actif:
        return False, frozenset()
    profils = set()
    for g in c.groupes:
        membre = any(x.lower() == u.identifiant.lower() for x in g.membres)
        if (
            membre
            and g.service is Service.CDAP
            and g.role is not None
            and g.role in c.profils_contractuels
            and eligible(u, g.role)
        ):
            profils.add(g.role)
    return bool(profils), frozenset(profils)


# --- la comparaison --------------------------------------------------------------------------

INCONNU: Final = "inconnu.zz"


def comparer(c: Convention, instant: datetime, *, casse: bool = False) -> None:
    """Chaque compte (et un inconnu) : même ``autorise``, mêmes profils que le modèle."""
    for ident in [*(u.identifiant for u in c.utilisateurs), INCONNU]:
        question = ident.swapcase() if casse else ident
        a = m.acces_cdap(c, question, instant=instant)
        attendu = reference(c, ident, instant)
        assert (a.autorise, frozenset(a.profils)) == attendu, (ident, instant, a)
        assert list(a.profils) == sorted(set(a.profils), key=lambda p: p.rang)
        assert bool(a) is a.autorise
        d = m.peut(c, question, Action.ACCEDER_SERVICE, service=Service.CDAP, instant=instant)
        assert d.autorise is attendu[0], (ident, instant, d)
        if attendu[0]:
            event("au moins un compte autorisé")


def bornes(c: Convention) -> list[datetime]:
    """Les instants où tout se joue : chaque clôture, juste avant, juste après."""
    micro = timedelta(microseconds=1)
    return [
        t
        for u in c.utilisateurs
        if u.cloture_le is not None
        for t in (u.cloture_le - micro, u.cloture_le, u.cloture_le + micro)
    ]


def instants_pour(c: Convention) -> st.SearchStrategy[datetime]:
    """N'importe quand, souvent à une clôture, ou juste après la création d'un compte."""
    limites = bornes(c)
    creations = [u.cree_le + timedelta(hours=1) for u in c.utilisateurs]
    return st.one_of(
        mst.instants(),
        st.sampled_from(creations),
        *([st.sampled_from(limites)] * 2 if limites else []),
    )


def densifier(c: Convention, profils: frozenset[ProfilT]) -> Convention:
    """La même convention, en CDAP : service souscrit, profils ajoutés au contrat, et chaque
    groupe hors de l'arbre AFAS passé en CDAP (les rôles se mettent alors à compter)."""
    afas = {GROUPE_AFAS_DECLARER.lower(), GROUPE_AFAS_HABILITER.lower()}

    def racine(g: Groupe) -> Groupe:
        while g.parent is not None:
            g = c.groupe(g.parent)
        return g

    return Convention(
        numero=c.numero,
        organisme=c.organisme,
        caf=c.caf,
        gestion_deleguee=c.gestion_deleguee,
        services=c.services | {Service.CDAP},
        profils_contractuels=c.profils_contractuels | profils,
        administrateurs=c.administrateurs,
        utilisateurs=c.utilisateurs,
        groupes=[
            g if racine(g).code.lower() in afas else attrs.evolve(g, service=Service.CDAP)
            for g in c.groupes
        ],
        afas=c.afas,
        journal=c.journal,
    )


@st.composite
def conventions_cdap(draw: st.DrawFn, max_comptes: int = 12) -> Convention:
    """Une convention faite pour CDAP : des groupes CDAP presque tous dotés d'un rôle, des
    fonctions et des données d'éligibilité qui tombent souvent juste, un contrat large."""
    idents = draw(
        st.lists(mst.identifiants(), min_size=1, max_size=max_comptes, unique_by=str.lower)
    )
    fonctions = st.sampled_from(
        [
            Fonction.AUTRE,
            Fonction.ASSISTANT_SOCIAL,
            Fonction.CONSEILLER_ESF,
            Fonction.ASSISTANT_SOCIAL_DU_TRAVAIL,
            Fonction.INSTRUCTEUR_RSA,
            Fonction.TUTEUR,
            Fonction.BAILLEUR,
        ]
    )
    comptes = [draw(mst.utilisateurs(identifiant=st.just(i), fonction=fonctions)) for i in idents]
    un_compte = st.sampled_from(idents)
    groupes = [
        Groupe(
            code=code,
            libelle=draw(mst.libelles()),
            service=draw(st.sampled_from([Service.CDAP] * 4 + [Service.ADONIS])),
            gestionnaire=draw(un_compte),
            role=draw(st.sampled_from([*ProfilT, *ProfilT, None])),
            membres=frozenset(draw(st.lists(un_compte, min_size=1, unique=True))),
        )
        for code in draw(st.lists(mst.codes_groupe(), min_size=1, max_size=6, unique_by=str.lower))
    ]
    return Convention(
        numero="19_214",
        organisme="Ville d'Exemple",
        caf="Caf du Rhône",
        services=draw(st.sampled_from([{Service.CDAP, Service.ADONIS}] * 5 + [{Service.ADONIS}])),
        profils_contractuels=draw(
            st.just(frozenset(ProfilT)) | st.frozensets(st.sampled_from(ProfilT), min_size=5)
        ),
        administrateurs={idents[0]},
        utilisateurs=comptes,
        groupes=groupes,
    )


def conventions(max_comptes: int = 12) -> st.SearchStrategy[Convention]:
    """Celles de :mod:`mcp_rules.strategies`, les mêmes « densifiées », et des conventions
    faites pour CDAP : dans les premières seules, un groupe CDAP dont le rôle est au contrat,
    avec un membre actif qui en remplit les conditions, est rare."""
    brutes = mst.conventions(max_comptes=max_comptes)
    return st.one_of(
        brutes,
        st.builds(densifier, brutes, st.frozensets(st.sampled_from(ProfilT), min_size=6)),
        conventions_cdap(max_comptes),
        conventions_cdap(max_comptes),
    )


REGLAGES: Final = settings(
    deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
EXEMPLES: Final = REGLAGES.max_examples  # celui du profil chargé (dev : 100, ci : 300)


# --- 1. des conventions au hasard ------------------------------------------------------------


@settings(max_examples=6 * EXEMPLES, parent=REGLAGES)
@given(c=conventions(), data=st.data())
def test_reference_conventions_aleatoires(c: Convention, data: st.DataObject) -> None:
    instant = data.draw(instants_pour(c), label="instant")
    comparer(c, instant, casse=data.draw(st.booleans(), label="casse"))
    # l'audit compte les profils par le même chemin (et le même cache)
    if Service.CDAP in c.services:
        attendus: Counter[ProfilT] = Counter()
        for u in c.utilisateurs:
            attendus.update(reference(c, u.identifiant, instant)[1])
        rapport = m.auditer(c, instant=instant)
        assert dict(rapport.comptes_par_profil) == dict(attendus)


# --- 2. des conventions dérivées par des commandes acceptées ---------------------------------


def commande_au_hasard(
    data: st.DataObject, c: Convention, t: datetime
) -> tuple[str, Acteur, dict[str, Any]]:
    """Une commande qui touche à l'accès CDAP, par la Caf ou un administrateur."""
    comptes = [u.identifiant for u in c.utilisateurs]
    codes = [g.code for g in c.groupes] or ["T1X"]
    acteurs: list[Acteur] = [CAF, CAF, *sorted(c.administrateurs)]
    par = data.draw(st.sampled_from(acteurs), label="par")
    compte = st.sampled_from(comptes)
    groupe = st.sampled_from(codes)
    nom = data.draw(
        st.sampled_from(
            [
                "affecter_role",
                "retirer_role",
                "ajouter_au_groupe",
                "ajouter_au_groupe",
                "retirer_du_groupe",
                "modifier_compte",
                "modifier_compte",
                "cloturer_compte",
                "reactiver_compte",
                "creer_utilisateur",
            ]
        ),
        label="commande",
    )
    arguments: dict[str, Any]
    if nom == "affecter_role":
        arguments = {"groupe": data.draw(groupe), "profil": data.draw(st.sampled_from(ProfilT))}
    elif nom == "retirer_role":
        arguments = {"groupe": data.draw(groupe)}
    elif nom in ("ajouter_au_groupe", "retirer_du_groupe"):
        arguments = {"groupe": data.draw(groupe), "utilisateur": data.draw(compte)}
    elif nom == "modifier_compte":
        possibles: dict[str, st.SearchStrategy[Any]] = {
            "fonction": st.sampled_from(Fonction),
            "numero_instructeur": st.none() | mst.numeros_instructeur(),
            "code_bailleur": st.none() | st.just("B42"),
        }
        champs = data.draw(st.lists(st.sampled_from(sorted(possibles)), min_size=1, unique=True))
        arguments = {"utilisateur": data.draw(compte)}
        arguments.update({n: data.draw(possibles[n], label=n) for n in champs})
    elif nom == "cloturer_compte":
        le = data.draw(
            st.none() | st.integers(0, 5 * 86400).map(lambda s: t + timedelta(seconds=s))
        )
        arguments = {"utilisateur": data.draw(compte), "le": le}
    elif nom == "reactiver_compte":
        arguments = {"utilisateur": data.draw(compte)}
    else:
        arguments = {
            "utilisateur": data.draw(mst.utilisateurs(), label="nouveau"),
            "groupe": data.draw(st.none() | groupe),
        }
    return nom, par, arguments


@settings(max_examples=2 * EXEMPLES, parent=REGLAGES)
@given(c=conventions(max_comptes=8), data=st.data())
def test_reference_apres_commandes(c: Convention, data: st.DataObject) -> None:
    t = data.draw(mst.instants(datetime(2024, 1, 1, tzinfo=UTC), datetime(2030, 1, 1, tzinfo=UTC)))
    if c.journal:  # une commande ne s'antidate pas : on part du dernier événement, au plus tôt
        t = max(t, c.journal[-1].instant)
    etats: list[Convention] = [c]
    acceptees = 0
    for _ in range(data.draw(st.integers(1, 12), label="pas")):
        comparer(c, t)  # remplit le cache de l'état courant
        nom, par, arguments = commande_au_hasard(data, c, t)
        r: Resultat = getattr(m, nom)(c, par=par, instant=t, **arguments)
        note(f"{t.isoformat()} {nom}(par={par!r}, {arguments!r}) -> {r.accepte} {r.codes}")
        if r.accepte:
            acceptees += 1
            c = r.convention
            etats.append(c)
            comparer(c, t)
        else:
            assert r.convention is c
        attente = data.draw(
            st.sampled_from([timedelta(0), timedelta(seconds=1), timedelta(hours=1)])
            | st.integers(0, 3 * 86400).map(lambda s: timedelta(seconds=s)),
            label="attente",
        )
        # le temps écoulé se compte en UTC : « t + attente » dans le fuseau de Paris est une
        # arithmétique d'horloge murale, qui recule d'une heure en sortant de l'heure répétée
        t = (t.astimezone(UTC) + attente).astimezone(t.tzinfo)
    # chaque état, ancien ou nouveau, répond toujours juste, à un instant quelconque
    for ancien in data.draw(st.permutations(etats), label="ordre"):
        comparer(ancien, data.draw(st.one_of(st.just(t), instants_pour(ancien))))


# --- 3. une même convention à plusieurs instants, dans n'importe quel ordre ------------------


@settings(max_examples=3 * EXEMPLES, parent=REGLAGES)
@given(c=conventions(), data=st.data())
def test_reference_plusieurs_instants(c: Convention, data: st.DataObject) -> None:
    moments = data.draw(st.lists(instants_pour(c), min_size=1, max_size=6), label="instants")
    ordre = data.draw(st.permutations(moments + moments), label="ordre")
    for instant in ordre:
        comparer(c, instant, casse=data.draw(st.booleans()))
