"""Stratégies hypothesis pour tester votre code avec des données MCP valides.

Ce module demande l'extra ``hypothesis`` (``pip install 'mcp-rules[hypothesis]'``) ;
``import mcp_rules`` ne l'importe jamais. Une fois le paquet installé, les
stratégies sont aussi enregistrées auprès d'hypothesis (point d'entrée
``hypothesis``), si bien que ``st.from_type(Convention)`` fonctionne directement.

>>> from hypothesis import given
>>> from mcp_rules import strategies as mst
>>> @given(mst.conventions(max_comptes=5))
... def test_chaque_gestionnaire_est_un_compte(convention):
...     for groupe in convention.groupes:
...         assert convention.trouver_utilisateur(groupe.gestionnaire) is not None
>>> test_chaque_gestionnaire_est_un_compte()

Les conventions produites sont **structurellement** valides (références intègres,
identifiants uniques) ; elles peuvent enfreindre les règles du guide, comme les
données réelles : c'est ce qu'on veut auditer.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from mcp_rules._controles import cle
from mcp_rules.adresse_email import AdresseEmail
from mcp_rules.enumerations import Fonction, ProfilT, Service
from mcp_rules.modele import (
    GROUPE_AFAS_DECLARER,
    GROUPE_AFAS_HABILITER,
    ConfigurationAfas,
    Convention,
    Groupe,
    Utilisateur,
)
from mcp_rules.mot_de_passe import MotDePasseTemporaire
from mcp_rules.numero_instructeur import DEPARTEMENTS, NumeroInstructeur

__all__ = [
    "PARIS",
    "adresses_email",
    "changements_d_heure",
    "codes_groupe",
    "conventions",
    "groupes",
    "identifiants",
    "instants",
    "mots_de_passe_temporaires",
    "noms",
    "numeros_instructeur",
    "utilisateurs",
]

PARIS: Final = ZoneInfo("Europe/Paris")

DEBUT: Final = datetime(2020, 1, 1, tzinfo=UTC)
FIN: Final = datetime(2035, 12, 31, tzinfo=UTC)

_MINUSCULES: Final = "abcdefghijklmnopqrstuvwxyz"
_ALNUM: Final = _MINUSCULES + _MINUSCULES.upper() + "0123456789"
_DOMAINES: Final = (
    "ville-exemple.fr",
    "ccas-exemple.fr",
    "departement93.fr",
    "association-exemple.org",
    "bailleur-exemple.com",
    "mairie-exemple.fr",
)


def identifiants() -> st.SearchStrategy[str]:
    """Des identifiants de comptes permis (interprétation 9), casse mêlée."""
    return st.builds(
        lambda tete, corps: tete + corps,
        st.sampled_from(_ALNUM),
        st.text(alphabet=_ALNUM + "._-", max_size=20),
    )


def codes_groupe() -> st.SearchStrategy[str]:
    """Des codes de groupes permis, dans l'esprit du guide (``T1AS``, ``T2PE``…)."""
    return st.one_of(
        st.builds(
            lambda profil, suite: profil.value + suite,
            st.sampled_from(list(ProfilT)),
            st.text(alphabet=_ALNUM.upper(), min_size=1, max_size=8),
        ),
        identifiants(),
    )


def noms() -> st.SearchStrategy[str]:
    """Des noms et prénoms : lettres accentuées, espaces et tirets intérieurs."""
    lettres = "abcdefghijklmnopqrstuvwxyzéèêëàâîïôöùûüçÉÈÀÇ"
    return st.builds(
        lambda mots: " ".join(m.capitalize() for m in mots),
        st.lists(
            st.text(alphabet=lettres + "-'", min_size=1, max_size=12).filter(
                lambda m: m[0] not in "-'"
            ),
            min_size=1,
            max_size=3,
        ),
    ).filter(lambda n: len(n) <= 100)


def adresses_email(
    domaines: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[AdresseEmail]:
    """Des adresses ASCII valides, sur quelques domaines qui se répètent."""
    atome = st.text(alphabet=_ALNUM, min_size=1, max_size=12)
    locale = st.lists(atome, min_size=1, max_size=3).map(".".join)
    return st.builds(
        lambda locale_, d: AdresseEmail.parse(f"{locale_}@{d}"),
        locale,
        domaines if domaines is not None else st.sampled_from(_DOMAINES),
    )


def numeros_instructeur() -> st.SearchStrategy[NumeroInstructeur]:
    """Des numéros d'instructeur RSA complets et bien formés."""
    return st.builds(
        lambda d, t, c, r: NumeroInstructeur(departement=d, type_instructeur=t, commune=c, rang=r),
        st.sampled_from(sorted(DEPARTEMENTS)),
        st.sampled_from(_MINUSCULES.upper()),
        st.integers(0, 999).map(lambda n: f"{n:03d}"),
        st.integers(0, 99).map(lambda n: f"{n:02d}"),
    )


def changements_d_heure(annees: range = range(2020, 2036)) -> list[datetime]:
    """Les instants (UTC) des changements d'heure de Europe/Paris : dernier dimanche
    de mars et d'octobre, à 1 h UTC."""
    instants: list[datetime] = []
    for annee in annees:
        for mois in (3, 10):
            jour = datetime(annee, mois, 31, 1, 0, tzinfo=UTC)
            while jour.weekday() != 6:
                jour -= timedelta(days=1)
            instants.append(jour)
    return instants


def instants(debut: datetime = DEBUT, fin: datetime = FIN) -> st.SearchStrategy[datetime]:
    """Des instants avec fuseau (UTC ou Europe/Paris), souvent autour d'un changement d'heure.

    Un tiers des instants tombe à moins de 26 heures d'un changement d'heure, là où
    « 24 heures » et « même heure le lendemain » diffèrent.
    """
    pivots = [c for c in changements_d_heure() if debut <= c <= fin]
    quelconque = st.datetimes(
        min_value=debut.replace(tzinfo=None),
        max_value=fin.replace(tzinfo=None),
        timezones=st.just(UTC),
    )
    if pivots:
        proche = st.builds(
            lambda pivot, ecart: pivot + timedelta(minutes=ecart),
            st.sampled_from(pivots),
            st.integers(-26 * 60, 26 * 60),
        ).filter(lambda m: debut <= m <= fin)
        quelconque = st.one_of(quelconque, quelconque, proche)
    return st.builds(
        lambda moment, paris: moment.astimezone(PARIS) if paris else moment,
        quelconque,
        st.booleans(),
    )


def mots_de_passe_temporaires(
    debut: datetime = DEBUT, fin: datetime = FIN
) -> st.SearchStrategy[MotDePasseTemporaire]:
    """Des émissions de mot de passe temporaire."""
    return instants(debut, fin).map(MotDePasseTemporaire)


@st.composite
def utilisateurs(
    draw: st.DrawFn,
    identifiant: st.SearchStrategy[str] | None = None,
    fonction: st.SearchStrategy[Fonction] | None = None,
) -> Utilisateur:
    """Un compte structurellement valide, avec ou sans clôture, numéro, code bailleur…"""
    cree_le = draw(instants(DEBUT, datetime(2030, 1, 1, tzinfo=UTC)))
    apres = st.builds(
        lambda jours, minutes: cree_le + timedelta(days=jours, minutes=minutes),
        st.integers(0, 1500),
        st.integers(0, 1440),
    )
    f = draw(fonction if fonction is not None else st.sampled_from(list(Fonction)))
    return Utilisateur(
        identifiant=draw(identifiant if identifiant is not None else identifiants()),
        nom=draw(noms()),
        prenom=draw(noms()),
        email=draw(adresses_email()),
        cree_le=cree_le,
        fonction=f,
        cloture_le=draw(st.none() | apres),
        derniere_connexion=draw(st.none() | apres),
        mot_de_passe_temporaire=draw(st.none() | apres.map(MotDePasseTemporaire)),
        mot_de_passe_personnalise=draw(st.booleans()),
        numero_instructeur=draw(st.none() | numeros_instructeur()),
        code_bailleur=draw(st.none() | st.text(alphabet=_ALNUM, min_size=1, max_size=10)),
        diplome_etat=draw(st.none() | st.just("DEASS 2015")),
        mandats=draw(
            st.frozensets(st.text(alphabet="0123456789", min_size=7, max_size=7), max_size=3)
        ),
    )


@st.composite
def groupes(
    draw: st.DrawFn,
    comptes: list[str] | None = None,
    service: st.SearchStrategy[Service] | None = None,
    code: st.SearchStrategy[str] | None = None,
) -> Groupe:
    """Un groupe dont gestionnaire et membres sont pris parmi ``comptes``."""
    if comptes is None:
        comptes = draw(st.lists(identifiants(), min_size=1, max_size=5, unique_by=cle))
    s = draw(service if service is not None else st.sampled_from(list(Service)))
    role = draw(st.none() | st.sampled_from(list(ProfilT)))
    code_ = draw(code if code is not None else codes_groupe())
    libelle = (
        f"{role.value} {draw(noms())}" if role is not None and draw(st.booleans()) else draw(noms())
    )
    return Groupe(
        code=code_,
        libelle=libelle[:200],
        service=s,
        gestionnaire=draw(st.sampled_from(comptes)),
        role=role,
        membres=frozenset(
            draw(st.lists(st.sampled_from(comptes), max_size=len(comptes), unique_by=cle))
        ),
    )


@st.composite
def conventions(
    draw: st.DrawFn,
    min_comptes: int = 1,
    max_comptes: int = 12,
    max_groupes: int = 6,
    avec_sous_groupes: bool = True,
) -> Convention:
    """Une convention structurellement valide de ``min_comptes`` à ``max_comptes`` comptes.

    Elle contient des groupes de tous les services (dont, si AFAS est souscrit,
    ``AFAS-DECLARER`` et ``AFAS-HABILITER``), éventuellement des sous-groupes, une
    configuration AFAS prise parmi les comptes, un ou deux administrateurs (parfois
    zéro ou trois : les règles ne sont pas vérifiées ici).
    """
    min_comptes = max(min_comptes, 1)
    identifiants_ = draw(
        st.lists(
            identifiants(),
            min_size=min_comptes,
            max_size=max(min_comptes, max_comptes),
            unique_by=cle,
        )
    )
    comptes = [draw(utilisateurs(identifiant=st.just(i))) for i in identifiants_]
    services = draw(st.frozensets(st.sampled_from(list(Service)), min_size=1))
    profils = draw(st.frozensets(st.sampled_from(list(ProfilT))))
    nombre_admins = draw(st.sampled_from([1, 1, 1, 2, 2, 0, 3]))
    administrateurs = frozenset(identifiants_[: min(nombre_admins, len(identifiants_))])

    liste_groupes: list[Groupe] = []
    codes_pris: set[str] = set()

    def ajouter(g: Groupe) -> None:
        liste_groupes.append(g)
        codes_pris.add(g.cle)

    if Service.AFAS in services:
        for code in (GROUPE_AFAS_DECLARER, GROUPE_AFAS_HABILITER):
            if draw(st.booleans()):
                ajouter(draw(groupes(identifiants_, st.just(Service.AFAS), st.just(code))))
    code_libre = codes_groupe().filter(lambda c: cle(c) not in codes_pris)
    for _ in range(draw(st.integers(0, max_groupes))):
        service = st.sampled_from(sorted(services, key=lambda s: s.value))
        g = draw(groupes(identifiants_, service, code_libre))
        if g.cle in codes_pris:
            continue
        if avec_sous_groupes and liste_groupes and draw(st.booleans()):
            parent = draw(st.sampled_from(liste_groupes))
            g = Groupe(
                code=g.code,
                libelle=g.libelle,
                service=parent.service,
                gestionnaire=g.gestionnaire,
                role=g.role,
                membres=g.membres,
                parent=parent.code,
            )
        ajouter(g)

    afas = ConfigurationAfas()
    if Service.AFAS in services:
        choix = st.sampled_from(identifiants_)
        afas = ConfigurationAfas(
            fda=frozenset(draw(st.lists(choix, max_size=2, unique_by=cle))),
            fdf=frozenset(draw(st.lists(choix, max_size=2, unique_by=cle))),
            approbateur=draw(st.none() | choix),
        )
    return Convention(
        numero=draw(st.from_regex(r"[0-9]{2}_[0-9]{3}", fullmatch=True)),
        organisme=draw(noms()),
        caf=draw(st.sampled_from(["Caf de la Seine-Saint-Denis", "Caf du Rhône"])),
        gestion_deleguee=draw(st.booleans()),
        services=services,
        profils_contractuels=profils,
        administrateurs=administrateurs,
        utilisateurs=comptes,
        groupes=liste_groupes,
        afas=afas,
    )


def _enregistrer_strategies() -> None:
    """Point d'entrée ``hypothesis`` : ``st.from_type`` connaît les types du domaine."""
    st.register_type_strategy(Convention, conventions())
    st.register_type_strategy(Utilisateur, utilisateurs())
    st.register_type_strategy(Groupe, groupes())
    st.register_type_strategy(AdresseEmail, adresses_email())
    st.register_type_strategy(NumeroInstructeur, numeros_instructeur())
    st.register_type_strategy(MotDePasseTemporaire, mots_de_passe_temporaires())
