"""Stratégies hypothesis pour tester votre code avec des données MCP valides.

Ce module demande l'extra ``hypothesis`` (``pip install 'mcp-rules[hypothesis]'``) ;
``import mcp_rules`` ne l'importe jamais. Une fois le paquet installé, les
stratégies sont aussi enregistrées auprès d'hypothesis (point d'entrée
``hypothesis``), si bien que ``st.from_type(Convention)`` fonctionne directement.

>>> from hypothesis import given, settings
>>> from mcp_rules import strategies as mst
>>> @settings(max_examples=20)
... @given(mst.conventions(max_comptes=5))
... def test_chaque_gestionnaire_est_un_compte(convention):
...     for groupe in convention.groupes:
...         assert convention.trouver_utilisateur(groupe.gestionnaire) is not None
>>> test_chaque_gestionnaire_est_un_compte()

La taille se choisit exactement, et le journal est facultatif :

>>> @settings(max_examples=10, deadline=None)
... @given(mst.conventions(min_comptes=30, max_comptes=30, avec_journal=False))
... def test_trente_comptes(convention):
...     assert convention.nombre_utilisateurs == 30
...     assert convention.journal == ()
>>> test_trente_comptes()

Les conventions produites sont **structurellement** valides (références intègres,
identifiants uniques) ; elles peuvent enfreindre les règles du guide, comme les
données réelles : c'est ce qu'on veut auditer.

Un seul module, plus long que les autres : les stratégies s'appuient les unes sur les
autres (un compte sur des identifiants, une convention sur des comptes et des groupes).
Elles s'enregistrent auprès d'hypothesis à l'import de ce module (voir le greffon
``_mcp_rules_hypothesis``, qui l'importe quand il le faut).
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any, Final
from zoneinfo import ZoneInfo

import attrs

try:
    from hypothesis import strategies as st
except ModuleNotFoundError as exc:  # pragma: no cover - vérifié dans un processus à part
    if exc.name != "hypothesis":
        raise
    raise ModuleNotFoundError(
        "les stratégies de mcp_rules demandent hypothesis, absent de cet environnement : "
        "installez l'extra « hypothesis » (pip install 'mcp-rules[hypothesis]')",
        name="hypothesis",
    ) from None

from mcp_rules.fondations.acteurs import CAF
from mcp_rules.fondations.controles import cle
from mcp_rules.fondations.enumerations import (
    Fonction,
    ProfilT,
    Role,
    RoleAfas,
    RoleApplicatif,
    Service,
)
from mcp_rules.modele import (
    GROUPE_AFAS_DECLARER,
    GROUPE_AFAS_HABILITER,
    ConfigurationAfas,
    Convention,
    Groupe,
    Politique,
    Utilisateur,
)
from mcp_rules.modele.evenements import TYPES_EVENEMENTS, Evenement
from mcp_rules.valeurs.adresse_email import AdresseEmail
from mcp_rules.valeurs.mot_de_passe import MotDePasseTemporaire
from mcp_rules.valeurs.numero_instructeur import DEPARTEMENTS, NumeroInstructeur

__all__ = [
    "DEBUT",
    "FIN",
    "PARIS",
    "adresses_email",
    "changements_d_heure",
    "codes_groupe",
    "configurations_afas",
    "conventions",
    "evenements",
    "groupes",
    "identifiants",
    "instants",
    "libelles",
    "mots_de_passe_temporaires",
    "noms",
    "numeros_instructeur",
    "politiques",
    "utilisateurs",
]

PARIS: Final = ZoneInfo("Europe/Paris")

DEBUT: Final = datetime(2020, 1, 1, tzinfo=UTC)
"""Le premier instant que tirent par défaut :func:`instants` et les autres stratégies."""
FIN: Final = datetime(2035, 12, 31, tzinfo=UTC)
"""Le dernier instant que tirent par défaut :func:`instants` et les autres stratégies."""

_FUSEAUX: Final[tuple[tzinfo, ...]] = (
    UTC,
    PARIS,
    PARIS,
    ZoneInfo("Indian/Reunion"),
    ZoneInfo("America/Guadeloupe"),
)
"""UTC, Paris (deux fois plus souvent) et deux fuseaux de Caf d'outre-mer."""

_MINUSCULES: Final = "abcdefghijklmnopqrstuvwxyz"
_ALNUM: Final = _MINUSCULES + _MINUSCULES.upper() + "0123456789"
_LETTRES_NOMS: Final = "abcdefghijklmnopqrstuvwxyzéèêëàâîïôöùûüçÉÈÀÇ"
_DOMAINES: Final = (
    "ville-exemple.fr",
    "ccas-exemple.fr",
    "departement93.fr",
    "association-exemple.org",
    "bailleur-exemple.com",
    "mairie-exemple.fr",
)
_NOMS_COURANTS: Final = (
    "Anne",
    "Marie-Hélène",
    "Jean-François",
    "Éloïse",
    "Zoé",
    "Noël",
    "Fatoumata",
    "Karim",
    "Maël",
    "Leroy",
    "Durand",
    "N'Diaye",
    "Da Silva",
    "Lefèvre",
    "Nguyen",
    "Le Goff",
    "Gauthier-Lemoine",
    "D'Aubigné",
)
_PRENOMS_ASCII: Final = ("anne", "marie-helene", "jf", "eloise", "zoe", "karim", "mael", "A")
_NOMS_ASCII: Final = ("leroy", "durand", "ndiaye", "da-silva", "lefevre", "nguyen", "LE_GOFF")
_CODES_AFAS: Final = frozenset(cle(c) for c in (GROUPE_AFAS_DECLARER, GROUPE_AFAS_HABILITER))

_FUSEAU: Final = st.sampled_from(_FUSEAUX)
_BOOLEEN: Final = st.booleans()
_FONCTION: Final = st.sampled_from(list(Fonction))
_SERVICE: Final = st.sampled_from(list(Service))
_PROFIL_OU_RIEN: Final = st.none() | st.sampled_from(list(ProfilT))
_ROLES: Final = st.sampled_from([*ProfilT, *RoleApplicatif])
_ROLE_OU_RIEN: Final = {
    service: (
        _PROFIL_OU_RIEN
        if naturel is None
        # Le rôle de son service, le plus souvent ; parfois un profil T (une donnée à auditer).
        else st.none() | st.just(naturel) | st.just(naturel) | st.sampled_from(list(ProfilT))
    )
    for service in Service
    for naturel in (RoleApplicatif.du_service(service),)
}
_DECALAGE_OU_RIEN: Final = st.none() | st.tuples(st.integers(0, 1500 * 86400), _FUSEAU)
_CODE_BAILLEUR_OU_RIEN: Final = st.none() | st.text(alphabet=_ALNUM, min_size=1, max_size=8)
_DIPLOME_OU_RIEN: Final = st.none() | st.sampled_from(["DEASS 2015", "DECESF 2019"])
_MANDATS: Final = st.frozensets(st.integers(0, 10**7 - 1).map("{:07d}".format), max_size=3)


# --- textes ---------------------------------------------------------------------------
#
# Les stratégies sans paramètre sont construites une fois (``functools.cache``) : une
# stratégie neuve se valide à son premier tirage, ce qui coûte plus que le tirage
# lui-même quand une convention tire des centaines de valeurs.


@functools.cache
def identifiants() -> st.SearchStrategy[str]:
    """Des identifiants de comptes permis (interprétation 9), casse mêlée."""
    return st.builds(
        operator.add,
        st.sampled_from(_ALNUM),
        st.text(alphabet=_ALNUM + "._-", max_size=20),
    )


@functools.cache
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


@functools.cache
def noms() -> st.SearchStrategy[str]:
    """Des noms et prénoms : courants (accents, tirets, apostrophes, espaces) ou tirés
    lettre à lettre."""
    mot = st.builds(
        lambda tete, corps: (tete + corps).capitalize(),
        st.sampled_from(_LETTRES_NOMS),
        st.text(alphabet=_LETTRES_NOMS + "-'", max_size=9),
    )
    return st.one_of(
        st.sampled_from(_NOMS_COURANTS),
        st.lists(mot, min_size=1, max_size=3).map(" ".join),
    )


def libelles(profil: Role | None = None) -> st.SearchStrategy[str]:
    """Des libellés de groupes ; avec un profil T, ils commencent par lui (``MCP-GRP-03`` ; un
    rôle applicatif n'impose rien au libellé)."""
    if not isinstance(profil, ProfilT):
        return noms()
    return _LIBELLES_PROFIL[profil]


def adresses_email(
    domaines: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[AdresseEmail]:
    """Des adresses ASCII valides, sur quelques domaines qui se répètent."""
    if domaines is None:
        return _adresses_email_usuelles()
    return _adresses_email(domaines)


def _adresses_email(domaines: st.SearchStrategy[str]) -> st.SearchStrategy[AdresseEmail]:
    atome = st.builds(
        operator.add,
        st.sampled_from(_ALNUM),
        st.text(alphabet=_ALNUM + "_-+", max_size=8),
    )
    nominative = st.builds(
        "{}.{}".format, st.sampled_from(_PRENOMS_ASCII), st.sampled_from(_NOMS_ASCII)
    )
    locale = st.one_of(nominative, st.lists(atome, min_size=1, max_size=3).map(".".join))
    return st.builds(lambda locale_, d: AdresseEmail.parse(f"{locale_}@{d}"), locale, domaines)


@functools.cache
def _adresses_email_usuelles() -> st.SearchStrategy[AdresseEmail]:
    return _adresses_email(st.sampled_from(_DOMAINES))


@functools.cache
def numeros_instructeur() -> st.SearchStrategy[NumeroInstructeur]:
    """Des numéros d'instructeur RSA complets et bien formés."""
    return st.builds(
        lambda d, t, c, r: NumeroInstructeur(departement=d, type_instructeur=t, commune=c, rang=r),
        st.sampled_from(sorted(DEPARTEMENTS)),
        st.sampled_from(_MINUSCULES.upper()),
        st.integers(0, 999).map(lambda n: f"{n:03d}"),
        st.integers(0, 99).map(lambda n: f"{n:02d}"),
    )


# --- le temps -------------------------------------------------------------------------


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
    """Des instants avec fuseau, de ``debut`` à ``fin``, souvent autour d'un changement d'heure.

    Le fuseau est UTC, Europe/Paris (le plus souvent) ou celui d'une Caf d'outre-mer.
    Près de la moitié des instants tombe à moins de 26 heures d'un changement d'heure
    de Paris, là où « 24 heures » et « même heure le lendemain » diffèrent, dont une
    bonne part à moins de 90 minutes (l'heure sautée, l'heure répétée).
    """
    debut_utc, fin_utc = debut.astimezone(UTC), fin.astimezone(UTC)
    if debut_utc > fin_utc:
        raise ValueError(f"instants : debut ({debut}) est après fin ({fin})")
    return _instants(debut_utc, fin_utc)


@functools.lru_cache(maxsize=64)
def _instants(debut: datetime, fin: datetime) -> st.SearchStrategy[datetime]:
    pivots = [c for c in changements_d_heure(range(debut.year, fin.year + 1)) if debut <= c <= fin]
    quelconque = st.datetimes(
        min_value=debut.replace(tzinfo=None),
        max_value=fin.replace(tzinfo=None),
        timezones=st.just(UTC),
    )

    def borne(moment: datetime) -> datetime:
        return min(max(moment, debut), fin)

    moments = quelconque
    if pivots:
        pivot = st.sampled_from(pivots)
        proche = st.builds(
            lambda p, ecart: borne(p + timedelta(seconds=ecart)),
            pivot,
            st.integers(-26 * 3600, 26 * 3600),
        )
        tout_proche = st.builds(
            lambda p, ecart: borne(p + timedelta(seconds=ecart)),
            pivot,
            st.integers(-90 * 60, 90 * 60),
        )
        moments = st.one_of(quelconque, quelconque, proche, tout_proche)
    return st.builds(_dans_le_fuseau, moments, _FUSEAU)


def _dans_le_fuseau(moment: datetime, fuseau: tzinfo) -> datetime:
    return moment.astimezone(fuseau)


def mots_de_passe_temporaires(
    debut: datetime = DEBUT, fin: datetime = FIN
) -> st.SearchStrategy[MotDePasseTemporaire]:
    """Des émissions de mot de passe temporaire."""
    return instants(debut, fin).map(MotDePasseTemporaire)


_CREATION: Final = instants(DEBUT, datetime(2030, 1, 1, tzinfo=UTC))
_NUMERO_OU_RIEN: Final = st.none() | numeros_instructeur()
_QUELQUES_COMPTES: Final = st.lists(identifiants(), min_size=1, max_size=5, unique_by=cle)
_LIBELLES_PROFIL: Final = {p: noms().map(f"{p.value} {{}}".format) for p in ProfilT}


# --- comptes, groupes, configuration AFAS -------------------------------------------


def _apres(draw: st.DrawFn, depuis: datetime) -> datetime | None:
    """Rien, ou un instant égal ou postérieur à ``depuis`` (temps écoulé, en UTC)."""
    tirage = draw(_DECALAGE_OU_RIEN)
    if tirage is None:
        return None
    secondes, fuseau = tirage
    return (depuis.astimezone(UTC) + timedelta(seconds=secondes)).astimezone(fuseau)


def _utilisateur(draw: st.DrawFn, identifiant: str, fonction: Fonction) -> Utilisateur:
    cree_le = draw(_CREATION)
    emission = _apres(draw, cree_le)
    return Utilisateur(
        identifiant=identifiant,
        nom=draw(noms()),
        prenom=draw(noms()),
        email=draw(adresses_email()),
        cree_le=cree_le,
        fonction=fonction,
        cloture_le=_apres(draw, cree_le),
        derniere_connexion=_apres(draw, cree_le),
        mot_de_passe_temporaire=None if emission is None else MotDePasseTemporaire(emission),
        mot_de_passe_personnalise=draw(_BOOLEEN),
        numero_instructeur=draw(_NUMERO_OU_RIEN),
        code_bailleur=draw(_CODE_BAILLEUR_OU_RIEN),
        diplome_etat=draw(_DIPLOME_OU_RIEN),
        mandats=draw(_MANDATS),
    )


@st.composite
def utilisateurs(
    draw: st.DrawFn,
    identifiant: st.SearchStrategy[str] | None = None,
    fonction: st.SearchStrategy[Fonction] | None = None,
) -> Utilisateur:
    """Un compte structurellement valide, avec ou sans clôture, numéro, code bailleur…

    Les instants (clôture, dernière connexion, mot de passe temporaire) ne précèdent
    jamais la création du compte.
    """
    return _utilisateur(
        draw,
        draw(identifiant if identifiant is not None else identifiants()),
        draw(fonction if fonction is not None else _FONCTION),
    )


def _groupe(
    draw: st.DrawFn,
    code: str,
    service: Service,
    gestionnaire: st.SearchStrategy[str],
    membres: st.SearchStrategy[list[str]],
    *,
    parent: str | None = None,
) -> Groupe:
    role = draw(_ROLE_OU_RIEN[service])
    titre = role if isinstance(role, ProfilT) and draw(_BOOLEEN) else None
    libelle = draw(libelles(titre) if titre is not None else noms())
    return Groupe(
        code=code,
        libelle=libelle,
        service=service,
        gestionnaire=draw(gestionnaire),
        role=role,
        membres=frozenset(draw(membres)),
        parent=parent,
    )


@st.composite
def groupes(
    draw: st.DrawFn,
    comptes: Sequence[str] | None = None,
    service: st.SearchStrategy[Service] | None = None,
    code: st.SearchStrategy[str] | None = None,
    *,
    max_membres: int = 8,
) -> Groupe:
    """Un groupe dont gestionnaire et membres (au plus ``max_membres``) sont pris parmi
    ``comptes`` (des identifiants distincts sans tenir compte de la casse)."""
    if not comptes:
        comptes = draw(_QUELQUES_COMPTES)
    choix = st.sampled_from(comptes)
    return _groupe(
        draw,
        draw(code if code is not None else codes_groupe()),
        draw(service if service is not None else _SERVICE),
        choix,
        st.lists(choix, max_size=max_membres, unique=True),
    )


@st.composite
def configurations_afas(draw: st.DrawFn, comptes: Sequence[str] | None = None) -> ConfigurationAfas:
    """Une configuration AFAS dont les titulaires sont pris parmi ``comptes``.

    Au plus deux FDA et deux FDF, parfois un approbateur, parfois un approbateur
    en attente de validation par la Caf (``MCP-AFAS-05``).
    """
    if not comptes:
        comptes = draw(_QUELQUES_COMPTES)
    choix = st.sampled_from(comptes)
    deux = st.lists(choix, max_size=2, unique=True)
    return ConfigurationAfas(
        fda=frozenset(draw(deux)),
        fdf=frozenset(draw(deux)),
        approbateur=draw(st.none() | choix),
        approbateur_en_attente=draw(st.none() | st.none() | choix),
    )


# --- événements -----------------------------------------------------------------------

_CHAMPS_UTILISATEUR: Final = tuple(f.name for f in attrs.fields(Utilisateur))
_CHAMPS_IDENTIFIANT: Final = frozenset(
    {"par", "utilisateur", "gestionnaire", "precedent", "identifiant", "remplace"}
)
_CHAMPS_CODE: Final = frozenset({"groupe", "parent"})
_CHAMPS_INSTANT: Final = frozenset({"instant", "le", "expire_le"})


@functools.cache
def _champs_evenement() -> dict[str, st.SearchStrategy[Any]]:
    """Les stratégies des champs d'événements qui ne nomment ni compte ni groupe."""
    return {
        "libelle": noms(),
        "ancien": noms(),
        "nouveau": noms(),
        "service": _SERVICE,
        "profil": _ROLES,
        "role": st.sampled_from(list(RoleAfas)),
        "email": adresses_email(),
        "champs": st.lists(
            st.sampled_from(_CHAMPS_UTILISATEUR), min_size=1, max_size=4, unique=True
        ).map(tuple),
    }


def _evenement(
    draw: st.DrawFn,
    cls: type[Evenement],
    ident: st.SearchStrategy[str],
    code: st.SearchStrategy[str],
    moment: st.SearchStrategy[datetime],
) -> Evenement:
    arguments: dict[str, Any] = {}
    for champ in attrs.fields(cls):
        nom = champ.name
        if champ.default is None and draw(_BOOLEEN):
            arguments[nom] = None
        elif nom == "par":
            arguments[nom] = CAF if draw(_BOOLEEN) else draw(ident)
        elif nom in _CHAMPS_IDENTIFIANT:
            arguments[nom] = draw(ident)
        elif nom in _CHAMPS_CODE:
            arguments[nom] = draw(code)
        elif nom in _CHAMPS_INSTANT or champ.type in (datetime, "datetime"):
            arguments[nom] = draw(moment)
        elif nom in _champs_evenement():
            arguments[nom] = draw(_champs_evenement()[nom])
        else:
            raise TypeError(
                f"evenements : aucune stratégie pour le champ {nom!r} de {cls.__name__} ; "
                "ajoutez-la à mcp_rules.strategies"
            )
    return cls(**arguments)


@st.composite
def _evenements(
    draw: st.DrawFn,
    classes: st.SearchStrategy[type[Evenement]],
    ident: st.SearchStrategy[str],
    code: st.SearchStrategy[str],
    moment: st.SearchStrategy[datetime],
) -> Evenement:
    return _evenement(draw, draw(classes), ident, code, moment)


def evenements(
    comptes: Sequence[str] | None = None,
    codes: Sequence[str] | None = None,
    *,
    types: Iterable[type[Evenement]] | None = None,
    debut: datetime = DEBUT,
    fin: datetime = FIN,
) -> st.SearchStrategy[Evenement]:
    """Des événements de toutes les classes de ``TYPES_EVENEMENTS`` (ou de ``types``).

    Les identifiants qu'ils nomment sont pris parmi ``comptes`` et les codes de
    groupes parmi ``codes`` (quelconques si ces listes sont absentes ou vides) ;
    ``par`` est l'un de ces comptes ou :data:`~mcp_rules.CAF` ; les instants ont un
    fuseau. Les champs facultatifs (``parent``, ``precedent``…) sont parfois absents.
    """
    classes = list(TYPES_EVENEMENTS.values()) if types is None else list(types)
    if not classes:
        raise ValueError("evenements : au moins un type d'événement est attendu")
    for cls in classes:
        if not (isinstance(cls, type) and issubclass(cls, Evenement)) or cls is Evenement:
            raise TypeError(f"evenements : {cls!r} n'est pas une classe d'événement")
    return _evenements(
        st.sampled_from(classes),
        st.sampled_from(list(comptes)) if comptes else identifiants(),
        st.sampled_from(list(codes)) if codes else codes_groupe(),
        instants(debut, fin),
    )


# --- politique et convention ----------------------------------------------------------


def politiques() -> st.SearchStrategy[Politique]:
    """Des politiques locales **sans conditions** (celles-ci sont du code, pas des données).

    ``inactivite_max`` compte un nombre entier de secondes, d'une seconde à dix ans.
    """
    return st.builds(
        Politique,
        inactivite_max=st.integers(1, 3650 * 86400).map(lambda s: timedelta(seconds=s)),
        mots_adresse_service=st.frozensets(identifiants(), max_size=4),
    )


@st.composite
def conventions(
    draw: st.DrawFn,
    min_comptes: int = 1,
    max_comptes: int = 12,
    max_groupes: int = 6,
    avec_sous_groupes: bool = True,
    *,
    avec_journal: bool = True,
    max_evenements: int = 5,
    max_membres: int = 8,
) -> Convention:
    """Une convention structurellement valide de ``min_comptes`` à ``max_comptes`` comptes.

    ``min_comptes=max_comptes=n`` donne exactement ``n`` comptes (au moins un).
    Elle contient au plus ``max_groupes`` groupes des services souscrits, plus, si
    AFAS est souscrit, parfois ``AFAS-DECLARER`` et ``AFAS-HABILITER`` ;
    éventuellement des sous-groupes (du service de leur parent, sans cycle) ; une
    configuration AFAS prise parmi les comptes ; un ou deux administrateurs
    (parfois zéro ou trois : les règles ne sont pas vérifiées ici) ; et, avec
    ``avec_journal``, un journal d'au plus ``max_evenements`` événements, rangés par
    instant, qui nomment des comptes et des groupes de la convention. Chaque groupe a
    au plus ``max_membres`` membres.
    """
    min_comptes = max(min_comptes, 1)
    identifiants_ = draw(_listes_d_identifiants(min_comptes, max(min_comptes, max_comptes)))
    comptes = [_utilisateur(draw, i, draw(_FONCTION)) for i in identifiants_]
    services = draw(_SERVICES)
    un_compte = st.sampled_from(identifiants_)
    nombre_admins = min(draw(_NOMBRE_ADMINS), len(identifiants_))
    administrateurs = frozenset(
        draw(st.lists(un_compte, min_size=nombre_admins, max_size=nombre_admins, unique=True))
    )

    membres = st.lists(un_compte, max_size=max_membres, unique=True)
    liste_groupes: list[Groupe] = [
        _groupe(draw, code, Service.AFAS, un_compte, membres)
        for code in (GROUPE_AFAS_DECLARER, GROUPE_AFAS_HABILITER)
        if Service.AFAS in services and draw(_BOOLEEN)
    ]
    service = st.sampled_from(sorted(services, key=lambda s: s.value))
    for code in draw(st.lists(_CODE_LIBRE, max_size=max_groupes, unique_by=cle)):
        parent: Groupe | None = None
        if avec_sous_groupes and liste_groupes and draw(_BOOLEEN):
            parent = liste_groupes[draw(st.integers(0, len(liste_groupes) - 1))]
        liste_groupes.append(
            _groupe(
                draw,
                code,
                parent.service if parent is not None else draw(service),
                un_compte,
                membres,
                parent=None if parent is None else parent.code,
            )
        )

    afas = ConfigurationAfas()
    if Service.AFAS in services and draw(_BOOLEEN):
        afas = draw(configurations_afas(identifiants_))

    journal: list[Evenement] = []
    if avec_journal and max_evenements > 0:
        un_code = (
            st.sampled_from([g.code for g in liste_groupes]) if liste_groupes else codes_groupe()
        )
        journal = [
            _evenement(draw, draw(_CLASSES_EVENEMENTS), un_compte, un_code, instants())
            for _ in range(draw(st.integers(0, max_evenements)))
        ]
        journal.sort(key=_instant_de)
    return Convention(
        numero=draw(_NUMERO_CONVENTION),
        organisme=draw(noms()),
        caf=draw(_CAF),
        gestion_deleguee=draw(_BOOLEEN),
        services=services,
        profils_contractuels=draw(_PROFILS),
        administrateurs=administrateurs,
        utilisateurs=comptes,
        groupes=liste_groupes,
        afas=afas,
        journal=journal,
    )


@functools.lru_cache(maxsize=32)
def _listes_d_identifiants(minimum: int, maximum: int) -> st.SearchStrategy[list[str]]:
    return st.lists(identifiants(), min_size=minimum, max_size=maximum, unique_by=cle)


def _instant_de(evenement: Evenement) -> datetime:
    return evenement.instant


_SERVICES: Final = st.frozensets(_SERVICE, min_size=1)
_PROFILS: Final = st.frozensets(st.sampled_from(list(ProfilT)))
_NOMBRE_ADMINS: Final = st.sampled_from([1, 1, 1, 2, 2, 0, 3])
_CODE_LIBRE: Final = codes_groupe().filter(lambda c: cle(c) not in _CODES_AFAS)
_CLASSES_EVENEMENTS: Final = st.sampled_from(list(TYPES_EVENEMENTS.values()))
_NUMERO_CONVENTION: Final = st.from_regex(r"[0-9]{2}_[0-9]{3}", fullmatch=True)
_CAF: Final = st.sampled_from(["Caf de la Seine-Saint-Denis", "Caf du Rhône", "Caf de La Réunion"])


# --- enregistrement auprès d'hypothesis -----------------------------------------------


def _enregistrer() -> None:
    """``st.from_type`` connaît les types du domaine (idempotent)."""
    types: dict[type[Any], st.SearchStrategy[Any]] = {
        Convention: conventions(),
        Utilisateur: utilisateurs(),
        Groupe: groupes(),
        ConfigurationAfas: configurations_afas(),
        Politique: politiques(),
        AdresseEmail: adresses_email(),
        NumeroInstructeur: numeros_instructeur(),
        MotDePasseTemporaire: mots_de_passe_temporaires(),
        Evenement: evenements(),
    }
    for cls in TYPES_EVENEMENTS.values():
        types[cls] = evenements(types=[cls])
    for cls, strategie in types.items():
        st.register_type_strategy(cls, strategie)


_enregistrer()
