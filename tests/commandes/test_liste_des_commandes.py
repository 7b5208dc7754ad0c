"""``commandes.COMMANDES`` nomme chaque commande, et rien d'autre : c'est ce que
:class:`~mcp_rules.Commande` peut désigner et ce qu'exécute une étape de plan."""

from __future__ import annotations

import inspect

from mcp_rules import commandes
from mcp_rules.analyses.simulation import COMMANDES as SIMULABLES


def _fonctions_publiques() -> set[str]:
    return {nom for nom in commandes.__all__ if inspect.isfunction(getattr(commandes, nom))}


def test_commandes_nomme_chaque_fonction_publique_du_paquet() -> None:
    assert set(commandes.COMMANDES) == _fonctions_publiques()
    assert list(commandes.COMMANDES) == sorted(commandes.COMMANDES)


def test_chaque_commande_a_la_forme_d_une_commande() -> None:
    for nom in commandes.COMMANDES:
        parametres = inspect.signature(getattr(commandes, nom)).parameters
        assert next(iter(parametres)) == "convention", nom
        for obligatoire in ("par", "instant", "politique"):
            assert parametres[obligatoire].kind is inspect.Parameter.KEYWORD_ONLY, (
                nom,
                obligatoire,
            )


def test_la_simulation_connait_les_memes_commandes() -> None:
    assert frozenset(commandes.COMMANDES) == SIMULABLES
