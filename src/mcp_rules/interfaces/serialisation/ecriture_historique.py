"""Écrire en JSON l'histoire des habilitations et la revue des accès (écriture seule).

Les réponses de :func:`~mcp_rules.historique` (accès passés, périodes, actes) et de
:func:`~mcp_rules.revue` (campagne, conclusion) ; la conclusion écrit ses clôtures au
format du fichier que lit ``mcp-rules simuler``, pour les simuler avant de les exécuter.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from mcp_rules.analyses.historique import AccesPasse, AccesPendant, Actes, Habilitation, Periodes
from mcp_rules.analyses.revue import ConclusionRevue, Revue
from mcp_rules.analyses.simulation import Commande
from mcp_rules.interfaces.serialisation.convertisseur import ecrire_evenement
from mcp_rules.interfaces.serialisation.valeurs import ecrire_acteur
from mcp_rules.modele.evenements import Evenement

__all__ = ["ecrire_commande", "ecritures_histoire"]


def _instant(t: datetime | None) -> str | None:
    return None if t is None else t.isoformat()


def _evenement(e: Evenement | None) -> dict[str, Any] | None:
    return None if e is None else ecrire_evenement(e)


def _habilitation(h: Habilitation) -> dict[str, Any]:
    return {
        "profil": h.profil.value,
        "groupe": h.groupe,
        "adhesion": _evenement(h.adhesion),
        "attribution": _evenement(h.attribution),
    }


def _acces_passe(a: AccesPasse) -> dict[str, Any]:
    return {
        "identifiant": a.identifiant,
        "du": a.du.isoformat(),
        "au": a.au.isoformat(),
        "autorise": a.autorise,
        "certain": a.certain,
        "profils": [p.value for p in a.profils],
        "habilitations": [_habilitation(h) for h in a.habilitations],
        "incertains": [p.value for p in a.incertains],
        "donnees_manquantes": list(a.donnees_manquantes),
        "motifs": list(a.motifs),
    }


def _acces_pendant(a: AccesPendant) -> dict[str, Any]:
    return {
        "convention": a.convention,
        "du": a.du.isoformat(),
        "au": a.au.isoformat(),
        "profil": None if a.profil is None else a.profil.value,
        "debut_journal": _instant(a.debut_journal),
        "comptes": [_acces_passe(x) for x in a.comptes],
    }


def _periodes(p: Periodes) -> dict[str, Any]:
    return {
        "identifiant": p.identifiant,
        "quoi": p.quoi,
        "certain": p.certain,
        "periodes": [
            {"debut": x.debut.isoformat(), "fin": _instant(x.fin), "certaine": x.certaine}
            for x in p.periodes
        ],
        "donnees_manquantes": list(p.donnees_manquantes),
        "motifs": list(p.motifs),
    }


def _actes(a: Actes) -> dict[str, Any]:
    return {
        "sujet": a.sujet,
        "actes": [
            {
                "position": x.position,
                "description": x.description,
                "evenement": ecrire_evenement(x.evenement),
            }
            for x in a.actes
        ],
    }


Ecrire = Callable[[Any], Any]


def _revue(r: Revue, constat: Ecrire) -> dict[str, Any]:
    return {
        "convention": r.convention,
        "instant": r.instant.isoformat(),
        "comptes": [
            {
                "identifiant": a.identifiant,
                "relecteurs": [ecrire_acteur(x) for x in a.relecteurs],
                "profils": [p.value for p in a.profils],
                "services": [s.value for s in a.services],
                "derniere_connexion": _instant(a.derniere_connexion),
                "motifs": [constat(m) for m in a.motifs],
            }
            for a in r.comptes
        ],
    }


def ecrire_commande(c: Commande) -> dict[str, Any]:
    """Une commande au format du fichier de ``mcp-rules simuler``."""
    return {"commande": c.nom, "par": ecrire_acteur(c.par), "arguments": dict(c.arguments)}


def _conclusion(c: ConclusionRevue, decision: Ecrire) -> dict[str, Any]:
    return {
        "commandes": [ecrire_commande(x) for x in c.commandes],
        "confirmes": list(c.confirmes),
        "refus": [
            {
                "relecteur": ecrire_acteur(r.relecteur),
                "identifiant": r.identifiant,
                "avis": r.avis.value,
                "decision": decision(d),
            }
            for r, d in c.refus
        ],
        "sans_reponse": list(c.sans_reponse),
    }


def ecritures_histoire(constat: Ecrire, decision: Ecrire) -> dict[type[Any], Ecrire]:
    """Les écritures des réponses de l'histoire et de la revue ; ``constat`` et ``decision``
    sont celles de :mod:`.ecriture` (un constat, une décision s'écrivent partout pareil)."""
    return {
        AccesPasse: _acces_passe,
        AccesPendant: _acces_pendant,
        Periodes: _periodes,
        Actes: _actes,
        Revue: lambda r: _revue(r, constat),
        ConclusionRevue: lambda c: _conclusion(c, decision),
    }
