"""``mcp-rules historique`` et ``mcp-rules revue`` : sorties, formats, codes de sortie, erreurs.

Dans le processus (``cli.main``), sauf un lancement du script installé pour chaque
sous-commande (pas de trace Python, code de sortie du script).
"""

from __future__ import annotations

import importlib
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from mcp_rules import AccesPendant, ConclusionRevue, Periodes, Revue
from mcp_rules.exemple import INSTANT_EXEMPLE
from mcp_rules.interfaces import cli
from mcp_rules.serialisation import schema_reponses_revue, schema_sortie

jsonschema: Any = importlib.import_module("jsonschema")
INSTANT = INSTANT_EXEMPLE.isoformat()
SCRIPT = Path(sys.executable).parent / "mcp-rules"


def lancer(*args: str) -> tuple[int, str]:
    sortie = io.StringIO()
    code = cli.main(list(args), sortie=sortie)
    return code, sortie.getvalue()


def valide(document: object, type_: type[Any]) -> None:
    erreurs = list(jsonschema.Draft202012Validator(schema_sortie(type_)).iter_errors(document))
    assert erreurs == [], erreurs[:3]


def test_qui_avait_t1_le_3_mars_en_texte() -> None:
    code, texte = lancer(
        "historique", "--exemple", "--instant", "2026-03-03T12:00:00+01:00", "--profil", "T1"
    )
    assert code == 0
    assert "Qui avait accès avec le profil T1 le 2026-03-03T11:00:00+00:00" in texte
    lignes = [x.split()[0] for x in texte.splitlines() if x.startswith(("as.", "cesf."))]
    assert lignes == ["as.leroy", "as.moreau", "cesf.roux"]
    assert "2026-02-10T09:00:00+00:00 par gest.durand" in texte


@pytest.mark.parametrize(
    ("arguments", "type_"),
    [
        (["--instant", "2026-03-03T00:00:00Z"], AccesPendant),
        (["--du", "2026-03-01T00:00:00Z", "--au", "2026-05-01T00:00:00Z"], AccesPendant),
        (["--compte", "cr.girard", "--periodes", "T2"], Periodes),
    ],
)
def test_le_json_de_l_historique_suit_son_schema(arguments: list[str], type_: type[Any]) -> None:
    code, texte = lancer("historique", "--exemple", "--format", "json", *arguments)
    assert code == 0
    valide(json.loads(texte), type_)


def test_un_compte_a_un_instant_et_ses_actes_en_markdown() -> None:
    code, texte = lancer(
        "historique", "--exemple", "--compte", "ir.lambert", "--instant", "2026-03-03T00:00:00Z"
    )
    assert code == 0
    assert "incertain (peut-être aussi : T4)" in texte
    code, texte = lancer(
        "historique", "--exemple", "--compte", "gest.petit", "--actes", "--format", "markdown"
    )
    assert code == 0
    assert "clôture le compte gest.petit à compter du 2026-06-30T09:00:00+00:00" in texte
    code, texte = lancer("historique", "--exemple", "--groupe", "T2CR")
    assert "retire le rôle T2 du groupe T2CR" in texte


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--du", "2026-03-01T00:00:00Z"], "--du et --au vont ensemble"),
        (
            ["--instant", INSTANT, "--du", INSTANT, "--au", INSTANT],
            "--instant, ou bien --du et --au",
        ),
        (["--compte", "a.b", "--groupe", "T1AS"], "--compte, ou bien --groupe"),
        (["--periodes", "T1"], "--periodes et --actes demandent --compte"),
        (["--compte", "personne"], "aucun compte 'personne'"),
        (["--profil", "T99", "--instant", INSTANT], "valeur inconnue"),
        (["--du", "hier", "--au", INSTANT], "--du"),
        (["--du", INSTANT, "--au", "2026-01-01T00:00:00Z"], "intervalle vide"),
        (["--compte", "as.leroy", "--periodes", "T0"], "un profil T"),
    ],
)
def test_une_question_mal_posee_sort_avec_2(
    arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = lancer("historique", "--exemple", *arguments)
    assert code == 2
    assert message in capsys.readouterr().err


def test_la_revue_de_l_exemple_en_json_suit_son_schema() -> None:
    code, texte = lancer("revue", "--exemple", "--instant", INSTANT, "--format", "json")
    assert code == 0
    document = json.loads(texte)
    valide(document, Revue)
    assert len(document["comptes"]) == 14


def test_les_reponses_d_une_revue_donnent_des_commandes_a_simuler(tmp_path: Path) -> None:
    reponses = [
        {"relecteur": "gest.durand", "identifiant": "cesf.roux", "avis": "CLORE"},
        {"relecteur": "gest.durand", "identifiant": "as.leroy", "avis": "GARDER"},
    ]
    assert jsonschema.Draft202012Validator(schema_reponses_revue()).is_valid(reponses)
    fichier = tmp_path / "reponses.json"
    fichier.write_text(json.dumps(reponses), encoding="utf-8")
    code, texte = lancer(
        "revue", "--exemple", "--instant", INSTANT, "--reponses", str(fichier), "--format", "json"
    )
    assert code == 0
    conclusion = json.loads(texte)
    valide(conclusion, ConclusionRevue)
    commandes = tmp_path / "commandes.json"
    commandes.write_text(json.dumps(conclusion["commandes"]), encoding="utf-8")
    code, texte = lancer("simuler", "--exemple", str(commandes), "--instant", INSTANT)
    assert "commande 1 : acceptée" in texte
    assert "cesf.roux : perd T1" in texte


def test_une_reponse_refusee_sort_avec_1(tmp_path: Path) -> None:
    fichier = tmp_path / "reponses.json"
    fichier.write_text(
        json.dumps([{"relecteur": "gest.durand", "identifiant": "adm.martin", "avis": "CLORE"}]),
        encoding="utf-8",
    )
    code, texte = lancer("revue", "--exemple", "--instant", INSTANT, "--reponses", str(fichier))
    assert code == 1
    assert "refusée : gest.durand ne peut pas répondre « CLORE » pour adm.martin" in texte


def test_un_fichier_de_reponses_fautif_sort_avec_2_et_chaque_chemin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fichier = tmp_path / "reponses.json"
    fichier.write_text(
        json.dumps([{"relecteur": 3, "avis": "PEUT-ETRE", "x": 1}, "non"]), encoding="utf-8"
    )
    code, _ = lancer("revue", "--exemple", "--reponses", str(fichier))
    assert code == 2
    err = capsys.readouterr().err
    for chemin in ("$[0].relecteur", "$[0].identifiant", "$[0].avis", "$[0].x", "$[1]"):
        assert f"  - {chemin} : " in err


def test_les_scripts_installes_ne_montrent_jamais_de_trace() -> None:
    for args in (
        ["historique", "--exemple", "--instant", INSTANT],
        ["revue", "--exemple", "--instant", INSTANT, "--format", "markdown"],
        ["historique", "--exemple", "--instant", "2026-03-03T00:00:00"],
    ):
        r = subprocess.run(
            [str(SCRIPT), *args], capture_output=True, text=True, timeout=120, check=False
        )
        assert "Traceback" not in r.stderr
        assert r.returncode in (0, 2)
        assert r.stdout or r.stderr
