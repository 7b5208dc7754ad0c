"""Les symptômes d'un compte : identifiant perdu, mot de passe perdu ou expiré, numéro
d'instructeur non reconnu, code demandé à un utilisateur T10 (guide, « Solutions aux
problèmes les plus fréquents » et annexe 1).

Même forme que :mod:`.symptomes_acces` : chaque fonction rend une
:class:`~mcp_rules.analyses.plans.Conclusion`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final

from mcp_rules.analyses.plans import (
    A_COMPLETER,
    Conclusion,
    Etape,
    actifs,
    candidats_pour,
    qui_peut,
    texte_etape,
)
from mcp_rules.fondations.acteurs import Acteur
from mcp_rules.fondations.controles import cle
from mcp_rules.fondations.enumerations import Action, ProfilT, Service
from mcp_rules.fondations.erreurs import DonneeInvalide, apercu
from mcp_rules.fondations.francais import de, liste
from mcp_rules.modele import Convention, Utilisateur
from mcp_rules.modele.index import Index, groupes_du_compte
from mcp_rules.regles import elig, mdp, num, usr
from mcp_rules.regles.regle import Constat, I, Regle, W
from mcp_rules.valeurs.numero_instructeur import (
    NumeroInstructeur,
    NumeroInstructeurIncomplet,
    NumeroInstructeurMalForme,
)

__all__ = [
    "code_t10",
    "identifiant_perdu",
    "mot_de_passe_perdu",
    "numero_non_reconnu",
    "temporaire_expire",
]


def identifiant_perdu(
    c: Convention, idx: Index, u: Utilisateur | None, t: datetime, _: str | None, nom: str
) -> Conclusion:
    """L'identifiant oublié : qui peut le redonner (MCP-MDP-05), et si le compte est clôturé."""
    assert u is not None  # noqa: S101
    mes_groupes = groupes_du_compte(c, idx, u.cle)
    gestionnaires = actifs(c, [cle(g.gestionnaire) for g in mes_groupes], t)
    admins = actifs(c, sorted(idx.administrateurs), t)
    qui = [
        c._utilisateurs[k].identifiant
        for k in dict.fromkeys([*gestionnaires, *admins])
        if k != u.cle
    ]
    if not qui:
        redonner = "personne d'actif dans la convention ne peut le lui redonner"
    elif len(qui) == 1:
        redonner = f"{qui[0]} peut le lui redonner"
    else:
        redonner = f"{liste(qui)} peuvent le lui redonner"
    causes = [
        mdp.MDP_05.constat(
            f"l'identifiant {de(u.nom_complet)} est {u.identifiant} ; {redonner}",
            remede=f"Communiquez-lui son identifiant ({u.identifiant}) : il figure dans la "
            "liste des utilisateurs de Mon Compte Partenaire.",
            cible=u.identifiant,
            severite=I,
        )
    ]
    if u.cloture_le is not None and t >= u.cloture_le:
        causes.append(
            usr.USR_05.constat(
                f"le compte {u.identifiant} est clôturé depuis le {u.cloture_le.isoformat()} : "
                "son identifiant ne donne plus accès à rien",
                remede="Si la personne doit retrouver l'accès, faites d'abord réactiver son "
                "compte.",
                cible=u.identifiant,
                severite=W,
            )
        )
    return Conclusion(
        causes=tuple(causes),
        recours=None if qui else "La Caf, par l'intermédiaire d'un administrateur à désigner.",
    )


def mot_de_passe_perdu(
    c: Convention, idx: Index, u: Utilisateur | None, t: datetime, _: str | None, nom: str
) -> Conclusion:
    """« Mot de passe oublié », par la personne elle-même (MCP-MDP-04)."""
    assert u is not None  # noqa: S101
    if u.cloture_le is not None and t >= u.cloture_le:
        return _compte_clos(u)
    return _mot_de_passe_oublie(u, [])


def temporaire_expire(
    c: Convention, idx: Index, u: Utilisateur | None, t: datetime, _: str | None, nom: str
) -> Conclusion:
    """Première connexion : le mot de passe temporaire est-il encore valable (MCP-MDP-02) ?"""
    assert u is not None  # noqa: S101
    if u.cloture_le is not None and t >= u.cloture_le:
        return _compte_clos(u)
    temporaire = u.mot_de_passe_temporaire
    if temporaire is None:
        deja = " : son mot de passe est déjà personnalisé" if u.mot_de_passe_personnalise else ""
        cause = mdp.MDP_03.constat(
            f"{u.identifiant} n'a pas de mot de passe temporaire en cours{deja}",
            cible=u.identifiant,
            severite=I,
        )
    elif temporaire.est_valide(t):
        return Conclusion(
            causes=(
                mdp.MDP_02.constat(
                    f"le mot de passe temporaire {de(u.identifiant)} est encore valable jusqu'au "
                    f"{temporaire.expire_le.isoformat()}",
                    remede="Se connecter avec lui et "
                    "personnaliser son mot de passe avant cette heure.",
                    cible=u.identifiant,
                    severite=I,
                ),
            ),
            plan=(
                Etape(
                    commande="personnaliser_mot_de_passe",
                    arguments={},
                    par=(u.identifiant,),
                    texte=f"personnaliser son mot de passe — par la personne elle-même "
                    f"({u.identifiant})",
                ),
            ),
        )
    else:
        cause = mdp.MDP_02.constat(
            f"le mot de passe temporaire {de(u.identifiant)} a expiré le "
            f"{temporaire.expire_le.isoformat()} : 24 heures se sont écoulées depuis son "
            "émission",
            remede="Suivre la procédure « mot de passe oublié » : le système "
            "envoie un nouveau mot de passe valable 24 heures.",
            cible=u.identifiant,
        )
    return _mot_de_passe_oublie(u, [cause])


def _compte_clos(u: Utilisateur) -> Conclusion:
    return Conclusion(
        causes=(
            usr.USR_05.constat(
                f"le compte {u.identifiant} est clôturé : aucun mot de passe n'y donne accès",
                remede="S'adresser à son gestionnaire ou à son administrateur.",
                cible=u.identifiant,
            ),
        ),
    )


def _mot_de_passe_oublie(u: Utilisateur, causes: list[Constat]) -> Conclusion:
    """La procédure « mot de passe oublié », que la personne suit elle-même (MCP-MDP-04)."""
    causes.append(
        mdp.MDP_04.constat(
            "ni la Caf ni l'administrateur ne fixent de mot de passe : la personne suit elle-même "
            "la "
            "procédure « mot de passe oublié », qui lui envoie un mot de passe de 24 heures",
            remede="Se connecter avec son identifiant et suivre « mot de passe oublié ».",
            cible=u.identifiant,
            severite=I,
        )
    )
    return Conclusion(
        causes=tuple(causes),
        plan=(
            Etape(
                commande="demander_nouveau_mot_de_passe",
                arguments={},
                par=(u.identifiant,),
                texte=f"« mot de passe oublié » — par la personne elle-même ({u.identifiant})",
            ),
        ),
    )


def numero_non_reconnu(
    c: Convention, idx: Index, u: Utilisateur | None, t: datetime, saisie: str | None, nom: str
) -> Conclusion:
    assert u is not None  # noqa: S101
    ailleurs = _hors_du_profil(c, idx, u, ProfilT.T4)
    if ailleurs is not None:
        return ailleurs
    candidats = candidats_pour(c, idx, t, groupes_du_compte(c, idx, u.cle))
    qui = qui_peut(
        c,
        idx,
        t,
        Action.MODIFIER_COMPTE,
        candidats,
        compte=u,
        champs=frozenset({"numero_instructeur"}),
    )
    if saisie is None:
        return _numero_enregistre(u, qui)
    return _numero_saisi(u, saisie, qui)


def _numero_saisi(u: Utilisateur, saisie: str, qui: tuple[Acteur, ...]) -> Conclusion:
    """Le numéro que la personne a tapé : incomplet, mal formé, autre que l'enregistré."""
    ident = u.identifiant
    try:
        lu = NumeroInstructeur.parse(saisie)
    except NumeroInstructeurIncomplet as e:
        complet = e.suggestion
        return Conclusion(
            causes=(
                num.NUM_02.constat(
                    f"le numéro saisi {apercu(saisie)} est incomplet pour le système : il y "
                    "manque les "
                    f"cinq zéros finaux ; le numéro complet est {complet}",
                    remede=f"Ajouter cinq « 0 » à la fin : {complet}.",
                    cible=ident,
                ),
            ),
            plan=() if u.numero_instructeur == complet else (_etape_numero(ident, qui, complet),),
        )
    except NumeroInstructeurMalForme as e:
        return Conclusion(
            causes=(
                num.NUM_01.constat(
                    f"{e.message} ("
                    + ("partie en cause : " if len(e.parties) == 1 else "parties en cause : ")
                    + liste([_PARTIES.get(x, x) for x in e.parties])
                    + ")",
                    remede="Vérifier le numéro délivré par le Conseil départemental : département "
                    "(3), "
                    "type (1 lettre), commune (3 chiffres), rang (2 chiffres), cinq zéros.",
                    cible=ident,
                ),
            ),
        )
    except DonneeInvalide as e:
        return Conclusion(causes=(num.NUM_01.constat(e.message, cible=ident),))
    if u.numero_instructeur != lu:
        return Conclusion(
            causes=(
                elig.ELIG_04.constat(
                    f"le numéro saisi {lu} est bien formé mais n'est pas celui enregistré pour "
                    f"{ident} "
                    f"({u.numero_instructeur or 'aucun'})",
                    remede="Enregistrer le bon numéro sur le compte.",
                    cible=ident,
                ),
            ),
            plan=(_etape_numero(ident, qui, lu),),
        )
    return Conclusion(
        causes=(
            num.NUM_01.constat(
                f"le numéro {lu} est complet, bien formé et enregistré pour {ident}",
                cible=ident,
                severite=I,
            ),
        ),
    )


def _numero_enregistre(u: Utilisateur, qui: tuple[Acteur, ...]) -> Conclusion:
    """Sans saisie : le numéro enregistré sur le compte, s'il y en a un."""
    ident = u.identifiant
    if u.numero_instructeur is None:
        return Conclusion(
            causes=(
                elig.ELIG_04.constat(
                    f"aucun numéro d'instructeur n'est enregistré pour {ident}",
                    remede="Enregistrer le numéro complet (14 caractères).",
                    cible=ident,
                ),
            ),
            plan=(_etape_numero(ident, qui, None),),
        )
    return Conclusion(
        causes=(
            num.NUM_01.constat(
                f"le numéro enregistré pour {ident}, {u.numero_instructeur}, est complet et "
                "bien "
                "formé ; vérifiez celui que la personne saisit",
                cible=ident,
                severite=I,
            ),
        ),
    )


def _etape_numero(ident: str, qui: tuple[Acteur, ...], numero: NumeroInstructeur | None) -> Etape:
    if numero is None:
        return Etape(
            commande="modifier_compte",
            arguments={"utilisateur": ident, "numero_instructeur": A_COMPLETER},
            par=qui,
            a_completer=("numero_instructeur",),
            texte=texte_etape(f"enregistrer le numéro d'instructeur de {ident}", qui),
        )
    return Etape(
        commande="modifier_compte",
        arguments={"utilisateur": ident, "numero_instructeur": numero},
        par=qui,
        texte=texte_etape(f"enregistrer le numéro {numero} sur le compte {ident}", qui),
    )


def code_t10(
    c: Convention, idx: Index, u: Utilisateur | None, t: datetime, _: str | None, nom: str
) -> Conclusion:
    """Le code demandé à un utilisateur T10 : le code bailleur de Cafpro (interprétation 16)."""
    assert u is not None  # noqa: S101
    ailleurs = _hors_du_profil(c, idx, u, ProfilT.T10)
    if ailleurs is not None:
        return ailleurs
    ident = u.identifiant
    causes = [
        elig.ELIG_06.constat(
            "le code demandé en T10 est le code bailleur, celui-là même qui sert dans Cafpro",
            remede="Saisir le code bailleur de Cafpro.",
            cible=ident,
            severite=I,
        )
    ]
    plan: tuple[Etape, ...] = ()
    if not u.code_bailleur:
        causes.append(elig.code_bailleur_a_demander(u))
        candidats = candidats_pour(c, idx, t, groupes_du_compte(c, idx, u.cle))
        qui = qui_peut(
            c,
            idx,
            t,
            Action.MODIFIER_COMPTE,
            candidats,
            compte=u,
            champs=frozenset({"code_bailleur"}),
        )
        plan = (
            Etape(
                commande="modifier_compte",
                arguments={"utilisateur": ident, "code_bailleur": A_COMPLETER},
                par=qui,
                a_completer=("code_bailleur",),
                texte=texte_etape(f"enregistrer sur le compte le code bailleur de {ident}", qui),
            ),
        )
    return Conclusion(causes=tuple(causes), plan=plan)


_PARTIES: Final = {
    "departement": "le code département",
    "type": "le type d'instructeur",
    "commune": "le code commune",
    "rang": "le rang",
    "suffixe": "les cinq zéros finaux",
    "longueur": "la longueur",
    "caracteres": "les caractères",
}
"""Les parties d'un numéro d'instructeur, telles qu'un message les nomme."""

_DONNEE_DU_PROFIL: Final[dict[ProfilT, tuple[Regle, str]]] = {
    ProfilT.T4: (elig.ELIG_04, "le numéro d'instructeur RSA"),
    ProfilT.T10: (elig.ELIG_06, "le code bailleur"),
}


def _hors_du_profil(
    c: Convention, idx: Index, u: Utilisateur, profil: ProfilT
) -> Conclusion | None:
    """Interprétation 19 : un symptôme propre à un profil suppose d'être dans un de ses groupes.

    Si la personne n'est membre d'aucun groupe CDAP de ce profil, c'est la cause rendue, et
    aucun plan ne lui fait enregistrer une donnée dont elle n'a pas l'usage.
    """
    for g in groupes_du_compte(c, idx, u.cle):
        if g.service is Service.CDAP and g.role is profil:
            return None
    regle, donnee = _DONNEE_DU_PROFIL[profil]
    return Conclusion(
        causes=(
            regle.constat(
                f"{donnee} ne sert qu'au profil {profil.value}, et {u.identifiant} n'est membre "
                f"d'aucun groupe {profil.value} : ce n'est pas à ce titre qu'il lui est demandé",
                remede=f"Vérifier le profil sous lequel la personne consulte. Si ses missions "
                f"relèvent du profil {profil.value}, son gestionnaire ou un administrateur "
                "l'ajoute à un groupe de ce profil ; la donnée lui sera alors utile.",
                cible=u.identifiant,
                severite=W,
            ),
        ),
    )
