"""La table des droits compilée : le chemin rapide de :func:`~mcp_rules.peut`.

Les lignes de :data:`~.droits.DROITS` (il n'y en a pas d'autre copie), dans le même ordre,
réduites une fois pour toutes (à l'import) pour chaque forme de demande de ``peut`` : un
compte qui agit, administrateur ou non, qui vise un groupe (de tel service) ou non, un compte
ou non — sans service nommé, sans rien créer, pour ajouter, sans champ modifié. Une
condition dont la valeur est connue d'avance pour cette forme disparaît (une ligne qu'elle
refuse aussi) ; les autres deviennent leur forme rapide (:class:`~.demande.Rapide`,
:mod:`.formes_rapides`). Le verdict est celui de la première ligne dont tous les tests
passent ; l'explication, calculée à la lecture, est celle d':func:`~.droits.evaluer` sur la
même demande. Une forme dont une condition n'a pas de forme rapide n'est pas compilée : elle
passe par :func:`~.droits.evaluer`. tests/property/test_droits_rapides.py vérifie que l'un
et l'autre chemin rendent la même décision, constats compris.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Final

from mcp_rules.fondations.enumerations import Action, Service
from mcp_rules.modele import Convention, Groupe
from mcp_rules.modele import Utilisateur as Compte
from mcp_rules.modele.index import Index, index
from mcp_rules.regles.decision import Decision, decision_differee
from mcp_rules.regles.demande import Demande, Droit, Qui, Test
from mcp_rules.regles.droits import droits_de, motif_du_oui, raison_du_refus
from mcp_rules.regles.regle import Constat

__all__ = ["evaluer_rapide"]

Essai = tuple[Droit, tuple[Test, ...]]
Compilee = tuple[tuple[Droit, ...], tuple[Essai, ...]]
"""Les lignes où l'acteur a la qualité voulue (pour expliquer un refus) et, pour celles que
la forme de la demande ne refuse pas d'avance, les tests qui restent à faire."""


def _compiler(
    action: Action, admin: bool, service: Service | None, compte: bool
) -> Compilee | None:
    lignes = tuple(
        x
        for x in droits_de(action)
        if x.qui is not Qui.CAF and (admin or x.qui is not Qui.ADMINISTRATEUR)
    )
    if not lignes or action is Action.ACCEDER_SERVICE:
        # Le refus sans ligne (_personne) se dit tout de suite, et l'accès à un service se
        # juge par acces_service : par evaluer l'un et l'autre.
        return None
    essais: list[Essai] = []
    for droit in lignes:
        tests: list[Test] = []
        for condition in droit.conditions:
            if condition.rapide is None:
                return None
            valeur = condition.rapide.pour(service, compte)
            if valeur is False:
                break
            if valeur is not True:
                tests.append(valeur)
        else:
            essais.append((droit, tuple(tests)))
    return lignes, tuple(essais)


Formes = tuple[dict[Service | None, tuple[Compilee | None, Compilee | None]], ...]
"""Les formes d'une action : ``[admin][service du groupe visé, ou None][compte visé]``."""


def _compiler_action(action: Action) -> Formes:
    return tuple(
        {
            service: (
                _compiler(action, admin, service, False),
                _compiler(action, admin, service, True),
            )
            for service in (None, *Service)
        }
        for admin in (False, True)
    )


_COMPILEES: Final[dict[Action, Formes]] = {action: _compiler_action(action) for action in Action}


def evaluer_rapide(
    c: Convention,
    idx: Index,
    action: Action,
    acteur: Compte,
    a: str,
    t: datetime,
    groupe: Groupe | None,
    compte: Compte | None,
) -> Decision | None:
    """:func:`evaluer` sur la table compilée, pour une demande de la forme de ``peut`` : le
    compte ``acteur`` (de clé ``a``, actif et déjà créé à ``t``) vise ``groupe`` et
    ``compte`` (existants, ou ``None``), sans service nommé, sans rien créer, pour ajouter,
    sans champ modifié.

    Rend ``None`` quand la table compilée ne sait pas répondre (une condition sans forme
    rapide, ou aucune ligne pour cet acteur) : l'appelant passe alors par :func:`evaluer`.
    """
    admin = a in idx.administrateurs
    compilee = _COMPILEES[action][admin][None if groupe is None else groupe.service][
        compte is not None
    ]
    if compilee is None:
        return None
    lignes, essais = compilee
    echec = None  # le dernier test manqué : une ligne qui commence par lui est refusée
    for droit, tests in essais:
        if tests and tests[0] is echec:
            continue
        for test in tests:
            if not test(c, idx, a, groupe, compte, t):
                echec = test
                break
        else:
            return decision_differee(
                True, (), (_expliquer, motif_du_oui, droit, c, action, acteur, t, groupe, compte)
            )
    return decision_differee(
        False, (), (_expliquer, raison_du_refus, lignes, c, action, acteur, t, groupe, compte)
    )


def _demande_de_peut(
    c: Convention,
    action: Action,
    acteur: Compte,
    t: datetime,
    groupe: Groupe | None,
    compte: Compte | None,
) -> Demande:
    """La demande que juge :func:`evaluer` pour la même question (celle que construit
    ``decider`` pour ``peut`` ; l'index est celui de la convention, gardé dans son cache)."""
    idx = index(c)
    admin = acteur.cle in idx.administrateurs
    return Demande(
        c=c, idx=idx, action=action, acteur=acteur, admin=admin, t=t, groupe=groupe, compte=compte
    )


def _expliquer(
    decision: Decision,
    juger: Callable[[Decision, Demande, Any], tuple[Constat, ...]],
    ligne_ou_lignes: Any,
    c: Convention,
    action: Action,
    acteur: Compte,
    t: datetime,
    groupe: Groupe | None,
    compte: Compte | None,
) -> tuple[Constat, ...]:
    """L'explication d'une décision de la table compilée : celle d':func:`~.droits.evaluer`
    sur la même demande (``motif_du_oui`` de la ligne qui permet, ou ``raison_du_refus``
    des lignes de l'acteur)."""
    return juger(decision, _demande_de_peut(c, action, acteur, t, groupe, compte), ligne_ou_lignes)
