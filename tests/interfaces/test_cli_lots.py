"""``mcp-rules audit`` sur un lot (un dossier, plusieurs fichiers), lancé comme un utilisateur
le lance : JSON Lines sur la sortie normale, codes de sortie, aucun fichier perdu."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from mcp_rules.generateur import convention_synthetique
from mcp_rules.serialisation import vers_json

from . import lots_communs as lc

SCRIPT = Path(sys.executable).parent / "mcp-rules"
INSTANT = lc.INSTANT.isoformat()


def lancer(*args: str | Path) -> subprocess.CompletedProcess[str]:
    resultat = subprocess.run(
        [str(SCRIPT), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in resultat.stderr, resultat.stderr
    return resultat


def lignes(sortie: str) -> list[dict[str, Any]]:
    return [json.loads(ligne) for ligne in sortie.splitlines()]


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return lc.ecrire_lot(tmp_path_factory.mktemp("lot"))


@pytest.fixture(scope="module")
def en_sequence(dossier: Path) -> subprocess.CompletedProcess[str]:
    return lancer("audit", dossier, "--instant", INSTANT, "--jobs", "1")


def test_une_ligne_par_fichier_avec_les_constats_de_l_audit_seul(
    dossier: Path, en_sequence: subprocess.CompletedProcess[str]
) -> None:
    resultats = lignes(en_sequence.stdout)
    assert len(resultats) == lc.NOMBRE + len(lc.FAUTIFS)
    assert [r["source"] for r in resultats] == sorted(r["source"] for r in resultats)
    par_source = {r["source"]: r for r in resultats}
    for chemin in lc.conventions(dossier):
        r = par_source[str(chemin)]
        attendu = lc.reference(chemin)
        constats = [(c["code"], c["severite"], c["cible"], c["message"]) for c in r["constats"]]
        assert constats == attendu
        assert r["nombres"]["ERREUR"] == sum(1 for c in attendu if c[1] == "ERREUR")
        assert r["verdict"] == ("NON_CONFORME" if r["nombres"]["ERREUR"] else "CONFORME")
    for nom, code in lc.FAUTIFS.items():
        r = par_source[str(dossier / nom)]
        assert r["verdict"] == "ENTREE_INVALIDE"
        assert r["numero"] is None
        assert r["erreurs_entree"][0]["code"] == code
        assert r["erreurs_entree"][0]["message"]
    # une entrée invalide l'emporte sur les conventions non conformes
    assert en_sequence.returncode == 2
    assert en_sequence.stderr == ""  # pas un terminal : pas d'avancement


def test_jobs_2_ecrit_exactement_la_meme_chose(
    dossier: Path, en_sequence: subprocess.CompletedProcess[str]
) -> None:
    r = lancer("audit", dossier, "--instant", INSTANT, "--jobs", "2")
    assert r.stdout == en_sequence.stdout
    assert r.returncode == en_sequence.returncode


def test_plusieurs_fichiers_et_un_fichier_absent(dossier: Path, tmp_path: Path) -> None:
    fichiers = lc.conventions(dossier)[:2]
    absent = tmp_path / "absent.json"
    r = lancer("audit", fichiers[1], absent, fichiers[0], "--instant", INSTANT)
    resultats = lignes(r.stdout)
    assert [x["source"] for x in resultats] == sorted(map(str, [*fichiers, absent]))
    (erreur,) = next(x for x in resultats if x["source"] == str(absent))["erreurs_entree"]
    assert erreur == {
        "chemin": "$",
        "code": "MCP-DONNEE-FICHIER",
        "message": f"fichier introuvable : {absent}",
    }
    assert r.returncode == 2


def test_un_dossier_vide_est_une_entree_invalide(tmp_path: Path) -> None:
    r = lancer("audit", tmp_path, "--instant", INSTANT)
    (resultat,) = lignes(r.stdout)
    assert resultat["source"] == str(tmp_path)
    assert resultat["verdict"] == "ENTREE_INVALIDE"
    assert resultat["erreurs_entree"][0]["code"] == "MCP-DONNEE-FICHIER"
    assert "aucun fichier de convention" in resultat["erreurs_entree"][0]["message"]
    assert r.returncode == 2


@pytest.fixture(scope="module")
def conformes_et_non_conformes(dossier: Path) -> tuple[list[Path], list[Path]]:
    conformes: list[Path] = []
    non_conformes: list[Path] = []
    for chemin in lc.conventions(dossier):
        erreur = any(c[1] == "ERREUR" for c in lc.reference(chemin))
        (non_conformes if erreur else conformes).append(chemin)
    return conformes, non_conformes


def test_codes_de_sortie_0_puis_1(
    tmp_path: Path, conformes_et_non_conformes: tuple[list[Path], list[Path]]
) -> None:
    conformes, non_conformes = conformes_et_non_conformes
    for i, chemin in enumerate(conformes[:2]):
        (tmp_path / f"{i}.json").write_bytes(chemin.read_bytes())
    r = lancer("audit", tmp_path, "--instant", INSTANT)
    assert r.returncode == 0, r.stdout
    assert {x["verdict"] for x in lignes(r.stdout)} == {"CONFORME"}
    (tmp_path / "9.json").write_bytes(non_conformes[0].read_bytes())
    r = lancer("audit", tmp_path, "--instant", INSTANT, "--jobs", "2")
    assert r.returncode == 1
    assert [x["verdict"] for x in lignes(r.stdout)] == ["CONFORME", "CONFORME", "NON_CONFORME"]


def test_un_seul_fichier_reste_un_rapport_et_jsonl_en_fait_une_ligne(dossier: Path) -> None:
    chemin = lc.conventions(dossier)[0]
    texte = lancer("audit", chemin, "--instant", INSTANT)
    assert texte.stdout.startswith("Audit de la convention ")
    ligne = lancer("audit", chemin, "--instant", INSTANT, "--format", "jsonl")
    (resultat,) = lignes(ligne.stdout)
    assert resultat["source"] == str(chemin)
    assert ligne.returncode == texte.returncode


def test_l_instant_donne_vaut_pour_chaque_processus(dossier: Path) -> None:
    fichiers = lc.conventions(dossier)[:3]
    plus_tard = lc.INSTANT.replace(year=lc.INSTANT.year + 1)
    r = lancer("audit", *fichiers, "--instant", plus_tard.isoformat(), "--jobs", "2")
    obtenus = [
        [(c["code"], c["severite"], c["cible"], c["message"]) for c in x["constats"]]
        for x in lignes(r.stdout)
    ]
    assert obtenus == [lc.reference(f, plus_tard) for f in fichiers]


def test_avancement_sur_la_sortie_d_erreur_sur_demande(tmp_path: Path) -> None:
    for i in range(3):
        texte = vers_json(convention_synthetique(50, graine=i))
        (tmp_path / f"{i}.json").write_text(texte, encoding="utf-8")
    r = lancer("audit", tmp_path, "--instant", INSTANT, "--progression", "oui", "--jobs", "1")
    assert len(lignes(r.stdout)) == 3
    assert "audit : 3 / 3 conventions (100 %)" in r.stderr
    assert r.stderr.splitlines()[-1].startswith("audit : 3 conventions : ")
    r = lancer("audit", tmp_path, "--instant", INSTANT, "--progression", "non")
    assert r.stderr == ""


@pytest.mark.parametrize(
    ("arguments", "attendu"),
    [
        (("--format", "texte"), "s'écrit en JSON Lines"),
        (("--jobs", "0"), "argument --jobs : un nombre entier de processus"),
        (("--jobs", "deux"), "(reçu : 'deux')"),
        (("--exemple",), "--exemple se donne seul"),
        (("--instant", "2026-11-27T09:00:00"), "n'indique pas de fuseau horaire"),
    ],
    ids=["format", "jobs-0", "jobs-texte", "exemple", "instant"],
)
def test_une_option_fautive_sort_avec_2(
    dossier: Path, arguments: tuple[str, ...], attendu: str
) -> None:
    r = lancer("audit", dossier, *arguments)
    assert r.returncode == 2
    assert attendu in r.stderr
    assert r.stdout == ""
