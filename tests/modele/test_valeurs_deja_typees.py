"""Un compte ou un groupe construit de valeurs déjà typées (``_si_bien_forme``), comme le
fait la lecture d'un document : le même objet que le constructeur, ou ``None`` exactement
quand le constructeur refuserait.

La lecture ne passe ni par les convertisseurs ni par le contrôle des types, qu'elle a déjà
faits ; le modèle ne vérifie que ce que les types ne garantissent pas. Ces tests tirent des
valeurs de bon type au contenu quelconque (identifiants, noms, instants dans le désordre,
mandats…) et comparent les deux chemins.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mcp_rules import AdresseEmail, DonneeInvalide, Groupe, MotDePasseTemporaire, Utilisateur
from mcp_rules import strategies as mst
from mcp_rules.valeurs.adresse_email import adresse_lue

TEXTES = st.one_of(
    st.sampled_from(["", " ", "x", " x", "x ", "as.leroy", "AS.Leroy", "a b", "12 3", "x\n"]),
    st.text(st.sampled_from("aZ9._- é\t"), max_size=8),
    st.just("a" * 101),
)
DEBUT = datetime(2026, 1, 1, tzinfo=UTC)
INSTANTS = st.integers(-3, 3).map(lambda j: DEBUT + timedelta(days=j))


def _champs(objet: Utilisateur | Groupe) -> list[Any]:
    return [getattr(objet, a.name) for a in attrs.fields(type(objet))]


def _construit(cls: type[Any], valeurs: dict[str, Any]) -> Any:
    """Le constructeur, ou ``None`` s'il refuse."""
    try:
        return cls(**valeurs)
    except DonneeInvalide:
        return None


@given(mst.utilisateurs())
def test_un_compte_valide_se_reconstruit_a_l_identique(compte: Utilisateur) -> None:
    lu = Utilisateur._si_bien_forme(*_champs(compte))
    assert type(lu) is Utilisateur
    assert lu == compte
    assert _champs(lu) == _champs(compte)


@given(mst.groupes())
def test_un_groupe_valide_se_reconstruit_a_l_identique(groupe: Groupe) -> None:
    lu = Groupe._si_bien_forme(*_champs(groupe))
    assert type(lu) is Groupe
    assert lu == groupe


@given(
    mst.utilisateurs(),
    st.fixed_dictionaries(
        {},
        optional={
            "identifiant": TEXTES,
            "nom": TEXTES,
            "prenom": TEXTES,
            "code_bailleur": st.none() | TEXTES,
            "diplome_etat": st.none() | TEXTES,
            "mandats": st.frozensets(TEXTES, max_size=3),
            "cree_le": INSTANTS,
            "cloture_le": st.none() | INSTANTS,
            "derniere_connexion": st.none() | INSTANTS,
            "mot_de_passe_temporaire": st.none() | INSTANTS.map(MotDePasseTemporaire),
        },
    ),
)
def test_un_contenu_fautif_est_refuse_comme_par_le_constructeur(
    compte: Utilisateur, changements: dict[str, Any]
) -> None:
    valeurs = attrs.asdict(compte, recurse=False) | changements
    attendu = _construit(Utilisateur, valeurs)
    lu = Utilisateur._si_bien_forme(*valeurs.values())
    if attendu is None:
        assert lu is None
    else:
        assert lu == attendu


@given(
    mst.groupes(),
    st.fixed_dictionaries(
        {},
        optional={
            "code": TEXTES,
            "libelle": TEXTES,
            "gestionnaire": TEXTES,
            "membres": st.frozensets(TEXTES, max_size=4),
            "parent": st.none() | TEXTES,
        },
    ),
)
def test_un_groupe_fautif_est_refuse_comme_par_le_constructeur(
    groupe: Groupe, changements: dict[str, Any]
) -> None:
    valeurs = attrs.asdict(groupe, recurse=False) | changements
    attendu = _construit(Groupe, valeurs)
    lu = Groupe._si_bien_forme(*valeurs.values())
    if attendu is None:
        assert lu is None
    else:
        assert lu == attendu


@pytest.mark.parametrize(
    "texte",
    ["Marie.Durand@Mairie-Montreuil.FR", "postmaster@caf.fr", "marie.durand@", "é@caf.fr", 3],
)
def test_une_adresse_lue_est_celle_du_constructeur(texte: object) -> None:
    try:
        attendu: object = AdresseEmail(texte)
    except DonneeInvalide as exc:
        attendu = (exc.code, exc.message)
    try:
        obtenu: object = adresse_lue(texte)
    except DonneeInvalide as exc:
        obtenu = (exc.code, exc.message)
    assert obtenu == attendu
    assert type(obtenu) is type(attendu)
