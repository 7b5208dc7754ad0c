"""L'histoire des habilitations sur l'exemple du guide : des questions d'inspection, nommées.

L'exemple 19_214 a un journal du 5 janvier au 2 octobre 2026 (voir
:data:`mcp_rules.exemple.JOURNAL_EXEMPLE`) : T1CESF créé le 12 janvier, as.moreau ajoutée à
T1AS le 10 février, le rôle T2 retiré à T2CR le 15 avril, gest.petit clôturé au 30 juin
(décision du 15 juin), le numéro d'instructeur de ir.lambert modifié le 1er septembre,
ae.fontaine créée le 2 octobre. La propriété générale (l'histoire dit ce que disait chaque
état) est dans ``tests/property/historique_reference.py``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import attrs
import pytest

import mcp_rules as m
from mcp_rules import (
    CompteReactive,
    DonneeInvalide,
    MembreAjoute,
    MembreRetire,
    ProfilT,
    RoleAffecte,
    Service,
    historique,
)
from mcp_rules.exemple import INSTANT_EXEMPLE, convention_exemple

MARS: datetime = datetime(2026, 3, 3, 12, 0, tzinfo=UTC)
DEBUT: datetime = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def h() -> m.Historique:
    return historique(convention_exemple())


def test_qui_pouvait_consulter_en_t1_le_3_mars_et_qui_le_lui_a_donne(h: m.Historique) -> None:
    """La question d'une inspection : trois personnes, et d'où vient leur droit."""
    reponse = h.qui_avait_acces(instant=MARS, profil=ProfilT.T1)
    assert [a.identifiant for a in reponse.comptes] == ["as.leroy", "as.moreau", "cesf.roux"]
    assert all(a.certain for a in reponse.comptes)
    par = {a.identifiant: a.habilitations[0] for a in reponse.comptes}
    assert par["as.leroy"].groupe == "T1AS"
    assert par["as.leroy"].adhesion is None  # avant le journal
    moreau = par["as.moreau"].adhesion
    assert isinstance(moreau, MembreAjoute)
    assert (moreau.par, moreau.instant) == ("gest.durand", datetime(2026, 2, 10, 9, tzinfo=UTC))
    roux = par["cesf.roux"]
    assert roux.groupe == "T1CESF"
    assert isinstance(roux.attribution, RoleAffecte)
    assert roux.attribution.par == "adm.martin"
    assert reponse.debut_journal == DEBUT


def test_avant_d_etre_ajoutee_as_moreau_n_avait_pas_t1(h: m.Historique) -> None:
    veille = datetime(2026, 2, 9, tzinfo=UTC)
    a = h.acces_cdap("as.moreau", instant=veille)
    assert a.certain
    assert a.profils == ()
    assert not a.autorise
    assert h.acces_cdap("as.moreau", instant=MARS).profils == (ProfilT.T1,)


def test_un_groupe_qui_perd_son_role_ferme_la_periode_de_ses_membres(h: m.Historique) -> None:
    """cr.girard tenait T2 par T2CR jusqu'au 15 avril, quand le rôle a été retiré."""
    periodes = h.periodes("cr.girard", "T2").periodes
    sures = [p for p in periodes if p.certaine]
    assert sures == [
        m.Periode(debut=DEBUT, fin=datetime(2026, 4, 15, 9, tzinfo=UTC), certaine=True)
    ]
    assert h.acces_cdap("cr.girard", instant=INSTANT_EXEMPLE).profils == ()


def test_la_cloture_prend_effet_a_sa_date_pas_a_sa_decision(h: m.Historique) -> None:
    """gest.petit : clôture décidée le 15 juin, effective le 30 juin."""
    actes = h.actes(compte="gest.petit").actes
    # Les actes *sur* le compte (pas ceux qu'il a faits, comme l'ajout d'accueil.ccas).
    assert [type(a.evenement).__name__ for a in actes] == ["CompteCloture"]
    assert actes[0].evenement.par == "adm.martin"
    assert "à compter du 2026-06-30" in actes[0].description
    # gest.petit n'a pas de profil CDAP ; pe.fournier (T2PE) garde le sien après le 30 juin.
    assert h.acces_cdap("pe.fournier", instant=datetime(2026, 7, 1, tzinfo=UTC)).profils == (
        ProfilT.T2,
    )


def test_un_champ_modifie_depuis_rend_l_eligibilite_d_avant_incertaine(h: m.Historique) -> None:
    """Le journal dit que le numéro d'instructeur de ir.lambert a changé le 1er septembre,
    pas ce qu'il valait : avant, T4 n'est pas établi, et la réponse le dit."""
    avant = h.acces_cdap("ir.lambert", instant=MARS)
    assert not avant.certain
    assert avant.profils == ()
    assert avant.incertains == (ProfilT.T4,)
    assert avant.donnees_manquantes == ("numero_instructeur",)
    apres = h.acces_cdap("ir.lambert", instant=datetime(2026, 9, 2, tzinfo=UTC))
    assert apres.certain
    assert apres.profils == (ProfilT.T4,)


def test_avant_le_journal_rien_n_est_sur_sauf_la_creation(h: m.Historique) -> None:
    decembre = datetime(2025, 12, 1, tzinfo=UTC)
    a = h.acces_cdap("as.leroy", instant=decembre)
    assert not a.certain
    assert a.donnees_manquantes == ("journal",)
    assert "2026-01-05" in a.motifs[0]
    # ae.fontaine n'existait pas avant le 2 octobre 2026 : c'est sûr, journal ou pas.
    b = h.acces_cdap("ae.fontaine", instant=decembre)
    assert b.certain
    assert b.profils == ()
    assert h.qui_avait_acces(instant=decembre).incertains  # tout le monde a pu avoir accès


def test_pendant_un_intervalle_tout_profil_tenu_a_un_moment_compte(h: m.Historique) -> None:
    a = h.acces_cdap_pendant(
        "cr.girard", du=datetime(2026, 4, 1, tzinfo=UTC), au=datetime(2026, 5, 1, tzinfo=UTC)
    )
    assert a.certain
    assert a.profils == (ProfilT.T2,)
    b = h.acces_cdap_pendant(
        "cr.girard", du=datetime(2026, 5, 1, tzinfo=UTC), au=datetime(2026, 6, 1, tzinfo=UTC)
    )
    assert b.profils == ()
    tous = h.qui_avait_acces(du=datetime(2026, 4, 1, tzinfo=UTC), au=INSTANT_EXEMPLE)
    assert "cr.girard" in {a.identifiant for a in tous.certains}


def test_les_periodes_d_un_service_afas(h: m.Historique) -> None:
    periodes = h.periodes("afas.dupont", Service.AFAS)
    assert periodes.periodes[-1] == m.Periode(debut=DEBUT, fin=None, certaine=True)
    assert not periodes.certain  # avant le journal : non établi
    # as.leroy n'a jamais atteint AFAS dans le journal ; avant lui, rien n'est établi.
    assert [p for p in h.periodes("as.leroy", "AFAS").periodes if p.certaine] == []


def test_un_journal_partiel_recule_le_debut_de_ce_qui_est_sur() -> None:
    c = convention_exemple()
    partiel = attrs.evolve(c, journal=c.journal[4:])  # à partir du 10 février
    h = historique(partiel)
    assert h.debut == datetime(2026, 2, 10, 9, tzinfo=UTC)
    a = h.acces_cdap("cesf.roux", instant=datetime(2026, 1, 20, tzinfo=UTC))
    assert a.donnees_manquantes == ("journal",)
    assert h.acces_cdap("cesf.roux", instant=MARS).profils == (ProfilT.T1,)


def test_sans_journal_aucun_instant_passe_n_est_etabli() -> None:
    h = historique(attrs.evolve(convention_exemple(), journal=()))
    assert h.debut is None
    a = h.acces_cdap("as.leroy", instant=INSTANT_EXEMPLE)
    assert a.donnees_manquantes == ("journal",)
    assert "vide" in a.motifs[0]


def test_un_journal_qui_contredit_l_etat_ne_donne_rien_de_sur() -> None:
    """Le journal dit qu'as.leroy a été retirée de T1AS, mais elle en est membre : une
    modification hors journal a eu lieu, on ne sait pas quand."""
    c = convention_exemple()
    faux = MembreRetire(
        instant=datetime(2026, 3, 1, tzinfo=UTC),
        par="adm.martin",
        groupe="T1AS",
        utilisateur="as.leroy",
    )
    journal = sorted([*c.journal, faux], key=lambda e: e.instant)
    h = historique(attrs.evolve(c, journal=journal))
    assert any("as.leroy" in x for x in h.incoherences)
    for t in (MARS, datetime(2026, 2, 1, tzinfo=UTC), INSTANT_EXEMPLE):
        a = h.acces_cdap("as.leroy", instant=t)
        assert not a.certain
        assert a.profils == ()
        assert ProfilT.T1 in a.incertains
    assert h.acces_cdap("as.moreau", instant=MARS).certain  # les autres restent sûrs


def test_un_journal_desordonne_ne_compte_qu_apres_son_dernier_desordre() -> None:
    c = convention_exemple()
    journal = list(c.journal)
    journal[1], journal[4] = journal[4], journal[1]
    h = historique(attrs.evolve(c, journal=journal))
    assert any("ordre" in x for x in h.incoherences)
    assert h.debut == datetime(2026, 2, 10, 9, tzinfo=UTC)


def test_une_reactivation_efface_une_date_de_cloture_que_le_journal_ignore() -> None:
    c = convention_exemple()
    reactive = CompteReactive(
        instant=datetime(2026, 11, 1, tzinfo=UTC), par="adm.martin", utilisateur="pe.fournier"
    )
    h = historique(attrs.evolve(c, journal=[*c.journal, reactive]))
    a = h.acces_cdap("pe.fournier", instant=MARS)
    assert a.donnees_manquantes == ("cloture_le",)
    assert a.incertains == (ProfilT.T2,)
    assert h.acces_cdap("pe.fournier", instant=datetime(2026, 11, 2, tzinfo=UTC)).certain


def test_les_actes_sur_un_groupe_et_leur_fenetre(h: m.Historique) -> None:
    actes = h.actes(groupe="t1cesf")  # la casse ne compte pas
    assert actes.sujet == "le groupe T1CESF"
    assert [a.position for a in actes.actes] == [1, 2, 3]
    assert h.actes(groupe="T1CESF", du=datetime(2026, 1, 12, 10, tzinfo=UTC)).actes[0].position == 3
    assert h.actes(groupe="T2PE", au=DEBUT).actes[0].evenement.par == "gest.petit"


def test_chaque_evenement_se_decrit_en_francais() -> None:
    c = convention_exemple()
    phrases = [m.historique(c).actes(compte=u.identifiant) for u in c.utilisateurs]
    descriptions = [a.description for x in phrases for a in x.actes]
    assert "ajoute as.moreau au groupe T1AS" in descriptions
    assert "crée le compte ae.fontaine dans le groupe T2PE" in descriptions
    assert all(d and d[0].islower() for d in descriptions)


@pytest.mark.parametrize(
    ("appel", "code"),
    [
        (lambda h: h.acces_cdap("personne", instant=MARS), "MCP-DONNEE-REFERENCE"),
        (lambda h: h.acces_cdap("as.leroy", instant=datetime(2026, 3, 3)), "MCP-DONNEE-INSTANT"),
        (lambda h: h.acces_cdap("as.leroy", instant="2026-03-03"), "MCP-DONNEE-TYPE"),
        (lambda h: h.acces_cdap(3, instant=MARS), "MCP-DONNEE-REFERENCE"),
        (lambda h: h.qui_avait_acces(), "MCP-DONNEE-VALEUR"),
        (lambda h: h.qui_avait_acces(instant=MARS, du=MARS, au=MARS), "MCP-DONNEE-VALEUR"),
        (lambda h: h.qui_avait_acces(du=MARS, au=MARS - timedelta(days=1)), "MCP-DONNEE-VALEUR"),
        (lambda h: h.qui_avait_acces(instant=MARS, profil="T99"), "MCP-DONNEE-VALEUR"),
        (lambda h: h.periodes("as.leroy", "T0"), "MCP-DONNEE-VALEUR"),
        (lambda h: h.periodes("as.leroy", 7), "MCP-DONNEE-VALEUR"),
        (lambda h: h.actes(), "MCP-DONNEE-VALEUR"),
        (lambda h: h.actes(compte="as.leroy", groupe="T1AS"), "MCP-DONNEE-VALEUR"),
        (lambda h: h.actes(groupe="inconnu"), "MCP-DONNEE-REFERENCE"),
        (lambda h: h.actes(groupe="T1AS", du=MARS, au=DEBUT), "MCP-DONNEE-VALEUR"),
    ],
)
def test_une_question_mal_posee_est_une_donnee_invalide(
    h: m.Historique, appel: object, code: str
) -> None:
    with pytest.raises(DonneeInvalide) as exc:
        appel(h)  # type: ignore[operator]
    assert exc.value.code == code


def test_une_convention_qui_n_en_est_pas_une_est_refusee() -> None:
    with pytest.raises(DonneeInvalide):
        historique("19_214")  # type: ignore[arg-type]


def test_affichages_courts_et_echappes(h: m.Historique) -> None:
    reponse = h.qui_avait_acces(instant=MARS, profil="t1")
    assert repr(reponse) == "<AccesPendant 19_214 : 3 compte(s) avec accès, 0 incertain(s)>"
    assert "| `as.moreau` | T1 | `T1AS` | 2026-02-10T09:00:00+00:00 par gest.durand |" in (
        reponse.vers_markdown()
    )
    assert "<code" in reponse.vers_html()
    assert repr(h) == "<Historique 19_214 : 12 événements, depuis 2026-01-05T09:00:00+00:00>"
    texte = h.acces_cdap("ir.lambert", instant=MARS).vers_texte()
    assert "incertain (peut-être aussi : T4) : numero_instructeur" in texte


def test_un_libelle_piege_est_echappe_partout() -> None:
    """Un libellé est du texte libre : dans les actes, il ne devient jamais du balisage."""
    c = convention_exemple()
    r = m.modifier_libelle(
        c,
        par="adm.martin",
        groupe="T1AS",
        libelle="T1 <script>alert(1)</script> | *gras*",
        instant=INSTANT_EXEMPLE,
    )
    assert r.accepte, r.codes
    actes = historique(r.convention).actes(groupe="T1AS")
    assert "<script>" not in actes.vers_html()
    assert "&lt;script&gt;" in actes.vers_html()
    assert "\\|" in actes.vers_markdown()
    assert "\\*gras\\*" in actes.vers_markdown()
