"""Les processus du guide, racontés comme des histoires avec l'API publique.

Chaque test suit un processus du guide « Administrateur partenaire — mode délégué »
pas à pas. À chaque étape il vérifie : que la commande est acceptée (ou refusée avec
le code exact de la règle), les événements émis (types et champs), que le journal
de la convention grandit d'exactement ces événements, et l'effet sur
:func:`~mcp_rules.acces_cdap` / :func:`~mcp_rules.peut`.

- CDAP, les quatre étapes de la partie 5 (« Processus d'habilitation d'un utilisateur ») ;
- AFAS, les trois étapes, par un administrateur, par le gestionnaire d'AFAS-DECLARER et
  par un membre d'AFAS-HABILITER ; les cardinalités (2 FDA, 2 FDF, 1 approbateur) ;
- le changement d'approbateur (PJ 3, validation par la Caf seule) ;
- la clôture et la réactivation d'un compte ;
- la première connexion, dans les 24 heures et après ;
- la désignation d'un administrateur remplaçant (annexe 3) ;
- la convention sans gestion déléguée.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from mcp_rules import (
    CAF,
    DUREE_VALIDITE,
    GROUPE_AFAS_DECLARER,
    GROUPE_AFAS_HABILITER,
    Action,
    AdministrateurDesigne,
    AdresseEmail,
    ApprobateurValide,
    CompteCloture,
    CompteCree,
    CompteReactive,
    ConfigurationAfas,
    Convention,
    Evenement,
    Fonction,
    Groupe,
    GroupeCree,
    IdentifiantEnvoye,
    MembreAjoute,
    MotDePassePersonnalise,
    MotDePasseTemporaireEmis,
    Pj3Requise,
    ProfilT,
    Resultat,
    RoleAfas,
    RoleAfasConfigure,
    RoleAffecte,
    Service,
    Severite,
    Utilisateur,
    acces_cdap,
    acces_service,
    affecter_role,
    ajouter_au_groupe,
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
    reactiver_compte,
    retirer_du_groupe,
    retirer_role,
    retirer_role_afas,
    valider_approbateur,
)

DOMAINE = "ville-exemple.fr"
DEBUT = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
"""La signature de la convention : les comptes de départ sont créés à cet instant."""


def minutes(n: int) -> datetime:
    """Un instant de l'histoire, ``n`` minutes après le début."""
    return DEBUT + timedelta(minutes=n)


# --- aides de récit ---------------------------------------------------------------------


def personne(
    identifiant: str, prenom: str, nom: str, *, cree_le: datetime = DEBUT, **autres: Any
) -> Utilisateur:
    """Un compte nominatif, avec une adresse individuelle ``prenom.nom@ville-exemple.fr``."""
    return Utilisateur(
        identifiant=identifiant,
        prenom=prenom,
        nom=nom,
        email=AdresseEmail.parse(f"{prenom}.{nom}@{DOMAINE}".lower()),
        cree_le=cree_le,
        **autres,
    )


def accepte(r: Resultat, avant: Convention, attendus: list[Evenement]) -> Convention:
    """L'étape est acceptée, émet exactement ``attendus`` et les ajoute au journal."""
    assert r.accepte, [(c.code, c.message) for c in r.constats]
    assert r.erreurs == ()
    assert list(r.evenements) == attendus
    assert r.convention is not avant
    assert r.convention.journal == (*avant.journal, *attendus)
    return r.convention


def refuse(r: Resultat, avant: Convention, *codes: str) -> None:
    """L'étape est refusée pour exactement ces règles, sans rien changer ni rien émettre."""
    assert not r.accepte
    assert r.codes == codes, [(c.code, c.message) for c in r.constats]
    assert r.convention is avant
    assert r.evenements == ()
    assert all(c.severite is Severite.ERREUR for c in r.erreurs)
    assert r.erreurs


def creation(
    par: str | Any, u: Utilisateur, t: datetime, groupe: str | None = None
) -> list[Evenement]:
    """Les événements d'une création de compte (MCP-MDP-01) : compte, identifiant, mot de passe."""
    return [
        CompteCree(instant=t, par=par, utilisateur=u.identifiant, groupe=groupe),
        IdentifiantEnvoye(instant=t, par=par, utilisateur=u.identifiant, email=u.email),
        MotDePasseTemporaireEmis(
            instant=t,
            par=par,
            utilisateur=u.identifiant,
            email=u.email,
            expire_le=t + timedelta(hours=24),
        ),
    ]


# --- CDAP -------------------------------------------------------------------------------

ADMIN = "adm.martin"
GESTIONNAIRE = personne("gest.durand", "Sophie", "Durand")
ASSISTANTE = personne(
    "as.leroy", "Anne", "Leroy", fonction=Fonction.ASSISTANT_SOCIAL, diplome_etat="DEASS 2012"
)
CONSEILLERE = personne(
    "cesf.roux", "Nadia", "Roux", fonction=Fonction.CONSEILLER_ESF, diplome_etat="DECESF 2018"
)


def convention_signee(
    *,
    services: frozenset[Service] = frozenset({Service.CDAP}),
    administrateurs: tuple[Utilisateur, ...] = (personne(ADMIN, "Claire", "Martin"),),
    autres: tuple[Utilisateur, ...] = (),
    gestion_deleguee: bool = True,
) -> Convention:
    """Une convention qui vient d'être signée : ses administrateurs, aucun groupe."""
    return Convention(
        numero="19_214",
        organisme="Ville d'Exemple",
        caf="Caf de la Seine-Saint-Denis",
        gestion_deleguee=gestion_deleguee,
        services=services,
        profils_contractuels={ProfilT.T1, ProfilT.T2},
        administrateurs={u.identifiant for u in administrateurs},
        utilisateurs=[*administrateurs, *autres],
    )


def test_cdap_les_quatre_etapes_donnent_consulter_dossier() -> None:
    """Partie 5, Service CDAP : groupe + gestionnaire, rôle, compte, ajout au groupe."""
    c0 = convention_signee()

    # Étape 1 — l'administrateur crée le groupe T1AS et désigne son gestionnaire, qui n'a pas
    # encore de compte : le compte est créé dans le même geste, et reçoit identifiant et mot
    # de passe temporaire (MCP-GRP-04, MCP-MDP-01).
    t1 = minutes(1)
    r = creer_groupe(
        c0,
        par=ADMIN,
        code="T1AS",
        libelle="T1 Assistants sociaux",
        service=Service.CDAP,
        gestionnaire=GESTIONNAIRE,
        instant=t1,
    )
    c1 = accepte(
        r,
        c0,
        [
            *creation(ADMIN, GESTIONNAIRE, t1),
            GroupeCree(
                instant=t1,
                par=ADMIN,
                groupe="T1AS",
                libelle="T1 Assistants sociaux",
                service=Service.CDAP,
                gestionnaire="gest.durand",
                parent=None,
            ),
        ],
    )
    groupe = c1.groupe("T1AS")
    assert (groupe.gestionnaire, groupe.role, groupe.membres) == ("gest.durand", None, frozenset())
    gestionnaire = c1.utilisateur("gest.durand")
    assert gestionnaire.cree_le == t1
    assert gestionnaire.mot_de_passe_temporaire is not None
    assert gestionnaire.mot_de_passe_temporaire.expire_le == t1 + DUREE_VALIDITE
    # Le gestionnaire peut gérer les comptes de son groupe, mais pas créer de groupe.
    assert peut(c1, "gest.durand", Action.CREER_UTILISATEUR, groupe="T1AS", instant=t1)
    assert peut(c1, "gest.durand", Action.GERER_MEMBRES, groupe="T1AS", instant=t1)
    assert peut(c1, "gest.durand", Action.CREER_GROUPE, service=Service.CDAP, instant=t1).codes == (
        "MCP-ROLE-03",
    )
    # Gérer un groupe n'en fait pas membre : pas de consultation pour lui.
    assert acces_cdap(c1, "gest.durand", instant=t1).codes == ("MCP-CDAP-01",)

    # Étape 2 — l'administrateur affecte le rôle T1 au groupe (un seul rôle par groupe).
    t2 = minutes(2)
    r = affecter_role(c1, par=ADMIN, groupe="T1AS", profil=ProfilT.T1, instant=t2)
    c2 = accepte(r, c1, [RoleAffecte(instant=t2, par=ADMIN, groupe="T1AS", profil=ProfilT.T1)])
    assert c2.groupe("T1AS").role is ProfilT.T1

    # Étape 3 — le gestionnaire crée le compte d'une assistante sociale dans son groupe.
    t3 = minutes(3)
    r = creer_utilisateur(c2, par="gest.durand", utilisateur=ASSISTANTE, groupe="T1AS", instant=t3)
    c3 = accepte(
        r,
        c2,
        [
            *creation("gest.durand", ASSISTANTE, t3, groupe="T1AS"),
            MembreAjoute(instant=t3, par="gest.durand", groupe="T1AS", utilisateur="as.leroy"),
        ],
    )
    acces = acces_cdap(c3, "as.leroy", instant=t3)
    assert acces.autorise
    assert acces.profils == (ProfilT.T1,)
    assert acces.groupes == (("T1AS", ProfilT.T1),)
    assert peut(c3, "as.leroy", Action.ACCEDER_SERVICE, service=Service.CDAP, instant=t3)
    dossier = consulter_dossier(
        c3, "as.leroy", numero_allocataire="1234567", nom_allocataire="Dupont", instant=t3
    )
    assert dossier.autorise

    # Étapes 3 et 4 séparées pour une seconde personne : l'administrateur crée le compte
    # (sans groupe : il n'a encore aucun accès), puis l'ajoute au groupe. Un compte qui n'est
    # dans aucun groupe relève des administrateurs : le gestionnaire ne peut pas l'y attirer
    # (interprétation 14).
    t4 = minutes(4)
    r = creer_utilisateur(c3, par=ADMIN, utilisateur=CONSEILLERE, instant=t4)
    c4 = accepte(r, c3, creation(ADMIN, CONSEILLERE, t4))
    assert acces_cdap(c4, "cesf.roux", instant=t4).codes == ("MCP-CDAP-01",)
    assert not peut(c4, "cesf.roux", Action.ACCEDER_SERVICE, service=Service.CDAP, instant=t4)

    t5 = minutes(5)
    r = ajouter_au_groupe(c4, par="gest.durand", groupe="T1AS", utilisateur="cesf.roux", instant=t5)
    refuse(r, c4, "MCP-ROLE-07", "MCP-ROLE-10")
    r = ajouter_au_groupe(c4, par=ADMIN, groupe="T1AS", utilisateur="cesf.roux", instant=t5)
    c5 = accepte(
        r, c4, [MembreAjoute(instant=t5, par=ADMIN, groupe="T1AS", utilisateur="cesf.roux")]
    )
    assert acces_cdap(c5, "cesf.roux", instant=t5).profils == (ProfilT.T1,)
    assert peut(c5, "cesf.roux", Action.ACCEDER_SERVICE, service=Service.CDAP, instant=t5)
    assert c5.groupe("T1AS").membres == {"as.leroy", "cesf.roux"}
    assert len(c5.journal) == 4 + 1 + 4 + 3 + 1


def convention_cdap() -> Convention:
    """La convention après les quatre étapes : T1AS (rôle T1) géré par gest.durand, as.leroy
    membre ; T2PE (rôle T2) géré par gest.durand, as.leroy membre aussi."""
    c = convention_signee()
    etapes: list[Callable[[Convention], Resultat]] = [
        lambda c: creer_groupe(
            c,
            par=ADMIN,
            code="T1AS",
            libelle="T1 Assistants sociaux",
            service=Service.CDAP,
            gestionnaire=GESTIONNAIRE,
            instant=minutes(1),
        ),
        lambda c: affecter_role(c, par=ADMIN, groupe="T1AS", profil="T1", instant=minutes(2)),
        lambda c: creer_utilisateur(
            c, par="gest.durand", utilisateur=ASSISTANTE, groupe="T1AS", instant=minutes(3)
        ),
        lambda c: creer_groupe(
            c,
            par=ADMIN,
            code="T2PE",
            libelle="T2 Service Petite Enfance",
            service=Service.CDAP,
            gestionnaire="gest.durand",
            instant=minutes(4),
        ),
        lambda c: affecter_role(c, par=ADMIN, groupe="T2PE", profil="T2", instant=minutes(5)),
        lambda c: ajouter_au_groupe(
            c, par="gest.durand", groupe="T2PE", utilisateur="as.leroy", instant=minutes(6)
        ),
    ]
    for etape in etapes:
        r = etape(c)
        assert r.accepte, r.codes
        c = r.convention
    return c


def test_cdap_role_avant_que_le_groupe_existe_est_refuse() -> None:
    """Étape 2 avant l'étape 1 : le groupe n'existe pas encore (MCP-ROLE-06)."""
    c0 = convention_signee()
    r = affecter_role(c0, par=ADMIN, groupe="T1AS", profil=ProfilT.T1, instant=minutes(1))
    refuse(r, c0, "MCP-ROLE-06")
    assert c0.trouver_groupe("T1AS") is None
    # Et pas davantage un compte placé dans un groupe qui n'existe pas (MCP-ROLE-02).
    r = creer_utilisateur(c0, par=ADMIN, utilisateur=ASSISTANTE, groupe="T1AS", instant=minutes(1))
    refuse(r, c0, "MCP-ROLE-02")
    # Ni un ajout au groupe d'un compte qui n'existe pas encore (MCP-ROLE-07).
    c1 = creer_groupe(
        c0,
        par=ADMIN,
        code="T1AS",
        libelle="T1 Assistants sociaux",
        service=Service.CDAP,
        gestionnaire=ADMIN,
        instant=minutes(2),
    ).convention
    r = ajouter_au_groupe(c1, par=ADMIN, groupe="T1AS", utilisateur="as.leroy", instant=minutes(3))
    refuse(r, c1, "MCP-ROLE-07")


def test_cdap_membre_d_un_groupe_sans_role_n_a_rien() -> None:
    """Étape 2 oubliée : un groupe sans rôle ne donne rien à ses membres (MCP-GRP-05)."""
    c0 = convention_signee()
    c1 = creer_groupe(
        c0,
        par=ADMIN,
        code="T1AS",
        libelle="T1 Assistants sociaux",
        service=Service.CDAP,
        gestionnaire=GESTIONNAIRE,
        instant=minutes(1),
    ).convention
    t = minutes(2)
    r = creer_utilisateur(c1, par="gest.durand", utilisateur=ASSISTANTE, groupe="T1AS", instant=t)
    c2 = accepte(
        r,
        c1,
        [
            *creation("gest.durand", ASSISTANTE, t, groupe="T1AS"),
            MembreAjoute(instant=t, par="gest.durand", groupe="T1AS", utilisateur="as.leroy"),
        ],
    )
    acces = acces_cdap(c2, "as.leroy", instant=t)
    assert not acces.autorise
    assert acces.profils == ()
    assert acces.codes == ("MCP-CDAP-01", "MCP-GRP-05")
    decision = peut(c2, "as.leroy", Action.ACCEDER_SERVICE, service=Service.CDAP, instant=t)
    assert not decision.autorise
    assert decision.codes == ("MCP-CDAP-01", "MCP-GRP-05")

    # L'étape 2, faite ensuite, répare : l'option apparaît.
    t3 = minutes(3)
    r = affecter_role(c2, par=ADMIN, groupe="T1AS", profil=ProfilT.T1, instant=t3)
    c3 = accepte(r, c2, [RoleAffecte(instant=t3, par=ADMIN, groupe="T1AS", profil=ProfilT.T1)])
    assert acces_cdap(c3, "as.leroy", instant=t3).profils == (ProfilT.T1,)


def test_cdap_profil_hors_contrat_refuse() -> None:
    """Le rôle d'un groupe doit figurer au contrat de services (MCP-CONV-04)."""
    c0 = convention_signee()
    c1 = creer_groupe(
        c0,
        par=ADMIN,
        code="T3RSA",
        libelle="T3 Service RSA",
        service=Service.CDAP,
        gestionnaire=ADMIN,
        instant=minutes(1),
    ).convention
    r = affecter_role(c1, par=ADMIN, groupe="T3RSA", profil=ProfilT.T3, instant=minutes(2))
    refuse(r, c1, "MCP-CONV-04")


# --- AFAS -------------------------------------------------------------------------------

GEST_AFAS = personne("gest.afas", "Marc", "Petit")
HABILITEUR = personne("habil.garnier", "Thomas", "Garnier")
AGENT = personne("agent.blanc", "Louise", "Blanc")
SIMPLE = personne("agent.simple", "Paul", "Simon")


def convention_afas() -> Convention:
    """Une convention AFAS dont la Caf a créé les deux groupes AFAS.

    AFAS-DECLARER est géré par gest.afas (qui n'est pas administrateur) ; AFAS-HABILITER
    est géré par l'administrateur et compte habil.garnier parmi ses membres.
    """
    c0 = convention_signee(
        services=frozenset({Service.CDAP, Service.AFAS}), autres=(GEST_AFAS, HABILITEUR, AGENT)
    )
    # Seule la Caf crée les groupes AFAS (MCP-GRP-07) : pas l'administrateur partenaire.
    r = creer_groupe(
        c0,
        par=ADMIN,
        code=GROUPE_AFAS_DECLARER,
        libelle="Déclarants AFAS",
        service=Service.AFAS,
        gestionnaire="gest.afas",
        instant=minutes(1),
    )
    refuse(r, c0, "MCP-GRP-07")
    t = minutes(1)
    r = creer_groupe(
        c0,
        par=CAF,
        code=GROUPE_AFAS_DECLARER,
        libelle="Déclarants AFAS",
        service=Service.AFAS,
        gestionnaire="gest.afas",
        instant=t,
    )
    c1 = accepte(
        r,
        c0,
        [
            GroupeCree(
                instant=t,
                par=CAF,
                groupe=GROUPE_AFAS_DECLARER,
                libelle="Déclarants AFAS",
                service=Service.AFAS,
                gestionnaire="gest.afas",
            )
        ],
    )
    r = creer_groupe(
        c1,
        par=CAF,
        code=GROUPE_AFAS_HABILITER,
        libelle="Habilitation AFAS",
        service=Service.AFAS,
        gestionnaire=ADMIN,
        instant=t,
    )
    assert r.accepte
    r = ajouter_au_groupe(
        r.convention, par=CAF, groupe=GROUPE_AFAS_HABILITER, utilisateur="habil.garnier", instant=t
    )
    assert r.accepte
    return r.convention


@pytest.mark.parametrize(
    "acteur",
    [
        pytest.param(ADMIN, id="administrateur"),
        pytest.param("gest.afas", id="gestionnaire-AFAS-DECLARER"),
        pytest.param("habil.garnier", id="membre-AFAS-HABILITER"),
    ],
)
def test_afas_les_trois_etapes(acteur: str) -> None:
    """Partie 5, Service AFAS : créer le compte, l'ajouter à AFAS-DECLARER, configurer son rôle.

    Les trois étapes sont faites par l'administrateur, le gestionnaire d'habilitations ou
    un membre d'AFAS-HABILITER (MCP-AFAS-02).
    """
    c0 = convention_afas()
    declarant = personne("decl.noel", "Chloe", "Noel")

    # Étape 1 — créer le compte. L'administrateur peut le créer hors de tout groupe ; les
    # autres doivent le placer dans un groupe de leur ressort : AFAS-DECLARER (étapes 1 et 2
    # d'un seul geste).
    t1 = minutes(10)
    if acteur == ADMIN:
        r = creer_utilisateur(c0, par=acteur, utilisateur=declarant, instant=t1)
        c1 = accepte(r, c0, creation(acteur, declarant, t1))
        assert not c1.groupe(GROUPE_AFAS_DECLARER).a_pour_membre("decl.noel")
        # Étape 2 — l'ajouter au groupe AFAS-DECLARER.
        t2 = minutes(11)
        r = ajouter_au_groupe(
            c1, par=acteur, groupe=GROUPE_AFAS_DECLARER, utilisateur="decl.noel", instant=t2
        )
        c1 = accepte(
            r,
            c1,
            [
                MembreAjoute(
                    instant=t2, par=acteur, groupe=GROUPE_AFAS_DECLARER, utilisateur="decl.noel"
                )
            ],
        )
    else:
        # Sans groupe, le compte ne serait sous la responsabilité de personne (MCP-ROLE-02).
        refuse(
            creer_utilisateur(c0, par=acteur, utilisateur=declarant, instant=t1),
            c0,
            "MCP-ROLE-02",
        )
        r = creer_utilisateur(
            c0, par=acteur, utilisateur=declarant, groupe=GROUPE_AFAS_DECLARER, instant=t1
        )
        c1 = accepte(
            r,
            c0,
            [
                *creation(acteur, declarant, t1, groupe=GROUPE_AFAS_DECLARER),
                MembreAjoute(
                    instant=t1, par=acteur, groupe=GROUPE_AFAS_DECLARER, utilisateur="decl.noel"
                ),
            ],
        )
    assert c1.groupe(GROUPE_AFAS_DECLARER).a_pour_membre("decl.noel")
    # Membre d'AFAS-DECLARER mais sans rôle : pas encore de déclaration (MCP-AFAS-01).
    assert acces_service(c1, "decl.noel", Service.AFAS, instant=t1).codes == ("MCP-AFAS-01",)

    # Étape 2, pour un compte qui existe déjà (agent.blanc) : l'ajouter à AFAS-DECLARER.
    t2 = minutes(12)
    r = ajouter_au_groupe(
        c1, par=acteur, groupe=GROUPE_AFAS_DECLARER, utilisateur="agent.blanc", instant=t2
    )
    c2 = accepte(
        r,
        c1,
        [
            MembreAjoute(
                instant=t2, par=acteur, groupe=GROUPE_AFAS_DECLARER, utilisateur="agent.blanc"
            )
        ],
    )

    # Étape 3 — configurer les rôles dans l'administration des profils AFAS.
    t3 = minutes(13)
    r = configurer_role_afas(c2, par=acteur, utilisateur="decl.noel", role=RoleAfas.FDA, instant=t3)
    c3 = accepte(
        r,
        c2,
        [RoleAfasConfigure(instant=t3, par=acteur, utilisateur="decl.noel", role=RoleAfas.FDA)],
    )
    r = configurer_role_afas(
        c3, par=acteur, utilisateur="agent.blanc", role=RoleAfas.FDF, instant=t3
    )
    c4 = accepte(
        r,
        c3,
        [RoleAfasConfigure(instant=t3, par=acteur, utilisateur="agent.blanc", role=RoleAfas.FDF)],
    )
    assert c4.afas.fda == {"decl.noel"}
    assert c4.afas.fdf == {"agent.blanc"}
    for ident in ("decl.noel", "agent.blanc"):
        assert acces_service(c4, ident, Service.AFAS, instant=t3).autorise
        assert peut(c4, ident, Action.ACCEDER_SERVICE, service=Service.AFAS, instant=t3)
    # AFAS ne donne rien dans CDAP.
    assert acces_cdap(c4, "decl.noel", instant=t3).codes == ("MCP-CDAP-01",)


def test_afas_un_utilisateur_ordinaire_ne_configure_rien() -> None:
    """Ni administrateur, ni gestionnaire d'AFAS-DECLARER, ni membre d'AFAS-HABILITER."""
    c0 = convention_afas()
    c1 = ajouter_au_groupe(
        c0, par=ADMIN, groupe=GROUPE_AFAS_DECLARER, utilisateur="agent.blanc", instant=minutes(2)
    ).convention
    t = minutes(3)
    # agent.blanc, simple déclarant, ne se configure pas lui-même un rôle.
    r = configurer_role_afas(
        c1, par="agent.blanc", utilisateur="agent.blanc", role=RoleAfas.FDA, instant=t
    )
    refuse(r, c1, "MCP-AFAS-02")
    r = creer_utilisateur(
        c1, par="agent.blanc", utilisateur=SIMPLE, groupe=GROUPE_AFAS_DECLARER, instant=t
    )
    refuse(r, c1, "MCP-ROLE-02", "MCP-ROLE-10")
    assert not peut(c1, "agent.blanc", Action.CONFIGURER_AFAS, instant=t)


def test_afas_cardinalites() -> None:
    """Deux FDA, deux FDF, un approbateur ; chacun membre d'AFAS-DECLARER (MCP-AFAS-03)."""
    declarants = [personne(f"decl.{i}", "Decl", f"Numero{i}") for i in "abcdefg"]
    c = convention_afas()
    for u in declarants:
        r = creer_utilisateur(
            c, par=ADMIN, utilisateur=u, groupe=GROUPE_AFAS_DECLARER, instant=minutes(2)
        )
        assert r.accepte
        c = r.convention
    t = minutes(3)

    def configurer(c: Convention, ident: str, role: RoleAfas) -> Resultat:
        return configurer_role_afas(c, par=ADMIN, utilisateur=ident, role=role, instant=t)

    for ident, role in [
        ("decl.a", RoleAfas.FDA),
        ("decl.b", RoleAfas.FDA),
        ("decl.c", RoleAfas.FDF),
        ("decl.d", RoleAfas.FDF),
        ("decl.e", RoleAfas.APPROBATEUR),
    ]:
        c = accepte(
            configurer(c, ident, role),
            c,
            [RoleAfasConfigure(instant=t, par=ADMIN, utilisateur=ident, role=role)],
        )
    # Un troisième FDA, un troisième FDF : refusés.
    refuse(configurer(c, "decl.f", RoleAfas.FDA), c, "MCP-AFAS-03")
    refuse(configurer(c, "decl.f", RoleAfas.FDF), c, "MCP-AFAS-03")
    # Un second approbateur ne se configure pas directement : il passe par la PJ 3.
    refuse(configurer(c, "decl.f", RoleAfas.APPROBATEUR), c, "MCP-AFAS-05")
    # Le même rôle deux fois, non plus.
    refuse(configurer(c, "decl.a", RoleAfas.FDA), c, "MCP-AFAS-03")
    # Un titulaire doit être membre d'AFAS-DECLARER.
    refuse(
        configurer_role_afas(c, par=ADMIN, utilisateur="agent.blanc", role=RoleAfas.FDA, instant=t),
        c,
        "MCP-AFAS-03",
    )
    assert c.afas.fda == {"decl.a", "decl.b"}
    assert c.afas.fdf == {"decl.c", "decl.d"}
    assert c.afas.approbateur == "decl.e"

    # Retirer un FDA libère la place.
    r = retirer_role_afas(c, par=ADMIN, utilisateur="decl.b", role=RoleAfas.FDA, instant=t)
    assert r.accepte
    assert configurer(r.convention, "decl.f", RoleAfas.FDA).accepte


def test_afas_changement_d_approbateur() -> None:
    """« Si vous changez un approbateur, il faut le signaler à la Caf en fournissant une PJ 3 »."""
    c = convention_afas()
    for u in (personne("appro.ancien", "Alain", "Ancien"), personne("appro.neuf", "Nina", "Neuf")):
        c = creer_utilisateur(
            c, par=ADMIN, utilisateur=u, groupe=GROUPE_AFAS_DECLARER, instant=minutes(2)
        ).convention

    # Le premier approbateur se configure directement (interprétation 11).
    t1 = minutes(3)
    r = configurer_role_afas(
        c, par=ADMIN, utilisateur="appro.ancien", role=RoleAfas.APPROBATEUR, instant=t1
    )
    c1 = accepte(
        r,
        c,
        [
            RoleAfasConfigure(
                instant=t1, par=ADMIN, utilisateur="appro.ancien", role=RoleAfas.APPROBATEUR
            )
        ],
    )
    assert c1.afas.approbateur == "appro.ancien"

    # Le changement demande une PJ 3 ; l'ancien reste en fonction d'ici la validation.
    t2 = minutes(4)
    r = changer_approbateur(c1, par=ADMIN, utilisateur="appro.neuf", instant=t2)
    c2 = accepte(
        r,
        c1,
        [Pj3Requise(instant=t2, par=ADMIN, utilisateur="appro.neuf", precedent="appro.ancien")],
    )
    assert r.a_executer == r.evenements
    assert c2.afas.approbateur == "appro.ancien"
    assert c2.afas.approbateur_en_attente == "appro.neuf"
    assert acces_service(c2, "appro.ancien", Service.AFAS, instant=t2).autorise
    assert acces_service(c2, "appro.neuf", Service.AFAS, instant=t2).codes == ("MCP-AFAS-01",)

    # Seule la Caf valide (dans MAIA) : ni l'administrateur, ni le gestionnaire
    # d'AFAS-DECLARER, ni un membre d'AFAS-HABILITER, ni un texte « CAF ».
    t3 = minutes(5)
    for acteur in (ADMIN, "gest.afas", "habil.garnier", "appro.neuf", "CAF", "@CAF"):
        refuse(valider_approbateur(c2, par=acteur, instant=t3), c2, "MCP-AFAS-05")

    r = valider_approbateur(c2, par=CAF, instant=t3)
    c3 = accepte(
        r,
        c2,
        [
            ApprobateurValide(
                instant=t3, par=CAF, utilisateur="appro.neuf", precedent="appro.ancien"
            )
        ],
    )
    assert c3.afas.approbateur == "appro.neuf"
    assert c3.afas.approbateur_en_attente is None
    assert acces_service(c3, "appro.neuf", Service.AFAS, instant=t3).autorise
    assert acces_service(c3, "appro.ancien", Service.AFAS, instant=t3).codes == ("MCP-AFAS-01",)
    # Plus rien à valider.
    refuse(valider_approbateur(c3, par=CAF, instant=minutes(6)), c3, "MCP-AFAS-05")


def test_afas_pas_de_changement_sans_approbateur_en_fonction() -> None:
    """Sans approbateur en fonction, le premier se configure : pas de PJ 3 (interprétation 11)."""
    c = convention_afas()
    c = ajouter_au_groupe(
        c, par=ADMIN, groupe=GROUPE_AFAS_DECLARER, utilisateur="agent.blanc", instant=minutes(2)
    ).convention
    r = changer_approbateur(c, par=ADMIN, utilisateur="agent.blanc", instant=minutes(3))
    refuse(r, c, "MCP-AFAS-05")


# --- clôture et réactivation ------------------------------------------------------------


def test_cloture_acceptee_avec_ses_consequences_en_avertissements() -> None:
    """Clôturer le gestionnaire d'un groupe : accepté ; son départ est à signaler (SEC-05) et
    ses groupes restent sans gestionnaire actif (GRP-08), en avertissements."""
    c = convention_cdap()
    t = minutes(60)
    r = cloturer_compte(c, par=ADMIN, utilisateur="gest.durand", instant=t)
    c1 = accepte(r, c, [CompteCloture(instant=t, par=ADMIN, utilisateur="gest.durand", le=t)])
    assert [(a.code, a.cible) for a in r.avertissements] == [
        ("MCP-SEC-05", "gest.durand"),
        ("MCP-GRP-08", "T1AS"),
        ("MCP-GRP-08", "T2PE"),
    ]
    # Le compte n'est pas supprimé : il reste gestionnaire en titre, clôturé.
    assert c1.utilisateur("gest.durand").cloture_le == t
    assert c1.groupe("T1AS").gestionnaire == "gest.durand"
    # Clôturer l'administrateur (le seul) : accepté aussi ; départ à signaler à la Caf
    # (SEC-05) et convention sans administrateur actif (CONV-02).
    r = cloturer_compte(c1, par=ADMIN, utilisateur=ADMIN, instant=t)
    accepte(r, c1, [CompteCloture(instant=t, par=ADMIN, utilisateur=ADMIN, le=t)])
    assert [(a.code, a.cible) for a in r.avertissements] == [
        ("MCP-SEC-05", ADMIN),
        ("MCP-CONV-02", None),
    ]


def _arguments_de(action: Action) -> dict[str, Any]:
    """Des arguments plausibles de :func:`peut` pour chaque action."""
    arguments: dict[Action, dict[str, Any]] = {
        Action.CREER_GROUPE: {"service": Service.CDAP},
        Action.CREER_SOUS_GROUPE: {"groupe": "T1AS"},
        Action.DESIGNER_GESTIONNAIRE: {"groupe": "T1AS"},
        Action.AFFECTER_ROLE: {"groupe": "T1AS"},
        Action.GERER_MEMBRES: {"groupe": "T1AS"},
        Action.CREER_UTILISATEUR: {"groupe": "T1AS"},
        Action.MODIFIER_COMPTE: {"utilisateur": "as.leroy"},
        Action.ACCEDER_SERVICE: {"service": Service.CDAP},
        Action.CONFIGURER_AFAS: {"service": Service.AFAS},
    }
    return arguments.get(action, {})


def test_compte_cloture_n_a_plus_rien_a_partir_de_l_instant_de_cloture() -> None:
    """Un compte clôturé ne donne plus rien dès l'instant de clôture (MCP-USR-05)."""
    c = convention_cdap()
    t = minutes(60)
    avant = t - timedelta(microseconds=1)
    # Avant : le gestionnaire peut tout ce que lui permet son rôle, l'utilisatrice consulte.
    assert peut(c, "gest.durand", Action.GERER_MEMBRES, groupe="T1AS", instant=avant)
    for ident in ("gest.durand", "as.leroy"):
        c = cloturer_compte(c, par=ADMIN, utilisateur=ident, instant=t).convention

    acces = acces_cdap(c, "as.leroy", instant=t)
    assert not acces.autorise
    assert acces.profils == ()
    assert acces.codes == ("MCP-USR-05",)
    for ident in ("gest.durand", "as.leroy"):
        for action in Action:
            d = peut(c, ident, action, instant=t, **_arguments_de(action))
            assert not d.autorise, (ident, action)
            assert d.codes == ("MCP-USR-05",), (ident, action)
    # Ses commandes sont refusées pour la même raison.
    r = ajouter_au_groupe(c, par="gest.durand", groupe="T1AS", utilisateur=ADMIN, instant=t)
    refuse(r, c, "MCP-USR-05")


def test_cloture_a_une_date_future_laisse_le_compte_actif_jusque_la() -> None:
    """Interprétation 5 : une date de clôture à venir laisse le compte actif jusqu'à elle."""
    c = convention_cdap()
    t = minutes(60)
    le = t + timedelta(days=30)
    r = cloturer_compte(c, par="gest.durand", utilisateur="as.leroy", le=le, instant=t)
    c1 = accepte(r, c, [CompteCloture(instant=t, par="gest.durand", utilisateur="as.leroy", le=le)])
    assert c1.utilisateur("as.leroy").cloture_le == le

    juste_avant = le - timedelta(microseconds=1)
    for quand in (t, juste_avant):
        assert acces_cdap(c1, "as.leroy", instant=quand).profils == (ProfilT.T1, ProfilT.T2)
        assert peut(c1, "as.leroy", Action.ACCEDER_SERVICE, service=Service.CDAP, instant=quand)
    assert acces_cdap(c1, "as.leroy", instant=le).codes == ("MCP-USR-05",)
    assert peut(c1, "as.leroy", Action.ACCEDER_SERVICE, service="CDAP", instant=le).codes == (
        "MCP-USR-05",
    )
    # Une date antérieure à l'instant de la commande ne s'accepte pas (pas d'antidate).
    refuse(
        cloturer_compte(c, par=ADMIN, utilisateur="as.leroy", le=t - timedelta(days=1), instant=t),
        c,
        "MCP-USR-05",
    )


def test_reactivation_restitue_exactement_l_acces_precedent() -> None:
    """« Un compte clôturé n'est pas supprimé, il peut être réactivé à tout moment »."""
    c = convention_cdap()
    t = minutes(60)
    avant = acces_cdap(c, "as.leroy", instant=t)
    assert avant.profils == (ProfilT.T1, ProfilT.T2)
    groupes_avant = {g.code for g in c.groupes if g.a_pour_membre("as.leroy")}
    assert groupes_avant == {"T1AS", "T2PE"}

    c1 = accepte(
        cloturer_compte(c, par=ADMIN, utilisateur="as.leroy", instant=t),
        c,
        [CompteCloture(instant=t, par=ADMIN, utilisateur="as.leroy", le=t)],
    )
    # Clôturé : plus rien, mais ses appartenances restent (MCP-USR-05).
    assert not acces_cdap(c1, "as.leroy", instant=t).autorise
    assert {g.code for g in c1.groupes if g.a_pour_membre("as.leroy")} == groupes_avant

    # Le gestionnaire de ses groupes la réactive, une semaine plus tard.
    t2 = t + timedelta(days=7)
    c2 = accepte(
        reactiver_compte(c1, par="gest.durand", utilisateur="as.leroy", instant=t2),
        c1,
        [CompteReactive(instant=t2, par="gest.durand", utilisateur="as.leroy")],
    )
    apres = acces_cdap(c2, "as.leroy", instant=t2)
    assert apres.autorise
    assert apres.profils == avant.profils
    assert apres.groupes == avant.groupes
    assert {g.code for g in c2.groupes if g.a_pour_membre("as.leroy")} == groupes_avant
    assert c2.utilisateur("as.leroy") == c.utilisateur("as.leroy")
    assert c2.groupes == c.groupes
    # Réactiver un compte actif n'a pas de sens.
    refuse(reactiver_compte(c2, par=ADMIN, utilisateur="as.leroy", instant=t2), c2, "MCP-USR-05")


def test_reactivation_d_un_gestionnaire_rend_ses_groupes_geres() -> None:
    """Le gestionnaire clôturé puis réactivé retrouve la gestion de ses groupes."""
    c = convention_cdap()
    t = minutes(60)
    c1 = cloturer_compte(c, par=ADMIN, utilisateur="gest.durand", instant=t).convention
    assert peut(c1, "gest.durand", Action.GERER_MEMBRES, groupe="T1AS", instant=t).codes == (
        "MCP-USR-05",
    )
    c2 = reactiver_compte(c1, par=ADMIN, utilisateur="gest.durand", instant=t).convention
    assert peut(c2, "gest.durand", Action.GERER_MEMBRES, groupe="T1AS", instant=t)
    assert peut(c2, "gest.durand", Action.MODIFIER_COMPTE, utilisateur="as.leroy", instant=t)


# --- première connexion -----------------------------------------------------------------


def test_premiere_connexion_dans_les_24_heures() -> None:
    """Annexe 1 : le mot de passe temporaire vaut 24 heures ; on le personnalise avant."""
    c = convention_cdap()
    emis = minutes(3)  # la création du compte d'as.leroy
    mdp = c.utilisateur("as.leroy").mot_de_passe_temporaire
    assert mdp is not None
    assert mdp.emis_le == emis
    t = emis + timedelta(hours=23, minutes=59)
    r = personnaliser_mot_de_passe(c, par="as.leroy", instant=t)
    c1 = accepte(r, c, [MotDePassePersonnalise(instant=t, par="as.leroy", utilisateur="as.leroy")])
    compte = c1.utilisateur("as.leroy")
    assert compte.mot_de_passe_personnalise
    assert compte.mot_de_passe_temporaire is None
    assert compte.derniere_connexion == t
    # Une seconde personnalisation n'a plus de mot de passe temporaire à consommer.
    refuse(personnaliser_mot_de_passe(c1, par="as.leroy", instant=t), c1, "MCP-MDP-03")


def test_premiere_connexion_apres_24_heures_puis_mot_de_passe_oublie() -> None:
    """Après 24 h : refus ; « mot de passe oublié » par l'utilisateur lui-même, puis succès."""
    c = convention_cdap()
    emis = minutes(3)
    expire = emis + timedelta(hours=24)
    refuse(personnaliser_mot_de_passe(c, par="as.leroy", instant=expire), c, "MCP-MDP-02")

    # Personne d'autre ne peut demander ni fixer son mot de passe.
    r = demander_nouveau_mot_de_passe(c, par=CAF, instant=expire)
    assert (r.accepte, r.codes, r.evenements, r.convention is c) == (
        False,
        ("MCP-MDP-04",),
        (),
        True,
    )
    refuse(personnaliser_mot_de_passe(c, par=CAF, instant=expire), c, "MCP-MDP-03")
    # L'administrateur n'a pas de mot de passe temporaire en cours : il ne « personnalise »
    # rien, et surtout pas celui d'as.leroy.
    refuse(personnaliser_mot_de_passe(c, par=ADMIN, instant=expire), c, "MCP-MDP-03")
    # « Mot de passe oublié » demandé par l'administrateur le concerne lui-même, jamais un
    # autre : le mot de passe d'as.leroy reste expiré.
    r = demander_nouveau_mot_de_passe(c, par=ADMIN, instant=expire)
    assert r.accepte
    assert [e.utilisateur for e in r.evenements if isinstance(e, MotDePasseTemporaireEmis)] == [
        ADMIN
    ]
    assert r.convention.utilisateur("as.leroy") == c.utilisateur("as.leroy")
    refuse(
        personnaliser_mot_de_passe(r.convention, par="as.leroy", instant=expire),
        r.convention,
        "MCP-MDP-02",
    )
    # Aucune commande ne prend de cible : il n'y a pas de moyen de viser un autre compte.
    with pytest.raises(TypeError):
        demander_nouveau_mot_de_passe(  # type: ignore[call-arg]
            c, par=ADMIN, utilisateur="as.leroy", instant=expire
        )

    # L'utilisatrice suit « mot de passe oublié » : un nouveau mot de passe de 24 h.
    t = expire + timedelta(hours=6)
    r = demander_nouveau_mot_de_passe(c, par="as.leroy", instant=t)
    c1 = accepte(
        r,
        c,
        [
            MotDePasseTemporaireEmis(
                instant=t,
                par="as.leroy",
                utilisateur="as.leroy",
                email=c.utilisateur("as.leroy").email,
                expire_le=t + timedelta(hours=24),
            )
        ],
    )
    assert r.a_executer == r.evenements
    t2 = t + timedelta(hours=1)
    r = personnaliser_mot_de_passe(c1, par="as.leroy", instant=t2)
    accepte(r, c1, [MotDePassePersonnalise(instant=t2, par="as.leroy", utilisateur="as.leroy")])


# --- administrateurs --------------------------------------------------------------------


def test_designation_d_un_administrateur_remplacant_par_la_caf() -> None:
    """Annexe 3 : seule la Caf désigne un administrateur ; jamais plus de deux."""
    c = convention_signee(
        administrateurs=(
            personne(ADMIN, "Claire", "Martin"),
            personne("adm.bernard", "Luc", "Bernard"),
        ),
        autres=(personne("adm.nouveau", "Jeanne", "Nouveau"),),
    )
    t = minutes(10)
    # L'administrateur qui part le signale ; sa clôture ne libère pas sa place (interp. 10).
    r = cloturer_compte(c, par=ADMIN, utilisateur="adm.bernard", instant=t)
    c1 = accepte(r, c, [CompteCloture(instant=t, par=ADMIN, utilisateur="adm.bernard", le=t)])
    assert [a.code for a in r.avertissements] == ["MCP-SEC-05"]
    assert c1.administrateurs == {ADMIN, "adm.bernard"}

    # Un partenaire ne nomme pas d'administrateur (MCP-CONV-03), même en remplacement.
    for acteur in (ADMIN, "adm.nouveau", "CAF"):
        refuse(
            designer_administrateur(
                c1, par=acteur, identifiant="adm.nouveau", remplace="adm.bernard", instant=t
            ),
            c1,
            "MCP-CONV-03",
        )
    # La Caf ne peut pas en ajouter un troisième (MCP-CONV-02).
    refuse(
        designer_administrateur(c1, par=CAF, identifiant="adm.nouveau", instant=t),
        c1,
        "MCP-CONV-02",
    )

    r = designer_administrateur(
        c1, par=CAF, identifiant="adm.nouveau", remplace="adm.bernard", instant=t
    )
    c2 = accepte(
        r,
        c1,
        [
            AdministrateurDesigne(
                instant=t, par=CAF, identifiant="adm.nouveau", remplace="adm.bernard"
            )
        ],
    )
    assert c2.administrateurs == {ADMIN, "adm.nouveau"}
    assert peut(c2, "adm.nouveau", Action.CREER_GROUPE, service=Service.CDAP, instant=t)
    assert peut(c2, "adm.nouveau", Action.CONTACTER_CAF, instant=t)
    # L'ancien, réactivé, n'est plus administrateur.
    c3 = reactiver_compte(c2, par=ADMIN, utilisateur="adm.bernard", instant=t).convention
    assert peut(c3, "adm.bernard", Action.CREER_GROUPE, service=Service.CDAP, instant=t).codes == (
        "MCP-ROLE-03",
    )


def test_la_caf_nomme_un_second_administrateur() -> None:
    """Une convention à un administrateur peut en recevoir un second, par la Caf."""
    c = convention_signee(autres=(personne("adm.bernard", "Luc", "Bernard"),))
    t = minutes(10)
    r = designer_administrateur(c, par=CAF, identifiant="adm.bernard", instant=t)
    c1 = accepte(
        r, c, [AdministrateurDesigne(instant=t, par=CAF, identifiant="adm.bernard", remplace=None)]
    )
    assert c1.administrateurs == {ADMIN, "adm.bernard"}


# --- sans gestion déléguée --------------------------------------------------------------

Commande = Callable[[Convention, Any], Resultat]

T_DELEGATION = minutes(30)

COMMANDES_D_HABILITATION: dict[str, Commande] = {
    "creer_groupe": lambda c, par: creer_groupe(
        c,
        par=par,
        code="T2CR",
        libelle="T2 Service des Crèches",
        service=Service.CDAP,
        gestionnaire="gest.durand",
        instant=T_DELEGATION,
    ),
    "affecter_role": lambda c, par: affecter_role(
        c, par=par, groupe="T2PE", profil=ProfilT.T2, instant=T_DELEGATION
    ),
    "retirer_role": lambda c, par: retirer_role(c, par=par, groupe="T1AS", instant=T_DELEGATION),
    "modifier_libelle": lambda c, par: modifier_libelle(
        c, par=par, groupe="T1AS", libelle="T1 AS de secteur", instant=T_DELEGATION
    ),
    "designer_gestionnaire": lambda c, par: designer_gestionnaire(
        c, par=par, groupe="T1AS", gestionnaire=ADMIN, instant=T_DELEGATION
    ),
    "creer_utilisateur": lambda c, par: creer_utilisateur(
        c, par=par, utilisateur=CONSEILLERE, groupe="T1AS", instant=T_DELEGATION
    ),
    "ajouter_au_groupe": lambda c, par: ajouter_au_groupe(
        c, par=par, groupe="T2PE", utilisateur="as.leroy", instant=T_DELEGATION
    ),
    "retirer_du_groupe": lambda c, par: retirer_du_groupe(
        c, par=par, groupe="T1AS", utilisateur="as.leroy", instant=T_DELEGATION
    ),
    "modifier_compte": lambda c, par: modifier_compte(
        c, par=par, utilisateur="as.leroy", diplome_etat="DEASS 2013", instant=T_DELEGATION
    ),
    "cloturer_compte": lambda c, par: cloturer_compte(
        c, par=par, utilisateur="as.leroy", instant=T_DELEGATION
    ),
    "reactiver_compte": lambda c, par: reactiver_compte(
        c, par=par, utilisateur="agent.parti", instant=T_DELEGATION
    ),
    "configurer_role_afas": lambda c, par: configurer_role_afas(
        c, par=par, utilisateur="decl.a", role=RoleAfas.FDF, instant=T_DELEGATION
    ),
    "retirer_role_afas": lambda c, par: retirer_role_afas(
        c, par=par, utilisateur="decl.a", role=RoleAfas.FDA, instant=T_DELEGATION
    ),
    "changer_approbateur": lambda c, par: changer_approbateur(
        c, par=par, utilisateur="decl.b", instant=T_DELEGATION
    ),
}


def convention_sans_delegation() -> Convention:
    """Une convention CDAP + AFAS dont la Caf gère elle-même les habilitations."""
    t0 = DEBUT
    comptes = [
        personne(ADMIN, "Claire", "Martin"),
        personne("gest.durand", "Sophie", "Durand"),
        ASSISTANTE,
        personne("agent.parti", "Pierre", "Parti", cloture_le=t0 + timedelta(days=1)),
        personne("decl.a", "Alice", "Adam"),
        personne("decl.b", "Bruno", "Bodin"),
        personne("decl.c", "Carla", "Cohen"),
    ]
    groupes = [
        Groupe(
            code="T1AS",
            libelle="T1 Assistants sociaux",
            service=Service.CDAP,
            gestionnaire="gest.durand",
            role=ProfilT.T1,
            membres=frozenset({"as.leroy"}),
        ),
        Groupe(
            code="T2PE",
            libelle="T2 Service Petite Enfance",
            service=Service.CDAP,
            gestionnaire="gest.durand",
        ),
        Groupe(
            code=GROUPE_AFAS_DECLARER,
            libelle="Déclarants AFAS",
            service=Service.AFAS,
            gestionnaire="gest.durand",
            membres=frozenset({"decl.a", "decl.b", "decl.c"}),
        ),
    ]
    return Convention(
        numero="19_215",
        organisme="Ville d'Exemple",
        caf="Caf de la Seine-Saint-Denis",
        gestion_deleguee=False,
        services={Service.CDAP, Service.AFAS},
        profils_contractuels={ProfilT.T1, ProfilT.T2},
        administrateurs={ADMIN},
        utilisateurs=comptes,
        groupes=groupes,
        afas=ConfigurationAfas(
            fda=frozenset({"decl.a"}), fdf=frozenset({"decl.c"}), approbateur="decl.c"
        ),
    )


@pytest.mark.parametrize("acteur", [ADMIN, "gest.durand"])
@pytest.mark.parametrize("commande", list(COMMANDES_D_HABILITATION))
def test_sans_delegation_le_partenaire_ne_gere_aucune_habilitation(
    commande: str, acteur: str
) -> None:
    """Introduction : sans gestion déléguée, seule la Caf gère les habilitations (MCP-CONV-05)."""
    c = convention_sans_delegation()
    refuse(COMMANDES_D_HABILITATION[commande](c, acteur), c, "MCP-CONV-05")


@pytest.mark.parametrize("commande", list(COMMANDES_D_HABILITATION))
def test_sans_delegation_la_caf_gere_les_habilitations(commande: str) -> None:
    """La Caf, elle, fait chacune de ces commandes ; les événements portent ``par=CAF``."""
    c = convention_sans_delegation()
    r = COMMANDES_D_HABILITATION[commande](c, CAF)
    assert r.accepte, r.codes
    assert r.erreurs == ()
    assert r.evenements
    assert all(e.par is CAF for e in r.evenements)
    assert r.convention.journal == (*c.journal, *r.evenements)


def test_sans_delegation_peut_refuse_les_actions_d_habilitation() -> None:
    """``peut`` dit la même chose ; ce qui n'est pas une habilitation reste permis."""
    c = convention_sans_delegation()
    t = T_DELEGATION
    for action in (
        Action.CREER_UTILISATEUR,
        Action.CREER_GROUPE,
        Action.CREER_SOUS_GROUPE,
        Action.DESIGNER_GESTIONNAIRE,
        Action.AFFECTER_ROLE,
        Action.GERER_MEMBRES,
        Action.MODIFIER_COMPTE,
        Action.CONFIGURER_AFAS,
    ):
        d = peut(c, ADMIN, action, instant=t, **_arguments_de(action))
        assert d.codes == ("MCP-CONV-05",), action
        assert peut(c, CAF, action, instant=t, **_arguments_de(action)), action
    assert peut(c, ADMIN, Action.CONTACTER_CAF, instant=t)
    assert peut(c, ADMIN, Action.GERER_RELATION_CONTRACTUELLE, instant=t)
    assert acces_cdap(c, "as.leroy", instant=t).profils == (ProfilT.T1,)
