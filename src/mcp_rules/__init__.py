"""mcp_rules : les règles d'accès du portail « Mon Compte Partenaire » de la Caf.

Conventions et services (CDAP, AFAS, ADONIS, Offre-bailleurs), administrateurs
partenaires, gestionnaires d'habilitations, groupes portant un profil T, comptes
utilisateurs : qui peut faire quoi, à quelles conditions, et pourquoi. Chaque
réponse renvoie à la section du guide « Administrateur partenaire — mode
délégué » d'où vient la règle.

La lecture et l'écriture JSON sont dans :mod:`mcp_rules.serialisation` ; les
stratégies hypothesis pour vos propres tests dans :mod:`mcp_rules.strategies`.

Le paquet est rangé en couches, chacune dans son dossier et n'important que celles du
dessous : ``fondations``, ``valeurs``, ``modele``, ``regles``, ``decisions``,
``commandes``, ``analyses``, ``interfaces`` (voir la page « Architecture » de la
documentation). Ce module-ci n'en est que la façade : il ré-exporte les noms publics.

Chaque nom n'est importé de sa couche qu'au premier accès (``mcp_rules.auditer``,
``from mcp_rules import auditer``) : ``import mcp_rules`` ne charge rien d'autre que la
version, et un portail qui ne demande que ``acces_cdap`` ne paie ni l'audit, ni les
analyses, ni la sérialisation. Les vérificateurs de types et les éditeurs voient tous les
noms par les imports du bloc ``TYPE_CHECKING``.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Final

from mcp_rules._version import __version__

if TYPE_CHECKING:
    from mcp_rules.analyses.audit import Rapport, auditer
    from mcp_rules.analyses.diagnostic import Diagnostic, diagnostiquer
    from mcp_rules.analyses.historique import (
        AccesPasse,
        AccesPendant,
        Acte,
        Actes,
        Habilitation,
        Historique,
        Periode,
        Periodes,
        historique,
    )
    from mcp_rules.analyses.matrice import LigneAcces, MatriceAcces, matrice_acces
    from mcp_rules.analyses.plans import A_COMPLETER, Etape, plan_acces_cdap
    from mcp_rules.analyses.revue import (
        ARevoir,
        Avis,
        ConclusionRevue,
        ReponseRevue,
        Revue,
        conclure_revue,
        revue,
    )
    from mcp_rules.analyses.simulation import Changement, Commande, Simulation, simuler
    from mcp_rules.analyses.tables import LigneDecision, TableDecision, table_de_decision
    from mcp_rules.commandes import (
        Resultat,
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
    from mcp_rules.decisions.acces import acces_cdap
    from mcp_rules.decisions.autorisations import peut
    from mcp_rules.decisions.dossier import consulter_dossier
    from mcp_rules.decisions.eligibilite import eligibilite
    from mcp_rules.decisions.reponses import AccesCdap
    from mcp_rules.decisions.services import acces_service
    from mcp_rules.decisions.support import (
        ADRESSE_SUPPORT_CAF,
        objet_demande_caf,
        qui_contacter,
        verifier_objet_demande,
    )
    from mcp_rules.fondations.acteurs import CAF, Acteur, ActeurCaf
    from mcp_rules.fondations.enumerations import (
        Action,
        Fonction,
        Objet,
        ProfilT,
        Role,
        RoleAfas,
        RoleApplicatif,
        Service,
        Severite,
        Symptome,
    )
    from mcp_rules.fondations.erreurs import (
        CODES_DONNEES,
        DonneeInvalide,
        DonneesInvalides,
        ErreurChamp,
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
    from mcp_rules.modele.evenements import (
        TYPES_EVENEMENTS,
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
    from mcp_rules.regles.catalogue import CATALOGUE, DOMAINES
    from mcp_rules.regles.decision import Decision
    from mcp_rules.regles.regle import Constat, Regle
    from mcp_rules.valeurs.adresse_email import AdresseEmail
    from mcp_rules.valeurs.mot_de_passe import DUREE_VALIDITE, MotDePasseTemporaire
    from mcp_rules.valeurs.numero_instructeur import (
        NumeroInstructeur,
        NumeroInstructeurIncomplet,
        NumeroInstructeurMalForme,
    )

_NOMS_PAR_MODULE: Final[dict[str, tuple[str, ...]]] = {
    "mcp_rules.analyses.audit": ("Rapport", "auditer"),
    "mcp_rules.analyses.diagnostic": ("Diagnostic", "diagnostiquer"),
    "mcp_rules.analyses.historique": (
        "AccesPasse",
        "AccesPendant",
        "Acte",
        "Actes",
        "Habilitation",
        "Historique",
        "Periode",
        "Periodes",
        "historique",
    ),
    "mcp_rules.analyses.matrice": ("LigneAcces", "MatriceAcces", "matrice_acces"),
    "mcp_rules.analyses.plans": ("A_COMPLETER", "Etape", "plan_acces_cdap"),
    "mcp_rules.analyses.revue": (
        "ARevoir",
        "Avis",
        "ConclusionRevue",
        "ReponseRevue",
        "Revue",
        "conclure_revue",
        "revue",
    ),
    "mcp_rules.analyses.simulation": ("Changement", "Commande", "Simulation", "simuler"),
    "mcp_rules.analyses.tables": ("LigneDecision", "TableDecision", "table_de_decision"),
    "mcp_rules.commandes": (
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
    ),
    "mcp_rules.decisions.acces": ("acces_cdap",),
    "mcp_rules.decisions.autorisations": ("peut",),
    "mcp_rules.decisions.dossier": ("consulter_dossier",),
    "mcp_rules.decisions.eligibilite": ("eligibilite",),
    "mcp_rules.decisions.reponses": ("AccesCdap",),
    "mcp_rules.decisions.services": ("acces_service",),
    "mcp_rules.decisions.support": (
        "ADRESSE_SUPPORT_CAF",
        "objet_demande_caf",
        "qui_contacter",
        "verifier_objet_demande",
    ),
    "mcp_rules.fondations.acteurs": ("CAF", "Acteur", "ActeurCaf"),
    "mcp_rules.fondations.enumerations": (
        "Action",
        "Fonction",
        "Objet",
        "ProfilT",
        "Role",
        "RoleAfas",
        "RoleApplicatif",
        "Service",
        "Severite",
        "Symptome",
    ),
    "mcp_rules.fondations.erreurs": (
        "CODES_DONNEES",
        "DonneeInvalide",
        "DonneesInvalides",
        "ErreurChamp",
    ),
    "mcp_rules.modele": (
        "GROUPE_AFAS_DECLARER",
        "GROUPE_AFAS_HABILITER",
        "ConditionProfil",
        "ConfigurationAfas",
        "Convention",
        "Groupe",
        "Politique",
        "Utilisateur",
    ),
    "mcp_rules.modele.evenements": (
        "TYPES_EVENEMENTS",
        "AdministrateurDesigne",
        "ApprobateurValide",
        "CompteCloture",
        "CompteCree",
        "CompteModifie",
        "CompteReactive",
        "Evenement",
        "GestionnaireDesigne",
        "GroupeCree",
        "IdentifiantEnvoye",
        "LibelleModifie",
        "MembreAjoute",
        "MembreRetire",
        "MotDePassePersonnalise",
        "MotDePasseTemporaireEmis",
        "Pj3Requise",
        "RoleAfasConfigure",
        "RoleAfasRetire",
        "RoleAffecte",
        "RoleRetire",
    ),
    "mcp_rules.regles.catalogue": ("CATALOGUE", "DOMAINES"),
    "mcp_rules.regles.decision": ("Decision",),
    "mcp_rules.regles.regle": ("Constat", "Regle"),
    "mcp_rules.valeurs.adresse_email": ("AdresseEmail",),
    "mcp_rules.valeurs.mot_de_passe": ("DUREE_VALIDITE", "MotDePasseTemporaire"),
    "mcp_rules.valeurs.numero_instructeur": (
        "NumeroInstructeur",
        "NumeroInstructeurIncomplet",
        "NumeroInstructeurMalForme",
    ),
}
"""Chaque nom public, rangé sous le module où il vit : :func:`__getattr__` l'y prend."""

_MODULE_DU_NOM: Final[dict[str, str]] = {
    nom: module for module, noms in _NOMS_PAR_MODULE.items() for nom in noms
}

__all__ = [
    "ADRESSE_SUPPORT_CAF",
    "A_COMPLETER",
    "CAF",
    "CATALOGUE",
    "CODES_DONNEES",
    "DOMAINES",
    "DUREE_VALIDITE",
    "GROUPE_AFAS_DECLARER",
    "GROUPE_AFAS_HABILITER",
    "TYPES_EVENEMENTS",
    "ARevoir",
    "AccesCdap",
    "AccesPasse",
    "AccesPendant",
    "Acte",
    "Actes",
    "Acteur",
    "ActeurCaf",
    "Action",
    "AdministrateurDesigne",
    "AdresseEmail",
    "ApprobateurValide",
    "Avis",
    "Changement",
    "Commande",
    "CompteCloture",
    "CompteCree",
    "CompteModifie",
    "CompteReactive",
    "ConclusionRevue",
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
    "Habilitation",
    "Historique",
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
    "Objet",
    "Periode",
    "Periodes",
    "Pj3Requise",
    "Politique",
    "ProfilT",
    "Rapport",
    "Regle",
    "ReponseRevue",
    "Resultat",
    "Revue",
    "Role",
    "RoleAfas",
    "RoleAfasConfigure",
    "RoleAfasRetire",
    "RoleAffecte",
    "RoleApplicatif",
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
    "conclure_revue",
    "configurer_role_afas",
    "consulter_dossier",
    "creer_groupe",
    "creer_utilisateur",
    "demander_nouveau_mot_de_passe",
    "designer_administrateur",
    "designer_gestionnaire",
    "diagnostiquer",
    "eligibilite",
    "historique",
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
    "revue",
    "simuler",
    "table_de_decision",
    "valider_approbateur",
    "verifier_objet_demande",
]


if not TYPE_CHECKING:  # caché aux vérificateurs : un nom mal tapé reste une erreur de type

    def __getattr__(nom: str) -> object:
        """Le nom public ``nom``, importé de son module au premier accès (PEP 562)."""
        module = _MODULE_DU_NOM.get(nom)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {nom!r}")
        valeur = getattr(import_module(module), nom)
        globals()[nom] = valeur  # les accès suivants ne repassent plus par ici
        return valeur


def __dir__() -> list[str]:
    """Les noms publics, importés ou non encore, et ceux du module."""
    return sorted({*globals(), *__all__})


def _enregistrer_aupres_d_hypothesis() -> None:
    """Hypothesis déjà chargé : ses ``st.from_type`` connaissent aussitôt nos types.

    Dans l'autre ordre (``mcp_rules`` d'abord), c'est le greffon d'hypothesis
    (``_mcp_rules_hypothesis``) qui le fait. Un processus sans hypothesis ne paie rien.
    """
    import sys  # noqa: PLC0415 - seulement pour ce test, à l'import

    if sys.modules.get("hypothesis") is not None:  # None : un import de hypothesis bloqué
        import_module("mcp_rules.interfaces.strategies")


_enregistrer_aupres_d_hypothesis()
