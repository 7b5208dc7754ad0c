"""Les schémas des réponses (``schema_sortie``) et du fichier de commandes décrivent
exactement ce que la bibliothèque écrit et lit.

Chaque réponse écrite par ``vers_dict`` (audits, accès, décisions, diagnostics, résultats,
simulations, matrices, tables, règles) sur la convention d'exemple, une convention
synthétique et des conventions tirées par hypothesis, est valide pour son schéma ; la même
réponse avec un membre en trop, ou un membre en moins, ne l'est pas. ajv (JavaScript) rend
les mêmes verdicts dans la CI (``.ci/schemas.py``).
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import mcp_rules as m
import mcp_rules.strategies as mst
from mcp_rules import (
    CATALOGUE,
    AccesCdap,
    Action,
    Commande,
    Convention,
    Decision,
    Diagnostic,
    DonneeInvalide,
    Etape,
    MatriceAcces,
    ProfilT,
    Rapport,
    Regle,
    Resultat,
    Simulation,
    Symptome,
    TableDecision,
    acces_cdap,
    ajouter_au_groupe,
    auditer,
    diagnostiquer,
    eligibilite,
    matrice_acces,
    peut,
    retirer_du_groupe,
    simuler,
    table_de_decision,
)
from mcp_rules.exemple import INSTANT_EXEMPLE, convention_exemple
from mcp_rules.generateur import convention_synthetique
from mcp_rules.interfaces import cli
from mcp_rules.serialisation import (
    TYPES_SORTIE,
    lire_commandes,
    schema_commandes,
    schema_sortie,
    vers_dict,
)

from .reponses_histoire import reponses_histoire

# jsonschema n'a pas d'annotations de types : importé comme un module quelconque.
jsonschema: Any = importlib.import_module("jsonschema")
VALIDATEURS = {t: jsonschema.Draft202012Validator(schema_sortie(t)) for t in TYPES_SORTIE}


def reponses(convention: Convention, comptes_max: int = 12) -> Iterator[object]:
    """Toutes les réponses de la bibliothèque sur cette convention (``comptes_max`` comptes
    en questionnent chacun les services, les symptômes et les profils)."""
    instant = INSTANT_EXEMPLE
    rapport = auditer(convention, instant=instant)
    yield rapport
    yield from rapport.constats
    yield matrice_acces(convention, instant=instant)
    comptes = [u.identifiant for u in convention.utilisateurs][:comptes_max]
    for ident in comptes:
        yield acces_cdap(convention, ident, instant=instant)
        for symptome in Symptome:
            diagnostic = diagnostiquer(convention, ident, symptome, instant=instant)
            yield diagnostic
            yield from diagnostic.plan
        for profil in (ProfilT.T1, ProfilT.T4):
            yield eligibilite(convention.utilisateur(ident), profil)
    groupes = [g.code for g in convention.groupes][:4]
    cibles: list[str | None] = [*groupes[:2]] or [None]
    for par in comptes[:4]:
        for action in Action:
            for groupe in cibles:
                yield peut(
                    convention, par, action, groupe=groupe, utilisateur=comptes[0], instant=instant
                )
        for groupe in groupes:
            yield ajouter_au_groupe(
                convention, par=par, groupe=groupe, utilisateur=comptes[-1], instant=instant
            )
            yield retirer_du_groupe(
                convention, par=par, groupe=groupe, utilisateur=comptes[-1], instant=instant
            )
    if groupes:
        yield simuler(
            convention,
            [
                Commande("retirer_role", par=comptes[0], arguments={"groupe": groupes[0]}),
                Commande(
                    "ajouter_au_groupe",
                    par=comptes[-1],
                    arguments={"groupe": groupes[-1], "utilisateur": comptes[0]},
                ),
            ],
            instant=instant,
        )
    yield from reponses_histoire(convention, comptes_max=min(comptes_max, 6))


def _type_de(reponse: object) -> type[Any]:
    for t in TYPES_SORTIE:
        if type(reponse) is t:
            return t
    raise AssertionError(f"réponse sans schéma : {type(reponse).__name__}")


def _erreurs(reponse: object) -> list[str]:
    document = vers_dict(reponse)
    return [e.message for e in VALIDATEURS[_type_de(reponse)].iter_errors(document)]


@pytest.mark.parametrize("t", TYPES_SORTIE, ids=lambda t: t.__name__)
def test_chaque_schema_de_reponse_est_un_schema_valide(t: type[Any]) -> None:
    schema = schema_sortie(t)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["title"] == t.__name__
    assert json.loads(json.dumps(schema)) == schema


def test_les_reponses_sur_l_exemple_et_une_convention_synthetique_sont_valides() -> None:
    vus: set[type[Any]] = set()
    for convention in (convention_exemple(), convention_synthetique(30, graine=5)):
        for reponse in reponses(convention):
            assert _erreurs(reponse) == [], type(reponse).__name__
            vus.add(type(reponse))
    for extra in (table_de_decision(), *CATALOGUE.values()):
        assert _erreurs(extra) == []
        vus.add(type(extra))
    assert vus == set(TYPES_SORTIE)  # chaque schéma a servi


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mst.conventions(max_comptes=5, avec_journal=False))
def test_les_reponses_sur_des_conventions_tirees_sont_valides(convention: Convention) -> None:
    for reponse in reponses(convention, comptes_max=3):
        assert _erreurs(reponse) == [], type(reponse).__name__


EXEMPLES: dict[type[Any], object] = {}


def _un_de_chaque() -> dict[type[Any], object]:
    if not EXEMPLES:
        for reponse in reponses(convention_exemple()):
            EXEMPLES.setdefault(type(reponse), reponse)
        EXEMPLES[TableDecision] = table_de_decision()
        EXEMPLES[Regle] = CATALOGUE["MCP-GRP-08"]
    return EXEMPLES


@pytest.mark.parametrize("t", TYPES_SORTIE, ids=lambda t: t.__name__)
def test_un_membre_en_trop_ou_en_moins_est_refuse(t: type[Any]) -> None:
    document = vers_dict(_un_de_chaque()[t])
    validateur = VALIDATEURS[t]
    assert validateur.is_valid(document)
    if isinstance(document, list):  # la table : une liste de lignes
        document = document[0]
        validateur = jsonschema.Draft202012Validator(
            {**schema_sortie(t), **schema_sortie(t)["items"], "$defs": schema_sortie(t)["$defs"]}
        )
    assert not validateur.is_valid({**document, "inattendu": 1})
    for cle in document:
        if t is Rapport and cle == "filtre":
            continue
        amoindri = {k: v for k, v in document.items() if k != cle}
        assert not validateur.is_valid(amoindri), cle


def test_le_json_de_la_ligne_de_commande_suit_le_schema(capsys: pytest.CaptureFixture[str]) -> None:
    for options in ((), ("--severite", "erreur"), ("--code", "MCP-USR")):
        argv = [
            "audit",
            "--exemple",
            "--instant",
            INSTANT_EXEMPLE.isoformat(),
            "--format",
            "json",
            *options,
        ]
        cli.main(argv)
        document = json.loads(capsys.readouterr().out)
        assert VALIDATEURS[Rapport].is_valid(document), options


def test_un_type_sans_schema_de_reponse_est_refuse() -> None:
    with pytest.raises(DonneeInvalide) as refus:
        schema_sortie(Convention)
    assert refus.value.code == "MCP-DONNEE-INCONNUE"


# --- le fichier de commandes --------------------------------------------------------------

COMMANDES_VALIDES = [
    [],
    [{"commande": "retirer_role", "par": "adm.martin", "arguments": {"groupe": "T1AS"}}],
    [
        {
            "commande": "cloturer_compte",
            "par": "@CAF",
            "arguments": {"utilisateur": "as.leroy", "le": "2026-12-01T00:00:00+01:00"},
        }
    ],
    [
        {
            "commande": "creer_utilisateur",
            "par": "adm.martin",
            "arguments": {
                "utilisateur": vers_dict(convention_exemple().utilisateur("as.leroy")),
                "groupe": "T1AS",
            },
        }
    ],
    [{"commande": "retirer_role", "par": "adm.martin"}],
    [{"commande": "cloturer_compte", "par": "@CAF", "arguments": {"utilisateur": "x", "le": None}}],
    [
        {
            "commande": "creer_groupe",
            "par": "adm.martin",
            "arguments": {"code": "T3X", "gestionnaire": "gest.durand"},
        }
    ],
]
COMMANDES_FAUTIVES = [
    {},
    [{"commande": "retirer_role", "par": "a b"}],
    [{"commande": "retirer_role", "par": "@caf"}],
    [
        {
            "commande": "creer_groupe",
            "par": "adm.martin",
            "arguments": {"gestionnaire": {"identifiant": "x"}},
        }
    ],
    [{"commande": "inconnue", "par": "adm.martin"}],
    [{"commande": "retirer_role"}],
    [{"commande": "retirer_role", "par": "adm.martin", "en_trop": 1}],
    [{"commande": "retirer_role", "par": "adm.martin", "arguments": []}],
    [
        {
            "commande": "creer_utilisateur",
            "par": "adm.martin",
            "arguments": {"utilisateur": {"identifiant": "x"}},
        }
    ],
]


@pytest.mark.parametrize("document", COMMANDES_VALIDES, ids=range(len(COMMANDES_VALIDES)))
def test_un_fichier_de_commandes_lu_est_valide_pour_son_schema(document: object) -> None:
    lire_commandes(json.dumps(document))
    assert jsonschema.Draft202012Validator(schema_commandes()).is_valid(document)


@pytest.mark.parametrize("document", COMMANDES_FAUTIVES, ids=range(len(COMMANDES_FAUTIVES)))
def test_un_fichier_de_commandes_fautif_est_refuse_par_les_deux(document: object) -> None:
    with pytest.raises(DonneeInvalide):
        lire_commandes(json.dumps(document))
    assert not jsonschema.Draft202012Validator(schema_commandes()).is_valid(document)


def test_les_types_de_reponse_sont_ceux_de_l_ecriture() -> None:
    assert set(TYPES_SORTIE) == {
        Rapport,
        Decision,
        AccesCdap,
        Resultat,
        Diagnostic,
        Simulation,
        MatriceAcces,
        TableDecision,
        Regle,
        Etape,
        m.AccesPasse,
        m.AccesPendant,
        m.Periodes,
        m.Actes,
        m.Revue,
        m.ConclusionRevue,
        *(type(c) for c in auditer(convention_exemple(), instant=INSTANT_EXEMPLE).constats),
    }
