"""MDP — la connexion et les mots de passe.

Guide : « Annexe 1 - Fiche pratique de connexion utilisateur », « 5 - Service CDAP /
Créer un groupe » (envoi automatique des identifiants), « Solutions aux problèmes
les plus fréquents » (identifiant et mot de passe perdus). Le calcul des 24 heures
est dans :mod:`mcp_rules.valeurs.mot_de_passe`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from mcp_rules.fondations.francais import de
from mcp_rules.modele import Utilisateur
from mcp_rules.regles.contexte import ContexteAudit
from mcp_rules.regles.regle import Constat, E, I, Regle, W

_ANNEXE_1: Final = "Annexe 1 - Fiche pratique de connexion utilisateur"

MDP_01: Final = Regle(
    code="MCP-MDP-01",
    titre="Créer un compte envoie deux messages : l'identifiant, puis un mot de passe temporaire",
    source=_ANNEXE_1 + " ; 5 - Service CDAP / Créer un groupe",
    severite=I,
    description="La bibliothèque n'envoie rien : elle rend les événements IdentifiantEnvoye et "
    "MotDePasseTemporaireEmis, que le portail exécute.",
)
MDP_02: Final = Regle(
    code="MCP-MDP-02",
    titre="Un mot de passe temporaire vaut 24 heures de temps écoulé",
    source=_ANNEXE_1,
    severite=E,
    description="Valable sur [émission, émission + 24 h), expiré dès émission + 24 h.",
    interpretations=(2,),
)
MDP_03: Final = Regle(
    code="MCP-MDP-03",
    titre="À la première connexion, l'utilisateur personnalise son mot de passe",
    source=_ANNEXE_1,
    severite=E,
    description="Il lui faut pour cela un mot de passe temporaire encore valable.",
)
MDP_04: Final = Regle(
    code="MCP-MDP-04",
    titre="Un mot de passe perdu ou expiré se renouvelle par « mot de passe oublié », par "
    "l'utilisateur seul",
    source="Solutions aux problèmes les plus fréquents / mot de passe perdu",
    severite=I,
    description="La procédure envoie un nouveau mot de passe temporaire de 24 heures. Ni la "
    "Caf ni les administrateurs du partenaire ne fixent ni ne lisent de mot de passe.",
)
MDP_05: Final = Regle(
    code="MCP-MDP-05",
    titre="Un identifiant perdu est redonné par le gestionnaire d'habilitations (ou un "
    "administrateur)",
    source="Solutions aux problèmes les plus fréquents / identifiant perdu",
    severite=I,
    description="Il le lit dans la liste des utilisateurs de Mon Compte Partenaire.",
)

REGLES: Final = (MDP_01, MDP_02, MDP_03, MDP_04, MDP_05)


def auditer(a: ContexteAudit) -> Iterator[Constat]:
    """Les comptes actifs dont le mot de passe temporaire a expiré sans être personnalisé."""
    # Dans l'ordre de la table (le rapport trie ses constats) : sans trier les comptes.
    for u in a.convention._utilisateurs.values():
        if u.mot_de_passe_temporaire is not None:
            yield from auditer_compte(a, u)


def auditer_compte(a: ContexteAudit, u: Utilisateur) -> Iterator[Constat]:
    """La part d'audit d'un compte : ``MCP-MDP-02``."""
    temporaire = u.mot_de_passe_temporaire
    if (
        temporaire is not None
        and not u.mot_de_passe_personnalise
        and a.actif(u)
        and not temporaire.est_valide(a.instant)
        and a.instant >= temporaire.emis_le
    ):
        yield MDP_02.constat(
            f"le mot de passe temporaire {de(u.identifiant)} a expiré le "
            f"{temporaire.expire_le.isoformat()} sans avoir été personnalisé : la personne ne "
            "peut pas se connecter",
            remede="Elle suit la procédure « mot de passe oublié » "
            "pour recevoir un nouveau mot de passe de 24 heures.",
            cible=u.identifiant,
            severite=W,
        )
