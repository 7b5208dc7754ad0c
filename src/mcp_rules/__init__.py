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
from mcp_rules.acteurs import CAF, Acteur, ActeurCaf
from mcp_rules.adresse_email import AdresseEmail
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

__all__ = [
    "CAF",
    "DUREE_VALIDITE",
    "GROUPE_AFAS_DECLARER",
    "GROUPE_AFAS_HABILITER",
    "Acteur",
    "ActeurCaf",
    "Action",
    "AdministrateurDesigne",
    "AdresseEmail",
    "ApprobateurValide",
    "CompteCloture",
    "CompteCree",
    "CompteModifie",
    "CompteReactive",
    "ConditionProfil",
    "ConfigurationAfas",
    "Convention",
    "DonneeInvalide",
    "DonneesInvalides",
    "ErreurChamp",
    "Evenement",
    "Fonction",
    "GestionnaireDesigne",
    "Groupe",
    "GroupeCree",
    "IdentifiantEnvoye",
    "LibelleModifie",
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
    "RoleAfas",
    "RoleAfasConfigure",
    "RoleAfasRetire",
    "RoleAffecte",
    "RoleRetire",
    "Service",
    "Severite",
    "Symptome",
    "Utilisateur",
    "__version__",
]
