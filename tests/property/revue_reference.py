"""La revue comparée aux commandes : un relecteur ne clôt que ce qu'il peut clore.

Sur un état quelconque (la fin d'une suite de commandes de la machine à états) :

- chaque compte ouvert figure une fois dans la revue, et aucun compte clôturé ;
- chaque relecteur nommé (sauf la Caf, dernier recours) peut clôturer ce compte d'après
  :func:`~mcp_rules.peut` ;
- pour **chaque** acteur (chaque compte, la Caf, un inconnu) et chaque compte ouvert, la
  réponse « clôturer » produit une commande si et seulement si la commande
  ``cloturer_compte`` de cet acteur sur ce compte serait acceptée ; et la commande produite,
  exécutée, est acceptée ;
- une réponse refusée ne produit rien, et la conclusion ne touche pas la convention.
"""

from __future__ import annotations

from datetime import datetime

import mcp_rules as m
from mcp_rules import CAF, Acteur, Convention, ReponseRevue


def verifier_revue(c: Convention, t: datetime) -> None:
    r = m.revue(c, instant=t)
    ouverts = [u for u in c.utilisateurs if u.cloture_le is None or t < u.cloture_le]
    assert [a.identifiant for a in r.comptes] == [u.identifiant for u in ouverts]
    for a in r.comptes:
        assert a.relecteurs, a
        for x in a.relecteurs:
            if x is CAF:
                continue
            assert m.peut(c, x, m.Action.MODIFIER_COMPTE, utilisateur=a.identifiant, instant=t)
    acteurs: list[Acteur] = [u.identifiant for u in c.utilisateurs]
    acteurs += [CAF, "inconnu.x"]
    reponses = [
        ReponseRevue(relecteur=x, identifiant=u.identifiant, avis=m.Avis.CLORE)
        for x in acteurs
        for u in ouverts
    ]
    avant_journal = len(c.journal)
    for reponse in reponses:
        conclusion = m.conclure_revue(c, r, [reponse], instant=t)
        commande = m.cloturer_compte(
            c, par=reponse.relecteur, utilisateur=reponse.identifiant, instant=t
        )
        if conclusion.commandes:
            assert len(conclusion.commandes) == 1
            assert not conclusion.refus
            produite = conclusion.commandes[0]
            assert produite.nom == "cloturer_compte"
            if isinstance(produite.par, str):
                assert isinstance(reponse.relecteur, str)
                assert produite.par.lower() == reponse.relecteur.lower()
            else:
                assert produite.par is reponse.relecteur
            assert commande.accepte, (reponse, commande.codes)
        else:
            assert len(conclusion.refus) == 1
            assert not commande.accepte, (reponse, conclusion)
    assert len(c.journal) == avant_journal
