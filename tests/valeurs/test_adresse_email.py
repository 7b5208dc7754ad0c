"""L'adresse électronique (MCP-USR-02 : syntaxe vérifiée par email-validator, sans DNS).

Le chemin rapide de :func:`valider_adresse` (domaine vérifié une fois puis mis en
cache, partie locale vérifiée à part) doit dire exactement ce que dirait un appel
complet d'email-validator : on le compare sur des milliers d'adresses.
"""

from __future__ import annotations

import string
from typing import Any

import email_validator
import pytest
from email_validator import EmailNotValidError
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

import conftest
from mcp_rules import AdresseEmail, DonneeInvalide
from mcp_rules.valeurs import adresse_email as module
from mcp_rules.valeurs.adresse_email import valider_adresse

# --- la référence : un appel complet d'email-validator --------------------------------


def reference(adresse: str) -> str | None:
    """Ce que dit email-validator appelé directement : forme normalisée ASCII, ou refus."""
    try:
        info = email_validator.validate_email(
            adresse, check_deliverability=False, allow_smtputf8=False
        )
    except EmailNotValidError:
        return None
    # Pour un domaine ASCII, la forme normalisée est déjà ASCII ; pour un domaine en
    # punycode, email-validator la donne en Unicode et ascii_email en punycode : la
    # bibliothèque garde la forme ASCII (elle n'accepte et ne rend que de l'ASCII).
    if info.normalized.isascii():
        assert info.ascii_email == info.normalized
    return info.ascii_email


def chemin_rapide(adresse: str) -> str | None:
    """Ce que dit la bibliothèque ; un refus doit être une DonneeInvalide en français."""
    try:
        return valider_adresse(adresse)
    except DonneeInvalide as e:
        erreur = e
    assert erreur.code == "MCP-DONNEE-EMAIL"
    assert erreur.message.startswith("adresse électronique")
    assert "syntaxe invalide" not in erreur.message, f"message non traduit : {erreur.message}"
    return None


def comparer(adresse: str) -> None:
    attendu = reference(adresse)
    obtenu = chemin_rapide(adresse)
    assert obtenu == attendu, adresse
    if obtenu is not None:
        assert str(AdresseEmail.parse(adresse)) == obtenu
        # La forme normalisée se relit telle quelle (JSON, bases de données…).
        assert valider_adresse(obtenu) == obtenu


# --- des adresses de toutes sortes, valides et invalides -------------------------------

ATEXT_SPECIAUX = "!#$%&'*+-/=?^_`{|}~"
_LETTRES = string.ascii_letters + string.digits

atomes = st.text(alphabet=_LETTRES + ATEXT_SPECIAUX, min_size=1, max_size=10)
parties_locales = st.one_of(
    st.lists(atomes, min_size=1, max_size=4).map(".".join),
    st.text(alphabet=_LETTRES + ".-_+", min_size=0, max_size=12),
    st.text(alphabet=string.printable, max_size=12),
    st.integers(55, 75).map(lambda n: "a" * n),
    st.sampled_from(
        ["postmaster", "Postmaster", "ABUSE", "info", "Support", '"a b"', '"x"', "a..b"]
    ),
)
etiquettes = st.text(alphabet=string.ascii_letters + string.digits + "-", min_size=0, max_size=12)
domaines = st.one_of(
    st.lists(etiquettes, min_size=1, max_size=4).map(".".join),
    st.sampled_from(
        [
            "ville-exemple.fr",
            "Ville-Exemple.FR",
            "mairie-montreuil.fr",
            "caf.fr",
            "example.com",
            "sub.domain.example.org",
            "xn--bcher-kva.de",
            "XN--BCHER-KVA.DE",
            "xn--abc.fr",
            "ab--cd.fr",
            "localhost",
            "x.invalid",
            "a.local",
            "a.test",
            "a.onion",
            "a.arpa",
            "a.123",
            "a.b",
            "a-.fr",
            "-a.fr",
            "a..fr",
            "a.fr.",
            ".a.fr",
            "[192.0.2.1]",
            "[IPv6:2001:db8::1]",
            "a" * 63 + ".fr",
            "a" * 64 + ".fr",
            ".".join(["abcdefghi"] * 25) + ".fr",
            ".".join(["abcdefghi"] * 26) + ".fr",
        ]
    ),
    st.text(alphabet=string.printable, max_size=15),
)
adresses = st.one_of(
    st.builds(lambda locale, domaine: f"{locale}@{domaine}", parties_locales, domaines),
    st.builds(lambda locale, domaine: f"{locale}@{domaine}", parties_locales, domaines),
    st.text(alphabet=string.printable, max_size=40),
    st.builds(
        lambda avant, adresse, apres: avant + adresse + apres,
        st.sampled_from(["", " ", "<", "Marie <", '"Marie" <', "\t", "\n"]),
        st.builds(lambda locale, domaine: f"{locale}@{domaine}", parties_locales, domaines),
        st.sampled_from(["", " ", ">", "> ", "\n", "\x00", "@"]),
    ),
)


@settings(phases=[p for p in Phase if p is not Phase.shrink])
@given(st.lists(adresses, min_size=30, max_size=30))
def test_chemin_rapide_identique_a_email_validator(lot: list[str]) -> None:
    """Trente adresses par exemple : des milliers à chaque exécution de la suite.

    Pas de réduction (shrink) : elle serait très lente sur des lots de trente, et le
    message d'échec nomme déjà l'adresse fautive.
    """
    for adresse in lot:
        comparer(adresse)


LOCALES_FIXES = [
    "marie.durand",
    "Marie.Durand",
    "m",
    "marie+cdap",
    "marie_durand",
    "marie-durand",
    "o'neil",
    "x!#$%&'*+-/=?^_`{|}~",
    "postmaster",
    "PostMaster",
    ".marie",
    "marie.",
    "ma..rie",
    "ma rie",
    "ma@rie",
    '"marie"',
    '"ma rie"',
    "ma(rie)",
    "ma,rie",
    "ma;rie",
    "ma[rie]",
    "ma\\rie",
    "",
    "a" * 64,
    "a" * 65,
    "a" * 200,
]
DOMAINES_FIXES = [
    "ville-exemple.fr",
    "VILLE-EXEMPLE.FR",
    "caf.fr",
    "xn--bcher-kva.de",
    "sous.domaine.exemple.org",
    "",
    "fr",
    "localhost",
    "exemple",
    "exemple.",
    "exemple..fr",
    "-exemple.fr",
    "exemple-.fr",
    "exemple.f",
    "exemple.123",
    "exemple.invalid",
    "ex_emple.fr",
    "ex emple.fr",
    "[192.0.2.1]",
    "a" * 63 + ".fr",
    "a" * 64 + ".fr",
    ".".join(["a" * 60] * 4) + ".fr",
]


@pytest.mark.parametrize("domaine", DOMAINES_FIXES)
def test_chemin_rapide_identique_sur_un_corpus_fixe(domaine: str) -> None:
    for locale in LOCALES_FIXES:
        comparer(f"{locale}@{domaine}")


def test_longueur_du_domaine_internationalise_controlee() -> None:
    """email-validator contrôle aussi la longueur de la forme Unicode du domaine."""
    import idna

    etiquette = idna.encode("é" * 50).decode("ascii")  # 56 caractères, 100 octets en UTF-8
    domaine = f"{etiquette}.{etiquette}.fr"
    courte, longue = "a" * 49 + "@" + domaine, "a" * 50 + "@" + domaine
    assert len(longue) < 254  # la forme ASCII, elle, tient dans la limite
    comparer(courte)
    comparer(longue)
    assert chemin_rapide(courte) == courte
    assert chemin_rapide(longue) is None


# --- normalisation ------------------------------------------------------------------------


def test_domaine_mis_en_minuscules_partie_locale_gardee() -> None:
    a = AdresseEmail.parse("Marie.Durand@Mairie-Montreuil.FR")
    assert str(a) == "Marie.Durand@mairie-montreuil.fr"
    assert a.partie_locale == "Marie.Durand"
    assert a.domaine == "mairie-montreuil.fr"
    assert a.cle == "marie.durand@mairie-montreuil.fr"


def test_casse_distincte_mais_meme_cle() -> None:
    a = AdresseEmail.parse("Marie.Durand@ville-exemple.fr")
    b = AdresseEmail.parse("marie.durand@VILLE-EXEMPLE.fr")
    assert a != b
    assert a.cle == b.cle


def test_noms_de_boites_rfc_2142_en_minuscules() -> None:
    assert str(AdresseEmail.parse("PostMaster@Exemple.fr")) == "postmaster@exemple.fr"


def test_punycode_garde_en_ascii_et_relu() -> None:
    a = AdresseEmail.parse("Marie@XN--BCHER-KVA.DE")
    assert str(a) == "Marie@xn--bcher-kva.de"
    assert str(a).isascii()
    assert AdresseEmail.parse(str(a)) == a


def test_parse_idempotent_et_instance_rendue() -> None:
    a = AdresseEmail.parse("marie.durand@ville-exemple.fr")
    assert AdresseEmail.parse(a) is a
    assert AdresseEmail.parse(str(a)) == a
    assert AdresseEmail(str(a)) == a


@given(adresses)
def test_normalisation_stable(adresse: str) -> None:
    obtenu = chemin_rapide(adresse)
    if obtenu is not None:
        assert valider_adresse(obtenu) == obtenu
        assert obtenu.isascii()
        assert obtenu.rpartition("@")[2] == obtenu.rpartition("@")[2].lower()


# --- refus ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "adresse",
    [
        pytest.param("marie.durand@ville-exemple.fr\u200b", id="espace-sans-chasse"),
        pytest.param("m\u0430rie@ville-exemple.fr", id="a-cyrillique"),
        pytest.param("marie.dur\u00e9@ville-exemple.fr", id="e-accent"),
        pytest.param("marie@b\u00fccher.de", id="domaine-unicode"),
        pytest.param("marie\uff20ville-exemple.fr", id="arobase-pleine-chasse"),
        pytest.param("mar\u0131e@ville-exemple.fr", id="i-sans-point"),
        pytest.param("\u212aevin@ville-exemple.fr", id="signe-kelvin"),
        pytest.param("\u202emarie@ville-exemple.fr", id="rtl-override"),
        pytest.param("marie\u00a0@ville-exemple.fr", id="espace-insecable"),
        pytest.param("\ud800@ville-exemple.fr", id="surrogat-isole"),
    ],
)
def test_non_ascii_refuse(adresse: str) -> None:
    with pytest.raises(DonneeInvalide) as info:
        AdresseEmail.parse(adresse)
    assert info.value.code == "MCP-DONNEE-EMAIL"
    assert "non ASCII" in info.value.message


@pytest.mark.parametrize(
    ("adresse", "fragment"),
    [
        ("Marie Durand <marie@ville-exemple.fr>", ""),
        ("<marie@ville-exemple.fr>", ""),
        ('"Marie Durand" <marie@ville-exemple.fr>', ""),
        ('"marie durand"@ville-exemple.fr', ""),
        ('"marie"@ville-exemple.fr', ""),
        ('"a@b"@ville-exemple.fr', ""),
        ("marie@[192.0.2.1]", "crochets"),
        ("marie@[IPv6:2001:db8::1]", "crochets"),
        ("marie(commentaire)@ville-exemple.fr", "avant l'arobase"),
        (" marie@ville-exemple.fr", "avant l'arobase"),
        ("marie@ville-exemple.fr ", "domaine"),
        ("marie@ville-exemple.fr\n", "domaine"),
        ("marie.durand@", "rien ne suit l'arobase"),
        ("@ville-exemple.fr", "rien ne précède l'arobase"),
        ("marie.durand", "il manque l'arobase"),
        ("marie@localhost", "point"),
        ("marie@ville.invalid", "réservé"),
        ("marie..durand@ville-exemple.fr", "deux points"),
        (".marie@ville-exemple.fr", "commence par un point"),
        ("marie.@ville-exemple.fr", "précède immédiatement"),
        ("marie@.ville-exemple.fr", "suit immédiatement"),
        ("marie@ville-exemple.fr.", "termine par un point"),
        ("marie@-ville.fr", "tiret"),
        ("marie@ville-.fr", "tiret"),
        ("marie@ville.123", "extension"),
        ("marie@" + "a" * 64 + ".fr", "63"),
        ("a" * 250 + "@ville.fr", "254"),
        ("", "arobase"),
    ],
)
def test_refus_expliques_en_francais(adresse: str, fragment: str) -> None:
    assert reference(adresse) is None  # email-validator refuse aussi
    with pytest.raises(DonneeInvalide) as info:
        AdresseEmail.parse(adresse)
    erreur = info.value
    assert erreur.code == "MCP-DONNEE-EMAIL"
    assert erreur.message.startswith("adresse électronique")
    assert "refusée" in erreur.message
    assert fragment in erreur.message
    assert "syntaxe invalide" not in erreur.message
    assert erreur.valeur == adresse


@pytest.mark.parametrize("valeur", [None, 3, b"marie@ville-exemple.fr", ["a@b.fr"], True, 1.5])
def test_non_texte_refuse(valeur: object) -> None:
    with pytest.raises(DonneeInvalide) as info:
        AdresseEmail.parse(valeur)
    assert info.value.code == "MCP-DONNEE-TYPE"


def test_texte_enorme_refuse_sans_lenteur() -> None:
    with pytest.raises(DonneeInvalide) as info:
        AdresseEmail.parse("a" * 10**6 + "@ville-exemple.fr")
    assert info.value.code == "MCP-DONNEE-EMAIL"
    assert len(info.value.message) < 300


@given(st.text(min_size=1).filter(lambda t: not t.isascii()), adresses)
def test_tout_caractere_non_ascii_refuse(intrus: str, adresse: str) -> None:
    milieu = len(adresse) // 2
    with pytest.raises(DonneeInvalide):
        valider_adresse(adresse[:milieu] + intrus + adresse[milieu:])


# --- jamais de DNS -------------------------------------------------------------------------


def test_email_validator_jamais_appele_avec_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    appels: list[dict[str, Any]] = []
    vraie = email_validator.validate_email

    def espion(adresse: str, /, **options: Any) -> Any:
        appels.append(options)
        assert options.get("check_deliverability") is False, options
        assert options.get("allow_smtputf8") is False, options
        return vraie(adresse, **options)

    monkeypatch.setattr(module, "validate_email", espion)
    module._domaine.cache_clear()
    try:
        for adresse in (
            "marie.durand@caf.fr",
            "anne@gmail.com",
            "jean@domaine-qui-n-existe-pas-du-tout.fr",
            "x@exemple.fr",
        ):
            AdresseEmail.parse(adresse)
        with pytest.raises(DonneeInvalide):
            AdresseEmail.parse("marie@sans-point")
    finally:
        module._domaine.cache_clear()
    assert len(appels) == 5


def test_aucune_tentative_reseau_enregistree() -> None:
    """Des domaines bien réels : la garde de conftest verrait la moindre résolution."""
    avant = len(conftest.TENTATIVES)
    module._domaine.cache_clear()
    for domaine in ("caf.fr", "gmail.com", "service-public.fr", "example.org"):
        AdresseEmail.parse(f"marie.durand@{domaine}")
    assert conftest.TENTATIVES[avant:] == []


def test_domaine_verifie_une_seule_fois() -> None:
    module._domaine.cache_clear()
    for i in range(50):
        AdresseEmail.parse(f"agent{i}@ville-exemple.fr")
    info = module._domaine.cache_info()
    assert info.misses == 1
    assert info.hits == 49
