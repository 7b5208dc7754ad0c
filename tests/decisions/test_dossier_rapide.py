"""Le chemin rapide de ``consulter_dossier`` dit ce que disait le chemin complet.

- Des critères « courants » (``_criteres_courants`` : un numéro ASCII alphanumérique, un nom
  de lettres ASCII, dans leurs longueurs) sont exactement ceux où ``_double_critere`` ne
  trouve rien à redire et ne nettoie rien : le chemin rapide s'en passe.
- Un refus faute d'accès, dont les constats se calculent désormais à la lecture, est égal à
  la décision que construisait le chemin complet : constats des critères puis de l'accès,
  données manquantes des deux, sans doublon.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from mcp_rules import Convention, Decision, acces_cdap, consulter_dossier
from mcp_rules.decisions.dossier import _criteres_courants, _double_critere
from mcp_rules.exemple import INSTANT_EXEMPLE, convention_exemple

_SAISIES = st.one_of(
    st.text(max_size=30),
    st.text(alphabet="0123456789abcXYZ \t\u200b\u00e9", max_size=25),
    st.from_regex(r"[A-Za-z0-9]{0,30}", fullmatch=True),
    st.from_regex(r"[A-Za-z]{0,210}", fullmatch=True),
)


@given(numero=_SAISIES, nom=_SAISIES)
@example(numero="1234567", nom="Martin")
@example(numero="12345678901234567890", nom="A")
@example(numero="123456789012345678901", nom="Martin")
@example(numero="1234567", nom="a" * 201)
@example(numero="1234567", nom="Le Gall")
@example(numero="1234567", nom="Zoé")
@example(numero=" 1234567", nom="Martin")
@example(numero="", nom="Martin")
@example(numero="1234567", nom="")
def test_des_criteres_courants_sont_ceux_que_double_critere_accepte_tels_quels(
    numero: str, nom: str
) -> None:
    courant = _criteres_courants(numero, nom)
    nettoye, refus, manquantes = _double_critere(numero, nom, "as.leroy")
    if courant:
        assert (nettoye, refus, manquantes) == (numero, [], [])


def test_les_exemples_courants_et_les_autres() -> None:
    """Le prédicat n'est ni toujours vrai ni toujours faux (il pourrait sinon ne rien dire)."""
    assert _criteres_courants("1234567", "Martin")
    assert not _criteres_courants("1234567", "Le Gall")  # un blanc : le chemin complet
    assert not _criteres_courants("1234567", "Zoé")  # hors ASCII : le chemin complet
    assert not _criteres_courants("123456789012345678901", "Martin")  # trop long


def _complete(c: Convention, ident: str, numero: str, nom: str, t: datetime) -> Decision:
    """La décision d'un refus faute d'accès, telle que la construisait le chemin complet."""
    acces = acces_cdap(c, ident, instant=t)
    _, refus, manquantes = _double_critere(numero, nom, acces.identifiant)
    return Decision(
        autorise=False,
        constats=(*refus, *acces.constats),
        donnees_manquantes=(*manquantes, *acces.donnees_manquantes),
    )


@pytest.mark.parametrize(("numero", "nom"), [("1234567", "Martin"), ("", "Martin"), ("1 2", "")])
@pytest.mark.parametrize("decalage", [timedelta(0), timedelta(days=400)])
def test_un_refus_faute_d_acces_est_celui_du_chemin_complet(
    numero: str, nom: str, decalage: timedelta
) -> None:
    c = convention_exemple()
    t = INSTANT_EXEMPLE + decalage
    refus = 0
    for ident in [*(u.identifiant for u in c.utilisateurs), "inconnu.z", "AS.LEROY"]:
        acces = acces_cdap(c, ident, instant=t)
        if acces.autorise:
            continue
        refus += 1
        d = consulter_dossier(c, ident, numero_allocataire=numero, nom_allocataire=nom, instant=t)
        attendue = _complete(c, ident, numero, nom, t)
        assert d.autorise is False
        assert d.donnees_manquantes == attendue.donnees_manquantes
        assert d.constats == attendue.constats
        assert d == attendue
    assert refus >= 3  # la convention de l'exemple a bien des comptes sans accès
