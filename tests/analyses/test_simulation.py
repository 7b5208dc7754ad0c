"""``simuler`` prévoit exactement ce que font les commandes exécutées pour de vrai."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mcp_rules import (
    CAF,
    Acteur,
    Commande,
    Convention,
    DonneeInvalide,
    acces_cdap,
    auditer,
    matrice_acces,
    simuler,
)
from mcp_rules.exemple import INSTANT_EXEMPLE, convention_exemple

T = INSTANT_EXEMPLE
C0 = convention_exemple()
COMPTES = [u.identifiant for u in C0.utilisateurs]
GROUPES = [g.code for g in C0.groupes]


@st.composite
def commandes(draw: st.DrawFn) -> Commande:
    acteurs: list[Acteur] = [*COMPTES, CAF, "inconnu"]
    par = draw(st.sampled_from(acteurs))
    nom, arguments = draw(
        st.sampled_from(
            [
                ("retirer_role", {"groupe": draw(st.sampled_from(GROUPES))}),
                (
                    "affecter_role",
                    {
                        "groupe": draw(st.sampled_from(GROUPES)),
                        "profil": draw(st.sampled_from(["T1", "T2", "T3", "T4"])),
                    },
                ),
                (
                    "ajouter_au_groupe",
                    {
                        "groupe": draw(st.sampled_from(GROUPES)),
                        "utilisateur": draw(st.sampled_from(COMPTES)),
                    },
                ),
                (
                    "retirer_du_groupe",
                    {
                        "groupe": draw(st.sampled_from(GROUPES)),
                        "utilisateur": draw(st.sampled_from(COMPTES)),
                    },
                ),
                ("cloturer_compte", {"utilisateur": draw(st.sampled_from(COMPTES))}),
                ("reactiver_compte", {"utilisateur": draw(st.sampled_from(COMPTES))}),
                (
                    "designer_gestionnaire",
                    {
                        "groupe": draw(st.sampled_from(GROUPES)),
                        "gestionnaire": draw(st.sampled_from(COMPTES)),
                    },
                ),
            ]
        )
    )
    return Commande(nom, par=par, arguments=arguments)


def profils(c: Convention, t: datetime) -> dict[str, tuple[str, ...]]:
    return {
        u.identifiant: tuple(p.value for p in acces_cdap(c, u.identifiant, instant=t).profils)
        for u in c.utilisateurs
    }


@settings(max_examples=max(30, settings().max_examples // 2), deadline=None)
@given(st.lists(commandes(), max_size=6))
def test_simuler_egale_l_execution_reelle(liste: list[Commande]) -> None:
    simulation = simuler(C0, liste, instant=T)
    reelle = C0
    for cmd in liste:
        resultat = cmd.executer(reelle, instant=T)
        reelle = resultat.convention
    assert simulation.convention == reelle
    assert [r.accepte for r in simulation.resultats] == [
        r.accepte for r in simuler(C0, liste, instant=T).resultats
    ]
    avant, apres = profils(C0, T), profils(reelle, T)
    changes = {
        x.identifiant: (tuple(p.value for p in x.avant), tuple(p.value for p in x.apres))
        for x in simulation.changements
        if x.avant != x.apres
    }
    attendus = {k: (avant[k], apres[k]) for k in apres if avant[k] != apres[k]}
    assert changes == attendus
    constats_apres = {(c.code, c.cible, c.message) for c in auditer(reelle, instant=T).constats}
    assert {(c.code, c.cible, c.message) for c in simulation.nouveaux_constats} <= constats_apres
    assert convention_exemple() == C0  # rien n'a été engagé


def test_retirer_le_role_dit_qui_perd() -> None:
    s = simuler(
        C0, [Commande("retirer_role", par="adm.martin", arguments={"groupe": "T1AS"})], instant=T
    )
    assert s.toutes_acceptees
    assert [(x.identifiant, x.perdus) for x in s.changements] == [
        ("as.leroy", (C0.groupe("T1AS").role,)),
        ("as.moreau", (C0.groupe("T1AS").role,)),
    ]
    assert [c.code for c in s.nouveaux_constats] == ["MCP-GRP-05"]


def test_commande_inconnue_ou_arguments_faux() -> None:
    with pytest.raises(DonneeInvalide) as inconnue:
        Commande("tout_casser", par="adm.martin")
    assert inconnue.value.code == "MCP-DONNEE-VALEUR"
    mauvaise = Commande("retirer_role", par="adm.martin", arguments={"groupe_x": "T1AS"})
    with pytest.raises(DonneeInvalide) as arguments:
        simuler(C0, [mauvaise], instant=T)
    assert "groupe" in arguments.value.message


def test_matrice_d_acces_egale_acces_cdap() -> None:
    m = matrice_acces(C0, instant=T)
    for ligne in m.lignes:
        assert ligne.profils == acces_cdap(C0, ligne.identifiant, instant=T).profils
