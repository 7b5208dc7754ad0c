"""mcp_rules : les règles d'accès du portail « Mon Compte Partenaire » de la Caf.

Conventions et services (CDAP, AFAS, ADONIS, Offre-bailleurs), administrateurs
partenaires, gestionnaires d'habilitations, groupes portant un profil T, comptes
utilisateurs : qui peut faire quoi, à quelles conditions, et pourquoi. Chaque
réponse renvoie à la section du guide « Administrateur partenaire — mode
délégué » d'où vient la règle.

La lecture et l'écriture JSON sont dans :mod:`mcp_rules.serialisation` ; les
stratégies hypothesis pour vos propres tests dans :mod:`mcp_rules.strategies`.
"""

from mcp_rules._version import __version__
from mcp_rules.acces import acces_cdap, acces_service, consulter_dossier
from mcp_rules.acteurs import CAF, Acteur, ActeurCaf
from mcp_rules.adresse_email import AdresseEmail
from mcp_rules.audit import Rapport, auditer
from mcp_rules.autorisations import peut
from mcp_rules.catalogue import CATALOGUE
from mcp_rules.commandes import (
    affecter_role,
    ajouter_au_groupe,
    changer_approbateur,
    cloturer_compte,
    configurer_role_afas,
    creer_groupe,
    creer_utilisateur,
    demander_nouveau_mot_de_passe,
    designer_administrateur,
    designer_gestionnaire,
    modifier_compte,
    modifier_libelle,
    personnaliser_mot_de_passe,
    reactiver_compte,
    retirer_du_groupe,
    retirer_role,
    retirer_role_afas,
    valider_approbateur,
)
from mcp_rules.diagnostic import Diagnostic, Etape, diagnostiquer, plan_acces_cdap
from mcp_rules.enumerations import (
    Action,
    Fonction,
    ProfilT,
    RoleAfas,
    Service,
    Severite,
    Symptome,
)
from mcp_rules.erreurs import (
    DonneeInvalide,
    DonneesInvalides,
    ErreurChamp,
    NumeroInstructeurIncomplet,
)
from mcp_rules.evenements import (
    AdministrateurDesigne,
    ApprobateurValide,
    CompteCloture,
    CompteCree,
    CompteModifie,
    CompteReactive,
    Evenement,
    GestionnaireDesigne,
    GroupeCree,
    IdentifiantEnvoye,
    LibelleModifie,
    MembreAjoute,
    MembreRetire,
    MotDePassePersonnalise,
    MotDePasseTemporaireEmis,
    Pj3Requise,
    RoleAfasConfigure,
    RoleAfasRetire,
    RoleAffecte,
    RoleRetire,
)
from mcp_rules.matrice import (
    LigneAcces,
    LigneDecision,
    MatriceAcces,
    TableDecision,
    matrice_acces,
    table_de_decision,
)
from mcp_rules.modele import (
    GROUPE_AFAS_DECLARER,
    GROUPE_AFAS_HABILITER,
    ConditionProfil,
    ConfigurationAfas,
    Convention,
    Groupe,
    Politique,
    Utilisateur,
)
from mcp_rules.mot_de_passe import DUREE_VALIDITE, MotDePasseTemporaire
from mcp_rules.numero_instructeur import NumeroInstructeur, NumeroInstructeurMalForme
from mcp_rules.regles._base import Constat, Regle
from mcp_rules.regles.elig import eligibilite
from mcp_rules.resultats import AccesCdap, Decision, Resultat
from mcp_rules.simulation import Changement, Commande, Simulation, simuler
from mcp_rules.support import objet_demande_caf, qui_contacter, verifier_objet_demande

__all__ = [
    "CAF",
    "CATALOGUE",
    "DUREE_VALIDITE",
    "GROUPE_AFAS_DECLARER",
    "GROUPE_AFAS_HABILITER",
    "AccesCdap",
    "Acteur",
    "ActeurCaf",
    "Action",
    "AdministrateurDesigne",
    "AdresseEmail",
    "ApprobateurValide",
    "Changement",
    "Commande",
    "CompteCloture",
    "CompteCree",
    "CompteModifie",
    "CompteReactive",
    "ConditionProfil",
    "ConfigurationAfas",
    "Constat",
    "Convention",
    "Decision",
    "Diagnostic",
    "DonneeInvalide",
    "DonneesInvalides",
    "ErreurChamp",
    "Etape",
    "Evenement",
    "Fonction",
    "GestionnaireDesigne",
    "Groupe",
    "GroupeCree",
    "IdentifiantEnvoye",
    "LibelleModifie",
    "LigneAcces",
    "LigneDecision",
    "MatriceAcces",
    "MembreAjoute",
    "MembreRetire",
    "MotDePassePersonnalise",
    "MotDePasseTemporaire",
    "MotDePasseTemporaireEmis",
    "NumeroInstructeur",
    "NumeroInstructeurIncomplet",
    "NumeroInstructeurMalForme",
    "Pj3Requise",
    "Politique",
    "ProfilT",
    "Rapport",
    "Regle",
    "Resultat",
    "RoleAfas",
    "RoleAfasConfigure",
    "RoleAfasRetire",
    "RoleAffecte",
    "RoleRetire",
    "Service",
    "Severite",
    "Simulation",
    "Symptome",
    "TableDecision",
    "Utilisateur",
    "__version__",
    "acces_cdap",
    "acces_service",
    "affecter_role",
    "ajouter_au_groupe",
    "auditer",
    "changer_approbateur",
    "cloturer_compte",
    "configurer_role_afas",
    "consulter_dossier",
    "creer_groupe",
    "creer_utilisateur",
    "demander_nouveau_mot_de_passe",
    "designer_administrateur",
    "designer_gestionnaire",
    "diagnostiquer",
    "eligibilite",
    "matrice_acces",
    "modifier_compte",
    "modifier_libelle",
    "objet_demande_caf",
    "personnaliser_mot_de_passe",
    "peut",
    "plan_acces_cdap",
    "qui_contacter",
    "reactiver_compte",
    "retirer_du_groupe",
    "retirer_role",
    "retirer_role_afas",
    "simuler",
    "table_de_decision",
    "valider_approbateur",
    "verifier_objet_demande",
]
