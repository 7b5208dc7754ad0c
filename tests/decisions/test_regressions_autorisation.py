"""Tests de non-régression pour les défauts classiques d'autorisation.

Chaque test porte le nom du défaut qu'il empêche de revenir :

- la casse : deux identifiants ou deux codes qui ne diffèrent que par la casse sont le
  même compte, le même groupe (interprétation 9) ;
- les sosies Unicode (signe kelvin, i sans point, pleine chasse, cyrillique) : refusés à
  la construction, inconnus à la recherche, jamais « repliés » sur un compte existant ;
- les blancs autour ou dans un identifiant : refusés, jamais retirés ;
- l'instant exact d'une expiration ou d'une clôture, y compris aux changements d'heure
  de Europe/Paris (interprétation 2) ;
- les instants sans fuseau : refusés partout (interprétation 12) ;
- les acteurs, groupes et comptes inconnus : un refus motivé, jamais une exception ;
- l'acteur qui agit sur lui-même pour étendre ses droits ;
- un texte « CAF » n'est jamais la Caf ;
- une commande refusée ne change rien.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from mcp_rules import (
    CAF,
    GROUPE_AFAS_DECLARER,
    Action,
    AdresseEmail,
    CompteCloture,
    ConfigurationAfas,
    Convention,
    DonneeInvalide,
    DonneesInvalides,
    Fonction,
    Groupe,
    MembreAjoute,
    MotDePasseTemporaire,
    MotDePasseTemporaireEmis,
    ProfilT,
    Resultat,
    RoleAfas,
    Service,
    Utilisateur,
    acces_cdap,
    acces_service,
    affecter_role,
    ajouter_au_groupe,
    auditer,
    changer_approbateur,
    cloturer_compte,
    configurer_role_afas,
    consulter_dossier,
    creer_groupe,
    creer_utilisateur,
    demander_nouveau_mot_de_passe,
    designer_administrateur,
    designer_gestionnaire,
    modifier_compte,
    modifier_libelle,
    personnaliser_mot_de_passe,
    peut,
    qui_contacter,
    reactiver_compte,
    retirer_du_groupe,
    retirer_role,
    retirer_role_afas,
    valider_approbateur,
)
from mcp_rules.serialisation import depuis_dict, vers_dict

PARIS = ZoneInfo("Europe/Paris")
DOMAINE = "ville-exemple.fr"
DEBUT = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
T = datetime(2026, 2, 2, 10, 0, tzinfo=UTC)
"""L'instant des questions et des commandes, sauf mention contraire."""
UNE_US = timedelta(microseconds=1)


# --- la convention de référence ---------------------------------------------------------


def personne(identifiant: str, prenom: str, nom: str, **autres: Any) -> Utilisateur:
    return Utilisateur(
        identifiant=identifiant,
        prenom=prenom,
        nom=nom,
        email=AdresseEmail.parse(f"{prenom}.{nom}@{DOMAINE}".lower()),
        cree_le=DEBUT,
        **autres,
    )


def construire(
    *, gestion_deleguee: bool = True, autres: tuple[Utilisateur, ...] = ()
) -> Convention:
    """La convention des tests : des identifiants et des codes riches en « k » et en « i ».

    - administrateurs : ``adm.kim`` et ``adm.martin`` (membres d'aucun groupe) ;
    - ``T1-KAIROS`` (T1), géré par ``gest.kone``, membre ``as.kadir`` ;
    - ``T2PE`` (T2), géré par ``gest.durand``, membre ``pe.fournier`` ;
    - ``T2CR`` (sans rôle), géré par ``gest.durand`` ;
    - ``AFAS-DECLARER``, géré par ``adm.martin``, membres ``decl.a`` et ``decl.b`` ;
    - ``agent.libre`` : assistante sociale sans groupe.
    """
    social = {"fonction": Fonction.ASSISTANT_SOCIAL, "diplome_etat": "DEASS 2015"}
    comptes = [
        personne("adm.kim", "Kim", "Nguyen"),
        personne("adm.martin", "Claire", "Martin"),
        personne("gest.kone", "Ibrahim", "Kone"),
        personne("gest.durand", "Sophie", "Durand"),
        personne("as.kadir", "Kadir", "Aslan", **social),
        personne("pe.fournier", "Hugo", "Fournier"),
        personne("agent.libre", "Lina", "Libre", **social),
        personne("decl.a", "Alice", "Adam"),
        personne("decl.b", "Bruno", "Bodin"),
        *autres,
    ]
    groupes = [
        Groupe(
            code="T1-KAIROS",
            libelle="T1 Kairos",
            service=Service.CDAP,
            gestionnaire="gest.kone",
            role=ProfilT.T1,
            membres=frozenset({"as.kadir"}),
        ),
        Groupe(
            code="T2PE",
            libelle="T2 Service Petite Enfance",
            service=Service.CDAP,
            gestionnaire="gest.durand",
            role=ProfilT.T2,
            membres=frozenset({"pe.fournier"}),
        ),
        Groupe(
            code="T2CR",
            libelle="T2 Service des Crèches",
            service=Service.CDAP,
            gestionnaire="gest.durand",
        ),
        Groupe(
            code=GROUPE_AFAS_DECLARER,
            libelle="Déclarants AFAS",
            service=Service.AFAS,
            gestionnaire="adm.martin",
            membres=frozenset({"decl.a", "decl.b"}),
        ),
    ]
    return Convention(
        numero="19_214",
        organisme="Ville d'Exemple",
        caf="Caf de la Seine-Saint-Denis",
        gestion_deleguee=gestion_deleguee,
        services={Service.CDAP, Service.AFAS},
        profils_contractuels={ProfilT.T1, ProfilT.T2},
        administrateurs={"adm.kim", "adm.martin"},
        utilisateurs=comptes,
        groupes=groupes,
        afas=ConfigurationAfas(fda=frozenset({"decl.a"}), approbateur="decl.a"),
    )


@pytest.fixture
def c() -> Convention:
    return construire()


def codes_de(erreur: DonneeInvalide) -> set[str]:
    """Les codes d'une erreur de données (toutes celles d'une :class:`DonneesInvalides`)."""
    if isinstance(erreur, DonneesInvalides):
        return {e.code for e in erreur.erreurs}
    return {erreur.code}


def refuse(r: Resultat, avant: Convention, *codes: str) -> None:
    """Refus pour exactement ces règles ; la convention rendue est celle passée."""
    assert not r.accepte
    assert r.codes == codes, [(x.code, x.message) for x in r.constats]
    assert r.convention is avant
    assert r.evenements == ()


# --- la casse ---------------------------------------------------------------------------


def test_casse_meme_compte_et_meme_groupe_a_la_recherche(c: Convention) -> None:
    assert c.utilisateur("AS.KADIR") is c.utilisateur("as.kadir")
    assert c.utilisateur("As.Kadir").identifiant == "as.kadir"
    assert c.groupe("t1-kairos") is c.groupe("T1-KAIROS")
    assert c.trouver_groupe("T2pe") is c.groupe("T2PE")
    acces = acces_cdap(c, "AS.Kadir", instant=T)
    assert acces.autorise
    assert acces.profils == (ProfilT.T1,)
    assert acces.identifiant == "as.kadir"


def test_casse_meme_acteur(c: Convention) -> None:
    assert peut(c, "ADM.KIM", Action.CREER_GROUPE, service=Service.CDAP, instant=T)
    r = creer_groupe(
        c,
        par="Adm.Kim",
        code="T1NOUV",
        libelle="T1 Nouveau",
        service=Service.CDAP,
        gestionnaire="GEST.KONE",
        instant=T,
    )
    assert r.accepte
    # Le journal retient l'identifiant tel qu'écrit dans le compte, pas la saisie.
    assert {e.par for e in r.evenements} == {"adm.kim"}
    assert r.convention.groupe("T1NOUV").gestionnaire == "gest.kone"


def test_casse_meme_cible(c: Convention) -> None:
    r = ajouter_au_groupe(c, par="adm.kim", groupe="t2pe", utilisateur="AS.KADIR", instant=T)
    assert r.accepte
    (evenement,) = r.evenements
    assert isinstance(evenement, MembreAjoute)
    assert (evenement.groupe, evenement.utilisateur) == ("T2PE", "as.kadir")
    c1 = r.convention
    assert c1.groupe("T2PE").membres == {"pe.fournier", "as.kadir"}
    # Déjà membre, quelle que soit la casse de la saisie.
    refuse(
        ajouter_au_groupe(c1, par="adm.kim", groupe="T2PE", utilisateur="as.KADIR", instant=T),
        c1,
        "MCP-ROLE-07",
    )
    assert acces_cdap(c1, "as.kadir", instant=T).profils == (ProfilT.T1, ProfilT.T2)


def test_casse_meme_gestionnaire(c: Convention) -> None:
    assert peut(c, "GEST.KONE", Action.GERER_MEMBRES, groupe="t1-kairos", instant=T)
    assert peut(c, "Gest.Kone", Action.MODIFIER_COMPTE, utilisateur="AS.KADIR", instant=T)
    r = retirer_du_groupe(c, par="GEST.KONE", groupe="t1-Kairos", utilisateur="AS.Kadir", instant=T)
    assert r.accepte
    # agent.libre n'est dans aucun groupe : il relève des administrateurs, quelle que soit la
    # casse de la saisie (interprétation 14).
    refuse(
        ajouter_au_groupe(
            c, par="GEST.KONE", groupe="t1-Kairos", utilisateur="Agent.Libre", instant=T
        ),
        c,
        "MCP-ROLE-07",
        "MCP-ROLE-10",
    )
    # Désigner le gestionnaire en place, écrit autrement : il l'est déjà (MCP-ROLE-11).
    refuse(
        designer_gestionnaire(
            c, par="adm.kim", groupe="T1-KAIROS", gestionnaire="GEST.KONE", instant=T
        ),
        c,
        "MCP-ROLE-11",
    )
    # Un autre gestionnaire, écrit en capitales, n'en devient pas gestionnaire pour autant.
    assert peut(c, "GEST.DURAND", Action.GERER_MEMBRES, groupe="T1-KAIROS", instant=T).codes == (
        "MCP-ROLE-07",
        "MCP-ROLE-10",
    )


def test_casse_un_identifiant_ne_se_cree_pas_deux_fois(c: Convention) -> None:
    doublon = Utilisateur(
        identifiant="AS.Kadir",
        prenom="Kadir",
        nom="Autre",
        email=AdresseEmail.parse(f"kadir.autre@{DOMAINE}"),
        cree_le=DEBUT,
    )
    refuse(creer_utilisateur(c, par="adm.kim", utilisateur=doublon, instant=T), c, "MCP-USR-03")
    # Ni comme nouveau gestionnaire créé avec son groupe.
    nouveau_gestionnaire = Utilisateur(
        identifiant="GEST.KONE",
        prenom="Ibrahim",
        nom="Autre",
        email=AdresseEmail.parse(f"ibrahim.autre@{DOMAINE}"),
        cree_le=DEBUT,
    )
    refuse(
        creer_groupe(
            c,
            par="adm.kim",
            code="T1NOUV",
            libelle="T1 Nouveau",
            service=Service.CDAP,
            gestionnaire=nouveau_gestionnaire,
            instant=T,
        ),
        c,
        "MCP-USR-03",
    )
    # Ni dans une convention construite directement.
    with pytest.raises(DonneeInvalide) as erreur:
        construire(autres=(doublon,))
    assert "MCP-DONNEE-DOUBLON" in codes_de(erreur.value)


def test_casse_une_adresse_ne_sert_pas_deux_fois(c: Convention) -> None:
    meme_adresse = Utilisateur(
        identifiant="k.aslan",
        prenom="Kadir",
        nom="Aslan",
        email=AdresseEmail.parse(f"Kadir.ASLAN@{DOMAINE.upper()}"),
        cree_le=DEBUT,
    )
    refuse(
        creer_utilisateur(c, par="adm.kim", utilisateur=meme_adresse, instant=T), c, "MCP-USR-03"
    )


def test_casse_un_code_de_groupe_ne_se_cree_pas_deux_fois(c: Convention) -> None:
    refuse(
        creer_groupe(
            c,
            par="adm.kim",
            code="t1-kairos",
            libelle="T1 Kairos bis",
            service=Service.CDAP,
            gestionnaire="gest.kone",
            instant=T,
        ),
        c,
        "MCP-GRP-02",
    )
    with pytest.raises(DonneeInvalide) as erreur:
        Convention(
            numero="19_214",
            organisme="Ville d'Exemple",
            caf="Caf de la Seine-Saint-Denis",
            services={Service.CDAP},
            administrateurs={"adm.kim"},
            utilisateurs=[personne("adm.kim", "Kim", "Nguyen")],
            groupes=[
                Groupe(code=code, libelle="T2 PE", service=Service.CDAP, gestionnaire="adm.kim")
                for code in ("T2PE", "t2pe")
            ],
        )
    assert "MCP-DONNEE-DOUBLON" in codes_de(erreur.value)


# --- les sosies Unicode -----------------------------------------------------------------

# (sosie de l'administrateur adm.kim, du compte as.kadir, du groupe T1-KAIROS, de l'adresse
# kadir.aslan@ville-exemple.fr)
SOSIES = {
    "kelvin": ("adm.\u212aim", "as.\u212aadir", "T1-\u212aAIROS", f"\u212aadir.aslan@{DOMAINE}"),
    "i-sans-point": (
        "adm.k\u0131m",
        "as.kad\u0131r",
        "T1-KA\u0131ROS",
        f"kad\u0131r.aslan@{DOMAINE}",
    ),
    "pleine-chasse": (
        "\uff41dm.kim",
        "as.\uff4badir",
        "T1-\uff2bAIROS",
        f"\uff4badir.aslan@{DOMAINE}",
    ),
    "cyrillique": (
        "\u0430dm.kim",
        "as.k\u0430dir",
        "T1-K\u0410IROS",
        f"k\u0430dir.aslan@{DOMAINE}",
    ),
}


def sosies() -> list[Any]:
    return [pytest.param(*valeurs, id=nom) for nom, valeurs in SOSIES.items()]


@pytest.mark.parametrize(("admin", "compte", "groupe", "email"), sosies())
def test_sosie_refuse_a_la_construction(admin: str, compte: str, groupe: str, email: str) -> None:
    """Un sosie n'entre jamais dans un objet : DonneeInvalide, rien n'est replié."""
    constructions: list[tuple[Callable[[], object], str]] = [
        (lambda: personne(compte, "Kadir", "Aslan"), "MCP-DONNEE-IDENTIFIANT"),
        (lambda: personne(admin, "Kim", "Nguyen"), "MCP-DONNEE-IDENTIFIANT"),
        (
            lambda: Groupe(code=groupe, libelle="T1 K", service="CDAP", gestionnaire="gest.kone"),
            "MCP-DONNEE-IDENTIFIANT",
        ),
        (
            lambda: Groupe(code="T1K", libelle="T1 K", service="CDAP", gestionnaire=compte),
            "MCP-DONNEE-IDENTIFIANT",
        ),
        (
            lambda: Groupe(
                code="T1K",
                libelle="T1 K",
                service="CDAP",
                gestionnaire="gest.kone",
                membres=frozenset({compte}),
            ),
            "MCP-DONNEE-IDENTIFIANT",
        ),
        (
            lambda: Groupe(
                code="T1K", libelle="T1 K", service="CDAP", gestionnaire="gest.kone", parent=groupe
            ),
            "MCP-DONNEE-IDENTIFIANT",
        ),
        (lambda: ConfigurationAfas(fda=frozenset({compte})), "MCP-DONNEE-IDENTIFIANT"),
        (lambda: ConfigurationAfas(approbateur=compte), "MCP-DONNEE-IDENTIFIANT"),
        (lambda: AdresseEmail.parse(email), "MCP-DONNEE-EMAIL"),
        (
            lambda: Utilisateur(
                identifiant="k.aslan", prenom="Kadir", nom="Aslan", email=email, cree_le=DEBUT
            ),
            "MCP-DONNEE-EMAIL",
        ),
        (
            lambda: Convention(
                numero="19_214",
                organisme="Ville d'Exemple",
                caf="Caf de la Seine-Saint-Denis",
                services={Service.CDAP},
                administrateurs={admin},
                utilisateurs=[personne("adm.kim", "Kim", "Nguyen")],
            ),
            "MCP-DONNEE-IDENTIFIANT",
        ),
    ]
    for construire_objet, code in constructions:
        with pytest.raises(DonneeInvalide) as erreur:
            construire_objet()
        assert code in codes_de(erreur.value)


@pytest.mark.parametrize(("admin", "compte", "groupe", "email"), sosies())
def test_sosie_refuse_comme_nouveau_code_de_groupe(
    c: Convention, admin: str, compte: str, groupe: str, email: str
) -> None:
    """Le code d'un groupe à créer est une donnée : DonneeInvalide, pas un refus."""
    with pytest.raises(DonneeInvalide) as erreur:
        creer_groupe(
            c,
            par="adm.kim",
            code=groupe.replace("T1-", "T1-NOUV-"),
            libelle="T1 Nouveau",
            service=Service.CDAP,
            gestionnaire="gest.kone",
            instant=T,
        )
    assert erreur.value.code == "MCP-DONNEE-IDENTIFIANT"


@pytest.mark.parametrize(("admin", "compte", "groupe", "email"), sosies())
def test_sosie_d_acteur_est_un_acteur_inconnu(
    c: Convention, admin: str, compte: str, groupe: str, email: str
) -> None:
    assert c.trouver_utilisateur(admin) is None
    d = peut(c, admin, Action.CREER_GROUPE, service=Service.CDAP, instant=T)
    assert not d.autorise
    assert d.codes == ("MCP-ROLE-03",)
    refuse(
        creer_groupe(
            c,
            par=admin,
            code="T1NOUV",
            libelle="T1 Nouveau",
            service=Service.CDAP,
            gestionnaire="gest.kone",
            instant=T,
        ),
        c,
        "MCP-ROLE-03",
    )
    refuse(cloturer_compte(c, par=admin, utilisateur="pe.fournier", instant=T), c, "MCP-ROLE-09")
    # Le sosie du compte ne se fait pas davantage passer pour lui.
    r = demander_nouveau_mot_de_passe(c, par=compte, instant=T)
    assert not r.accepte
    assert r.convention is c


@pytest.mark.parametrize(("admin", "compte", "groupe", "email"), sosies())
def test_sosie_de_groupe_est_un_groupe_inconnu(
    c: Convention, admin: str, compte: str, groupe: str, email: str
) -> None:
    assert c.trouver_groupe(groupe) is None
    with pytest.raises(DonneeInvalide):
        c.groupe(groupe)
    assert peut(c, "adm.kim", Action.GERER_MEMBRES, groupe=groupe, instant=T).codes == (
        "MCP-ROLE-07",
    )
    assert not peut(c, "gest.kone", Action.GERER_MEMBRES, groupe=groupe, instant=T)
    refuse(
        ajouter_au_groupe(c, par="adm.kim", groupe=groupe, utilisateur="agent.libre", instant=T),
        c,
        "MCP-ROLE-07",
    )
    refuse(
        ajouter_au_groupe(c, par="gest.kone", groupe=groupe, utilisateur="agent.libre", instant=T),
        c,
        "MCP-ROLE-07",
    )
    refuse(retirer_role(c, par="adm.kim", groupe=groupe, instant=T), c, "MCP-ROLE-06")


@pytest.mark.parametrize(("admin", "compte", "groupe", "email"), sosies())
def test_sosie_de_compte_est_un_compte_inconnu(
    c: Convention, admin: str, compte: str, groupe: str, email: str
) -> None:
    assert c.trouver_utilisateur(compte) is None
    with pytest.raises(DonneeInvalide):
        c.utilisateur(compte)
    acces = acces_cdap(c, compte, instant=T)
    assert (acces.autorise, acces.profils, acces.codes) == (False, (), ("MCP-CDAP-01",))
    assert peut(c, "adm.kim", Action.MODIFIER_COMPTE, utilisateur=compte, instant=T).codes == (
        "MCP-ROLE-09",
    )
    refuse(cloturer_compte(c, par="adm.kim", utilisateur=compte, instant=T), c, "MCP-ROLE-09")
    refuse(
        ajouter_au_groupe(c, par="adm.kim", groupe="T2PE", utilisateur=compte, instant=T),
        c,
        "MCP-ROLE-07",
    )
    refuse(
        designer_gestionnaire(c, par="adm.kim", groupe="T2CR", gestionnaire=compte, instant=T),
        c,
        "MCP-GRP-04",
    )


@pytest.mark.parametrize(("admin", "compte", "groupe", "email"), sosies())
def test_sosie_comme_groupe_parent_est_un_groupe_inconnu(
    c: Convention, admin: str, compte: str, groupe: str, email: str
) -> None:
    r = creer_groupe(
        c,
        par="adm.kim",
        code="T1-SOUS",
        libelle="T1 Sous-groupe",
        service=Service.CDAP,
        gestionnaire="gest.kone",
        parent=groupe,
        instant=T,
    )
    refuse(r, c, "MCP-ROLE-04")


@pytest.mark.parametrize(("admin", "compte", "groupe", "email"), sosies())
def test_sosie_comme_administrateur_remplace_est_un_administrateur_inconnu(
    c: Convention, admin: str, compte: str, groupe: str, email: str
) -> None:
    r = designer_administrateur(c, par=CAF, identifiant="gest.kone", remplace=admin, instant=T)
    refuse(r, c, "MCP-CONV-03", "MCP-CONV-02")


# --- les blancs -------------------------------------------------------------------------

BLANCS = [
    pytest.param(" as.kadir", id="espace-devant"),
    pytest.param("as.kadir ", id="espace-derriere"),
    pytest.param("as. kadir", id="espace-dedans"),
    pytest.param("\tas.kadir", id="tabulation"),
    pytest.param("as.kadir\n", id="fin-de-ligne"),
    pytest.param("as.kadir\u00a0", id="espace-insecable"),
    pytest.param("as\u200b.kadir", id="espace-sans-chasse"),
    pytest.param("\u3000as.kadir", id="espace-ideographique"),
]


@pytest.mark.parametrize("identifiant", BLANCS)
def test_blancs_refuses_a_la_construction(identifiant: str) -> None:
    with pytest.raises(DonneeInvalide) as erreur:
        personne(identifiant, "Kadir", "Aslan")
    assert codes_de(erreur.value) == {"MCP-DONNEE-IDENTIFIANT"}
    code = identifiant.replace("as.kadir", "T2PE")
    with pytest.raises(DonneeInvalide) as erreur:
        Groupe(code=code, libelle="T2 PE", service=Service.CDAP, gestionnaire="gest.durand")
    assert codes_de(erreur.value) == {"MCP-DONNEE-IDENTIFIANT"}


@pytest.mark.parametrize("identifiant", BLANCS)
def test_blancs_jamais_retires_a_la_recherche(c: Convention, identifiant: str) -> None:
    admin = identifiant.replace("as.kadir", "adm.kim")
    code = identifiant.replace("as.kadir", "T2PE")
    assert c.trouver_utilisateur(identifiant) is None
    assert c.trouver_groupe(code) is None
    assert acces_cdap(c, identifiant, instant=T).codes == ("MCP-CDAP-01",)
    assert peut(c, admin, Action.CREER_GROUPE, service=Service.CDAP, instant=T).codes == (
        "MCP-ROLE-03",
    )
    refuse(cloturer_compte(c, par="adm.kim", utilisateur=identifiant, instant=T), c, "MCP-ROLE-09")
    refuse(cloturer_compte(c, par=admin, utilisateur="as.kadir", instant=T), c, "MCP-ROLE-09")
    refuse(
        ajouter_au_groupe(c, par="adm.kim", groupe=code, utilisateur="agent.libre", instant=T),
        c,
        "MCP-ROLE-07",
    )


# --- l'instant exact --------------------------------------------------------------------


def _compte_cree_a(emission: datetime) -> Convention:
    """La convention où agent.neuf vient d'être créé (mot de passe émis à ``emission``)."""
    neuf = personne("agent.neuf", "Noe", "Neuf")
    r = creer_utilisateur(construire(), par="adm.kim", utilisateur=neuf, instant=emission)
    assert r.accepte
    (mdp,) = [e for e in r.evenements if isinstance(e, MotDePasseTemporaireEmis)]
    # 24 heures écoulées : l'arithmétique se fait en UTC, jamais sur l'heure murale.
    assert mdp.expire_le == emission.astimezone(UTC) + timedelta(hours=24)
    return r.convention


def test_mot_de_passe_temporaire_expire_a_l_instant_exact() -> None:
    emission = datetime(2026, 2, 2, 10, 0, tzinfo=UTC)
    c = _compte_cree_a(emission)
    expiration = emission + timedelta(hours=24)
    assert personnaliser_mot_de_passe(c, par="agent.neuf", instant=expiration - UNE_US).accepte
    refuse(personnaliser_mot_de_passe(c, par="agent.neuf", instant=expiration), c, "MCP-MDP-02")
    # Valide dès l'instant d'émission, pas avant.
    assert personnaliser_mot_de_passe(c, par="agent.neuf", instant=emission).accepte


def test_mot_de_passe_temporaire_24_heures_ecoulees_au_passage_a_l_heure_d_ete() -> None:
    """Nuit du 28 au 29 mars 2026 : 24 h écoulées finissent à 13 h, pas à 12 h (heure de Paris)."""
    emission = datetime(2026, 3, 28, 12, 0, tzinfo=PARIS)
    c = _compte_cree_a(emission)
    mdp = c.utilisateur("agent.neuf").mot_de_passe_temporaire
    assert mdp is not None
    assert mdp.expire_le == datetime(2026, 3, 29, 13, 0, tzinfo=PARIS)
    # 12 h 30 le lendemain (heure de Paris) : 23 h 30 seulement se sont écoulées.
    r = personnaliser_mot_de_passe(
        c, par="agent.neuf", instant=datetime(2026, 3, 29, 12, 30, tzinfo=PARIS)
    )
    assert r.accepte
    fin = datetime(2026, 3, 29, 13, 0, tzinfo=PARIS)
    assert personnaliser_mot_de_passe(c, par="agent.neuf", instant=fin - UNE_US).accepte
    refuse(personnaliser_mot_de_passe(c, par="agent.neuf", instant=fin), c, "MCP-MDP-02")


def test_mot_de_passe_temporaire_24_heures_ecoulees_au_passage_a_l_heure_d_hiver() -> None:
    """Nuit du 24 au 25 octobre 2026 : 24 h écoulées finissent à 11 h, pas à 12 h."""
    emission = datetime(2026, 10, 24, 12, 0, tzinfo=PARIS)
    c = _compte_cree_a(emission)
    fin = datetime(2026, 10, 25, 11, 0, tzinfo=PARIS)
    assert personnaliser_mot_de_passe(c, par="agent.neuf", instant=fin - UNE_US).accepte
    refuse(personnaliser_mot_de_passe(c, par="agent.neuf", instant=fin), c, "MCP-MDP-02")
    # À « la même heure le lendemain », il a expiré depuis une heure.
    midi = datetime(2026, 10, 25, 12, 0, tzinfo=PARIS)
    refuse(personnaliser_mot_de_passe(c, par="agent.neuf", instant=midi), c, "MCP-MDP-02")


def _cloturer(c: Convention, ident: str, le: datetime) -> Convention:
    r = cloturer_compte(c, par="adm.kim", utilisateur=ident, le=le, instant=T)
    assert r.accepte
    (evenement,) = r.evenements
    assert isinstance(evenement, CompteCloture)
    # (une heure ambiguë avec fold=1 n'est jamais « égale » à un instant d'un autre fuseau)
    assert evenement.le == le.astimezone(UTC)
    return r.convention


def _actif(c: Convention, quand: datetime) -> bool:
    """as.kadir consulte-t-il, et adm.martin peut-il agir, à cet instant ? (les deux concordent)"""
    consulte = acces_cdap(c, "as.kadir", instant=quand).autorise
    assert (
        peut(c, "as.kadir", Action.ACCEDER_SERVICE, service=Service.CDAP, instant=quand).autorise
        is consulte
    )
    agit = peut(c, "adm.martin", Action.CREER_GROUPE, service=Service.CDAP, instant=quand)
    assert agit.autorise is consulte
    if not consulte:
        assert acces_cdap(c, "as.kadir", instant=quand).codes == ("MCP-USR-05",)
        assert agit.codes == ("MCP-USR-05",)
    return consulte


def _clotures(c: Convention, le: datetime) -> Convention:
    return _cloturer(_cloturer(c, "as.kadir", le), "adm.martin", le)


def test_cloture_a_l_instant_exact(c: Convention) -> None:
    le = datetime(2026, 3, 1, 0, 0, tzinfo=UTC)
    c1 = _clotures(c, le)
    assert _actif(c1, le - UNE_US)
    assert not _actif(c1, le)
    assert not _actif(c1, le + UNE_US)
    # Dans l'autre ordre (réponse gardée en cache pour l'instant d'après) : même résultat.
    c2 = _clotures(c, le)
    assert not _actif(c2, le)
    assert _actif(c2, le - UNE_US)


def test_cloture_au_passage_a_l_heure_d_ete(c: Convention) -> None:
    """29 mars 2026 : à 2 h (Paris), il est 3 h ; la clôture à 3 h tombe sur le saut."""
    le = datetime(2026, 3, 29, 3, 0, tzinfo=PARIS)
    c1 = _clotures(c, le)
    assert c1.utilisateur("as.kadir").cloture_le == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    assert _actif(c1, datetime(2026, 3, 29, 1, 59, 59, 999999, tzinfo=PARIS))
    assert not _actif(c1, le)


def test_cloture_au_passage_a_l_heure_d_hiver(c: Convention) -> None:
    """25 octobre 2026 : 2 h 30 (Paris) arrive deux fois ; la clôture est à la seconde."""
    le = datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=PARIS)  # 1 h 30 UTC
    c1 = _clotures(c, le)
    assert c1.utilisateur("as.kadir").cloture_le == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    # La première fois qu'il est 2 h 30, 2 h 45, 2 h 59 : une heure avant la clôture.
    for minute in (30, 45, 59):
        assert _actif(c1, datetime(2026, 10, 25, 2, minute, fold=0, tzinfo=PARIS))
    assert _actif(c1, le - UNE_US)
    assert not _actif(c1, le)
    assert not _actif(c1, datetime(2026, 10, 25, 2, 45, fold=1, tzinfo=PARIS))


# --- les instants sans fuseau -----------------------------------------------------------

NAIF = datetime(2026, 2, 2, 10, 0)

QUESTIONS_ET_COMMANDES: dict[str, Callable[[Convention, datetime], object]] = {
    "peut": lambda c, t: peut(c, "adm.kim", Action.CREER_GROUPE, service="CDAP", instant=t),
    "acces_cdap": lambda c, t: acces_cdap(c, "as.kadir", instant=t),
    "acces_service": lambda c, t: acces_service(c, "decl.a", Service.AFAS, instant=t),
    "consulter_dossier": lambda c, t: consulter_dossier(
        c, "as.kadir", numero_allocataire="1234567", nom_allocataire="Dupont", instant=t
    ),
    "qui_contacter": lambda c, t: qui_contacter(c, "as.kadir", instant=t),
    "auditer": lambda c, t: auditer(c, instant=t),
    "creer_groupe": lambda c, t: creer_groupe(
        c,
        par="adm.kim",
        code="T1NOUV",
        libelle="T1 Nouveau",
        service=Service.CDAP,
        gestionnaire="gest.kone",
        instant=t,
    ),
    "affecter_role": lambda c, t: affecter_role(
        c, par="adm.kim", groupe="T2CR", profil="T2", instant=t
    ),
    "retirer_role": lambda c, t: retirer_role(c, par="adm.kim", groupe="T2PE", instant=t),
    "modifier_libelle": lambda c, t: modifier_libelle(
        c, par="adm.kim", groupe="T2PE", libelle="T2 PE", instant=t
    ),
    "designer_gestionnaire": lambda c, t: designer_gestionnaire(
        c, par="adm.kim", groupe="T2PE", gestionnaire="gest.kone", instant=t
    ),
    "creer_utilisateur": lambda c, t: creer_utilisateur(
        c, par="adm.kim", utilisateur=personne("agent.neuf", "Noe", "Neuf"), instant=t
    ),
    "ajouter_au_groupe": lambda c, t: ajouter_au_groupe(
        c, par="adm.kim", groupe="T2PE", utilisateur="agent.libre", instant=t
    ),
    "retirer_du_groupe": lambda c, t: retirer_du_groupe(
        c, par="adm.kim", groupe="T2PE", utilisateur="pe.fournier", instant=t
    ),
    "modifier_compte": lambda c, t: modifier_compte(
        c, par="adm.kim", utilisateur="as.kadir", diplome_etat="DEASS 2016", instant=t
    ),
    "cloturer_compte": lambda c, t: cloturer_compte(
        c, par="adm.kim", utilisateur="as.kadir", instant=t
    ),
    "reactiver_compte": lambda c, t: reactiver_compte(
        c, par="adm.kim", utilisateur="as.kadir", instant=t
    ),
    "designer_administrateur": lambda c, t: designer_administrateur(
        c, par=CAF, identifiant="gest.kone", remplace="adm.martin", instant=t
    ),
    "configurer_role_afas": lambda c, t: configurer_role_afas(
        c, par="adm.kim", utilisateur="decl.b", role=RoleAfas.FDF, instant=t
    ),
    "retirer_role_afas": lambda c, t: retirer_role_afas(
        c, par="adm.kim", utilisateur="decl.a", role=RoleAfas.FDA, instant=t
    ),
    "changer_approbateur": lambda c, t: changer_approbateur(
        c, par="adm.kim", utilisateur="decl.b", instant=t
    ),
    "valider_approbateur": lambda c, t: valider_approbateur(c, par=CAF, instant=t),
    "demander_nouveau_mot_de_passe": lambda c, t: demander_nouveau_mot_de_passe(
        c, par="as.kadir", instant=t
    ),
    "personnaliser_mot_de_passe": lambda c, t: personnaliser_mot_de_passe(
        c, par="as.kadir", instant=t
    ),
}


@pytest.mark.parametrize("nom", list(QUESTIONS_ET_COMMANDES))
def test_instant_sans_fuseau_refuse_partout(c: Convention, nom: str) -> None:
    fonction = QUESTIONS_ET_COMMANDES[nom]
    with pytest.raises(DonneeInvalide) as erreur:
        fonction(c, NAIF)
    assert erreur.value.code == "MCP-DONNEE-INSTANT"
    # Le même appel avec un instant situé passe le contrôle de structure.
    fonction(c, T)


@pytest.mark.parametrize("nom", ["peut", "acces_cdap", "acces_service", "consulter_dossier"])
def test_instant_sans_fuseau_refuse_meme_apres_une_reponse_gardee(c: Convention, nom: str) -> None:
    """Le chemin rapide (réponse déjà calculée pour ce compte) contrôle aussi l'instant."""
    fonction = QUESTIONS_ET_COMMANDES[nom]
    fonction(c, T)
    fonction(c, T)
    with pytest.raises(DonneeInvalide) as erreur:
        fonction(c, NAIF)
    assert erreur.value.code == "MCP-DONNEE-INSTANT"


def test_instant_sans_fuseau_refuse_dans_les_donnees(c: Convention) -> None:
    with pytest.raises(DonneeInvalide) as erreur:
        cloturer_compte(c, par="adm.kim", utilisateur="as.kadir", le=NAIF, instant=T)
    assert erreur.value.code == "MCP-DONNEE-INSTANT"
    with pytest.raises(DonneeInvalide) as erreur:
        MotDePasseTemporaire(NAIF)
    assert erreur.value.code == "MCP-DONNEE-INSTANT"
    with pytest.raises(DonneeInvalide) as erreur:
        Utilisateur(
            identifiant="agent.neuf",
            prenom="Noe",
            nom="Neuf",
            email=f"noe.neuf@{DOMAINE}",
            cree_le=NAIF,
        )
    assert codes_de(erreur.value) == {"MCP-DONNEE-INSTANT"}


# --- acteurs, groupes et comptes inconnus -----------------------------------------------

INCONNUS_PEUT = [
    pytest.param(
        "personne.x", Action.CREER_GROUPE, {"service": "CDAP"}, "MCP-ROLE-03", id="acteur"
    ),
    pytest.param("", Action.GERER_MEMBRES, {"groupe": "T2PE"}, "MCP-ROLE-07", id="acteur-vide"),
    pytest.param(
        "x" * 500,
        Action.MODIFIER_COMPTE,
        {"utilisateur": "as.kadir"},
        "MCP-ROLE-09",
        id="acteur-long",
    ),
    pytest.param("adm.kim", Action.GERER_MEMBRES, {"groupe": "T9XX"}, "MCP-ROLE-07", id="groupe"),
    pytest.param("adm.kim", Action.AFFECTER_ROLE, {"groupe": ""}, "MCP-ROLE-06", id="groupe-vide"),
    pytest.param(
        "adm.kim", Action.MODIFIER_COMPTE, {"utilisateur": "personne.x"}, "MCP-ROLE-09", id="compte"
    ),
    pytest.param(
        "gest.kone",
        Action.MODIFIER_COMPTE,
        {"utilisateur": "personne.x"},
        "MCP-ROLE-09",
        id="compte-par-gestionnaire",
    ),
    pytest.param(
        CAF,
        Action.GERER_MEMBRES,
        {"groupe": "T9XX"},
        "MCP-ROLE-07",
        id="groupe-par-la-caf",
    ),
    pytest.param(
        CAF,
        Action.MODIFIER_COMPTE,
        {"utilisateur": "personne.x"},
        "MCP-ROLE-09",
        id="compte-par-la-caf",
    ),
]


@pytest.mark.parametrize(("par", "action", "arguments", "code"), INCONNUS_PEUT)
def test_inconnu_dans_peut_est_un_refus_motive(
    c: Convention, par: Any, action: Action, arguments: dict[str, Any], code: str
) -> None:
    d = peut(c, par, action, instant=T, **arguments)
    assert not d.autorise
    assert d.codes == (code,)
    assert all(x.message for x in d.constats)


Commande = Callable[[Convention], Resultat]

INCONNUS_COMMANDES: list[Any] = [
    pytest.param(
        lambda c: creer_groupe(
            c,
            par="personne.x",
            code="T1NOUV",
            libelle="T1 Nouveau",
            service=Service.CDAP,
            gestionnaire="gest.kone",
            instant=T,
        ),
        ("MCP-ROLE-03",),
        id="creer_groupe-acteur",
    ),
    pytest.param(
        lambda c: creer_groupe(
            c,
            par="adm.kim",
            code="T1NOUV",
            libelle="T1 Nouveau",
            service=Service.CDAP,
            gestionnaire="personne.x",
            instant=T,
        ),
        ("MCP-GRP-04",),
        id="creer_groupe-gestionnaire",
    ),
    pytest.param(
        lambda c: creer_groupe(
            c,
            par="adm.kim",
            code="T1NOUV",
            libelle="T1 Nouveau",
            service=Service.CDAP,
            gestionnaire="gest.kone",
            parent="T9XX",
            instant=T,
        ),
        ("MCP-ROLE-04",),
        id="creer_groupe-parent",
    ),
    pytest.param(
        lambda c: affecter_role(c, par="adm.kim", groupe="T9XX", profil="T1", instant=T),
        ("MCP-ROLE-06",),
        id="affecter_role-groupe",
    ),
    pytest.param(
        lambda c: affecter_role(c, par="personne.x", groupe="T2CR", profil="T2", instant=T),
        ("MCP-ROLE-06",),
        id="affecter_role-acteur",
    ),
    pytest.param(
        lambda c: modifier_libelle(c, par="adm.kim", groupe="T9XX", libelle="T1 X", instant=T),
        ("MCP-ROLE-03",),
        id="modifier_libelle-groupe",
    ),
    pytest.param(
        lambda c: designer_gestionnaire(
            c, par="adm.kim", groupe="T9XX", gestionnaire="gest.kone", instant=T
        ),
        ("MCP-ROLE-05",),
        id="designer_gestionnaire-groupe",
    ),
    pytest.param(
        lambda c: creer_utilisateur(
            c, par="personne.x", utilisateur=personne("agent.neuf", "Noe", "Neuf"), instant=T
        ),
        ("MCP-ROLE-02",),
        id="creer_utilisateur-acteur",
    ),
    pytest.param(
        lambda c: creer_utilisateur(
            c,
            par="adm.kim",
            utilisateur=personne("agent.neuf", "Noe", "Neuf"),
            groupe="T9XX",
            instant=T,
        ),
        ("MCP-ROLE-02",),
        id="creer_utilisateur-groupe",
    ),
    pytest.param(
        lambda c: ajouter_au_groupe(
            c, par="adm.kim", groupe="T9XX", utilisateur="personne.x", instant=T
        ),
        ("MCP-ROLE-07",),
        id="ajouter_au_groupe-groupe-et-compte",
    ),
    pytest.param(
        lambda c: retirer_du_groupe(
            c, par="personne.x", groupe="T2PE", utilisateur="pe.fournier", instant=T
        ),
        ("MCP-ROLE-07",),
        id="retirer_du_groupe-acteur",
    ),
    pytest.param(
        lambda c: modifier_compte(
            c, par="adm.kim", utilisateur="personne.x", nom="Autre", instant=T
        ),
        ("MCP-ROLE-09",),
        id="modifier_compte-compte",
    ),
    pytest.param(
        lambda c: reactiver_compte(c, par="adm.kim", utilisateur="personne.x", instant=T),
        ("MCP-ROLE-09",),
        id="reactiver_compte-compte",
    ),
    pytest.param(
        lambda c: designer_administrateur(c, par=CAF, identifiant="personne.x", instant=T),
        ("MCP-CONV-03",),
        id="designer_administrateur-compte",
    ),
    pytest.param(
        lambda c: designer_administrateur(
            c, par=CAF, identifiant="gest.kone", remplace="personne.x", instant=T
        ),
        ("MCP-CONV-03", "MCP-CONV-02"),
        id="designer_administrateur-remplace",
    ),
    pytest.param(
        lambda c: configurer_role_afas(
            c, par="adm.kim", utilisateur="personne.x", role="FDF", instant=T
        ),
        ("MCP-AFAS-02",),
        id="configurer_role_afas-compte",
    ),
    pytest.param(
        lambda c: changer_approbateur(c, par="personne.x", utilisateur="decl.b", instant=T),
        ("MCP-AFAS-02",),
        id="changer_approbateur-acteur",
    ),
    pytest.param(
        lambda c: personnaliser_mot_de_passe(c, par="personne.x", instant=T),
        ("MCP-MDP-03",),
        id="personnaliser_mot_de_passe-acteur",
    ),
]


@pytest.mark.parametrize(("commande", "codes"), INCONNUS_COMMANDES)
def test_inconnu_dans_une_commande_est_un_refus_motive(
    c: Convention, commande: Commande, codes: tuple[str, ...]
) -> None:
    r = commande(c)
    refuse(r, c, *codes)
    assert all(x.message for x in r.constats)


def test_compte_inconnu_dans_les_questions(c: Convention) -> None:
    acces = acces_cdap(c, "personne.x", instant=T)
    assert (acces.autorise, acces.codes) == (False, ("MCP-CDAP-01",))
    d = consulter_dossier(
        c, "personne.x", numero_allocataire="1234567", nom_allocataire="Dupont", instant=T
    )
    assert (d.autorise, d.codes) == (False, ("MCP-CDAP-01",))
    d = acces_service(c, "personne.x", Service.AFAS, instant=T)
    assert (d.autorise, d.codes) == (False, ("MCP-AFAS-01",))


# --- l'acteur qui agit sur lui-même -----------------------------------------------------


@pytest.mark.parametrize("ident", ["as.kadir", "gest.kone", "adm.martin"])
def test_personne_ne_rouvre_son_propre_compte_clos(c: Convention, ident: str) -> None:
    c1 = cloturer_compte(c, par="adm.kim", utilisateur=ident, instant=T).convention
    t = T + timedelta(hours=1)
    refuse(reactiver_compte(c1, par=ident, utilisateur=ident, instant=t), c1, "MCP-USR-05")
    assert peut(c1, ident, Action.MODIFIER_COMPTE, utilisateur=ident, instant=t).codes == (
        "MCP-USR-05",
    )
    # Un administrateur actif, lui, le peut.
    assert reactiver_compte(c1, par="adm.kim", utilisateur=ident, instant=t).accepte


def test_gestionnaire_ne_se_designe_pas_gestionnaire_d_un_autre_groupe(c: Convention) -> None:
    refuse(
        designer_gestionnaire(
            c, par="gest.kone", groupe="T2PE", gestionnaire="gest.kone", instant=T
        ),
        c,
        "MCP-ROLE-05",
        "MCP-ROLE-10",
    )
    assert peut(c, "gest.kone", Action.DESIGNER_GESTIONNAIRE, groupe="T2PE", instant=T).codes == (
        "MCP-ROLE-05",
        "MCP-ROLE-10",
    )


def test_gestionnaire_ne_s_ajoute_pas_a_un_groupe_qu_il_ne_gere_pas(c: Convention) -> None:
    refuse(
        ajouter_au_groupe(c, par="gest.kone", groupe="T2PE", utilisateur="gest.kone", instant=T),
        c,
        "MCP-ROLE-07",
        "MCP-ROLE-10",
    )
    refuse(
        ajouter_au_groupe(c, par="gest.kone", groupe="T2PE", utilisateur="as.kadir", instant=T),
        c,
        "MCP-ROLE-07",
        "MCP-ROLE-10",
    )
    assert acces_cdap(c, "gest.kone", instant=T).codes == ("MCP-CDAP-01",)


def test_gestionnaire_n_etend_pas_son_perimetre(c: Convention) -> None:
    """Créer un groupe, un sous-groupe CDAP, toucher aux groupes et comptes des autres."""
    refuse(
        creer_groupe(
            c,
            par="gest.kone",
            code="T1-KONE",
            libelle="T1 Kone",
            service=Service.CDAP,
            gestionnaire="gest.kone",
            instant=T,
        ),
        c,
        "MCP-ROLE-03",
    )
    refuse(
        creer_groupe(
            c,
            par="gest.kone",
            code="T1-KAIROS-SUD",
            libelle="T1 Kairos Sud",
            service=Service.CDAP,
            gestionnaire="gest.kone",
            parent="T1-KAIROS",
            instant=T,
        ),
        c,
        "MCP-ROLE-04",
    )
    refuse(
        affecter_role(c, par="gest.kone", groupe="T2CR", profil="T2", instant=T),
        c,
        "MCP-ROLE-06",
        "MCP-ROLE-10",
    )
    refuse(
        cloturer_compte(c, par="gest.kone", utilisateur="pe.fournier", instant=T),
        c,
        "MCP-ROLE-09",
        "MCP-ROLE-10",
    )
    refuse(
        designer_administrateur(c, par="gest.kone", identifiant="gest.kone", instant=T),
        c,
        "MCP-CONV-03",
    )
    # Ni en se créant un second compte dans un groupe qui n'est pas le sien.
    refuse(
        creer_utilisateur(
            c,
            par="gest.kone",
            utilisateur=personne("ibrahim.kone", "Ibrahim", "Kone2"),
            groupe="T2PE",
            instant=T,
        ),
        c,
        "MCP-ROLE-02",
        "MCP-ROLE-10",
    )


def test_administrateur_sans_role_metier_par_defaut(c: Convention) -> None:
    acces = acces_cdap(c, "adm.kim", instant=T)
    assert (acces.autorise, acces.codes) == (False, ("MCP-CDAP-01", "MCP-CONV-06"))
    d = peut(c, "adm.kim", Action.ACCEDER_SERVICE, service=Service.CDAP, instant=T)
    assert (d.autorise, d.codes) == (False, ("MCP-CDAP-01", "MCP-CONV-06"))
    # Gestionnaire d'AFAS-DECLARER, adm.martin n'y déclare pas pour autant.
    assert not acces_service(c, "adm.martin", Service.AFAS, instant=T).autorise
    # Ajouté explicitement à un groupe, il en a le rôle, et seulement celui-là.
    r = ajouter_au_groupe(c, par="adm.kim", groupe="T2PE", utilisateur="adm.kim", instant=T)
    assert r.accepte
    assert acces_cdap(r.convention, "adm.kim", instant=T).profils == (ProfilT.T2,)


# --- un texte « CAF » n'est pas la Caf --------------------------------------------------


@pytest.mark.parametrize("texte", ["CAF", "@CAF", "caf", "Caf"])
def test_texte_caf_est_un_compte_inconnu(texte: str) -> None:
    saisie: object = texte
    assert saisie != CAF
    c = construire()
    refuse(
        designer_administrateur(
            c, par=texte, identifiant="gest.kone", remplace="adm.martin", instant=T
        ),
        c,
        "MCP-CONV-03",
    )
    c_pj3 = changer_approbateur(c, par="adm.kim", utilisateur="decl.b", instant=T).convention
    refuse(valider_approbateur(c_pj3, par=texte, instant=T), c_pj3, "MCP-AFAS-05")
    afas = creer_groupe(
        c,
        par=texte,
        code="AFAS-DECLARER-SUD",
        libelle="Déclarants AFAS Sud",
        service=Service.AFAS,
        gestionnaire="adm.martin",
        parent=GROUPE_AFAS_DECLARER,
        instant=T,
    )
    refuse(afas, c, "MCP-ROLE-04")
    assert creer_groupe(
        c,
        par=CAF,
        code="AFAS-DECLARER-SUD",
        libelle="Déclarants AFAS Sud",
        service=Service.AFAS,
        gestionnaire="adm.martin",
        parent=GROUPE_AFAS_DECLARER,
        instant=T,
    ).accepte
    # Sans délégation, seule la Caf gère : le texte, lui, n'est personne.
    sans = construire(gestion_deleguee=False)
    assert peut(sans, CAF, Action.GERER_MEMBRES, groupe="T2PE", instant=T)
    assert peut(sans, texte, Action.GERER_MEMBRES, groupe="T2PE", instant=T).codes == (
        "MCP-ROLE-07",
    )
    refuse(
        ajouter_au_groupe(sans, par=texte, groupe="T2PE", utilisateur="agent.libre", instant=T),
        sans,
        "MCP-ROLE-07",
    )


def test_compte_nomme_caf_reste_un_compte() -> None:
    """Un compte d'identifiant « caf » existe : ``par="CAF"`` le désigne, lui, pas la Caf."""
    c = construire(autres=(personne("caf", "Camille", "Fabre"),))
    c_pj3 = changer_approbateur(c, par="adm.kim", utilisateur="decl.b", instant=T).convention
    refuse(valider_approbateur(c_pj3, par="CAF", instant=T), c_pj3, "MCP-AFAS-05")
    refuse(
        designer_administrateur(c, par="CAF", identifiant="caf", remplace="adm.martin", instant=T),
        c,
        "MCP-CONV-03",
    )
    refuse(
        creer_groupe(
            c,
            par="CAF",
            code="AFAS-AUTRE",
            libelle="AFAS autre",
            service=Service.AFAS,
            gestionnaire="caf",
            instant=T,
        ),
        c,
        "MCP-GRP-07",
    )
    # Ce qu'il fait est à son nom, dans le journal.
    r = demander_nouveau_mot_de_passe(c, par="CAF", instant=T)
    assert r.accepte
    (evenement,) = r.evenements
    assert isinstance(evenement, MotDePasseTemporaireEmis)
    assert (evenement.par, evenement.utilisateur) == ("caf", "caf")
    assert all(e.par is not CAF for e in r.convention.journal)


# --- une commande refusée ne change rien ------------------------------------------------

REFUSEES: list[Any] = [
    pytest.param(
        lambda c: creer_groupe(
            c,
            par="gest.kone",
            code="T1NOUV",
            libelle="T1 Nouveau",
            service=Service.CDAP,
            gestionnaire=personne("gest.neuf", "Gaston", "Neuf"),
            instant=T,
        ),
        id="creer_groupe-non-administrateur",
    ),
    pytest.param(
        lambda c: creer_groupe(
            c,
            par="adm.kim",
            code="T2PE",
            libelle="T2 Doublon",
            service=Service.CDAP,
            gestionnaire=personne("gest.neuf", "Gaston", "Neuf"),
            instant=T,
        ),
        id="creer_groupe-code-pris",
    ),
    pytest.param(
        lambda c: affecter_role(c, par="adm.kim", groupe="T2PE", profil="T2", instant=T),
        id="affecter_role-deja-un-role",
    ),
    pytest.param(
        lambda c: affecter_role(c, par="adm.kim", groupe="T2CR", profil="T5", instant=T),
        id="affecter_role-hors-contrat",
    ),
    pytest.param(
        lambda c: creer_utilisateur(
            c,
            par="gest.kone",
            utilisateur=personne("agent.neuf", "Noe", "Neuf", fonction=Fonction.AUTRE),
            groupe="T1-KAIROS",
            instant=T,
        ),
        id="creer_utilisateur-non-eligible-T1",
    ),
    pytest.param(
        lambda c: ajouter_au_groupe(
            c, par="gest.kone", groupe="T2PE", utilisateur="gest.kone", instant=T
        ),
        id="ajouter_au_groupe-hors-perimetre",
    ),
    pytest.param(
        lambda c: retirer_du_groupe(
            c, par="adm.kim", groupe=GROUPE_AFAS_DECLARER, utilisateur="decl.a", instant=T
        ),
        id="retirer_du_groupe-titulaire-afas",
    ),
    pytest.param(
        lambda c: modifier_compte(
            c, par="adm.kim", utilisateur="as.kadir", fonction=Fonction.AUTRE, instant=T
        ),
        id="modifier_compte-perd-l-eligibilite",
    ),
    pytest.param(
        lambda c: cloturer_compte(
            c, par="adm.kim", utilisateur="as.kadir", le=T - timedelta(days=1), instant=T
        ),
        id="cloturer_compte-antidate",
    ),
    pytest.param(
        lambda c: reactiver_compte(c, par="adm.kim", utilisateur="as.kadir", instant=T),
        id="reactiver_compte-actif",
    ),
    pytest.param(
        lambda c: designer_administrateur(c, par=CAF, identifiant="gest.kone", instant=T),
        id="designer_administrateur-troisieme",
    ),
    pytest.param(
        lambda c: configurer_role_afas(
            c, par="adm.kim", utilisateur="decl.b", role="APPROBATEUR", instant=T
        ),
        id="configurer_role_afas-second-approbateur",
    ),
    pytest.param(
        lambda c: valider_approbateur(c, par="adm.kim", instant=T),
        id="valider_approbateur-pas-la-caf",
    ),
    pytest.param(
        lambda c: demander_nouveau_mot_de_passe(c, par=CAF, instant=T),
        id="demander_nouveau_mot_de_passe-la-caf",
    ),
    pytest.param(
        lambda c: personnaliser_mot_de_passe(c, par="as.kadir", instant=T),
        id="personnaliser_mot_de_passe-sans-temporaire",
    ),
    pytest.param(
        lambda c: ajouter_au_groupe(
            c, par="adm.\u212aim", groupe="T2PE", utilisateur="agent.libre", instant=T
        ),
        id="ajouter_au_groupe-acteur-sosie-kelvin",
    ),
]


def _cles_d_acces(c: Convention) -> list[tuple[str, bool, tuple[ProfilT, ...]]]:
    return [
        (u.identifiant, a.autorise, a.profils)
        for u in c.utilisateurs
        for a in [acces_cdap(c, u.identifiant, instant=T)]
    ]


@pytest.mark.parametrize("commande", REFUSEES)
def test_une_commande_refusee_ne_change_rien(c: Convention, commande: Commande) -> None:
    temoin = construire()
    avant_dict = vers_dict(c)
    avant_acces = _cles_d_acces(c)  # remplit aussi les caches de la convention

    r = commande(c)

    assert not r.accepte
    assert r.constats
    assert r.convention is c
    assert r.evenements == ()
    assert c == temoin
    assert vers_dict(c) == avant_dict
    assert depuis_dict(vers_dict(c), Convention) == temoin
    assert c.journal == ()
    assert c.utilisateurs == temoin.utilisateurs
    assert c.groupes == temoin.groupes
    assert c.afas == temoin.afas
    assert c.administrateurs == temoin.administrateurs
    assert _cles_d_acces(c) == avant_acces


def test_un_refus_porte_au_moins_une_erreur(c: Convention) -> None:
    r = demander_nouveau_mot_de_passe(c, par=CAF, instant=T)
    assert not r.accepte
    assert r.erreurs


@pytest.mark.parametrize(
    "commande",
    [
        lambda c: ajouter_au_groupe(
            c, par="adm.kim", groupe="T2PE", utilisateur="agent.libre", instant=T
        ),
        lambda c: cloturer_compte(c, par="adm.kim", utilisateur="as.kadir", instant=T),
        lambda c: creer_groupe(
            c,
            par="adm.kim",
            code="T1NOUV",
            libelle="T1 Nouveau",
            service=Service.CDAP,
            gestionnaire=personne("gest.neuf", "Gaston", "Neuf"),
            instant=T,
        ),
    ],
    ids=["ajouter_au_groupe", "cloturer_compte", "creer_groupe"],
)
def test_une_commande_acceptee_ne_change_pas_l_original(c: Convention, commande: Commande) -> None:
    temoin = construire()
    avant_dict = vers_dict(c)
    r = commande(c)
    assert r.accepte
    assert r.convention is not c
    assert c == temoin
    assert vers_dict(c) == avant_dict
    assert r.convention != c
    assert r.convention.journal == r.evenements
