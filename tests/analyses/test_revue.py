"""La revue des habilitations sur l'exemple : qui confirme quoi, pourquoi, et ce qui en sort.

La propriété générale (une réponse « clôturer » produit une commande si et seulement si
la commande serait acceptée, pour chaque acteur et chaque compte) est dans
``tests/property/revue_reference.py``, exercée par la machine à états.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

import mcp_rules as m
from mcp_rules import CAF, Avis, DonneeInvalide, Politique, ReponseRevue, conclure_revue, revue
from mcp_rules.exemple import INSTANT_EXEMPLE, convention_exemple
from mcp_rules.generateur import convention_synthetique


@pytest.fixture(scope="module")
def campagne() -> m.Revue:
    return revue(convention_exemple(), instant=INSTANT_EXEMPLE)


def _codes(campagne: m.Revue, ident: str) -> list[str]:
    return [x.code for x in campagne.compte(ident).motifs]


def test_chaque_compte_ouvert_une_fois_et_aucun_compte_clos(campagne: m.Revue) -> None:
    idents = [a.identifiant for a in campagne.comptes]
    assert len(idents) == len(set(idents)) == 14
    assert "gest.petit" not in idents  # clôturé le 30 juin


def test_un_gestionnaire_confirme_les_comptes_de_ses_groupes(campagne: m.Revue) -> None:
    assert [a.identifiant for a in campagne.pour("gest.durand")] == [
        "as.leroy",
        "as.moreau",
        "cesf.roux",
    ]
    assert campagne.compte("as.leroy").relecteurs == ("gest.durand",)


def test_sans_gestionnaire_actif_ce_sont_les_administrateurs(campagne: m.Revue) -> None:
    """T2PE est géré par gest.petit, clôturé : ses membres reviennent aux administrateurs."""
    assert campagne.compte("pe.fournier").relecteurs == ("adm.bernard", "adm.martin")


def test_les_gestionnaires_et_les_administrateurs_sont_confirmes_par_les_administrateurs(
    campagne: m.Revue,
) -> None:
    assert campagne.compte("gest.durand").relecteurs == ("adm.bernard", "adm.martin")
    assert campagne.compte("adm.martin").relecteurs == ("adm.bernard",)
    assert campagne.compte("adm.bernard").relecteurs == ("adm.martin",)
    assert "MCP-GRP-08" in _codes(campagne, "gest.durand")
    assert _codes(campagne, "adm.martin") == ["MCP-GRP-08", "MCP-CONV-02"]


def test_les_motifs_de_l_exemple(campagne: m.Revue) -> None:
    assert _codes(campagne, "cesf.roux") == ["MCP-USR-04", "MCP-ELIG-01"]  # vue le 12 mai
    assert _codes(campagne, "ae.fontaine") == ["MCP-MDP-03"]
    assert _codes(campagne, "ir.lambert") == ["MCP-ELIG-04"]
    assert _codes(campagne, "afas.habil") == ["MCP-USR-06"]  # n'ouvre aucun service
    assert _codes(campagne, "afas.dupont") == []  # routine
    assert "2026-05-12" in campagne.compte("cesf.roux").motifs[0].message


def test_la_limite_d_inactivite_est_celle_de_la_politique() -> None:
    large = revue(
        convention_exemple(),
        instant=INSTANT_EXEMPLE,
        politique=Politique(inactivite_max=timedelta(days=365)),
    )
    assert "MCP-USR-04" not in [x.code for x in large.compte("cesf.roux").motifs]


def test_plusieurs_profils_se_signalent() -> None:
    c = convention_exemple()
    r = m.ajouter_au_groupe(
        c, par="adm.martin", groupe="T2PE", utilisateur="as.leroy", instant=INSTANT_EXEMPLE
    )
    assert r.accepte
    campagne = revue(r.convention, instant=INSTANT_EXEMPLE)
    assert "MCP-USR-07" in [x.code for x in campagne.compte("as.leroy").motifs]


def test_une_cloture_demandee_par_qui_le_peut_devient_une_commande_acceptee(
    campagne: m.Revue,
) -> None:
    c = convention_exemple()
    conclusion = conclure_revue(
        c,
        campagne,
        [
            ReponseRevue(relecteur="gest.durand", identifiant="cesf.roux", avis=Avis.CLORE),
            ReponseRevue(relecteur="gest.durand", identifiant="as.leroy", avis="garder"),
        ],
        instant=INSTANT_EXEMPLE,
    )
    assert [(x.nom, x.par, dict(x.arguments)) for x in conclusion.commandes] == [
        ("cloturer_compte", "gest.durand", {"utilisateur": "cesf.roux"})
    ]
    assert conclusion.confirmes == ("as.leroy",)
    assert "as.moreau" in conclusion.sans_reponse
    assert conclusion.refus == ()
    simulation = m.simuler(c, list(conclusion.commandes), instant=INSTANT_EXEMPLE)
    assert simulation.toutes_acceptees
    assert simulation.convention.utilisateur("cesf.roux").cloture_le == INSTANT_EXEMPLE


def test_un_gestionnaire_ne_clot_pas_un_administrateur(campagne: m.Revue) -> None:
    conclusion = conclure_revue(
        convention_exemple(),
        campagne,
        [ReponseRevue(relecteur="gest.durand", identifiant="ADM.Martin", avis="CLORE")],
        instant=INSTANT_EXEMPLE,
    )
    assert conclusion.commandes == ()
    ((reponse, decision),) = conclusion.refus
    assert reponse.identifiant == "ADM.Martin"
    assert not decision.autorise
    assert {"MCP-ROLE-09", "MCP-ROLE-10"} <= set(decision.codes)


def test_une_cloture_l_emporte_sur_une_confirmation(campagne: m.Revue) -> None:
    conclusion = conclure_revue(
        convention_exemple(),
        campagne,
        [
            ReponseRevue(relecteur="adm.martin", identifiant="pe.fournier", avis="GARDER"),
            ReponseRevue(relecteur="adm.bernard", identifiant="pe.fournier", avis="CLORE"),
            ReponseRevue(relecteur="adm.martin", identifiant="pe.fournier", avis="CLORE"),
        ],
        instant=INSTANT_EXEMPLE,
    )
    assert [x.par for x in conclusion.commandes] == ["adm.bernard"]
    assert conclusion.confirmes == ()


def test_une_reponse_sur_un_compte_hors_revue_est_refusee(campagne: m.Revue) -> None:
    conclusion = conclure_revue(
        convention_exemple(),
        campagne,
        [
            ReponseRevue(relecteur="adm.martin", identifiant="gest.petit", avis="CLORE"),
            ReponseRevue(relecteur=CAF, identifiant="personne", avis="GARDER"),
        ],
        instant=INSTANT_EXEMPLE,
    )
    assert conclusion.commandes == ()
    assert [d.codes for _, d in conclusion.refus] == [("MCP-ROLE-09",), ("MCP-ROLE-09",)]
    assert "déjà clôturé" in conclusion.refus[0][1].constats[0].message


def test_une_revue_d_une_autre_convention_est_refusee(campagne: m.Revue) -> None:
    autre = convention_synthetique(5)
    with pytest.raises(DonneeInvalide) as exc:
        conclure_revue(autre, campagne, [], instant=INSTANT_EXEMPLE)
    assert exc.value.code == "MCP-DONNEE-VALEUR"


@pytest.mark.parametrize(
    "fabrique",
    [
        lambda: ReponseRevue(relecteur=3, identifiant="a.b", avis="CLORE"),  # type: ignore[arg-type]
        lambda: ReponseRevue(relecteur="a.b", identifiant=None, avis="CLORE"),  # type: ignore[arg-type]
        lambda: ReponseRevue(relecteur="a.b", identifiant="c.d", avis="supprimer"),
        lambda: conclure_revue(convention_exemple(), "revue", [], instant=INSTANT_EXEMPLE),  # type: ignore[arg-type]
        lambda: conclure_revue(
            convention_exemple(),
            revue(convention_exemple(), instant=INSTANT_EXEMPLE),
            ["CLORE"],  # type: ignore[list-item]
            instant=INSTANT_EXEMPLE,
        ),
        lambda: revue(convention_exemple(), instant=datetime(2026, 11, 27)),
        lambda: revue("19_214", instant=INSTANT_EXEMPLE),  # type: ignore[arg-type]
    ],
)
def test_une_entree_mal_formee_est_une_donnee_invalide(fabrique: object) -> None:
    with pytest.raises(DonneeInvalide):
        fabrique()  # type: ignore[operator]


def test_affichages(campagne: m.Revue) -> None:
    assert repr(campagne).startswith("<Revue 19_214 au 2026-11-27T09:00:00+00:00 : 14 compte(s)")
    markdown = campagne.vers_markdown()
    assert "#### À confirmer par gest.durand (3)" in markdown
    assert "| `cesf.roux` | T1 | CDAP |" in markdown
    texte = campagne.vers_texte()
    assert "À confirmer par gest.durand (3)" in texte
    assert campagne.relecteurs == ("adm.bernard", "adm.martin", "gest.durand")
    conclusion = conclure_revue(convention_exemple(), campagne, [], instant=INSTANT_EXEMPLE)
    assert repr(conclusion) == (
        "<ConclusionRevue : 0 clôture(s), 0 confirmé(s), 0 refus, 14 sans réponse>"
    )
    assert "sans réponse" in conclusion.vers_markdown()


def test_la_campagne_est_deterministe() -> None:
    instant = datetime(2026, 11, 27, 10, tzinfo=UTC)
    assert revue(convention_exemple(), instant=instant) == revue(
        convention_exemple(), instant=instant
    )


def test_revue_et_historique_suspendent_le_ramasse_miettes_et_le_rendent() -> None:
    """Une condition locale note l'état du ramasse-miettes pendant le passage : suspendu ;
    après, il est rendu tel qu'il était (actif, ou arrêté par le programme)."""
    import gc

    vus: list[bool] = []

    def noter(_: object) -> bool:
        vus.append(gc.isenabled())
        return True

    politique = Politique(
        conditions={m.ProfilT.T1: (m.ConditionProfil(code="GC", titre="Note", verifier=noter),)}
    )
    c = convention_exemple()
    etait = gc.isenabled()
    try:
        gc.enable()
        revue(c, instant=INSTANT_EXEMPLE, politique=politique)
        assert vus
        assert not any(vus)
        assert gc.isenabled()
        gc.disable()
        revue(c, instant=INSTANT_EXEMPLE, politique=politique)
        assert not gc.isenabled()
        gc.enable()
        m.historique(c, politique=politique)
        assert gc.isenabled()
    finally:
        if etait:
            gc.enable()
        else:
            gc.disable()
