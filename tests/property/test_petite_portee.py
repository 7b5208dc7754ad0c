"""Les invariants de sécurité sur toutes les petites conventions que les commandes atteignent.

Voir :mod:`.petite_portee` pour la portée et :mod:`.securite` pour les invariants. Le budget
d'états se règle par ``MCP_PETITE_PORTEE_ETATS`` (par défaut 500 : les profondeurs 0 et 1
entières, et un échantillon régulier de la profondeur 2) et la profondeur par
``MCP_PETITE_PORTEE_PROFONDEUR`` (par défaut 2). Le bilan s'affiche avec ``pytest -s``.
"""

from __future__ import annotations

import os
import time
from typing import Any

import pytest

import mcp_rules
from mcp_rules import (
    GROUPE_AFAS_HABILITER,
    Action,
    Convention,
    Decision,
    Resultat,
    Service,
    ajouter_au_groupe,
    configurer_role_afas,
    creer_groupe,
    modifier_compte,
)

from . import petite_portee as pp
from . import securite

ETATS = int(os.environ.get("MCP_PETITE_PORTEE_ETATS", "500"))
PROFONDEUR = int(os.environ.get("MCP_PETITE_PORTEE_PROFONDEUR", "2"))


def test_invariants_sur_les_petites_conventions() -> None:
    debut = time.perf_counter(), time.process_time()
    bilan = pp.explorer(
        [pp.depart_sous_groupe(), pp.depart_habiliter()],
        profondeur=PROFONDEUR,
        max_etats=ETATS,
    )
    mur, cpu = time.perf_counter() - debut[0], time.process_time() - debut[1]
    print(f"\npetite portée : {bilan.resume()} ; {mur:.1f} s ({cpu:.1f} s CPU)")  # noqa: T201
    # L'exploration a bien parcouru ce qu'elle annonce, et toutes les commandes y passent.
    faits, atteints = bilan.par_niveau[1]
    assert faits == atteints, "la profondeur 1 est parcourue en entier"
    assert bilan.par_niveau[0] == (2, 2)
    assert set(bilan.par_commande) >= {
        "creer_groupe",
        "affecter_role",
        "retirer_role",
        "designer_gestionnaire",
        "creer_utilisateur",
        "ajouter_au_groupe",
        "retirer_du_groupe",
        "modifier_compte",
        "cloturer_compte",
        "reactiver_compte",
        "designer_administrateur",
        "configurer_role_afas",
        "retirer_role_afas",
        "changer_approbateur",
        "valider_approbateur",
        "demander_nouveau_mot_de_passe",
        "personnaliser_mot_de_passe",
        "modifier_libelle",
    }


# --- les invariants savent échouer -----------------------------------------------------------
# Chaque invariant, devant ce que faisait la bibliothèque avant la revue (rejoué à la main),
# lève : un invariant qui ne pourrait pas échouer ne prouverait rien.


def _comme_si(r: Resultat) -> Resultat:
    """Le même état, comme si la commande avait été acceptée pour un autre acteur."""
    return Resultat(accepte=True, convention=r.convention, evenements=r.evenements)


def test_l_invariant_1_voit_l_annexion_d_un_compte() -> None:
    """gest.c annexe u.i, qui n'était que dans AFAS-DECLARER (constat de revue n° 1)."""
    avant = pp.depart_sous_groupe()
    r = ajouter_au_groupe(avant, par="adm.a", groupe="T1A", utilisateur="u.i", instant=pp.T)
    assert r.accepte
    assert not ajouter_au_groupe(
        avant, par="gest.c", groupe="T1A", utilisateur="u.i", instant=pp.T
    ).accepte
    with pytest.raises(AssertionError, match="s'est donné"):
        securite.verifier_commande(avant, _comme_si(r), "gest.c", pp.T)


def test_l_invariant_2_voit_un_role_afas_donne_a_un_administrateur() -> None:
    avant = pp.depart_habiliter()
    r = configurer_role_afas(avant, par="adm.a", utilisateur="adm.b", role="FDF", instant=pp.T)
    assert r.accepte
    assert not configurer_role_afas(
        avant, par="gest.d", utilisateur="adm.b", role="FDF", instant=pp.T
    ).accepte
    with pytest.raises(AssertionError, match=r"rôles AFAS de adm\.b"):
        securite.verifier_commande(avant, _comme_si(r), "gest.d", pp.T)


def test_l_invariant_3_voit_un_faux_groupe_afas(monkeypatch: pytest.MonkeyPatch) -> None:
    """Un faux AFAS-HABILITER d'ADONIS (bâti hors commande : la commande le refuse) ne donne
    rien ; une bibliothèque qui s'y laisserait prendre serait vue."""
    avant = pp.depart_sous_groupe()
    assert not creer_groupe(
        avant,
        par="adm.a",
        code=GROUPE_AFAS_HABILITER,
        libelle="Faux",
        service=Service.ADONIS,
        gestionnaire="adm.a",
        instant=pp.T,
    ).accepte
    faux = pp._convention(
        [*avant.groupes, pp._groupe(GROUPE_AFAS_HABILITER, Service.ADONIS, "adm.a", "u.h")],
        avant.afas,
    )
    securite.verifier_etat(faux, pp.T)
    vrai_peut = mcp_rules.peut

    def naif(c: Convention, par: str, action: Action, **autres: Any) -> Decision:
        if action is Action.CONFIGURER_AFAS and par == "u.h":
            return Decision(autorise=True)
        return vrai_peut(c, par, action, **autres)

    monkeypatch.setattr(mcp_rules, "peut", naif)
    with pytest.raises(AssertionError, match="sans vrai groupe AFAS"):
        securite.verifier_etat(faux, pp.T)


def test_l_invariant_4_voit_qui_se_qualifie_lui_meme() -> None:
    avant = pp.depart_sous_groupe()
    r = modifier_compte(avant, par="adm.a", utilisateur="gest.c", code_bailleur="B1", instant=pp.T)
    assert r.accepte
    with pytest.raises(AssertionError, match="a changé son code_bailleur"):
        securite.verifier_commande(avant, _comme_si(r), "gest.c", pp.T)


def test_l_invariant_5_voit_un_refus_qui_change_quelque_chose() -> None:
    avant = pp.depart_sous_groupe()
    r = ajouter_au_groupe(avant, par="u.f", groupe="T1A", utilisateur="u.i", instant=pp.T)
    assert not r.accepte
    faux = Resultat(accepte=False, convention=pp.depart_sous_groupe(), constats=r.constats)
    with pytest.raises(AssertionError, match="l'objet même"):
        securite.verifier_commande(avant, faux, "u.f", pp.T)
