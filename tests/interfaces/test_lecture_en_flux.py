"""La lecture au fil du fichier (:mod:`mcp_rules.interfaces.serialisation.flux`) rend
exactement ce que rend la lecture complète, ou ``None`` — jamais une autre convention.

Chaque document est lu par les deux chemins, par blocs de 1 à quelques milliers de
caractères (un compte coupé partout, un nombre coupé en deux, une virgule seule en fin de
bloc) : valides écrits de plusieurs façons (blancs, retraits, ordre des membres), et
abîmés (un caractère retiré, doublé ou remplacé ; un membre en double ; une accolade dans un
nom ; du texte après le document).
"""

from __future__ import annotations

import io
import json
import random
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mcp_rules import Convention, DonneeInvalide, DonneesInvalides, Utilisateur
from mcp_rules import strategies as mst
from mcp_rules.exemple import convention_exemple
from mcp_rules.generateur import convention_synthetique
from mcp_rules.interfaces.entrees import convention_du_fichier
from mcp_rules.interfaces.serialisation import flux, rapide
from mcp_rules.interfaces.serialisation.flux import BLOC, convention_en_flux
from mcp_rules.interfaces.serialisation.lecture import charger_json
from mcp_rules.interfaces.serialisation.rapide import RAPIDES
from mcp_rules.serialisation import depuis_dict, depuis_json, vers_dict, vers_json

BLOCS = (1, 2, 3, 5, 16, 100, 4096)


def _complet(texte: str) -> Convention | str:
    """La lecture complète (le document décodé entier, puis la convention) : la convention,
    ou le premier code d'erreur."""
    try:
        return depuis_dict(charger_json(texte), Convention)
    except DonneeInvalide as exc:
        premiere = exc.erreurs[0].code if isinstance(exc, DonneesInvalides) else exc.code
        return f"erreur {premiere}"


def _par_depuis_json(texte: str) -> Convention | str:
    try:
        return depuis_json(texte, Convention)
    except DonneeInvalide as exc:
        premiere = exc.erreurs[0].code if isinstance(exc, DonneesInvalides) else exc.code
        return f"erreur {premiere}"


def _en_flux(texte: str, bloc: int) -> Convention | None:
    return convention_en_flux(io.StringIO(texte), bloc)


def _meme_lecture(texte: str, blocs: tuple[int, ...] = BLOCS) -> Convention | None:
    """Vérifie, pour chaque taille de bloc, que le flux rend ``None`` ou la convention de
    la lecture complète, et que ``depuis_json`` rend ce que rend la lecture complète ; rend
    ce qu'a lu le flux (le même pour tous les blocs)."""
    attendu = _complet(texte)
    assert _par_depuis_json(texte) == attendu
    lus = set()
    premier: Convention | None = None
    for bloc in blocs:
        lu = _en_flux(texte, bloc)
        if lu is not None:
            assert isinstance(attendu, Convention), (bloc, attendu)
            assert lu == attendu
            assert vers_json(lu) == vers_json(attendu)
            premier = lu
        lus.add(lu is None)
    assert len(lus) == 1, "le flux accepte avec un bloc et refuse avec un autre"
    return premier


def _ecritures(c: Convention) -> list[str]:
    """Le même document écrit de plusieurs façons valides."""
    d = vers_dict(c)
    inverse = dict(reversed(list(d.items())))
    return [
        vers_json(c),
        json.dumps(d, indent=2, ensure_ascii=False),
        json.dumps(d, separators=(",", ":")),
        json.dumps(d, indent="\t") + "\n\n",
        " \r\n" + json.dumps(d, separators=(" , ", " : ")) + " ",
        json.dumps(inverse, ensure_ascii=True),
    ]


def test_l_exemple_se_lit_en_flux_ecrit_de_chaque_facon() -> None:
    for texte in _ecritures(convention_exemple()):
        lu = _meme_lecture(texte)
        if texte.lstrip().startswith('{"journal"'):
            continue  # groupes avant comptes : le chemin complet s'en charge
        assert lu == convention_exemple()


def test_une_convention_synthetique_se_lit_en_flux_par_petits_blocs() -> None:
    c = convention_synthetique(300, graine=5)
    for texte in _ecritures(c)[:3]:
        assert _meme_lecture(texte, (7, 64, 1000, 1 << 20)) == c


@settings(max_examples=60)
@given(mst.conventions(max_comptes=8), st.sampled_from(BLOCS))
def test_toute_convention_valide_se_lit_en_flux(c: Convention, bloc: int) -> None:
    texte = vers_json(c)
    assert _en_flux(texte, bloc) == c


def test_des_groupes_avant_les_comptes_passent_par_le_chemin_complet() -> None:
    d = vers_dict(convention_exemple())
    groupes_d_abord = {"groupes": d.pop("groupes"), **d}
    texte = json.dumps(groupes_d_abord)
    assert _en_flux(texte, 1 << 20) is None
    assert _complet(texte) == convention_exemple()


def _abimes(texte: str, graine: int, nombre: int) -> list[str]:
    """Des copies de ``texte`` abîmées d'un geste chacune."""
    alea = random.Random(graine)  # noqa: S311 - des données de test, pas de la sécurité
    gestes = []
    for _ in range(nombre):
        i = alea.randrange(len(texte))
        geste = alea.randrange(4)
        if geste == 0:
            gestes.append(texte[:i] + texte[i + 1 :])
        elif geste == 1:
            gestes.append(texte[:i] + texte[i] + texte[i:])
        elif geste == 2:
            gestes.append(texte[:i] + alea.choice('{}[],:"0 tn-\\') + texte[i + 1 :])
        else:
            gestes.append(texte[:i])
    return gestes


@pytest.mark.parametrize("graine", range(4))
def test_un_document_abime_n_est_jamais_lu_autrement(graine: int) -> None:
    texte = vers_json(convention_synthetique(12, graine=graine))
    for abime in _abimes(texte, graine, 150):
        _meme_lecture(abime, (1, 9, 4096))


AJOUTS: tuple[tuple[str, str], ...] = (
    # (ce qu'on cherche, ce qu'on met à la place, une fois)
    ('"nom": "', '"nom": "}, {'),
    ('"nom": "', '"nom": "}, '),
    ('"prenom": "', '"prenom": "\\"}, {\\"'),
    ('"mandats": []', '"mandats": [], "mandats": []'),
    ('"mandats": []', '"mandats": ["1", "1"]'),
    ('"identifiant": ', '"identifiant": "x", "identifiant": '),
    ('{"identifiant"', '{"couleur": 1, "identifiant"'),
    ('"utilisateurs": [', '"utilisateurs": [1, '),
    ('"utilisateurs": [', '"utilisateurs": [{}, '),
    ('"utilisateurs": [', '"utilisateurs": [[], '),
    ('"groupes": [', '"groupes": [{"code": {"a": 1}}, '),
    ('"journal": [', '"journal": {'),
    ('"numero": ', '"numero": "1", "numero": '),
    ('"numero": ', '"numero": NaN, "x": '),
    ('"gestion_deleguee": true', '"gestion_deleguee": 1'),
    # Le décodage des comptes par msgspec (rapide.comptes_bruts), qui garde sans rien dire
    # la dernière valeur d'un membre en double : chaque doublon doit être vu.
    ('"nom": "', '"n\\u006fm": "X", "nom": "'),
    ('"nom": "', '"nom": "a\\\\", "nom": "'),
    ('"code_bailleur": null', '"code_bailleur": "B1", "code_bailleur": null'),
    ('"code_bailleur": null', '"code_bailleur": null, "code_bailleur": "B1"'),
    ('"mandats": []', '"mandats": ["1"], "mandats": []'),
    ('"mot_de_passe_personnalise": true', '"mot_de_passe_personnalise": 1'),
    ('"mot_de_passe_personnalise": true', '"mot_de_passe_personnalise": false, "x\\"": 1'),
    ('"nom": "', '"nom": "\\ud800'),
    ('"nom": "', '"nom": "\\"\\\\'),
    ('"cloture_le": null, ', ""),
    # Un champ retiré et un autre doublé : le compte des clés tomberait juste ; msgspec
    # refuse d'abord le champ manquant (revue adverse du décodage rapide).
    ('"cloture_le": null, ', '"nom": "X", '),
    ('"cloture_le": null, ', '"n\\u006fm": null, '),
    ('"fonction": "', '"fonction": 1, "f": "'),
)


@pytest.mark.parametrize(("avant", "apres"), AJOUTS)
def test_les_pieges_du_decoupage_sont_relus_par_le_chemin_complet(avant: str, apres: str) -> None:
    texte = vers_json(convention_synthetique(40, graine=3))
    assert avant in texte
    for n in (1, 2, 30):
        _meme_lecture(texte.replace(avant, apres, n), (1, 7, 64, 4096))


def test_les_comptes_se_decodent_par_msgspec_meme_avec_des_echappements(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Le décodage rapide sert bien : les comptes d'un document écrit par la bibliothèque,
    ou par ``json.dumps`` avec ses échappements (``\\u00e9``, ``\\"``), passent par lui."""
    decodes: list[int | None] = []

    def espion(morceau: str, texte: str) -> list[rapide.CompteBrut] | None:
        lus = rapide.comptes_bruts(morceau, texte)
        decodes.append(None if lus is None else len(lus))
        return lus

    monkeypatch.setattr(flux, "comptes_bruts", espion)
    c = convention_synthetique(300, graine=5)
    d = vers_dict(c)
    d["utilisateurs"][3]["nom"] = 'Lé"on\\'  # un guillemet et une barre échappés
    echappe = json.dumps(d, ensure_ascii=True)
    assert "\\u00e9" in echappe
    for texte in (vers_json(c), echappe):
        decodes.clear()
        attendu = _complet(texte)
        assert _en_flux(texte, 4096) == attendu
        # Chaque lot, sauf le dernier (la fin de la liste et les groupes le suivent) ;
        # le compte aux échappements est dans le premier.
        assert decodes[-1] is None
        assert None not in decodes[:-1], decodes
        assert sum(n or 0 for n in decodes) > 250, decodes


_VALEURS_EN_DOUBLE = ('"x"', "null", "true", "[]", '["1"]', '"a\\\\"', '"\\""', '"é"', "1")


def _cle_ecrite(champ: str, echappee: int | None) -> str:
    """Le nom d'un champ en JSON, une de ses lettres écrite ``\\uXXXX`` si demandé."""
    if echappee is None:
        return f'"{champ}"'
    i = echappee % len(champ)
    return f'"{champ[:i]}\\u{ord(champ[i]):04x}{champ[i + 1 :]}"'


@settings(max_examples=80)
@given(
    compte=st.integers(0, 11),
    champ=st.sampled_from([a.name for a in attrs.fields(Utilisateur)]),
    valeur=st.sampled_from(_VALEURS_EN_DOUBLE),
    echappee=st.none() | st.integers(0, 30),
    avant=st.booleans(),
)
def test_un_champ_de_compte_en_double_n_est_jamais_lu_autrement(
    compte: int, champ: str, valeur: str, echappee: int | None, avant: bool
) -> None:
    """Un membre en double dans un compte complet (le cas que msgspec lirait sans rien dire),
    écrit avant ou après l'original, son nom échappé ou non : jamais une autre lecture."""
    d = vers_dict(convention_synthetique(12, graine=7))
    comptes = [json.dumps(u, ensure_ascii=False) for u in d["utilisateurs"]]
    double = f"{_cle_ecrite(champ, echappee)}: {valeur}"
    u = comptes[compte]
    comptes[compte] = "{" + double + ", " + u[1:] if avant else u[:-1] + ", " + double + "}"
    d["utilisateurs"] = []
    texte = json.dumps(d, ensure_ascii=False).replace(
        '"utilisateurs": []', '"utilisateurs": [' + ", ".join(comptes) + "]"
    )
    assert _complet(texte) == "erreur MCP-DONNEE-DOUBLON"
    assert _meme_lecture(texte, (64, 4096)) is None


def test_la_structure_des_comptes_bruts_suit_l_ordre_des_champs() -> None:
    """``lire_compte_brut`` passe les champs à ``_compte`` dans l'ordre des attributs."""
    assert rapide.CompteBrut.__struct_fields__ == tuple(a.name for a in attrs.fields(Utilisateur))


@pytest.mark.parametrize("fin", ["x", "{}", "]", ",", "\x00", "\ufeff", '{"numero": "1"}'])
def test_des_donnees_apres_le_document_sont_relues_par_le_chemin_complet(fin: str) -> None:
    texte = vers_json(convention_exemple()) + fin
    assert _en_flux(texte, 4096) is None
    assert not isinstance(_complet(texte), Convention)


def test_un_nom_avec_accolades_et_virgules_se_lit_sans_erreur() -> None:
    c = convention_synthetique(50, graine=8)
    d = vers_dict(c)
    for u in d["utilisateurs"][::3]:
        u["nom"] = "}, {" + u["nom"] + '"}], ['
    texte = json.dumps(d)
    lu = _meme_lecture(texte, (5, 64, 300, 1 << 20))
    assert lu is not None
    assert [u.nom for u in lu.utilisateurs][:1] == [d["utilisateurs"][0]["nom"]]


def test_le_chemin_rapide_retire_tout_passe_par_le_chemin_complet(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sans_comptes = {k: v for k, v in RAPIDES.items() if k is not Utilisateur}
    monkeypatch.setattr("mcp_rules.interfaces.serialisation.flux.RAPIDES", sans_comptes)
    assert _en_flux(vers_json(convention_exemple()), 4096) is None


def test_un_flux_qui_rend_des_octets_ou_echoue_rend_none() -> None:
    class Octets(io.RawIOBase):
        def read(self, n: int = -1) -> Any:
            return b"{}"

    class Panne(io.TextIOBase):
        def read(self, n: int | None = -1) -> str:
            raise OSError("disque arraché")

    assert convention_en_flux(Octets(), 10) is None
    assert convention_en_flux(Panne(), 10) is None


def test_le_fichier_se_lit_en_flux_ou_rend_none(tmp_path: Path) -> None:
    bon = tmp_path / "bon.json"
    bon.write_text("\ufeff" + vers_json(convention_exemple()), encoding="utf-8")
    assert convention_du_fichier(str(bon)) == convention_exemple()
    pas_utf8 = tmp_path / "latin.json"
    latin = vers_json(convention_exemple()).replace("Caf", "Caf\xe9").encode("latin-1")
    pas_utf8.write_bytes(latin)
    assert convention_du_fichier(str(pas_utf8)) is None
    assert convention_du_fichier(str(tmp_path / "absent.json")) is None
    assert convention_du_fichier(str(tmp_path)) is None
    assert convention_du_fichier("a\x00b") is None
    crlf = tmp_path / "crlf.json"
    retraits = json.dumps(vers_dict(convention_exemple()), indent=1)
    crlf.write_bytes(retraits.encode().replace(b"\n", b"\r\n"))
    assert convention_du_fichier(str(crlf)) == convention_exemple()


@pytest.mark.parametrize("liste", ["utilisateurs", "groupes"])
def test_une_virgule_finale_dans_une_liste_n_est_jamais_lue(liste: str) -> None:
    """``[{...},]`` : le chemin complet refuse ; le flux lisait ``[`` + ``]...`` comme une
    liste vide quand le dernier élément avait été lu seul (coupé par la fin du bloc)."""
    d = vers_dict(convention_synthetique(3, graine=4))
    texte = json.dumps(d)
    suivant = {"utilisateurs": "groupes", "groupes": "afas"}[liste]
    fin = f'}}], "{suivant}"'
    assert fin in texte
    for virgule in ("},]", "} ,\n ]"):
        abime = texte.replace(fin, virgule + f', "{suivant}"', 1)
        assert not isinstance(_complet(abime), Convention)
        assert _en_flux(abime, BLOC) is None
        for bloc in (*range(1, 40), *range(40, len(abime) + 2, 9)):
            assert _en_flux(abime, bloc) is None, bloc


def test_des_accolades_apres_la_fin_des_comptes_ne_font_pas_refuser_le_document() -> None:
    """Plus de huit accolades sans virgule après elles en fin de bloc (ici, dans le dernier
    membre) : la coupe se cherche un par un, le document se lit avec tout bloc."""
    d = vers_dict(convention_synthetique(3, graine=1))
    for n in range(5, 11):
        fin = {k: d[k] for k in d if k not in ("organisme", "utilisateurs", "groupes")}
        fin |= {"utilisateurs": d["utilisateurs"], "groupes": d["groupes"]}
        texte = json.dumps(fin | {"organisme": "}" * n})
        assert _meme_lecture(texte, (1, 7, 100, 1 << 20)) is not None


@pytest.mark.parametrize(
    ("avant", "apres"),
    [
        ('"nom": "', '"nom": "\\ud83d\\ude00\\u007d, \\u007b\\\\\\"'),  # échappements coupés
        ('"nom": "', '"nom": "\\ud83d'),  # une moitié de paire, refusée par le modèle
        ('"gestion_deleguee": true', '"gestion_deleguee": 1.'),
        ('"gestion_deleguee": true', '"gestion_deleguee": -Infinity'),
        ('"gestion_deleguee": true', '"gestion_deleguee": ' + "9" * 5000),
        ('"mandats": []', '"mandats": [' + "[" * 3000 + "]" * 3000 + "]"),
        ("}, {", "},\x0b{"),
        ("}, {", "},\xa0{"),
        ("}, {", "},\u2028{"),
        ("}, {", "},\ufeff{"),
        ('"afas": {', '"afas": {"a": 1, "a": 1, '),
        ('"membres": ["agent', '"membres": ["AGENT'),
    ],
)
def test_les_cas_limites_du_texte_coupe_a_chaque_caractere(avant: str, apres: str) -> None:
    texte = json.dumps(vers_dict(convention_synthetique(2, graine=4)))
    assert avant in texte
    abime = texte.replace(avant, apres, 1)
    _meme_lecture(abime, (*range(1, 120, 7), len(abime) - 1, len(abime), 1 << 20))


def test_le_fichier_aux_fins_de_ligne_et_marques_diverses(tmp_path: Path) -> None:
    """Le flux lit le fichier comme ``lire_fichier`` : fins de ligne traduites (même un
    retour chariot seul, même coupé par un bloc), une seule marque d'ordre d'octets ôtée
    par le décodage (deux : relu par le chemin complet, qui ôte la seconde)."""
    c = convention_synthetique(40, graine=3)
    retraits = json.dumps(vers_dict(c), indent=1).encode()
    fichier = tmp_path / "c.json"
    for octets, attendu in [
        (retraits.replace(b"\n", b"\r"), c),
        (retraits.replace(b"\n", b"\n\r"), c),
        (b"\xef\xbb\xbf" * 2 + retraits, None),
        (retraits + b"\n\xc3", None),
    ]:
        fichier.write_bytes(octets)
        for bloc in (1, 8191, 8192, 1 << 20):
            with fichier.open(encoding="utf-8-sig") as flux:
                assert convention_en_flux(flux, bloc) == attendu
