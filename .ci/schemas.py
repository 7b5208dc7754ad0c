"""Écrit les cas de la vérification des schémas par un validateur qui n'est pas en Python.

    python .ci/schemas.py DOSSIER

Pour chaque type sérialisable : son schéma autonome, les composants OpenAPI, et des
documents écrits par la bibliothèque (tirés par ses stratégies hypothesis, de façon
déterministe), chacun aussi abîmé par les pièges de portabilité des motifs (un saut de
ligne final, une durée nulle ou finie par T). Pour chaque réponse (rapport, accès,
décision, diagnostic, résultat, simulation, histoire, revue…) : son schéma, et ce que la
bibliothèque écrit sur l'exemple et une convention synthétique, aussi avec un membre en
trop ; et quelques
fichiers de commandes de ``mcp-rules simuler``. Le verdict attendu de chaque document est
celui de jsonschema (Python), que la suite de tests compare déjà à la lecture de la
bibliothèque ; ``.ci/schemas.mjs`` vérifie qu'ajv (JavaScript) rend les mêmes.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mcp_rules import (
    CATALOGUE,
    Action,
    Commande,
    Symptome,
    acces_cdap,
    auditer,
    diagnostiquer,
    matrice_acces,
    peut,
    simuler,
    table_de_decision,
)
from mcp_rules.exemple import INSTANT_EXEMPLE, convention_exemple
from mcp_rules.generateur import convention_synthetique
from mcp_rules.serialisation import (
    TYPES_SERIALISABLES,
    composants_openapi,
    schema_commandes,
    schema_json,
    schema_sortie,
    vers_dict,
)

# Les réponses de l'histoire et de la revue : le générateur de la suite de tests, partagé.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "interfaces"))
reponses_histoire: Any = importlib.import_module("reponses_histoire").reponses_histoire

# jsonschema n'a pas d'annotations de types : importé comme un module quelconque.
jsonschema: Any = importlib.import_module("jsonschema")

PAR_TYPE = 12
PIEGES = ("\n", "T", "0")


def _tirer(type_: type[Any]) -> list[object]:
    tires: list[object] = []

    @settings(
        max_examples=PAR_TYPE,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.from_type(type_))
    def tirer(valeur: object) -> None:
        tires.append(vers_dict(valeur))

    tirer()
    return tires


def _pieges(document: object) -> list[object]:
    """Des copies du document, un texte à la fois allongé d'un piège de portabilité."""
    copies: list[object] = []

    def parcourir(noeud: object, remplacer: Any) -> None:
        if isinstance(noeud, str):
            copies.extend(remplacer(noeud + piege) for piege in PIEGES)
        elif isinstance(noeud, dict):
            for cle in list(noeud):
                parcourir(noeud[cle], lambda v, n=noeud, c=cle: _avec(n, c, v, remplacer))
        elif isinstance(noeud, list):
            for i in range(len(noeud)):
                parcourir(noeud[i], lambda v, n=noeud, j=i: _avec(n, j, v, remplacer))

    parcourir(document, lambda v: v)
    return copies[:60]


def _avec(conteneur: Any, cle: Any, valeur: object, remplacer: Any) -> object:
    copie = dict(conteneur) if isinstance(conteneur, dict) else list(conteneur)
    copie[cle] = valeur
    return remplacer(copie)


def _reponses() -> list[object]:
    """Les réponses de la bibliothèque sur l'exemple et une convention synthétique."""
    reponses: list[object] = [table_de_decision(), *CATALOGUE.values()]
    instant = INSTANT_EXEMPLE
    for convention in (convention_exemple(), convention_synthetique(40, graine=9)):
        rapport = auditer(convention, instant=instant)
        reponses += [rapport, *rapport.constats, matrice_acces(convention, instant=instant)]
        comptes = [u.identifiant for u in convention.utilisateurs][:10]
        groupes = [g.code for g in convention.groupes]
        for ident in comptes:
            reponses.append(acces_cdap(convention, ident, instant=instant))
            for symptome in Symptome:
                diagnostic = diagnostiquer(convention, ident, symptome, instant=instant)
                reponses += [diagnostic, *diagnostic.plan]
            reponses += [
                peut(
                    convention, ident, a, groupe=groupes[0], utilisateur=comptes[0], instant=instant
                )
                for a in Action
            ]
        commandes = [Commande("retirer_role", par=comptes[0], arguments={"groupe": groupes[0]})]
        simulation = simuler(convention, commandes, instant=instant)
        reponses += [simulation, *simulation.resultats]
        reponses += list(reponses_histoire(convention))
    return reponses


COMMANDES = [
    [{"commande": "retirer_role", "par": "adm.martin", "arguments": {"groupe": "T1AS"}}],
    [{"commande": "cloturer_compte", "par": "@CAF", "arguments": {"le": "2026-12-01T00:00:00Z"}}],
    [{"commande": "inconnue", "par": "adm.martin"}],
    [{"commande": "retirer_role", "par": "adm.martin", "en_trop": 1}],
]


def _sorties(dossier: Path) -> list[dict[str, object]]:
    """Les réponses, chacune aussi avec un membre en trop, et les fichiers de commandes."""
    cas: list[dict[str, object]] = []
    validateurs: dict[str, Any] = {}
    for reponse in _reponses():
        nom = type(reponse).__name__
        if nom not in validateurs:
            schema = schema_sortie(type(reponse))
            validateurs[nom] = jsonschema.Draft202012Validator(schema)
            (dossier / f"sortie-{nom}.json").write_text(json.dumps(schema), encoding="utf-8")
        document = vers_dict(reponse)
        essais = (
            [document, {**document, "inattendu": 1}] if isinstance(document, dict) else [document]
        )
        cas.extend(
            {
                "type": nom,
                "document": e,
                "valide": bool(validateurs[nom].is_valid(e)),
                "openapi": False,
            }
            for e in essais
        )
    schema = schema_commandes()
    (dossier / "sortie-Commandes.json").write_text(json.dumps(schema), encoding="utf-8")
    validateur = jsonschema.Draft202012Validator(schema)
    cas.extend(
        {
            "type": "Commandes",
            "document": d,
            "valide": bool(validateur.is_valid(d)),
            "openapi": False,
        }
        for d in COMMANDES
    )
    return cas


def main() -> int:
    dossier = Path(sys.argv[1])
    dossier.mkdir(parents=True, exist_ok=True)
    cas: list[dict[str, object]] = []
    for type_ in TYPES_SERIALISABLES:
        schema = schema_json(type_)
        validateur = jsonschema.Draft202012Validator(schema)
        cas.extend(
            {
                "type": type_.__name__,
                "document": essai,
                "valide": bool(validateur.is_valid(essai)),
                "openapi": True,
            }
            for document in _tirer(type_)
            for essai in (document, *_pieges(document))
        )
        (dossier / f"{type_.__name__}.json").write_text(json.dumps(schema), encoding="utf-8")
    cas.extend(_sorties(dossier))
    composants = {"components": {"schemas": composants_openapi()}}
    (dossier / "openapi.json").write_text(json.dumps(composants), encoding="utf-8")
    (dossier / "cas.json").write_text(json.dumps(cas), encoding="utf-8")
    refus = sum(not c["valide"] for c in cas)
    sys.stdout.write(f"schémas : {len(cas)} documents écrits, dont {refus} à refuser\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
