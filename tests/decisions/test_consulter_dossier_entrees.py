"""``consulter_dossier`` devant des arguments qui ne sont pas des textes : une erreur claire,
en français, avec un code stable et le nom de l'argument — jamais une exception brute."""

from __future__ import annotations

from typing import Any

import pytest

import mcp_rules as m
from explications.test_explications_approuvees import _t9_t10
from mcp_rules import DonneeInvalide, consulter_dossier
from mcp_rules.exemple import INSTANT_EXEMPLE, convention_exemple
from mcp_rules.fondations.erreurs import apercu

DECHETS: list[Any] = [42, 4.2, b"B0042", ["B0042"], {"code": "B0042"}, object(), True]


@pytest.mark.parametrize("argument", ["numero_allocataire", "nom_allocataire", "code_bailleur"])
@pytest.mark.parametrize("dechet", DECHETS, ids=lambda d: type(d).__name__)
def test_un_argument_qui_n_est_pas_un_texte(argument: str, dechet: Any) -> None:
    arguments: dict[str, Any] = {
        "numero_allocataire": "1234567",
        "nom_allocataire": "Dupuis",
        "code_bailleur": None,
        argument: dechet,
    }
    with pytest.raises(DonneeInvalide) as info:
        consulter_dossier(convention_exemple(), "as.leroy", instant=INSTANT_EXEMPLE, **arguments)
    assert info.value.code == "MCP-DONNEE-TYPE"
    assert info.value.message == f"{argument} : un texte est attendu, pas {apercu(dechet)}"
    assert info.value.valeur is dechet


@pytest.mark.parametrize("code", ["", "   ", "\u00a0"])
def test_un_code_bailleur_vide_vaut_absence(code: str) -> None:
    """Un code vide n'est pas un code : la consultation se décide comme sans code."""
    c = convention_exemple()
    avec = consulter_dossier(
        c,
        "as.leroy",
        numero_allocataire="1234567",
        nom_allocataire="Dupuis",
        code_bailleur=code,
        instant=INSTANT_EXEMPLE,
    )
    sans = consulter_dossier(
        c,
        "as.leroy",
        numero_allocataire="1234567",
        nom_allocataire="Dupuis",
        instant=INSTANT_EXEMPLE,
    )
    assert avec == sans


# --- ce que la consultation ajoute à l'accès CDAP ------------------------------------------------


def _consulter(c: m.Convention, ident: str, **arguments: Any) -> m.Decision:
    valeurs: dict[str, Any] = {"numero_allocataire": "1234567", "nom_allocataire": "Dupuis"}
    valeurs.update(arguments)
    return consulter_dossier(c, ident, instant=INSTANT_EXEMPLE, **valeurs)


def test_la_politique_est_celle_de_l_acces() -> None:
    """Une condition locale qui refuse T1 ferme aussi la consultation."""
    refuse_t1 = m.Politique(
        conditions={
            m.ProfilT.T1: [
                m.ConditionProfil(code="LOCAL-NON", titre="Jamais", verifier=lambda u: False)
            ]
        }
    )
    c = convention_exemple()
    assert _consulter(c, "as.leroy").autorise is True
    d = _consulter(c, "as.leroy", politique=refuse_t1)
    assert d.autorise is False
    assert "MCP-ELIG-07" in d.codes


def test_les_donnees_manquantes_de_l_acces_et_de_la_saisie_s_ajoutent() -> None:
    """pe.fournier (T2) n'a pas l'accès faute de diplôme exigé localement, et la saisie
    n'a pas de nom : les deux manques sont dits."""
    diplome = m.Politique(
        conditions={
            m.ProfilT.T2: [
                m.ConditionProfil(
                    code="LOCAL-DIPLOME",
                    titre="Diplôme",
                    verifier=lambda u: u.diplome_etat is not None,
                    donnees=("diplome_etat",),
                )
            ]
        }
    )
    d = _consulter(convention_exemple(), "pe.fournier", nom_allocataire="", politique=diplome)
    assert d.autorise is False
    assert d.donnees_manquantes == ("nom_allocataire", "diplome_etat")


@pytest.mark.parametrize(("longueur", "accepte"), [(200, True), (201, False)])
def test_la_longueur_d_un_nom(longueur: int, accepte: bool) -> None:
    d = _consulter(convention_exemple(), "as.leroy", nom_allocataire="x" * longueur)
    assert d.autorise is accepte


def test_deux_profils_qui_servent_sont_nommes() -> None:
    c = convention_exemple()
    r = m.ajouter_au_groupe(
        c, par="adm.martin", groupe="T2PE", utilisateur="as.leroy", instant=INSTANT_EXEMPLE
    )
    assert r.accepte, r.constats
    d = _consulter(r.convention, "as.leroy")
    assert d.autorise is True
    assert d.constats[0].message.endswith("; profils T1 et T2")


def test_un_refus_t9_ne_demande_pas_de_code_bailleur() -> None:
    """mj.blanc (T9) et un dossier qui ne lui est pas confié : refusé pour le mandat,
    sans donnée manquante (le code bailleur ne servirait à rien)."""
    c = _t9_t10()
    hors_mandat = _consulter(c, "mj.blanc")
    assert hors_mandat.autorise is False
    assert hors_mandat.codes == ("MCP-CDAP-03",)
    assert hors_mandat.donnees_manquantes == ()
    assert _consulter(c, "mj.blanc", numero_allocataire="7654321").autorise is True
    sans_code = _consulter(c, "bl.noir")
    assert (sans_code.autorise, sans_code.donnees_manquantes) == (False, ("code_bailleur",))
    mauvais_code = _consulter(c, "bl.gris", code_bailleur="B43")
    assert (mauvais_code.autorise, mauvais_code.donnees_manquantes) == (False, ())
