"""Le numéro d'instructeur RSA (règles MCP-NUM-01 et MCP-NUM-02, interprétation 7).

Le guide, « Solutions aux problèmes les plus fréquents » : le numéro se décompose en
code du département (3), type d'instructeur (1 lettre), numéro de commune (3 chiffres),
numéro d'agrément / rang / territoire (2 chiffres) ; remède : « Ajouter cinq « 0 » à la
fin de votre numéro ».
"""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from mcp_rules import (
    DonneeInvalide,
    NumeroInstructeur,
    NumeroInstructeurIncomplet,
    NumeroInstructeurMalForme,
)
from mcp_rules.valeurs import numero_instructeur as ni

# --- oracle indépendant de l'implémentation -------------------------------------------

DEPARTEMENTS_PERMIS = frozenset(
    {f"{n:03d}" for n in range(1, 96)} - {"020"}
    | {"02A", "02B"}
    | {f"{n}" for n in range(971, 977)}
)
"""Interprétation 7, recalculée ici sans rien emprunter au module testé."""

EXEMPLE = "093A1230100000"


def oracle(texte: str) -> str | None:
    """La forme canonique attendue d'une saisie, ou ``None`` si elle doit être refusée."""
    if not texte.isascii():
        return None
    propre = re.sub(r"[ .\-]", "", texte).upper()
    motif = r"(?P<d>[0-9A-Z]{3})[A-Z][0-9]{3}[0-9]{2}00000"
    lu = re.fullmatch(motif, propre)
    if lu is None or lu["d"] not in DEPARTEMENTS_PERMIS:
        return None
    return propre


def malforme(texte: object) -> NumeroInstructeurMalForme:
    with pytest.raises(NumeroInstructeurMalForme) as info:
        NumeroInstructeur.parse(texte)
    erreur = info.value
    assert erreur.code == "MCP-NUM-01"
    assert isinstance(erreur, DonneeInvalide)
    assert not isinstance(erreur, NumeroInstructeurIncomplet)
    return erreur


# --- stratégies ------------------------------------------------------------------------

departements = st.sampled_from(sorted(DEPARTEMENTS_PERMIS))
types = st.sampled_from(string.ascii_uppercase)
communes = st.integers(0, 999).map(lambda n: f"{n:03d}")
rangs = st.integers(0, 99).map(lambda n: f"{n:02d}")
numeros = st.builds(
    lambda d, t, c, r: NumeroInstructeur(departement=d, type_instructeur=t, commune=c, rang=r),
    departements,
    types,
    communes,
    rangs,
)


@st.composite
def saisies_bruitees(draw: st.DrawFn, numero: NumeroInstructeur) -> str:
    """Le numéro tel qu'un agent le tape : séparateurs, minuscules, blancs autour."""
    morceaux = []
    for c in str(numero):
        lettre = c.lower() if draw(st.booleans()) else c
        morceaux.append(lettre + draw(st.sampled_from(["", "", "", " ", ".", "-", "  "])))
    return draw(st.sampled_from(["", " "])) + "".join(morceaux)


# --- la structure du guide, partie par partie ------------------------------------------


def test_structure_departement_trois_caracteres() -> None:
    n = NumeroInstructeur.parse(EXEMPLE)
    assert n.departement == "093"
    assert len(n.departement) == 3
    # Deux caractères de département : tout le numéro est trop court d'un caractère.
    assert malforme("93A1230100000").parties == ("longueur",)
    assert "departement" in malforme("999A1230100000").parties


def test_structure_type_une_lettre() -> None:
    n = NumeroInstructeur.parse(EXEMPLE)
    assert n.type_instructeur == "A"
    assert malforme("09311230100000").parties == ("type",)
    assert malforme("093_1230100000").parties == ("type",)


def test_structure_commune_trois_chiffres() -> None:
    n = NumeroInstructeur.parse(EXEMPLE)
    assert n.commune == "123"
    assert malforme("093A12B0100000").parties == ("commune",)
    assert malforme("093AB230100000").parties == ("commune",)


def test_structure_rang_deux_chiffres() -> None:
    n = NumeroInstructeur.parse(EXEMPLE)
    assert n.rang == "01"
    assert malforme("093A123O100000").parties == ("rang",)  # la lettre O, pas un zéro
    assert malforme("093A1230X00000").parties == ("rang",)


def test_structure_cinq_zeros_quatorze_caracteres() -> None:
    n = NumeroInstructeur.parse(EXEMPLE)
    assert str(n) == EXEMPLE
    assert len(str(n)) == 14
    assert str(n).endswith("00000")
    assert ni.SUFFIXE == "00000"
    assert malforme("093A1230100001").parties == ("suffixe",)
    assert malforme("093A12301ABCDE").parties == ("suffixe",)


def test_forme_lisible() -> None:
    n = NumeroInstructeur.parse(EXEMPLE)
    assert n.format() == "093 A 123 01 00000"
    assert ni.format(EXEMPLE) == "093 A 123 01 00000"
    assert NumeroInstructeur.parse(n.format()) == n


def test_constructeur_par_parties() -> None:
    n = NumeroInstructeur(departement="02A", type_instructeur="C", commune="004", rang="12")
    assert str(n) == "02AC0041200000"
    with pytest.raises(NumeroInstructeurMalForme) as info:
        NumeroInstructeur(departement="2A", type_instructeur="C", commune="004", rang="12")
    assert info.value.parties == ("longueur",)
    with pytest.raises(NumeroInstructeurMalForme) as info:
        NumeroInstructeur(departement="02a", type_instructeur="c", commune="004", rang="12")
    assert info.value.parties == ("departement", "type")
    with pytest.raises(DonneeInvalide) as info_type:
        NumeroInstructeur(departement=93, type_instructeur="C", commune="004", rang="12")  # type: ignore[arg-type]
    assert info_type.value.code == "MCP-DONNEE-TYPE"


# --- le remède du guide : ajouter cinq zéros (MCP-NUM-02) -------------------------------


def test_neuf_caracteres_incomplet_avec_suggestion() -> None:
    with pytest.raises(NumeroInstructeurIncomplet) as info:
        NumeroInstructeur.parse("093A12301")
    erreur = info.value
    assert isinstance(erreur, DonneeInvalide)
    assert isinstance(erreur, ValueError)
    assert erreur.code == "MCP-NUM-02"
    assert erreur.suggestion == NumeroInstructeur.parse(EXEMPLE)
    assert isinstance(erreur.suggestion, NumeroInstructeur)
    assert "093A1230100000" in erreur.message
    assert "zéros" in erreur.message
    assert erreur.valeur == "093A12301"


def test_completer_ajoute_les_cinq_zeros() -> None:
    attendu = NumeroInstructeur.parse(EXEMPLE)
    assert NumeroInstructeur.completer("093A12301") == attendu
    assert NumeroInstructeur.completer("093 a 123 01") == attendu
    assert NumeroInstructeur.completer(EXEMPLE) == attendu
    assert NumeroInstructeur.completer(attendu) is attendu
    assert ni.completer("093-a-123-01") == EXEMPLE


def test_neuf_caracteres_refuses_par_les_fonctions_strictes() -> None:
    assert not ni.is_valid("093A12301")
    with pytest.raises(NumeroInstructeurIncomplet):
        ni.validate("093A12301")
    with pytest.raises(NumeroInstructeurIncomplet):
        ni.format("093A12301")


def test_neuf_caracteres_mal_formes_ne_sont_pas_incomplets() -> None:
    """Compléter un numéro faux ne le rend pas juste : le défaut est nommé."""
    erreur = malforme("099A12301")
    assert erreur.parties == ("departement",)
    with pytest.raises(NumeroInstructeurMalForme):
        NumeroInstructeur.completer("099A12301")


@pytest.mark.parametrize("texte", ["093A123010", "093A1230100", "093A12301000", "093A123010000"])
def test_zeros_partiels_refuses(texte: str) -> None:
    """Seuls 9 ou 14 caractères sont permis : on ne devine pas une saisie partielle."""
    assert malforme(texte).parties == ("longueur",)
    with pytest.raises(NumeroInstructeurMalForme):
        NumeroInstructeur.completer(texte)


# --- chaque partie fautive est nommée (MCP-NUM-01) -------------------------------------


@pytest.mark.parametrize(
    ("texte", "partie", "mot"),
    [
        ("099A1230100000", "departement", "département"),
        ("020A1230100000", "departement", "département"),
        ("09301230100000", "type", "type"),
        ("093A1X30100000", "commune", "commune"),
        ("093A123AB00000", "rang", "rang"),
        ("093A1230199999", "suffixe", "00000"),
        ("093A123", "longueur", "caractères"),
        ("093A12301000000", "longueur", "caractères"),
        ("", "longueur", "caractères"),
        ("093A1230100000" * 3, "longueur", "caractères"),
        ("093\u00e91230100000", "caracteres", "ASCII"),
    ],
)
def test_partie_fautive_nommee(texte: str, partie: str, mot: str) -> None:
    erreur = malforme(texte)
    assert erreur.parties == (partie,)
    assert mot in erreur.message
    assert erreur.message.startswith("numéro d'instructeur")


def test_plusieurs_parties_fautives_toutes_nommees() -> None:
    erreur = malforme("9991XYZAB12345")
    assert erreur.parties == ("departement", "type", "commune", "rang", "suffixe")
    for mot in ("département", "type", "commune", "rang", "00000"):
        assert mot in erreur.message


# --- interprétation 7 : les départements, exhaustivement ------------------------------


def _candidats_departement() -> list[str]:
    alphabet = "0123456789ABZ"
    return sorted({a + b + c for a in alphabet for b in alphabet for c in alphabet})


def test_departements_exhaustifs() -> None:
    acceptes = set()
    for dep in _candidats_departement():
        if ni.is_valid(f"{dep}A1230100000"):
            acceptes.add(dep)
        else:
            assert "departement" in malforme(f"{dep}A1230100000").parties
    assert acceptes == DEPARTEMENTS_PERMIS
    assert ni.DEPARTEMENTS == DEPARTEMENTS_PERMIS


@pytest.mark.parametrize(
    "dep",
    [
        *(f"{n:03d}" for n in range(1, 96) if n != 20),
        "02A",
        "02B",
        "02a",
        "02b",
        *map(str, range(971, 977)),
    ],
)
def test_departement_accepte(dep: str) -> None:
    assert NumeroInstructeur.parse(f"{dep}A1230100000").departement == dep.upper()


@pytest.mark.parametrize(
    "dep", ["000", "020", "096", "099", "100", "970", "977", "978", "02C", "2A0", "A02", "97A"]
)
def test_departement_refuse(dep: str) -> None:
    with pytest.raises(NumeroInstructeurMalForme):
        NumeroInstructeur.parse(f"{dep}A1230100000")


def test_corse_sans_zero_refusee() -> None:
    """« 2A » n'a que deux caractères : le département doit en compter trois."""
    assert malforme("2AA1230100000").parties == ("longueur",)
    erreur = malforme("2AA12301000000")  # 14 caractères, mais tout est décalé
    assert "departement" in erreur.parties


# --- saisie : séparateurs et casse tolérés, sosies refusés -----------------------------


@pytest.mark.parametrize(
    "texte",
    [
        "093A1230100000",
        "093a1230100000",
        "093 A 123 01 00000",
        "093.A.123.01.00000",
        "093-A-123-01-00000",
        " 093 a 123-01.00000 ",
        "0 9 3 A 1 2 3 0 1 0 0 0 0 0",
        "093--A..123  01 00000",
    ],
)
def test_separateurs_et_minuscules_acceptes(texte: str) -> None:
    assert str(NumeroInstructeur.parse(texte)) == EXEMPLE
    assert ni.compact(texte) == EXEMPLE
    assert ni.validate(texte) == EXEMPLE


@pytest.mark.parametrize(
    "texte",
    [
        pytest.param("０９３Ａ１２３０１０００００", id="chiffres-pleine-chasse"),
        pytest.param("093A１２３0100000", id="commune-pleine-chasse"),
        pytest.param("\u0660\u0669\u0663A1230100000", id="chiffres-arabes"),
        pytest.param("\u06f0\u06f9\u06f3A1230100000", id="chiffres-persans"),
        pytest.param("093\u212a1230100000", id="signe-kelvin"),
        pytest.param("093\u01311230100000", id="i-sans-point"),
        pytest.param("093\u017f1230100000", id="s-long"),
        pytest.param("093\u00a0A1230100000", id="espace-insecable"),
        pytest.param("093A1230100000\u200b", id="espace-sans-chasse"),
        pytest.param("093\u04101230100000", id="a-cyrillique"),
        pytest.param("\u202e093A1230100000", id="rtl-override"),
        pytest.param("093A123\u00b9\u00b200000", id="exposants"),
        pytest.param("093\tA1230100000", id="tabulation"),
        pytest.param("093_A1230100000", id="souligne"),
        pytest.param("093/A1230100000", id="barre"),
    ],
)
def test_sosies_et_separateurs_inconnus_refuses(texte: str) -> None:
    with pytest.raises(DonneeInvalide) as info:
        NumeroInstructeur.parse(texte)
    assert info.value.code == "MCP-NUM-01"
    assert not ni.is_valid(texte)
    with pytest.raises(DonneeInvalide):
        NumeroInstructeur.completer(texte)


def test_caractere_non_ascii_nomme() -> None:
    erreur = malforme("093\u212a1230100000")
    assert erreur.parties == ("caracteres",)
    assert "U+212A" in erreur.message


@pytest.mark.parametrize("valeur", [None, 93, 93.0, b"093A1230100000", ["093A1230100000"], True])
def test_non_texte_refuse(valeur: object) -> None:
    for lire in (NumeroInstructeur.parse, NumeroInstructeur.completer, ni.validate, ni.compact):
        with pytest.raises(DonneeInvalide) as info:
            lire(valeur)
        assert info.value.code == "MCP-DONNEE-TYPE"
    assert ni.is_valid(valeur) is False


# --- propriétés -------------------------------------------------------------------------


@given(numeros)
def test_parse_de_str_rend_le_meme_numero(n: NumeroInstructeur) -> None:
    assert NumeroInstructeur.parse(str(n)) == n
    assert NumeroInstructeur.parse(n) is n
    assert NumeroInstructeur.completer(str(n)) == n
    assert ni.validate(str(n)) == str(n)
    assert ni.is_valid(str(n))
    assert hash(NumeroInstructeur.parse(str(n))) == hash(n)


@given(numeros)
def test_format_aller_retour(n: NumeroInstructeur) -> None:
    lisible = n.format()
    assert lisible == ni.format(str(n))
    assert ni.compact(lisible) == str(n)
    assert NumeroInstructeur.parse(lisible) == n
    assert ni.format(lisible) == lisible
    d, t, c, r, z = lisible.split(" ")
    assert (d, t, c, r, z) == (n.departement, n.type_instructeur, n.commune, n.rang, "00000")


@given(numeros, st.data())
def test_saisie_bruitee_acceptee(n: NumeroInstructeur, data: st.DataObject) -> None:
    saisie = data.draw(saisies_bruitees(n))
    assert NumeroInstructeur.parse(saisie) == n


@given(numeros)
def test_neuf_premiers_caracteres_completes(n: NumeroInstructeur) -> None:
    tete = str(n)[:9]
    with pytest.raises(NumeroInstructeurIncomplet) as info:
        NumeroInstructeur.parse(tete)
    assert info.value.suggestion == n
    assert NumeroInstructeur.completer(tete) == n


saisies_quelconques = st.one_of(
    st.text(alphabet="0123456789AaBbZz .-", max_size=18),
    st.text(max_size=16),
    numeros.map(str),
    st.builds(
        lambda n, i, c: str(n)[:i] + c + str(n)[i + 1 :],
        numeros,
        st.integers(0, 13),
        st.characters(),
    ),
)


@given(saisies_quelconques)
def test_accepte_exactement_ce_que_dit_l_oracle(texte: str) -> None:
    attendu = oracle(texte)
    assert ni.is_valid(texte) is (attendu is not None)
    if attendu is None:
        with pytest.raises(DonneeInvalide) as info:
            NumeroInstructeur.parse(texte)
        assert info.value.code in ("MCP-NUM-01", "MCP-NUM-02")
    else:
        assert str(NumeroInstructeur.parse(texte)) == attendu


@given(saisies_quelconques)
def test_completer_accepte_neuf_ou_quatorze(texte: str) -> None:
    assume(texte.isascii())
    avec_zeros = oracle(texte + "00000")
    complet = oracle(texte)
    attendu = complet if complet is not None else avec_zeros
    if attendu is None:
        with pytest.raises(NumeroInstructeurMalForme):
            NumeroInstructeur.completer(texte)
    else:
        assert str(NumeroInstructeur.completer(texte)) == attendu
        assert len(ni.compact(texte)) in (9, 14)


# --- la forme canonique, lue sans la valider deux fois --------------------------------------

_PARTIES_CANONIQUES = st.tuples(
    st.sampled_from([*sorted(ni.DEPARTEMENTS), "000", "020", "096", "02C", "970", "977", "2A0"]),
    st.sampled_from([*string.ascii_uppercase, "a", "1", "É", " "]),
    st.sampled_from(["123", "000", "999", "12a", "1 2", "١٢٣"]),
    st.sampled_from(["01", "99", "1a", "٠١"]),
    st.sampled_from(["00000", "00001", "", "0000", "000000", "OOOOO"]),
)


@given(_PARTIES_CANONIQUES.map("".join) | st.text(alphabet="0123456789ABZaz .-", max_size=16))
def test_la_forme_canonique_se_lit_comme_par_le_chemin_complet(texte: str) -> None:
    """``canonique`` rend un numéro exactement quand le chemin complet le lit et qu'il
    s'écrit ainsi, et c'est le même numéro (chiffres arabes-indiens, minuscules, espaces,
    départements qui n'existent pas, suffixes faux : tous rendus au chemin complet)."""
    rapide = NumeroInstructeur.canonique(texte)
    try:
        complet: NumeroInstructeur | None = NumeroInstructeur._depuis_canonique(ni.validate(texte))
    except DonneeInvalide:
        complet = None
    if rapide is None:
        assert complet is None or str(complet) != texte
    else:
        assert rapide == complet
        assert str(rapide) == texte
        assert NumeroInstructeur.parse(texte) == rapide


def test_un_departement_qui_n_existe_pas_n_est_pas_lu_par_la_forme_canonique() -> None:
    assert NumeroInstructeur.canonique("096A1230100000") is None
    assert NumeroInstructeur.canonique("02BA1230100000") == NumeroInstructeur(
        "02B", "A", "123", "01"
    )
    with pytest.raises(DonneeInvalide):
        NumeroInstructeur.parse("096A1230100000")
