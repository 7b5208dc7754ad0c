"""ROLE — qui peut faire quoi : le tableau récapitulatif de la partie 5 du guide.

Acteurs : l'administrateur partenaire, le gestionnaire d'habilitations d'un groupe
(limité aux groupes qu'il gère et à leurs sous-groupes, et aux comptes sous sa
responsabilité), l'utilisateur, un membre du groupe ``AFAS-HABILITER`` (pour AFAS
seulement) et la Caf. Un compte qui cumule plusieurs de ces qualités a l'union de leurs
droits. Les droits eux-mêmes sont la table de :mod:`mcp_rules.regles.droits`.
"""

from __future__ import annotations

from typing import Final

from mcp_rules.fondations.enumerations import Objet
from mcp_rules.regles.regle import E, I, Regle

_TABLEAU: Final = (
    "5 - Les missions de l'administrateur Partenaire / Pour résumer les rôles par acteur"
)

ROLE_01: Final = Regle(
    code="MCP-ROLE-01",
    objet=Objet.CONVENTION,
    titre="Gérer la relation contractuelle avec la Caf : l'administrateur seul",
    source=_TABLEAU,
    severite=E,
)
ROLE_02: Final = Regle(
    code="MCP-ROLE-02",
    titre="Créer un compte : l'administrateur, ou le gestionnaire dans un groupe qu'il gère",
    source=_TABLEAU,
    severite=E,
    description="Un gestionnaire ne crée un compte que dans un groupe qu'il gère (la commande "
    "nomme ce groupe), pour que le compte reste sous sa responsabilité.",
    interpretations=(14,),
)
ROLE_03: Final = Regle(
    code="MCP-ROLE-03",
    objet=Objet.CONVENTION,
    titre="Créer un groupe : l'administrateur seul",
    source=_TABLEAU + " ; 5 - Service CDAP / Créer un groupe",
    severite=E,
)
ROLE_04: Final = Regle(
    code="MCP-ROLE-04",
    objet=Objet.GROUPE,
    titre="Créer un sous-groupe : l'administrateur ; le gestionnaire sous un groupe qu'il "
    "gère, jamais pour CDAP ni AFAS",
    source=_TABLEAU,
    severite=E,
    description="Les sous-groupes CDAP sont créés par les administrateurs seuls, ceux d'AFAS par "
    "la Caf seule ; ceux d'ADONIS et d'Offre-bailleurs par un administrateur ou par le "
    "gestionnaire du groupe parent, qui n'en nomme gestionnaire que lui-même ou un compte "
    "sous sa responsabilité. Un sous-groupe relève du service de son parent.",
    interpretations=(1, 14),
)
ROLE_05: Final = Regle(
    code="MCP-ROLE-05",
    objet=Objet.GROUPE,
    titre="Désigner le gestionnaire d'un groupe : l'administrateur ; le gestionnaire pour les "
    "sous-groupes d'un groupe qu'il gère",
    source=_TABLEAU,
    severite=E,
    description="Un gestionnaire ne nomme que lui-même ou un compte déjà sous sa responsabilité.",
    interpretations=(14,),
)
ROLE_06: Final = Regle(
    code="MCP-ROLE-06",
    objet=Objet.GROUPE,
    titre="Affecter ou retirer le rôle d'un groupe : l'administrateur ; le gestionnaire pour "
    "les groupes ADONIS et Offre-bailleurs qu'il gère, jamais un profil CDAP",
    source=_TABLEAU + " ; 5 - Service CDAP / Processus d'habilitation d'un utilisateur",
    severite=E,
    description="Le tableau CDAP réserve l'affectation du profil T à l'administrateur "
    "partenaire. Personne d'autre qu'un administrateur ne donne un rôle à un groupe dont il "
    "est membre.",
    interpretations=(13, 21),
)
ROLE_07: Final = Regle(
    code="MCP-ROLE-07",
    objet=Objet.GROUPE,
    titre="Ajouter ou retirer un membre : l'administrateur ; le gestionnaire sur ses groupes, "
    "pour les comptes déjà sous sa responsabilité ; pour AFAS-DECLARER, aussi un membre "
    "d'AFAS-HABILITER",
    source=_TABLEAU,
    severite=E,
    description="Un gestionnaire n'attire jamais dans ses groupes un compte d'ailleurs (celui "
    "d'un administrateur, d'un autre gestionnaire, d'une personne d'un autre groupe). Dans le "
    "vrai AFAS-DECLARER, son gestionnaire et les membres d'AFAS-HABILITER ajoutent ou "
    "retirent tout compte actif. Nul ne s'ajoute lui-même, sauf un administrateur.",
    interpretations=(14, 21, 24),
)
ROLE_08: Final = Regle(
    code="MCP-ROLE-08",
    titre="Accéder à l'offre d'un service : tout compte actif, par les rôles de ses groupes",
    source=_TABLEAU + " ; 2 - Les rôles dans Mon Compte Partenaire / L'utilisateur",
    severite=E,
    description="Pour chaque service : un groupe sans rôle ne donne rien, et être "
    "administrateur n'ouvre aucun service.",
    interpretations=(15,),
)
ROLE_09: Final = Regle(
    code="MCP-ROLE-09",
    titre="Modifier, clôturer ou réactiver un compte : l'administrateur ; le gestionnaire pour "
    "les comptes sous sa responsabilité",
    source="5 - Les missions de l'administrateur Partenaire / Mise à jour des comptes",
    severite=E,
    description="Jamais le compte d'un administrateur, ni celui du gestionnaire d'un groupe "
    "qu'il ne gère pas, ni une personne partagée avec le groupe d'un autre gestionnaire ; et "
    "nul autre qu'un administrateur ne change ses propres données d'éligibilité.",
    interpretations=(14, 21),
)
ROLE_10: Final = Regle(
    code="MCP-ROLE-10",
    titre="Personne n'habilite du personnel hors de sa responsabilité",
    source="Respect des termes de la convention",
    severite=E,
    description="Un gestionnaire qui agit sur un groupe qu'il ne gère pas, ou sur un compte "
    "qui n'est pas sous sa responsabilité, est refusé ; nul ne s'habilite lui-même.",
    interpretations=(14, 21),
)
ROLE_11: Final = Regle(
    code="MCP-ROLE-11",
    objet=Objet.GROUPE,
    titre="Chaque groupe a exactement un gestionnaire d'habilitations",
    source="2 - Les rôles dans Mon Compte Partenaire / Le Gestionnaire d'habilitations",
    severite=E,
    description="Désigner un nouveau gestionnaire remplace le précédent.",
)
ROLE_12: Final = Regle(
    code="MCP-ROLE-12",
    objet=Objet.GROUPE,
    titre="Le gestionnaire d'un groupe peut être l'un des administrateurs",
    source="5 - Service CDAP / Créer un groupe",
    severite=I,
)

REGLES: Final = (
    ROLE_01, ROLE_02, ROLE_03, ROLE_04, ROLE_05, ROLE_06,
    ROLE_07, ROLE_08, ROLE_09, ROLE_10, ROLE_11, ROLE_12,
)  # fmt: skip
