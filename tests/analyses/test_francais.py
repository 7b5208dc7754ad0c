"""Le français des messages (ticket 9, constat 14) : chaque défaut relevé a son test."""

from __future__ import annotations

from datetime import timedelta

from mcp_rules import (
    Action,
    Convention,
    Fonction,
    ProfilT,
    Symptome,
    ajouter_au_groupe,
    auditer,
    cloturer_compte,
    diagnostiquer,
    peut,
)
from mcp_rules.exemple import INSTANT_EXEMPLE, convention_exemple
from mcp_rules.serialisation import depuis_dict, vers_dict

T = INSTANT_EXEMPLE


def _exemple() -> Convention:
    return convention_exemple()


def test_le_remede_d_un_profil_non_permis_nomme_le_groupe_pas_le_profil() -> None:
    """« Retirez X du groupe T1 » : T1 est un profil, le groupe s'appelle T1AS."""
    donnees = vers_dict(_exemple())
    for u in donnees["utilisateurs"]:
        if u["identifiant"] == "as.moreau":
            u["fonction"] = Fonction.AUTRE.value
    c = depuis_dict(donnees, Convention)
    (constat,) = [x for x in auditer(c, instant=T).erreurs if x.code == "MCP-ELIG-01"]
    assert "du groupe T1AS" in constat.remede
    assert "groupe T1," not in constat.remede
    r = ajouter_au_groupe(
        c, par="adm.martin", groupe="T1CESF", utilisateur="pe.fournier", instant=T
    )
    (refus,) = [x for x in r.erreurs if x.code == "MCP-ELIG-01"]
    assert "des groupes de profil T1" in refus.remede


def test_l_identifiant_perdu_elide_et_accorde() -> None:
    d = diagnostiquer(_exemple(), "as.leroy", Symptome.IDENTIFIANT_PERDU, instant=T)
    message = d.causes[0].message
    assert "l'identifiant d'Anne Leroy" in message
    assert "gest.durand, adm.bernard et adm.martin peuvent le lui redonner" in message
    d = diagnostiquer(_exemple(), "pe.fournier", Symptome.IDENTIFIANT_PERDU, instant=T)
    assert "adm.bernard et adm.martin peuvent le lui redonner" in d.causes[0].message


def test_l_identifiant_perdu_d_un_compte_cloture_dit_la_cloture() -> None:
    c = cloturer_compte(
        _exemple(), par="adm.martin", utilisateur="as.leroy", instant=T - timedelta(days=1)
    ).convention
    d = diagnostiquer(c, "as.leroy", Symptome.IDENTIFIANT_PERDU, instant=T)
    assert d.codes == ("MCP-MDP-05", "MCP-USR-05")
    assert "clôturé" in d.causes[1].message
    assert d.probleme_trouve


def test_un_compte_jamais_utilise_n_est_pas_dit_deconnecte() -> None:
    """ae.fontaine n'a jamais personnalisé son mot de passe : jamais connectée."""
    r = auditer(_exemple(), instant=T + timedelta(days=120))
    (constat,) = [x for x in r.constats if x.code == "MCP-USR-04" and x.cible == "ae.fontaine"]
    assert "n'a jamais servi" in constat.message
    assert "ne s'est pas connecté" not in constat.message
    autre = [x for x in r.constats if x.code == "MCP-USR-04" and x.cible == "cesf.roux"]
    assert autre
    assert "aucune connexion au compte cesf.roux depuis" in autre[0].message


def test_pas_de_pluriel_entre_parentheses_pour_un_nombre_connu() -> None:
    r = auditer(_exemple(), instant=T)
    textes = [x.message for x in r.constats]
    assert not [t for t in textes if "(s)" in t], textes
    (grp05,) = [x for x in r.constats if x.code == "MCP-GRP-05"]
    assert "son membre n'en tire aucun accès" in grp05.message


def test_un_gestionnaire_refuse_pour_la_caf_passe_par_ses_administrateurs() -> None:
    d = peut(_exemple(), "gest.durand", Action.CONTACTER_CAF, instant=T)
    assert not d
    assert "administrateur partenaire" in d.constats[0].remede
    assert "votre gestionnaire" not in " ".join(x.remede for x in d.constats)


def test_un_assistant_social_n_est_pas_prie_d_enregistrer_un_numero_rsa() -> None:
    from mcp_rules import eligibilite

    u = _exemple().utilisateur("as.leroy")
    d = eligibilite(u, ProfilT.T4)
    assert d.codes == ("MCP-ELIG-04",)
    assert len(d.erreurs) == 1
    assert "« agent instructeur du RSA »" in d.erreurs[0].message
    assert d.donnees_manquantes == ()
