"""``Regle.constat`` construit ses constats sans le constructeur d'attrs : le même objet."""

from __future__ import annotations

import attrs
from hypothesis import given
from hypothesis import strategies as st

from mcp_rules.fondations.enumerations import Severite
from mcp_rules.regles.catalogue import CATALOGUE
from mcp_rules.regles.regle import Constat


def test_les_champs_d_un_constat_n_ont_ni_convertisseur_ni_validateur() -> None:
    """Le chemin rapide de ``Regle.constat`` pose les champs tels quels : il deviendrait
    faux le jour où un champ gagnerait un convertisseur ou un validateur."""
    for champ in attrs.fields(Constat):
        assert champ.converter is None, champ.name
        assert champ.validator is None, champ.name
    assert not hasattr(Constat, "__attrs_post_init__")


@given(
    code=st.sampled_from(sorted(CATALOGUE)),
    message=st.text(max_size=20),
    remede=st.text(max_size=20),
    cible=st.none() | st.text(max_size=8),
    severite=st.none() | st.sampled_from(Severite),
)
def test_un_constat_de_regle_est_celui_du_constructeur(
    code: str, message: str, remede: str, cible: str | None, severite: Severite | None
) -> None:
    regle = CATALOGUE[code]
    rapide = regle.constat(message, remede=remede, cible=cible, severite=severite)
    attendu = Constat(
        regle=regle,
        message=message,
        remede=remede,
        cible=cible,
        severite=regle.severite if severite is None else severite,
    )
    assert rapide == attendu
    assert hash(rapide) == hash(attendu)
    assert repr(rapide) == repr(attendu)
    assert type(rapide) is Constat
