"""Qui peut faire quoi : le tableau récapitulatif de la partie 5 du guide, et ses portées.

========================  ==============  =========================================  =========
action                    administrateur  gestionnaire d'habilitations                règle
========================  ==============  =========================================  =========
relation avec la Caf      oui             non                                        ROLE-01
créer un compte           oui             dans un groupe qu'il gère                  ROLE-02
créer un groupe           oui (pas AFAS)  non                                        ROLE-03
créer un sous-groupe      oui (pas AFAS)  ADONIS, Offre-bailleurs : sous ses groupes  ROLE-04
désigner un gestionnaire  oui             pour les sous-groupes de ses groupes       ROLE-05
affecter un rôle          oui             sur ses groupes                            ROLE-06
gérer les membres         oui             sur ses groupes                            ROLE-07
modifier un compte        oui             comptes de ses groupes                     ROLE-09
configurer AFAS           oui             s'il gère AFAS-DECLARER                    AFAS-02
solliciter la Caf         oui             non                                        SUPP-02
accéder à un service      par les rôles de ses groupes, comme tout compte            ROLE-08
========================  ==============  =========================================  =========

Un membre d'``AFAS-HABILITER`` crée des comptes, gère les membres des autres groupes
AFAS et configure les rôles AFAS (``MCP-AFAS-02``). Les « groupes qu'il gère »
s'entendent avec leurs sous-groupes. Sans gestion déléguée, seule la Caf gère les
habilitations (``MCP-CONV-05``) ; la Caf (:data:`~mcp_rules.CAF`) peut toujours les
gérer, et elle seule crée les groupes AFAS et désigne les administrateurs. Un compte
clôturé ne peut plus rien ; un acteur, un groupe ou un compte inconnu donne un refus
motivé, jamais une exception.

>>> from datetime import datetime, UTC
>>> from mcp_rules import Action, peut
>>> from mcp_rules.exemple import convention_exemple
>>> c = convention_exemple()
>>> d = peut(
...     c,
...     "gest.durand",
...     Action.GERER_MEMBRES,
...     groupe="T2PE",
...     instant=datetime(2026, 11, 27, tzinfo=UTC),
... )
>>> d.autorise, d.codes
(False, ('MCP-ROLE-07', 'MCP-ROLE-10'))
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Final

import attrs

from mcp_rules.decisions.services import acces_service
from mcp_rules.fondations import erreurs
from mcp_rules.fondations.acteurs import Acteur, ActeurCaf
from mcp_rules.fondations.controles import moment
from mcp_rules.fondations.enumerations import Action, Service
from mcp_rules.fondations.erreurs import DonneeInvalide, apercu
from mcp_rules.modele import (
    GROUPE_AFAS_DECLARER,
    GROUPE_AFAS_HABILITER,
    Convention,
    Groupe,
    exiger_convention,
)
from mcp_rules.modele import Utilisateur as Compte
from mcp_rules.modele.index import Index, index
from mcp_rules.regles import afas, conv, grp, role, supp, usr
from mcp_rules.regles.decision import Decision
from mcp_rules.regles.perimetre import dans_perimetre, descend_de, gere, membre_afas_habiliter
from mcp_rules.regles.regle import I, Regle

__all__ = ["ACTIONS_D_HABILITATION", "peut"]

ACTIONS_D_HABILITATION: Final = frozenset(
    {
        Action.CREER_UTILISATEUR,
        Action.CREER_GROUPE,
        Action.CREER_SOUS_GROUPE,
        Action.DESIGNER_GESTIONNAIRE,
        Action.AFFECTER_ROLE,
        Action.GERER_MEMBRES,
        Action.MODIFIER_COMPTE,
        Action.CONFIGURER_AFAS,
    }
)
"""Les actions de gestion des habilitations, que la délégation confie au partenaire."""

REGLE_DE_L_ACTION: Final[dict[Action, Regle]] = {
    Action.GERER_RELATION_CONTRACTUELLE: role.ROLE_01,
    Action.CREER_UTILISATEUR: role.ROLE_02,
    Action.CREER_GROUPE: role.ROLE_03,
    Action.CREER_SOUS_GROUPE: role.ROLE_04,
    Action.DESIGNER_GESTIONNAIRE: role.ROLE_05,
    Action.AFFECTER_ROLE: role.ROLE_06,
    Action.GERER_MEMBRES: role.ROLE_07,
    Action.MODIFIER_COMPTE: role.ROLE_09,
    Action.ACCEDER_SERVICE: role.ROLE_08,
    Action.CONFIGURER_AFAS: afas.AFAS_02,
    Action.CONTACTER_CAF: supp.SUPP_02,
}
"""La règle qui gouverne chaque action (celle des refus et des motifs)."""


def decider(
    c: Convention,
    idx: Index,
    par: Acteur,
    action: Action,
    t: datetime,
    *,
    groupe: Groupe | None = None,
    compte: Compte | None = None,
    service: Service | None = None,
    groupe_demande: str | None = None,
    compte_demande: str | None = None,
) -> Decision:
    """Le cœur de :func:`peut`, sur des objets déjà résolus (utilisé par les commandes).

    ``groupe_demande`` / ``compte_demande`` : ce qui a été nommé mais n'existe pas.
    D'abord ce qui vaut pour toute action (acteur inconnu ou clôturé, cible inconnue,
    délégation), puis la ligne du tableau récapitulatif propre à l'action.
    """
    regle = REGLE_DE_L_ACTION[action]
    inconnu = _inconnu(c, regle, groupe_demande, compte_demande)
    if isinstance(par, ActeurCaf):
        return inconnu if inconnu is not None else _caf(c, action, regle, groupe, service)
    acteur = c.trouver_utilisateur(par)
    if acteur is None:
        return _non(
            regle,
            f"l'acteur {apercu(par)} n'est pas un compte de la convention {c.numero}",
            remede="Seuls les comptes de la convention, ou la Caf, peuvent agir.",
            cible=par if isinstance(par, str) else None,
        )
    if acteur.cloture_le is not None and t >= acteur.cloture_le:
        return _acteur_clos(acteur)
    if inconnu is not None:
        return inconnu
    if action in ACTIONS_D_HABILITATION and not c.gestion_deleguee:
        return Decision(
            autorise=False,
            constats=(
                conv.CONV_05.constat(
                    f"la convention {c.numero} n'est pas en gestion déléguée : seule la Caf "
                    "gère les habilitations",
                    remede="Adressez la demande aux administrateurs MCP de la Caf.",
                    cible=acteur.identifiant,
                ),
            ),
        )
    demande = _Demande(
        c=c,
        idx=idx,
        a=acteur.cle,
        nom=acteur.identifiant,
        admin=acteur.cle in idx.administrateurs,
        regle=regle,
        groupe=groupe,
        compte=compte,
        service=service,
        t=t,
    )
    return _PAR_ACTION[action](demande)


@attrs.frozen(slots=True)
class _Demande:
    """Une demande d'un compte actif de la convention, acteur et cible résolus."""

    c: Convention
    idx: Index
    a: str
    """La clé de l'acteur."""
    nom: str
    """L'identifiant de l'acteur, tel qu'écrit dans son compte."""
    admin: bool
    regle: Regle
    groupe: Groupe | None
    compte: Compte | None
    service: Service | None
    t: datetime


def _acteur_clos(acteur: Compte) -> Decision:
    assert acteur.cloture_le is not None  # noqa: S101 - garanti par l'appelant
    return Decision(
        autorise=False,
        constats=(
            usr.USR_05.constat(
                f"le compte {acteur.identifiant} est clôturé depuis le "
                f"{acteur.cloture_le.isoformat()} : il ne peut plus rien faire",
                remede="Un compte clôturé est réactivé par un administrateur ou par son "
                "gestionnaire, jamais par lui-même.",
                cible=acteur.identifiant,
            ),
        ),
    )


# --- une fonction par ligne du tableau récapitulatif ------------------------------------------


def _relation_contractuelle(d: _Demande) -> Decision:
    if d.admin:
        return _oui(d.regle, f"{d.nom} est administrateur partenaire")
    return _non(
        d.regle,
        f"{d.nom} n'est pas administrateur : seul l'administrateur gère la "
        "relation contractuelle avec la Caf",
        cible=d.nom,
    )


def _contacter_caf(d: _Demande) -> Decision:
    if d.admin:
        return _oui(d.regle, f"{d.nom} est administrateur partenaire, contact privilégié de la Caf")
    return Decision(
        autorise=False,
        constats=(
            supp.SUPP_02.constat(
                f"{d.nom} n'est pas administrateur : seul l'administrateur "
                "sollicite les administrateurs MCP de la Caf",
                cible=d.nom,
                remede="Adressez-vous à votre gestionnaire d'habilitations ou à votre "
                "administrateur.",
            ),
            supp.SUPP_01.constat(
                f"{d.nom} s'adresse à son gestionnaire ou à son "
                "administrateur, jamais directement à la Caf",
                cible=d.nom,
            ),
        ),
    )


def _creer_groupe(d: _Demande) -> Decision:
    if d.service is Service.AFAS:
        return _afas_caf_seule(d.nom)
    if d.admin:
        return _oui(d.regle, f"{d.nom} est administrateur partenaire")
    return _non(
        d.regle,
        f"{d.nom} n'est pas administrateur : seuls les administrateurs créent des groupes",
        cible=d.nom,
    )


def _creer_sous_groupe(d: _Demande) -> Decision:
    s = d.groupe.service if d.groupe is not None else d.service
    if s is Service.AFAS:
        return _afas_caf_seule(d.nom)
    if d.admin:
        return _oui(d.regle, f"{d.nom} est administrateur partenaire")
    if d.groupe is None:
        return _non(d.regle, "précisez le groupe parent du sous-groupe", cible=d.nom)
    if s is Service.CDAP:
        return _non(
            d.regle,
            "les sous-groupes CDAP sont créés par les administrateurs seuls",
            cible=d.groupe.code,
        )
    return _sur_ses_groupes(d, d.groupe)


def _designer_gestionnaire(d: _Demande) -> Decision:
    if d.admin:
        return _oui(d.regle, f"{d.nom} est administrateur partenaire")
    g = d.groupe
    if g is None:
        return _non(d.regle, "précisez le groupe", cible=d.nom)
    if gere(d.c, d.a, g, strict=True):
        return _oui(d.regle, f"{g.code} est un sous-groupe d'un groupe que gère {d.nom}")
    return _hors_perimetre(
        d.regle, d.nom, f"un sous-groupe de ses groupes ({g.code} n'en est pas un)", g.code
    )


def _affecter_role(d: _Demande) -> Decision:
    if d.admin:
        return _oui(d.regle, f"{d.nom} est administrateur partenaire")
    if d.groupe is None:
        return _non(d.regle, "précisez le groupe", cible=d.nom)
    return _sur_ses_groupes(d, d.groupe)


def _gerer_membres(d: _Demande) -> Decision:
    """Ajouter ou retirer un membre, créer un compte dans un groupe (ROLE-02, ROLE-07)."""
    if d.admin:
        return _oui(d.regle, f"{d.nom} est administrateur partenaire")
    g = d.groupe
    if g is None:
        return _non(
            d.regle,
            f"{d.nom} n'est pas administrateur : il doit nommer un groupe "
            "qu'il gère, où le compte sera placé",
            cible=d.nom,
        )
    if gere(d.c, d.a, g):
        return _oui(d.regle, f"{d.nom} gère le groupe {g.code}")
    if (
        g.service is Service.AFAS
        and not descend_de(d.c, g, GROUPE_AFAS_HABILITER)
        and membre_afas_habiliter(d.c, d.idx, d.a)
    ):
        return _oui(afas.AFAS_02, f"{d.nom} est membre d'{GROUPE_AFAS_HABILITER}")
    return _hors_perimetre(d.regle, d.nom, f"le groupe {g.code}", g.code)


def _modifier_compte(d: _Demande) -> Decision:
    if d.admin:
        return _oui(d.regle, f"{d.nom} est administrateur partenaire")
    u = d.compte
    if u is None:
        return _non(d.regle, "précisez le compte", cible=d.nom)
    if dans_perimetre(d.c, d.idx, d.a, u):
        return _oui(d.regle, f"{u.identifiant} est membre d'un groupe que gère {d.nom}")
    return _hors_perimetre(
        d.regle,
        d.nom,
        f"le compte {u.identifiant} (membre d'aucun de ses groupes)",
        u.identifiant,
    )


def _configurer_afas(d: _Demande) -> Decision:
    if Service.AFAS not in d.c.services:
        return Decision(
            autorise=False,
            constats=(
                conv.CONV_01.constat(
                    f"la convention {d.c.numero} ne souscrit pas le service AFAS", cible=d.nom
                ),
            ),
        )
    if d.admin:
        return _oui(d.regle, f"{d.nom} est administrateur partenaire")
    declarer = d.c.trouver_groupe(GROUPE_AFAS_DECLARER)
    if declarer is not None and gere(d.c, d.a, declarer):
        return _oui(d.regle, f"{d.nom} gère {GROUPE_AFAS_DECLARER}")
    if membre_afas_habiliter(d.c, d.idx, d.a):
        return _oui(d.regle, f"{d.nom} est membre d'{GROUPE_AFAS_HABILITER}")
    return _non(
        d.regle,
        f"{d.nom} n'est ni administrateur, ni gestionnaire "
        f"d'{GROUPE_AFAS_DECLARER}, ni membre d'{GROUPE_AFAS_HABILITER}",
        cible=d.nom,
    )


def _sur_ses_groupes(d: _Demande, g: Groupe) -> Decision:
    """Un gestionnaire agit sur un groupe qu'il gère (ou un sous-groupe), jamais ailleurs."""
    if gere(d.c, d.a, g):
        return _oui(d.regle, f"{d.nom} gère le groupe {g.code}")
    return _hors_perimetre(d.regle, d.nom, f"le groupe {g.code}", g.code)


def _acceder_service(d: _Demande) -> Decision:
    """Tout compte actif, par les rôles de ses groupes (ROLE-08) : la question d'accès."""
    if d.service is None:
        return _non(d.regle, "précisez le service auquel accéder", cible=d.nom)
    return acces_service(d.c, d.nom, d.service, instant=d.t)


_PAR_ACTION: Final[dict[Action, Callable[[_Demande], Decision]]] = {
    Action.GERER_RELATION_CONTRACTUELLE: _relation_contractuelle,
    Action.CREER_UTILISATEUR: _gerer_membres,
    Action.CREER_GROUPE: _creer_groupe,
    Action.CREER_SOUS_GROUPE: _creer_sous_groupe,
    Action.DESIGNER_GESTIONNAIRE: _designer_gestionnaire,
    Action.AFFECTER_ROLE: _affecter_role,
    Action.GERER_MEMBRES: _gerer_membres,
    Action.MODIFIER_COMPTE: _modifier_compte,
    Action.ACCEDER_SERVICE: _acceder_service,
    Action.CONFIGURER_AFAS: _configurer_afas,
    Action.CONTACTER_CAF: _contacter_caf,
}
"""L'aiguillage : à chaque action, la ligne du tableau récapitulatif qui en décide."""


def _inconnu(
    c: Convention, regle: Regle, groupe: str | None, compte: str | None
) -> Decision | None:
    if groupe is not None:
        return _non(
            regle, f"aucun groupe {apercu(groupe)} dans la convention {c.numero}", cible=groupe
        )
    if compte is not None:
        return _non(
            regle, f"aucun compte {apercu(compte)} dans la convention {c.numero}", cible=compte
        )
    return None


def _caf(
    c: Convention, action: Action, regle: Regle, groupe: Groupe | None, service: Service | None
) -> Decision:
    if action in (Action.GERER_RELATION_CONTRACTUELLE, Action.CONTACTER_CAF):
        return _non(regle, "cette action revient à l'administrateur partenaire, pas à la Caf")
    if action is Action.ACCEDER_SERVICE:
        return _non(
            regle,
            "la Caf n'est pas un compte de la convention : elle n'accède pas "
            "à l'offre de service du partenaire",
        )
    if action is Action.CONFIGURER_AFAS and Service.AFAS not in c.services:
        return Decision(
            autorise=False,
            constats=(
                conv.CONV_01.constat(f"la convention {c.numero} ne souscrit pas le service AFAS"),
            ),
        )
    return _oui(regle, "la Caf gère les habilitations de ses conventions")


def _afas_caf_seule(nom: str) -> Decision:
    return Decision(
        autorise=False,
        constats=(
            grp.GRP_07.constat(
                f"{nom} ne peut pas créer de groupe AFAS : seuls les administrateurs MCP de la Caf "
                "créent les groupes et sous-groupes AFAS",
                remede="Demandez-le à la Caf.",
                cible=nom,
            ),
        ),
    )


def _oui(regle: Regle, motif: str) -> Decision:
    return Decision(autorise=True, constats=(regle.constat(f"autorisé : {motif}", severite=I),))


def _non(regle: Regle, raison: str, *, remede: str = "", cible: str | None = None) -> Decision:
    return Decision(autorise=False, constats=(regle.constat(raison, remede=remede, cible=cible),))


def _hors_perimetre(regle: Regle, nom: str, quoi: str, cible: str) -> Decision:
    return Decision(
        autorise=False,
        constats=(
            regle.constat(
                f"{nom} n'est pas administrateur et ne gère pas {quoi}",
                cible=cible,
                remede="Demandez à l'administrateur ou au gestionnaire de ce groupe.",
            ),
            role.ROLE_10.constat(f"{nom} agirait hors de sa responsabilité", cible=cible),
        ),
    )


def peut(
    convention: Convention,
    par: Acteur,
    action: Action | str,
    *,
    groupe: str | None = None,
    utilisateur: str | None = None,
    service: Service | str | None = None,
    instant: datetime,
) -> Decision:
    """``par`` peut-il faire ``action`` (sur ce groupe, ce compte, ce service) à cet instant ?

    Répond toujours par une :class:`~mcp_rules.Decision` motivée : un acteur, un groupe
    ou un compte inconnu est un refus, jamais une exception. Seuls des arguments
    mal formés (une action inconnue, un instant sans fuseau) lèvent
    :class:`~mcp_rules.DonneeInvalide`.
    """
    c = exiger_convention(convention)
    t = moment(instant)
    a = Action.parse(action)
    s = None if service is None else Service.parse(service)
    if not isinstance(par, (str, ActeurCaf)):
        raise DonneeInvalide(
            erreurs.TYPE, f"par : un identifiant ou CAF est attendu, pas {apercu(par)}", valeur=par
        )
    g = c.trouver_groupe(groupe) if groupe is not None else None
    u = c.trouver_utilisateur(utilisateur) if utilisateur is not None else None
    return decider(
        c,
        index(c),
        par,
        a,
        t,
        groupe=g,
        compte=u,
        service=s,
        groupe_demande=_texte(groupe) if groupe is not None and g is None else None,
        compte_demande=_texte(utilisateur) if utilisateur is not None and u is None else None,
    )


def _texte(valeur: object) -> str:
    return valeur if isinstance(valeur, str) else apercu(valeur)
