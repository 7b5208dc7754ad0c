"""``mcp-rules audit`` sur un gros rapport : filtres (--severite, --code), résumé, avancement.

Un filtre change ce qui s'affiche, jamais le verdict : l'en-tête, le bilan et le code de
sortie restent ceux de tout l'audit. Chaque ligne de détail montrée est un constat qui
passe le filtre, et chaque constat qui le passe est montré.
"""

from __future__ import annotations

import io
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from mcp_rules import auditer
from mcp_rules.exemple import INSTANT_EXEMPLE, convention_exemple
from mcp_rules.generateur import convention_synthetique
from mcp_rules.interfaces import cli
from mcp_rules.serialisation import vers_json

INSTANT = INSTANT_EXEMPLE.isoformat()
SEVERITES = {"erreur": 0, "avertissement": 1, "information": 2}


@pytest.fixture(scope="module")
def fichier(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chemin = tmp_path_factory.mktemp("filtres") / "convention.json"
    chemin.write_text(vers_json(convention_synthetique(400, graine=11)), encoding="utf-8")
    return chemin


def _main(monkeypatch: pytest.MonkeyPatch, *argv: str) -> tuple[int, str, str]:
    erreur, sortie = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stderr", erreur)
    monkeypatch.setattr(sys, "stdout", sortie)
    code: object
    try:
        code = cli.main(list(argv), sortie=sortie)
    except SystemExit as exc:
        code = exc.code
    assert isinstance(code, int), code
    return code, sortie.getvalue(), erreur.getvalue()


def _details(texte: str) -> Counter[str]:
    """Le nombre de lignes de détail de chaque code."""
    return Counter(ligne.split()[0] for ligne in texte.splitlines() if ligne.startswith("  MCP-"))


FILTRES = [
    (),
    ("--severite", "erreur"),
    ("--severite", "avertissement"),
    ("--severite", "information"),
    ("--code", "MCP-USR"),
    ("--code", "MCP-USR-04", "--code", "mcp-grp"),
    ("--severite", "avertissement", "--code", "MCP-MDP"),
    ("--code", "MCP-ELIG-02"),
]


@pytest.mark.parametrize("options", FILTRES, ids=lambda o: " ".join(o) or "sans filtre")
def test_le_filtre_montre_exactement_les_constats_qui_le_passent(
    monkeypatch: pytest.MonkeyPatch, fichier: Path, options: tuple[str, ...]
) -> None:
    sans = _main(monkeypatch, "audit", str(fichier), "--instant", INSTANT)
    avec = _main(monkeypatch, "audit", str(fichier), "--instant", INSTANT, *options)
    assert avec[0] == sans[0]  # le code de sortie : celui de tout l'audit
    assert avec[1].splitlines()[:3] == sans[1].splitlines()[:3]  # en-tête et bilan
    severite = options[options.index("--severite") + 1] if "--severite" in options else None
    codes = [o.upper() for i, o in enumerate(options) if i and options[i - 1] == "--code"]
    rapport = auditer(convention_synthetique(400, graine=11), instant=INSTANT_EXEMPLE)
    attendu = Counter(
        c.code
        for c in rapport.constats
        if (severite is None or c.severite.ordre <= SEVERITES[severite])
        and (not codes or c.code.startswith(tuple(codes)))
    )
    assert _details(avec[1]) == attendu
    if options:
        assert (
            f"{sum(attendu.values())} constat(s) montré(s) sur {len(rapport.constats)}" in avec[1]
        )


def test_le_resume_compte_chaque_regle(monkeypatch: pytest.MonkeyPatch, fichier: Path) -> None:
    code, sortie, _ = _main(monkeypatch, "audit", str(fichier), "--instant", INSTANT, "--resume")
    rapport = auditer(convention_synthetique(400, graine=11), instant=INSTANT_EXEMPLE)
    assert code == (0 if rapport.est_conforme else 1)
    lignes = sortie.splitlines()
    debut = lignes.index("Constats par règle") + 1
    lus = {l.split()[0]: int(l.split()[2]) for l in lignes[debut:]}  # noqa: E741
    assert lus == dict(Counter(c.code for c in rapport.constats))
    ordres = [SEVERITES[l.split()[1]] for l in lignes[debut:]]  # noqa: E741
    assert ordres == sorted(ordres)


def test_le_json_filtre_garde_l_ordre_et_le_dit(
    monkeypatch: pytest.MonkeyPatch, fichier: Path
) -> None:
    _, complet, _ = _main(
        monkeypatch, "audit", str(fichier), "--instant", INSTANT, "--format", "json"
    )
    _code, filtre, _ = _main(
        monkeypatch,
        "audit",
        str(fichier),
        "--instant",
        INSTANT,
        "--format",
        "json",
        "--severite",
        "erreur",
    )
    tout, partie = json.loads(complet), json.loads(filtre)
    assert partie["constats"] == [c for c in tout["constats"] if c["severite"] == "ERREUR"]
    assert partie["filtre"] == {
        "severite": "ERREUR",
        "codes": [],
        "montres": len(partie["constats"]),
        "total": len(tout["constats"]),
    }
    assert partie["est_conforme"] == tout["est_conforme"]
    assert "filtre" not in tout


@pytest.mark.parametrize(
    ("options", "attendu"),
    [
        (("--code", "MCP-ZZZ"), "aucune règle du catalogue ne commence ainsi"),
        (("--code", " "), "un code ou un début de code est attendu"),
        (
            ("--format", "markdown", "--severite", "erreur"),
            "s'appliquent aux formats texte et json",
        ),
        (("--format", "json", "--resume"), "--resume s'écrit en texte"),
        (("--severite", "grave"), "choix invalide"),
    ],
)
def test_un_filtre_impossible_est_refuse(
    monkeypatch: pytest.MonkeyPatch, options: tuple[str, ...], attendu: str
) -> None:
    code, sortie, erreur = _main(monkeypatch, "audit", "--exemple", "--instant", INSTANT, *options)
    assert (code, sortie) == (cli.SORTIE_ENTREE_INVALIDE, "")
    assert attendu in erreur


def test_un_lot_refuse_les_filtres(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for nom in ("a.json", "b.json"):
        (tmp_path / nom).write_text(vers_json(convention_exemple()), encoding="utf-8")
    code, _, erreur = _main(monkeypatch, "audit", str(tmp_path), "--resume")
    assert code == cli.SORTIE_ENTREE_INVALIDE
    assert "pas à un lot" in erreur


@pytest.mark.parametrize(("progression", "lignes"), [("oui", 4), ("non", 0), ("auto", 0)])
def test_l_avancement_s_ecrit_sur_la_sortie_d_erreur(
    monkeypatch: pytest.MonkeyPatch, fichier: Path, progression: str, lignes: int
) -> None:
    _code, sortie, erreur = _main(
        monkeypatch, "audit", str(fichier), "--instant", INSTANT, "--progression", progression
    )
    assert sortie.startswith("Audit de la convention")
    etapes = erreur.splitlines()
    assert len(etapes) == lignes  # « auto » : la sortie d'erreur n'est pas un terminal ici
    assert all(e.startswith("audit [") for e in etapes)
    if lignes:
        assert "400 comptes lus" in etapes[1]
        assert etapes[-1].endswith("terminé")
