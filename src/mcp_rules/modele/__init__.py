"""Couche 3, le modèle : les objets du domaine et leur structure, sans aucune règle du guide.

Comptes (:mod:`.utilisateur`), groupes (:mod:`.groupe`), configuration AFAS
(:mod:`.afas`), politique locale (:mod:`.politique`), convention (:mod:`.convention`),
événements du journal (:mod:`.evenements`) et l'index qui permet de répondre sans
parcourir une convention (:mod:`.index`). Ce paquet n'importe que les fondations et les
valeurs ; les règles, plus haut, lisent ces objets.
"""

from mcp_rules.modele.afas import GROUPE_AFAS_DECLARER, GROUPE_AFAS_HABILITER, ConfigurationAfas
from mcp_rules.modele.convention import LONGUEUR_NUMERO_CONVENTION, Convention, exiger_convention
from mcp_rules.modele.groupe import Groupe
from mcp_rules.modele.politique import ConditionProfil, Politique, exiger_politique
from mcp_rules.modele.utilisateur import (
    LONGUEUR_CODE_BAILLEUR,
    LONGUEUR_NUMERO_ALLOCATAIRE,
    Utilisateur,
)

__all__ = [
    "GROUPE_AFAS_DECLARER",
    "GROUPE_AFAS_HABILITER",
    "LONGUEUR_CODE_BAILLEUR",
    "LONGUEUR_NUMERO_ALLOCATAIRE",
    "LONGUEUR_NUMERO_CONVENTION",
    "ConditionProfil",
    "ConfigurationAfas",
    "Convention",
    "Groupe",
    "Politique",
    "Utilisateur",
    "exiger_convention",
    "exiger_politique",
]
