"""Vérifie la source (sdist) et la roue construites par ``.ci/run`` avant leur installation.

    python .ci/paquets.py DOSSIER

Ce que les utilisateurs installent doit être ce que la CI a testé : une roue et une source,
de même version, qui portent la licence et ses métadonnées (expression SPDX, PEP 639), le
greffon hypothesis et la convention d'exemple, et rien du dépôt qui n'a pas à y être
(tests, bancs d'essai, caches). Échoue (code 1) en nommant chaque écart.
"""

from __future__ import annotations

import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path


def _metadonnees(texte: str) -> dict[str, list[str]]:
    message = Parser().parsestr(texte)
    champs: dict[str, list[str]] = {}
    for cle, valeur in message.items():
        champs.setdefault(cle, []).append(valeur)
    return champs


def verifier(dossier: Path) -> list[str]:
    """Les écarts trouvés (aucun : tout va bien)."""
    roues = sorted(dossier.glob("*.whl"))
    sources = sorted(dossier.glob("*.tar.gz"))
    if len(roues) != 1 or len(sources) != 1:
        return [f"une roue et une source attendues, trouvé {roues + sources}"]
    ecarts: list[str] = []
    with zipfile.ZipFile(roues[0]) as roue:
        noms = roue.namelist()
        info = next(n for n in noms if n.endswith(".dist-info/METADATA"))
        meta = _metadonnees(roue.read(info).decode("utf-8"))
    attendus = [
        "mcp_rules/__init__.py",
        "mcp_rules/_version.py",
        "mcp_rules/py.typed",
        "mcp_rules/donnees/exemple-19_214.json",
        "_mcp_rules_hypothesis.py",
    ]
    ecarts += [f"roue : {n} manque" for n in attendus if n not in noms]
    if not any(n.endswith(".dist-info/licenses/LICENSE") for n in noms):
        ecarts.append("roue : le fichier de licence manque")
    interdits = ("tests/", "benchmarks/", "fuzz/", "mutation/", "docs/", ".ci/")
    ecarts += [f"roue : {n} n'a rien à y faire" for n in noms if n.startswith(interdits)]
    ecarts += [f"roue : {n} (cache)" for n in noms if "__pycache__" in n or n.endswith(".pyc")]
    if meta.get("License-Expression") != ["MIT"]:
        ecarts.append(f"métadonnées : License-Expression {meta.get('License-Expression')}")
    if meta.get("License-File") != ["LICENSE"]:
        ecarts.append(f"métadonnées : License-File {meta.get('License-File')}")
    version = meta.get("Version", ["?"])[0]
    with tarfile.open(sources[0]) as source:
        racine = f"mcp_rules-{version}/"
        membres = set(source.getnames())
        for chemin in ("LICENSE", "SECURITY.md", "README.md", "CHANGELOG.md", "PKG-INFO"):
            if racine + chemin not in membres:
                ecarts.append(f"source : {racine + chemin} manque")
    if not roues[0].name.startswith(f"mcp_rules-{version}-"):
        ecarts.append(f"roue {roues[0].name} : pas la version {version} de ses métadonnées")
    return ecarts


def main() -> int:
    ecarts = verifier(Path(sys.argv[1]))
    for ecart in ecarts:
        sys.stderr.write(f"paquets : {ecart}\n")
    if not ecarts:
        sys.stdout.write("paquets : roue et source conformes\n")
    return 1 if ecarts else 0


if __name__ == "__main__":
    raise SystemExit(main())
