"""Ce que partagent les tests du catalogue, règle par règle.

- Le marqueur ``regle`` : ``@pytest.mark.regle("MCP-GRP-03", declenche=True)`` dit qu'un test
  montre la règle qui se déclenche (``declenche=False`` : qui ne se déclenche pas). Le méta-test
  (``test_couverture_catalogue.py``) exige, pour chaque code automatisable du catalogue, au
  moins un test de chaque sorte.
- Les vérifications : :func:`declenche`, :func:`ne_declenche_pas`, :func:`leve_code` et les
  vérifications d'envoi des identifiants. Chacune note le code qu'elle a vérifié ; après un test
  réussi, chaque marque ``regle`` du test doit avoir été vérifiée dans le bon sens, sinon le test
  échoue. Une marque ne peut donc pas promettre ce que le test ne montre pas.
- Une petite convention conforme, faite avec l'API publique, dont l'audit ne dit rien, et des
  instants fixes avec fuseau horaire.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Final, Protocol, TypeVar

import pytest

from mcp_rules import (
    CATALOGUE,
    GROUPE_AFAS_DECLARER,
    GROUPE_AFAS_HABILITER,
    ActeurCaf,
    CompteCree,
    ConfigurationAfas,
    Constat,
    Convention,
    DonneeInvalide,
    DonneesInvalides,
    Evenement,
    Fonction,
    Groupe,
    GroupeCree,
    IdentifiantEnvoye,
    MotDePasseTemporaireEmis,
    ProfilT,
    Resultat,
    RoleApplicatif,
    Service,
    Severite,
    Utilisateur,
)

T = TypeVar("T")

# --- des instants fixes ----------------------------------------------------------------------

DEBUT: Final = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
"""La création des comptes de la convention de base."""
RECENT: Final = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
"""Leur dernière connexion."""
INSTANT: Final = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
"""L'instant des commandes, des questions et des audits."""

# --- le marqueur « regle » et sa vérification ---------------------------------------------

MARQUEUR: Final = "regle"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f'{MARQUEUR}(code, declenche): le test montre que la règle "code" du catalogue se '
        "déclenche (declenche=True) ou ne se déclenche pas (declenche=False)",
    )


def marques_regle(marques: Iterable[pytest.Mark]) -> list[tuple[str, bool]]:
    """Les (code, declenche) des marques ``regle`` d'une liste de marques."""
    trouvees = []
    for m in marques:
        if m.name != MARQUEUR:
            continue
        (code,) = m.args
        declenche_ = m.kwargs["declenche"]
        if not isinstance(code, str) or not isinstance(declenche_, bool) or len(m.kwargs) != 1:
            raise TypeError(f"marque regle mal formée : {m}")
        trouvees.append((code, declenche_))
    return trouvees


_VERIFIEES: list[tuple[str, bool]] = []
"""Les (code, déclenchée ?) vérifiés par le test en cours."""


def _noter(code: str, declenchee: bool) -> None:
    assert code in CATALOGUE, f"{code} n'est pas un code du catalogue"
    _VERIFIEES.append((code, declenchee))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, object, object]:
    """Un test réussi doit avoir vérifié chacune de ses marques ``regle``, dans le bon sens."""
    _VERIFIEES.clear()
    resultat = yield
    marques = marques_regle(item.iter_markers(MARQUEUR))
    oubliees = [m for m in marques if m not in _VERIFIEES]
    if oubliees:
        pytest.fail(
            "marque(s) regle sans la vérification correspondante dans le test : "
            + ", ".join(f"{code} (declenche={d})" for code, d in oubliees),
            pytrace=False,
        )
    return resultat


# --- vérifier qu'une règle se déclenche, ou pas ---------------------------------------------


class AvecConstats(Protocol):
    """Tout ce qui porte des constats : Decision, AccesCdap, Resultat, Rapport, Diagnostic."""

    @property
    def constats(self) -> tuple[Constat, ...]: ...


class _Toute:
    """Valeur par défaut de ``cible`` : ne pas filtrer sur la cible."""


TOUTE: Final = _Toute()

E: Final = Severite.ERREUR
W: Final = Severite.AVERTISSEMENT
I: Final = Severite.INFO  # noqa: E741 - E, W, I : les sévérités de rules.md


def declenche(
    objet: AvecConstats,
    code: str,
    *,
    severite: Severite,
    cible: str | _Toute | None = TOUTE,
) -> list[Constat]:
    """Les constats de ``code`` à cette sévérité (et cette cible) ; il en faut au moins un.

    Chaque constat trouvé porte la règle même du catalogue (sa source dans le guide), un
    message en français et la sévérité attendue.
    """
    regle = CATALOGUE[code]
    trouves = [
        c
        for c in objet.constats
        if c.code == code
        and c.severite is severite
        and (isinstance(cible, _Toute) or c.cible == cible)
    ]
    assert trouves, f"{code} ({severite.value}, cible {cible!r}) attendu ; constats : " + "; ".join(
        f"{c.code}/{c.severite.value}/{c.cible}" for c in objet.constats
    )
    for c in trouves:
        assert c.regle is regle
        assert c.message
        assert c.regle.source
    _noter(code, True)
    return trouves


def ne_declenche_pas(objet: AvecConstats, code: str) -> None:
    """Aucun constat de ``code`` qui dise un problème.

    Pour une règle d'erreur ou d'avertissement, un constat « information » du même code
    (le motif d'une autorisation : « autorisé : … ») est permis ; pour une règle
    d'information, aucun constat du code n'est permis.
    """
    regle = CATALOGUE[code]
    interdits = [
        c for c in objet.constats if c.code == code and (regle.severite is I or c.severite is not I)
    ]
    assert not interdits, f"{code} inattendu : " + "; ".join(str(c) for c in interdits)
    _noter(code, False)


@contextmanager
def leve_code(code: str) -> Iterator[pytest.ExceptionInfo[DonneeInvalide]]:
    """La structure est refusée par une :class:`DonneeInvalide` qui porte ce code de règle."""
    with pytest.raises(DonneeInvalide) as info:
        yield info
    assert info.value.code == code, f"{code} attendu, {info.value.code} levé : {info.value}"
    _noter(code, True)


@contextmanager
def leve_code_au_chemin(code: str, chemin: str) -> Iterator[pytest.ExceptionInfo[DonneesInvalides]]:
    """Un objet refusé pour sa structure : parmi ses erreurs, ce code à ce chemin."""
    with pytest.raises(DonneesInvalides) as info:
        yield info
    trouvees = [e for e in info.value.erreurs if e.code == code and e.chemin == chemin]
    assert trouvees, f"{code} attendu à {chemin} : {info.value.erreurs}"
    _noter(code, True)


def pas_ce_code(erreur: DonneeInvalide, code: str) -> None:
    """Une erreur de structure levée au nom d'une autre règle que ``code``."""
    assert erreur.code != code, f"{code} inattendu : {erreur}"
    _noter(code, False)


def ne_leve_pas(code: str, construire: Callable[[], T]) -> T:
    """La valeur se construit sans erreur : la règle de structure ne se déclenche pas."""
    try:
        valeur = construire()
    except DonneeInvalide as e:
        pytest.fail(f"{code} ne devait pas se déclencher : {e}")
    _noter(code, False)
    return valeur


def identifiants_envoyes(resultat: Resultat, utilisateur: Utilisateur) -> None:
    """``MCP-MDP-01`` : l'identifiant, puis un mot de passe temporaire de 24 h, à son adresse.

    La bibliothèque n'envoie rien : elle rend deux événements, que le portail exécute, et
    l'information MCP-MDP-01 qui les annonce.
    """
    envois = [
        e
        for e in resultat.evenements
        if isinstance(e, IdentifiantEnvoye | MotDePasseTemporaireEmis)
    ]
    assert [type(e) for e in envois] == [IdentifiantEnvoye, MotDePasseTemporaireEmis]
    identifiant, mot_de_passe = envois
    assert isinstance(identifiant, IdentifiantEnvoye)
    assert isinstance(mot_de_passe, MotDePasseTemporaireEmis)
    assert identifiant.utilisateur == mot_de_passe.utilisateur == utilisateur.identifiant
    assert identifiant.email == mot_de_passe.email == utilisateur.email
    assert mot_de_passe.expire_le == mot_de_passe.instant + timedelta(hours=24)
    assert identifiant.a_executer
    assert mot_de_passe.a_executer
    assert set(resultat.a_executer) >= {identifiant, mot_de_passe}
    declenche(resultat, "MCP-MDP-01", severite=I, cible=utilisateur.identifiant)


def aucun_identifiant_envoye(resultat: Resultat) -> None:
    """Aucun compte n'est créé : aucun message d'identifiant ni de mot de passe."""
    assert not [e for e in resultat.evenements if isinstance(e, IdentifiantEnvoye)]
    assert not [e for e in resultat.evenements if isinstance(e, MotDePasseTemporaireEmis)]
    ne_declenche_pas(resultat, "MCP-MDP-01")


def refuse(resultat: Resultat, convention: Convention) -> None:
    """Refusée : l'objet même qui a été passé, aucun événement, au moins une erreur."""
    assert resultat.accepte is False
    assert not resultat
    assert resultat.convention is convention
    assert resultat.evenements == ()
    assert resultat.erreurs


def accepte(
    resultat: Resultat, convention: Convention, evenements: Iterable[Evenement]
) -> Convention:
    """Acceptée avec exactement ces événements, ajoutés au journal ; rend le nouvel état."""
    attendus = tuple(evenements)
    assert resultat.accepte is True, "refusée : " + "; ".join(str(c) for c in resultat.constats)
    assert resultat.evenements == attendus
    assert resultat.convention is not convention
    assert resultat.convention.journal == (*convention.journal, *attendus)
    return resultat.convention


def groupe_cree(
    code: str,
    libelle: str,
    *,
    par: str | ActeurCaf = "adm.martin",
    service: Service = Service.CDAP,
    gestionnaire: str = "gest.durand",
    parent: str | None = None,
) -> GroupeCree:
    """L'événement d'un groupe créé à ``INSTANT`` (par adm.martin, CDAP, géré par gest.durand)."""
    return GroupeCree(
        instant=INSTANT,
        par=par,
        groupe=code,
        libelle=libelle,
        service=service,
        gestionnaire=gestionnaire,
        parent=parent,
    )


def evenements_creation(
    par: str,
    utilisateur: Utilisateur,
    *,
    groupe: str | None = None,
    instant: datetime | None = None,
) -> list[Evenement]:
    """Ce que rend la création d'un compte : le compte, puis ses deux messages (MCP-MDP-01)."""
    t = (INSTANT if instant is None else instant).astimezone(UTC)  # 24 h écoulées, en UTC
    return [
        CompteCree(instant=t, par=par, utilisateur=utilisateur.identifiant, groupe=groupe),
        IdentifiantEnvoye(
            instant=t, par=par, utilisateur=utilisateur.identifiant, email=utilisateur.email
        ),
        MotDePasseTemporaireEmis(
            instant=t,
            par=par,
            utilisateur=utilisateur.identifiant,
            email=utilisateur.email,
            expire_le=t + timedelta(hours=24),
        ),
    ]


# --- une petite convention conforme ----------------------------------------------------------

NUMERO: Final = "19_214"
ORGANISME: Final = "Ville d'Exemple"
DOMAINE: Final = "ville-exemple.fr"


def compte(
    identifiant: str,
    prenom: str,
    nom: str,
    *,
    fonction: Fonction = Fonction.AUTRE,
    email: str | None = None,
    cree_le: datetime = DEBUT,
    derniere_connexion: datetime | None = RECENT,
    cloture_le: datetime | None = None,
    numero_instructeur: str | None = None,
    code_bailleur: str | None = None,
    diplome_etat: str | None = None,
    mandats: frozenset[str] = frozenset(),
) -> Utilisateur:
    """Un compte nominatif, en service (mot de passe personnalisé, connecté récemment)."""
    return Utilisateur(
        identifiant=identifiant,
        prenom=prenom,
        nom=nom,
        email=email or f"{prenom}.{nom}@{DOMAINE}".lower(),
        cree_le=cree_le,
        fonction=fonction,
        derniere_connexion=derniere_connexion,
        cloture_le=cloture_le,
        mot_de_passe_personnalise=True,
        numero_instructeur=numero_instructeur,
        code_bailleur=code_bailleur,
        diplome_etat=diplome_etat,
        mandats=mandats,
    )


def nouveau(
    identifiant: str,
    prenom: str,
    nom: str,
    *,
    fonction: Fonction = Fonction.AUTRE,
    email: str | None = None,
    diplome_etat: str | None = None,
) -> Utilisateur:
    """Un compte à créer par une commande (pas encore dans la convention)."""
    return compte(
        identifiant,
        prenom,
        nom,
        fonction=fonction,
        email=email,
        diplome_etat=diplome_etat,
        derniere_connexion=None,
    )


COMPTES: Final = (
    compte("adm.martin", "Claire", "Martin"),
    compte("adm.bernard", "Luc", "Bernard"),
    compte("gest.durand", "Sophie", "Durand"),
    compte("gest.blanc", "Marc", "Blanc"),
    compte(
        "as.leroy", "Anne", "Leroy", fonction=Fonction.ASSISTANT_SOCIAL, diplome_etat="DEASS 2012"
    ),
    compte("pe.fournier", "Hugo", "Fournier"),
    compte("ad.noel", "Eva", "Noel"),
    compte("afas.dupont", "Karim", "Dupont"),
    compte("afas.lefevre", "Ines", "Lefevre"),
    compte("afas.garnier", "Thomas", "Garnier"),
    compte("afas.roche", "Lucie", "Roche"),
)
"""Deux administrateurs, deux gestionnaires, des utilisateurs CDAP, AFAS et ADONIS."""

GROUPES: Final = (
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
        role=ProfilT.T2,
        membres=frozenset({"pe.fournier"}),
    ),
    Groupe(
        code=GROUPE_AFAS_DECLARER,
        libelle="Déclarants AFAS",
        service=Service.AFAS,
        gestionnaire="adm.martin",
        membres=frozenset({"afas.dupont", "afas.lefevre", "afas.garnier"}),
    ),
    Groupe(
        code=GROUPE_AFAS_HABILITER,
        libelle="Habilitation AFAS",
        service=Service.AFAS,
        gestionnaire="adm.martin",
        membres=frozenset({"afas.roche"}),
    ),
    Groupe(
        code="ADONIS-STATS",
        libelle="Statistiques des aides à domicile",
        service=Service.ADONIS,
        gestionnaire="gest.blanc",
        role=RoleApplicatif.ADONIS,
        membres=frozenset({"ad.noel"}),
    ),
)
"""T1AS et T2PE (gérés par gest.durand), les deux groupes AFAS, un groupe ADONIS (avec le rôle
de son service)."""

ADONIS_SANS_ROLE: Final = Groupe(
    code="ADONIS-STATS",
    libelle="Statistiques des aides à domicile",
    service=Service.ADONIS,
    gestionnaire="gest.blanc",
    membres=frozenset({"ad.noel"}),
)
"""Le groupe ADONIS de base, sans le rôle de son service (interprétation 15)."""

AFAS_COMPLETE: Final = ConfigurationAfas(
    fda=frozenset({"afas.dupont"}),
    fdf=frozenset({"afas.lefevre"}),
    approbateur="afas.garnier",
)


def convention(
    *,
    utilisateurs: Iterable[Utilisateur] = (),
    groupes: Iterable[Groupe] = (),
    sans_groupes: Iterable[str] = (),
    services: Iterable[Service] = (Service.CDAP, Service.AFAS, Service.ADONIS),
    profils: Iterable[ProfilT] = (ProfilT.T1, ProfilT.T2),
    administrateurs: Iterable[str] = ("adm.martin", "adm.bernard"),
    gestion_deleguee: bool = True,
    afas: ConfigurationAfas = AFAS_COMPLETE,
    journal: Iterable[Evenement] = (),
) -> Convention:
    """La convention 19_214 de la Ville d'Exemple, conforme, avec des changements.

    ``utilisateurs`` et ``groupes`` s'ajoutent à ceux de base, ou les remplacent à
    identifiant ou code égal ; ``sans_groupes`` retire des groupes de base.
    """
    comptes = {u.identifiant: u for u in COMPTES}
    comptes.update({u.identifiant: u for u in utilisateurs})
    retires = set(sans_groupes)
    tous = {g.code: g for g in GROUPES if g.code not in retires}
    tous.update({g.code: g for g in groupes})
    return Convention(
        numero=NUMERO,
        organisme=ORGANISME,
        caf="Caf de la Seine-Saint-Denis",
        gestion_deleguee=gestion_deleguee,
        services=frozenset(services),
        profils_contractuels=frozenset(profils),
        administrateurs=frozenset(administrateurs),
        utilisateurs=comptes.values(),
        groupes=tous.values(),
        afas=afas,
        journal=journal,
    )


def groupe(
    code: str,
    libelle: str,
    *,
    role: ProfilT | None = None,
    service: Service = Service.CDAP,
    gestionnaire: str = "gest.durand",
    membres: Iterable[str] = (),
    parent: str | None = None,
) -> Groupe:
    """Un groupe de plus (CDAP, géré par gest.durand, par défaut)."""
    return Groupe(
        code=code,
        libelle=libelle,
        service=service,
        gestionnaire=gestionnaire,
        role=role,
        membres=frozenset(membres),
        parent=parent,
    )


@pytest.fixture
def base() -> Convention:
    """La convention de base, conforme : son audit ne dit rien."""
    return convention()
