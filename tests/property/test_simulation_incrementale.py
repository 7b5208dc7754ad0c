"""La simulation incrémentale dit exactement ce que dit la simulation complète.

``simuler`` ne recalcule que la portée des commandes (comptes et groupes nommés par les
événements ajoutés, membres de ces groupes, adresses de ces comptes, groupes qu'ils gèrent)
et, pour l'audit, les parts de la convention entière. Deux propriétés :

- **la portée est complète** : tout compte et tout groupe qui diffère avant et après les
  commandes est dans la portée (sinon la simulation pourrait taire un changement) ;
- **le résultat est celui de la référence** : qui gagne, qui perd, constats nouveaux et
  résolus, dans le même ordre, que la simulation complète (deux audits entiers).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mcp_rules import (
    CAF,
    Acteur,
    Commande,
    Convention,
    Fonction,
    Politique,
    ProfilT,
    Service,
    Utilisateur,
    simuler,
)
from mcp_rules import strategies as mst
from mcp_rules.analyses.simulation import _portee
from mcp_rules.decisions.services import acces_par_service, services_du_compte
from mcp_rules.exemple import INSTANT_EXEMPLE, convention_exemple
from mcp_rules.generateur import INSTANT_REFERENCE, convention_synthetique
from mcp_rules.modele.index import index

from .simulation_reference import verifier_comme_la_reference, verifier_portee

EXEMPLE = convention_exemple()


def _adresses_partagees(c: Convention) -> Convention:
    """``c`` où trois comptes ont la même adresse, et deux autres une autre (MCP-USR-03)."""
    comptes = list(c.utilisateurs)
    for i, j in ((5, 6), (7, 6), (20, 21)):
        comptes[i] = attrs.evolve(comptes[i], email=comptes[j].email)
    return attrs.evolve(c, utilisateurs=comptes)


SYNTHETIQUES = [
    convention_synthetique(60, graine=1),
    convention_synthetique(150, graine=2),
    _adresses_partagees(convention_synthetique(60, graine=3)),
]


@st.composite
def commandes_sur(draw: st.DrawFn, c: Convention) -> Commande:
    """Une commande, plausible ou non, sur les comptes et groupes de ``c`` (ou de nouveaux)."""
    comptes = [u.identifiant for u in c.utilisateurs]
    groupes = [g.code for g in c.groupes]
    compte = st.sampled_from(comptes)
    groupe = st.sampled_from(groupes)
    acteurs = st.sampled_from([*sorted(c.administrateurs)] * 3 + comptes[:10] + [CAF])
    n = draw(st.integers(0, 10**6))
    nouveau = Utilisateur(
        identifiant=f"nouveau{n}",
        nom="Durand",
        prenom="Léa",
        email=draw(
            st.sampled_from([f"lea.durand{n}@ville-exemple.fr", str(c.utilisateurs[0].email)])
        ),
        cree_le=INSTANT_REFERENCE - timedelta(days=1),
        fonction=draw(st.sampled_from(list(Fonction))),
    )
    choix: list[tuple[str, dict[str, Any]]] = [
        ("ajouter_au_groupe", {"groupe": draw(groupe), "utilisateur": draw(compte)}),
        ("retirer_du_groupe", {"groupe": draw(groupe), "utilisateur": draw(compte)}),
        ("retirer_role", {"groupe": draw(groupe)}),
        (
            "affecter_role",
            {"groupe": draw(groupe), "profil": draw(st.sampled_from(list(ProfilT)))},
        ),
        ("cloturer_compte", {"utilisateur": draw(compte)}),
        ("reactiver_compte", {"utilisateur": draw(compte)}),
        ("designer_gestionnaire", {"groupe": draw(groupe), "gestionnaire": draw(compte)}),
        ("modifier_libelle", {"groupe": draw(groupe), "libelle": "T2 Nouveau libellé"}),
        (
            "modifier_compte",
            {
                "utilisateur": draw(compte),
                **draw(
                    st.sampled_from(
                        [
                            {"fonction": "ASSISTANT_SOCIAL"},
                            {"fonction": "ASSISTANT_SOCIAL_DU_TRAVAIL"},
                            {"email": str(c.utilisateurs[-1].email)},
                            {"email": f"autre{n}@ville-exemple.fr"},
                            {"nom": "Accueil"},
                            {"numero_instructeur": None},
                        ]
                    )
                ),
            },
        ),
        ("creer_utilisateur", {"utilisateur": nouveau, "groupe": draw(groupe)}),
        (
            "creer_groupe",
            {
                "code": f"NG{n}",
                "libelle": "T1 Nouveau",
                "service": draw(st.sampled_from(["CDAP", "AFAS"])),
                "gestionnaire": draw(compte),
                "parent": draw(st.none() | groupe),
            },
        ),
        (
            "cloturer_compte",
            {
                "utilisateur": draw(compte),
                "le": INSTANT_REFERENCE + timedelta(days=draw(st.integers(-3, 400))),
            },
        ),
        ("personnaliser_mot_de_passe", {}),
        ("demander_nouveau_mot_de_passe", {}),
        ("retirer_role_afas", {"utilisateur": draw(compte), "role": "FDF"}),
        ("changer_approbateur", {"utilisateur": draw(compte)}),
        ("valider_approbateur", {}),
        ("designer_administrateur", {"identifiant": draw(compte), "remplace": None}),
        ("configurer_role_afas", {"utilisateur": draw(compte), "role": "FDA"}),
    ]
    nom, arguments = draw(st.sampled_from(choix))
    if nom in ("designer_administrateur", "valider_approbateur"):
        par: Acteur = CAF
    elif nom in ("personnaliser_mot_de_passe", "demander_nouveau_mot_de_passe"):
        par = draw(compte)
    else:
        par = draw(acteurs)
    return Commande(nom, par=par, arguments=arguments)


def _verifier(c0: Convention, liste: list[Commande], t: datetime) -> None:
    s = simuler(c0, liste, instant=t)
    verifier_comme_la_reference(s, c0, t)
    verifier_portee(c0, s.convention)


@settings(
    max_examples=max(40, settings().max_examples // 2),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(data=st.data())
def test_comme_la_reference_sur_l_exemple(data: st.DataObject) -> None:
    liste = data.draw(st.lists(commandes_sur(EXEMPLE), max_size=8), label="commandes")
    _verifier(EXEMPLE, liste, INSTANT_EXEMPLE)


@settings(
    max_examples=max(40, settings().max_examples // 2),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(data=st.data())
def test_comme_la_reference_sur_des_conventions_synthetiques(data: st.DataObject) -> None:
    c0 = data.draw(st.sampled_from(SYNTHETIQUES), label="convention")
    liste = data.draw(st.lists(commandes_sur(c0), max_size=12), label="commandes")
    t = data.draw(st.sampled_from([INSTANT_REFERENCE, INSTANT_REFERENCE + timedelta(days=200)]))
    _verifier(c0, liste, t)


def test_avec_une_politique_locale() -> None:
    c0 = SYNTHETIQUES[0]
    politique = Politique(inactivite_max=timedelta(days=10), mots_adresse_service={"agent"})
    liste = [
        Commande("cloturer_compte", par="agent000000", arguments={"utilisateur": "agent000010"}),
        Commande(
            "modifier_compte",
            par="agent000000",
            arguments={"utilisateur": "agent000011", "nom": "Secretariat"},
        ),
    ]
    s = simuler(c0, liste, instant=INSTANT_REFERENCE, politique=politique)
    assert s.toutes_acceptees
    assert _portee(c0, s.convention) is not None
    verifier_comme_la_reference(s, c0, INSTANT_REFERENCE, politique)


def test_un_changement_de_la_convention_entiere_simule_tout() -> None:
    c0 = EXEMPLE
    liste = [
        Commande(
            "designer_administrateur",
            par=CAF,
            arguments={"identifiant": "as.leroy", "remplace": "adm.bernard"},
        )
    ]
    s = simuler(c0, liste, instant=INSTANT_EXEMPLE)
    assert s.toutes_acceptees, s.resultats[0].constats
    assert _portee(c0, s.convention) is None
    verifier_comme_la_reference(s, c0, INSTANT_EXEMPLE)


def test_la_portee_ne_suit_que_les_commandes() -> None:
    """Vingt commandes sur 3 000 comptes : la portée reste de l'ordre des groupes touchés."""
    c0 = convention_synthetique(3_000, graine=7)
    gestionnaires = sorted(c0.administrateurs)
    liste = [
        Commande(
            "cloturer_compte",
            par=gestionnaires[0],
            arguments={"utilisateur": f"agent{100 + i:06d}"},
        )
        for i in range(20)
    ]
    s = simuler(c0, liste, instant=INSTANT_REFERENCE)
    assert sum(r.accepte for r in s.resultats) >= 10
    portee = _portee(c0, s.convention)
    assert portee is not None
    assert len(portee.comptes) < 300
    verifier_comme_la_reference(s, c0, INSTANT_REFERENCE)


@settings(max_examples=max(50, settings().max_examples // 2), deadline=None)
@given(c=mst.conventions(max_comptes=10))
def test_services_du_compte_comme_acces_par_service(c: Convention) -> None:
    idx = index(c)
    tous = acces_par_service(c)
    for k in c._utilisateurs:
        attendu = frozenset(s for s, comptes in tous.items() if k in comptes)
        assert services_du_compte(c, idx, k) == attendu
        assert Service.CDAP not in attendu


def test_une_adresse_qui_cesse_d_etre_partagee() -> None:
    """Le compte qui change d'adresse, et ceux qui la partageaient : leurs MCP-USR-03
    changent ou disparaissent, alors que seul le premier est nommé par la commande."""
    c0 = SYNTHETIQUES[2]
    admin = min(c0.administrateurs)
    cible = c0.utilisateurs[5].identifiant
    liste = [
        Commande(
            "modifier_compte",
            par=admin,
            arguments={"utilisateur": cible, "email": "quelqu.un@ville-exemple.fr"},
        )
    ]
    s = simuler(c0, liste, instant=INSTANT_REFERENCE)
    assert s.toutes_acceptees, s.resultats[0].constats
    assert {x.code for x in s.constats_resolus} == {"MCP-USR-03"}
    assert {x.code for x in s.nouveaux_constats} == {"MCP-USR-03"}
    verifier_comme_la_reference(s, c0, INSTANT_REFERENCE)


def test_un_groupe_change_l_audit_de_ses_membres_inchanges() -> None:
    """Le rôle retiré à T1AS ne change pas ses membres (mêmes objets avant et après), mais
    leur part MCP-ELIG, si : la réserve sur le diplôme d'as.moreau (MCP-ELIG-02) disparaît
    avec le profil. La simulation la compte parmi les constats résolus, comme l'audit
    complet."""
    s = simuler(
        EXEMPLE,
        [Commande("retirer_role", par="adm.martin", arguments={"groupe": "T1AS"})],
        instant=INSTANT_EXEMPLE,
    )
    assert s.toutes_acceptees
    portee = _portee(EXEMPLE, s.convention)
    assert portee is not None
    assert {"as.leroy", "as.moreau"} <= portee.memes_comptes
    assert ("MCP-ELIG-02", "as.moreau") in {(x.code, x.cible) for x in s.constats_resolus}
    verifier_comme_la_reference(s, EXEMPLE, INSTANT_EXEMPLE)
