"""Ce que l'on mesure face à mcp_rules : le plancher naïf, Cedar, Casbin et pydantic.

Chaque équivalent est écrit **à partir des données publiques** d'une convention
(``utilisateurs``, ``groupes``, ``services``, ``profils_contractuels``…), jamais à partir
des réponses de mcp_rules : la vérification d'accord entre moteurs compare donc des
implémentations indépendantes de la même règle.

- :class:`Plancher` : la règle MCP-CDAP-01 (et MCP-ROLE-07 pour ``peut``) calculée une
  fois en Python simple ; une décision est alors ``identifiant in autorises``. C'est le
  plancher : rien ne peut répondre plus vite en Python pur.
- :class:`MoteurCedar` : la même règle en politiques Cedar (``cedarpy``) ; la politique et
  les entités sont analysées une fois (``PolicySet.from_str``, ``Entities.from_json_str``)
  puis réutilisées à chaque décision.
- :class:`MoteurCasbin` : un modèle RBAC de pycasbin, compte → groupe → profil (le rôle
  Casbin est le profil T). L'éligibilité (ELIG) ne dépend que du compte et du profil :
  seules les appartenances éligibles sont chargées comme règles de regroupement. La
  clôture dépend de l'instant : elle est exprimée dans le matcher par une fonction
  ``actif(r.sub, r.t)`` qui lit la table des dates de clôture chargée avec la politique.
- :class:`ConventionPydantic` : des modèles pydantic v2 de même forme que le JSON d'une
  convention, avec ``EmailStr`` (qui appelle email-validator à chaque adresse).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Annotated, Any, Final

import casbin
import cedarpy
from pydantic import AwareDatetime, BaseModel, ConfigDict, EmailStr, Field, StrictBool

from mcp_rules import Convention, Fonction, ProfilT, Service, Utilisateur
from mcp_rules.modele import GROUPE_AFAS_DECLARER, GROUPE_AFAS_HABILITER

__all__ = [
    "ConventionPydantic",
    "MoteurCasbin",
    "MoteurCedar",
    "Plancher",
    "micro",
    "profils_par_compte",
]

_EPOQUE: Final = datetime(1970, 1, 1, tzinfo=UTC)
_MICRO: Final = timedelta(microseconds=1)


def micro(t: datetime) -> int:
    """L'instant en microsecondes depuis 1970 (entier exact : Cedar et Casbin comparent des
    entiers)."""
    return (t - _EPOQUE) // _MICRO


# --- la règle, écrite une seconde fois en Python simple ------------------------------------

_FONCTIONS_EXIGEES: Final[dict[ProfilT, frozenset[Fonction]]] = {
    ProfilT.T1: frozenset({Fonction.ASSISTANT_SOCIAL, Fonction.CONSEILLER_ESF}),
    ProfilT.T4: frozenset({Fonction.INSTRUCTEUR_RSA}),
    ProfilT.T9: frozenset({Fonction.MANDATAIRE_JUDICIAIRE, Fonction.TUTEUR, Fonction.CURATEUR}),
}


def eligible(u: Utilisateur, profil: ProfilT) -> bool:
    """Les conditions ELIG-01 à ELIG-05 (sans politique locale)."""
    if u.fonction is Fonction.ASSISTANT_SOCIAL_DU_TRAVAIL:
        return False
    exigees = _FONCTIONS_EXIGEES.get(profil)
    if exigees is not None and u.fonction not in exigees:
        return False
    # T10 : le code bailleur est demandé à la consultation, pas pour tenir le profil
    # (interprétation 16).
    return not (profil is ProfilT.T4 and u.numero_instructeur is None)


def _actif(u: Utilisateur, t: datetime) -> bool:
    return u.cloture_le is None or t < u.cloture_le


def profils_par_compte(c: Convention, t: datetime) -> dict[str, frozenset[ProfilT]]:
    """MCP-CDAP-01 pour chaque compte (clé en minuscules) : ses profils effectifs à ``t``."""
    resultat: dict[str, set[ProfilT]] = {u.identifiant.lower(): set() for u in c.utilisateurs}
    if Service.CDAP in c.services:
        comptes = {u.identifiant.lower(): u for u in c.utilisateurs}
        for g in c.groupes:
            r = g.role
            if g.service is not Service.CDAP or r is None or r not in c.profils_contractuels:
                continue
            for m in g.membres:
                u = comptes[m.lower()]
                if _actif(u, t) and eligible(u, r):
                    resultat[m.lower()].add(r)
    return {k: frozenset(v) for k, v in resultat.items()}


def _ancetres(c: Convention, code: str) -> list[str]:
    """Le groupe puis ses parents (clés en minuscules)."""
    groupes = {g.code.lower(): g for g in c.groupes}
    vus: list[str] = []
    k: str | None = code.lower()
    while k is not None and k in groupes and k not in vus:
        vus.append(k)
        parent = groupes[k].parent
        k = parent.lower() if parent is not None else None
    return vus


def gerer_membres_permis(c: Convention, t: datetime) -> frozenset[tuple[str, str]]:
    """MCP-ROLE-07 (et AFAS-02) : les couples (acteur, groupe) permis à ``t``, en minuscules."""
    if not c.gestion_deleguee:
        return frozenset()
    actifs = {u.identifiant.lower() for u in c.utilisateurs if _actif(u, t)}
    admins = {a.lower() for a in c.administrateurs} & actifs
    codes = [g.code.lower() for g in c.groupes]
    permis = {(a, g) for a in admins for g in codes}
    chaines = {g.code.lower(): _ancetres(c, g.code) for g in c.groupes}
    gestionnaire = {g.code.lower(): g.gestionnaire.lower() for g in c.groupes}
    # Les vrais groupes AFAS (interprétation 22) : du service AFAS, AFAS-HABILITER ou
    # AFAS-DECLARER, ou l'un de leurs sous-groupes (qui ont le service de leur parent).
    habiliter = GROUPE_AFAS_HABILITER.lower()
    declarer = GROUPE_AFAS_DECLARER.lower()
    membres_habiliter = {
        m.lower()
        for g in c.groupes
        if g.service is Service.AFAS and habiliter in chaines[g.code.lower()]
        for m in g.membres
    } & actifs
    for g in c.groupes:
        k = g.code.lower()
        permis.update((gestionnaire[a], k) for a in chaines[k] if gestionnaire[a] in actifs)
        # MCP-AFAS-02 (interprétation 24) : les membres d'AFAS-HABILITER peuplent AFAS-DECLARER.
        if g.service is Service.AFAS and declarer in chaines[k]:
            permis.update((m, k) for m in membres_habiliter)
    return frozenset(permis)


class Plancher:
    """Le plancher : tout est calculé d'avance ; décider, c'est chercher dans un ensemble."""

    def __init__(self, c: Convention, t: datetime) -> None:
        self.profils = profils_par_compte(c, t)
        self.autorises = frozenset(k for k, p in self.profils.items() if p)
        self.gestion = gerer_membres_permis(c, t)

    def decideur(self) -> Callable[[str], bool]:
        """``identifiant in autorises``, dans une fonction (le coût d'un appel compris)."""
        autorises = self.autorises

        def decider(identifiant: str) -> bool:
            return identifiant in autorises

        return decider

    def decideur_gestion(self) -> Callable[[str, str], bool]:
        gestion = self.gestion

        def decider(acteur: str, groupe: str) -> bool:
            return (acteur, groupe) in gestion

        return decider


# --- Cedar -----------------------------------------------------------------------------------

_CONDITION_CEDAR: Final[dict[ProfilT, str]] = {
    ProfilT.T1: '["ASSISTANT_SOCIAL", "CONSEILLER_ESF"].contains(principal.fonction)',
    ProfilT.T4: 'principal.fonction == "INSTRUCTEUR_RSA" && principal has numero_instructeur',
    ProfilT.T9: '["MANDATAIRE_JUDICIAIRE", "TUTEUR", "CURATEUR"].contains(principal.fonction)',
}


def politique_cedar() -> str:
    """Les politiques Cedar de MCP-CDAP-01 (une par profil) et de MCP-ROLE-07."""
    permis = []
    for p in ProfilT:
        condition = _CONDITION_CEDAR.get(p, "true")
        permis.append(
            f'@id("{p.value}")\n'
            'permit (principal, action == Action::"consulter", resource == Service::"CDAP")\n'
            f'when {{ principal in Profil::"{p.value}" && resource.contrat.contains("{p.value}")'
            f" && {condition} }};"
        )
    regles = [
        (
            "// MCP-CONV-01 : le service doit être souscrit.\n"
            '@id("CONV-01")\n'
            'forbid (principal, action == Action::"consulter", resource)\n'
            "unless { resource.souscrit };"
        ),
        (
            "// MCP-ELIG-03 : jamais d'accès pour un assistant social du travail.\n"
            '@id("ELIG-03")\n'
            'forbid (principal, action == Action::"consulter", resource)\n'
            'when { principal.fonction == "ASSISTANT_SOCIAL_DU_TRAVAIL" };'
        ),
        (
            "// MCP-USR-05 : un compte clôturé ne peut plus rien, à partir de sa clôture.\n"
            '@id("USR-05")\n'
            "forbid (principal, action, resource)\n"
            "when { principal has cloture && context.instant >= principal.cloture };"
        ),
        (
            "// MCP-ROLE-07 : gérer les membres d'un groupe.\n"
            '@id("ROLE-07-administrateur")\n'
            'permit (principal, action == Action::"gerer_membres", resource is Groupe)\n'
            "when { principal.administrateur };"
        ),
        (
            '@id("ROLE-07-gestionnaire")\n'
            'permit (principal, action == Action::"gerer_membres", resource is Groupe)\n'
            "when { resource.perimetre in principal.gestion };"
        ),
        (
            "// MCP-AFAS-02 : un membre du vrai AFAS-HABILITER peuple le vrai AFAS-DECLARER.\n"
            '@id("AFAS-02")\n'
            'permit (principal, action == Action::"gerer_membres", resource is Groupe)\n'
            'when { resource.perimetre in Afas::"declarer"'
            ' && principal in Afas::"habiliter" };'
        ),
        (
            "// MCP-CONV-05 : sans délégation, seule la Caf gère les habilitations.\n"
            '@id("CONV-05")\n'
            'forbid (principal, action == Action::"gerer_membres", resource)\n'
            "unless { context.deleguee };"
        ),
    ]
    entete = "// MCP-CDAP-01 : l'option « consulter dossier », profil par profil (ELIG-01..05)."
    return "\n\n".join([entete, *permis, *regles])


def _uid(type_: str, ident: str) -> dict[str, str]:
    return {"type": type_, "id": ident}


def _ref(type_: str, ident: str) -> dict[str, dict[str, str]]:
    """Une référence d'entité comme valeur d'attribut (sans schéma, ``__entity`` l'exige)."""
    return {"__entity": _uid(type_, ident)}


_AFAS: Final[dict[str, str]] = {
    GROUPE_AFAS_DECLARER.lower(): "declarer",
    GROUPE_AFAS_HABILITER.lower(): "habiliter",
}
"""Les vrais groupes AFAS (du service AFAS) rattachent leur périmètre à ``Afas::"…"``."""


def entites_cedar(c: Convention) -> list[dict[str, Any]]:
    """Les entités Cedar d'une convention.

    - ``Utilisateur`` : parents = ses groupes (``Groupe``) et leurs périmètres ;
      attributs ``fonction``, ``administrateur``, ``gestion``, et s'ils existent
      ``cloture``, ``numero_instructeur``, ``code_bailleur`` ;
    - ``Groupe`` : parent = ``Profil::"Tx"`` (groupe CDAP doté d'un rôle) ;
    - ``Perimetre`` : un par groupe, parents = périmètre du groupe parent et
      ``Gestion::"<gestionnaire>"`` : ``resource.perimetre in principal.gestion`` dit
      « l'acteur gère ce groupe ou l'un de ses ancêtres » ; le périmètre d'un vrai groupe
      AFAS racine a aussi pour parent ``Afas::"declarer"`` ou ``Afas::"habiliter"``
      (interprétation 22 : un groupe d'un autre service qui en porterait le code n'y est pas) ;
    - ``Service::"CDAP"`` : ``souscrit`` et ``contrat`` (profils du contrat de services).
    """
    admins = {a.lower() for a in c.administrateurs}
    groupes_de: dict[str, list[str]] = {}
    for g in c.groupes:
        for m in g.membres:
            groupes_de.setdefault(m.lower(), []).append(g.code.lower())
    entites: list[dict[str, Any]] = [
        {"uid": _uid("Profil", p.value), "attrs": {}, "parents": []} for p in ProfilT
    ]
    entites.append(
        {
            "uid": _uid("Service", "CDAP"),
            "attrs": {
                "souscrit": Service.CDAP in c.services,
                "contrat": sorted(p.value for p in c.profils_contractuels),
            },
            "parents": [],
        }
    )
    gestionnaires = set()
    for g in c.groupes:
        k = g.code.lower()
        parents = []
        if g.service is Service.CDAP and g.role is not None:
            parents.append(_uid("Profil", g.role.value))
        entites.append(
            {
                "uid": _uid("Groupe", k),
                "attrs": {"service": g.service.value, "perimetre": _ref("Perimetre", k)},
                "parents": parents,
            }
        )
        perimetre_parents = [_uid("Gestion", g.gestionnaire.lower())]
        gestionnaires.add(g.gestionnaire.lower())
        if g.parent is not None:
            perimetre_parents.append(_uid("Perimetre", g.parent.lower()))
        elif g.service is Service.AFAS and k in _AFAS:
            perimetre_parents.append(_uid("Afas", _AFAS[k]))
        entites.append({"uid": _uid("Perimetre", k), "attrs": {}, "parents": perimetre_parents})
    entites.extend({"uid": _uid("Gestion", k), "attrs": {}, "parents": []} for k in gestionnaires)
    entites.extend({"uid": _uid("Afas", k), "attrs": {}, "parents": []} for k in _AFAS.values())
    for u in c.utilisateurs:
        k = u.identifiant.lower()
        attributs: dict[str, Any] = {
            "fonction": u.fonction.value,
            "administrateur": k in admins,
            "gestion": _ref("Gestion", k),
        }
        if u.cloture_le is not None:
            attributs["cloture"] = micro(u.cloture_le)
        if u.numero_instructeur is not None:
            attributs["numero_instructeur"] = str(u.numero_instructeur)
        if u.code_bailleur:
            attributs["code_bailleur"] = u.code_bailleur
        groupes = groupes_de.get(k, [])
        entites.append(
            {
                "uid": _uid("Utilisateur", k),
                "attrs": attributs,
                "parents": [_uid("Groupe", g) for g in groupes]
                + [_uid("Perimetre", g) for g in groupes],
            }
        )
    return entites


class MoteurCedar:
    """La règle en Cedar ; politique et entités analysées une fois, réutilisées ensuite."""

    def __init__(self, c: Convention) -> None:
        self.politiques = cedarpy.PolicySet.from_str(politique_cedar())
        self.entites = cedarpy.Entities.from_json_str(json.dumps(entites_cedar(c)))
        self.deleguee = c.gestion_deleguee

    def _contexte(self, t: datetime) -> str:
        return json.dumps({"instant": micro(t), "deleguee": self.deleguee})

    def decideur(self, t: datetime) -> Callable[[str], cedarpy.AuthzResult]:
        """Une décision par appel (``is_authorized``) ; le contexte est sérialisé une fois."""
        contexte = self._contexte(t)
        politiques, entites = self.politiques, self.entites

        def decider(identifiant: str) -> cedarpy.AuthzResult:
            return cedarpy.is_authorized(
                {
                    "principal": {"type": "Utilisateur", "id": identifiant.lower()},
                    "action": 'Action::"consulter"',
                    "resource": 'Service::"CDAP"',
                    "context": contexte,
                },
                politiques,
                entites,
            )

        return decider

    def decider_lot(self, identifiants: Iterable[str], t: datetime) -> list[cedarpy.AuthzResult]:
        """Toutes les décisions en un appel (``is_authorized_batch``)."""
        contexte = self._contexte(t)
        return cedarpy.is_authorized_batch(
            [
                {
                    "principal": {"type": "Utilisateur", "id": i.lower()},
                    "action": 'Action::"consulter"',
                    "resource": 'Service::"CDAP"',
                    "context": contexte,
                }
                for i in identifiants
            ],
            self.politiques,
            self.entites,
        )

    def decideur_gestion(self, t: datetime) -> Callable[[str, str], cedarpy.AuthzResult]:
        contexte = self._contexte(t)
        politiques, entites = self.politiques, self.entites

        def decider(acteur: str, groupe: str) -> cedarpy.AuthzResult:
            return cedarpy.is_authorized(
                {
                    "principal": {"type": "Utilisateur", "id": acteur.lower()},
                    "action": 'Action::"gerer_membres"',
                    "resource": {"type": "Groupe", "id": groupe.lower()},
                    "context": contexte,
                },
                politiques,
                entites,
            )

        return decider

    def decider_gestion_lot(
        self, couples: Iterable[tuple[str, str]], t: datetime
    ) -> list[cedarpy.AuthzResult]:
        contexte = self._contexte(t)
        return cedarpy.is_authorized_batch(
            [
                {
                    "principal": {"type": "Utilisateur", "id": acteur.lower()},
                    "action": 'Action::"gerer_membres"',
                    "resource": {"type": "Groupe", "id": groupe.lower()},
                    "context": contexte,
                }
                for acteur, groupe in couples
            ],
            self.politiques,
            self.entites,
        )

    @staticmethod
    def profils(reponse: cedarpy.AuthzResult) -> frozenset[ProfilT]:
        """Les profils dont la politique a permis l'accès (annotations ``@id`` des motifs)."""
        if not reponse.allowed:
            return frozenset()
        ids = reponse.diagnostics.id_annotations_by_reason
        return frozenset(ProfilT(ids[r]) for r in reponse.diagnostics.reasons)


# --- Casbin ----------------------------------------------------------------------------------

MODELE_CASBIN: Final = """
[request_definition]
r = sub, obj, act, t

[policy_definition]
p = sub, obj, act

[role_definition]
g = _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = r.obj == p.obj && r.act == p.act && g(r.sub, p.sub) && actif(r.sub, r.t)
"""
"""RBAC compte → groupe → profil ; la clôture (qui dépend de l'instant) dans le matcher."""


class MoteurCasbin:
    """La règle en pycasbin : ``p, Tx, CDAP, consulter`` pour chaque profil du contrat (si
    CDAP est souscrit), ``g, u:<compte>, g:<groupe>`` pour chaque appartenance éligible à un
    groupe CDAP, ``g, g:<groupe>, Tx`` pour chaque groupe CDAP doté d'un rôle."""

    def __init__(self, c: Convention) -> None:
        modele = casbin.Enforcer.new_model(text=MODELE_CASBIN)
        self.enforcer = casbin.Enforcer(modele)
        self.fins: dict[str, int] = {
            "u:" + u.identifiant.lower(): micro(u.cloture_le)
            for u in c.utilisateurs
            if u.cloture_le is not None
        }
        fins = self.fins

        def actif(sujet: str, instant: int) -> bool:
            fin = fins.get(sujet)
            return fin is None or instant < fin

        self.enforcer.add_function("actif", actif)
        if Service.CDAP in c.services:
            self.enforcer.add_policies(
                [
                    [p.value, "CDAP", "consulter"]
                    for p in sorted(c.profils_contractuels, key=lambda p: p.rang)
                ]
            )
        comptes = {u.identifiant.lower(): u for u in c.utilisateurs}
        regroupements = []
        for g in c.groupes:
            r = g.role
            if g.service is not Service.CDAP or not isinstance(r, ProfilT):
                continue
            k = "g:" + g.code.lower()
            regroupements.append([k, r.value])
            regroupements.extend(
                ["u:" + m.lower(), k] for m in g.membres if eligible(comptes[m.lower()], r)
            )
        self.enforcer.add_grouping_policies(regroupements)

    def decideur(self, t: datetime) -> Callable[[str], bool]:
        instant = micro(t)
        enforce = self.enforcer.enforce

        def decider(identifiant: str) -> bool:
            return bool(enforce("u:" + identifiant.lower(), "CDAP", "consulter", instant))

        return decider

    def profils(self, identifiant: str, t: datetime) -> frozenset[ProfilT]:
        """Les profils atteints (permissions implicites), vides si le compte est clôturé."""
        sujet = "u:" + identifiant.lower()
        fin = self.fins.get(sujet)
        if fin is not None and micro(t) >= fin:
            return frozenset()
        return frozenset(
            ProfilT(p[0]) for p in self.enforcer.get_implicit_permissions_for_user(sujet)
        )


# --- pydantic --------------------------------------------------------------------------------

Identifiant = Annotated[str, Field(pattern=r"^[A-Za-z0-9._-]{1,64}$")]
Texte = Annotated[str, Field(min_length=1, max_length=200)]
ServiceP = StrEnum("ServiceP", {s.value: s.value for s in Service})  # type: ignore[misc]
ProfilP = StrEnum("ProfilP", {p.value: p.value for p in ProfilT})  # type: ignore[misc]
FonctionP = StrEnum("FonctionP", {f.value: f.value for f in Fonction})  # type: ignore[misc]

_STRICT: Final = ConfigDict(extra="forbid", frozen=True)


class UtilisateurPydantic(BaseModel):
    model_config = _STRICT

    identifiant: Identifiant
    nom: Texte
    prenom: Texte
    email: EmailStr
    cree_le: AwareDatetime
    fonction: FonctionP = FonctionP.AUTRE  # type: ignore[attr-defined]
    cloture_le: AwareDatetime | None = None
    derniere_connexion: AwareDatetime | None = None
    mot_de_passe_temporaire: str | None = None
    mot_de_passe_personnalise: StrictBool = False
    numero_instructeur: Annotated[str, Field(pattern=r"^[0-9AB]{3}[A-Z][0-9]{5}0{5}$")] | None = (
        None
    )
    code_bailleur: Identifiant | None = None
    diplome_etat: Texte | None = None
    mandats: frozenset[Annotated[str, Field(pattern=r"^[A-Za-z0-9]{1,20}$")]] = frozenset()


class GroupePydantic(BaseModel):
    model_config = _STRICT

    code: Identifiant
    libelle: Texte
    service: ServiceP
    gestionnaire: Identifiant
    role: ProfilP | None = None
    membres: frozenset[Identifiant] = frozenset()
    parent: Identifiant | None = None


class ConfigurationAfasPydantic(BaseModel):
    model_config = _STRICT

    fda: frozenset[Identifiant] = frozenset()
    fdf: frozenset[Identifiant] = frozenset()
    approbateur: Identifiant | None = None
    approbateur_en_attente: Identifiant | None = None


class ConventionPydantic(BaseModel):
    """Même forme que ``vers_json(convention)`` ; pas de contrôle des références croisées."""

    model_config = _STRICT

    numero: Identifiant
    organisme: Texte
    caf: Texte
    gestion_deleguee: StrictBool = True
    services: frozenset[ServiceP]
    profils_contractuels: frozenset[ProfilP] = frozenset()
    administrateurs: frozenset[Identifiant]
    utilisateurs: list[UtilisateurPydantic] = []
    groupes: list[GroupePydantic] = []
    afas: ConfigurationAfasPydantic = ConfigurationAfasPydantic()
    journal: list[dict[str, Any]] = []
