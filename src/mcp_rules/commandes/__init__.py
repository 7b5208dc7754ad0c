"""Couche 6, les commandes : chaque geste d'administration, comme une fonction pure.

Chaque commande prend la convention, l'acteur (``par``, un identifiant ou
:data:`~mcp_rules.CAF`), ses arguments et l'instant, et rend un
:class:`~mcp_rules.Resultat` :

- **acceptée** : la nouvelle convention, dont le journal se termine par les
  événements de la commande, et ces événements, que le portail exécute (envoyer
  l'identifiant et le mot de passe temporaire, transmettre une PJ 3…) ;
- **refusée** : l'objet même qui a été passé, aucun événement, et les constats qui
  disent pourquoi — toutes les règles enfreintes à la fois.

Une commande vérifie d'abord qui agit (les mêmes règles que :func:`~mcp_rules.peut`),
puis chaque règle de sévérité erreur qu'elle pourrait enfreindre. Seule exception :
clôturer un compte est toujours accepté pour un acteur autorisé (la sécurité d'abord) ;
ce que la clôture casse revient en avertissements.

Des arguments mal formés (un profil inconnu, un instant sans fuseau) lèvent
:class:`~mcp_rules.DonneeInvalide` ; un acteur, un groupe ou un compte inconnus
donnent un refus motivé.

Les commandes ne reconstruisent jamais la convention : elles recopient les seules
tables qu'elles changent et dérivent l'index de l'ancien.

Un module par section du guide : groupes et rôles (:mod:`.groupes`), comptes
(:mod:`.comptes`), AFAS (:mod:`.afas`), administrateurs (:mod:`.administrateurs`), mots de
passe (:mod:`.mots_de_passe`) ; ce qu'elles partagent est dans :mod:`.contexte` et
:mod:`.verifications`.
"""

from typing import Final

from mcp_rules.commandes.administrateurs import designer_administrateur
from mcp_rules.commandes.afas import (
    changer_approbateur,
    configurer_role_afas,
    retirer_role_afas,
    valider_approbateur,
)
from mcp_rules.commandes.comptes import (
    CHAMPS_MODIFIABLES,
    ajouter_au_groupe,
    cloturer_compte,
    creer_utilisateur,
    modifier_compte,
    reactiver_compte,
    retirer_du_groupe,
)
from mcp_rules.commandes.groupes import (
    affecter_role,
    creer_groupe,
    designer_gestionnaire,
    modifier_libelle,
    retirer_role,
)
from mcp_rules.commandes.mots_de_passe import (
    demander_nouveau_mot_de_passe,
    personnaliser_mot_de_passe,
)
from mcp_rules.commandes.resultat import Resultat

__all__ = [
    "CHAMPS_MODIFIABLES",
    "COMMANDES",
    "Resultat",
    "affecter_role",
    "ajouter_au_groupe",
    "changer_approbateur",
    "cloturer_compte",
    "configurer_role_afas",
    "creer_groupe",
    "creer_utilisateur",
    "demander_nouveau_mot_de_passe",
    "designer_administrateur",
    "designer_gestionnaire",
    "modifier_compte",
    "modifier_libelle",
    "personnaliser_mot_de_passe",
    "reactiver_compte",
    "retirer_du_groupe",
    "retirer_role",
    "retirer_role_afas",
    "valider_approbateur",
]

COMMANDES: Final[tuple[str, ...]] = (
    "affecter_role",
    "ajouter_au_groupe",
    "changer_approbateur",
    "cloturer_compte",
    "configurer_role_afas",
    "creer_groupe",
    "creer_utilisateur",
    "demander_nouveau_mot_de_passe",
    "designer_administrateur",
    "designer_gestionnaire",
    "modifier_compte",
    "modifier_libelle",
    "personnaliser_mot_de_passe",
    "reactiver_compte",
    "retirer_du_groupe",
    "retirer_role",
    "retirer_role_afas",
    "valider_approbateur",
)
"""Le nom de chaque commande, dans l'ordre alphabétique : ce que :class:`~mcp_rules.Commande`
peut désigner et ce qu'exécute une étape de plan (un test vérifie qu'il n'en manque aucune)."""
