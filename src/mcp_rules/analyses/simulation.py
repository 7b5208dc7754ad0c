"""Prévoir l'effet de commandes avant de les exécuter : qui gagne, qui perd, quels constats.

:func:`simuler` applique une suite de commandes sans rien engager (les objets sont
immuables : la convention d'origine reste intacte) et compare l'avant et l'après :
les comptes qui gagnent ou perdent l'accès à CDAP ou un profil, ou l'accès à un autre
service, et les constats d'audit qui apparaissent ou disparaissent.

>>> from mcp_rules import Commande, simuler
>>> from mcp_rules.exemple import convention_exemple, INSTANT_EXEMPLE
>>> s = simuler(
...     convention_exemple(),
...     [Commande("retirer_role", par="adm.martin", arguments={"groupe": "T1AS"})],
...     instant=INSTANT_EXEMPLE,
... )
>>> [(c.identifiant, [p.value for p in c.perdus]) for c in s.changements]
[('as.leroy', ['T1']), ('as.moreau', ['T1'])]
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, Final

import attrs

from mcp_rules import commandes as _commandes
from mcp_rules.analyses.audit import auditer
from mcp_rules.analyses.effets import Changement, Simulation
from mcp_rules.commandes import Resultat
from mcp_rules.decisions.acces import profils_effectifs
from mcp_rules.decisions.services import acces_par_service, services_du_compte
from mcp_rules.fondations import controles, erreurs
from mcp_rules.fondations.acteurs import Acteur, ActeurCaf
from mcp_rules.fondations.controles import cle, moment
from mcp_rules.fondations.enumerations import ProfilT, Service
from mcp_rules.fondations.erreurs import DonneeInvalide, apercu
from mcp_rules.modele import Convention, Politique, exiger_convention, exiger_politique
from mcp_rules.modele.evenements import (
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
    RoleAffecte,
    RoleRetire,
)
from mcp_rules.modele.index import Index, index
from mcp_rules.regles import afas, conv, elig, grp, mdp, sec, usr
from mcp_rules.regles.contexte import ContexteAudit
from mcp_rules.regles.regle import Constat, trier_constats

__all__ = ["COMMANDES", "Changement", "Commande", "Simulation", "simuler"]

COMMANDES: Final[frozenset[str]] = frozenset(_commandes.COMMANDES)
"""Les noms des commandes que :class:`Commande` peut désigner."""


@attrs.frozen(slots=True)
class Commande:
    """Une commande à simuler : son nom (``"retirer_role"``), qui agit, ses arguments."""

    nom: str
    par: Acteur = attrs.field(kw_only=True)
    arguments: Mapping[str, Any] = attrs.field(
        kw_only=True, factory=dict, converter=controles.lecture_seule
    )

    def __attrs_post_init__(self) -> None:
        if self.nom not in COMMANDES:
            raise DonneeInvalide(
                erreurs.VALEUR,
                f"commande inconnue {apercu(self.nom)} ; commandes permises : "
                + ", ".join(sorted(COMMANDES)),
                valeur=self.nom,
            )
        if not isinstance(self.par, (str, ActeurCaf)):
            raise DonneeInvalide(
                erreurs.TYPE,
                f"par : un identifiant ou CAF est attendu, pas {apercu(self.par)}",
                valeur=self.par,
            )
        interdits = {"par", "instant"} & set(self.arguments)
        if interdits:
            raise DonneeInvalide(
                erreurs.VALEUR,
                "arguments : « par » et « instant » se donnent à part",
                valeur=sorted(interdits),
            )

    def executer(
        self, convention: Convention, *, instant: datetime, politique: Politique | None = None
    ) -> Resultat:
        """Applique la commande (pour de vrai : rend le nouvel état)."""
        fonction = getattr(_commandes, self.nom)
        try:
            inspect.signature(fonction).bind(
                convention, par=self.par, instant=instant, politique=politique, **self.arguments
            )
        except TypeError as exc:  # un argument en trop ou manquant : une saisie fautive
            raise DonneeInvalide(
                erreurs.VALEUR,
                f"arguments de {self.nom} invalides ({exc}) ; attendus : "
                + ", ".join(
                    n
                    for n in inspect.signature(fonction).parameters
                    if n not in {"convention", "par", "instant", "politique"}
                ),
                valeur=dict(self.arguments),
            ) from None
        resultat: Resultat = fonction(
            convention, par=self.par, instant=instant, politique=politique, **self.arguments
        )
        return resultat


_Etat = tuple[tuple[ProfilT, ...], tuple[Service, ...]]


def _etat(c: Convention, t: datetime) -> dict[str, _Etat]:
    """Les profils et services de chaque compte (la simulation complète)."""
    idx = index(c)
    autres = acces_par_service(c)
    etat: dict[str, _Etat] = {}
    for k, u in c._utilisateurs.items():
        if u.cloture_le is not None and t >= u.cloture_le:
            etat[k] = ((), ())
            continue
        profils = tuple(sorted(profils_effectifs(c, idx, u, None), key=lambda p: p.rang))
        services = ([Service.CDAP] if profils else []) + [
            s for s, comptes in autres.items() if k in comptes
        ]
        etat[k] = (profils, tuple(sorted(services, key=lambda s: s.value)))
    return etat


def _etat_du_compte(c: Convention, idx: Index, k: str, t: datetime) -> _Etat:
    """Les profils et services d'un compte : la valeur de :func:`_etat` pour ce seul compte."""
    u = c._utilisateurs.get(k)
    if u is None or (u.cloture_le is not None and t >= u.cloture_le):
        return ((), ())
    profils = tuple(sorted(profils_effectifs(c, idx, u, None), key=lambda p: p.rang))
    services = ([Service.CDAP] if profils else []) + list(services_du_compte(c, idx, k))
    return (profils, tuple(sorted(services, key=lambda s: s.value)))


_EVENEMENTS_LOCAUX: Final[frozenset[type[Evenement]]] = frozenset(
    {
        GroupeCree,
        RoleAffecte,
        RoleRetire,
        LibelleModifie,
        GestionnaireDesigne,
        CompteCree,
        CompteModifie,
        IdentifiantEnvoye,
        MotDePasseTemporaireEmis,
        MembreAjoute,
        MembreRetire,
        CompteCloture,
        CompteReactive,
        MotDePassePersonnalise,
    }
)
"""Les événements qui ne changent que les comptes et les groupes qu'ils nomment (et leurs
membres) ; tout autre événement (administrateurs, rôles AFAS…) fait simuler en entier."""

_CHAMPS_COMPTE: Final = ("utilisateur", "identifiant", "gestionnaire", "precedent", "remplace")
_CHAMPS_GROUPE: Final = ("groupe", "parent")
_TABLES: Final = frozenset({"_utilisateurs", "_groupes", "_journal", "_cache"})


@attrs.frozen(slots=True)
class _Portee:
    """Ce que des commandes ont pu changer : comptes (clés), groupes (clés), adresses, et les
    événements qu'elles ont ajoutés au journal (à partir de la position ``debut``).

    ``memes_comptes`` : les comptes de la portée dont l'objet est le même avant et après
    (un groupe à eux a changé, pas eux)."""

    comptes: frozenset[str]
    groupes: frozenset[str]
    adresses: frozenset[str]
    evenements: tuple[Evenement, ...]
    debut: int
    memes_comptes: frozenset[str]


def _portee(c0: Convention, c1: Convention) -> _Portee | None:
    """La portée des changements de ``c0`` à ``c1``, lue dans les événements ajoutés ; ``None``
    si un changement touche la convention entière (la simulation se fait alors en entier).

    Un compte change si un événement le nomme ; un groupe, si un événement le nomme ou nomme
    son gestionnaire ; l'état d'un compte, s'il change ou si l'un de ses groupes change (avant
    ou après) ; une adresse, si un compte qui l'a (avant ou après) change.
    """
    for champ in attrs.fields(Convention):
        if champ.name not in _TABLES and getattr(c0, champ.name) != getattr(c1, champ.name):
            return None
    debut = len(c0._journal)
    if len(c1._journal) < debut:
        return None
    evenements = c1._journal.depuis(debut)
    nommes: set[str] = set()
    groupes: set[str] = set()
    for e in evenements:
        if type(e) not in _EVENEMENTS_LOCAUX:
            return None
        for nom in _CHAMPS_COMPTE:
            valeur = getattr(e, nom, None)
            if isinstance(valeur, str):
                nommes.add(cle(valeur))
        for nom in _CHAMPS_GROUPE:
            valeur = getattr(e, nom, None)
            if isinstance(valeur, str):
                groupes.add(cle(valeur))
    idx0, idx1 = index(c0), index(c1)
    for k in nommes:
        groupes.update(idx0.geres_par(k))
        groupes.update(idx1.geres_par(k))
    comptes = set(nommes)
    for gk in groupes:
        for c in (c0, c1):
            g = c._groupes.get(gk)
            if g is not None:
                comptes.update(cle(m) for m in g.membres)
    adresses = {
        u.email.cle for c in (c0, c1) for k in nommes if (u := c._utilisateurs.get(k)) is not None
    }
    memes = frozenset(
        k
        for k in comptes
        if (u := c0._utilisateurs.get(k)) is not None and u is c1._utilisateurs.get(k)
    )
    return _Portee(
        frozenset(comptes), frozenset(groupes), frozenset(adresses), evenements, debut, memes
    )


def _constats_de_la_portee(a: ContexteAudit, p: _Portee, *, journal: bool) -> list[Constat]:
    """Les constats d'audit de ce que la portée couvre, dans l'ordre des rapports : les parts
    de la convention entière, des groupes, des comptes et des adresses de la portée ; avec
    ``journal``, ceux des événements ajoutés."""
    c = a.convention
    constats: list[Constat] = [
        *conv.auditer_convention(a),
        *grp.auditer_convention(a),
        *afas.auditer(a),
        *sec.auditer(a),
    ]
    for gk in p.groupes:
        g = c._groupes.get(gk)
        if g is not None:
            constats.extend(conv.auditer_groupe(a, g))
            constats.extend(grp.auditer_groupe(a, g))
    for k in p.comptes:
        u = c._utilisateurs.get(k)
        if u is None:
            continue
        if k not in p.memes_comptes:
            # MCP-USR et MCP-MDP ne lisent d'un compte que lui-même (et l'instant, la
            # politique, les champs de la convention, que la portée a vérifiés égaux) : pour
            # le même objet avant et après, leurs constats sont les mêmes des deux côtés, et
            # s'annulent dans la différence. MCP-ELIG lit aussi ses groupes : toujours.
            constats.extend(usr.auditer_compte(a, u))
            constats.extend(mdp.auditer_compte(a, u))
        constats.extend(elig.auditer_compte(a, u))
    for adresse in p.adresses:
        constats.extend(usr.auditer_adresse(a, adresse))
    if journal:
        for i, e in enumerate(p.evenements, p.debut):
            constats.extend(conv.auditer_evenement(a, i, e))
            constats.extend(grp.auditer_evenement(a, i, e))
    return trier_constats(constats)


def _cle_constat(c: Constat) -> tuple[str, str | None, str]:
    return (c.code, c.cible, c.message)


def simuler(
    convention: Convention,
    commandes: Iterable[Commande],
    *,
    instant: datetime,
    politique: Politique | None = None,
) -> Simulation:
    """Applique les commandes dans l'ordre, sans rien engager, et dit ce qui changerait."""
    c0 = exiger_convention(convention)
    t = moment(instant)
    politique = exiger_politique(politique)
    if isinstance(commandes, (str, bytes, Mapping)) or not isinstance(commandes, Iterable):
        raise DonneeInvalide(
            erreurs.TYPE,
            f"commandes : une liste de Commande est attendue, pas {apercu(commandes)}",
            valeur=commandes,
        )
    liste = list(commandes)
    for i, cmd in enumerate(liste):
        if not isinstance(cmd, Commande):
            raise DonneeInvalide(
                erreurs.TYPE,
                f"commandes[{i}] : une Commande est attendue, pas {apercu(cmd)}",
                valeur=cmd,
            )
    courante = c0
    resultats = []
    for cmd in liste:
        resultat = cmd.executer(courante, instant=t, politique=politique)
        resultats.append(resultat)
        courante = resultat.convention
    portee = _portee(c0, courante)
    if portee is None:
        changements = _changements(_etat(c0, t), _etat(courante, t), courante)
        liste_avant = auditer(c0, instant=t, politique=politique).constats
        liste_apres = auditer(courante, instant=t, politique=politique).constats
    else:
        changements = _changements_de_la_portee(c0, courante, portee, t)
        pol = politique or Politique()
        liste_avant = tuple(
            _constats_de_la_portee(ContexteAudit(c0, index(c0), t, pol), portee, journal=False)
        )
        liste_apres = tuple(
            _constats_de_la_portee(
                ContexteAudit(courante, index(courante), t, pol), portee, journal=True
            )
        )
    audit_avant = {_cle_constat(x): x for x in liste_avant}
    audit_apres = {_cle_constat(x): x for x in liste_apres}
    return Simulation(
        resultats=tuple(resultats),
        convention=courante,
        changements=tuple(changements),
        nouveaux_constats=tuple(x for k, x in audit_apres.items() if k not in audit_avant),
        constats_resolus=tuple(x for k, x in audit_avant.items() if k not in audit_apres),
    )


def _changements(
    avant: dict[str, _Etat], apres: dict[str, _Etat], courante: Convention
) -> list[Changement]:
    return [
        _changement(courante, k, avant.get(k, ((), ())), apres[k])
        for k in sorted(apres)
        if avant.get(k, ((), ())) != apres[k]
    ]


def _changements_de_la_portee(
    c0: Convention, c1: Convention, p: _Portee, t: datetime
) -> list[Changement]:
    idx0, idx1 = index(c0), index(c1)
    resultat = []
    for k in sorted(p.comptes):
        if k not in c1._utilisateurs:
            continue
        a, b = _etat_du_compte(c0, idx0, k, t), _etat_du_compte(c1, idx1, k, t)
        if a != b:
            resultat.append(_changement(c1, k, a, b))
    return resultat


def _changement(c: Convention, k: str, a: _Etat, b: _Etat) -> Changement:
    return Changement(
        identifiant=c._utilisateurs[k].identifiant,
        avant=a[0],
        apres=b[0],
        services_avant=a[1],
        services_apres=b[1],
    )
