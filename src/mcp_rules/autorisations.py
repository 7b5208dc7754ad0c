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

from datetime import datetime
from typing import Final, assert_never

from mcp_rules import erreurs
from mcp_rules._controles import cle
from mcp_rules._index import Index, ancetres, index
from mcp_rules.acces import _convention, acces_service, moment
from mcp_rules.acteurs import Acteur, ActeurCaf
from mcp_rules.enumerations import Action, Service
from mcp_rules.erreurs import DonneeInvalide, apercu
from mcp_rules.modele import GROUPE_AFAS_DECLARER, GROUPE_AFAS_HABILITER, Convention, Groupe
from mcp_rules.modele import Utilisateur as Compte
from mcp_rules.regles import afas, conv, grp, role, supp, usr
from mcp_rules.regles._base import I, Regle
from mcp_rules.resultats import Decision

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


def gere(c: Convention, acteur: str, groupe: Groupe, *, strict: bool = False) -> bool:
    """Vrai si ``acteur`` (une clé) gère ce groupe ou l'un de ses ancêtres.

    ``strict`` : seulement un ancêtre (le groupe est alors un sous-groupe du sien).
    """
    for i, g in enumerate(ancetres(c, groupe)):
        if (i or not strict) and cle(g.gestionnaire) == acteur:
            return True
    return False


def descend_de(c: Convention, groupe: Groupe, code: str) -> bool:
    """Vrai si ce groupe est le groupe ``code`` ou l'un de ses sous-groupes."""
    k = cle(code)
    return any(g.cle == k for g in ancetres(c, groupe))


def membre_afas_habiliter(c: Convention, idx: Index, acteur: str) -> bool:
    """Vrai si le compte est membre d'AFAS-HABILITER (ou de l'un de ses sous-groupes)."""
    for gk in idx.groupes_de(acteur):
        if descend_de(c, c._groupes[gk], GROUPE_AFAS_HABILITER):
            return True
    return False


def dans_perimetre(c: Convention, idx: Index, acteur: str, compte: Compte) -> bool:
    """Vrai si le compte appartient à au moins un groupe que l'acteur gère."""
    return any(gere(c, acteur, c._groupes[gk]) for gk in idx.groupes_de(compte.cle))


def _nom_acteur(par: Acteur) -> str:
    return "la Caf" if isinstance(par, ActeurCaf) else par


def decider(  # noqa: PLR0915 - une branche par ligne du tableau récapitulatif
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
    a = acteur.cle
    if acteur.cloture_le is not None and t >= acteur.cloture_le:
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
    if inconnu is not None:
        return inconnu
    if action is Action.ACCEDER_SERVICE:
        if service is None:
            return _non(regle, "précisez le service auquel accéder", cible=acteur.identifiant)
        return acces_service(c, acteur.identifiant, service, instant=t)
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
    admin = a in idx.administrateurs
    nom = acteur.identifiant
    match action:
        case Action.GERER_RELATION_CONTRACTUELLE:
            if admin:
                return _oui(regle, f"{nom} est administrateur partenaire")
            return _non(
                regle,
                f"{nom} n'est pas administrateur : seul l'administrateur gère la "
                "relation contractuelle avec la Caf",
                cible=nom,
            )
        case Action.CONTACTER_CAF:
            if admin:
                return _oui(
                    regle, f"{nom} est administrateur partenaire, contact privilégié de la Caf"
                )
            return Decision(
                autorise=False,
                constats=(
                    supp.SUPP_02.constat(
                        f"{nom} n'est pas administrateur : seul l'administrateur "
                        "sollicite les administrateurs MCP de la Caf",
                        cible=nom,
                        remede="Adressez-vous à votre gestionnaire "
                        "d'habilitations ou à votre administrateur.",
                    ),
                    supp.SUPP_01.constat(
                        f"{nom} s'adresse à son gestionnaire ou à son "
                        "administrateur, jamais directement à la Caf",
                        cible=nom,
                    ),
                ),
            )
        case Action.CREER_GROUPE:
            if service is Service.AFAS:
                return _afas_caf_seule(nom)
            if admin:
                return _oui(regle, f"{nom} est administrateur partenaire")
            return _non(
                regle,
                f"{nom} n'est pas administrateur : seuls les administrateurs créent des groupes",
                cible=nom,
            )
        case Action.CREER_SOUS_GROUPE:
            s = groupe.service if groupe is not None else service
            if s is Service.AFAS:
                return _afas_caf_seule(nom)
            if admin:
                return _oui(regle, f"{nom} est administrateur partenaire")
            if groupe is None:
                return _non(regle, "précisez le groupe parent du sous-groupe", cible=nom)
            if s is Service.CDAP:
                return _non(
                    regle,
                    "les sous-groupes CDAP sont créés par les administrateurs seuls",
                    cible=groupe.code,
                )
            if gere(c, a, groupe):
                return _oui(regle, f"{nom} gère le groupe {groupe.code}")
            return _hors_perimetre(regle, nom, f"le groupe {groupe.code}", groupe.code)
        case Action.DESIGNER_GESTIONNAIRE:
            if admin:
                return _oui(regle, f"{nom} est administrateur partenaire")
            if groupe is None:
                return _non(regle, "précisez le groupe", cible=nom)
            if gere(c, a, groupe, strict=True):
                return _oui(regle, f"{groupe.code} est un sous-groupe d'un groupe que gère {nom}")
            return _hors_perimetre(
                regle,
                nom,
                f"un sous-groupe de ses groupes ({groupe.code} n'en est pas un)",
                groupe.code,
            )
        case Action.AFFECTER_ROLE:
            if admin:
                return _oui(regle, f"{nom} est administrateur partenaire")
            if groupe is None:
                return _non(regle, "précisez le groupe", cible=nom)
            if gere(c, a, groupe):
                return _oui(regle, f"{nom} gère le groupe {groupe.code}")
            return _hors_perimetre(regle, nom, f"le groupe {groupe.code}", groupe.code)
        case Action.GERER_MEMBRES | Action.CREER_UTILISATEUR:
            if admin:
                return _oui(regle, f"{nom} est administrateur partenaire")
            if groupe is None:
                return _non(
                    regle,
                    f"{nom} n'est pas administrateur : il doit nommer un groupe "
                    "qu'il gère, où le compte sera placé",
                    cible=nom,
                )
            if gere(c, a, groupe):
                return _oui(regle, f"{nom} gère le groupe {groupe.code}")
            if (
                groupe.service is Service.AFAS
                and not descend_de(c, groupe, GROUPE_AFAS_HABILITER)
                and membre_afas_habiliter(c, idx, a)
            ):
                return _oui(afas.AFAS_02, f"{nom} est membre d'{GROUPE_AFAS_HABILITER}")
            return _hors_perimetre(regle, nom, f"le groupe {groupe.code}", groupe.code)
        case Action.MODIFIER_COMPTE:
            if admin:
                return _oui(regle, f"{nom} est administrateur partenaire")
            if compte is None:
                return _non(regle, "précisez le compte", cible=nom)
            if dans_perimetre(c, idx, a, compte):
                return _oui(regle, f"{compte.identifiant} est membre d'un groupe que gère {nom}")
            return _hors_perimetre(
                regle,
                nom,
                f"le compte {compte.identifiant} (membre d'aucun de ses groupes)",
                compte.identifiant,
            )
        case Action.CONFIGURER_AFAS:
            if Service.AFAS not in c.services:
                return Decision(
                    autorise=False,
                    constats=(
                        conv.CONV_01.constat(
                            f"la convention {c.numero} ne souscrit pas le service AFAS", cible=nom
                        ),
                    ),
                )
            if admin:
                return _oui(regle, f"{nom} est administrateur partenaire")
            declarer = c.trouver_groupe(GROUPE_AFAS_DECLARER)
            if declarer is not None and gere(c, a, declarer):
                return _oui(regle, f"{nom} gère {GROUPE_AFAS_DECLARER}")
            if membre_afas_habiliter(c, idx, a):
                return _oui(regle, f"{nom} est membre d'{GROUPE_AFAS_HABILITER}")
            return _non(
                regle,
                f"{nom} n'est ni administrateur, ni gestionnaire "
                f"d'{GROUPE_AFAS_DECLARER}, ni membre d'{GROUPE_AFAS_HABILITER}",
                cible=nom,
            )
    assert_never(action)


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
    c = _convention(convention)
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
