"""Les défauts trouvés par la revue de robustesse (500 000 entrées au hasard ou abîmées,
840 000 passages guidés par la couverture), chacun devenu impossible, un test par défaut.

1. le double critère de la Cnil contourné par un « nom » sans lettre ;
2. un argument non hachable qui fait lever ``TypeError`` ;
3. ``auditer`` qui déborde du calendrier ; une politique sans borne ;
4. la CLI et ses instants hors calendrier, ``T24:00`` ;
5. ``Politique`` (et les rapports) ni copiables ni transmissibles ;
6. la BOM UTF-8, et le détail du décodeur JSON perdu ;
7. les membres en double d'un objet JSON ;
8. un fuseau qui lève, un texte énorme parcouru avant d'être mesuré.

Et ce qu'un intégrateur écrit lui-même : une condition locale en panne ne donne rien et ne
casse rien.
"""

from __future__ import annotations

import contextlib
import copy
import io
import pickle
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any

import pytest

import mcp_rules as m
from mcp_rules.exemple import INSTANT_EXEMPLE, convention_exemple
from mcp_rules.fondations import controles
from mcp_rules.interfaces import cli, entrees_cli
from mcp_rules.modele.politique import INACTIVITE_MAX_PERMISE
from mcp_rules.serialisation import depuis_json, lire_commandes, vers_json

T = INSTANT_EXEMPLE
COMPTE_CDAP = "as.leroy"


@pytest.fixture(scope="module")
def c() -> m.Convention:
    return convention_exemple()


def _admin(c: m.Convention) -> str:
    return min(c.administrateurs)


# --- 1. le double critère de la Cnil ----------------------------------------------------------


@pytest.mark.parametrize(
    "nom",
    [
        "\n",
        "\u2003",  # espace cadratin
        "\u200b",  # espace sans chasse
        "\x00",
        "\ufeff",
        "\u200b\u2060\u200d",
        "-",
        "1234",
        "'.-",
        "\U0001f600",
    ],
)
def test_cnil_un_nom_sans_lettre_n_ouvre_aucun_dossier(c: m.Convention, nom: str) -> None:
    d = m.consulter_dossier(
        c, COMPTE_CDAP, numero_allocataire="1234567", nom_allocataire=nom, instant=T
    )
    assert d.autorise is False
    assert any(x.regle.code == "MCP-CDAP-02" for x in d.constats)


@pytest.mark.parametrize("nom", ["\u200b", "\n", "\u2003\t", "\ufeff "])
def test_cnil_un_nom_fait_d_invisibles_est_un_nom_manquant(c: m.Convention, nom: str) -> None:
    d = m.consulter_dossier(
        c, COMPTE_CDAP, numero_allocataire="1234567", nom_allocataire=nom, instant=T
    )
    assert d.autorise is False
    assert "nom_allocataire" in d.donnees_manquantes


@pytest.mark.parametrize("nom", ["Du\x00puis", "Dupuis\n", "Du\x1bpuis"])
def test_cnil_un_nom_avec_un_caractere_de_controle_est_refuse(c: m.Convention, nom: str) -> None:
    """« Dupuis\\n » : le saut de ligne final est un blanc de bord, retiré ; les autres non."""
    d = m.consulter_dossier(
        c, COMPTE_CDAP, numero_allocataire="1234567", nom_allocataire=nom, instant=T
    )
    accepte = nom == "Dupuis\n"
    assert d.autorise is accepte, d.constats


@pytest.mark.parametrize("numero", ["\u200b", "\n\t", "12\x0034567", "１２３４５６７", "x" * 10**6])
def test_cnil_le_numero_avec_le_meme_soin(c: m.Convention, numero: str) -> None:
    d = m.consulter_dossier(
        c, COMPTE_CDAP, numero_allocataire=numero, nom_allocataire="Dupuis", instant=T
    )
    assert d.autorise is False
    assert any(x.regle.code == "MCP-CDAP-02" for x in d.constats)


@pytest.mark.parametrize("nom", ["Dupuis", "\u200bDupuis", " Ðặng ", "N'Diaye", "Lê", "Ο"])
def test_cnil_un_vrai_nom_passe(c: m.Convention, nom: str) -> None:
    d = m.consulter_dossier(
        c, COMPTE_CDAP, numero_allocataire="1234567", nom_allocataire=nom, instant=T
    )
    assert d.autorise is True, d.constats


# --- 2. les arguments non hachables -----------------------------------------------------------


@pytest.mark.parametrize("mandats", [[["x"]], [{"a": 1}], [set()], ["1234567", ["x"]]])
def test_mandats_non_hachables_donnent_une_erreur_claire(c: m.Convention, mandats: object) -> None:
    with pytest.raises(m.DonneeInvalide) as info:
        m.modifier_compte(c, par=_admin(c), utilisateur=COMPTE_CDAP, mandats=mandats, instant=T)
    assert "mandats" in str(info.value)


def test_mandats_non_hachables_par_la_cli(tmp_path: Path, c: m.Convention) -> None:
    commandes = tmp_path / "commandes.json"
    commandes.write_text(
        f'[{{"commande": "modifier_compte", "par": "{_admin(c)}", '
        f'"arguments": {{"utilisateur": "{COMPTE_CDAP}", "mandats": [["x"]]}}}}]',
        encoding="utf-8",
    )
    convention = tmp_path / "convention.json"
    convention.write_text(vers_json(c), encoding="utf-8")
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "mcp_rules",
            "simuler",
            str(convention),
            str(commandes),
            "--instant",
            T.isoformat(),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert r.returncode == cli.SORTIE_ENTREE_INVALIDE, r.stderr
    assert "mandats" in r.stderr
    assert "erreur interne" not in r.stderr


def test_simuler_des_commandes_qui_ne_sont_pas_une_liste(c: m.Convention) -> None:
    with pytest.raises(m.DonneeInvalide) as info:
        m.simuler(c, m.ProfilT.T1, instant=T)  # type: ignore[arg-type]
    assert info.value.code == "MCP-DONNEE-TYPE"


# --- 3. le calendrier et la politique ---------------------------------------------------------


@pytest.mark.parametrize(
    "instant",
    [
        datetime(1, 1, 1, tzinfo=UTC),
        datetime(1, 1, 2, tzinfo=UTC),
        datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
    ],
)
def test_auditer_aux_bords_du_calendrier(c: m.Convention, instant: datetime) -> None:
    rapport = m.auditer(c, instant=instant)
    assert rapport.instant == instant


def test_auditer_avec_la_plus_longue_inactivite_permise_au_bord(c: m.Convention) -> None:
    pol = m.Politique(inactivite_max=INACTIVITE_MAX_PERMISE)
    m.auditer(c, instant=datetime(1, 1, 1, tzinfo=UTC), politique=pol)
    m.auditer(c, instant=T, politique=pol)


@pytest.mark.parametrize(
    "duree", [timedelta(days=999_999_999), INACTIVITE_MAX_PERMISE + timedelta(1)]
)
def test_politique_bornee(duree: timedelta) -> None:
    with pytest.raises(m.DonneeInvalide) as info:
        m.Politique(inactivite_max=duree)
    assert info.value.code == "MCP-DONNEE-DUREE"


def test_politique_json_bornee() -> None:
    with pytest.raises(m.DonneesInvalides) as info:
        depuis_json('{"inactivite_max": "P999999999D"}', m.Politique)
    assert [e.chemin for e in info.value.erreurs] == ["$.inactivite_max"]


def test_un_mot_de_passe_emis_au_dernier_jour_est_refuse_clairement() -> None:
    with pytest.raises(m.DonneeInvalide) as info:
        m.MotDePasseTemporaire(datetime(9999, 12, 31, 23, 0, tzinfo=UTC))
    assert info.value.code == "MCP-DONNEE-INSTANT"


def test_decaler_sature_aux_bords() -> None:
    assert controles.decaler(controles.PREMIER_INSTANT, -timedelta(days=1)) == (
        controles.PREMIER_INSTANT
    )
    assert controles.decaler(controles.DERNIER_INSTANT, timedelta(days=1)) == (
        controles.DERNIER_INSTANT
    )
    assert controles.decaler(T, timedelta(hours=1)) == T + timedelta(hours=1)


# --- 4. la CLI et ses instants ----------------------------------------------------------------


@pytest.mark.parametrize(
    "instant",
    [
        "0001-01-01T00:00:00+01:00",
        "9999-12-31T23:59:59-01:00",
        "2026-11-27T24:00:00+01:00",
        "2026-11-27T24:00+01:00",
        "2026-11-27 24:00:00+01:00",
        "2026-11-27T09:00:00",
        "demain",
    ],
)
def test_cli_instant_refuse_avec_2(instant: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["audit", "--exemple", "--instant", instant])
    assert code == cli.SORTIE_ENTREE_INVALIDE
    erreur = capsys.readouterr().err
    assert "--instant" in erreur
    assert "erreur interne" not in erreur


@pytest.mark.parametrize(
    "texte",
    ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00", "2026-11-27T24:00:00+01:00"],
)
def test_un_seul_lecteur_d_instants(texte: str) -> None:
    """La bibliothèque et la CLI refusent les mêmes instants, avec le même message."""
    with pytest.raises(m.DonneeInvalide) as biblio:
        controles.instant_iso(texte, "--instant")
    with pytest.raises(entrees_cli.EntreeInvalide) as ligne:
        entrees_cli.instant(texte)
    assert ligne.value.message == biblio.value.message


def test_cli_accepte_un_instant_au_bord_quand_il_reste_dans_le_calendrier(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["audit", "--exemple", "--instant", "0001-01-01T00:00:00Z"]) in (0, 1)
    assert "erreur interne" not in capsys.readouterr().err


# --- 5. copier et transmettre -----------------------------------------------------------------


def _verifier_leve(_: m.Utilisateur) -> bool:
    return True


@pytest.mark.parametrize(
    "politique",
    [
        m.Politique(),
        m.Politique(inactivite_max=timedelta(days=30), mots_adresse_service={"guichet"}),
        m.Politique(
            conditions={
                m.ProfilT.T2: [
                    m.ConditionProfil(code="LOC-1", titre="Locale", verifier=_verifier_leve)
                ]
            }
        ),
    ],
)
def test_politique_se_copie_et_se_transmet(politique: m.Politique) -> None:
    for copie in (copy.deepcopy(politique), pickle.loads(pickle.dumps(politique))):
        assert copie == politique
        assert dict(copie.conditions).keys() == dict(politique.conditions).keys()
        with pytest.raises(TypeError):
            copie.conditions[m.ProfilT.T1] = ()  # type: ignore[index]
    assert copy.copy(politique) == politique


def test_rapport_se_copie_et_se_transmet(c: m.Convention) -> None:
    rapport = m.auditer(c, instant=T)
    for copie in (copy.deepcopy(rapport), pickle.loads(pickle.dumps(rapport))):
        assert copie == rapport
        assert dict(copie.comptes_par_profil) == dict(rapport.comptes_par_profil)
        assert copie.texte() == rapport.texte()


def test_chaque_reponse_publique_se_transmet(c: m.Convention) -> None:
    admin = _admin(c)
    reponses: list[Any] = [
        m.acces_cdap(c, COMPTE_CDAP, instant=T),
        m.peut(c, admin, m.Action.CREER_GROUPE, instant=T),
        m.cloturer_compte(c, par=admin, utilisateur=COMPTE_CDAP, instant=T),
        m.matrice_acces(c, instant=T),
        m.table_de_decision(),
        m.simuler(
            c,
            [m.Commande("cloturer_compte", par=admin, arguments={"utilisateur": COMPTE_CDAP})],
            instant=T,
        ),
        c,
    ]
    for r in reponses:
        assert pickle.loads(pickle.dumps(r)) == r, type(r).__name__
        assert copy.deepcopy(r) == r, type(r).__name__


# --- 6. la BOM et le détail du décodeur -------------------------------------------------------


def test_bom_acceptee_en_texte_comme_en_octets(c: m.Convention) -> None:
    texte = vers_json(c)
    assert depuis_json("\ufeff" + texte, m.Convention) == c
    assert depuis_json(("\ufeff" + texte).encode(), m.Convention) == c
    assert depuis_json(b"\xef\xbb\xbf" + texte.encode(), m.Convention) == c


def test_bom_acceptee_par_la_cli(tmp_path: Path, c: m.Convention) -> None:
    fichier = tmp_path / "convention.json"
    fichier.write_bytes(b"\xef\xbb\xbf" + vers_json(c).encode())
    assert cli.main(["audit", str(fichier), "--instant", T.isoformat()], sortie=io.StringIO()) == 1


def test_bom_acceptee_dans_un_fichier_de_commandes() -> None:
    assert lire_commandes(b"\xef\xbb\xbf[]") == []
    assert lire_commandes("\ufeff[]") == []


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ('{"a": 1,}', "ligne 1, colonne 9"),
        ("[1, 2", "une virgule est attendue"),
        ('"abc', "texte non terminé"),
        ('"\\ud8', "séquence \\u invalide"),
        (b"\xff\xfe{}", "n'est pas en UTF-8"),
    ],
)
def test_le_detail_du_decodeur_est_garde(texte: str | bytes, attendu: str) -> None:
    with pytest.raises(m.DonneesInvalides) as info:
        depuis_json(texte, m.Politique)
    (erreur,) = info.value.erreurs
    assert erreur.code == "MCP-DONNEE-JSON"
    assert attendu in erreur.message


def test_un_message_du_decodeur_non_traduit_reste_cite() -> None:
    from mcp_rules.interfaces.serialisation.lecture import _traduire_json

    assert _traduire_json("Quelque chose d'imprévu") == "syntaxe invalide : Quelque chose d'imprévu"


def test_le_fichier_de_commandes_garde_le_detail() -> None:
    with pytest.raises(m.DonneesInvalides) as info:
        lire_commandes("[{]")
    assert "ligne 1, colonne 3" in info.value.erreurs[0].message


# --- 7. les membres en double -----------------------------------------------------------------


def test_membre_en_double_refuse_avec_son_chemin() -> None:
    with pytest.raises(m.DonneesInvalides) as info:
        depuis_json('{"inactivite_max": "P10D", "inactivite_max": "P20D"}', m.Politique)
    assert [(e.chemin, e.code) for e in info.value.erreurs] == [
        ("$.inactivite_max", "MCP-DONNEE-DOUBLON")
    ]


def test_membre_en_double_au_fond_d_une_convention(c: m.Convention) -> None:
    texte = vers_json(c)
    premier = texte.index('"identifiant"')
    fautif = texte[:premier] + '"nom": "Double", ' + texte[premier:]
    with pytest.raises(m.DonneesInvalides) as info:
        depuis_json(fautif, m.Convention)
    chemins = [e.chemin for e in info.value.erreurs if e.code == "MCP-DONNEE-DOUBLON"]
    assert chemins == ["$.utilisateurs[0].nom"]


def test_membre_en_double_dans_un_fichier_de_commandes() -> None:
    with pytest.raises(m.DonneesInvalides) as info:
        lire_commandes('[{"commande": "retirer_role", "commande": "affecter_role", "par": "@CAF"}]')
    assert [e.chemin for e in info.value.erreurs] == ["$[0].commande"]


def test_membre_en_double_au_nom_bizarre() -> None:
    with pytest.raises(m.DonneesInvalides) as info:
        depuis_json('{"a": {"x y": 1, "x y": 2}}', m.Politique)
    assert info.value.erreurs[0].chemin == '$.a["x y"]'


# --- 8. fuseaux hostiles et textes énormes ----------------------------------------------------


class _FuseauQuiLeve(tzinfo):
    def utcoffset(self, dt: datetime | None) -> timedelta:
        raise RuntimeError("base des fuseaux indisponible")

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None

    def tzname(self, dt: datetime | None) -> str | None:
        return None


class _FuseauAbsurde(tzinfo):
    def utcoffset(self, dt: datetime | None) -> timedelta:
        return timedelta(hours=30)

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None

    def tzname(self, dt: datetime | None) -> str | None:
        return None


@pytest.mark.parametrize("fuseau", [_FuseauQuiLeve(), _FuseauAbsurde()])
def test_un_fuseau_qui_leve_donne_une_erreur_d_instant(c: m.Convention, fuseau: tzinfo) -> None:
    instant = datetime(2026, 11, 27, 9, tzinfo=fuseau)
    for appel in (
        lambda: m.acces_cdap(c, COMPTE_CDAP, instant=instant),
        lambda: m.auditer(c, instant=instant),
        lambda: m.peut(c, _admin(c), m.Action.CREER_GROUPE, instant=instant),
        lambda: m.cloturer_compte(c, par=_admin(c), utilisateur=COMPTE_CDAP, instant=instant),
    ):
        with pytest.raises(m.DonneeInvalide) as info:
            appel()
        assert info.value.code == "MCP-DONNEE-INSTANT"


def test_un_instant_hors_calendrier_une_fois_en_utc() -> None:
    with pytest.raises(m.DonneeInvalide) as info:
        controles.instant(datetime.min.replace(tzinfo=timezone(timedelta(hours=1))))
    assert "calendrier" in info.value.message


ENORME = "x" * 10_000_000


@pytest.mark.parametrize(
    "appel",
    [
        lambda c: m.AdresseEmail.parse(ENORME),
        lambda c: m.NumeroInstructeur.parse(ENORME),
        lambda c: controles.instant_iso(ENORME),
        lambda c: m.consulter_dossier(
            c, COMPTE_CDAP, numero_allocataire=ENORME, nom_allocataire=ENORME, instant=T
        ),
        lambda c: m.consulter_dossier(
            c,
            COMPTE_CDAP,
            numero_allocataire="1234567",
            nom_allocataire="Dupuis",
            code_bailleur=ENORME,
            instant=T,
        ),
        lambda c: m.acces_cdap(c, ENORME, instant=T),
        lambda c: m.peut(c, ENORME, m.Action.CREER_GROUPE, instant=T),
        lambda c: m.verifier_objet_demande(c, ENORME),
        lambda c: m.diagnostiquer(c, COMPTE_CDAP, next(iter(m.Symptome)), instant=T, saisie=ENORME),
        lambda c: m.modifier_compte(
            c, par=_admin(c), utilisateur=COMPTE_CDAP, nom=ENORME, instant=T
        ),
        lambda c: m.creer_groupe(
            c,
            par=_admin(c),
            code=ENORME,
            libelle=ENORME,
            service="CDAP",
            gestionnaire=COMPTE_CDAP,
            instant=T,
        ),
    ],
)
def test_un_texte_enorme_est_mesure_avant_d_etre_parcouru(c: m.Convention, appel: Any) -> None:
    """Dix millions de caractères : refusés (ou rejetés comme inconnus) en bien moins d'une
    seconde ; un parcours caractère par caractère en prendrait plusieurs."""
    debut = time.process_time()
    with contextlib.suppress(m.DonneeInvalide):
        appel(c)
    assert time.process_time() - debut < 0.5


# --- les conditions d'un intégrateur ----------------------------------------------------------


def _leve(_: m.Utilisateur) -> bool:
    raise ZeroDivisionError("division par zéro dans la condition")


PANNES = [
    pytest.param(_leve, "ZeroDivisionError", id="leve"),
    pytest.param(lambda u: "oui", "'oui'", id="texte"),
    pytest.param(lambda u: None, "None", id="None"),
    pytest.param(lambda u: 1, "1", id="entier"),
    pytest.param(lambda u: [True], "[True]", id="liste"),
]


def _politique_en_panne(verifier: Any) -> m.Politique:
    return m.Politique(
        conditions={
            p: [
                m.ConditionProfil(
                    code="LOCALE-EN-PANNE", titre="Condition locale", verifier=verifier
                )
            ]
            for p in m.ProfilT
        }
    )


@pytest.mark.parametrize(("verifier", "trace"), PANNES)
def test_une_condition_en_panne_ne_donne_aucun_profil(
    c: m.Convention, verifier: Any, trace: str
) -> None:
    pol = _politique_en_panne(verifier)
    for u in c.utilisateurs:
        a = m.acces_cdap(c, u.identifiant, instant=T, politique=pol)
        assert a.autorise is False
        assert not a.profils
        for p in m.ProfilT:
            assert m.eligibilite(u, p, politique=pol).autorise is False


@pytest.mark.parametrize(("verifier", "trace"), PANNES)
def test_une_condition_en_panne_est_nommee_et_l_audit_va_au_bout(
    c: m.Convention, verifier: Any, trace: str
) -> None:
    pol = _politique_en_panne(verifier)
    rapport = m.auditer(c, instant=T, politique=pol)
    pannes = [x for x in rapport.constats if "LOCALE-EN-PANNE" in x.message]
    assert pannes
    assert all(x.regle.code == "MCP-ELIG-07" and "en panne" in x.message for x in pannes)
    assert all(trace in x.message for x in pannes)
    d = m.eligibilite(c.utilisateur(COMPTE_CDAP), m.ProfilT.T1, politique=pol)
    assert any("LOCALE-EN-PANNE" in x.message and trace in x.message for x in d.constats)
    m.matrice_acces(c, instant=T, politique=pol)


def test_une_condition_qui_repond_vrai_ne_change_rien(c: m.Convention) -> None:
    pol = _politique_en_panne(lambda u: True)
    for u in c.utilisateurs:
        assert m.acces_cdap(c, u.identifiant, instant=T, politique=pol) == m.acces_cdap(
            c, u.identifiant, instant=T
        )
