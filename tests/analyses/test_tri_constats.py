"""``trier_constats`` range les constats exactement comme ``sorted(key=Constat.cle_tri)``,
égalités comprises (l'ordre d'arrivée des constats de même clé est gardé)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mcp_rules.fondations.enumerations import Severite
from mcp_rules.regles import conv, elig, grp, usr
from mcp_rules.regles.regle import Constat, trier_constats

REGLES = (usr.USR_01, usr.USR_02, usr.USR_05, grp.GRP_03, grp.GRP_08, conv.CONV_01, elig.ELIG_01)

cibles = st.one_of(
    st.none(),
    st.just(""),
    st.sampled_from(["zoe", "Zoe", "ZOE", "agent1", "Agent1", "T1AS", "t1as", "é", "É", "ß", "ǅ"]),
    st.text(max_size=4),
)
messages = st.one_of(st.sampled_from(["a", "b", "B", ""]), st.text(max_size=3))
constats = st.builds(
    lambda regle, message, cible, severite: Constat(
        regle=regle, message=message, cible=cible, severite=severite
    ),
    st.sampled_from(REGLES),
    messages,
    cibles,
    st.sampled_from(list(Severite)),
)


@given(st.lists(constats, max_size=40))
def test_meme_ordre_que_la_cle_de_tri(liste: list[Constat]) -> None:
    attendu = sorted(liste, key=Constat.cle_tri)
    obtenu = trier_constats(liste)
    assert [id(c) for c in obtenu] == [id(c) for c in attendu]


@given(st.lists(constats, max_size=20))
def test_accepte_un_generateur_et_ne_perd_rien(liste: list[Constat]) -> None:
    obtenu = trier_constats(c for c in liste)
    assert sorted(map(id, obtenu)) == sorted(map(id, liste))


def test_exemple_nomme_erreurs_puis_avertissements_puis_code_puis_cible() -> None:
    a = usr.USR_02.constat("m", cible="b", severite=Severite.AVERTISSEMENT)
    b = usr.USR_01.constat("m", cible="B", severite=Severite.AVERTISSEMENT)
    c = grp.GRP_08.constat("m", cible="a", severite=Severite.ERREUR)
    d = usr.USR_01.constat("m", cible="a", severite=Severite.AVERTISSEMENT)
    assert trier_constats([a, b, c, d]) == [c, d, b, a]
