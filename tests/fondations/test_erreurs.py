"""Les erreurs de données : codes stables, messages français, valeur et chemin, pickle."""

from __future__ import annotations

import copy
import pickle
from typing import Any

import pytest

from mcp_rules import (
    DonneeInvalide,
    DonneesInvalides,
    ErreurChamp,
    Groupe,
    NumeroInstructeur,
    NumeroInstructeurIncomplet,
    NumeroInstructeurMalForme,
)
from mcp_rules.fondations.erreurs import CODES_DONNEES, Collecteur


def aller_retour(erreur: DonneeInvalide) -> Any:
    donnees = pickle.dumps(erreur, protocol=pickle.HIGHEST_PROTOCOL)
    return pickle.loads(donnees)


def capturer(fonction: Any, *args: Any, **kwargs: Any) -> DonneeInvalide:
    with pytest.raises(DonneeInvalide) as info:
        fonction(*args, **kwargs)
    return info.value


# --- DonneeInvalide -----------------------------------------------------------------------------


def test_donnee_invalide_est_une_value_error() -> None:
    e = DonneeInvalide("MCP-DONNEE-TYPE", "un texte est attendu", valeur=3, chemin="$.code")
    assert isinstance(e, ValueError)
    assert e.code == "MCP-DONNEE-TYPE"
    assert e.message == "un texte est attendu"
    assert e.valeur == 3
    assert e.chemin == "$.code"
    assert str(e) == "[MCP-DONNEE-TYPE] un texte est attendu (à $.code)"
    assert "MCP-DONNEE-TYPE" in repr(e)


def test_valeur_et_chemin_facultatifs() -> None:
    e = DonneeInvalide("MCP-DONNEE-VALEUR", "valeur inconnue")
    assert e.valeur is None
    assert e.chemin is None
    assert str(e) == "[MCP-DONNEE-VALEUR] valeur inconnue"


def test_attrapee_comme_value_error() -> None:
    service: Any = "SERVICE_INCONNU"
    with pytest.raises(ValueError, match="MCP-DONNEE-VALEUR"):
        Groupe(code="T1AS", libelle="T1 AS", service=service, gestionnaire="g")


def test_catalogue_des_codes() -> None:
    for code, description in CODES_DONNEES.items():
        assert code.startswith("MCP-")
        assert description.strip()
    assert "MCP-NUM-01" in CODES_DONNEES
    assert "MCP-NUM-02" in CODES_DONNEES
    with pytest.raises(TypeError):
        CODES_DONNEES["MCP-X"] = "y"  # type: ignore[index]


def test_codes_emis_tous_au_catalogue() -> None:
    emises = [
        capturer(NumeroInstructeur.parse, "093A12301"),
        capturer(NumeroInstructeur.parse, "099A1230100000"),
        capturer(NumeroInstructeur.parse, 3),
        capturer(Groupe, code="é", libelle=" x", service="X", gestionnaire=""),
    ]
    codes = {e.code for e in emises}
    for e in emises:
        codes.update(x.code for x in getattr(e, "erreurs", ()))
    assert codes <= set(CODES_DONNEES)


# --- DonneesInvalides : toutes les erreurs d'un coup --------------------------------------------


def test_donnees_invalides_liste_toutes_les_erreurs() -> None:
    erreur = capturer(
        Groupe,
        code="T1 AS",
        libelle="",
        service="CDAPX",
        gestionnaire=3,
        role="T11",
        membres=["a", "A"],
    )
    assert isinstance(erreur, DonneesInvalides)
    assert erreur.code == "MCP-DONNEES"
    chemins = [e.chemin for e in erreur.erreurs]
    assert chemins == ["$.code", "$.libelle", "$.service", "$.gestionnaire", "$.membres", "$.role"]
    assert all(isinstance(e, ErreurChamp) for e in erreur.erreurs)
    assert all(e.code.startswith("MCP-DONNEE-") for e in erreur.erreurs)
    assert erreur.message == "6 erreurs dans les données"
    texte = str(erreur)
    for e in erreur.erreurs:
        assert str(e) in texte


def test_donnees_invalides_construite_a_la_main() -> None:
    e = DonneesInvalides(
        [
            ErreurChamp("$.code", "MCP-DONNEE-TYPE", "un texte est attendu"),
            ErreurChamp("$.role", "MCP-DONNEE-VALEUR", "valeur inconnue"),
        ],
        valeur={"code": 3},
    )
    assert isinstance(e, DonneeInvalide)
    assert e.message == "2 erreurs dans les données"
    assert e.valeur == {"code": 3}
    assert str(e).splitlines() == [
        "[MCP-DONNEES] 2 erreurs dans les données :",
        "  - $.code : [MCP-DONNEE-TYPE] un texte est attendu",
        "  - $.role : [MCP-DONNEE-VALEUR] valeur inconnue",
    ]
    assert e.en_erreurs_champ("$.groupes[2]") == (
        ErreurChamp("$.groupes[2].code", "MCP-DONNEE-TYPE", "un texte est attendu"),
        ErreurChamp("$.groupes[2].role", "MCP-DONNEE-VALEUR", "valeur inconnue"),
    )


@pytest.mark.parametrize(
    ("prefixe", "chemin", "attendu"),
    [
        ("$", None, "$"),
        ("$", "$", "$"),
        ("$", "code", "$.code"),
        ("$.groupes[2]", "code", "$.groupes[2].code"),
        ("$.groupes[2]", "$.code", "$.groupes[2].code"),
        ("$.groupes", "[3]", "$.groupes[3]"),
        ("$.groupes", "$[3].code", "$.groupes[3].code"),
    ],
)
def test_chemins_prefixes(prefixe: str, chemin: str | None, attendu: str) -> None:
    e = DonneeInvalide("MCP-DONNEE-TYPE", "m", chemin=chemin)
    assert e.en_erreurs_champ(prefixe) == (ErreurChamp(attendu, "MCP-DONNEE-TYPE", "m"),)


def test_collecteur() -> None:
    c = Collecteur()
    c.lever()  # rien à signaler
    c.ajouter("code", "MCP-DONNEE-TYPE", "un texte est attendu")
    c.absorber("email", DonneeInvalide("MCP-DONNEE-EMAIL", "adresse refusée"))
    with pytest.raises(DonneesInvalides) as info:
        c.lever()
    assert [(e.chemin, e.code) for e in info.value.erreurs] == [
        ("$.code", "MCP-DONNEE-TYPE"),
        ("$.email", "MCP-DONNEE-EMAIL"),
    ]


# --- pickle et copie ------------------------------------------------------------------------------


def test_pickle_donnee_invalide() -> None:
    e = DonneeInvalide("MCP-DONNEE-TYPE", "un texte est attendu", valeur=[1, 2], chemin="$.x")
    relue = aller_retour(e)
    assert type(relue) is DonneeInvalide
    assert (relue.code, relue.message, relue.valeur, relue.chemin) == (
        "MCP-DONNEE-TYPE",
        "un texte est attendu",
        [1, 2],
        "$.x",
    )
    assert str(relue) == str(e)
    assert relue.args == e.args


def test_pickle_donnees_invalides() -> None:
    e = capturer(Groupe, code="", libelle="", service="", gestionnaire="")
    assert isinstance(e, DonneesInvalides)
    relue = aller_retour(e)
    assert type(relue) is DonneesInvalides
    assert relue.erreurs == e.erreurs
    assert str(relue) == str(e)


def test_pickle_numero_incomplet_garde_sa_suggestion() -> None:
    e = capturer(NumeroInstructeur.parse, "093A12301")
    assert isinstance(e, NumeroInstructeurIncomplet)
    relue = aller_retour(e)
    assert type(relue) is NumeroInstructeurIncomplet
    assert relue.code == "MCP-NUM-02"
    assert relue.suggestion == NumeroInstructeur.parse("093A1230100000")
    assert relue.message == e.message
    assert relue.valeur == "093A12301"


def test_pickle_numero_mal_forme_garde_ses_parties() -> None:
    e = capturer(NumeroInstructeur.parse, "999112X0100000")
    assert isinstance(e, NumeroInstructeurMalForme)
    relue = aller_retour(e)
    assert type(relue) is NumeroInstructeurMalForme
    assert relue.parties == ("departement", "type", "commune") == e.parties
    assert relue.code == "MCP-NUM-01"
    assert str(relue) == str(e)


def test_copie_profonde() -> None:
    e = capturer(NumeroInstructeur.parse, "093A12301")
    assert isinstance(e, NumeroInstructeurIncomplet)
    for copie in (copy.copy(e), copy.deepcopy(e)):
        assert isinstance(copie, NumeroInstructeurIncomplet)
        assert copie.suggestion == e.suggestion


def test_notes_conservees() -> None:
    e = DonneeInvalide("MCP-DONNEE-TYPE", "m")
    e.add_note("contexte")
    assert aller_retour(e).__notes__ == ["contexte"]


# --- messages sûrs --------------------------------------------------------------------------------


class _ReprHostile:
    def __repr__(self) -> str:
        raise RuntimeError("repr hostile")


def test_repr_hostile_ne_masque_pas_l_erreur() -> None:
    e = capturer(NumeroInstructeur.parse, _ReprHostile())
    assert e.code == "MCP-DONNEE-TYPE"
    assert "_ReprHostile" in e.message


def test_apercu_tronque_les_valeurs_enormes() -> None:
    e = capturer(NumeroInstructeur.parse, "9" * 10**6)
    assert len(e.message) < 400
    assert e.code == "MCP-NUM-01"
