"""Qui peut faire quoi : la table des droits, à lire à côté du tableau récapitulatif du guide.

Chaque ligne de :data:`DROITS` est un :class:`Droit` : pour cette **action**, cet **acteur**
(la Caf, un administrateur, un gestionnaire, un membre d'AFAS-HABILITER…), à ces
**conditions** sur ce qu'il vise (le groupe qu'il gère, un compte sous sa responsabilité,
le vrai AFAS-DECLARER…), au nom de cette **règle**. Une demande est permise si une ligne au
moins la permet ; sinon elle est refusée (refus par défaut), avec la raison de la ligne qui
en était le plus près. Il n'y a pas d'autre copie de ces droits : :func:`~mcp_rules.peut`,
chaque commande, les plans et la page « Qui peut faire quoi » de la documentation lisent
cette table.

Les conditions sont des prédicats nommés, écrits une fois (:mod:`.perimetre` pour les
relations) ; leur ``texte`` est ce que montre la documentation.

>>> for droit in droits_de(Action.AFFECTER_ROLE):
...     print(droit.qui.value, ":", " ; ".join(c.texte for c in droit.conditions) or "toujours")
la Caf : toujours
un administrateur : toujours
un gestionnaire : un groupe nommé ; un groupe qu'il gère (...) ; un groupe ADONIS ...
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from mcp_rules.fondations.enumerations import Action
from mcp_rules.regles import afas, conv, mdp, role, supp
from mcp_rules.regles.conditions import (
    ADONIS_OU_OFFRE_BAILLEURS,
    AFAS_SOUSCRIT,
    COMPTE_ACTIF,
    COMPTE_NOMME,
    COMPTE_SOUS_SA_RESPONSABILITE,
    DANS_AFAS_DECLARER,
    GERE_AFAS_DECLARER,
    GROUPE_GERE,
    GROUPE_NOMME,
    HORS_AFAS,
    HORS_CDAP,
    MEMBRE_AFAS_HABILITER,
    MEMBRES_SOUS_SA_RESPONSABILITE,
    NOMME_SOUS_SA_RESPONSABILITE,
    PARENT_GERE,
    PAS_LUI_MEME,
    PAS_SA_REACTIVATION,
    PAS_SES_DONNEES,
    PAS_SON_GESTIONNAIRE,
    PAS_SON_GROUPE,
    PAS_UN_ADMINISTRATEUR,
    SERVICE_NOMME,
)
from mcp_rules.regles.decision import Decision, decision_differee
from mcp_rules.regles.demande import Condition, Demande, Droit, Qui, Refus
from mcp_rules.regles.regle import Constat, I, Regle

__all__ = ["DROITS", "droits_de", "evaluer", "motif_du_oui", "raison_du_refus"]

A: Final = Action
Q: Final = Qui

DROITS: Final[tuple[Droit, ...]] = (
    Droit(A.GERER_RELATION_CONTRACTUELLE, Q.ADMINISTRATEUR, (), role.ROLE_01),
    Droit(A.CONTACTER_CAF, Q.ADMINISTRATEUR, (), supp.SUPP_02),
    Droit(A.CREER_UTILISATEUR, Q.CAF, (), role.ROLE_02),
    Droit(A.CREER_UTILISATEUR, Q.ADMINISTRATEUR, (), role.ROLE_02),
    Droit(A.CREER_UTILISATEUR, Q.GESTIONNAIRE, (GROUPE_NOMME, GROUPE_GERE), role.ROLE_02),
    Droit(
        A.CREER_UTILISATEUR,
        Q.MEMBRE_AFAS_HABILITER,
        (GROUPE_NOMME, DANS_AFAS_DECLARER, MEMBRE_AFAS_HABILITER),
        afas.AFAS_02,
    ),
    Droit(A.CREER_GROUPE, Q.CAF, (), role.ROLE_03),
    Droit(A.CREER_GROUPE, Q.ADMINISTRATEUR, (HORS_AFAS,), role.ROLE_03),
    Droit(A.CREER_SOUS_GROUPE, Q.CAF, (), role.ROLE_04),
    Droit(A.CREER_SOUS_GROUPE, Q.ADMINISTRATEUR, (HORS_AFAS,), role.ROLE_04),
    Droit(
        A.CREER_SOUS_GROUPE,
        Q.GESTIONNAIRE,
        (GROUPE_NOMME, HORS_AFAS, HORS_CDAP, GROUPE_GERE, NOMME_SOUS_SA_RESPONSABILITE),
        role.ROLE_04,
    ),
    Droit(A.DESIGNER_GESTIONNAIRE, Q.CAF, (), role.ROLE_05),
    Droit(A.DESIGNER_GESTIONNAIRE, Q.ADMINISTRATEUR, (), role.ROLE_05),
    Droit(
        A.DESIGNER_GESTIONNAIRE,
        Q.GESTIONNAIRE,
        (GROUPE_NOMME, PARENT_GERE, NOMME_SOUS_SA_RESPONSABILITE),
        role.ROLE_05,
    ),
    Droit(A.AFFECTER_ROLE, Q.CAF, (), role.ROLE_06),
    Droit(A.AFFECTER_ROLE, Q.ADMINISTRATEUR, (), role.ROLE_06),
    Droit(
        A.AFFECTER_ROLE,
        Q.GESTIONNAIRE,
        (
            GROUPE_NOMME,
            GROUPE_GERE,
            ADONIS_OU_OFFRE_BAILLEURS,
            PAS_SON_GROUPE,
            MEMBRES_SOUS_SA_RESPONSABILITE,
        ),
        role.ROLE_06,
    ),
    Droit(A.GERER_MEMBRES, Q.CAF, (), role.ROLE_07),
    Droit(A.GERER_MEMBRES, Q.ADMINISTRATEUR, (), role.ROLE_07),
    Droit(
        A.GERER_MEMBRES,
        Q.GESTIONNAIRE,
        (GROUPE_NOMME, GROUPE_GERE, COMPTE_SOUS_SA_RESPONSABILITE, PAS_LUI_MEME),
        role.ROLE_07,
    ),
    Droit(
        A.GERER_MEMBRES,
        Q.GESTIONNAIRE,
        (
            GROUPE_NOMME,
            DANS_AFAS_DECLARER,
            GROUPE_GERE,
            COMPTE_ACTIF,
            PAS_LUI_MEME,
            PAS_SON_GESTIONNAIRE,
        ),
        afas.AFAS_02,
    ),
    Droit(
        A.GERER_MEMBRES,
        Q.MEMBRE_AFAS_HABILITER,
        (
            GROUPE_NOMME,
            DANS_AFAS_DECLARER,
            MEMBRE_AFAS_HABILITER,
            COMPTE_ACTIF,
            PAS_LUI_MEME,
            PAS_SON_GESTIONNAIRE,
        ),
        afas.AFAS_02,
    ),
    Droit(A.MODIFIER_COMPTE, Q.CAF, (), role.ROLE_09),
    Droit(A.MODIFIER_COMPTE, Q.ADMINISTRATEUR, (), role.ROLE_09),
    Droit(
        A.MODIFIER_COMPTE,
        Q.GESTIONNAIRE,
        (COMPTE_NOMME, COMPTE_SOUS_SA_RESPONSABILITE, PAS_SES_DONNEES, PAS_SA_REACTIVATION),
        role.ROLE_09,
    ),
    Droit(A.ACCEDER_SERVICE, Q.TOUT_COMPTE, (SERVICE_NOMME,), role.ROLE_08),
    Droit(A.CONFIGURER_AFAS, Q.CAF, (AFAS_SOUSCRIT,), afas.AFAS_02),
    Droit(A.CONFIGURER_AFAS, Q.ADMINISTRATEUR, (AFAS_SOUSCRIT,), afas.AFAS_02),
    Droit(
        A.CONFIGURER_AFAS,
        Q.GESTIONNAIRE,
        (
            AFAS_SOUSCRIT,
            GERE_AFAS_DECLARER,
            PAS_LUI_MEME,
            PAS_UN_ADMINISTRATEUR,
            PAS_SON_GESTIONNAIRE,
        ),
        afas.AFAS_02,
    ),
    Droit(
        A.CONFIGURER_AFAS,
        Q.MEMBRE_AFAS_HABILITER,
        (
            AFAS_SOUSCRIT,
            MEMBRE_AFAS_HABILITER,
            PAS_LUI_MEME,
            PAS_UN_ADMINISTRATEUR,
            PAS_SON_GESTIONNAIRE,
        ),
        afas.AFAS_02,
    ),
    Droit(A.DESIGNER_ADMINISTRATEUR, Q.CAF, (), conv.CONV_03),
    Droit(A.VALIDER_APPROBATEUR, Q.CAF, (), afas.AFAS_05),
    Droit(A.GERER_SON_MOT_DE_PASSE, Q.TITULAIRE, (), mdp.MDP_04),
)
"""La table des droits (rules.md : ROLE, AFAS-02, CONV-03, AFAS-05, MDP-04, SUPP-02 ;
interprétations 1, 13, 14, 21, 22 et 24)."""

_PAR_ACTION: Final[dict[Action, tuple[Droit, ...]]] = {
    action: tuple(d for d in DROITS if d.action is action) for action in Action
}


def droits_de(action: Action) -> tuple[Droit, ...]:
    """Les lignes de la table pour une action, dans l'ordre de la table."""
    return _PAR_ACTION[action]


def _est(qui: Qui, d: Demande) -> bool:
    """L'acteur a-t-il la qualité de la colonne ? (Les conditions disent le reste : un
    « gestionnaire » est un compte qui agit sur ce qu'il gère.)"""
    if qui is Qui.CAF:
        return d.acteur is None
    if d.acteur is None:
        return False
    return d.admin if qui is Qui.ADMINISTRATEUR else True


def evaluer(d: Demande) -> Decision:
    """Juge une demande : permise si une ligne de la table la permet, refusée sinon.

    Un refus dit la première condition manquée de la première ligne où l'acteur a la qualité
    voulue (il gère le groupe, il est membre d'AFAS-HABILITER…), à défaut de la première
    ligne qui le concerne ; s'il n'en a aucune, ce qui empêche quel que soit l'acteur, ou qui
    le peut.
    """
    lignes = [x for x in _PAR_ACTION[d.action] if _est(x.qui, d)]
    for droit in lignes:
        if all(c.verifier(d) for c in droit.conditions):
            return decision_differee(True, (), (motif_du_oui, d, droit))
    if not lignes:
        return _personne(d)
    # Le verdict est acquis ; la raison du refus (quelle ligne, quelle condition manquée)
    # ne se cherche que si on la lit.
    return decision_differee(False, (), (raison_du_refus, d, tuple(lignes)))


def raison_du_refus(_: Decision, d: Demande, lignes: tuple[Droit, ...]) -> tuple[Constat, ...]:
    """La première condition manquée de la première ligne où l'acteur a la qualité voulue, à
    défaut de la première ligne qui le concerne (explication différée d'un refus)."""
    qualifiee = next(
        (x for x in lignes if all(c.verifier(d) for c in x.conditions if c.qualite)), lignes[0]
    )
    echec = next(c for c in qualifiee.conditions if not c.verifier(d))
    return tuple(echec.refus(d, qualifiee.regle))


def motif_du_oui(_: Decision, d: Demande, droit: Droit) -> tuple[Constat, ...]:
    """La ligne de la table qui permet, et ses conditions (explication différée)."""
    conditions = " ; ".join(c.texte for c in droit.conditions)
    qui = "la Caf" if d.acteur is None else f"{d.nom}, {droit.qui.value}"
    motif = f"autorisé : {qui}" + (f" — {conditions}" if conditions else "")
    return (droit.regle.constat(motif, severite=I),)


def _personne(d: Demande) -> Decision:
    """Aucune ligne ne permet à cet acteur : ce qui empêche quel que soit l'acteur, sinon le
    refus propre à l'action, sinon la règle de l'action, qui dit qui le peut."""
    lignes = _PAR_ACTION[d.action]
    regle = d.regle or (lignes[0].regle if lignes else role.ROLE_10)
    commun = _condition_commune(lignes, d)
    if commun is not None:
        return Decision(autorise=False, constats=tuple(commun.refus(d, regle)))
    propre = _REFUS_SANS_DROIT.get(d.action)
    if propre is not None:
        return Decision(autorise=False, constats=tuple(propre(d, regle)))
    qui = list(dict.fromkeys(x.qui.pluriel for x in lignes))
    liste = " et ".join([", ".join(qui[:-1]), qui[-1]] if len(qui) > 1 else qui)
    seuls = "seule" if qui == [Qui.CAF.pluriel] else "seuls"
    if d.acteur is None and d.action is Action.GERER_RELATION_CONTRACTUELLE:
        message = (
            "la relation contractuelle se gère entre la Caf et les administrateurs "
            "partenaires : ce n'est pas un geste de la Caf dans le portail"
        )
    elif d.acteur is None:
        message = f"la Caf ne peut pas {d.action.libelle} : {seuls} {liste} le peuvent"
    else:
        message = f"{d.nom} n'est pas administrateur : {seuls} {liste} peuvent {d.action.libelle}"
    return Decision(
        autorise=False,
        constats=(regle.constat(message, cible=d.cible(regle)),),
    )


def _condition_commune(lignes: Sequence[Droit], d: Demande) -> Condition | None:
    """Une condition que chaque ligne des comptes du partenaire exige, et qui n'est pas
    remplie : c'est elle qui empêche, quel que soit l'acteur (un groupe AFAS, AFAS non
    souscrit)."""
    partenaire = [x for x in lignes if x.qui is not Qui.CAF]
    if not partenaire:
        return None
    for condition in partenaire[0].conditions:
        if all(condition in x.conditions for x in partenaire) and not condition.verifier(d):
            return condition
    return None


def _refus_contacter_caf(d: Demande, regle: Regle) -> list[Constat]:
    """MCP-SUPP-02 et interprétation 17 : un gestionnaire passe par ses administrateurs."""
    if d.acteur is None:
        return [regle.constat("la Caf ne se sollicite pas elle-même")]
    return [
        supp.SUPP_02.constat(
            f"{d.nom} n'est pas administrateur : seuls les administrateurs partenaires "
            "sollicitent les administrateurs MCP de la Caf",
            cible=d.nom,
            remede="Adressez-vous à un administrateur partenaire de la convention : c'est lui "
            "qui saisit la Caf.",
        ),
        supp.SUPP_01.constat(
            (
                f"{d.nom}, gestionnaire d'habilitations, passe par les administrateurs "
                "partenaires pour joindre la Caf"
            )
            if d.idx.geres_par(d.a)
            else f"{d.nom} s'adresse à son gestionnaire ou à son administrateur, jamais "
            "directement à la Caf",
            cible=d.nom,
        ),
    ]


def _refus_designer_administrateur(d: Demande, regle: Regle) -> list[Constat]:
    return [
        regle.constat(
            f"{d.nom} ne peut pas désigner d'administrateur : seule la Caf le fait, par une "
            "annexe 3 à la convention",
            remede="Un administrateur partenaire demande à la Caf la désignation ou le "
            "remplacement d'un administrateur ; elle établit l'annexe 3.",
            cible=d.cible(regle),
        )
    ]


def _refus_valider_approbateur(d: Demande, regle: Regle) -> list[Constat]:
    return [
        regle.constat(
            "seule la Caf valide un nouvel approbateur (dans MAIA)",
            remede=(
                "Si ce n'est déjà fait, un administrateur partenaire transmet la PJ 3 à la Caf."
                if d.c.afas.approbateur_en_attente is not None
                else "Aucun approbateur n'attend de validation."
            ),
            cible=d.c.afas.approbateur_en_attente,
        )
    ]


def _refus_mot_de_passe(d: Demande, regle: Regle) -> list[Constat]:
    return [
        regle.constat(
            "la Caf ne fixe ni ne renouvelle de mot de passe : ils sont gérés par le système "
            "et par l'utilisateur lui-même",
            cible=d.cible(regle),
        )
    ]


_REFUS_SANS_DROIT: Final[dict[Action, Refus]] = {
    Action.CONTACTER_CAF: _refus_contacter_caf,
    Action.DESIGNER_ADMINISTRATEUR: _refus_designer_administrateur,
    Action.VALIDER_APPROBATEUR: _refus_valider_approbateur,
    Action.GERER_SON_MOT_DE_PASSE: _refus_mot_de_passe,
}
"""Les refus qui disent mieux que la règle seule à qui s'adresser."""
