"""Écrire en JSON : les types du domaine (relus à l'identique par :func:`depuis_dict`) et les
réponses de la bibliothèque (rapport, diagnostic, décision…), qui s'écrivent pour être
transmises et ne se relisent pas."""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import Enum
from typing import Any, Final

from mcp_rules.analyses.audit import Rapport
from mcp_rules.analyses.diagnostic import Diagnostic
from mcp_rules.analyses.matrice import MatriceAcces
from mcp_rules.analyses.plans import Etape
from mcp_rules.analyses.simulation import Simulation
from mcp_rules.analyses.tables import TableDecision
from mcp_rules.commandes import Resultat
from mcp_rules.decisions.reponses import AccesCdap
from mcp_rules.interfaces.serialisation.convertisseur import CONVERTISSEUR, ecrire_evenement
from mcp_rules.interfaces.serialisation.ecriture_historique import ecritures_histoire
from mcp_rules.interfaces.serialisation.lecture import type_connu
from mcp_rules.interfaces.serialisation.valeurs import ecrire_acteur
from mcp_rules.modele.evenements import Evenement
from mcp_rules.regles.decision import Decision
from mcp_rules.regles.regle import Constat, Regle

__all__ = ["vers_dict", "vers_json"]


def vers_dict(objet: object) -> Any:
    """L'objet en structures JSON simples (dict, list, str, bool, None).

    Les réponses de la bibliothèque (rapport, diagnostic, décision, constat…) s'écrivent
    aussi, pour être transmises ; elles ne se relisent pas.

    >>> from mcp_rules import NumeroInstructeur
    >>> vers_dict(NumeroInstructeur.parse("093A1230100000"))
    '093A1230100000'
    """
    cls = type(objet)
    ecrire = _ECRITURES.get(cls)
    if ecrire is not None:
        return ecrire(objet)
    if isinstance(objet, Evenement):
        return ecrire_evenement(objet)
    type_connu(cls)
    return CONVERTISSEUR.unstructure(objet, cls)


def vers_json(objet: object, *, indent: int | None = None) -> str:
    """L'objet en texte JSON (UTF-8 lisible, clés dans l'ordre des champs)."""
    return json.dumps(vers_dict(objet), ensure_ascii=False, indent=indent)


# --- écriture seule : les réponses de la bibliothèque ---------------------------------------


def _ecrire_constat(c: Constat) -> dict[str, Any]:
    return {
        "code": c.code,
        "severite": c.severite.value,
        "message": c.message,
        "remede": c.remede,
        "cible": c.cible,
        "titre": c.regle.titre,
        "source": c.regle.source,
    }


def _ecrire_constats(constats: tuple[Constat, ...]) -> list[dict[str, Any]]:
    return [_ecrire_constat(c) for c in constats]


def _ecrire_regle(r: Regle) -> dict[str, Any]:
    return {
        "code": r.code,
        "titre": r.titre,
        "source": r.source,
        "severite": r.severite.value,
        "automatisable": r.automatisable,
        "description": r.description,
        "interpretations": list(r.interpretations),
    }


def _ecrire_etape(e: Etape) -> dict[str, Any]:
    return {
        "commande": e.commande,
        "arguments": {
            k: (v.value if isinstance(v, Enum) else str(v)) for k, v in e.arguments.items()
        },
        "par": [ecrire_acteur(a) for a in e.par],
        "texte": e.texte,
        "a_completer": list(e.a_completer),
    }


def _ecrire_rapport(r: Rapport) -> dict[str, Any]:
    return {
        "numero": r.numero,
        "instant": r.instant.isoformat(),
        "est_conforme": r.est_conforme,
        "nombre_comptes": r.nombre_comptes,
        "nombre_comptes_actifs": r.nombre_comptes_actifs,
        "nombre_groupes": r.nombre_groupes,
        "comptes_par_profil": {p.value: n for p, n in r.comptes_par_profil.items()},
        "comptes_par_service": {s.value: n for s, n in r.comptes_par_service.items()},
        "constats": _ecrire_constats(r.constats),
    }


def _ecrire_decision(d: Decision) -> dict[str, Any]:
    return {
        "autorise": d.autorise,
        "donnees_manquantes": list(d.donnees_manquantes),
        "constats": _ecrire_constats(d.constats),
    }


def _ecrire_acces(a: AccesCdap) -> dict[str, Any]:
    return {
        "identifiant": a.identifiant,
        "autorise": a.autorise,
        "profils": [p.value for p in a.profils],
        "groupes": [{"groupe": g, "profil": p.value} for g, p in a.groupes],
        "donnees_manquantes": list(a.donnees_manquantes),
        "constats": _ecrire_constats(a.constats),
    }


def _ecrire_resultat(r: Resultat) -> dict[str, Any]:
    return {
        "accepte": r.accepte,
        "evenements": [ecrire_evenement(e) for e in r.evenements],
        "constats": _ecrire_constats(r.constats),
    }


def _ecrire_diagnostic(d: Diagnostic) -> dict[str, Any]:
    return {
        "identifiant": d.identifiant,
        "symptome": d.symptome.value,
        "causes": _ecrire_constats(d.causes),
        "plan": [_ecrire_etape(e) for e in d.plan],
        "recours": d.recours,
    }


def _ecrire_simulation(s: Simulation) -> dict[str, Any]:
    return {
        "toutes_acceptees": s.toutes_acceptees,
        "resultats": [_ecrire_resultat(r) for r in s.resultats],
        "changements": [
            {
                "identifiant": x.identifiant,
                "avant": [p.value for p in x.avant],
                "apres": [p.value for p in x.apres],
                "gagnes": [p.value for p in x.gagnes],
                "perdus": [p.value for p in x.perdus],
                "services_gagnes": [v.value for v in x.services_gagnes],
                "services_perdus": [v.value for v in x.services_perdus],
            }
            for x in s.changements
        ],
        "nouveaux_constats": _ecrire_constats(s.nouveaux_constats),
        "constats_resolus": _ecrire_constats(s.constats_resolus),
    }


def _ecrire_matrice(m: MatriceAcces) -> dict[str, Any]:
    return {
        "numero": m.numero,
        "instant": m.instant.isoformat(),
        "comptes": [
            {
                "identifiant": x.identifiant,
                "nom": x.nom,
                "actif": x.actif,
                "profils": [p.value for p in x.profils],
                "services": [v.value for v in x.services],
            }
            for x in m.lignes
        ],
    }


def _ecrire_table(t: TableDecision) -> list[dict[str, Any]]:
    return [
        {
            "profil": x.profil.value,
            "fonction": x.fonction.value,
            "donnees_presentes": x.donnees_presentes,
            "autorise": x.autorise,
            "codes": list(x.codes),
            "donnees_manquantes": list(x.donnees_manquantes),
        }
        for x in t.lignes
    ]


_ECRITURES: Final[dict[type[Any], Callable[[Any], Any]]] = {
    Regle: _ecrire_regle,
    Constat: _ecrire_constat,
    Decision: _ecrire_decision,
    AccesCdap: _ecrire_acces,
    Resultat: _ecrire_resultat,
    Rapport: _ecrire_rapport,
    Diagnostic: _ecrire_diagnostic,
    Etape: _ecrire_etape,
    Simulation: _ecrire_simulation,
    MatriceAcces: _ecrire_matrice,
    TableDecision: _ecrire_table,
    **ecritures_histoire(_ecrire_constat, _ecrire_decision),
}
"""Les réponses de la bibliothèque, que :func:`vers_dict` écrit (sans relecture)."""
