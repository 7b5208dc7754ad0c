"""L'architecture tenue par des tests : les couches, aucun cycle d'import, des modules et des
fonctions de la taille d'une idée, des tests rangés comme les sources.

Les couches sont déclarées dans ``pyproject.toml`` (contrats import-linter) et décrites dans
``docs/architecture.md``. Ces tests les vérifient à chaque passage de la suite, sans
dépendre d'un outil extérieur au projet : le graphe des imports est lu dans les sources
(imports de module et imports dans les fonctions, ``TYPE_CHECKING`` compris).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[2]
PAQUET = RACINE / "src" / "mcp_rules"
TESTS = RACINE / "tests"

COUCHES = (
    "fondations",
    "valeurs",
    "modele",
    "regles",
    "decisions",
    "commandes",
    "analyses",
    "interfaces",
)
"""De bas en haut : chaque couche n'importe que celles qui la précèdent."""

LIGNES_PAR_MODULE = 500
LIGNES_PAR_FONCTION = 60

MODULES_D_UNE_IDEE: Mapping[str, str] = {
    "interfaces/strategies.py": "le point d'entrée hypothesis doit précéder l'import "
    "d'hypothesis dans un seul module, et les stratégies s'appuient les unes sur les autres",
}
"""Les modules qui dépassent la limite, chacun avec sa raison (redite dans sa docstring)."""

FONCTIONS_TABLEAUX: Mapping[str, str] = {
    "interfaces/exemple.py:convention_exemple": "les données de la convention d'exemple, "
    "un tableau de comptes et de groupes qui se lit d'un trait",
}
"""Les fonctions qui dépassent la limite parce qu'elles sont un tableau ou un aiguillage."""


# --- le graphe des imports, lu dans les sources ---------------------------------------------


def modules(racine: Path) -> dict[str, Path]:
    """Chaque module du paquet par son nom pointé (``mcp_rules.modele.groupe``)."""
    trouves = {}
    for fichier in racine.rglob("*.py"):
        parties = list(fichier.relative_to(racine.parent).with_suffix("").parts)
        if parties[-1] == "__init__":
            parties.pop()
        trouves[".".join(parties)] = fichier
    return trouves


def _cibles(noeud: ast.AST, base: str) -> list[str]:
    if isinstance(noeud, ast.Import):
        return [a.name for a in noeud.names]
    if isinstance(noeud, ast.ImportFrom):
        b = base
        for _ in range(max(noeud.level - 1, 0)):
            b = b.rpartition(".")[0]
        module = noeud.module or ""
        if noeud.level:
            module = f"{b}.{module}" if module else b
        return [module, *(f"{module}.{a.name}" for a in noeud.names)]
    return []


def imports_de_la_facade(racine: Path) -> dict[str, set[str]]:
    """module → noms qu'il prend à la façade (``from mcp_rules import auditer``) : la façade
    ré-exporte toutes les couches, donc l'importer depuis une couche, c'est remonter."""
    tous = modules(racine)
    paquet = racine.name
    trouves: dict[str, set[str]] = {}
    for m, fichier in tous.items():
        for noeud in ast.walk(ast.parse(fichier.read_text(encoding="utf-8"))):
            if isinstance(noeud, ast.ImportFrom) and noeud.level == 0 and noeud.module == paquet:
                noms = {a.name for a in noeud.names if f"{paquet}.{a.name}" not in tous}
                if noms:
                    trouves.setdefault(m, set()).update(noms)
            elif isinstance(noeud, ast.Import) and any(a.name == paquet for a in noeud.names):
                trouves.setdefault(m, set()).add("*")
    return trouves


def graphe_des_imports(racine: Path) -> dict[str, set[str]]:
    """module → modules du paquet qu'il importe (la façade ``mcp_rules`` mise à part : voir
    :func:`imports_de_la_facade`)."""
    tous = modules(racine)
    paquet = racine.name

    def resoudre(nom: str) -> str | None:
        while nom and nom not in tous:
            nom = nom.rpartition(".")[0]
        return nom or None

    graphe: dict[str, set[str]] = {m: set() for m in tous if m != paquet}
    for m, fichier in tous.items():
        if m == paquet:
            continue
        base = m if fichier.name == "__init__.py" else m.rpartition(".")[0]
        for noeud in ast.walk(ast.parse(fichier.read_text(encoding="utf-8"))):
            for cible in _cibles(noeud, base):
                r = resoudre(cible) if cible.split(".")[0] == paquet else None
                if r is not None and r not in (m, paquet):
                    graphe[m].add(r)
    return graphe


def cycles(graphe: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Les composantes fortement connexes de plus d'un module (Tarjan, sans récursion)."""
    index: dict[str, int] = {}
    bas: dict[str, int] = {}
    pile: list[str] = []
    sur_pile: set[str] = set()
    trouves: list[list[str]] = []
    compteur = 0
    for depart in graphe:
        if depart in index:
            continue
        travail = [(depart, iter(sorted(graphe[depart])))]
        index[depart] = bas[depart] = compteur
        compteur += 1
        pile.append(depart)
        sur_pile.add(depart)
        while travail:
            v, voisins = travail[-1]
            w = next(voisins, None)
            if w is None:
                travail.pop()
                if travail:
                    bas[travail[-1][0]] = min(bas[travail[-1][0]], bas[v])
                if bas[v] == index[v]:
                    composante = []
                    while True:
                        x = pile.pop()
                        sur_pile.discard(x)
                        composante.append(x)
                        if x == v:
                            break
                    if len(composante) > 1:
                        trouves.append(sorted(composante))
            elif w not in index:
                index[w] = bas[w] = compteur
                compteur += 1
                pile.append(w)
                sur_pile.add(w)
                travail.append((w, iter(sorted(graphe.get(w, ())))))
            elif w in sur_pile:
                bas[v] = min(bas[v], index[w])
    return trouves


def couche(module: str) -> int | None:
    """Le rang de la couche d'un module (0 pour les fondations), ``None`` hors couches."""
    parties = module.split(".")
    return COUCHES.index(parties[1]) if len(parties) > 1 and parties[1] in COUCHES else None


# --- les tests ------------------------------------------------------------------------------


def test_le_detecteur_de_cycles_voit_un_cycle() -> None:
    graphe = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(graphe) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_le_graphe_voit_les_imports_dans_les_fonctions(tmp_path: Path) -> None:
    paquet = tmp_path / "p"
    (paquet / "bas").mkdir(parents=True)
    (paquet / "__init__.py").write_text("")
    (paquet / "bas" / "__init__.py").write_text("")
    (paquet / "bas" / "x.py").write_text("def f():\n    from p.haut import y\n")
    (paquet / "haut.py").write_text("from p.bas import x\n")
    graphe = graphe_des_imports(paquet)
    assert graphe["p.bas.x"] == {"p.haut"}
    assert cycles(graphe) == [["p.bas.x", "p.haut"]]


def test_aucun_cycle_d_import_entre_les_modules_du_paquet() -> None:
    trouves = cycles(graphe_des_imports(PAQUET))
    assert trouves == [], "modules qui s'importent en cercle : " + " ; ".join(
        " ↔ ".join(c) for c in trouves
    )


def test_chaque_couche_n_importe_que_celles_du_dessous() -> None:
    """La même règle que le contrat « couches » d'import-linter, lue dans les sources."""
    montantes = [
        f"{m} → {cible}"
        for m, cibles in graphe_des_imports(PAQUET).items()
        for cible in cibles
        if (a := couche(m)) is not None and (b := couche(cible)) is not None and b > a
    ]
    assert montantes == []


def test_aucune_couche_n_importe_la_facade(tmp_path: Path) -> None:
    trouves = {m: noms for m, noms in imports_de_la_facade(PAQUET).items() if couche(m) is not None}
    assert trouves == {}, "à importer depuis leur couche, pas depuis mcp_rules : " + repr(trouves)
    # et le test voit bien un tel import, même dans une fonction
    paquet = tmp_path / "p"
    (paquet / "bas").mkdir(parents=True)
    (paquet / "__init__.py").write_text("from p.bas import x\n")
    (paquet / "bas" / "__init__.py").write_text("")
    (paquet / "bas" / "x.py").write_text("def f():\n    from p import auditer, bas\n")
    assert imports_de_la_facade(paquet) == {"p.bas.x": {"auditer"}}


def test_les_contrats_d_import_linter_sont_tenus() -> None:
    """``lint-imports`` (installé avec l'extra ``dev``) lit les contrats de pyproject.toml."""
    script = Path(sys.executable).with_name("lint-imports")
    resultat = subprocess.run(
        [str(script), "--config", str(RACINE / "pyproject.toml")],
        capture_output=True,
        text=True,
        cwd=RACINE,
        check=False,
    )
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    assert "3 kept, 0 broken" in resultat.stdout


def _longueur(noeud: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Les lignes du corps d'une fonction, sa docstring mise à part."""
    corps = noeud.body
    premier = corps[0]
    if (
        isinstance(premier, ast.Expr)
        and isinstance(premier.value, ast.Constant)
        and isinstance(premier.value.value, str)
    ):
        corps = corps[1:]
    if not corps:
        return 0
    fin = corps[-1].end_lineno
    assert fin is not None
    return fin - corps[0].lineno + 1


def _sources() -> list[tuple[str, Path]]:
    return sorted((f.relative_to(PAQUET).as_posix(), f) for f in PAQUET.rglob("*.py"))


def test_chaque_module_tient_en_une_idee() -> None:
    trop_longs = {}
    for nom, fichier in _sources():
        n = len(fichier.read_text(encoding="utf-8").splitlines())
        if n > LIGNES_PAR_MODULE:
            trop_longs[nom] = n
    assert set(trop_longs) == set(MODULES_D_UNE_IDEE), trop_longs
    for nom in MODULES_D_UNE_IDEE:
        docstring = ast.get_docstring(ast.parse((PAQUET / nom).read_text(encoding="utf-8")))
        assert docstring is not None
        assert "Un seul module" in docstring, f"{nom} : la docstring doit dire pourquoi"


def test_chaque_fonction_tient_en_un_ecran() -> None:
    trop_longues = {}
    for nom, fichier in _sources():
        for noeud in ast.walk(ast.parse(fichier.read_text(encoding="utf-8"))):
            if isinstance(noeud, ast.FunctionDef | ast.AsyncFunctionDef):
                n = _longueur(noeud)
                if n > LIGNES_PAR_FONCTION:
                    trop_longues[f"{nom}:{noeud.name}"] = n
    assert set(trop_longues) == set(FONCTIONS_TABLEAUX), trop_longues


@pytest.mark.parametrize("nom", COUCHES)
def test_chaque_couche_a_son_dossier_et_ses_tests(nom: str) -> None:
    assert (PAQUET / nom / "__init__.py").is_file()
    docstring = ast.get_docstring(ast.parse((PAQUET / nom / "__init__.py").read_text("utf-8")))
    assert docstring is not None
    assert any((TESTS / nom).glob("test_*.py")), f"tests/{nom}/ : les tests suivent les sources"


def test_la_racine_du_paquet_ne_garde_que_facade_et_noms_historiques() -> None:
    attendus = {
        "__init__.py",
        "__main__.py",
        "_version.py",
        "serialisation.py",
        "strategies.py",
        "exemple.py",
        "generateur.py",
        "numero_instructeur.py",
        # les noms publics des lots (api.md : de fins modules, comme mcp_rules.serialisation)
        "lots.py",
        "lots_dask.py",
    }
    assert {f.name for f in PAQUET.glob("*.py")} == attendus
    for nom in attendus - {"__init__.py", "__main__.py", "_version.py"}:
        arbre = ast.parse((PAQUET / nom).read_text(encoding="utf-8"))
        instructions = [n for n in arbre.body if not isinstance(n, ast.Expr)]
        assert all(isinstance(n, ast.ImportFrom | ast.Assign) for n in instructions), nom
