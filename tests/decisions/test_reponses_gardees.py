"""Les réponses d'``acces_cdap`` gardées par la convention : un verdict partagé par compte.

Ce qui ne doit jamais arriver : qu'une réponse reconstruite depuis ce qui est gardé diffère
de celle du premier appel, ou de la même réponse expliquée tout de suite (la politique sans
condition prend ce chemin) ; qu'un compte reçoive la réponse d'un autre ; que garder les
réponses d'une grande convention crée un objet par compte à parcourir pour le
ramasse-miettes (à 1 000 000 de comptes, la collecte complète qu'ils déclenchaient coûtait
4,7 s sur un premier passage).
"""

from __future__ import annotations

import gc
from datetime import timedelta

import attrs
import pytest

from mcp_rules import Convention, Politique, acces_cdap
from mcp_rules.generateur import INSTANT_REFERENCE, convention_synthetique

T = INSTANT_REFERENCE
SANS_CONDITION = Politique()


@pytest.fixture(scope="module")
def synthetique() -> Convention:
    return convention_synthetique(600, graine=11)


def _vue(a: object) -> dict[str, object]:
    return attrs.asdict(a, recurse=False)  # type: ignore[arg-type]


def test_la_reponse_gardee_est_celle_du_premier_appel_et_de_l_explication(
    synthetique: Convention,
) -> None:
    c = attrs.evolve(synthetique)  # une convention neuve : rien de gardé
    instants = (T - timedelta(days=400), T, T + timedelta(days=400))
    for u in c.utilisateurs:
        for t in instants:
            premiere = acces_cdap(c, u.identifiant, instant=t)
            gardee = acces_cdap(c, u.identifiant, instant=t)
            expliquee = acces_cdap(c, u.identifiant, instant=t, politique=SANS_CONDITION)
            assert gardee.identifiant == u.identifiant
            assert _vue(premiere) == _vue(gardee) == _vue(expliquee)


def test_la_cle_demandee_dans_une_autre_casse_rend_l_identifiant_du_compte(
    synthetique: Convention,
) -> None:
    c = attrs.evolve(synthetique)
    for u in c.utilisateurs[:80]:
        autre = u.identifiant.upper()
        for _ in range(2):  # premier appel, puis réponse gardée
            a = acces_cdap(c, autre, instant=T)
            assert a.identifiant == u.identifiant
            assert _vue(a) == _vue(acces_cdap(c, u.identifiant, instant=T))


def test_une_cloture_garde_sa_reponse_de_chaque_cote_de_la_date(
    synthetique: Convention,
) -> None:
    c = attrs.evolve(synthetique)
    clos = [u for u in c.utilisateurs if u.cloture_le is not None]
    assert clos, "la convention synthétique doit avoir des comptes clôturés"
    for u in clos:
        assert u.cloture_le is not None
        avant, apres = u.cloture_le - timedelta(seconds=1), u.cloture_le
        for t in (apres, avant, apres, avant):  # l'ordre des appels ne change rien
            a = acces_cdap(c, u.identifiant, instant=t)
            reference = acces_cdap(c, u.identifiant, instant=t, politique=SANS_CONDITION)
            assert _vue(a) == _vue(reference)
        assert not acces_cdap(c, u.identifiant, instant=apres).autorise


def test_garder_les_reponses_ne_cree_pas_un_objet_suivi_par_compte() -> None:
    c = convention_synthetique(3_000, graine=5)
    ids = [u.identifiant for u in c.utilisateurs]
    acces_cdap(c, ids[0], instant=T)  # l'index et l'explication partagée
    gc.collect()
    avant = len(gc.get_objects())
    reponses = [acces_cdap(c, i, instant=T) for i in ids]
    distincts = len({(a.autorise, a.profils, a.groupes, a.donnees_manquantes) for a in reponses})
    fermes = sum(1 for u in c.utilisateurs if u.cloture_le is not None)
    del reponses
    gc.collect()
    crees = len(gc.get_objects()) - avant
    # Chaque compte clôturé garde un petit tuple à lui ; chaque verdict distinct est gardé
    # une fois, avec au plus deux tuples partagés qu'il nomme (ses profils, ses groupes).
    # Un objet par compte en ferait 3 000 de plus.
    assert crees <= fermes + 3 * distincts, (crees, fermes, distincts)
    assert crees < len(ids) // 2, crees
