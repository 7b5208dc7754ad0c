"""Le mot de passe temporaire : 24 heures de validité (Annexe 1, MCP-MDP-02).

Le guide : « votre mot de passe temporaire d'une durée de validité de 24 heures » ;
« Si vous avez attendu plus de 24 heures […] suivez en ligne la procédure « mot de
passe oublié » ». Interprétation 2 : 24 heures de temps écoulé, calculées en UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mcp_rules import DUREE_VALIDITE, DonneeInvalide, MotDePasseTemporaire

PARIS = ZoneInfo("Europe/Paris")
EMISSION = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
UNE_MICROSECONDE = timedelta(microseconds=1)


# --- les 24 heures du guide --------------------------------------------------------------


def test_duree_de_validite_24_heures() -> None:
    assert timedelta(hours=24) == DUREE_VALIDITE
    assert MotDePasseTemporaire(EMISSION).expire_le == EMISSION + timedelta(hours=24)


def test_valable_des_l_emission() -> None:
    assert MotDePasseTemporaire(EMISSION).est_valide(EMISSION)


def test_valable_juste_avant_24_heures() -> None:
    mdp = MotDePasseTemporaire(EMISSION)
    assert mdp.est_valide(EMISSION + timedelta(hours=23, minutes=59, seconds=59))
    assert mdp.est_valide(EMISSION + timedelta(hours=24) - UNE_MICROSECONDE)


def test_expire_a_24_heures_pile() -> None:
    """L'intervalle est [emis_le, emis_le + 24 h) : l'instant d'expiration est exclu."""
    mdp = MotDePasseTemporaire(EMISSION)
    assert not mdp.est_valide(mdp.expire_le)
    assert not mdp.est_valide(EMISSION + timedelta(hours=24))


def test_plus_de_24_heures_apres_expire() -> None:
    """« Si vous avez attendu plus de 24 heures » : il faut un nouveau mot de passe."""
    mdp = MotDePasseTemporaire(EMISSION)
    assert not mdp.est_valide(EMISSION + timedelta(hours=25))
    assert not mdp.est_valide(EMISSION + timedelta(days=30))


def test_pas_valable_avant_l_emission() -> None:
    mdp = MotDePasseTemporaire(EMISSION)
    assert not mdp.est_valide(EMISSION - UNE_MICROSECONDE)
    assert not mdp.est_valide(EMISSION - timedelta(days=1))


def test_nouveau_mot_de_passe_de_24_heures() -> None:
    """« mot de passe oublié » : le nouveau mot de passe vaut de nouveau 24 heures."""
    premier = MotDePasseTemporaire(EMISSION)
    retour = EMISSION + timedelta(hours=30)
    assert not premier.est_valide(retour)
    second = MotDePasseTemporaire(retour)
    assert second.est_valide(retour)
    assert second.expire_le == retour + DUREE_VALIDITE


def test_emis_le_garde_en_utc() -> None:
    mdp = MotDePasseTemporaire(datetime(2026, 11, 27, 10, 30, tzinfo=PARIS))
    assert mdp.emis_le == EMISSION
    assert mdp.emis_le.tzinfo is UTC
    assert mdp.expire_le.tzinfo is UTC
    assert mdp == MotDePasseTemporaire(EMISSION)


# --- interprétation 2 : changements d'heure de Europe/Paris ---------------------------


def test_passage_a_l_heure_d_ete_23_heures_d_horloge_ne_suffisent_pas() -> None:
    """Nuit du 28 au 29 mars 2026 : l'horloge avance d'une heure.

    Émis samedi à 12 h, le mot de passe expire dimanche à 13 h (heure de Paris) :
    à 12 h 30 dimanche, 23 h 30 seulement se sont écoulées.
    """
    emis = datetime(2026, 3, 28, 12, 0, tzinfo=PARIS)
    mdp = MotDePasseTemporaire(emis)
    assert mdp.expire_le.astimezone(PARIS) == datetime(2026, 3, 29, 13, 0, tzinfo=PARIS)
    assert mdp.expire_le.astimezone(PARIS).isoformat() == "2026-03-29T13:00:00+02:00"
    meme_heure_le_lendemain = datetime(2026, 3, 29, 12, 0, tzinfo=PARIS)
    assert mdp.est_valide(meme_heure_le_lendemain)
    assert mdp.est_valide(datetime(2026, 3, 29, 12, 30, tzinfo=PARIS))
    assert mdp.est_valide(datetime(2026, 3, 29, 12, 59, 59, tzinfo=PARIS))
    assert not mdp.est_valide(datetime(2026, 3, 29, 13, 0, tzinfo=PARIS))


def test_passage_a_l_heure_d_hiver_expire_une_heure_d_horloge_plus_tot() -> None:
    """Nuit du 24 au 25 octobre 2026 : l'horloge recule d'une heure.

    Émis samedi à 12 h, le mot de passe expire dimanche à 11 h (heure de Paris) :
    à 11 h 30 dimanche, 24 h 30 se sont écoulées, même si l'horloge n'indique pas
    encore « la même heure le lendemain ».
    """
    emis = datetime(2026, 10, 24, 12, 0, tzinfo=PARIS)
    mdp = MotDePasseTemporaire(emis)
    assert mdp.expire_le.astimezone(PARIS).isoformat() == "2026-10-25T11:00:00+01:00"
    assert mdp.est_valide(datetime(2026, 10, 25, 10, 59, tzinfo=PARIS))
    assert not mdp.est_valide(datetime(2026, 10, 25, 11, 0, tzinfo=PARIS))
    assert not mdp.est_valide(datetime(2026, 10, 25, 11, 30, tzinfo=PARIS))
    assert not mdp.est_valide(datetime(2026, 10, 25, 12, 0, tzinfo=PARIS))


def test_heure_repetee_a_l_automne_deux_instants_distincts() -> None:
    """2 h 30 le 25 octobre 2026 existe deux fois : fold=0 (UTC+2) puis fold=1 (UTC+1)."""
    premiere = MotDePasseTemporaire(datetime(2026, 10, 25, 2, 30, tzinfo=PARIS, fold=0))
    seconde = MotDePasseTemporaire(datetime(2026, 10, 25, 2, 30, tzinfo=PARIS, fold=1))
    assert seconde.emis_le - premiere.emis_le == timedelta(hours=1)
    assert seconde.expire_le - premiere.expire_le == timedelta(hours=1)
    assert premiere.expire_le == datetime(2026, 10, 26, 0, 30, tzinfo=UTC)


def test_meme_resultat_quel_que_soit_le_fuseau_de_l_instant() -> None:
    mdp = MotDePasseTemporaire(datetime(2026, 3, 28, 23, 0, tzinfo=PARIS))
    instant = datetime(2026, 3, 29, 22, 30, tzinfo=UTC)
    for fuseau in (UTC, PARIS, timezone(timedelta(hours=-10)), ZoneInfo("Asia/Tokyo")):
        assert mdp.est_valide(instant.astimezone(fuseau)) is False
    assert mdp.est_valide(datetime(2026, 3, 29, 21, 59, tzinfo=UTC))


# --- instants sans fuseau et valeurs étrangères ---------------------------------------


def test_emission_sans_fuseau_refusee() -> None:
    with pytest.raises(DonneeInvalide) as info:
        MotDePasseTemporaire(datetime(2026, 11, 27, 9, 30))
    assert info.value.code == "MCP-DONNEE-INSTANT"
    assert "fuseau" in info.value.message


def test_instant_sans_fuseau_refuse() -> None:
    mdp = MotDePasseTemporaire(EMISSION)
    with pytest.raises(DonneeInvalide) as info:
        mdp.est_valide(datetime(2026, 11, 27, 10, 0))
    assert info.value.code == "MCP-DONNEE-INSTANT"
    assert "fuseau" in info.value.message


@pytest.mark.parametrize(
    "valeur", [None, "2026-11-27T09:30:00+00:00", 1_700_000_000, 1.5, b"x", [EMISSION]]
)
def test_emission_non_datetime_refusee(valeur: object) -> None:
    with pytest.raises(DonneeInvalide) as info:
        MotDePasseTemporaire(valeur)  # type: ignore[arg-type]
    assert info.value.code == "MCP-DONNEE-TYPE"


def test_date_sans_heure_refusee() -> None:
    with pytest.raises(DonneeInvalide) as info:
        MotDePasseTemporaire(EMISSION).est_valide(EMISSION.date())  # type: ignore[arg-type]
    assert info.value.code == "MCP-DONNEE-TYPE"


def test_bornes_du_calendrier() -> None:
    """Une expiration non représentable est refusée dès l'émission, pas plus tard."""
    fin = datetime.max.replace(tzinfo=UTC)
    with pytest.raises(DonneeInvalide) as info:
        MotDePasseTemporaire(fin)
    assert info.value.code == "MCP-DONNEE-INSTANT"
    dernier = fin - DUREE_VALIDITE
    mdp = MotDePasseTemporaire(dernier)
    assert mdp.expire_le == fin
    assert mdp.est_valide(dernier)
    debut = datetime.min.replace(tzinfo=UTC)
    assert not MotDePasseTemporaire(dernier).est_valide(debut)
    assert not MotDePasseTemporaire(debut).est_valide(fin)
    with pytest.raises(DonneeInvalide):  # hors calendrier une fois passé en UTC
        MotDePasseTemporaire(datetime.min.replace(tzinfo=timezone(timedelta(hours=1))))


# --- lecture ISO 8601 ----------------------------------------------------------------------


def test_parse_iso_avec_decalage() -> None:
    mdp = MotDePasseTemporaire.parse("2026-11-27T10:30:00+01:00")
    assert mdp.emis_le == EMISSION
    assert str(mdp) == "2026-11-27T09:30:00+00:00"
    assert MotDePasseTemporaire.parse(str(mdp)) == mdp
    assert MotDePasseTemporaire.parse(mdp) is mdp


@pytest.mark.parametrize(
    "texte", ["2026-11-27T09:30:00", "2026-11-27", "demain", "", "2026-11-27T09:30:00+01:00 "]
)
def test_parse_refuse_sans_decalage_ou_illisible(texte: str) -> None:
    with pytest.raises(DonneeInvalide) as info:
        MotDePasseTemporaire.parse(texte)
    assert info.value.code == "MCP-DONNEE-INSTANT"


# --- propriété ------------------------------------------------------------------------------

fuseaux = st.sampled_from(
    [
        UTC,
        PARIS,
        ZoneInfo("America/New_York"),
        ZoneInfo("Pacific/Chatham"),
        timezone(timedelta(hours=5, minutes=30)),
        timezone(timedelta(hours=-3)),
    ]
)
instants = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31), timezones=fuseaux
)
ecarts = st.one_of(
    st.timedeltas(min_value=timedelta(days=-3), max_value=timedelta(days=3)),
    st.integers(-2, 2).map(lambda s: DUREE_VALIDITE + timedelta(microseconds=s)),
    st.integers(-3, 3).map(lambda h: DUREE_VALIDITE + timedelta(hours=h)),
    st.integers(-2, 2).map(lambda s: timedelta(microseconds=s)),
)


@given(instants, ecarts, fuseaux)
def test_valide_ssi_ecart_utc_dans_l_intervalle(
    emis: datetime, ecart: timedelta, fuseau: ZoneInfo | timezone
) -> None:
    """``est_valide(instant)`` ⇔ ``0 <= instant - emis_le < 24 h``, calculé en UTC."""
    instant = (emis.astimezone(UTC) + ecart).astimezone(fuseau)
    mdp = MotDePasseTemporaire(emis)
    ecoule = instant.astimezone(UTC) - emis.astimezone(UTC)
    attendu = timedelta(0) <= ecoule < timedelta(hours=24)
    assert mdp.est_valide(instant) is attendu
    assert mdp.expire_le == emis.astimezone(UTC) + timedelta(hours=24)
    assert mdp.est_valide(instant) is (mdp.emis_le <= instant < mdp.expire_le)


@given(instants)
def test_str_et_parse_aller_retour(emis: datetime) -> None:
    mdp = MotDePasseTemporaire(emis)
    assert MotDePasseTemporaire.parse(str(mdp)) == mdp
    assert MotDePasseTemporaire.parse(emis.isoformat()) == mdp
