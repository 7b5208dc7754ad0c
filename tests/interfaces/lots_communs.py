"""Ce que partagent les tests des lots : un dossier de conventions synthétiques avec
quelques fichiers fautifs, et la référence, l'audit séquentiel fichier par fichier."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path
from typing import Final

from mcp_rules import Convention, auditer
from mcp_rules.generateur import INSTANT_REFERENCE, convention_synthetique
from mcp_rules.lots import AuditConvention
from mcp_rules.serialisation import depuis_json, vers_json

INSTANT: Final = INSTANT_REFERENCE + timedelta(days=400)
"""Loin de l'horloge de la machine : un processus qui lirait l'heure au lieu de l'instant
donné trouverait d'autres durées d'inactivité, donc d'autres constats."""

NOMBRE: Final = 12
"""Conventions de 50 comptes (graines 0 à 11) : il y en a de conformes et de non conformes."""

FAUTIFS: Final = {
    "casse.json": "MCP-DONNEE-JSON",
    "incomplet.json": "MCP-DONNEE-MANQUANTE",
    "latin1.json": "MCP-DONNEE-FICHIER",
    "sous/fantome.json": "MCP-DONNEE-FICHIER",
}
"""Les fichiers fautifs du lot et le code de leur première erreur."""

Abrege = tuple[str, str, str | None, str]


def ecrire_lot(dossier: Path, nombre: int = NOMBRE, *, fautifs: bool = True) -> Path:
    """Les conventions (la moitié dans un sous-dossier), un fichier qui n'est pas du JSON
    et qu'un lot ignore, et, si ``fautifs``, les fichiers de :data:`FAUTIFS`."""
    (dossier / "sous").mkdir(parents=True, exist_ok=True)
    for i in range(nombre):
        place = dossier / "sous" if i % 2 else dossier
        texte = vers_json(convention_synthetique(50, graine=i))
        (place / f"convention-{i:03d}.json").write_text(texte, encoding="utf-8")
    (dossier / "notes.txt").write_text("pas une convention", encoding="utf-8")
    if fautifs:
        (dossier / "casse.json").write_text('{"numero": "19_214",', encoding="utf-8")
        (dossier / "incomplet.json").write_text('{"numero": "19_214"}', encoding="utf-8")
        (dossier / "latin1.json").write_bytes(b'{"organisme": "Cr\xe8che"}')
        os.symlink(dossier / "absent.json", dossier / "sous" / "fantome.json")
    return dossier


def abreger(resultat: AuditConvention) -> list[Abrege]:
    return [(c.code, c.severite.value, c.cible, c.message) for c in resultat.constats]


def reference(chemin: Path, instant: datetime = INSTANT) -> list[Abrege]:
    """Les constats de l'audit d'un seul fichier, sans lot ni processus."""
    convention = depuis_json(chemin.read_text(encoding="utf-8"), Convention)
    rapport = auditer(convention, instant=instant)
    return [(c.code, c.severite.value, c.cible, c.message) for c in rapport.constats]


def conventions(dossier: Path) -> list[Path]:
    """Les fichiers de conventions valides du lot, dans l'ordre des chemins."""
    return sorted(
        p for p in dossier.rglob("convention-*.json") if p.is_file() and not p.is_symlink()
    )
