"""Les objets du domaine : comptes, groupes, configuration AFAS, convention, politique.

Ces objets vérifient leur **structure** (types, formats, références) et rien
d'autre : une convention qui enfreint une règle du guide (trois administrateurs,
une adresse de service, un libellé qui ne commence pas par son profil…) se
charge quand même, pour pouvoir être auditée. Un défaut de structure lève une
:class:`~mcp_rules.erreurs.DonneesInvalides` qui liste **tous** les problèmes
trouvés, chacun à son chemin (``groupes[2].gestionnaire``).

Les identifiants de comptes et les codes de groupes sont comparés sans tenir
compte de la casse (interprétation 9) : ``convention.utilisateur("ADM.Martin")``
trouve le compte ``adm.martin``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import Any, Final, Self, TypeVar

import attrs

from mcp_rules import _controles, erreurs
from mcp_rules._controles import cle
from mcp_rules.adresse_email import AdresseEmail
from mcp_rules.enumerations import Fonction, ProfilT, Service
from mcp_rules.erreurs import Collecteur, DonneeInvalide, apercu
from mcp_rules.evenements import Evenement
from mcp_rules.mot_de_passe import MotDePasseTemporaire
from mcp_rules.numero_instructeur import NumeroInstructeur

__all__ = [
    "GROUPE_AFAS_DECLARER",
    "GROUPE_AFAS_HABILITER",
    "ConditionProfil",
    "ConfigurationAfas",
    "Convention",
    "Groupe",
    "Politique",
    "Utilisateur",
]

GROUPE_AFAS_DECLARER: Final = "AFAS-DECLARER"
"""Le groupe AFAS des déclarants (créé par la Caf)."""
GROUPE_AFAS_HABILITER: Final = "AFAS-HABILITER"
"""Le groupe AFAS de ceux qui habilitent les déclarants (créé par la Caf)."""

LONGUEUR_NUMERO_ALLOCATAIRE: Final = 20
LONGUEUR_CODE_BAILLEUR: Final = 32
LONGUEUR_NUMERO_CONVENTION: Final = 32

_VIDE: Final[frozenset[str]] = frozenset()


def _posees(objet: object, valeurs: dict[str, object]) -> None:
    """Remplace des champs d'un objet gelé pendant sa construction (normalisation)."""
    for nom, valeur in valeurs.items():
        object.__setattr__(objet, nom, valeur)


_E = TypeVar("_E", Fonction, Service, ProfilT)
_T = TypeVar("_T")


def _souple(lire: Callable[[object], _T], valeur: _T | str) -> _T:
    """Convertit un texte bien formé (``"CDAP"``, une adresse) ; sinon le laisse tel quel.

    La valeur fautive est alors refusée, avec toutes les autres, par le contrôle complet
    de l'objet : un seul message liste tous les défauts.
    """
    if isinstance(valeur, str):
        try:
            return lire(valeur)
        except DonneeInvalide:
            pass
    return valeur  # type: ignore[return-value]


def _vers_ensemble(valeurs: Iterable[str]) -> frozenset[str]:
    """Accepte tout itérable de textes ; un texte seul ou un intrus reste tel quel, pour être
    refusé (avec les autres défauts) par le contrôle complet de l'objet."""
    if type(valeurs) is frozenset:
        return valeurs
    if isinstance(valeurs, (str, bytes)) or not isinstance(valeurs, Iterable):
        return valeurs  # type: ignore[return-value]
    try:
        return frozenset(valeurs)
    except TypeError:  # des éléments non hachables : le contrôle complet les nommera
        return valeurs  # type: ignore[return-value]


def _vers_email(valeur: AdresseEmail | str) -> AdresseEmail:
    return valeur if type(valeur) is AdresseEmail else _souple(AdresseEmail.parse, valeur)


def _vers_fonction(valeur: Fonction | str) -> Fonction:
    return valeur if type(valeur) is Fonction else _souple(Fonction.parse, valeur)


def _vers_service(valeur: Service | str) -> Service:
    return valeur if type(valeur) is Service else _souple(Service.parse, valeur)


def _vers_profil(valeur: ProfilT | str | None) -> ProfilT | None:
    if valeur is None or type(valeur) is ProfilT:
        return valeur
    return _souple(ProfilT.parse, valeur)


def _vers_numero(valeur: NumeroInstructeur | str | None) -> NumeroInstructeur | None:
    if valeur is None or type(valeur) is NumeroInstructeur:
        return valeur
    return _souple(NumeroInstructeur.parse, valeur)


def _enum_ou_texte(cls: type[_E], valeur: object) -> _E:
    if type(valeur) is cls:
        return valeur
    return cls.parse(valeur)


@attrs.frozen(slots=True, kw_only=True)
class Utilisateur:
    """Un compte utilisateur, créé pour une personne nommée (``MCP-USR-01``).

    Tous les instants sont gardés en UTC. Les champs ``numero_instructeur``,
    ``code_bailleur``, ``diplome_etat`` et ``mandats`` servent aux conditions des
    profils T4, T10, T1 et T9.

    >>> from datetime import datetime, UTC
    >>> u = Utilisateur(
    ...     identifiant="as.leroy",
    ...     nom="Leroy",
    ...     prenom="Anne",
    ...     email="anne.leroy@ville-exemple.fr",
    ...     cree_le=datetime(2026, 1, 5, 9, 0, tzinfo=UTC),
    ...     fonction="assistant_social",
    ... )
    >>> u.fonction, str(u.email)
    (<Fonction.ASSISTANT_SOCIAL: 'ASSISTANT_SOCIAL'>, 'anne.leroy@ville-exemple.fr')
    >>> u.est_actif(datetime(2026, 11, 27, tzinfo=UTC))
    True
    """

    identifiant: str
    nom: str
    prenom: str
    email: AdresseEmail = attrs.field(converter=_vers_email)
    cree_le: datetime
    fonction: Fonction = attrs.field(default=Fonction.AUTRE, converter=_vers_fonction)
    cloture_le: datetime | None = None
    derniere_connexion: datetime | None = None
    mot_de_passe_temporaire: MotDePasseTemporaire | None = None
    mot_de_passe_personnalise: bool = False
    numero_instructeur: NumeroInstructeur | None = attrs.field(default=None, converter=_vers_numero)
    code_bailleur: str | None = None
    diplome_etat: str | None = None
    mandats: frozenset[str] = attrs.field(default=_VIDE, converter=_vers_ensemble)

    def __attrs_post_init__(self) -> None:
        # Chemin rapide : des valeurs déjà typées et bien formées ne coûtent que
        # quelques tests ; sinon le contrôle complet nomme chaque champ fautif.
        if not self._bien_forme():
            self._controler()

    def _bien_forme(self) -> bool:
        cree = self.cree_le
        return (
            type(self.identifiant) is str
            and _controles.identifiant_valide(self.identifiant)
            and _controles.texte_valide(self.nom, _controles.LONGUEUR_NOM)
            and _controles.texte_valide(self.prenom, _controles.LONGUEUR_NOM)
            and type(self.email) is AdresseEmail
            and _controles.est_utc(cree)
            and type(self.fonction) is Fonction
            and (
                self.cloture_le is None
                or (_controles.est_utc(self.cloture_le) and self.cloture_le >= cree)
            )
            and (
                self.derniere_connexion is None
                or (_controles.est_utc(self.derniere_connexion) and self.derniere_connexion >= cree)
            )
            and (
                self.mot_de_passe_temporaire is None
                or (
                    type(self.mot_de_passe_temporaire) is MotDePasseTemporaire
                    and self.mot_de_passe_temporaire.emis_le >= cree
                )
            )
            and type(self.mot_de_passe_personnalise) is bool
            and (
                self.numero_instructeur is None
                or type(self.numero_instructeur) is NumeroInstructeur
            )
            and (
                self.code_bailleur is None
                or _controles.identifiant_valide(self.code_bailleur, LONGUEUR_CODE_BAILLEUR)
            )
            and (
                self.diplome_etat is None
                or _controles.texte_valide(self.diplome_etat, _controles.LONGUEUR_NOM)
            )
            and (
                self.mandats is _VIDE
                or (
                    type(self.mandats) is frozenset
                    and all(
                        _controles.alphanumerique_valide(m, LONGUEUR_NUMERO_ALLOCATAIRE)
                        for m in self.mandats
                    )
                )
            )
        )

    def _controler(self) -> None:
        c = Collecteur()
        v = _controles.verifier
        lus: dict[str, object] = {
            "identifiant": v(c, "identifiant", _controles.identifiant, self.identifiant),
            "nom": v(c, "nom", _controles.texte, self.nom, "nom"),
            "prenom": v(c, "prenom", _controles.texte, self.prenom, "prénom"),
            "email": v(c, "email", AdresseEmail.parse, self.email),
            "cree_le": v(c, "cree_le", _controles.instant, self.cree_le, "cree_le"),
            "fonction": v(c, "fonction", _enum_ou_texte, Fonction, self.fonction),
            "cloture_le": v(
                c, "cloture_le", _controles.instant_ou_none, self.cloture_le, "cloture_le"
            ),
            "derniere_connexion": v(
                c,
                "derniere_connexion",
                _controles.instant_ou_none,
                self.derniere_connexion,
                "derniere_connexion",
            ),
            "mot_de_passe_personnalise": v(
                c,
                "mot_de_passe_personnalise",
                _controles.booleen,
                self.mot_de_passe_personnalise,
                "mot_de_passe_personnalise",
            ),
        }
        mdp: object = self.mot_de_passe_temporaire
        if mdp is not None and not isinstance(mdp, MotDePasseTemporaire):
            c.ajouter(
                "mot_de_passe_temporaire",
                erreurs.TYPE,
                "mot_de_passe_temporaire : un MotDePasseTemporaire ou None est attendu, "
                f"pas {apercu(mdp)}",
            )
        if self.numero_instructeur is not None:
            lus["numero_instructeur"] = v(
                c, "numero_instructeur", NumeroInstructeur.parse, self.numero_instructeur
            )
        if self.code_bailleur is not None:
            lus["code_bailleur"] = v(
                c,
                "code_bailleur",
                _controles.identifiant,
                self.code_bailleur,
                "code bailleur",
                LONGUEUR_CODE_BAILLEUR,
            )
        if self.diplome_etat is not None:
            lus["diplome_etat"] = v(
                c, "diplome_etat", _controles.texte, self.diplome_etat, "diplôme d'État"
            )
        lus["mandats"] = _controles.ensemble(
            self.mandats,
            "mandat (numéro d'allocataire)",
            c,
            "mandats",
            lambda m: _controles.alphanumerique(
                m, "numéro d'allocataire", LONGUEUR_NUMERO_ALLOCATAIRE
            ),
        )
        cree = lus["cree_le"]
        if isinstance(cree, datetime):
            for nom in ("cloture_le", "derniere_connexion"):
                moment = lus[nom]
                if isinstance(moment, datetime) and moment < cree:
                    c.ajouter(
                        nom,
                        erreurs.VALEUR,
                        f"{nom} ({moment.isoformat()}) précède la création du compte "
                        f"({cree.isoformat()})",
                    )
            if isinstance(mdp, MotDePasseTemporaire) and mdp.emis_le < cree:
                c.ajouter(
                    "mot_de_passe_temporaire",
                    erreurs.VALEUR,
                    "le mot de passe temporaire est émis avant la création du compte",
                )
        c.lever()
        _posees(self, lus)

    @property
    def cle(self) -> str:
        """L'identifiant en minuscules, pour les comparaisons."""
        return cle(self.identifiant)

    def est_actif(self, instant: datetime) -> bool:
        """Vrai tant que le compte n'est pas clôturé à cet instant (interprétation 5)."""
        moment = _controles.instant(instant)
        return self.cloture_le is None or moment < self.cloture_le

    def est_cloture(self, instant: datetime) -> bool:
        """Vrai à partir de l'instant de clôture, s'il y en a un."""
        return not self.est_actif(instant)

    @property
    def nom_complet(self) -> str:
        """« Prénom Nom », pour l'affichage."""
        return f"{self.prenom} {self.nom}"


@attrs.frozen(slots=True, kw_only=True)
class Groupe:
    """Un groupe d'utilisateurs : un code, un libellé, un service, un gestionnaire, un rôle.

    Le rôle est un profil T (CDAP) ; ``membres`` et ``gestionnaire`` sont des
    identifiants de comptes ; ``parent`` est le code du groupe parent d'un
    sous-groupe.

    >>> g = Groupe(
    ...     code="T1AS",
    ...     libelle="T1 Assistants sociaux",
    ...     service="CDAP",
    ...     gestionnaire="gest.durand",
    ...     role="T1",
    ...     membres={"as.leroy"},
    ... )
    >>> g.service, g.role
    (<Service.CDAP: 'CDAP'>, <ProfilT.T1: 'T1'>)
    """

    code: str
    libelle: str
    service: Service = attrs.field(converter=_vers_service)
    gestionnaire: str
    role: ProfilT | None = attrs.field(default=None, converter=_vers_profil)
    membres: frozenset[str] = attrs.field(default=_VIDE, converter=_vers_ensemble)
    parent: str | None = None

    def __attrs_post_init__(self) -> None:
        if not (
            type(self.code) is str
            and _controles.identifiant_valide(self.code)
            and _controles.texte_valide(self.libelle, _controles.LONGUEUR_LIBELLE)
            and type(self.service) is Service
            and type(self.gestionnaire) is str
            and _controles.identifiant_valide(self.gestionnaire)
            and (self.role is None or type(self.role) is ProfilT)
            and type(self.membres) is frozenset
            and all(type(m) is str and _controles.identifiant_valide(m) for m in self.membres)
            and _controles.sans_doublon_de_casse(self.membres)
            and (
                self.parent is None
                or (
                    type(self.parent) is str
                    and _controles.identifiant_valide(self.parent)
                    and cle(self.parent) != cle(self.code)
                )
            )
        ):
            self._controler()

    def _controler(self) -> None:
        c = Collecteur()
        v = _controles.verifier
        lus: dict[str, object] = {
            "code": v(c, "code", _controles.identifiant, self.code, "code de groupe"),
            "libelle": v(
                c, "libelle", _controles.texte, self.libelle, "libellé", _controles.LONGUEUR_LIBELLE
            ),
            "service": v(c, "service", _enum_ou_texte, Service, self.service),
            "gestionnaire": v(
                c, "gestionnaire", _controles.identifiant, self.gestionnaire, "gestionnaire"
            ),
            "membres": _controles.ensemble_identifiants(self.membres, "membre", c, "membres"),
        }
        if self.role is not None:
            lus["role"] = v(c, "role", _enum_ou_texte, ProfilT, self.role)
        if self.parent is not None:
            parent = v(c, "parent", _controles.identifiant, self.parent, "groupe parent")
            lus["parent"] = parent
            code = lus["code"]
            if isinstance(parent, str) and isinstance(code, str) and cle(parent) == cle(code):
                c.ajouter(
                    "parent",
                    erreurs.REFERENCE,
                    f"le groupe {parent!r} ne peut pas être son propre parent",
                )
        c.lever()
        _posees(self, lus)

    @property
    def cle(self) -> str:
        """Le code en minuscules, pour les comparaisons."""
        return cle(self.code)

    def _remplacer(self, **changements: Any) -> Groupe:
        """Le même groupe avec quelques champs changés, **sans** revérifier les autres.

        Réservé au paquet, qui n'y passe que des valeurs déjà vérifiées (identifiants de
        comptes existants, libellé contrôlé, profil lu) : recontrôler chaque membre d'un
        grand groupe à chaque ajout coûterait plus que la commande elle-même.
        """
        nouveau = object.__new__(Groupe)
        for champ in _CHAMPS_GROUPE:
            object.__setattr__(nouveau, champ, changements.get(champ, getattr(self, champ)))
        return nouveau

    def a_pour_membre(self, identifiant: str) -> bool:
        """Vrai si ce compte est membre du groupe (sans tenir compte de la casse)."""
        k = cle(identifiant)
        return any(cle(m) == k for m in self.membres)


_CHAMPS_GROUPE: Final = tuple(a.name for a in attrs.fields(Groupe))


@attrs.frozen(slots=True, kw_only=True)
class ConfigurationAfas:
    """Les rôles de l'administration des profils AFAS (``MCP-AFAS-03``).

    ``approbateur`` est l'approbateur en fonction ; ``approbateur_en_attente`` celui
    qui attend la validation de la Caf après une PJ 3 (``MCP-AFAS-05``).
    """

    fda: frozenset[str] = attrs.field(default=_VIDE, converter=_vers_ensemble)
    fdf: frozenset[str] = attrs.field(default=_VIDE, converter=_vers_ensemble)
    approbateur: str | None = None
    approbateur_en_attente: str | None = None

    def __attrs_post_init__(self) -> None:
        c = Collecteur()
        v = _controles.verifier
        lus: dict[str, object] = {
            "fda": _controles.ensemble_identifiants(self.fda, "FDA", c, "fda"),
            "fdf": _controles.ensemble_identifiants(self.fdf, "FDF", c, "fdf"),
        }
        for nom in ("approbateur", "approbateur_en_attente"):
            valeur = getattr(self, nom)
            if valeur is not None:
                lus[nom] = v(c, nom, _controles.identifiant, valeur, nom)
        c.lever()
        _posees(self, lus)

    def identifiants(self) -> Iterator[tuple[str, str]]:
        """Chaque (chemin, identifiant) nommé par la configuration."""
        for nom in ("fda", "fdf"):
            for ident in sorted(getattr(self, nom), key=cle):
                yield nom, ident
        for nom in ("approbateur", "approbateur_en_attente"):
            valeur = getattr(self, nom)
            if valeur is not None:
                yield nom, valeur

    @property
    def est_vide(self) -> bool:
        """Vrai si aucun rôle AFAS n'est configuré."""
        return not (self.fda or self.fdf or self.approbateur or self.approbateur_en_attente)


@attrs.frozen(slots=True, kw_only=True)
class ConditionProfil:
    """Une condition locale d'accès à un profil, ajoutée par un intégrateur (``Politique``).

    ``verifier`` reçoit le compte et dit si la condition est remplie ; ``donnees``
    nomme les champs du compte qu'elle lit : s'ils sont vides, la réponse est un
    refus pour données manquantes plutôt qu'un non.
    """

    code: str
    titre: str
    verifier: Callable[[Utilisateur], bool] = attrs.field(eq=False)
    donnees: tuple[str, ...] = ()
    remede: str = "Vérifiez les informations du compte auprès de l'administrateur."

    def __attrs_post_init__(self) -> None:
        c = Collecteur()
        _controles.verifier(c, "code", _controles.identifiant, self.code, "code de condition")
        _controles.verifier(
            c, "titre", _controles.texte, self.titre, "titre", _controles.LONGUEUR_LIBELLE
        )
        _controles.verifier(c, "remede", _controles.texte, self.remede, "remède", 500)
        verifier: object = self.verifier
        if not callable(verifier):
            c.ajouter("verifier", erreurs.TYPE, "verifier : une fonction est attendue")
        champs = {f.name for f in attrs.fields(Utilisateur)}
        donnees: object = self.donnees
        if not isinstance(donnees, tuple):
            c.ajouter("donnees", erreurs.TYPE, "donnees : un tuple de noms de champs est attendu")
        else:
            for nom in donnees:
                if nom not in champs:
                    c.ajouter(
                        "donnees",
                        erreurs.VALEUR,
                        f"donnees : {apercu(nom)} n'est pas un champ d'Utilisateur",
                    )
        c.lever()


def _conditions(
    valeur: Mapping[ProfilT, Iterable[ConditionProfil]],
) -> Mapping[ProfilT, tuple[ConditionProfil, ...]]:
    if not isinstance(valeur, Mapping):
        raise DonneeInvalide(
            erreurs.TYPE,
            "conditions : un dictionnaire profil → conditions est attendu",
            valeur=valeur,
        )
    lues: dict[ProfilT, tuple[ConditionProfil, ...]] = {}
    for profil, conditions in valeur.items():
        p = ProfilT.parse(profil)
        suite: object = conditions
        if isinstance(suite, (str, bytes)) or not isinstance(suite, Iterable):
            raise DonneeInvalide(
                erreurs.TYPE,
                f"conditions du profil {p} : une suite de ConditionProfil est attendue, pas "
                f"{apercu(conditions)}",
                valeur=conditions,
            )
        liste = tuple(conditions)
        if not all(isinstance(x, ConditionProfil) for x in liste):
            raise DonneeInvalide(
                erreurs.TYPE,
                f"conditions du profil {p} : des ConditionProfil sont attendues",
                valeur=conditions,
            )
        lues[p] = liste
    return MappingProxyType(lues)


def _inactivite(valeur: timedelta) -> timedelta:
    return _controles.duree(valeur, "inactivite_max")


def _mots(valeur: Iterable[str]) -> frozenset[str]:
    if isinstance(valeur, (str, bytes)) or not isinstance(valeur, Iterable):
        raise DonneeInvalide(
            erreurs.TYPE, "mots_adresse_service : un ensemble de mots est attendu", valeur=valeur
        )
    mots = set()
    for mot in valeur:
        _controles.identifiant(mot, "mot d'adresse de service")
        mots.add(mot.lower())
    return frozenset(mots)


@attrs.frozen(slots=True, kw_only=True)
class Politique:
    """Les paramètres locaux d'un intégrateur, qui ne viennent pas du guide.

    - ``inactivite_max`` : au-delà, un compte inutilisé est signalé (``MCP-USR-04``) ;
      90 jours par défaut, choix local (interprétation 6) ;
    - ``mots_adresse_service`` : des mots génériques en plus de ceux de
      l'interprétation 8 (``MCP-USR-02``) ;
    - ``conditions`` : des conditions supplémentaires par profil (``MCP-ELIG-07``).
    """

    inactivite_max: timedelta = attrs.field(default=timedelta(days=90), converter=_inactivite)
    mots_adresse_service: frozenset[str] = attrs.field(default=_VIDE, converter=_mots)
    conditions: Mapping[ProfilT, tuple[ConditionProfil, ...]] = attrs.field(
        factory=lambda: MappingProxyType({}), converter=_conditions, eq=False, hash=False
    )


def _indexer(
    objets: object,
    cls: type[Any],
    nom: str,
    attribut: str,
    c: Collecteur,
    *,
    garder_ordre: bool = False,
) -> tuple[dict[str, Any], list[tuple[int, Any]]]:
    """Range des comptes ou des groupes par clé ; note les intrus et les doublons.

    ``garder_ordre`` : rend aussi (position, objet), pour nommer les chemins des erreurs.
    """
    if isinstance(objets, Mapping):
        objets = objets.values()
    if isinstance(objets, (str, bytes)) or not isinstance(objets, Iterable):
        c.ajouter(
            nom,
            erreurs.TYPE,
            f"{nom} : une liste de {cls.__name__} est attendue, pas {apercu(objets)}",
        )
        return {}, []
    table: dict[str, Any] = {}
    ordre: list[tuple[int, Any]] = []
    for i, objet in enumerate(objets):
        if type(objet) is not cls and not isinstance(objet, cls):
            c.ajouter(
                f"{nom}[{i}]", erreurs.TYPE, f"un {cls.__name__} est attendu, pas {apercu(objet)}"
            )
            continue
        ident = getattr(objet, attribut)
        k = cle(ident)
        if k in table:
            c.ajouter(
                f"{nom}[{i}].{attribut}",
                erreurs.DOUBLON,
                f"{ident!r} apparaît deux fois (comparaison sans tenir compte de la casse)",
            )
            continue
        table[k] = objet
        if garder_ordre:
            ordre.append((i, objet))
    return table, ordre


@attrs.frozen(slots=True, kw_only=True, init=False, eq=False, repr=False)
class Convention:
    """Une convention MCP : organisme, services, administrateurs, comptes et groupes.

    La convention garantit l'intégrité de ses références : chaque identifiant
    qu'elle nomme (gestionnaires, membres, administrateurs, rôles AFAS) est un
    compte de la convention, chaque groupe parent existe, codes et identifiants
    sont uniques sans tenir compte de la casse. Les recherches par identifiant ou
    par code se font en temps constant. Les règles métier, elles, ne sont pas
    vérifiées ici (voir :func:`mcp_rules.auditer`).

    ``utilisateurs`` et ``groupes`` se donnent comme n'importe quelle suite d'objets
    et se lisent comme des tuples triés par identifiant et par code.
    """

    numero: str
    organisme: str
    caf: str
    gestion_deleguee: bool
    services: frozenset[Service]
    profils_contractuels: frozenset[ProfilT]
    administrateurs: frozenset[str]
    _utilisateurs: Mapping[str, Utilisateur] = attrs.field(alias="utilisateurs")
    _groupes: Mapping[str, Groupe] = attrs.field(alias="groupes")
    afas: ConfigurationAfas
    journal: tuple[Evenement, ...]
    _cache: dict[str, Any] = attrs.field(init=False, eq=False, repr=False)

    def __init__(
        self,
        *,
        numero: str,
        organisme: str,
        caf: str,
        services: Iterable[Service],
        administrateurs: Iterable[str],
        utilisateurs: Iterable[Utilisateur] | Mapping[str, Utilisateur] = (),
        groupes: Iterable[Groupe] | Mapping[str, Groupe] = (),
        gestion_deleguee: bool = True,
        profils_contractuels: Iterable[ProfilT] = (),
        afas: ConfigurationAfas | None = None,
        journal: Iterable[Evenement] = (),
    ) -> None:
        c = Collecteur()
        v = _controles.verifier
        champs: dict[str, Any] = {
            "numero": v(
                c,
                "numero",
                _controles.identifiant,
                numero,
                "numéro de convention",
                LONGUEUR_NUMERO_CONVENTION,
            ),
            "organisme": v(
                c,
                "organisme",
                _controles.texte,
                organisme,
                "organisme",
                _controles.LONGUEUR_LIBELLE,
            ),
            "caf": v(c, "caf", _controles.texte, caf, "Caf", _controles.LONGUEUR_LIBELLE),
            "gestion_deleguee": v(
                c, "gestion_deleguee", _controles.booleen, gestion_deleguee, "gestion_deleguee"
            ),
            "services": _controles.ensemble(
                services, "service", c, "services", lambda s: _enum_ou_texte(Service, s)
            ),
            "profils_contractuels": _controles.ensemble(
                profils_contractuels,
                "profil",
                c,
                "profils_contractuels",
                lambda p: _enum_ou_texte(ProfilT, p),
            ),
            "administrateurs": _controles.ensemble_identifiants(
                administrateurs, "administrateur", c, "administrateurs"
            ),
        }
        config: object = afas
        if config is None:
            config = ConfigurationAfas()
        elif not isinstance(config, ConfigurationAfas):
            c.ajouter(
                "afas",
                erreurs.TYPE,
                f"afas : une ConfigurationAfas est attendue, pas {apercu(config)}",
            )
            config = ConfigurationAfas()
        assert isinstance(config, ConfigurationAfas)  # noqa: S101 - pour mypy
        afas = config
        champs["afas"] = afas
        champs["journal"] = _journal(journal, c)

        comptes, _ = _indexer(utilisateurs, Utilisateur, "utilisateurs", "identifiant", c)
        groupes_, ordre_groupes = _indexer(groupes, Groupe, "groupes", "code", c, garder_ordre=True)

        def existe(ident: str, chemin: str, quoi: str) -> None:
            if cle(ident) not in comptes:
                c.ajouter(
                    chemin,
                    erreurs.REFERENCE,
                    f"{quoi} {ident!r} n'est pas un compte de la convention",
                )

        for ident in sorted(champs["administrateurs"], key=cle):
            existe(ident, "administrateurs", "l'administrateur")
        for chemin, ident in afas.identifiants():
            existe(ident, f"afas.{chemin}", "le rôle AFAS désigne")
        for i, g in ordre_groupes:
            existe(g.gestionnaire, f"groupes[{i}].gestionnaire", "le gestionnaire")
            for membre in g.membres:
                if cle(membre) not in comptes:
                    existe(membre, f"groupes[{i}].membres", "le membre")
            if g.parent is not None:
                parent = groupes_.get(cle(g.parent))
                if parent is None:
                    c.ajouter(
                        f"groupes[{i}].parent",
                        erreurs.REFERENCE,
                        f"le groupe parent {g.parent!r} n'existe pas",
                    )
                elif parent.service is not g.service:
                    c.ajouter(
                        f"groupes[{i}].service",
                        erreurs.VALEUR,
                        f"le sous-groupe {g.code!r} ({g.service.value}) n'a pas le "
                        f"service de son parent {parent.code!r} "
                        f"({parent.service.value})",
                    )
        for i, code in _cycles(groupes_, ordre_groupes):
            c.ajouter(
                f"groupes[{i}].parent",
                erreurs.REFERENCE,
                f"le groupe {code!r} est son propre ancêtre (cycle de sous-groupes)",
            )
        c.lever()
        _posees(self, champs)
        object.__setattr__(self, "_utilisateurs", MappingProxyType(comptes))
        object.__setattr__(self, "_groupes", MappingProxyType(groupes_))
        object.__setattr__(self, "_cache", {})

    @classmethod
    def _sans_controle(cls, **champs: Any) -> Self:
        """Construit une convention dont l'appelant garantit l'intégrité (commandes)."""
        convention = object.__new__(cls)
        _posees(convention, champs)
        object.__setattr__(convention, "_cache", {})
        return convention

    # --- lecture ---------------------------------------------------------------------

    @property
    def utilisateurs(self) -> tuple[Utilisateur, ...]:
        """Les comptes, triés par identifiant (sans tenir compte de la casse)."""
        trie: tuple[Utilisateur, ...] | None = self._cache.get("utilisateurs")
        if trie is None:
            trie = tuple(self._utilisateurs[k] for k in sorted(self._utilisateurs))
            self._cache["utilisateurs"] = trie
        return trie

    @property
    def groupes(self) -> tuple[Groupe, ...]:
        """Les groupes, triés par code (sans tenir compte de la casse)."""
        trie: tuple[Groupe, ...] | None = self._cache.get("groupes")
        if trie is None:
            trie = tuple(self._groupes[k] for k in sorted(self._groupes))
            self._cache["groupes"] = trie
        return trie

    def utilisateur(self, identifiant: str) -> Utilisateur:
        """Le compte de cet identifiant ; lève :class:`DonneeInvalide` s'il n'existe pas."""
        compte = self.trouver_utilisateur(identifiant)
        if compte is None:
            raise DonneeInvalide(
                erreurs.REFERENCE,
                f"aucun compte {apercu(identifiant)} dans la convention {self.numero}",
                valeur=identifiant,
            )
        return compte

    def groupe(self, code: str) -> Groupe:
        """Le groupe de ce code ; lève :class:`DonneeInvalide` s'il n'existe pas."""
        groupe = self.trouver_groupe(code)
        if groupe is None:
            raise DonneeInvalide(
                erreurs.REFERENCE,
                f"aucun groupe {apercu(code)} dans la convention {self.numero}",
                valeur=code,
            )
        return groupe

    def trouver_utilisateur(self, identifiant: object) -> Utilisateur | None:
        """Le compte de cet identifiant, ou ``None`` (jamais d'exception)."""
        if type(identifiant) is not str:
            return None
        return self._utilisateurs.get(cle(identifiant))

    def trouver_groupe(self, code: object) -> Groupe | None:
        """Le groupe de ce code, ou ``None`` (jamais d'exception)."""
        if type(code) is not str:
            return None
        return self._groupes.get(cle(code))

    def est_administrateur(self, identifiant: object) -> bool:
        """Vrai si ce compte est l'un des administrateurs nommés par la convention."""
        if type(identifiant) is not str:
            return False
        cles = self._cache.get("administrateurs")
        if cles is None:
            cles = frozenset(cle(a) for a in self.administrateurs)
            self._cache["administrateurs"] = cles
        return cle(identifiant) in cles

    @property
    def nombre_utilisateurs(self) -> int:
        """Le nombre de comptes (clôturés compris)."""
        return len(self._utilisateurs)

    @property
    def nombre_groupes(self) -> int:
        """Le nombre de groupes."""
        return len(self._groupes)

    # --- protocole Python -----------------------------------------------------------

    def __eq__(self, autre: object) -> bool:
        if not isinstance(autre, Convention):
            return NotImplemented
        return (
            self.numero == autre.numero
            and self.organisme == autre.organisme
            and self.caf == autre.caf
            and self.gestion_deleguee == autre.gestion_deleguee
            and self.services == autre.services
            and self.profils_contractuels == autre.profils_contractuels
            and self.administrateurs == autre.administrateurs
            and self.afas == autre.afas
            and self._utilisateurs == autre._utilisateurs
            and self._groupes == autre._groupes
            and self.journal == autre.journal
        )

    def __hash__(self) -> int:
        return hash((Convention, self.numero, self.organisme, self.caf))

    def __repr__(self) -> str:
        return (
            f"Convention(numero={self.numero!r}, organisme={self.organisme!r}, "
            f"{len(self._utilisateurs)} comptes, {len(self._groupes)} groupes, "
            f"{len(self.journal)} événements)"
        )

    def _repr_html_(self) -> str:
        from mcp_rules import affichage  # noqa: PLC0415 - affichage importe ce module

        return affichage.convention_html(self)

    def _repr_markdown_(self) -> str:
        from mcp_rules import affichage  # noqa: PLC0415

        return affichage.convention_md(self)

    def __getstate__(self) -> dict[str, Any]:
        etat = {
            a.name: getattr(self, a.name) for a in attrs.fields(type(self)) if a.name != "_cache"
        }
        # Les tables en lecture seule ne se sérialisent pas : on en garde une copie simple.
        etat["_utilisateurs"] = self._utilisateurs.copy()  # type: ignore[attr-defined]
        etat["_groupes"] = self._groupes.copy()  # type: ignore[attr-defined]
        return etat

    def __setstate__(self, etat: dict[str, Any]) -> None:
        etat = dict(etat)
        etat["_utilisateurs"] = MappingProxyType(dict(etat["_utilisateurs"]))
        etat["_groupes"] = MappingProxyType(dict(etat["_groupes"]))
        _posees(self, etat)
        object.__setattr__(self, "_cache", {})


def _journal(journal: object, c: Collecteur) -> tuple[Evenement, ...]:
    if isinstance(journal, (str, bytes)) or not isinstance(journal, Iterable):
        c.ajouter("journal", erreurs.TYPE, "journal : une suite d'événements est attendue")
        return ()
    evenements = tuple(journal)
    for i, e in enumerate(evenements):
        if not isinstance(e, Evenement):
            c.ajouter(f"journal[{i}]", erreurs.TYPE, f"un événement est attendu, pas {apercu(e)}")
    return evenements


def _cycles(
    groupes: Mapping[str, Groupe], ordre: list[tuple[int, Groupe]]
) -> list[tuple[int, str]]:
    """Les groupes qui sont leur propre ancêtre (chaque cycle signalé une fois par membre)."""
    etat: dict[str, int] = {}  # 1 : en cours d'examen, 2 : sans cycle
    en_cycle: set[str] = set()
    for _, depart in ordre:
        chemin: list[str] = []
        k: str | None = depart.cle
        while k is not None and etat.get(k) is None:
            etat[k] = 1
            chemin.append(k)
            parent = groupes[k].parent
            k = cle(parent) if parent is not None and cle(parent) in groupes else None
        if k is not None and etat.get(k) == 1:
            en_cycle.update(chemin[chemin.index(k) :])
        for x in chemin:
            etat[x] = 2
    return [(i, g.code) for i, g in ordre if g.cle in en_cycle]
