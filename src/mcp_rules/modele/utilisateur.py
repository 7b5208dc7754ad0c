"""Le compte utilisateur : une personne nommée, son adresse, sa fonction, ses données de profil.

Le compte vérifie sa **structure** (types, formats, ordre des instants) et rien d'autre :
une adresse de service ou un nom de fonction se chargent, pour être audités. Un défaut
de structure lève une :class:`~mcp_rules.DonneesInvalides` qui liste tous les champs
fautifs.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final

import attrs

from mcp_rules.fondations import controles, erreurs
from mcp_rules.fondations.controles import cle
from mcp_rules.fondations.copie import poseurs
from mcp_rules.fondations.enumerations import Fonction
from mcp_rules.fondations.erreurs import Collecteur, apercu
from mcp_rules.modele._conversions import (
    VIDE,
    enum_ou_texte,
    poser,
    vers_email,
    vers_ensemble,
    vers_fonction,
    vers_numero,
)
from mcp_rules.valeurs.adresse_email import AdresseEmail
from mcp_rules.valeurs.mot_de_passe import MotDePasseTemporaire
from mcp_rules.valeurs.numero_instructeur import NumeroInstructeur

__all__ = ["LONGUEUR_CODE_BAILLEUR", "LONGUEUR_NUMERO_ALLOCATAIRE", "Utilisateur"]

LONGUEUR_NUMERO_ALLOCATAIRE: Final = 20
LONGUEUR_CODE_BAILLEUR: Final = 32


# Sans emplacement __weakref__ : une convention garde un objet par compte (un million dans
# un audit national), et ces huit octets le font passer d'une classe de taille à l'autre
# (152 → 144 o). Rien, dans la bibliothèque, ne garde de référence faible vers un compte.
@attrs.frozen(slots=True, kw_only=True, weakref_slot=False)
class Utilisateur:
    """Un compte utilisateur, créé pour une personne nommée (``MCP-USR-01``).

    Tous les instants sont gardés en UTC. Les champs ``numero_instructeur``,
    ``code_bailleur``, ``diplome_etat`` et ``mandats`` servent aux conditions des
    profils T4, T10, T1 et T9.

    >>> from datetime import datetime, UTC
    >>> u = Utilisateur(
    ...     identifiant="as.leroy",
    ...     nom="Leroy",
    ...     prenom="Anne",
    ...     email="anne.leroy@ville-exemple.fr",
    ...     cree_le=datetime(2026, 1, 5, 9, 0, tzinfo=UTC),
    ...     fonction="assistant_social",
    ... )
    >>> u.fonction, str(u.email)
    (<Fonction.ASSISTANT_SOCIAL: 'ASSISTANT_SOCIAL'>, 'anne.leroy@ville-exemple.fr')
    >>> u.est_actif(datetime(2026, 11, 27, tzinfo=UTC))
    True
    """

    identifiant: str
    nom: str
    prenom: str
    email: AdresseEmail = attrs.field(converter=vers_email)
    cree_le: datetime
    fonction: Fonction = attrs.field(default=Fonction.AUTRE, converter=vers_fonction)
    cloture_le: datetime | None = None
    derniere_connexion: datetime | None = None
    mot_de_passe_temporaire: MotDePasseTemporaire | None = None
    mot_de_passe_personnalise: bool = False
    numero_instructeur: NumeroInstructeur | None = attrs.field(default=None, converter=vers_numero)
    code_bailleur: str | None = None
    diplome_etat: str | None = None
    mandats: frozenset[str] = attrs.field(default=VIDE, converter=vers_ensemble)

    def __attrs_post_init__(self) -> None:
        # Chemin rapide : des valeurs déjà typées et bien formées ne coûtent que
        # quelques tests ; sinon le contrôle complet nomme chaque champ fautif.
        if not self._bien_forme():
            self._controler()

    def _bien_forme(self) -> bool:
        cree = self.cree_le
        mdp = self.mot_de_passe_temporaire
        return (
            type(self.identifiant) is str
            and type(self.email) is AdresseEmail
            and controles.est_utc(cree)
            and type(self.fonction) is Fonction
            and (self.cloture_le is None or controles.est_utc(self.cloture_le))
            and (self.derniere_connexion is None or controles.est_utc(self.derniere_connexion))
            and (mdp is None or type(mdp) is MotDePasseTemporaire)
            and type(self.mot_de_passe_personnalise) is bool
            and (
                self.numero_instructeur is None
                or type(self.numero_instructeur) is NumeroInstructeur
            )
            and (self.mandats is VIDE or type(self.mandats) is frozenset)
            and _contenu_bien_forme(
                self.identifiant,
                self.nom,
                self.prenom,
                cree,
                self.cloture_le,
                self.derniere_connexion,
                mdp,
                self.code_bailleur,
                self.diplome_etat,
                self.mandats,
            )
        )

    @classmethod
    def _si_bien_forme(
        cls,
        identifiant: str,
        nom: str,
        prenom: str,
        email: AdresseEmail,
        cree_le: datetime,
        fonction: Fonction,
        cloture_le: datetime | None,
        derniere_connexion: datetime | None,
        mot_de_passe_temporaire: MotDePasseTemporaire | None,
        mot_de_passe_personnalise: bool,
        numero_instructeur: NumeroInstructeur | None,
        code_bailleur: str | None,
        diplome_etat: str | None,
        mandats: frozenset[str],
    ) -> Utilisateur | None:
        """Le compte de ces valeurs, ou ``None`` si l'une d'elles est mal formée.

        Réservé à la lecture d'un document, qui rend chaque valeur **déjà de son type**
        (un ``str``, une :class:`AdresseEmail`, des instants en UTC, une :class:`Fonction`,
        un ``bool``, un ``frozenset`` de textes…) : ni convertisseur, ni contrôle de type,
        seulement ce que les types ne garantissent pas (:func:`_contenu_bien_forme`). Sur
        ``None``, l'appelant passe par le constructeur, qui nomme chaque défaut.
        """
        if not _contenu_bien_forme(
            identifiant,
            nom,
            prenom,
            cree_le,
            cloture_le,
            derniere_connexion,
            mot_de_passe_temporaire,
            code_bailleur,
            diplome_etat,
            mandats,
        ):
            return None
        compte = object.__new__(cls)
        # Les descripteurs des attributs, appelés directement : deux fois moins coûteux
        # qu'object.__setattr__, qui les cherche à chaque appel.
        (
            p_identifiant,
            p_nom,
            p_prenom,
            p_email,
            p_cree_le,
            p_fonction,
            p_cloture_le,
            p_derniere_connexion,
            p_mot_de_passe_temporaire,
            p_mot_de_passe_personnalise,
            p_numero_instructeur,
            p_code_bailleur,
            p_diplome_etat,
            p_mandats,
        ) = _POSEURS
        p_identifiant(compte, identifiant)
        p_nom(compte, nom)
        p_prenom(compte, prenom)
        p_email(compte, email)
        p_cree_le(compte, cree_le)
        p_fonction(compte, fonction)
        p_cloture_le(compte, cloture_le)
        p_derniere_connexion(compte, derniere_connexion)
        p_mot_de_passe_temporaire(compte, mot_de_passe_temporaire)
        p_mot_de_passe_personnalise(compte, mot_de_passe_personnalise)
        p_numero_instructeur(compte, numero_instructeur)
        p_code_bailleur(compte, code_bailleur)
        p_diplome_etat(compte, diplome_etat)
        p_mandats(compte, mandats)
        return compte

    def _controler(self) -> None:
        c = Collecteur()
        lus = self._champs_de_base(c)
        mdp: object = self.mot_de_passe_temporaire
        if mdp is not None and not isinstance(mdp, MotDePasseTemporaire):
            c.ajouter(
                "mot_de_passe_temporaire",
                erreurs.TYPE,
                "mot_de_passe_temporaire : un MotDePasseTemporaire ou None est attendu, "
                f"pas {apercu(mdp)}",
            )
        lus.update(self._donnees_de_profil(c))
        cree = lus["cree_le"]
        if isinstance(cree, datetime):
            _ordre_des_instants(c, cree, lus, mdp)
        c.lever()
        poser(self, lus)

    def _champs_de_base(self, c: Collecteur) -> dict[str, object]:
        """Identité, adresse, instants, fonction : chaque champ lu, ou noté fautif."""
        v = controles.verifier
        return {
            "identifiant": v(c, "identifiant", controles.identifiant, self.identifiant),
            "nom": v(c, "nom", controles.texte, self.nom, "nom"),
            "prenom": v(c, "prenom", controles.texte, self.prenom, "prénom"),
            "email": v(c, "email", AdresseEmail.parse, self.email),
            "cree_le": v(c, "cree_le", controles.instant, self.cree_le, "cree_le"),
            "fonction": v(c, "fonction", enum_ou_texte, Fonction, self.fonction),
            "cloture_le": v(
                c, "cloture_le", controles.instant_ou_none, self.cloture_le, "cloture_le"
            ),
            "derniere_connexion": v(
                c,
                "derniere_connexion",
                controles.instant_ou_none,
                self.derniere_connexion,
                "derniere_connexion",
            ),
            "mot_de_passe_personnalise": v(
                c,
                "mot_de_passe_personnalise",
                controles.booleen,
                self.mot_de_passe_personnalise,
                "mot_de_passe_personnalise",
            ),
        }

    def _donnees_de_profil(self, c: Collecteur) -> dict[str, object]:
        """Numéro d'instructeur, code bailleur, diplôme et mandats (conditions des profils)."""
        v = controles.verifier
        lus: dict[str, object] = {}
        if self.numero_instructeur is not None:
            lus["numero_instructeur"] = v(
                c, "numero_instructeur", NumeroInstructeur.parse, self.numero_instructeur
            )
        if self.code_bailleur is not None:
            lus["code_bailleur"] = v(
                c,
                "code_bailleur",
                controles.identifiant,
                self.code_bailleur,
                "code bailleur",
                LONGUEUR_CODE_BAILLEUR,
            )
        if self.diplome_etat is not None:
            lus["diplome_etat"] = v(
                c, "diplome_etat", controles.texte, self.diplome_etat, "diplôme d'État"
            )
        lus["mandats"] = controles.ensemble(
            self.mandats,
            "mandat (numéro d'allocataire)",
            c,
            "mandats",
            lambda m: controles.alphanumerique(
                m, "numéro d'allocataire", LONGUEUR_NUMERO_ALLOCATAIRE
            ),
        )
        return lus

    @property
    def cle(self) -> str:
        """L'identifiant en minuscules, pour les comparaisons."""
        return cle(self.identifiant)

    def est_actif(self, instant: datetime) -> bool:
        """Vrai tant que le compte n'est pas clôturé à cet instant (interprétation 5)."""
        moment = controles.instant(instant)
        return self.cloture_le is None or moment < self.cloture_le

    def est_cloture(self, instant: datetime) -> bool:
        """Vrai à partir de l'instant de clôture, s'il y en a un."""
        return not self.est_actif(instant)

    @property
    def nom_complet(self) -> str:
        """« Prénom Nom », pour l'affichage."""
        return f"{self.prenom} {self.nom}"


_POSEURS: Final = poseurs(Utilisateur)
"""L'écriture de chaque attribut, dans l'ordre des champs (voir ``_si_bien_forme``)."""


def _contenu_bien_forme(
    identifiant: str,
    nom: object,
    prenom: object,
    cree: datetime,
    cloture_le: datetime | None,
    derniere_connexion: datetime | None,
    mot_de_passe_temporaire: MotDePasseTemporaire | None,
    code_bailleur: object,
    diplome_etat: object,
    mandats: frozenset[object],
) -> bool:
    """Ce que les types ne garantissent pas : la forme de l'identifiant, des noms, du code
    bailleur, du diplôme et des mandats, et qu'aucun instant ne précède la création."""
    return (
        controles.identifiant_valide(identifiant)
        and controles.texte_valide(nom, controles.LONGUEUR_NOM)
        and controles.texte_valide(prenom, controles.LONGUEUR_NOM)
        and (cloture_le is None or cloture_le >= cree)
        and (derniere_connexion is None or derniere_connexion >= cree)
        and (mot_de_passe_temporaire is None or mot_de_passe_temporaire.emis_le >= cree)
        and (
            code_bailleur is None
            or controles.identifiant_valide(code_bailleur, LONGUEUR_CODE_BAILLEUR)
        )
        and (diplome_etat is None or controles.texte_valide(diplome_etat, controles.LONGUEUR_NOM))
        and (
            not mandats  # le cas courant, aucun mandat : sans créer de générateur
            or all(controles.alphanumerique_valide(m, LONGUEUR_NUMERO_ALLOCATAIRE) for m in mandats)
        )
    )


def _ordre_des_instants(c: Collecteur, cree: datetime, lus: dict[str, object], mdp: object) -> None:
    """Ni clôture, ni connexion, ni mot de passe temporaire avant la création du compte."""
    for nom in ("cloture_le", "derniere_connexion"):
        moment = lus[nom]
        if isinstance(moment, datetime) and moment < cree:
            c.ajouter(
                nom,
                erreurs.VALEUR,
                f"{nom} ({moment.isoformat()}) précède la création du compte ({cree.isoformat()})",
            )
    if isinstance(mdp, MotDePasseTemporaire) and mdp.emis_le < cree:
        c.ajouter(
            "mot_de_passe_temporaire",
            erreurs.VALEUR,
            "le mot de passe temporaire est émis avant la création du compte",
        )
