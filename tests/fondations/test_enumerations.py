"""Les énumérations : valeurs stables ; ``parse`` tolère blancs et casse, jamais les sosies."""

from __future__ import annotations

import enum

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mcp_rules import (
    Action,
    DonneeInvalide,
    Fonction,
    ProfilT,
    RoleAfas,
    Service,
    Severite,
    Symptome,
)

ENUMERATIONS: list[type[enum.Enum]] = [
    Service,
    ProfilT,
    Fonction,
    RoleAfas,
    Severite,
    Action,
    Symptome,
]
MEMBRES = [m for cls in ENUMERATIONS for m in cls]


def lire(cls: type[enum.Enum], texte: object) -> enum.Enum:
    resultat: enum.Enum = cls.parse(texte)  # type: ignore[attr-defined]
    return resultat


# --- valeurs du contrat (api.md) ----------------------------------------------------------


def test_valeurs_du_contrat() -> None:
    assert [s.value for s in Service] == ["CDAP", "AFAS", "ADONIS", "OFFRE_BAILLEURS"]
    assert [p.value for p in ProfilT] == [f"T{n}" for n in range(1, 11)]
    assert [r.value for r in RoleAfas] == ["FDA", "FDF", "APPROBATEUR"]
    assert [s.value for s in Severite] == ["ERREUR", "AVERTISSEMENT", "INFO"]
    assert {f.name for f in Fonction} == {
        "ASSISTANT_SOCIAL",
        "CONSEILLER_ESF",
        "ASSISTANT_SOCIAL_DU_TRAVAIL",
        "INSTRUCTEUR_RSA",
        "MANDATAIRE_JUDICIAIRE",
        "TUTEUR",
        "CURATEUR",
        "BAILLEUR",
        "AUTRE",
    }
    assert {a.name for a in Action} >= {
        "GERER_RELATION_CONTRACTUELLE",
        "CREER_UTILISATEUR",
        "CREER_GROUPE",
        "CREER_SOUS_GROUPE",
        "DESIGNER_GESTIONNAIRE",
        "AFFECTER_ROLE",
        "GERER_MEMBRES",
        "MODIFIER_COMPTE",
        "ACCEDER_SERVICE",
        "CONFIGURER_AFAS",
        "CONTACTER_CAF",
    }
    assert {s.name for s in Symptome} >= {
        "PAS_D_OPTION_CONSULTER",
        "OPTION_CONSULTER_DISPARUE",
        "IDENTIFIANT_PERDU",
        "MOT_DE_PASSE_PERDU",
        "MOT_DE_PASSE_TEMPORAIRE_EXPIRE",
        "NUMERO_INSTRUCTEUR_NON_RECONNU",
        "CODE_DEMANDE_T10",
        "RECHERCHE_FASTIDIEUSE",
    }


@pytest.mark.parametrize("membre", MEMBRES, ids=str)
def test_valeur_ascii_nom_egal_valeur_et_libelle_francais(membre: enum.Enum) -> None:
    assert isinstance(membre.value, str)
    assert membre.value.isascii()
    assert membre.name == membre.value
    assert str(membre) == membre.value
    libelle = membre.libelle  # type: ignore[attr-defined]
    assert isinstance(libelle, str)
    assert libelle.strip()


def test_profils_ordonnes_par_rang_et_severites_par_ordre() -> None:
    assert [p.rang for p in ProfilT] == list(range(1, 11))
    assert max(ProfilT, key=lambda p: p.rang) is ProfilT.T10
    assert [s.ordre for s in Severite] == [0, 1, 2]


# --- parse -------------------------------------------------------------------------------


def test_profil_t4_avec_blancs_et_minuscule() -> None:
    assert ProfilT.parse(" t4 ") is ProfilT.T4


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("T1", ProfilT.T1),
        ("t10", ProfilT.T10),
        ("\tT9\t", ProfilT.T9),
        ("  t2", ProfilT.T2),
    ],
)
def test_profil_parse(texte: str, attendu: ProfilT) -> None:
    assert ProfilT.parse(texte) is attendu


@pytest.mark.parametrize("membre", MEMBRES, ids=str)
def test_parse_valeur_minuscules_et_membre(membre: enum.Enum) -> None:
    cls = type(membre)
    assert lire(cls, membre.value) is membre
    assert lire(cls, membre.value.lower()) is membre
    assert lire(cls, f" {membre.value.title()}\t") is membre
    assert lire(cls, membre) is membre


@pytest.mark.parametrize(
    "texte", ["T0", "T11", "T 4", "T4.", "4", "", " ", "\t", "T", "TT4", "T04"]
)
def test_profil_inconnu_refuse_avec_les_valeurs_permises(texte: str) -> None:
    with pytest.raises(DonneeInvalide) as info:
        ProfilT.parse(texte)
    erreur = info.value
    assert erreur.code == "MCP-DONNEE-VALEUR"
    assert "valeurs permises" in erreur.message
    assert "T10" in erreur.message
    assert erreur.valeur == texte


@pytest.mark.parametrize("texte", ["\nT4", "T4\n", "\u00a0T4", "T4\u3000", "\u200bT4"])
def test_blancs_autres_qu_espace_et_tabulation_refuses(texte: str) -> None:
    with pytest.raises(DonneeInvalide):
        ProfilT.parse(texte)


# --- sosies ---------------------------------------------------------------------------------

_SOSIES = {
    "I": "\u0131",  # i sans point : "ı".upper() == "I"
    "K": "\u212a",  # signe kelvin : "K".lower() == "k"
    "S": "\u017f",  # s long : "ſ".upper() == "S"
    "A": "\u0410",  # A cyrillique
    "O": "\u039f",  # omicron majuscule
}
_PLEINE_CHASSE = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}


def _sosies(valeur: str) -> list[str]:
    variantes = ["".join(_PLEINE_CHASSE.get(c, c) for c in valeur)]
    for i, c in enumerate(valeur):
        if c in _SOSIES:
            variantes.append(valeur[:i] + _SOSIES[c] + valeur[i + 1 :])
            variantes.append((valeur[:i] + _SOSIES[c] + valeur[i + 1 :]).lower())
    return variantes


CAS_SOSIES = [
    pytest.param(type(m), v, id=f"{m}-{v.encode('unicode_escape').decode()}")
    for m in MEMBRES
    for v in _sosies(m.value)
]


def test_les_sosies_trompent_bien_upper() -> None:
    """Sans le contrôle ASCII, ``upper`` ferait passer ces sosies pour des lettres."""
    assert "ADONıS".upper() == "ADONIS"
    assert "\u017fERVICE".upper() == "SERVICE"
    assert len(CAS_SOSIES) > len(MEMBRES)


@pytest.mark.parametrize(("cls", "texte"), CAS_SOSIES)
def test_sosies_refuses(cls: type[enum.Enum], texte: str) -> None:
    with pytest.raises(DonneeInvalide) as info:
        lire(cls, texte)
    assert info.value.code == "MCP-DONNEE-VALEUR"


@pytest.mark.parametrize(
    "texte",
    [
        "\uff34\uff11",
        "\uff34\uff14",
        "T\uff14",
        "\uff54\uff14",
        "T\u0664",
        "T\u2074",
        "\u0422" + "4",
    ],
)
def test_profil_pleine_chasse_et_chiffres_etrangers_refuses(texte: str) -> None:
    with pytest.raises(DonneeInvalide):
        ProfilT.parse(texte)


def test_service_avec_i_sans_point_refuse() -> None:
    with pytest.raises(DonneeInvalide):
        Service.parse("ADON\u0131S")
    with pytest.raises(DonneeInvalide):
        Service.parse("adon\u0131s")


# --- non-textes ------------------------------------------------------------------------------

NON_TEXTES = [None, 4, 4.0, True, b"T4", bytearray(b"T4"), ["T4"], ("T4",), {"T4": 1}, object()]


@pytest.mark.parametrize("cls", ENUMERATIONS, ids=lambda c: c.__name__)
@pytest.mark.parametrize(
    "valeur", NON_TEXTES, ids=lambda v: "object()" if type(v) is object else repr(v)
)
def test_non_texte_refuse(cls: type[enum.Enum], valeur: object) -> None:
    with pytest.raises(DonneeInvalide) as info:
        lire(cls, valeur)
    assert info.value.code == "MCP-DONNEE-TYPE"
    assert "un texte est attendu" in info.value.message


@pytest.mark.parametrize("cls", ENUMERATIONS, ids=lambda c: c.__name__)
def test_membre_d_une_autre_enumeration_refuse(cls: type[enum.Enum]) -> None:
    autre = Service.CDAP if cls is not Service else ProfilT.T1
    with pytest.raises(DonneeInvalide):
        lire(cls, autre)


# --- propriété -------------------------------------------------------------------------------

textes = st.one_of(
    st.text(max_size=20),
    st.sampled_from([m.value for m in MEMBRES]).flatmap(
        lambda v: st.builds(
            lambda avant, casse, apres: avant + casse + apres,
            st.sampled_from(["", " ", "\t", "\n", "\u00a0"]),
            st.sampled_from([v, v.lower(), v.title(), *_sosies(v)]),
            st.sampled_from(["", " ", "\t", "\r"]),
        )
    ),
)


@given(st.sampled_from(ENUMERATIONS), textes)
def test_parse_accepte_exactement_les_valeurs_ascii(cls: type[enum.Enum], texte: str) -> None:
    propre = texte.strip(" \t")
    valeurs = {m.value: m for m in cls}
    attendu = valeurs.get(propre.upper()) if propre.isascii() else None
    if attendu is None:
        with pytest.raises(DonneeInvalide) as info:
            lire(cls, texte)
        assert info.value.code == "MCP-DONNEE-VALEUR"
    else:
        assert lire(cls, texte) is attendu
