"""Les commandes : chaque geste d'administration, comme une fonction pure.

Chaque commande prend la convention, l'acteur (``par``, un identifiant ou
:data:`~mcp_rules.CAF`), ses arguments et l'instant, et rend un
:class:`~mcp_rules.Resultat` :

- **acceptée** : la nouvelle convention, dont le journal se termine par les
  événements de la commande, et ces événements, que le portail exécute (envoyer
  l'identifiant et le mot de passe temporaire, transmettre une PJ 3…) ;
- **refusée** : l'objet même qui a été passé, aucun événement, et les constats qui
  disent pourquoi — toutes les règles enfreintes à la fois.

Une commande vérifie d'abord qui agit (:func:`~mcp_rules.peut`), puis chaque règle
de sévérité erreur qu'elle pourrait enfreindre. Seule exception : clôturer un compte
est toujours accepté pour un acteur autorisé (la sécurité d'abord) ; ce que la
clôture casse revient en avertissements.

Des arguments mal formés (un profil inconnu, un instant sans fuseau) lèvent
:class:`~mcp_rules.DonneeInvalide` ; un acteur, un groupe ou un compte inconnus
donnent un refus motivé.

Les commandes ne reconstruisent jamais la convention : elles recopient les seules
tables qu'elles changent et dérivent l'index de l'ancien.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Any, Final, TypeVar

import attrs

from mcp_rules import _controles, erreurs
from mcp_rules._controles import cle
from mcp_rules._index import Index, index
from mcp_rules.acces import _convention, _politique, moment
from mcp_rules.acteurs import Acteur, ActeurCaf
from mcp_rules.autorisations import decider
from mcp_rules.enumerations import Action, Fonction, ProfilT, RoleAfas, Service, Severite
from mcp_rules.erreurs import DonneeInvalide, apercu
from mcp_rules.evenements import (
    AdministrateurDesigne,
    ApprobateurValide,
    CompteCloture,
    CompteCree,
    CompteModifie,
    CompteReactive,
    Evenement,
    GestionnaireDesigne,
    GroupeCree,
    IdentifiantEnvoye,
    LibelleModifie,
    MembreAjoute,
    MembreRetire,
    MotDePassePersonnalise,
    MotDePasseTemporaireEmis,
    Pj3Requise,
    RoleAfasConfigure,
    RoleAfasRetire,
    RoleAffecte,
    RoleRetire,
)
from mcp_rules.modele import (
    GROUPE_AFAS_DECLARER,
    ConfigurationAfas,
    Convention,
    Groupe,
    Politique,
    Utilisateur,
)
from mcp_rules.mot_de_passe import MotDePasseTemporaire
from mcp_rules.numero_instructeur import NumeroInstructeur
from mcp_rules.regles import afas, conv, elig, grp, mdp, role, usr
from mcp_rules.regles._base import Constat, I, Regle, W
from mcp_rules.resultats import Resultat

__all__ = [
    "CHAMPS_MODIFIABLES",
    "affecter_role",
    "ajouter_au_groupe",
    "changer_approbateur",
    "cloturer_compte",
    "configurer_role_afas",
    "creer_groupe",
    "creer_utilisateur",
    "demander_nouveau_mot_de_passe",
    "designer_administrateur",
    "designer_gestionnaire",
    "modifier_compte",
    "modifier_libelle",
    "personnaliser_mot_de_passe",
    "reactiver_compte",
    "retirer_du_groupe",
    "retirer_role",
    "retirer_role_afas",
    "valider_approbateur",
]

_E = TypeVar("_E", bound=Evenement)
_K = TypeVar("_K")
_V = TypeVar("_V")

MAX_FDA: Final = 2
MAX_FDF: Final = 2

CHAMPS_MODIFIABLES: Final = frozenset(
    {
        "nom",
        "prenom",
        "email",
        "fonction",
        "numero_instructeur",
        "code_bailleur",
        "diplome_etat",
        "mandats",
    }
)
"""Les champs d'un compte que :func:`modifier_compte` peut changer."""


# --- le contexte d'une commande ---------------------------------------------------------


class _Contexte:
    """Ce qu'une commande a sous la main : la convention, son index, l'acteur, l'instant."""

    __slots__ = ("c", "idx", "par", "pol", "t")

    def __init__(self, convention: object, par: object, instant: object, politique: object) -> None:
        self.c = _convention(convention)
        self.t = moment(instant)
        self.pol = _politique(politique)
        if not isinstance(par, (str, ActeurCaf)):
            raise DonneeInvalide(
                erreurs.TYPE,
                f"par : un identifiant ou CAF est attendu, pas {apercu(par)}",
                valeur=par,
            )
        self.par: Acteur = par
        self.idx: Index = index(self.c)

    @property
    def par_canonique(self) -> Acteur:
        """L'acteur tel qu'écrit dans son compte (pour le journal)."""
        if isinstance(self.par, ActeurCaf):
            return self.par
        compte = self.c.trouver_utilisateur(self.par)
        return compte.identifiant if compte is not None else self.par

    def refuser(self, constats: Iterable[Constat]) -> Resultat:
        raisons = tuple(constats)
        if not any(x.severite is Severite.ERREUR for x in raisons):
            # Un refus a toujours une raison de sévérité erreur, même quand la règle citée
            # est une information du guide (« mot de passe oublié » : l'utilisateur seul).
            raisons = tuple(attrs.evolve(x, severite=Severite.ERREUR) for x in raisons)
        return Resultat(accepte=False, convention=self.c, constats=raisons)

    def autoriser(
        self,
        action: Action,
        *,
        groupe: Groupe | None = None,
        compte: Utilisateur | None = None,
        service: Service | None = None,
    ) -> list[Constat] | None:
        """``None`` si l'acteur peut agir ; sinon les constats du refus."""
        d = decider(
            self.c,
            self.idx,
            self.par,
            action,
            self.t,
            groupe=groupe,
            compte=compte,
            service=service,
        )
        return None if d.autorise else list(d.constats)

    def evenement(self, cls: type[_E], **champs: Any) -> _E:
        return cls(instant=self.t, par=self.par_canonique, **champs)

    def accepter(
        self,
        evenements: list[Evenement],
        *,
        comptes: Mapping[str, Utilisateur] | None = None,
        groupes: Mapping[str, Groupe] | None = None,
        afas_: ConfigurationAfas | None = None,
        administrateurs: frozenset[str] | None = None,
        membres: Iterable[tuple[str, str, bool]] = (),
        emails: Iterable[tuple[str, str, bool]] = (),
        gestionnaires: Iterable[tuple[str, str, bool]] = (),
        constats: Iterable[Constat] = (),
    ) -> Resultat:
        c = self.c
        nouvelle = Convention._sans_controle(
            numero=c.numero,
            organisme=c.organisme,
            caf=c.caf,
            gestion_deleguee=c.gestion_deleguee,
            services=c.services,
            profils_contractuels=c.profils_contractuels,
            administrateurs=c.administrateurs if administrateurs is None else administrateurs,
            _utilisateurs=c._utilisateurs if comptes is None else MappingProxyType(comptes),
            _groupes=c._groupes if groupes is None else MappingProxyType(groupes),
            afas=c.afas if afas_ is None else afas_,
            journal=(*c.journal, *evenements),
        )
        nouvelle._cache["index"] = self.idx.derive(
            membres=membres,
            emails=emails,
            gestionnaires=gestionnaires,
            administrateurs=None
            if administrateurs is None
            else frozenset(cle(a) for a in administrateurs),
        )
        return Resultat(
            accepte=True,
            convention=nouvelle,
            evenements=tuple(evenements),
            constats=tuple(constats),
        )

    # -- recherches qui ne lèvent jamais -------------------------------------------------

    def groupe(self, code: object, regle: Regle) -> Groupe | list[Constat]:
        g = self.c.trouver_groupe(code)
        if g is not None:
            return g
        return [
            regle.constat(
                f"aucun groupe {apercu(code)} dans la convention {self.c.numero}",
                cible=_cible(code),
            )
        ]

    def compte(self, identifiant: object, regle: Regle) -> Utilisateur | list[Constat]:
        u = self.c.trouver_utilisateur(identifiant)
        if u is not None:
            return u
        return [
            regle.constat(
                f"aucun compte {apercu(identifiant)} dans la convention {self.c.numero}",
                cible=_cible(identifiant),
            )
        ]

    def actif(self, u: Utilisateur) -> bool:
        return u.cloture_le is None or self.t < u.cloture_le

    def est_membre(self, u: Utilisateur, g: Groupe) -> bool:
        """Depuis l'index : pas de parcours des membres du groupe."""
        return g.cle in self.idx.groupes_de(u.cle)

    def groupe_autorise(
        self, code: object, regle: Regle, action: Action, *, par_service: bool = False
    ) -> Groupe | Resultat:
        """Le groupe nommé, si l'acteur peut y faire ``action`` ; sinon le refus motivé."""
        g = self.groupe(code, regle)
        if isinstance(g, list):
            return _refus_acteur_ou(self, action, g)
        refus = (
            self.autoriser(action, service=g.service)
            if par_service
            else self.autoriser(action, groupe=g)
        )
        return self.refuser(refus) if refus else g

    def compte_autorise(
        self, identifiant: object, regle: Regle, action: Action
    ) -> Utilisateur | Resultat:
        """Le compte nommé, si l'acteur peut y faire ``action`` ; sinon le refus motivé."""
        u = self.compte(identifiant, regle)
        if isinstance(u, list):
            return _refus_acteur_ou(self, action, u)
        refus = self.autoriser(action, compte=u)
        return self.refuser(refus) if refus else u

    def membre_de(
        self, groupe: object, utilisateur: object
    ) -> tuple[Groupe, Utilisateur] | Resultat:
        """Le groupe et le compte nommés, l'acteur autorisé à gérer ses membres ; sinon le refus."""
        g = self.groupe(groupe, role.ROLE_07)
        u = self.compte(utilisateur, role.ROLE_07)
        if isinstance(g, list) or isinstance(u, list):
            inconnus = [*(g if isinstance(g, list) else []), *(u if isinstance(u, list) else [])]
            return _refus_acteur_ou(self, Action.GERER_MEMBRES, inconnus)
        refus = self.autoriser(Action.GERER_MEMBRES, groupe=g)
        if refus:
            return self.refuser(refus)
        return g, u


def _cible(valeur: object) -> str | None:
    if isinstance(valeur, str) and _controles.identifiant_valide(valeur):
        return valeur
    return None


def _copie(table: Mapping[_K, _V], cle_: _K, valeur: _V) -> dict[_K, _V]:
    # MappingProxyType.copy() recopie le dict sous-jacent d'un bloc ; dict(proxy), lui,
    # passe par le protocole Mapping, clé par clé : près de 30 fois plus lent.
    nouvelle: dict[_K, _V] = table.copy()  # type: ignore[attr-defined]
    nouvelle[cle_] = valeur
    return nouvelle


# --- contrôles partagés -----------------------------------------------------------------


def _controler_nouveau_compte(
    ctx: _Contexte, u: Utilisateur, deja: Iterable[Utilisateur] = ()
) -> tuple[list[Constat], list[Constat]]:
    """Erreurs et avertissements pour un compte à créer (USR-01/02/03)."""
    erreurs_: list[Constat] = []
    avert: list[Constat] = []
    if ctx.c.trouver_utilisateur(u.identifiant) is not None or any(d.cle == u.cle for d in deja):
        erreurs_.append(
            usr.USR_03.constat(
                f"l'identifiant {u.identifiant} est déjà pris dans la convention (sans tenir "
                "compte de la casse)",
                remede="Choisissez un autre identifiant ; une personne n'a qu'un compte.",
                cible=u.identifiant,
            )
        )
    erreurs_.extend(_controler_email(ctx, u.email, u.identifiant, exclu=None))
    avert.extend(_controler_nom(u))
    return erreurs_, avert


def _controler_email(
    ctx: _Contexte, email: Any, identifiant: str, exclu: str | None
) -> list[Constat]:
    trouves = []
    autres = [k for k in ctx.idx.comptes_de(email.cle) if k != exclu]
    if autres:
        proprietaire = ctx.c._utilisateurs[autres[0]].identifiant
        trouves.append(
            usr.USR_03.constat(
                f"l'adresse {email} est déjà celle du compte {proprietaire} : une personne, un "
                "compte",
                remede="Utilisez l'adresse individuelle de la personne, ou son compte existant.",
                cible=identifiant,
            )
        )
    mots = ctx.pol.mots_adresse_service if ctx.pol is not None else frozenset()
    if usr.est_adresse_de_service(email, mots):
        trouves.append(
            usr.USR_02.constat(
                f"{email} est une adresse de service, interdite par la Cnil : le compte doit avoir "
                "une adresse individuelle et nominative",
                remede="Demandez l'adresse personnelle "
                "professionnelle de la personne (prenom.nom@…).",
                cible=identifiant,
            )
        )
    return trouves


def _controler_nom(u: Utilisateur) -> list[Constat]:
    mots = usr.mots_de_fonction(u.nom, u.prenom)
    if not mots:
        return []
    return [
        usr.USR_01.constat(
            f"le nom « {u.prenom} {u.nom} » ressemble à une fonction ou à un service "
            f"({', '.join(mots)}) : un compte est créé pour une personne nommée",
            remede="Créez le compte au nom de la personne (« Madame X »), pas de son poste.",
            cible=u.identifiant,
        )
    ]


def _controler_adhesion(ctx: _Contexte, u: Utilisateur, g: Groupe) -> list[Constat]:
    """Les conditions que le compte doit remplir pour entrer dans ce groupe (ELIG)."""
    if g.service is not Service.CDAP:
        return []
    if u.fonction is Fonction.ASSISTANT_SOCIAL_DU_TRAVAIL:
        return [
            elig.ELIG_03.constat(
                f"{u.identifiant} est assistant(e) social(e) du travail : il ne peut entrer dans "
                f"aucun groupe CDAP ({g.code})",
                remede="Aucun profil CDAP ne lui est permis.",
                cible=u.identifiant,
            )
        ]
    if g.role is None:
        return []
    return list(elig._eligibilite(u, g.role, ctx.pol).erreurs)


def _nouveau_compte(u: Utilisateur, t: datetime) -> Utilisateur:
    """Le compte tel qu'il naît : actif, créé à l'instant, avec un mot de passe temporaire."""
    return attrs.evolve(
        u,
        cree_le=t,
        cloture_le=None,
        derniere_connexion=None,
        mot_de_passe_temporaire=MotDePasseTemporaire(t),
        mot_de_passe_personnalise=False,
    )


def _evenements_creation(ctx: _Contexte, u: Utilisateur, groupe: str | None) -> list[Evenement]:
    mdp_ = u.mot_de_passe_temporaire
    assert mdp_ is not None  # noqa: S101 - posé par _nouveau_compte
    return [
        ctx.evenement(CompteCree, utilisateur=u.identifiant, groupe=groupe),
        ctx.evenement(IdentifiantEnvoye, utilisateur=u.identifiant, email=u.email),
        ctx.evenement(
            MotDePasseTemporaireEmis,
            utilisateur=u.identifiant,
            email=u.email,
            expire_le=mdp_.expire_le,
        ),
    ]


def _infos_compte(u: Utilisateur) -> Constat:
    """MCP-MDP-01 : les deux messages que le portail doit envoyer au nouveau compte."""
    temporaire = u.mot_de_passe_temporaire
    expire = temporaire.expire_le.isoformat() if temporaire is not None else "?"
    return mdp.MDP_01.constat(
        f"compte {u.identifiant} créé : le portail envoie à {u.email} l'identifiant, puis un "
        f"mot de passe temporaire valable jusqu'au {expire}",
        cible=u.identifiant,
        severite=I,
    )


def _infos_gestionnaire(
    ctx: _Contexte, titulaire: Utilisateur, nouveau: bool, groupe: str
) -> list[Constat]:
    infos = []
    if nouveau:
        infos.append(
            grp.GRP_04.constat(
                f"le gestionnaire {titulaire.identifiant} de {groupe} n'avait pas de compte : il "
                "est "
                "créé dans le même geste",
                cible=groupe,
                severite=I,
            )
        )
        infos.append(_infos_compte(titulaire))
    if titulaire.cle in ctx.idx.administrateurs:
        infos.append(
            role.ROLE_12.constat(
                f"le gestionnaire de {groupe}, {titulaire.identifiant}, est administrateur : c'est "
                "permis",
                cible=groupe,
                severite=I,
            )
        )
    return infos


def _compte_du_gestionnaire(
    ctx: _Contexte, nouveau: Utilisateur | None
) -> tuple[dict[str, Utilisateur] | None, list[Evenement], list[tuple[str, str, bool]]]:
    """Le compte d'un nouveau gestionnaire, créé dans le même geste (``MCP-GRP-04``) :
    la table des comptes, les événements de création et l'adresse à indexer."""
    if nouveau is None:
        return None, [], []
    return (
        _copie(ctx.c._utilisateurs, nouveau.cle, nouveau),
        _evenements_creation(ctx, nouveau, None),
        [(nouveau.email.cle, nouveau.cle, True)],
    )


def _cree_des_comptes_partout(ctx: _Contexte) -> bool:
    """Vrai pour qui peut créer un compte hors de tout groupe : un administrateur, la Caf."""
    if isinstance(ctx.par, ActeurCaf):
        return True
    compte = ctx.c.trouver_utilisateur(ctx.par)
    return compte is not None and compte.cle in ctx.idx.administrateurs


def _gestionnaire(
    ctx: _Contexte, gestionnaire: object
) -> tuple[Utilisateur | None, Utilisateur | None, list[Constat], list[Constat]]:
    """(compte existant, compte à créer, erreurs, avertissements) pour un gestionnaire."""
    if isinstance(gestionnaire, Utilisateur):
        existant = ctx.c.trouver_utilisateur(gestionnaire.identifiant)
        if existant is not None and existant == gestionnaire:
            gestionnaire = existant.identifiant
        else:
            nouveau = _nouveau_compte(gestionnaire, ctx.t)
            err, avert = _controler_nouveau_compte(ctx, nouveau)
            if not _cree_des_comptes_partout(ctx):
                err.insert(
                    0,
                    role.ROLE_02.constat(
                        f"{ctx.par} n'est pas administrateur : il ne crée un compte que dans un "
                        f"groupe qu'il gère, et {nouveau.identifiant} n'en serait membre d'aucun",
                        remede=f"Créez d'abord le compte de {nouveau.identifiant} dans l'un de vos "
                        "groupes, puis désignez-le.",
                        cible=nouveau.identifiant,
                    ),
                )
            return None, nouveau, err, avert
    if not isinstance(gestionnaire, str):
        raise DonneeInvalide(
            erreurs.TYPE,
            "gestionnaire : un identifiant ou un nouvel Utilisateur est attendu, "
            f"pas {apercu(gestionnaire)}",
            valeur=gestionnaire,
        )
    u = ctx.c.trouver_utilisateur(gestionnaire)
    if u is None:
        return (
            None,
            None,
            [
                grp.GRP_04.constat(
                    f"le gestionnaire désigné {apercu(gestionnaire)} n'a pas de compte dans la "
                    "convention",
                    remede="Désignez un compte existant, ou passez un nouvel Utilisateur "
                    "pour créer son compte dans le même geste.",
                    cible=_cible(gestionnaire),
                )
            ],
            [],
        )
    if not ctx.actif(u):
        return (
            u,
            None,
            [
                grp.GRP_08.constat(
                    f"le compte de {u.identifiant} est clôturé : il ne peut pas gérer de groupe",
                    remede="Désignez une personne dont le compte est actif.",
                    cible=u.identifiant,
                )
            ],
            [],
        )
    return u, None, [], []


def _texte_arg(valeur: object, quoi: str, longueur: int) -> str:
    return _controles.texte(valeur, quoi, longueur)


# --- groupes ----------------------------------------------------------------------------


def creer_groupe(
    convention: Convention,
    *,
    par: Acteur,
    code: str,
    libelle: str,
    service: Service | str,
    gestionnaire: str | Utilisateur,
    parent: str | None = None,
    instant: datetime,
    politique: Politique | None = None,
) -> Resultat:
    """Crée un groupe avec son gestionnaire (créé dans le même geste s'il est nouveau)."""
    ctx = _Contexte(convention, par, instant, politique)
    code = _controles.identifiant(code, "code de groupe")
    libelle = _texte_arg(libelle, "libellé", _controles.LONGUEUR_LIBELLE)
    s = Service.parse(service)
    c = ctx.c
    pere: Groupe | None = None
    if parent is not None:
        trouve = ctx.groupe(parent, role.ROLE_04)
        if isinstance(trouve, list):
            return ctx.refuser(trouve)
        pere = trouve
        refus = ctx.autoriser(Action.CREER_SOUS_GROUPE, groupe=pere, service=s)
    else:
        refus = ctx.autoriser(Action.CREER_GROUPE, service=s)
    if refus:
        return ctx.refuser(refus)
    probleme: list[Constat] = []
    if s not in c.services:
        probleme.append(
            conv.CONV_01.constat(
                f"la convention {c.numero} ne souscrit pas le service {s.value} : pas de groupe "
                "pour ce service",
                remede=f"Demandez d'abord à la Caf le bulletin d'adhésion {s.value}.",
                cible=code,
            )
        )
    if pere is not None and pere.service is not s:
        probleme.append(
            role.ROLE_04.constat(
                "un sous-groupe relève du service de son parent : "
                f"{pere.code} est {pere.service.value}, pas {s.value}",
                cible=code,
            )
        )
    if c.trouver_groupe(code) is not None:
        probleme.append(
            grp.GRP_02.constat(
                f"le code {code} est déjà celui d'un groupe (sans tenir compte de la casse)",
                remede="Choisissez un autre code ; un code ne change jamais.",
                cible=code,
            )
        )
    if s is Service.CDAP and grp.profil_du_libelle(libelle) is None:
        probleme.append(
            grp.GRP_03.constat(
                f"le libellé « {libelle} » ne commence pas par un profil (T1 à T10)",
                remede="Commencez le libellé par le profil du groupe, par exemple « T1 Assistants "
                "sociaux ».",
                cible=code,
            )
        )
    existant, nouveau, err, avert = _gestionnaire(ctx, gestionnaire)
    probleme.extend(err)
    if probleme:
        return ctx.refuser(probleme)
    titulaire = existant if existant is not None else nouveau
    assert titulaire is not None  # noqa: S101 - l'un ou l'autre, sinon err n'est pas vide
    g = Groupe(
        code=code,
        libelle=libelle,
        service=s,
        gestionnaire=titulaire.identifiant,
        parent=pere.code if pere is not None else None,
    )
    comptes, evenements, emails = _compte_du_gestionnaire(ctx, nouveau)
    evenements.append(
        ctx.evenement(
            GroupeCree,
            groupe=g.code,
            libelle=libelle,
            service=s,
            gestionnaire=g.gestionnaire,
            parent=g.parent,
        )
    )
    return ctx.accepter(
        evenements,
        comptes=comptes,
        groupes=_copie(c._groupes, g.cle, g),
        emails=emails,
        gestionnaires=[(titulaire.cle, g.cle, True)],
        constats=[*avert, *_infos_gestionnaire(ctx, titulaire, nouveau is not None, g.code)],
    )


def affecter_role(
    convention: Convention,
    *,
    par: Acteur,
    groupe: str,
    profil: ProfilT | str,
    instant: datetime,
    politique: Politique | None = None,
) -> Resultat:
    """Affecte un rôle (profil T) à un groupe CDAP qui n'en a pas."""
    ctx = _Contexte(convention, par, instant, politique)
    p = ProfilT.parse(profil)
    g = ctx.groupe_autorise(groupe, role.ROLE_06, Action.AFFECTER_ROLE)
    if isinstance(g, Resultat):
        return g
    c = ctx.c
    probleme: list[Constat] = []
    if g.service is not Service.CDAP:
        probleme.append(
            conv.CONV_04.constat(
                f"les profils T sont des rôles CDAP ; le groupe {g.code} relève de "
                f"{g.service.value}",
                cible=g.code,
            )
        )
    elif Service.CDAP not in c.services:
        probleme.append(
            conv.CONV_01.constat(f"la convention {c.numero} ne souscrit pas CDAP", cible=g.code)
        )
    if g.role is not None:
        probleme.append(
            grp.GRP_01.constat(
                f"le groupe {g.code} porte déjà le rôle {g.role.value} : un seul rôle par groupe",
                remede=f"Retirez d'abord le rôle {g.role.value}, ou créez un autre groupe.",
                cible=g.code,
            )
        )
    if p not in c.profils_contractuels:
        probleme.append(
            conv.CONV_04.constat(
                f"le profil {p.value} ne figure pas au contrat de services de la convention "
                f"{c.numero}",
                remede="Seule la Caf peut l'ajouter au contrat.",
                cible=g.code,
            )
        )
    if g.service is Service.CDAP and not grp.libelle_conforme(g.libelle, p):
        probleme.append(
            grp.GRP_03.constat(
                f"le libellé « {g.libelle} » ne commence pas par {p.value}",
                remede=f"Modifiez d'abord le libellé pour qu'il commence par {p.value}.",
                cible=g.code,
            )
        )
    if g.service is Service.CDAP:
        for membre in sorted(g.membres, key=cle):
            u = c._utilisateurs[cle(membre)]
            probleme.extend(
                elig._eligibilite(u, p, ctx.pol).erreurs
                if u.fonction is not Fonction.ASSISTANT_SOCIAL_DU_TRAVAIL
                else []
            )
    if probleme:
        return ctx.refuser(probleme)
    nouveau = g._remplacer(role=p)
    return ctx.accepter(
        [ctx.evenement(RoleAffecte, groupe=g.code, profil=p)],
        groupes=_copie(c._groupes, g.cle, nouveau),
    )


def retirer_role(
    convention: Convention,
    *,
    par: Acteur,
    groupe: str,
    instant: datetime,
    politique: Politique | None = None,
) -> Resultat:
    """Retire le rôle d'un groupe : ses membres perdent ce profil (avertissement)."""
    ctx = _Contexte(convention, par, instant, politique)
    g = ctx.groupe_autorise(groupe, role.ROLE_06, Action.AFFECTER_ROLE)
    if isinstance(g, Resultat):
        return g
    if g.role is None:
        return ctx.refuser(
            [role.ROLE_06.constat(f"le groupe {g.code} n'a pas de rôle à retirer", cible=g.code)]
        )
    ancien = g.role
    avert = [
        grp.GRP_05.constat(
            f"le groupe {g.code} n'a plus de rôle : ses {len(g.membres)} membre(s) perdent le "
            f"profil {ancien.value} qu'il leur donnait",
            remede=f"Affectez un rôle à {g.code}, ou rattachez ses membres à un autre groupe.",
            cible=g.code,
            severite=W,
        )
    ]
    return ctx.accepter(
        [ctx.evenement(RoleRetire, groupe=g.code, profil=ancien)],
        groupes=_copie(ctx.c._groupes, g.cle, g._remplacer(role=None)),
        constats=avert,
    )


def modifier_libelle(
    convention: Convention,
    *,
    par: Acteur,
    groupe: str,
    libelle: str,
    instant: datetime,
    politique: Politique | None = None,
) -> Resultat:
    """Change le libellé d'un groupe (jamais son code), qui doit garder son profil en tête."""
    ctx = _Contexte(convention, par, instant, politique)
    libelle = _texte_arg(libelle, "libellé", _controles.LONGUEUR_LIBELLE)
    g = ctx.groupe_autorise(groupe, role.ROLE_03, Action.CREER_GROUPE, par_service=True)
    if isinstance(g, Resultat):
        return g
    if g.service is Service.CDAP:
        if g.role is not None and not grp.libelle_conforme(libelle, g.role):
            return ctx.refuser(
                [
                    grp.GRP_03.constat(
                        f"le libellé « {libelle} » ne commence pas par {g.role.value}, le "
                        f"profil du groupe {g.code}",
                        cible=g.code,
                    )
                ]
            )
        if g.role is None and grp.profil_du_libelle(libelle) is None:
            return ctx.refuser(
                [
                    grp.GRP_03.constat(
                        f"le libellé « {libelle} » ne commence pas par un profil (T1 à T10)",
                        cible=g.code,
                    )
                ]
            )
    if libelle == g.libelle:
        return ctx.refuser(
            [role.ROLE_03.constat(f"le groupe {g.code} a déjà ce libellé", cible=g.code)]
        )
    return ctx.accepter(
        [ctx.evenement(LibelleModifie, groupe=g.code, ancien=g.libelle, nouveau=libelle)],
        groupes=_copie(ctx.c._groupes, g.cle, g._remplacer(libelle=libelle)),
    )


def designer_gestionnaire(
    convention: Convention,
    *,
    par: Acteur,
    groupe: str,
    gestionnaire: str | Utilisateur,
    instant: datetime,
    politique: Politique | None = None,
) -> Resultat:
    """Désigne le gestionnaire d'habilitations d'un groupe ; il remplace le précédent."""
    ctx = _Contexte(convention, par, instant, politique)
    g = ctx.groupe_autorise(groupe, role.ROLE_05, Action.DESIGNER_GESTIONNAIRE)
    if isinstance(g, Resultat):
        return g
    existant, nouveau, err, avert = _gestionnaire(ctx, gestionnaire)
    if err:
        return ctx.refuser(err)
    c = ctx.c
    cible = existant if existant is not None else nouveau
    assert cible is not None  # noqa: S101
    if existant is not None and existant.cle == cle(g.gestionnaire):
        return ctx.refuser(
            [
                role.ROLE_11.constat(
                    f"{existant.identifiant} est déjà le gestionnaire de {g.code}", cible=g.code
                )
            ]
        )
    comptes, evenements, emails = _compte_du_gestionnaire(ctx, nouveau)
    evenements.append(
        ctx.evenement(
            GestionnaireDesigne,
            groupe=g.code,
            gestionnaire=cible.identifiant,
            precedent=g.gestionnaire,
        )
    )
    return ctx.accepter(
        evenements,
        comptes=comptes,
        emails=emails,
        constats=[*avert, *_infos_gestionnaire(ctx, cible, nouveau is not None, g.code)],
        gestionnaires=[(cle(g.gestionnaire), g.cle, False), (cible.cle, g.cle, True)],
        groupes=_copie(c._groupes, g.cle, g._remplacer(gestionnaire=cible.identifiant)),
    )


# --- comptes ----------------------------------------------------------------------------


def creer_utilisateur(
    convention: Convention,
    *,
    par: Acteur,
    utilisateur: Utilisateur,
    groupe: str | None = None,
    instant: datetime,
    politique: Politique | None = None,
) -> Resultat:
    """Crée un compte (et l'ajoute au groupe nommé) ; émet identifiant et mot de passe.

    Le compte naît actif à ``instant`` avec un mot de passe temporaire émis à cet
    instant ; un gestionnaire doit nommer l'un de ses groupes.
    """
    ctx = _Contexte(convention, par, instant, politique)
    if not isinstance(utilisateur, Utilisateur):
        raise DonneeInvalide(
            erreurs.TYPE,
            f"utilisateur : un Utilisateur est attendu, pas {apercu(utilisateur)}",
            valeur=utilisateur,
        )
    g: Groupe | None = None
    if groupe is not None:
        trouve = ctx.groupe(groupe, role.ROLE_02)
        if isinstance(trouve, list):
            return _refus_acteur_ou(ctx, Action.CREER_UTILISATEUR, trouve)
        g = trouve
    refus = ctx.autoriser(Action.CREER_UTILISATEUR, groupe=g)
    if refus:
        return ctx.refuser(refus)
    u = _nouveau_compte(utilisateur, ctx.t)
    probleme, avert = _controler_nouveau_compte(ctx, u)
    if g is not None:
        probleme.extend(_controler_adhesion(ctx, u, g))
    if probleme:
        return ctx.refuser(probleme)
    c = ctx.c
    evenements = _evenements_creation(ctx, u, g.code if g is not None else None)
    groupes = None
    membres: list[tuple[str, str, bool]] = []
    if g is not None:
        groupes = _copie(c._groupes, g.cle, g._remplacer(membres=g.membres | {u.identifiant}))
        membres.append((u.cle, g.cle, True))
        evenements.append(ctx.evenement(MembreAjoute, groupe=g.code, utilisateur=u.identifiant))
    return ctx.accepter(
        evenements,
        comptes=_copie(c._utilisateurs, u.cle, u),
        groupes=groupes,
        membres=membres,
        emails=[(u.email.cle, u.cle, True)],
        constats=[*avert, _infos_compte(u)],
    )


def ajouter_au_groupe(
    convention: Convention,
    *,
    par: Acteur,
    groupe: str,
    utilisateur: str,
    instant: datetime,
    politique: Politique | None = None,
) -> Resultat:
    """Ajoute un compte actif à un groupe, s'il remplit les conditions de son profil."""
    ctx = _Contexte(convention, par, instant, politique)
    trouves = ctx.membre_de(groupe, utilisateur)
    if isinstance(trouves, Resultat):
        return trouves
    g, u = trouves
    probleme: list[Constat] = []
    if ctx.est_membre(u, g):
        probleme.append(
            role.ROLE_07.constat(
                f"{u.identifiant} est déjà membre de {g.code}", cible=u.identifiant
            )
        )
    if not ctx.actif(u):
        probleme.append(
            usr.USR_05.constat(
                f"le compte {u.identifiant} est clôturé : il ne peut pas rejoindre de groupe",
                remede="Réactivez d'abord le compte si la personne doit retrouver un accès.",
                cible=u.identifiant,
            )
        )
    if g.service not in ctx.c.services:
        probleme.append(
            conv.CONV_01.constat(f"la convention ne souscrit pas {g.service.value}", cible=g.code)
        )
    probleme.extend(_controler_adhesion(ctx, u, g))
    if probleme:
        return ctx.refuser(probleme)
    return ctx.accepter(
        [ctx.evenement(MembreAjoute, groupe=g.code, utilisateur=u.identifiant)],
        groupes=_copie(ctx.c._groupes, g.cle, g._remplacer(membres=g.membres | {u.identifiant})),
        membres=[(u.cle, g.cle, True)],
    )


def retirer_du_groupe(
    convention: Convention,
    *,
    par: Acteur,
    groupe: str,
    utilisateur: str,
    instant: datetime,
    politique: Politique | None = None,
) -> Resultat:
    """Retire un compte d'un groupe (un titulaire d'un rôle AFAS reste dans AFAS-DECLARER)."""
    ctx = _Contexte(convention, par, instant, politique)
    trouves = ctx.membre_de(groupe, utilisateur)
    if isinstance(trouves, Resultat):
        return trouves
    g, u = trouves
    present = [m for m in g.membres if cle(m) == u.cle]
    if not present:
        return ctx.refuser(
            [
                role.ROLE_07.constat(
                    f"{u.identifiant} n'est pas membre de {g.code}", cible=u.identifiant
                )
            ]
        )
    probleme = []
    roles = afas.roles_afas(ctx.c.afas, u.cle, en_attente=True)
    if g.service is Service.AFAS and roles:
        autres = [
            gk
            for gk in ctx.idx.groupes_de(u.cle)
            if gk != g.cle and afas.dans_declarer(ctx.c, ctx.c._groupes[gk])
        ]
        if afas.dans_declarer(ctx.c, g) and not autres:
            probleme.append(
                afas.AFAS_03.constat(
                    f"{u.identifiant} est {', '.join(roles)} AFAS : il doit rester membre "
                    f"d'{GROUPE_AFAS_DECLARER}",
                    remede="Retirez-lui d'abord ses rôles "
                    "AFAS (l'approbateur se remplace par un changement d'approbateur).",
                    cible=u.identifiant,
                )
            )
    if probleme:
        return ctx.refuser(probleme)
    return ctx.accepter(
        [ctx.evenement(MembreRetire, groupe=g.code, utilisateur=u.identifiant)],
        groupes=_copie(ctx.c._groupes, g.cle, g._remplacer(membres=g.membres - frozenset(present))),
        membres=[(u.cle, g.cle, False)],
    )


def modifier_compte(
    convention: Convention,
    *,
    par: Acteur,
    utilisateur: str,
    instant: datetime,
    politique: Politique | None = None,
    **changements: Any,
) -> Resultat:
    """Modifie des informations d'un compte (nom, adresse, fonction, numéro, code…).

    Les champs permis sont :data:`CHAMPS_MODIFIABLES` ; une modification qui ferait
    perdre à la personne les conditions d'un profil de ses groupes est refusée.
    """
    ctx = _Contexte(convention, par, instant, politique)
    inconnus = sorted(set(changements) - CHAMPS_MODIFIABLES)
    if inconnus or not changements:
        raise DonneeInvalide(
            erreurs.INCONNUE,
            (
                "modifier_compte : champ(s) non modifiable(s) " + ", ".join(inconnus)
                if inconnus
                else "modifier_compte : aucun changement demandé"
            )
            + " ; champs permis : "
            + ", ".join(sorted(CHAMPS_MODIFIABLES)),
            valeur=changements,
        )
    u = ctx.compte_autorise(utilisateur, role.ROLE_09, Action.MODIFIER_COMPTE)
    if isinstance(u, Resultat):
        return u
    if "numero_instructeur" in changements and isinstance(changements["numero_instructeur"], str):
        changements["numero_instructeur"] = NumeroInstructeur.parse(
            changements["numero_instructeur"]
        )
    if "mandats" in changements and not isinstance(changements["mandats"], frozenset):
        valeur = changements["mandats"]
        if isinstance(valeur, (str, bytes)) or not isinstance(valeur, Iterable):
            raise DonneeInvalide(
                erreurs.TYPE, "mandats : un ensemble de numéros est attendu", valeur=valeur
            )
        changements["mandats"] = frozenset(valeur)
    modifie = attrs.evolve(u, **changements)
    champs = tuple(sorted(n for n in changements if getattr(u, n) != getattr(modifie, n)))
    if not champs:
        return ctx.refuser(
            [role.ROLE_09.constat(f"aucun changement pour {u.identifiant}", cible=u.identifiant)]
        )
    probleme: list[Constat] = []
    avert: list[Constat] = []
    emails: list[tuple[str, str, bool]] = []
    if "email" in champs:
        probleme.extend(_controler_email(ctx, modifie.email, u.identifiant, exclu=u.cle))
        if modifie.email.cle != u.email.cle:
            emails = [(u.email.cle, u.cle, False), (modifie.email.cle, u.cle, True)]
    if "nom" in champs or "prenom" in champs:
        avert.extend(_controler_nom(modifie))
    for gk in ctx.idx.groupes_de(u.cle):
        probleme.extend(_controler_adhesion(ctx, modifie, ctx.c._groupes[gk]))
    if probleme:
        return ctx.refuser(probleme)
    return ctx.accepter(
        [ctx.evenement(CompteModifie, utilisateur=u.identifiant, champs=champs)],
        comptes=_copie(ctx.c._utilisateurs, u.cle, modifie),
        emails=emails,
        constats=avert,
    )


def cloturer_compte(
    convention: Convention,
    *,
    par: Acteur,
    utilisateur: str,
    le: datetime | None = None,
    instant: datetime,
    politique: Politique | None = None,
) -> Resultat:
    """Clôture un compte à ``le`` (``instant`` par défaut ; jamais dans le passé).

    Toujours acceptée pour un acteur autorisé : ce que la clôture casse (un groupe
    sans gestionnaire actif, une convention sans administrateur actif, un rôle AFAS
    tenu par un compte clôturé) revient en avertissements.
    """
    ctx = _Contexte(convention, par, instant, politique)
    quand = ctx.t if le is None else _controles.instant(le, "le")
    u = ctx.compte_autorise(utilisateur, role.ROLE_09, Action.MODIFIER_COMPTE)
    if isinstance(u, Resultat):
        return u
    if quand < ctx.t:
        return ctx.refuser(
            [
                usr.USR_05.constat(
                    f"une clôture ne s'antidate pas : {quand.isoformat()} précède l'instant de la "
                    "commande",
                    cible=u.identifiant,
                )
            ]
        )
    if u.cloture_le is not None and u.cloture_le <= quand:
        return ctx.refuser(
            [
                usr.USR_05.constat(
                    f"le compte {u.identifiant} est déjà clôturé (ou le sera) le "
                    f"{u.cloture_le.isoformat()}",
                    cible=u.identifiant,
                )
            ]
        )
    quand = max(quand, u.cree_le)
    cloture = attrs.evolve(u, cloture_le=quand)
    return ctx.accepter(
        [ctx.evenement(CompteCloture, utilisateur=u.identifiant, le=quand)],
        comptes=_copie(ctx.c._utilisateurs, u.cle, cloture),
        constats=_consequences_cloture(ctx.c, ctx.idx, u, quand),
    )


def _consequences_cloture(
    c: Convention, idx: Index, u: Utilisateur, quand: datetime
) -> list[Constat]:
    avert: list[Constat] = []
    k = u.cle
    for gk in idx.geres_par(k):
        g = c._groupes[gk]
        avert.append(
            grp.GRP_08.constat(
                f"le groupe {g.code} n'aura plus de gestionnaire actif à partir du "
                f"{quand.isoformat()}",
                remede=f"Désignez un nouveau gestionnaire pour {g.code}.",
                cible=g.code,
                severite=W,
            )
        )
    if k in idx.administrateurs:
        autres = [c._utilisateurs[a] for a in idx.administrateurs if a != k]
        actifs = [a for a in autres if a.cloture_le is None or a.cloture_le > quand]
        avert.append(
            conv.CONV_02.constat(
                f"{u.identifiant} est administrateur : il garde sa place jusqu'à ce que la Caf "
                "nomme son remplaçant (annexe 3)"
                + ("" if actifs else " ; la convention n'aura plus aucun administrateur actif"),
                remede="Signalez le départ à la Caf pour qu'elle établisse l'annexe 3.",
                cible=u.identifiant,
                severite=W,
            )
        )
    roles = afas.roles_afas(c.afas, k)
    if roles:
        avert.append(
            afas.AFAS_03.constat(
                f"{u.identifiant} tient le(s) rôle(s) AFAS {', '.join(roles)}",
                remede="Configurez un autre titulaire (changement d'approbateur avec PJ 3 pour "
                "l'approbateur).",
                cible=u.identifiant,
                severite=W,
            )
        )
    return avert


def reactiver_compte(
    convention: Convention,
    *,
    par: Acteur,
    utilisateur: str,
    instant: datetime,
    politique: Politique | None = None,
) -> Resultat:
    """Supprime la date de clôture : le compte retrouve exactement ce qu'il avait."""
    ctx = _Contexte(convention, par, instant, politique)
    u = ctx.compte_autorise(utilisateur, role.ROLE_09, Action.MODIFIER_COMPTE)
    if isinstance(u, Resultat):
        return u
    if u.cloture_le is None:
        return ctx.refuser(
            [
                usr.USR_05.constat(
                    f"le compte {u.identifiant} n'est pas clôturé", cible=u.identifiant
                )
            ]
        )
    return ctx.accepter(
        [ctx.evenement(CompteReactive, utilisateur=u.identifiant)],
        comptes=_copie(ctx.c._utilisateurs, u.cle, attrs.evolve(u, cloture_le=None)),
    )


def designer_administrateur(
    convention: Convention,
    *,
    par: Acteur,
    identifiant: str,
    remplace: str | None = None,
    instant: datetime,
    politique: Politique | None = None,
) -> Resultat:
    """La Caf désigne un administrateur (annexe 3), en remplacement d'un autre s'il le faut."""
    ctx = _Contexte(convention, par, instant, politique)
    if not isinstance(ctx.par, ActeurCaf):
        return ctx.refuser(
            [
                conv.CONV_03.constat(
                    f"{apercu(ctx.par)} ne peut pas désigner d'administrateur : seule la Caf "
                    "le fait, par une annexe 3 à la convention",
                    remede="L'administrateur en place signale le "
                    "départ à la Caf, qui établit l'annexe 3.",
                    cible=_cible(ctx.par),
                )
            ]
        )
    c = ctx.c
    u = ctx.compte(identifiant, conv.CONV_03)
    if isinstance(u, list):
        return ctx.refuser(u)
    probleme: list[Constat] = []
    admins = {cle(a): a for a in c.administrateurs}
    if u.cle in admins:
        probleme.append(
            conv.CONV_03.constat(f"{u.identifiant} est déjà administrateur", cible=u.identifiant)
        )
    if not ctx.actif(u):
        probleme.append(
            usr.USR_05.constat(f"le compte {u.identifiant} est clôturé", cible=u.identifiant)
        )
    ancien: str | None = None
    if remplace is not None:
        r = cle(remplace) if isinstance(remplace, str) else ""
        if r not in admins:
            probleme.append(
                conv.CONV_03.constat(
                    f"{apercu(remplace)} n'est pas administrateur de la convention",
                    cible=_cible(remplace),
                )
            )
        else:
            ancien = admins.pop(r)
    if len(admins) + 1 > 2:
        probleme.append(
            conv.CONV_02.constat(
                "la convention a déjà deux administrateurs : nommez celui que le nouveau remplace",
                cible=u.identifiant,
            )
        )
    if probleme:
        return ctx.refuser(probleme)
    nouveaux = frozenset([*admins.values(), u.identifiant])
    return ctx.accepter(
        [ctx.evenement(AdministrateurDesigne, identifiant=u.identifiant, remplace=ancien)],
        administrateurs=nouveaux,
    )


# --- AFAS -------------------------------------------------------------------------------


def configurer_role_afas(
    convention: Convention,
    *,
    par: Acteur,
    utilisateur: str,
    role: RoleAfas | str,
    instant: datetime,
    politique: Politique | None = None,
) -> Resultat:
    """Configure un rôle AFAS (FDA, FDF, premier approbateur) pour un déclarant."""
    ctx = _Contexte(convention, par, instant, politique)
    r = RoleAfas.parse(role)
    u = ctx.compte_autorise(utilisateur, afas.AFAS_02, Action.CONFIGURER_AFAS)
    if isinstance(u, Resultat):
        return u
    c = ctx.c
    config = c.afas
    probleme: list[Constat] = []
    if not ctx.actif(u):
        probleme.append(
            usr.USR_05.constat(f"le compte {u.identifiant} est clôturé", cible=u.identifiant)
        )
    if not afas.est_declarant(c, ctx.idx, u.cle):
        probleme.append(
            afas.AFAS_03.constat(
                f"{u.identifiant} n'est pas membre d'{GROUPE_AFAS_DECLARER}",
                remede=f"Ajoutez-le d'abord à {GROUPE_AFAS_DECLARER}.",
                cible=u.identifiant,
            )
        )
    if r.value.upper() in {x.upper() for x in afas.roles_afas(config, u.cle)}:
        probleme.append(
            afas.AFAS_03.constat(f"{u.identifiant} a déjà le rôle {r.value}", cible=u.identifiant)
        )
    if r is RoleAfas.FDA and len(config.fda) >= MAX_FDA:
        probleme.append(
            afas.AFAS_03.constat(
                f"il y a déjà {MAX_FDA} fournisseurs de données d'activité (FDA)",
                remede="Retirez d'abord le rôle à l'un d'eux.",
                cible=u.identifiant,
            )
        )
    if r is RoleAfas.FDF and len(config.fdf) >= MAX_FDF:
        probleme.append(
            afas.AFAS_03.constat(
                f"il y a déjà {MAX_FDF} fournisseurs de données financières (FDF)",
                remede="Retirez d'abord le rôle à l'un d'eux.",
                cible=u.identifiant,
            )
        )
    if r is RoleAfas.APPROBATEUR and (config.approbateur or config.approbateur_en_attente):
        probleme.append(
            afas.AFAS_05.constat(
                "un approbateur est déjà en fonction ou en attente de validation : le remplacer "
                "passe par un changement d'approbateur (PJ 3 à la Caf)",
                remede="Utilisez le changement d'approbateur.",
                cible=u.identifiant,
            )
        )
    if probleme:
        return ctx.refuser(probleme)
    if r is RoleAfas.FDA:
        nouvelle = attrs.evolve(config, fda=config.fda | {u.identifiant})
    elif r is RoleAfas.FDF:
        nouvelle = attrs.evolve(config, fdf=config.fdf | {u.identifiant})
    else:
        nouvelle = attrs.evolve(config, approbateur=u.identifiant)
    return ctx.accepter(
        [ctx.evenement(RoleAfasConfigure, utilisateur=u.identifiant, role=r)], afas_=nouvelle
    )


def retirer_role_afas(
    convention: Convention,
    *,
    par: Acteur,
    utilisateur: str,
    role: RoleAfas | str,
    instant: datetime,
    politique: Politique | None = None,
) -> Resultat:
    """Retire un rôle FDA ou FDF (l'approbateur ne se retire pas : il se remplace)."""
    ctx = _Contexte(convention, par, instant, politique)
    r = RoleAfas.parse(role)
    u = ctx.compte_autorise(utilisateur, afas.AFAS_02, Action.CONFIGURER_AFAS)
    if isinstance(u, Resultat):
        return u
    config = ctx.c.afas
    if r is RoleAfas.APPROBATEUR:
        return ctx.refuser(
            [
                afas.AFAS_03.constat(
                    "l'approbateur ne se retire pas : une configuration en a exactement un ; il se "
                    "remplace par un changement d'approbateur",
                    cible=u.identifiant,
                )
            ]
        )
    titulaires = config.fda if r is RoleAfas.FDA else config.fdf
    present = frozenset(x for x in titulaires if cle(x) == u.cle)
    if not present:
        return ctx.refuser(
            [
                afas.AFAS_03.constat(
                    f"{u.identifiant} n'a pas le rôle {r.value}", cible=u.identifiant
                )
            ]
        )
    nouvelle = (
        attrs.evolve(config, fda=config.fda - present)
        if r is RoleAfas.FDA
        else attrs.evolve(config, fdf=config.fdf - present)
    )
    avert = []
    if not (nouvelle.fda if r is RoleAfas.FDA else nouvelle.fdf):
        avert.append(
            afas.AFAS_04.constat(
                f"plus aucun {r.value} : la configuration AFAS est incomplète", severite=W
            )
        )
    return ctx.accepter(
        [ctx.evenement(RoleAfasRetire, utilisateur=u.identifiant, role=r)],
        afas_=nouvelle,
        constats=avert,
    )


def changer_approbateur(
    convention: Convention,
    *,
    par: Acteur,
    utilisateur: str,
    instant: datetime,
    politique: Politique | None = None,
) -> Resultat:
    """Propose un nouvel approbateur : il attend la validation de la Caf (PJ 3)."""
    ctx = _Contexte(convention, par, instant, politique)
    u = ctx.compte_autorise(utilisateur, afas.AFAS_02, Action.CONFIGURER_AFAS)
    if isinstance(u, Resultat):
        return u
    c = ctx.c
    config = c.afas
    probleme: list[Constat] = []
    if config.approbateur is None:
        probleme.append(
            afas.AFAS_05.constat(
                "aucun approbateur n'est en fonction : le premier se configure directement",
                remede="Configurez le rôle d'approbateur.",
                cible=u.identifiant,
            )
        )
    elif cle(config.approbateur) == u.cle:
        probleme.append(
            afas.AFAS_05.constat(
                f"{u.identifiant} est déjà l'approbateur en fonction", cible=u.identifiant
            )
        )
    if config.approbateur_en_attente is not None and cle(config.approbateur_en_attente) == u.cle:
        probleme.append(
            afas.AFAS_05.constat(
                f"{u.identifiant} attend déjà la validation de la Caf", cible=u.identifiant
            )
        )
    if not ctx.actif(u):
        probleme.append(
            usr.USR_05.constat(f"le compte {u.identifiant} est clôturé", cible=u.identifiant)
        )
    if not afas.est_declarant(c, ctx.idx, u.cle):
        probleme.append(
            afas.AFAS_03.constat(
                f"{u.identifiant} n'est pas membre d'{GROUPE_AFAS_DECLARER}",
                remede=f"Ajoutez-le d'abord à {GROUPE_AFAS_DECLARER}.",
                cible=u.identifiant,
            )
        )
    if probleme:
        return ctx.refuser(probleme)
    info = afas.AFAS_05.constat(
        f"{u.identifiant} attend la validation de la Caf ; {config.approbateur} reste "
        "approbateur d'ici là",
        remede="Transmettez la PJ 3 à la Caf.",
        cible=u.identifiant,
        severite=I,
    )
    return ctx.accepter(
        [ctx.evenement(Pj3Requise, utilisateur=u.identifiant, precedent=config.approbateur)],
        afas_=attrs.evolve(config, approbateur_en_attente=u.identifiant),
        constats=[info],
    )


def valider_approbateur(
    convention: Convention,
    *,
    par: Acteur,
    instant: datetime,
    politique: Politique | None = None,
) -> Resultat:
    """La Caf valide l'approbateur en attente (dans MAIA) : il entre en fonction."""
    ctx = _Contexte(convention, par, instant, politique)
    if not isinstance(ctx.par, ActeurCaf):
        return ctx.refuser(
            [
                afas.AFAS_05.constat(
                    "seule la Caf valide un nouvel approbateur (dans MAIA)", cible=_cible(ctx.par)
                )
            ]
        )
    config = ctx.c.afas
    if config.approbateur_en_attente is None:
        return ctx.refuser([afas.AFAS_05.constat("aucun approbateur n'attend de validation")])
    nouveau = config.approbateur_en_attente
    return ctx.accepter(
        [ctx.evenement(ApprobateurValide, utilisateur=nouveau, precedent=config.approbateur)],
        afas_=attrs.evolve(config, approbateur=nouveau, approbateur_en_attente=None),
    )


# --- mots de passe ----------------------------------------------------------------------


def _soi(ctx: _Contexte, regle: Regle, quoi: str) -> Utilisateur | Resultat:
    if isinstance(ctx.par, ActeurCaf):
        return ctx.refuser(
            [
                regle.constat(
                    f"la Caf ne peut pas {quoi} : les mots de passe sont gérés par le système et "
                    "l'utilisateur lui-même"
                )
            ]
        )
    u = ctx.c.trouver_utilisateur(ctx.par)
    if u is None:
        return ctx.refuser(
            [
                regle.constat(
                    f"aucun compte {apercu(ctx.par)} dans la convention", cible=_cible(ctx.par)
                )
            ]
        )
    if not ctx.actif(u):
        return ctx.refuser(
            [
                usr.USR_05.constat(
                    f"le compte {u.identifiant} est clôturé",
                    remede="Adressez-vous à votre "
                    "gestionnaire d'habilitations ou à votre administrateur.",
                    cible=u.identifiant,
                )
            ]
        )
    return u


def demander_nouveau_mot_de_passe(
    convention: Convention,
    *,
    par: Acteur,
    instant: datetime,
    politique: Politique | None = None,
) -> Resultat:
    """« Mot de passe oublié » : l'utilisateur lui-même reçoit un mot de passe de 24 h."""
    ctx = _Contexte(convention, par, instant, politique)
    u = _soi(ctx, mdp.MDP_04, "demander un mot de passe")
    if isinstance(u, Resultat):
        return u
    nouveau = MotDePasseTemporaire(ctx.t)
    modifie = attrs.evolve(u, mot_de_passe_temporaire=nouveau, mot_de_passe_personnalise=False)
    return ctx.accepter(
        [
            ctx.evenement(
                MotDePasseTemporaireEmis,
                utilisateur=u.identifiant,
                email=u.email,
                expire_le=nouveau.expire_le,
            )
        ],
        comptes=_copie(ctx.c._utilisateurs, u.cle, modifie),
    )


def personnaliser_mot_de_passe(
    convention: Convention,
    *,
    par: Acteur,
    instant: datetime,
    politique: Politique | None = None,
) -> Resultat:
    """Première connexion : l'utilisateur personnalise son mot de passe, dans les 24 h."""
    ctx = _Contexte(convention, par, instant, politique)
    u = _soi(ctx, mdp.MDP_03, "personnaliser un mot de passe")
    if isinstance(u, Resultat):
        return u
    temporaire = u.mot_de_passe_temporaire
    if temporaire is None:
        return ctx.refuser(
            [
                mdp.MDP_03.constat(
                    f"{u.identifiant} n'a pas de mot de passe temporaire en cours",
                    remede="Suivez la procédure « mot de passe oublié » pour en recevoir un.",
                    cible=u.identifiant,
                )
            ]
        )
    if not temporaire.est_valide(ctx.t):
        return ctx.refuser(
            [
                mdp.MDP_02.constat(
                    f"le mot de passe temporaire de {u.identifiant} a expiré le "
                    f"{temporaire.expire_le.isoformat()} (24 heures après son émission)",
                    remede="Suivez la procédure « mot de passe oublié » : le système envoie un "
                    "nouveau mot de passe valable 24 heures.",
                    cible=u.identifiant,
                )
            ]
        )
    modifie = attrs.evolve(
        u, mot_de_passe_temporaire=None, mot_de_passe_personnalise=True, derniere_connexion=ctx.t
    )
    return ctx.accepter(
        [ctx.evenement(MotDePassePersonnalise, utilisateur=u.identifiant)],
        comptes=_copie(ctx.c._utilisateurs, u.cle, modifie),
    )


# --- commun -----------------------------------------------------------------------------


def _refus_acteur_ou(ctx: _Contexte, action: Action, inconnus: list[Constat]) -> Resultat:
    """Refus quand un groupe ou un compte nommé n'existe pas : l'acteur d'abord."""
    d = decider(ctx.c, ctx.idx, ctx.par, action, ctx.t)
    premier = (
        [
            x
            for x in d.constats
            if x.severite is Severite.ERREUR and x.code in ("MCP-USR-05", "MCP-CONV-05")
        ]
        if not d.autorise
        else []
    )
    acteur_inconnu = (
        not isinstance(ctx.par, ActeurCaf) and ctx.c.trouver_utilisateur(ctx.par) is None
    )
    if acteur_inconnu:
        premier = list(d.constats)
    return ctx.refuser([*premier, *inconnus])
