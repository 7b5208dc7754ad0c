"""La ligne de commande ``mcp-rules``, lancée comme un utilisateur la lance.

Chaque test exécute le script installé (à côté de l'interpréteur du venv) dans un
sous-processus : codes de sortie, formats, fichiers fautifs, jamais de trace Python.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mcp_rules import Convention, auditer
from mcp_rules.exemple import INSTANT_EXEMPLE, convention_exemple
from mcp_rules.generateur import convention_synthetique
from mcp_rules.serialisation import depuis_json, vers_json

SCRIPT = Path(sys.executable).parent / "mcp-rules"
INSTANT = INSTANT_EXEMPLE.isoformat()
TAMPONNE = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
"""L'environnement d'un processus dont la sortie, dans un tube, est tamponnée : le script
sort par os._exit, et rien ne doit rester au tampon."""


def lancer(*args: str, entree: str | None = None) -> subprocess.CompletedProcess[str]:
    resultat = subprocess.run(
        [str(SCRIPT), *args],
        capture_output=True,
        text=True,
        input=entree,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in resultat.stderr, resultat.stderr
    return resultat


@pytest.fixture
def convention_json(tmp_path: Path) -> Path:
    chemin = tmp_path / "convention.json"
    chemin.write_text(vers_json(convention_exemple()), encoding="utf-8")
    return chemin


def test_le_script_est_installe() -> None:
    assert SCRIPT.exists(), f"le script console manque : {SCRIPT}"


def test_audit_exemple_non_conforme_sort_avec_1() -> None:
    r = lancer("audit", "--exemple", "--instant", INSTANT)
    assert r.returncode == 1
    assert "NON CONFORME" in r.stdout
    assert "MCP-GRP-08 [T2PE]" in r.stdout
    assert "→ Désignez un nouveau gestionnaire" in r.stdout


def test_audit_d_un_fichier_conforme_sort_avec_0(tmp_path: Path) -> None:
    c = depuis_json(vers_json(convention_exemple()), Convention)
    conforme = Convention(
        numero=c.numero,
        organisme=c.organisme,
        caf=c.caf,
        services=c.services,
        profils_contractuels=c.profils_contractuels,
        administrateurs=c.administrateurs,
        utilisateurs=[u for u in c.utilisateurs if u.identifiant in {"adm.martin", "adm.bernard"}],
    )
    chemin = tmp_path / "conforme.json"
    chemin.write_text(vers_json(conforme), encoding="utf-8")
    r = lancer("audit", str(chemin), "--instant", INSTANT)
    assert r.returncode == 0, r.stdout
    assert "CONFORME" in r.stdout


def test_python_moins_m_donne_la_meme_sortie() -> None:
    r = subprocess.run(
        [sys.executable, "-m", "mcp_rules", "audit", "--exemple", "--instant", INSTANT],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=TAMPONNE,
    )
    assert r.returncode == 1
    assert r.stdout == lancer("audit", "--exemple", "--instant", INSTANT).stdout


def test_le_script_ecrit_tout_un_gros_rapport_avant_de_sortir(tmp_path: Path) -> None:
    """Le script sort sans défaire la convention (os._exit) : rien de ce qu'il a écrit ne
    doit se perdre, même un rapport de milliers de lignes écrit par paquets dans un tube."""
    c = convention_synthetique(3000, graine=11)
    fichier = tmp_path / "grosse.json"
    fichier.write_text(vers_json(c), encoding="utf-8")
    r = subprocess.run(
        [sys.executable, "-m", "mcp_rules", "audit", str(fichier), "--instant", INSTANT],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=TAMPONNE,
    )
    attendu = auditer(c, instant=INSTANT_EXEMPLE)
    assert r.returncode == (0 if attendu.est_conforme else 1), r.stderr
    assert r.stdout == attendu.texte()
    assert r.stdout.count("\n") > 2048  # plus d'un paquet


@pytest.mark.parametrize("tampon", ["tamponnee", "directe"])
def test_une_sortie_fermee_avant_la_fin_n_est_pas_une_erreur_interne(
    tmp_path: Path, tampon: str
) -> None:
    """``mcp-rules audit gros.json | head -1`` : le lecteur ferme le tube ; le script sort
    sans message, avec le code d'un programme arrêté par SIGPIPE (141), jamais « erreur
    interne » (3)."""
    c = convention_synthetique(3000, graine=11)
    fichier = tmp_path / "grosse.json"
    fichier.write_text(vers_json(c), encoding="utf-8")
    env = TAMPONNE if tampon == "tamponnee" else {**os.environ, "PYTHONUNBUFFERED": "1"}
    processus = subprocess.Popen(
        [sys.executable, "-m", "mcp_rules", "audit", str(fichier), "--instant", INSTANT],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert processus.stdout is not None
    assert processus.stderr is not None
    premiere = processus.stdout.readline()
    processus.stdout.close()  # comme head -1
    code = processus.wait(timeout=300)
    erreur = processus.stderr.read().decode()
    processus.stderr.close()
    assert premiere.startswith(b"Audit de la convention")
    assert code == 141, erreur
    assert erreur == ""


def test_une_sortie_fermee_donnee_par_l_appelant_n_est_pas_redirigee() -> None:
    """Appelée comme fonction avec sa propre sortie, main rend 141 sans toucher aux
    descripteurs du processus."""
    from mcp_rules.interfaces import cli

    class Fermee(io.StringIO):
        def write(self, texte: str) -> int:
            raise BrokenPipeError

    avant = os.fstat(1)
    assert cli.main(["audit", "--exemple", "--instant", INSTANT], sortie=Fermee()) == 141
    apres = os.fstat(1)
    assert (avant.st_dev, avant.st_ino) == (apres.st_dev, apres.st_ino)


def test_le_script_garde_la_convention_jusqu_a_sa_sortie(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lancé par le script (qui sort par os._exit), l'audit garde sa convention et son rapport
    au lieu de les défaire au retour ; appelé comme fonction, main ne garde rien."""
    from mcp_rules.interfaces import cli, processus

    gardes: list[object] = []
    monkeypatch.setattr(processus, "_GARDES", gardes)
    monkeypatch.setattr(processus, "_sortie_sans_liberer", False)
    cli.main(["audit", "--exemple", "--instant", INSTANT], sortie=io.StringIO())
    assert gardes == []
    processus.sortie_sans_liberer()
    cli.main(["audit", "--exemple", "--instant", INSTANT], sortie=io.StringIO())
    convention, rapport = gardes
    assert isinstance(convention, Convention)
    assert rapport == auditer(convention, instant=INSTANT_EXEMPLE)


def test_audit_format_json_est_du_json_complet(convention_json: Path) -> None:
    r = lancer("audit", str(convention_json), "--instant", INSTANT, "--format", "json")
    document = json.loads(r.stdout)
    assert document["numero"] == "19_214"
    assert document["est_conforme"] is False
    assert {"code", "severite", "message", "remede", "cible", "source"} <= set(
        document["constats"][0]
    )
    assert document["comptes_par_profil"]["T1"] == 3


def test_audit_format_markdown_est_un_tableau() -> None:
    r = lancer("audit", "--exemple", "--instant", INSTANT, "--format", "markdown")
    assert r.stdout.startswith("### Audit de la convention 19\\_214")
    assert "| sévérité | code | cible | message | remède |" in r.stdout


@pytest.mark.parametrize(
    ("contenu", "attendu"),
    [
        (None, "fichier introuvable"),
        ("{ pas du json", "JSON invalide"),
        ('{"numero": 3}', "champ obligatoire « organisme » absent"),
        ("\udcff", "n'est pas un texte UTF-8"),
    ],
    ids=["absent", "pas-json", "mauvaise-forme", "pas-utf8"],
)
def test_fichier_fautif_sort_avec_2_et_un_message_francais(
    tmp_path: Path, contenu: str | None, attendu: str
) -> None:
    chemin = tmp_path / "convention.json"
    if contenu == "\udcff":
        chemin.write_bytes(b"\xff\xfe\x00")
    elif contenu is not None:
        chemin.write_text(contenu, encoding="utf-8")
    r = lancer("audit", str(chemin))
    assert r.returncode == 2
    assert attendu in r.stderr
    assert r.stdout == ""


def test_mauvaise_forme_donne_le_chemin_json_de_chaque_probleme(tmp_path: Path) -> None:
    document = json.loads(vers_json(convention_exemple()))
    document["groupes"][2]["service"] = "cdap"
    document["utilisateurs"][0]["mot_de_passe_personnalise"] = "false"
    chemin = tmp_path / "convention.json"
    chemin.write_text(json.dumps(document), encoding="utf-8")
    r = lancer("audit", str(chemin))
    assert r.returncode == 2
    assert "$.groupes[2].service : [MCP-DONNEE-VALEUR]" in r.stderr
    assert "$.utilisateurs[0].mot_de_passe_personnalise : [MCP-DONNEE-TYPE]" in r.stderr


def test_instant_sans_fuseau_refuse_avec_2() -> None:
    r = lancer("audit", "--exemple", "--instant", "2026-11-27T09:00:00")
    assert r.returncode == 2
    assert "fuseau" in r.stderr


def test_sous_commande_inconnue_sort_avec_2() -> None:
    r = lancer("auditer", "--exemple")
    assert r.returncode == 2
    assert "choix invalide" in r.stderr


def test_diagnostiquer_donne_les_causes_et_le_plan() -> None:
    r = lancer(
        "diagnostiquer", "--exemple", "cr.girard", "PAS_D_OPTION_CONSULTER", "--instant", INSTANT
    )
    assert r.returncode == 1
    assert "MCP-GRP-05" in r.stdout
    assert "affecter le rôle T2 au groupe T2CR" in r.stdout


def test_diagnostiquer_un_numero_saisi_sans_ses_zeros(convention_json: Path) -> None:
    r = lancer(
        "diagnostiquer",
        str(convention_json),
        "ir.lambert",
        "NUMERO_INSTRUCTEUR_NON_RECONNU",
        "--saisie",
        "093A12301",
        "--instant",
        INSTANT,
        "--format",
        "json",
    )
    document = json.loads(r.stdout)
    assert document["causes"][0]["code"] == "MCP-NUM-02"
    assert "093A1230100000" in document["causes"][0]["message"]


def test_diagnostiquer_symptome_inconnu_sort_avec_2() -> None:
    r = lancer("diagnostiquer", "--exemple", "cr.girard", "MAL_DE_TETE")
    assert r.returncode == 2
    assert "valeurs permises" in r.stderr


def test_simuler_dit_qui_perd(tmp_path: Path) -> None:
    commandes = tmp_path / "commandes.json"
    commandes.write_text(
        json.dumps(
            [{"commande": "retirer_role", "par": "adm.martin", "arguments": {"groupe": "T1AS"}}]
        ),
        encoding="utf-8",
    )
    r = lancer("simuler", "--exemple", str(commandes), "--instant", INSTANT, "--format", "json")
    assert r.returncode == 0
    document = json.loads(r.stdout)
    perdants = {c["identifiant"]: c["perdus"] for c in document["changements"]}
    assert perdants == {"as.leroy": ["T1"], "as.moreau": ["T1"]}


def test_simuler_commandes_mal_formees_sort_avec_2(tmp_path: Path) -> None:
    commandes = tmp_path / "commandes.json"
    commandes.write_text(json.dumps([{"commande": "tout_casser", "par": "adm.martin"}]))
    r = lancer("simuler", "--exemple", str(commandes))
    assert r.returncode == 2
    assert "$[0].commande" in r.stderr


def test_regles_liste_tout_le_catalogue() -> None:
    from mcp_rules import CATALOGUE

    r = lancer("regles", "--format", "json")
    assert r.returncode == 0
    assert [x["code"] for x in json.loads(r.stdout)] == list(CATALOGUE)


def test_schema_est_un_schema_2020_12() -> None:
    r = lancer("schema", "Groupe")
    assert json.loads(r.stdout)["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert lancer("schema", "Inconnu").returncode == 2


def test_matrice_en_csv() -> None:
    r = lancer("matrice", "--exemple", "--instant", INSTANT)
    lignes = r.stdout.splitlines()
    assert lignes[0].startswith("identifiant,nom,actif,T1,")
    assert any(ligne.startswith("as.leroy,Anne Leroy,oui,x,") for ligne in lignes)
