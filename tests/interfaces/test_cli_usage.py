"""La ligne de commande pour de vrais fichiers : usage en français, sous-commande nommée,
``--exemple`` exclusif d'un fichier, ``-`` pour l'entrée standard.

Les appels passent par :func:`mcp_rules.interfaces.cli.main`, dans ce processus (l'entrée
standard remplacée), et quelques-uns par le script installé, de bout en bout.
"""

from __future__ import annotations

import argparse
import inspect
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from mcp_rules.exemple import INSTANT_EXEMPLE, convention_exemple
from mcp_rules.interfaces import analyseur, cli
from mcp_rules.serialisation import vers_json

INSTANT = INSTANT_EXEMPLE.isoformat()
ANGLAIS = re.compile(
    r"usage:|\b(invalid|choose from|required|expected|unrecognized|ambiguous|not allowed|"
    r"could match|ignored|error:|show this help|positional arguments|optional arguments|"
    r"unexpected option)\b"
)
"""Ce qu'argparse écrit en anglais et qui ne doit jamais atteindre l'utilisateur."""


@pytest.fixture
def fichier(tmp_path: Path) -> Path:
    chemin = tmp_path / "convention.json"
    chemin.write_text(vers_json(convention_exemple()), encoding="utf-8")
    return chemin


def _main(monkeypatch: pytest.MonkeyPatch, *argv: str, entree: bytes = b"") -> tuple[int, str, str]:
    """Le code de sortie, la sortie et la sortie d'erreur de ``mcp-rules ARGV``."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(entree), encoding="utf-8"))
    erreur = io.StringIO()
    monkeypatch.setattr(sys, "stderr", erreur)
    sortie = io.StringIO()
    monkeypatch.setattr(sys, "stdout", sortie)  # l'aide d'argparse y va
    code: object
    try:
        code = cli.main(list(argv), sortie=sortie)
    except SystemExit as exc:  # les erreurs d'usage d'argparse
        code = exc.code
    assert isinstance(code, int), code
    return code, sortie.getvalue(), erreur.getvalue()


# --- l'usage, en français, de la sous-commande en cause -------------------------------


ERREURS_D_USAGE = [
    (("audit", "--formt", "json"), "audit", "arguments inconnus : --formt"),
    (("audit", "--form", "json"), "audit", "arguments inconnus : --form"),  # pas d'abréviation
    (("audit", "--format", "xml"), "audit", "argument --format : choix invalide : 'xml'"),
    (("audit", "--jobs"), "audit", "argument --jobs : une valeur est attendue"),
    (("audit", "--jobs", "zero", "a", "b"), "audit", "argument --jobs : un nombre entier"),
    (("matrice", "--format", "pdf"), "matrice", "choisir parmi 'csv', 'json', 'markdown'"),
    (("schema", "Convention", "en-trop"), "schema", "arguments inconnus : en-trop"),
    (("diagnostiquer",), "diagnostiquer", "arguments obligatoires manquants"),
    (("simuler", "--exemple", "--instant"), "simuler", "une valeur est attendue"),
    (("regles", "--tout"), "regles", "arguments inconnus : --tout"),
    (("inconnue",), "", "argument COMMANDE : choix invalide : 'inconnue'"),
    (("--versio",), "", "arguments inconnus : --versio"),
]


@pytest.mark.parametrize(("argv", "sous_commande", "attendu"), ERREURS_D_USAGE)
def test_une_erreur_d_usage_montre_l_usage_de_sa_sous_commande_en_francais(
    monkeypatch: pytest.MonkeyPatch, argv: tuple[str, ...], sous_commande: str, attendu: str
) -> None:
    code, sortie, erreur = _main(monkeypatch, *argv)
    assert code == cli.SORTIE_ENTREE_INVALIDE
    assert sortie == ""
    premiere = erreur.splitlines()[0]
    assert premiere.startswith(f"utilisation : mcp-rules {sous_commande}".rstrip()), erreur
    if not sous_commande:
        assert premiere.startswith("utilisation : mcp-rules [-h]"), erreur
    assert attendu in erreur
    assert not ANGLAIS.search(erreur), erreur


@pytest.mark.parametrize(
    "sous_commande",
    ["", "audit", "diagnostiquer", "simuler", "matrice", "regles", "tables", "schema"],
)
def test_l_aide_est_en_francais(monkeypatch: pytest.MonkeyPatch, sous_commande: str) -> None:
    argv = [sous_commande, "--help"] if sous_commande else ["--help"]
    code, sortie, _ = _main(monkeypatch, *argv)
    assert code == cli.SORTIE_CONFORME
    assert sortie.startswith(f"utilisation : mcp-rules {sous_commande}".rstrip()), sortie
    assert not ANGLAIS.search(sortie), sortie


# Chaque message d'erreur d'argparse qu'un utilisateur peut voir, tel que ce Python l'écrit,
# avec des valeurs d'exemple : si une version de Python en change un, le test le dit.
MESSAGES_ARGPARSE = [
    ("argument %(argument_name)s: %(message)s", {"argument_name": "--x", "message": "m"}),
    (
        "invalid choice: %(value)r (choose from %(choices)s)",
        {"value": "z", "choices": "'a', 'b'"},
    ),
    ("invalid %(type)s value: %(value)r", {"type": "int", "value": "z"}),
    ("the following arguments are required: %s", ("A, B",)),
    ("one of the arguments %s is required", ("--a --b",)),
    ("unrecognized arguments: %s", ("--z",)),
    (
        "ambiguous option: %(option)s could match %(matches)s",
        {"option": "--f", "matches": "--fa, --fb"},
    ),
    ("not allowed with argument %s", ("--a",)),
    ("ignored explicit argument %r", ("z",)),
    ("expected one argument", ()),
    ("expected at most one argument", ()),
    ("expected at least one argument", ()),
]


@pytest.mark.parametrize(("gabarit", "valeurs"), MESSAGES_ARGPARSE, ids=lambda m: str(m)[:30])
def test_chaque_message_d_argparse_est_traduit(gabarit: str, valeurs: object) -> None:
    source = inspect.getsource(argparse)
    assert gabarit in source, f"argparse n'écrit plus {gabarit!r} : revoir TRADUCTIONS"
    message = gabarit % valeurs
    traduit = analyseur.traduire(message)
    assert not ANGLAIS.search(traduit), traduit
    assert traduit != message


def test_la_traduction_garde_les_valeurs() -> None:
    traduit = analyseur.traduire(
        "argument --format: invalid choice: 'xml' (choose from 'texte', 'json')"
    )
    assert traduit == "argument --format : choix invalide : 'xml' (choisir parmi 'texte', 'json')"
    assert analyseur.traduire("expected 3 arguments") == "3 valeurs sont attendues"
    assert analyseur.traduire("déjà en français") == "déjà en français"


# --- --exemple ou un fichier, pas les deux --------------------------------------------------


@pytest.mark.parametrize("sous_commande", ["audit", "matrice"])
def test_exemple_et_fichier_s_excluent(
    monkeypatch: pytest.MonkeyPatch, fichier: Path, sous_commande: str
) -> None:
    code, sortie, erreur = _main(
        monkeypatch, sous_commande, "--exemple", str(fichier), "--instant", INSTANT
    )
    assert code == cli.SORTIE_ENTREE_INVALIDE
    assert sortie == ""
    assert f"--exemple et le fichier {fichier} s'excluent" in erreur


@pytest.mark.parametrize("sous_commande", ["diagnostiquer", "simuler"])
def test_exemple_et_fichier_s_excluent_aussi_pour_les_positionnels(
    monkeypatch: pytest.MonkeyPatch, fichier: Path, sous_commande: str
) -> None:
    autres = ["cr.girard", "PAS_D_OPTION_CONSULTER"] if sous_commande == "diagnostiquer" else ["c"]
    code, _, erreur = _main(monkeypatch, sous_commande, "--exemple", str(fichier), *autres)
    assert code == cli.SORTIE_ENTREE_INVALIDE
    assert "arguments attendus" in erreur


# --- l'entrée standard ----------------------------------------------------------------------


@pytest.mark.parametrize("format_", ["texte", "json", "markdown"])
def test_audit_de_l_entree_standard_egal_a_celui_du_fichier(
    monkeypatch: pytest.MonkeyPatch, fichier: Path, format_: str
) -> None:
    options = ("--instant", INSTANT, "--format", format_)
    par_fichier = _main(monkeypatch, "audit", str(fichier), *options)
    par_entree = _main(monkeypatch, "audit", "-", *options, entree=fichier.read_bytes())
    assert par_entree == par_fichier
    assert par_entree[0] == cli.SORTIE_ERREURS


def test_entree_standard_avec_marque_d_ordre_d_octets(
    monkeypatch: pytest.MonkeyPatch, fichier: Path
) -> None:
    code, sortie, _ = _main(
        monkeypatch,
        "matrice",
        "-",
        "--instant",
        INSTANT,
        entree=b"\xef\xbb\xbf" + fichier.read_bytes(),
    )
    assert code == cli.SORTIE_CONFORME
    assert sortie.startswith("identifiant,nom,actif")


def test_simuler_lit_ses_commandes_sur_l_entree_standard(monkeypatch: pytest.MonkeyPatch) -> None:
    code, sortie, erreur = _main(
        monkeypatch, "simuler", "--exemple", "-", "--instant", INSTANT, entree=b"[]"
    )
    assert (code, erreur) == (cli.SORTIE_CONFORME, "")
    assert sortie.startswith("Simulation")


@pytest.mark.parametrize(
    ("argv", "attendu"),
    [
        (("audit", "-", "--politique", "-"), "ne peut donner qu'un seul des fichiers"),
        (("simuler", "-", "-"), "ne peut donner qu'un seul des fichiers"),
        (("audit", "-", "autre.json"), "donne une seule convention, pas un lot"),
        (("audit", "-", "--format", "jsonl"), "donne une seule convention, pas un lot"),
    ],
)
def test_l_entree_standard_ne_se_lit_qu_une_fois(
    monkeypatch: pytest.MonkeyPatch, argv: tuple[str, ...], attendu: str
) -> None:
    code, sortie, erreur = _main(monkeypatch, *argv, entree=b"{}")
    assert (code, sortie) == (cli.SORTIE_ENTREE_INVALIDE, "")
    assert attendu in erreur


@pytest.mark.parametrize(
    ("entree", "attendu"),
    [
        (b"\xff\xfe{", "l'entrée standard n'est pas un texte UTF-8"),
        (b'{"numero":', "entrée standard : document invalide"),
        (b"", "entrée standard : document invalide"),
        (b"[]", "entrée standard : document invalide"),
    ],
)
def test_une_entree_standard_fautive_est_dite(
    monkeypatch: pytest.MonkeyPatch, entree: bytes, attendu: str
) -> None:
    code, sortie, erreur = _main(monkeypatch, "audit", "-", "--instant", INSTANT, entree=entree)
    assert (code, sortie) == (cli.SORTIE_ENTREE_INVALIDE, "")
    assert attendu in erreur


def test_le_script_lit_l_entree_standard(fichier: Path) -> None:
    script = Path(sys.executable).parent / "mcp-rules"
    resultat = subprocess.run(
        [str(script), "audit", "-", "--instant", INSTANT],
        input=fichier.read_bytes(),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert resultat.returncode == cli.SORTIE_ERREURS, resultat.stderr
    assert resultat.stdout.decode("utf-8").startswith("Audit de la convention 19_214")


# --- relecture adverse : une entrée standard inutilisable, des chemins vides -----------------


class _Illisible:
    class buffer:  # noqa: N801 - imite sys.stdin.buffer
        @staticmethod
        def read() -> bytes:
            raise OSError(9, "Bad file descriptor")


@pytest.mark.parametrize(
    ("stdin", "attendu"),
    [
        (None, "l'entrée standard est fermée"),
        (_Illisible(), "elle n'est pas ouverte en lecture"),
    ],
    ids=["fermée", "écriture seule"],
)
def test_une_entree_standard_inutilisable_est_une_entree_invalide(
    monkeypatch: pytest.MonkeyPatch, stdin: object, attendu: str
) -> None:
    erreur, sortie = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stdin", stdin)
    monkeypatch.setattr(sys, "stderr", erreur)
    code = cli.main(["audit", "-", "--instant", INSTANT], sortie=sortie)
    assert (code, sortie.getvalue()) == (cli.SORTIE_ENTREE_INVALIDE, "")
    assert attendu in erreur.getvalue()


def test_une_entree_standard_en_texte_seul_se_lit(
    monkeypatch: pytest.MonkeyPatch, fichier: Path
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(fichier.read_text(encoding="utf-8")))
    sortie = io.StringIO()
    assert cli.main(["audit", "-", "--instant", INSTANT], sortie=sortie) == cli.SORTIE_ERREURS
    assert sortie.getvalue().startswith("Audit de la convention 19_214")


@pytest.mark.parametrize(
    ("argv", "attendu"),
    [
        (("audit", ""), "un chemin de fichier vide"),
        (("audit", "--format", "jsonl"), "un lot demande au moins un fichier"),
        (("audit", "--exemple", "-"), "--exemple et l'entrée standard s'excluent"),
    ],
)
def test_des_chemins_absents_ou_vides_sont_refuses(
    monkeypatch: pytest.MonkeyPatch, argv: tuple[str, ...], attendu: str
) -> None:
    code, sortie, erreur = _main(monkeypatch, *argv)
    assert (code, sortie) == (cli.SORTIE_ENTREE_INVALIDE, "")
    assert attendu in erreur
