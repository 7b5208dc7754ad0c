"""La campagne de revue : chaque compte ouvert, qui en répond, pourquoi le regarder."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any, Final

import attrs

from mcp_rules.decisions.acces import acces_cdap
from mcp_rules.decisions.autorisations import peut
from mcp_rules.decisions.services import services_du_compte
from mcp_rules.fondations import controles, erreurs
from mcp_rules.fondations.acteurs import CAF, Acteur, ActeurCaf
from mcp_rules.fondations.controles import cle, moment
from mcp_rules.fondations.enumerations import Action, ProfilT, Service
from mcp_rules.fondations.erreurs import DonneeInvalide, apercu
from mcp_rules.fondations.ramasse_miettes import sans_ramasse_miettes
from mcp_rules.fondations.rendu import Affichable, Bloc, Code, Paragraphe, Tableau, Titre
from mcp_rules.modele import (
    Convention,
    Politique,
    Utilisateur,
    exiger_convention,
    exiger_politique,
)
from mcp_rules.modele.index import ancetres, index
from mcp_rules.regles import conv, elig, grp, mdp, usr
from mcp_rules.regles.regle import Constat, I, Regle, W

__all__ = ["ARevoir", "Revue", "cle_acteur", "nom_acteur", "ouvert", "revue"]


_CONDITIONS: Final[dict[ProfilT, tuple[Regle, str]]] = {
    ProfilT.T1: (
        elig.ELIG_01,
        (
            "le profil T1 suppose une personne toujours assistante sociale ou conseillère "
            "ESF, diplôme d'État à l'appui"
        ),
    ),
    ProfilT.T4: (
        elig.ELIG_04,
        (
            "le profil T4 suppose un agent toujours habilité à instruire le RSA, avec un "
            "numéro d'instructeur en cours de validité"
        ),
    ),
    ProfilT.T9: (
        elig.ELIG_05,
        "le profil T9 suppose des mandats judiciaires toujours en cours",
    ),
    ProfilT.T10: (
        elig.ELIG_06,
        "le profil T10 suppose un bailleur dont le code est toujours le bon",
    ),
}


class _Compte:
    """Ce que les motifs lisent d'un compte ouvert."""

    __slots__ = ("est_admin", "gere", "profils", "services", "u")

    def __init__(
        self,
        u: Utilisateur,
        profils: tuple[ProfilT, ...],
        services: tuple[Service, ...],
        gere: tuple[str, ...],
        est_admin: bool,
    ) -> None:
        self.u = u
        self.profils = profils
        self.services = services
        self.gere = gere
        self.est_admin = est_admin


def _inactif(c: Convention, x: _Compte, limite: datetime, pol: Politique) -> Iterator[Constat]:
    u = x.u
    vu = u.derniere_connexion or u.cree_le
    if vu < limite:
        quand = (
            f"{u.identifiant} ne s'est jamais connecté depuis la création du compte, le "
            f"{u.cree_le.isoformat()}"
            if u.derniere_connexion is None
            else f"{u.identifiant} ne s'est pas connecté depuis le {vu.isoformat()}"
        )
        yield usr.USR_04.constat(
            f"{quand}, plus de {pol.inactivite_max.days} jours",
            remede="Si la personne est partie ou n'a plus besoin de l'accès, clôturez le compte.",
            cible=u.identifiant,
            severite=W,
        )


def _mot_de_passe(c: Convention, x: _Compte, limite: datetime, pol: Politique) -> Iterator[Constat]:
    u = x.u
    if not u.mot_de_passe_personnalise and u.mot_de_passe_temporaire is not None:
        yield mdp.MDP_03.constat(
            f"{u.identifiant} n'a jamais personnalisé son mot de passe temporaire : le compte "
            "n'a peut-être jamais servi",
            remede="Vérifiez que la personne a bien reçu ses identifiants, ou clôturez.",
            cible=u.identifiant,
            severite=W,
        )


def _conditions(c: Convention, x: _Compte, limite: datetime, pol: Politique) -> Iterator[Constat]:
    for p in x.profils:
        regle_texte = _CONDITIONS.get(p)
        if regle_texte is not None:
            regle, texte = regle_texte
            yield regle.constat(
                f"{x.u.identifiant} tient {p.value} : {texte} (données déclarées à confirmer)",
                remede="Confirmez que les conditions sont toujours remplies, sinon retirez le "
                "compte du groupe ou clôturez-le.",
                cible=x.u.identifiant,
                severite=I,
            )


def _responsabilites(
    c: Convention, x: _Compte, limite: datetime, pol: Politique
) -> Iterator[Constat]:
    ident = x.u.identifiant
    if x.gere:
        codes = sorted(c._groupes[gk].code for gk in x.gere)
        yield grp.GRP_08.constat(
            f"{ident} est gestionnaire de {', '.join(codes)} : toujours en fonction ?",
            remede="S'il a quitté ses fonctions, désignez un autre gestionnaire avant de "
            "clôturer son compte.",
            cible=ident,
            severite=I,
        )
    if x.est_admin:
        yield conv.CONV_02.constat(
            f"{ident} est administrateur partenaire : toujours en fonction ?",
            remede="Un départ d'administrateur se signale à la Caf, seule à désigner son "
            "remplaçant (annexe 3).",
            cible=ident,
            severite=I,
        )


def _etendue(c: Convention, x: _Compte, limite: datetime, pol: Politique) -> Iterator[Constat]:
    ident = x.u.identifiant
    if len(x.profils) > 1:
        yield usr.USR_07.constat(
            f"{ident} tient {len(x.profils)} profils ("
            + ", ".join(p.value for p in x.profils)
            + ") : chacun est-il nécessaire ?",
            remede="Retirez le compte des groupes dont ses missions n'ont plus besoin.",
            cible=ident,
            severite=I,
        )
    if not x.services and not x.gere and not x.est_admin:
        yield usr.USR_06.constat(
            f"{ident} n'ouvre aucun service : le compte est-il encore utile ?",
            remede="Clôturez-le si la personne n'en a plus l'usage.",
            cible=ident,
            severite=I,
        )


_MOTIFS: Final = (_inactif, _mot_de_passe, _conditions, _responsabilites, _etendue)
"""Les motifs d'attention, dans l'ordre où ils s'affichent."""


@attrs.frozen(slots=True, kw_only=True)
class ARevoir:
    """Un compte à confirmer : qui en répond, ce qu'il ouvre, pourquoi le regarder de près.

    ``relecteurs`` : ceux qui peuvent le clôturer (identifiants, ou :data:`~mcp_rules.CAF`) ;
    ``motifs`` : des constats (``MCP-USR-04`` inactif, ``MCP-MDP-03`` mot de passe jamais
    personnalisé, ``MCP-ELIG-0x`` conditions d'un profil reposant sur des données déclarées,
    ``MCP-GRP-08`` gestionnaire, ``MCP-USR-07`` plusieurs profils, ``MCP-USR-06`` compte qui
    n'ouvre rien, ``MCP-CONV-02`` administrateur). Sans motif, la confirmation est de routine.
    """

    identifiant: str
    relecteurs: tuple[Acteur, ...]
    profils: tuple[ProfilT, ...] = ()
    services: tuple[Service, ...] = ()
    derniere_connexion: datetime | None = None
    motifs: tuple[Constat, ...] = ()

    def __attrs_post_init__(self) -> None:
        _exiger(isinstance(self.identifiant, str), "identifiant", "un texte", self.identifiant)
        _exiger(
            _suite_de(self.relecteurs, (str, ActeurCaf)),
            "relecteurs",
            "un tuple d'identifiants ou de CAF",
            self.relecteurs,
        )
        _exiger(_suite_de(self.profils, (ProfilT,)), "profils", "un tuple de ProfilT", self.profils)
        _exiger(
            _suite_de(self.services, (Service,)), "services", "un tuple de Service", self.services
        )
        _exiger(_suite_de(self.motifs, (Constat,)), "motifs", "un tuple de Constat", self.motifs)


def nom_acteur(acteur: Acteur) -> str:
    return acteur if isinstance(acteur, str) else "Caf"


@attrs.frozen(slots=True, kw_only=True)
class Revue(Affichable):
    """Une campagne de revue : chaque compte ouvert à ``instant``, et qui le confirme."""

    convention: str
    instant: datetime
    comptes: tuple[ARevoir, ...]

    def __attrs_post_init__(self) -> None:
        _exiger(isinstance(self.convention, str), "convention", "un texte", self.convention)
        _exiger(
            isinstance(self.instant, datetime) and self.instant.tzinfo is not None,
            "instant",
            "un instant avec fuseau",
            self.instant,
        )
        _exiger(_suite_de(self.comptes, (ARevoir,)), "comptes", "un tuple d'ARevoir", self.comptes)

    @property
    def relecteurs(self) -> tuple[Acteur, ...]:
        """Chaque relecteur, une fois (les identifiants triés, puis la Caf)."""
        return tuple(r for r, _ in self._par_relecteur())

    def _par_relecteur(self) -> list[tuple[Acteur, list[ARevoir]]]:
        """(relecteur, ses comptes), en un passage sur les comptes."""
        par: dict[tuple[int, str], tuple[Acteur, list[ARevoir]]] = {}
        for a in self.comptes:
            for r in a.relecteurs:
                par.setdefault(cle_acteur(r), (r, []))[1].append(a)
        return [par[k] for k in sorted(par)]

    def pour(self, relecteur: Acteur) -> tuple[ARevoir, ...]:
        """Les comptes que ce relecteur confirme (un identifiant, sans tenir compte de la
        casse, ou :data:`~mcp_rules.CAF`)."""
        _exiger(
            isinstance(relecteur, str | ActeurCaf), "relecteur", "un identifiant ou CAF", relecteur
        )
        k = cle_acteur(relecteur)
        return next((tuple(c) for r, c in self._par_relecteur() if cle_acteur(r) == k), ())

    def compte(self, identifiant: str) -> ARevoir:
        """La ligne de ce compte ; lève :class:`~mcp_rules.DonneeInvalide` s'il n'y est pas."""
        k = cle(identifiant) if isinstance(identifiant, str) else None
        for a in self.comptes:
            if cle(a.identifiant) == k:
                return a
        raise DonneeInvalide(
            erreurs.REFERENCE,
            f"aucun compte {apercu(identifiant)} dans cette revue (inconnu ou clôturé)",
            valeur=identifiant,
        )

    def __repr__(self) -> str:
        avec = sum(1 for a in self.comptes if a.motifs)
        return (
            f"<Revue {self.convention} au {self.instant.isoformat()} : {len(self.comptes)} "
            f"compte(s), {avec} avec motif, {len(self.relecteurs)} relecteur(s)>"
        )

    def _blocs(self) -> tuple[Bloc, ...]:
        blocs: list[Bloc] = [
            Titre(f"Revue des habilitations — convention {self.convention}"),
            Paragraphe(
                f"Au {self.instant.isoformat()} : {len(self.comptes)} compte(s) ouvert(s) à "
                "confirmer."
            ),
        ]
        for r, comptes in self._par_relecteur():
            blocs.append(Titre(f"À confirmer par {nom_acteur(r)} ({len(comptes)})", 4))
            blocs.append(
                Tableau(
                    ("compte", "profils", "services", "motifs"),
                    [
                        (
                            Code(a.identifiant),
                            " ".join(p.value for p in a.profils),
                            " ".join(s.value for s in a.services),
                            Code(" ".join(m.code for m in a.motifs)) if a.motifs else "routine",
                        )
                        for a in comptes
                    ],
                )
            )
        return tuple(blocs)


def cle_acteur(acteur: Acteur) -> tuple[int, str]:
    """La clé d'un relecteur : les comptes (sans la casse), puis la Caf, jamais confondus."""
    return (0, cle(acteur)) if isinstance(acteur, str) else (1, "")


def _suite_de(valeur: object, types: tuple[type[Any], ...]) -> bool:
    return isinstance(valeur, tuple) and all(isinstance(x, types) for x in valeur)


def _exiger(condition: bool, champ: str, attendu: str, valeur: object) -> None:
    if not condition:
        raise DonneeInvalide(
            erreurs.TYPE, f"{champ} : {attendu} est attendu, pas {apercu(valeur)}", valeur=valeur
        )


@sans_ramasse_miettes
def revue(
    convention: Convention, *, instant: datetime, politique: Politique | None = None
) -> Revue:
    """La campagne de revue de cette convention à cet instant (coût linéaire en la taille).

    Chaque compte ouvert (créé et non clôturé à ``instant``) y figure une fois, avec ses relecteurs
    et ses motifs ; la limite d'inactivité est celle de la politique (90 jours par défaut).
    Comme un audit, la revue suspend le ramasse-miettes cyclique le temps de son passage :
    ses collectes complètes parcouraient tout le tas, qui grandit avec la convention, et
    rendaient le coût par compte croissant (× 1,44 de 10 000 à 100 000 comptes).
    """
    c = exiger_convention(convention)
    t = moment(instant)
    pol = exiger_politique(politique)
    pol_eff = pol if pol is not None else Politique()
    limite = controles.decaler(t, -pol_eff.inactivite_max)
    idx = index(c)
    admins = [
        c._utilisateurs[k].identifiant
        for k in sorted(idx.administrateurs or ())
        if k in c._utilisateurs and ouvert(c._utilisateurs[k], t)
    ]
    comptes: list[ARevoir] = []
    for u in c.utilisateurs:
        if not ouvert(u, t):
            continue
        acces = acces_cdap(c, u.identifiant, instant=t, politique=pol)
        profils = acces.profils
        services = tuple(
            sorted(
                services_du_compte(c, idx, u.cle) | ({Service.CDAP} if profils else set()),
                key=lambda s: s.value,
            )
        )
        gere = idx.geres_par(u.cle)
        est_admin = u.cle in (idx.administrateurs or ())
        relecteurs = _relecteurs(c, u, t, gere, est_admin, admins)
        comptes.append(
            ARevoir(
                identifiant=u.identifiant,
                relecteurs=relecteurs,
                profils=profils,
                services=services,
                derniere_connexion=u.derniere_connexion,
                motifs=tuple(
                    m
                    for motif in _MOTIFS
                    for m in motif(
                        c, _Compte(u, profils, services, gere, est_admin), limite, pol_eff
                    )
                ),
            )
        )
    return Revue(convention=c.numero, instant=t, comptes=tuple(comptes))


def ouvert(u: Utilisateur, t: datetime) -> bool:
    """Le compte existe à l'instant ``t`` et n'y est pas clôturé."""
    return u.cree_le <= t and (u.cloture_le is None or t < u.cloture_le)


def _relecteurs(
    c: Convention,
    u: Utilisateur,
    t: datetime,
    gere: tuple[str, ...],
    est_admin: bool,
    admins: list[str],
) -> tuple[Acteur, ...]:
    """Qui répond de ce compte : ses gestionnaires qui peuvent le clôturer ; sinon (et pour
    un gestionnaire ou un administrateur) les administrateurs qui le peuvent ; sinon la Caf."""
    idx = index(c)
    trouves: list[str] = []
    if not gere and not est_admin:
        candidats: set[str] = set()
        for gk in idx.groupes_de(u.cle):
            g = c._groupes[gk]
            candidats.add(g.gestionnaire)
            candidats.update(a.gestionnaire for a in ancetres(c, g))
        for m in sorted(candidats, key=cle):
            if cle(m) == u.cle or cle(m) in (idx.administrateurs or ()):
                continue
            if peut(c, m, Action.MODIFIER_COMPTE, utilisateur=u.identifiant, instant=t):
                trouves.append(c.utilisateur(m).identifiant)
    if not trouves:
        trouves = [
            a
            for a in admins
            if cle(a) != u.cle
            and peut(c, a, Action.MODIFIER_COMPTE, utilisateur=u.identifiant, instant=t)
        ]
    if not trouves:
        return (CAF,)
    return tuple(trouves)
