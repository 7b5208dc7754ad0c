"""Les énumérations du domaine : services, profils T, fonctions, rôles AFAS, actions…

Chaque énumération a pour valeurs des textes ASCII stables (ceux du JSON) et une
méthode :meth:`parse` tolérante aux espaces autour et à la casse, mais jamais aux
caractères qui ne font que ressembler à des lettres latines :

>>> ProfilT.parse(" t4 ")
<ProfilT.T4: 'T4'>
>>> Service.parse("Offre_Bailleurs")
<Service.OFFRE_BAILLEURS: 'OFFRE_BAILLEURS'>
>>> Service.parse("ADONıS")  # un i sans point (U+0131), pas un i
Traceback (most recent call last):
  ...
mcp_rules.DonneeInvalide: [MCP-DONNEE-VALEUR] ...
"""

from __future__ import annotations

import enum
from typing import Final, Self, TypeAlias

from mcp_rules.fondations import erreurs
from mcp_rules.fondations.erreurs import DonneeInvalide, apercu

__all__ = [
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
    "lire_role",
]


class _Enumeration(enum.Enum):
    """Base commune : ``parse`` et un libellé français."""

    # Les membres sont des singletons : le hachage par identité, en C, est exact et
    # bien plus rapide que celui d'Enum (écrit en Python), très sollicité par les index.
    __hash__ = object.__hash__

    @classmethod
    def parse(cls, texte: object) -> Self:
        """Lit une valeur saisie : espaces autour et casse ignorés, ASCII uniquement."""
        if isinstance(texte, cls):
            return texte
        if not isinstance(texte, str):
            raise DonneeInvalide(
                erreurs.TYPE,
                f"{cls._nom_francais()} : un texte est attendu, pas {apercu(texte)}",
                valeur=texte,
            )
        propre = texte.strip(" \t") if len(texte) <= 64 else ""  # mesuré avant d'être lu
        if propre.isascii():
            membre = cls._value2member_map_.get(propre.upper())
            if membre is not None:
                return membre  # type: ignore[return-value]
        permis = ", ".join(str(m.value) for m in cls)
        raise DonneeInvalide(
            erreurs.VALEUR,
            f"valeur inconnue pour « {cls._nom_francais()} » : {apercu(texte)} ; "
            f"valeurs permises : {permis}",
            valeur=texte,
        )

    @classmethod
    def _nom_francais(cls) -> str:
        return cls.__name__

    @property
    def libelle(self) -> str:
        """Le nom français de la valeur, pour l'affichage."""
        return _LIBELLES.get(self, str(self.value))

    def __str__(self) -> str:
        return str(self.value)


class Service(_Enumeration):
    """Un service de Mon Compte Partenaire, ouvert par un bulletin d'adhésion."""

    CDAP = "CDAP"
    AFAS = "AFAS"
    ADONIS = "ADONIS"
    OFFRE_BAILLEURS = "OFFRE_BAILLEURS"

    @classmethod
    def _nom_francais(cls) -> str:
        return "service"


class ProfilT(_Enumeration):
    """Un profil de consultation CDAP, de T1 à T10 (le rôle porté par un groupe)."""

    T1 = "T1"
    T2 = "T2"
    T3 = "T3"
    T4 = "T4"
    T5 = "T5"
    T6 = "T6"
    T7 = "T7"
    T8 = "T8"
    T9 = "T9"
    T10 = "T10"

    @classmethod
    def _nom_francais(cls) -> str:
        return "profil"

    @property
    def rang(self) -> int:
        """Le numéro du profil : 1 pour T1, 10 pour T10 (pour trier)."""
        return int(self.value[1:])


class RoleApplicatif(_Enumeration):
    """Le rôle d'un groupe ADONIS ou Offre-bailleurs : un par service (interprétation 15).

    Le guide ne nomme pas ces rôles ; un groupe de ces services a le rôle de son service, ou
    n'en a pas (et ne donne alors rien à ses membres, comme un groupe CDAP sans profil).
    """

    ADONIS = "ADONIS"
    OFFRE_BAILLEURS = "OFFRE_BAILLEURS"

    @classmethod
    def _nom_francais(cls) -> str:
        return "rôle applicatif"

    @classmethod
    def du_service(cls, service: Service) -> RoleApplicatif | None:
        """Le rôle applicatif d'un service, ``None`` pour CDAP (des profils T) et AFAS."""
        return _ROLE_DU_SERVICE.get(service)

    @property
    def service(self) -> Service:
        """Le service dont c'est le rôle."""
        return Service.ADONIS if self is RoleApplicatif.ADONIS else Service.OFFRE_BAILLEURS


_ROLE_DU_SERVICE: Final = {
    Service.ADONIS: RoleApplicatif.ADONIS,
    Service.OFFRE_BAILLEURS: RoleApplicatif.OFFRE_BAILLEURS,
}

Role: TypeAlias = ProfilT | RoleApplicatif
"""Le rôle d'un groupe : un profil T (CDAP) ou un rôle applicatif (ADONIS, Offre-bailleurs)."""


def lire_role(texte: object) -> Role:
    """Lit un rôle saisi : un profil T (``"t4"``) ou un rôle applicatif (``"adonis"``).

    >>> lire_role(" t4 "), lire_role("Adonis")
    (<ProfilT.T4: 'T4'>, <RoleApplicatif.ADONIS: 'ADONIS'>)
    """
    if isinstance(texte, ProfilT | RoleApplicatif):
        return texte
    try:
        return ProfilT.parse(texte)
    except DonneeInvalide:
        try:
            return RoleApplicatif.parse(texte)
        except DonneeInvalide:
            pass
    permis = ", ".join([*(p.value for p in ProfilT), *(r.value for r in RoleApplicatif)])
    raise DonneeInvalide(
        erreurs.VALEUR if isinstance(texte, str) else erreurs.TYPE,
        f"rôle inconnu {apercu(texte)} ; rôles permis : {permis}",
        valeur=texte,
    )


class Fonction(_Enumeration):
    """La fonction exercée par l'utilisateur, qui conditionne certains profils."""

    ASSISTANT_SOCIAL = "ASSISTANT_SOCIAL"
    CONSEILLER_ESF = "CONSEILLER_ESF"
    ASSISTANT_SOCIAL_DU_TRAVAIL = "ASSISTANT_SOCIAL_DU_TRAVAIL"
    INSTRUCTEUR_RSA = "INSTRUCTEUR_RSA"
    MANDATAIRE_JUDICIAIRE = "MANDATAIRE_JUDICIAIRE"
    TUTEUR = "TUTEUR"
    CURATEUR = "CURATEUR"
    BAILLEUR = "BAILLEUR"
    AUTRE = "AUTRE"

    @classmethod
    def _nom_francais(cls) -> str:
        return "fonction"


class RoleAfas(_Enumeration):
    """Un rôle de l'administration des profils AFAS."""

    FDA = "FDA"
    FDF = "FDF"
    APPROBATEUR = "APPROBATEUR"

    @classmethod
    def _nom_francais(cls) -> str:
        return "rôle AFAS"


class Severite(_Enumeration):
    """La gravité d'un constat."""

    ERREUR = "ERREUR"
    AVERTISSEMENT = "AVERTISSEMENT"
    INFO = "INFO"

    @classmethod
    def _nom_francais(cls) -> str:
        return "sévérité"

    @property
    def ordre(self) -> int:
        """0 pour une erreur, 1 pour un avertissement, 2 pour une information."""
        return _ORDRE_SEVERITE[self]


_ORDRE_SEVERITE = {Severite.ERREUR: 0, Severite.AVERTISSEMENT: 1, Severite.INFO: 2}


class Objet(_Enumeration):
    """Ce dont parle une règle, et donc ce que nomme la cible de ses constats
    (interprétation 20) : le code d'un groupe, l'identifiant d'un compte, ou rien (la
    convention entière)."""

    GROUPE = "GROUPE"
    COMPTE = "COMPTE"
    CONVENTION = "CONVENTION"

    @classmethod
    def _nom_francais(cls) -> str:
        return "objet"


class Action(_Enumeration):
    """Ce qu'un acteur peut demander à faire (tableau récapitulatif de la partie 5)."""

    GERER_RELATION_CONTRACTUELLE = "GERER_RELATION_CONTRACTUELLE"
    CREER_UTILISATEUR = "CREER_UTILISATEUR"
    CREER_GROUPE = "CREER_GROUPE"
    CREER_SOUS_GROUPE = "CREER_SOUS_GROUPE"
    DESIGNER_GESTIONNAIRE = "DESIGNER_GESTIONNAIRE"
    AFFECTER_ROLE = "AFFECTER_ROLE"
    GERER_MEMBRES = "GERER_MEMBRES"
    MODIFIER_COMPTE = "MODIFIER_COMPTE"
    ACCEDER_SERVICE = "ACCEDER_SERVICE"
    CONFIGURER_AFAS = "CONFIGURER_AFAS"
    CONTACTER_CAF = "CONTACTER_CAF"
    DESIGNER_ADMINISTRATEUR = "DESIGNER_ADMINISTRATEUR"
    VALIDER_APPROBATEUR = "VALIDER_APPROBATEUR"
    GERER_SON_MOT_DE_PASSE = "GERER_SON_MOT_DE_PASSE"

    @classmethod
    def _nom_francais(cls) -> str:
        return "action"


class Symptome(_Enumeration):
    """Les problèmes fréquents décrits à la fin du guide."""

    PAS_D_OPTION_CONSULTER = "PAS_D_OPTION_CONSULTER"
    OPTION_CONSULTER_DISPARUE = "OPTION_CONSULTER_DISPARUE"
    IDENTIFIANT_PERDU = "IDENTIFIANT_PERDU"
    MOT_DE_PASSE_PERDU = "MOT_DE_PASSE_PERDU"
    MOT_DE_PASSE_TEMPORAIRE_EXPIRE = "MOT_DE_PASSE_TEMPORAIRE_EXPIRE"
    NUMERO_INSTRUCTEUR_NON_RECONNU = "NUMERO_INSTRUCTEUR_NON_RECONNU"
    CODE_DEMANDE_T10 = "CODE_DEMANDE_T10"
    RECHERCHE_FASTIDIEUSE = "RECHERCHE_FASTIDIEUSE"

    @classmethod
    def _nom_francais(cls) -> str:
        return "symptôme"


_LIBELLES: dict[_Enumeration, str] = {
    Service.CDAP: "CDAP – Consultation du dossier allocataire par les partenaires",
    Service.AFAS: "AFAS – Aides financières d'action sociale",
    Service.ADONIS: "ADONIS – Aides à domicile",
    Service.OFFRE_BAILLEURS: "Offre-bailleurs",
    Fonction.ASSISTANT_SOCIAL: "Assistant(e) social(e)",
    Fonction.CONSEILLER_ESF: "Conseiller(ère) en économie sociale et familiale",
    Fonction.ASSISTANT_SOCIAL_DU_TRAVAIL: "Assistant(e) social(e) du travail",
    Fonction.INSTRUCTEUR_RSA: "Agent instructeur du RSA",
    Fonction.MANDATAIRE_JUDICIAIRE: "Mandataire judiciaire",
    Fonction.TUTEUR: "Tuteur",
    Fonction.CURATEUR: "Curateur",
    Fonction.BAILLEUR: "Bailleur",
    Fonction.AUTRE: "Autre fonction",
    RoleAfas.FDA: "Fournisseur de données d'activité (FDA)",
    RoleAfas.FDF: "Fournisseur de données financières (FDF)",
    RoleAfas.APPROBATEUR: "Approbateur",
    RoleApplicatif.ADONIS: "rôle ADONIS",
    RoleApplicatif.OFFRE_BAILLEURS: "rôle Offre-bailleurs",
    Severite.ERREUR: "erreur",
    Severite.AVERTISSEMENT: "avertissement",
    Severite.INFO: "information",
    Service.CDAP: "CDAP",
    Service.AFAS: "AFAS",
    Service.ADONIS: "ADONIS",
    Service.OFFRE_BAILLEURS: "Offre-bailleurs",
    Action.GERER_RELATION_CONTRACTUELLE: "gérer la relation contractuelle avec la Caf",
    Action.CREER_UTILISATEUR: "créer un compte utilisateur",
    Action.CREER_GROUPE: "créer un groupe",
    Action.CREER_SOUS_GROUPE: "créer un sous-groupe",
    Action.DESIGNER_GESTIONNAIRE: "désigner le gestionnaire d'habilitations d'un groupe",
    Action.AFFECTER_ROLE: "affecter ou retirer le rôle d'un groupe",
    Action.GERER_MEMBRES: "ajouter ou retirer un membre d'un groupe",
    Action.MODIFIER_COMPTE: "modifier, clôturer ou réactiver un compte",
    Action.ACCEDER_SERVICE: "accéder à l'offre d'un service",
    Action.CONFIGURER_AFAS: "configurer les rôles AFAS",
    Action.CONTACTER_CAF: "solliciter les administrateurs MCP de la Caf",
    Action.DESIGNER_ADMINISTRATEUR: "désigner ou remplacer un administrateur partenaire",
    Action.VALIDER_APPROBATEUR: "valider le nouvel approbateur AFAS",
    Action.GERER_SON_MOT_DE_PASSE: "personnaliser ou renouveler son propre mot de passe",
    Symptome.PAS_D_OPTION_CONSULTER: "pas d'option « consulter dossier »",
    Symptome.OPTION_CONSULTER_DISPARUE: "l'option « consulter dossier » a disparu",
    Symptome.IDENTIFIANT_PERDU: "identifiant perdu",
    Symptome.MOT_DE_PASSE_PERDU: "mot de passe perdu",
    Symptome.MOT_DE_PASSE_TEMPORAIRE_EXPIRE: "première connexion après les 24 h",
    Symptome.NUMERO_INSTRUCTEUR_NON_RECONNU: "numéro d'instructeur RSA non reconnu",
    Symptome.CODE_DEMANDE_T10: "un code est demandé à un utilisateur T10",
    Symptome.RECHERCHE_FASTIDIEUSE: "recherche d'un dossier fastidieuse",
}
