"""Le groupe : un code fixe, un libellé, un service, un gestionnaire, au plus un rôle, des membres.

Les membres et le gestionnaire sont des identifiants de comptes ; ``parent`` est le code
du groupe parent d'un sous-groupe. Les références sont vérifiées par la
:class:`~mcp_rules.Convention` qui contient le groupe.
"""

from __future__ import annotations

from typing import Any, Final

import attrs

from mcp_rules.fondations import controles, erreurs
from mcp_rules.fondations.controles import cle
from mcp_rules.fondations.copie import poseurs
from mcp_rules.fondations.enumerations import ProfilT, Role, RoleApplicatif, Service, lire_role
from mcp_rules.fondations.erreurs import Collecteur
from mcp_rules.modele._conversions import (
    VIDE,
    enum_ou_texte,
    poser,
    vers_ensemble,
    vers_role,
    vers_service,
)

__all__ = ["Groupe"]

_ROLES: Final = (ProfilT, RoleApplicatif)


@attrs.frozen(slots=True, kw_only=True)
class Groupe:
    """Un groupe d'utilisateurs : un code, un libellé, un service, un gestionnaire, un rôle.

    Le rôle est un profil T pour un groupe CDAP, le rôle applicatif de son service pour un
    groupe ADONIS ou Offre-bailleurs (interprétation 15) ; ``membres`` et ``gestionnaire`` sont des
    identifiants de comptes ; ``parent`` est le code du groupe parent d'un
    sous-groupe.

    >>> g = Groupe(
    ...     code="T1AS",
    ...     libelle="T1 Assistants sociaux",
    ...     service="CDAP",
    ...     gestionnaire="gest.durand",
    ...     role="T1",
    ...     membres={"as.leroy"},
    ... )
    >>> g.service, g.role
    (<Service.CDAP: 'CDAP'>, <ProfilT.T1: 'T1'>)
    """

    code: str
    libelle: str
    service: Service = attrs.field(converter=vers_service)
    gestionnaire: str
    role: Role | None = attrs.field(default=None, converter=vers_role)
    membres: frozenset[str] = attrs.field(default=VIDE, converter=vers_ensemble)
    parent: str | None = None

    def __attrs_post_init__(self) -> None:
        if not (
            type(self.code) is str
            and type(self.service) is Service
            and type(self.gestionnaire) is str
            and (self.role is None or type(self.role) in _ROLES)
            and type(self.membres) is frozenset
            and all(type(m) is str for m in self.membres)
            and (self.parent is None or type(self.parent) is str)
            and _contenu_bien_forme(
                self.code, self.libelle, self.gestionnaire, self.membres, self.parent
            )
        ):
            self._controler()

    @classmethod
    def _si_bien_forme(
        cls,
        code: str,
        libelle: str,
        service: Service,
        gestionnaire: str,
        role: Role | None,
        membres: frozenset[str],
        parent: str | None,
    ) -> Groupe | None:
        """Le groupe de ces valeurs, ou ``None`` si l'une d'elles est mal formée.

        Réservé à la lecture d'un document, qui rend chaque valeur **déjà de son type**
        (des ``str``, un :class:`Service`, un rôle ou ``None``, un ``frozenset`` de textes) :
        ni convertisseur, ni contrôle de type, seulement ce que les types ne garantissent
        pas (:func:`_contenu_bien_forme`). Sur ``None``, l'appelant passe par le
        constructeur, qui nomme chaque défaut.
        """
        if not _contenu_bien_forme(code, libelle, gestionnaire, membres, parent):
            return None
        groupe = object.__new__(cls)
        for poser_, valeur in zip(
            _POSEURS, (code, libelle, service, gestionnaire, role, membres, parent), strict=True
        ):
            poser_(groupe, valeur)
        return groupe

    def _controler(self) -> None:
        c = Collecteur()
        v = controles.verifier
        lus: dict[str, object] = {
            "code": v(c, "code", controles.identifiant, self.code, "code de groupe"),
            "libelle": v(
                c, "libelle", controles.texte, self.libelle, "libellé", controles.LONGUEUR_LIBELLE
            ),
            "service": v(c, "service", enum_ou_texte, Service, self.service),
            "gestionnaire": v(
                c, "gestionnaire", controles.identifiant, self.gestionnaire, "gestionnaire"
            ),
            "membres": controles.ensemble_identifiants(self.membres, "membre", c, "membres"),
        }
        if self.role is not None:
            lus["role"] = v(c, "role", lire_role, self.role)
        if self.parent is not None:
            parent = v(c, "parent", controles.identifiant, self.parent, "groupe parent")
            lus["parent"] = parent
            code = lus["code"]
            if isinstance(parent, str) and isinstance(code, str) and cle(parent) == cle(code):
                c.ajouter(
                    "parent",
                    erreurs.REFERENCE,
                    f"le groupe {parent!r} ne peut pas être son propre parent",
                )
        c.lever()
        poser(self, lus)

    @property
    def cle(self) -> str:
        """Le code en minuscules, pour les comparaisons."""
        return cle(self.code)

    def _remplacer(self, **changements: Any) -> Groupe:
        """Le même groupe avec quelques champs changés, **sans** revérifier les autres.

        Réservé au paquet, qui n'y passe que des valeurs déjà vérifiées (identifiants de
        comptes existants, libellé contrôlé, profil lu) : recontrôler chaque membre d'un
        grand groupe à chaque ajout coûterait plus que la commande elle-même.
        """
        nouveau = object.__new__(Groupe)
        for champ in _CHAMPS_GROUPE:
            object.__setattr__(nouveau, champ, changements.get(champ, getattr(self, champ)))
        return nouveau

    def a_pour_membre(self, identifiant: str) -> bool:
        """Vrai si ce compte est membre du groupe (sans tenir compte de la casse)."""
        k = cle(identifiant)
        return any(cle(m) == k for m in self.membres)


_CHAMPS_GROUPE: Final = tuple(a.name for a in attrs.fields(Groupe))
_POSEURS: Final = poseurs(Groupe)
"""L'écriture de chaque attribut, dans l'ordre des champs (voir ``_si_bien_forme``)."""


def _contenu_bien_forme(
    code: str, libelle: object, gestionnaire: str, membres: frozenset[str], parent: str | None
) -> bool:
    """Ce que les types ne garantissent pas : la forme du code, du libellé, des identifiants
    (sans doublon à la casse près) et du parent, qui n'est pas le groupe lui-même."""
    return (
        controles.identifiant_valide(code)
        and controles.texte_valide(libelle, controles.LONGUEUR_LIBELLE)
        and controles.identifiant_valide(gestionnaire)
        and controles.identifiants_valides(membres)
        and controles.sans_doublon_de_casse(membres)
        and (parent is None or (controles.identifiant_valide(parent) and cle(parent) != cle(code)))
    )
