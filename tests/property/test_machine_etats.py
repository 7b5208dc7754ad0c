"""Machine à états : des suites aléatoires de commandes, à partir d'une convention conforme.

Chaque pas tire une commande de :mod:`mcp_rules` (les dix-huit), un acteur (administrateur,
gestionnaire, simple utilisateur, membre d'AFAS-HABILITER, la Caf, ou un inconnu) et des
arguments pris dans l'état courant (identifiants et codes existants, à la casse près, ou
inconnus), à un instant qui ne fait qu'avancer (parfois par-dessus un changement d'heure).
Après chaque pas, on vérifie :

- un refus rend l'objet même, sans événement, avec au moins une erreur ;
- les cardinalités de ``rules.md`` (un ou deux administrateurs, un gestionnaire par groupe
  qui est un compte, au plus un rôle, FDA ≤ 2, FDF ≤ 2, titulaires AFAS déclarants) ;
- un compte clôturé n'obtient rien (``acces_cdap``, ``peut`` pour chaque action) ;
- un gestionnaire ne touche que ses groupes, leurs sous-groupes et leurs comptes ;
- une commande acceptée n'introduit aucune erreur d'audit, sauf les conséquences
  documentées d'une clôture (``MCP-GRP-08``, ``MCP-CONV-02``), l'audit étant fait au même
  instant avant et après ;
- le journal ne fait que croître, et sa nouvelle queue est exactement ``evenements`` ;
- en fin de suite, l'histoire lue dans le journal (entier, puis partiel) dit à chaque instant
  ce que disait la convention de cet instant (:mod:`.historique_reference`), et la revue
  de l'état final ne fait clore que ce que son relecteur peut clore (:mod:`.revue_reference`) ;
- les invariants de sécurité de :mod:`.securite` (les droits ne descendent que de celui qui
  agit, les administrateurs ne sont touchés que par les administrateurs et la Caf, un accès
  vient d'un rôle, personne ne s'habilite soi-même, un refus ne change rien), après chaque
  commande et sur chaque état.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any, Final
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import HealthCheck, event, note, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

import mcp_rules as m
from mcp_rules import (
    CAF,
    GROUPE_AFAS_DECLARER,
    GROUPE_AFAS_HABILITER,
    Acteur,
    ActeurCaf,
    Action,
    AdresseEmail,
    ConfigurationAfas,
    Convention,
    Fonction,
    Groupe,
    MotDePasseTemporaire,
    ProfilT,
    Resultat,
    Role,
    RoleAfas,
    RoleApplicatif,
    Service,
    Utilisateur,
)
from mcp_rules import strategies as mst
from mcp_rules.modele.index import Index, index

from . import securite
from .historique_reference import verifier_avec_politique, verifier_historique
from .revue_reference import verifier_revue
from .simulation_reference import verifier_comme_la_reference, verifier_portee

# --- la convention de départ -------------------------------------------------------------

T0: Final = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
DOMAINE: Final = "ccas-exemple.fr"
FUSEAUX: Final[tuple[tzinfo, ...]] = (UTC, mst.PARIS, ZoneInfo("Indian/Reunion"))
INCONNUS: Final = ("inconnu.x", "CAF", "caf", "adm.martin2")
CODES_INCONNUS: Final = ("T7ZZ", "inconnu-groupe", "AFAS-AUTRE")


def _compte(
    identifiant: str,
    prenom: str,
    nom: str,
    t0: datetime,
    fonction: Fonction = Fonction.AUTRE,
    **autres: Any,
) -> Utilisateur:
    return Utilisateur(
        identifiant=identifiant,
        prenom=prenom,
        nom=nom,
        email=f"{prenom.lower()}.{nom.lower()}@{DOMAINE}",
        cree_le=t0 - timedelta(days=200),
        derniere_connexion=t0 - timedelta(days=2),
        mot_de_passe_personnalise=True,
        fonction=fonction,
        **autres,
    )


def convention_conforme(
    t0: datetime = T0, *, gestion_deleguee: bool = True, approbateur_en_attente: bool = False
) -> Convention:
    """Une convention sans aucune erreur d'audit à ``t0`` : chaque profil conditionné a son
    groupe et ses membres éligibles, un groupe T3 encore sans rôle, un sous-groupe ADONIS géré
    par un simple utilisateur, un compte clôturé, un compte qui vient de recevoir son mot de
    passe temporaire, AFAS complet (FDA, FDF, approbateur, parfois un approbateur en attente),
    deux administrateurs."""
    f = Fonction
    comptes = [
        _compte("adm.martin", "Claire", "Martin", t0),
        _compte("adm.bernard", "Luc", "Bernard", t0),
        _compte("gest.durand", "Sophie", "Durand", t0),
        _compte("gest.petit", "Marc", "Petit", t0),
        _compte("gest.adonis", "Yves", "Aubert", t0),
        _compte("as.leroy", "Anne", "Leroy", t0, f.ASSISTANT_SOCIAL, diplome_etat="DEASS 2012"),
        _compte("cesf.roux", "Nadia", "Roux", t0, f.CONSEILLER_ESF, diplome_etat="DECESF 2018"),
        _compte(
            "ir.lambert",
            "Paul",
            "Lambert",
            t0,
            f.INSTRUCTEUR_RSA,
            numero_instructeur="093A1230100000",
        ),
        _compte("tut.blanc", "Rose", "Blanc", t0, f.TUTEUR, mandats=frozenset({"1234567"})),
        _compte("bail.noel", "Jean", "Noel", t0, f.BAILLEUR, code_bailleur="B123"),
        _compte("pe.fournier", "Hugo", "Fournier", t0),
        _compte("ast.morel", "Lise", "Morel", t0, f.ASSISTANT_SOCIAL_DU_TRAVAIL),
        _compte("afas.dupont", "Karim", "Dupont", t0),
        _compte("afas.lefevre", "Ines", "Lefevre", t0),
        _compte("afas.approb", "Omar", "Benali", t0),
        _compte("afas.habil", "Thomas", "Garnier", t0),
        attrs.evolve(
            _compte("ancien.agent", "Lucie", "Perrin", t0),
            derniere_connexion=t0 - timedelta(days=11),
            cloture_le=t0 - timedelta(days=10),
        ),
        Utilisateur(
            identifiant="nouv.arrivee",
            prenom="Chloé",
            nom="Marchand",
            email=f"chloe.marchand@{DOMAINE}",
            cree_le=t0 - timedelta(hours=1),
            mot_de_passe_temporaire=MotDePasseTemporaire(t0 - timedelta(hours=1)),
        ),
    ]

    def groupe(
        code: str,
        libelle: str,
        service: Service,
        gestionnaire: str,
        *membres: str,
        role: Role | None = None,
        parent: str | None = None,
    ) -> Groupe:
        return Groupe(
            code=code,
            libelle=libelle,
            service=service,
            gestionnaire=gestionnaire,
            role=role,
            membres=frozenset(membres),
            parent=parent,
        )

    cdap, adonis, afas = Service.CDAP, Service.ADONIS, Service.AFAS
    groupes = [
        groupe(
            "T1AS",
            "T1 Assistants sociaux",
            cdap,
            "gest.durand",
            "as.leroy",
            "cesf.roux",
            role=ProfilT.T1,
        ),
        groupe(
            "T2PE",
            "T2 Petite enfance",
            cdap,
            "gest.durand",
            "pe.fournier",
            "ancien.agent",
            "nouv.arrivee",
            role=ProfilT.T2,
        ),
        groupe("T3ACC", "T3 Accueil", cdap, "gest.durand", "pe.fournier"),
        groupe("T4RSA", "T4 Instructeurs RSA", cdap, "adm.bernard", "ir.lambert", role=ProfilT.T4),
        groupe("T9TUT", "T9 Tuteurs", cdap, "gest.petit", "tut.blanc", role=ProfilT.T9),
        groupe("T10BAIL", "T10 Bailleurs", cdap, "gest.petit", "bail.noel", role=ProfilT.T10),
        groupe(
            "ADO",
            "Adonis accueil",
            adonis,
            "gest.adonis",
            "ast.morel",
            "pe.fournier",
            role=RoleApplicatif.ADONIS,
        ),
        groupe(
            "ADO-SUD",
            "Adonis sud",
            adonis,
            "pe.fournier",
            "ast.morel",
            parent="ADO",
            role=RoleApplicatif.ADONIS,
        ),
        groupe(
            GROUPE_AFAS_DECLARER,
            "Déclarants AFAS",
            afas,
            "adm.martin",
            "afas.dupont",
            "afas.lefevre",
            "afas.approb",
        ),
        groupe(GROUPE_AFAS_HABILITER, "Habilitation AFAS", afas, "adm.martin", "afas.habil"),
    ]
    return Convention(
        numero="19_214",
        organisme="CCAS d'Exemple",
        caf="Caf du Rhône",
        gestion_deleguee=gestion_deleguee,
        services=frozenset({cdap, afas, adonis}),
        profils_contractuels=frozenset(
            {ProfilT.T1, ProfilT.T2, ProfilT.T3, ProfilT.T4, ProfilT.T9, ProfilT.T10}
        ),
        administrateurs=frozenset({"adm.martin", "adm.bernard"}),
        utilisateurs=comptes,
        groupes=groupes,
        afas=ConfigurationAfas(
            fda=frozenset({"afas.dupont"}),
            fdf=frozenset({"afas.lefevre"}),
            approbateur="afas.approb",
            approbateur_en_attente="afas.lefevre" if approbateur_en_attente else None,
        ),
    )


# --- lectures naïves, indépendantes de la bibliothèque --------------------------------------


def cle(texte: str) -> str:
    return texte.lower()


def erreurs_audit(c: Convention, t: datetime) -> set[tuple[str, str | None]]:
    return {(x.code, x.cible) for x in m.auditer(c, instant=t).erreurs}


def ancetres(c: Convention, g: Groupe) -> Iterator[Groupe]:
    """Le groupe puis ses parents (les conventions n'ont pas de cycle)."""
    courant: Groupe | None = g
    while courant is not None:
        yield courant
        courant = None if courant.parent is None else c.trouver_groupe(courant.parent)


def gere(c: Convention, acteur: str, g: Groupe) -> bool:
    """``acteur`` gère ce groupe ou l'un de ses ancêtres."""
    return any(cle(a.gestionnaire) == cle(acteur) for a in ancetres(c, g))


def descend_de(c: Convention, g: Groupe, code: str) -> bool:
    return any(cle(a.code) == cle(code) for a in ancetres(c, g))


def membre_de(g: Groupe, ident: str) -> bool:
    return any(cle(x) == cle(ident) for x in g.membres)


def declarants(c: Convention) -> set[str]:
    return {cle(x) for g in c.groupes if descend_de(c, g, GROUPE_AFAS_DECLARER) for x in g.membres}


def membre_afas_habiliter(c: Convention, ident: str) -> bool:
    return any(descend_de(c, g, GROUPE_AFAS_HABILITER) and membre_de(g, ident) for g in c.groupes)


def titulaires_afas(config: ConfigurationAfas) -> set[str]:
    noms = set(config.fda) | set(config.fdf)
    noms |= {x for x in (config.approbateur, config.approbateur_en_attente) if x is not None}
    return {cle(x) for x in noms}


def profil_en_tete(libelle: str) -> ProfilT | None:
    """Le profil par lequel commence un libellé (interprétation 3), lu naïvement."""
    for p in sorted(ProfilT, key=lambda p: -len(p.value)):
        suite = libelle[len(p.value) : len(p.value) + 1]
        if libelle[: len(p.value)].upper() == p.value and not (suite.isascii() and suite.isalnum()):
            return p
    return None


def clos(u: Utilisateur, t: datetime) -> bool:
    return u.cloture_le is not None and t >= u.cloture_le


def consequences_cloture(
    c: Convention, ident: str, quand: datetime, t: datetime
) -> set[tuple[str, str | None]]:
    """Les erreurs qu'une clôture a le droit de faire apparaître (documentées)."""
    if quand > t:
        return set()
    u = c.utilisateur(ident)
    permises: set[tuple[str, str | None]] = {
        ("MCP-GRP-08", g.code) for g in c.groupes if cle(g.gestionnaire) == u.cle
    }
    if c.est_administrateur(u.identifiant):
        permises.add(("MCP-CONV-02", None))
    return permises


MOTS_DE_PASSE: Final = frozenset({"demander_nouveau_mot_de_passe", "personnaliser_mot_de_passe"})
CAF_SEULE: Final = frozenset({"designer_administrateur", "valider_approbateur"})


def groupes_par_cle(c: Convention) -> dict[str, Groupe]:
    return {cle(g.code): g for g in c.groupes}


def comptes_par_cle(c: Convention) -> dict[str, Utilisateur]:
    return {cle(u.identifiant): u for u in c.utilisateurs}


def verifier_perimetre(avant: Convention, apres: Convention, par: str, commande: str) -> None:
    """Un acteur non administrateur ne touche que ses groupes (et sous-groupes) et leurs
    comptes ; un membre d'AFAS-HABILITER, en plus, les membres des autres groupes AFAS."""
    assert apres.administrateurs == avant.administrateurs
    groupes_avant, groupes_apres = groupes_par_cle(avant), groupes_par_cle(apres)
    comptes_avant, comptes_apres = comptes_par_cle(avant), comptes_par_cle(apres)
    if commande in MOTS_DE_PASSE:
        assert groupes_apres == groupes_avant
        assert apres.afas == avant.afas
        changes = {k for k, u in comptes_apres.items() if comptes_avant.get(k) != u}
        assert changes <= {cle(par)}, (commande, changes)
        return
    habiliter = membre_afas_habiliter(avant, par)
    permis: set[str] = set()  # clés des groupes de son périmètre (avant ou créés)
    for k, g in groupes_apres.items():
        ancien = groupes_avant.get(k)
        if ancien is not None:
            dedans = gere(avant, par, ancien)
        else:
            assert g.parent is not None, f"{par} a créé le groupe racine {g.code}"
            pere = avant.groupe(g.parent)
            dedans = gere(avant, par, pere)
            assert dedans, f"{par} a créé {g.code} sous {pere.code}, qu'il ne gère pas"
        if dedans:
            permis.add(k)
        if ancien != g and not dedans:
            assert habiliter, f"{par} a modifié {g.code}, hors de son périmètre"
            assert ancien is not None
            assert g.service is Service.AFAS
            assert not descend_de(avant, ancien, GROUPE_AFAS_HABILITER)
            assert attrs.evolve(ancien, membres=g.membres) == g, "seuls les membres changent"
    for k, u in comptes_apres.items():
        ancien_u = comptes_avant.get(k)
        if ancien_u == u:
            continue
        if ancien_u is None:
            ok = any(
                membre_de(groupes_apres[gk], u.identifiant)
                or cle(groupes_apres[gk].gestionnaire) == k
                for gk in permis
            ) or (
                habiliter
                and any(
                    g.service is Service.AFAS and membre_de(g, u.identifiant) for g in apres.groupes
                )
            )
            assert ok, f"{par} a créé {u.identifiant} hors de ses groupes"
        else:
            ok = any(
                membre_de(groupes_avant[gk], u.identifiant) for gk in permis if gk in groupes_avant
            )
            assert ok, f"{par} a modifié {u.identifiant}, membre d'aucun de ses groupes"
    if apres.afas != avant.afas:
        declarer = avant.trouver_groupe(GROUPE_AFAS_DECLARER)
        assert habiliter or (declarer is not None and gere(avant, par, declarer)), (
            f"{par} a changé la configuration AFAS sans en avoir le droit"
        )


def tables_index(i: Index) -> tuple[object, ...]:
    """Ce que dit un index, lu par ses questions, quelle que soit la forme de ses tables
    (construites, ou sous des écarts posés par des commandes) ; ses deux parcours doivent
    dire la même chose que ses questions."""

    def cles(base: Mapping[str, object], ecarts: Mapping[str, object] | None) -> set[str]:
        return set(base) | set(ecarts or ())

    membres = {k: i.groupes_de(k) for k in cles(i._par_membre, i._ecarts_membre)}
    lire = i.lecteur_des_groupes()  # le chemin de l'audit : la forme brute de l'index
    for k, groupes in membres.items():
        brut = lire(k)
        assert (brut is None) == (not groupes), k
        assert groupes == ((brut,) if isinstance(brut, str) else (brut or ())), k
        assert not isinstance(brut, tuple) or len(brut) > 1, k  # un seul groupe : sa clé
    emails = {k: i.comptes_de(k) for k in cles(i._par_email, i._ecarts_email)}
    geres = {k: i.geres_par(k) for k in cles(i._geres, i._ecarts_geres)}
    membres = {k: v for k, v in membres.items() if v}
    emails = {k: v for k, v in emails.items() if v}
    assert dict(i.membres()) == membres
    assert dict(i.adresses_partagees()) == {k: v for k, v in emails.items() if len(v) > 1}
    return membres, emails, {k: v for k, v in geres.items() if v}, i.administrateurs


def verifier_index(avant: Convention, vu_avant: tuple[object, ...], apres: Convention) -> None:
    """L'index dérivé par la commande dit ce que dirait un index construit sur le nouvel
    état, et celui de l'état d'avant n'a pas changé de contenu en devenant persistant."""
    assert tables_index(index(avant)) == vu_avant
    assert tables_index(index(apres)) == tables_index(Index.construire(apres))


def verifier_effets(
    avant: Convention,
    apres: Convention,
    commande: str,
    par: Acteur,
    arguments: dict[str, Any],
    t: datetime,
) -> None:
    """Ce qu'une commande acceptée a le droit de changer, règle par règle."""
    groupes_avant, groupes_apres = groupes_par_cle(avant), groupes_par_cle(apres)
    comptes_avant, comptes_apres = comptes_par_cle(avant), comptes_par_cle(apres)
    nouveaux = set(groupes_apres) - set(groupes_avant)
    if commande == "creer_groupe":
        (k,) = nouveaux
        g = groupes_apres[k]
        if g.service is Service.AFAS:  # MCP-GRP-07
            assert par is CAF
        if isinstance(par, str) and not avant.est_administrateur(par):
            # MCP-ROLE-03, MCP-ROLE-04 et interprétation 1
            assert g.parent is not None
            assert g.service in (Service.ADONIS, Service.OFFRE_BAILLEURS)
    else:
        assert not nouveaux
    gestionnaire = isinstance(par, str) and not avant.est_administrateur(par)
    if commande == "designer_gestionnaire" and gestionnaire:
        # MCP-ROLE-05 : un gestionnaire ne désigne que pour les sous-groupes de ses groupes
        assert isinstance(par, str)
        g = avant.groupe(arguments["groupe"])
        assert any(gere(avant, par, a) for a in list(ancetres(avant, g))[1:])
    if commande in ("cloturer_compte", "reactiver_compte"):  # MCP-USR-05 : rien d'autre
        k = cle(arguments["utilisateur"])
        assert groupes_apres == groupes_avant
        assert apres.afas == avant.afas
        assert apres.administrateurs == avant.administrateurs
        assert {x for x, u in comptes_apres.items() if comptes_avant.get(x) != u} == {k}
        attendu = (arguments.get("le") or t) if commande == "cloturer_compte" else None
        assert comptes_apres[k] == attrs.evolve(comptes_avant[k], cloture_le=attendu)
    if commande == "personnaliser_mot_de_passe":  # MCP-MDP-02/03 : 24 h écoulées
        assert isinstance(par, str)
        temporaire = comptes_avant[cle(par)].mot_de_passe_temporaire
        assert temporaire is not None
        assert temporaire.emis_le <= t < temporaire.emis_le + timedelta(hours=24)


# --- stratégies d'arguments ----------------------------------------------------------------

CASSES: Final[tuple[Callable[[str], str], ...]] = (str, str, str, str.upper, str.swapcase)
DUREES: Final = st.one_of(
    st.integers(1, 3600).map(lambda s: timedelta(seconds=s)),
    st.integers(1, 72).map(lambda h: timedelta(hours=h)),
    st.sampled_from(
        [timedelta(hours=23, minutes=59, seconds=59), timedelta(hours=24), timedelta(hours=25)]
    ),
    st.integers(1, 120).map(lambda j: timedelta(days=j)),
)
PIVOTS: Final = mst.changements_d_heure(range(2020, 2050))
ADRESSES_SERVICE: Final = ("contact", "accueil.ccas", "secretariat-social", "rh", "noreply")


def nouveaux_comptes(existants: list[str], emails: list[str]) -> st.SearchStrategy[Utilisateur]:
    """Un compte à créer : identifiant neuf ou déjà pris, adresse neuve, déjà prise, ou de
    service ; fonction et données d'éligibilité au hasard."""
    identifiant = st.one_of(
        mst.identifiants(),
        mst.identifiants(),
        st.sampled_from(["n.alpha", "n.beta", "N.Gamma", "n.delta"]),
        *([st.sampled_from(existants)] if existants else []),
    )
    email = st.one_of(
        mst.adresses_email(),
        mst.adresses_email(),
        mst.adresses_email(),
        st.sampled_from(ADRESSES_SERVICE).map(lambda x: AdresseEmail.parse(f"{x}@{DOMAINE}")),
        *([st.sampled_from(emails).map(AdresseEmail.parse)] if emails else []),
    )
    return st.builds(
        Utilisateur,
        identifiant=identifiant,
        nom=mst.noms(),
        prenom=mst.noms(),
        email=email,
        cree_le=st.just(datetime(2020, 1, 1, tzinfo=UTC)),
        fonction=st.sampled_from(list(Fonction)),
        numero_instructeur=st.none() | mst.numeros_instructeur(),
        code_bailleur=st.none() | st.sampled_from(["B1", "CAFPRO42"]),
        diplome_etat=st.none() | st.just("DEASS 2015"),
        mandats=st.frozensets(st.sampled_from(["1234567", "7654321"]), max_size=2),
    )


# --- la machine ----------------------------------------------------------------------------


@settings(
    max_examples=settings().max_examples,  # celui du profil chargé (dev : 100, ci : 300)
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
class MachineEtats(RuleBasedStateMachine):
    """Des commandes au hasard sur une convention d'abord conforme."""

    def __init__(self) -> None:
        super().__init__()
        self.c: Convention = convention_conforme()
        self.t: datetime = T0
        self.etats: list[tuple[datetime, Convention]] = []
        self.coupe: int = 0

    @initialize(data=st.data())
    def demarrer(self, data: st.DataObject) -> None:
        t0 = data.draw(
            mst.instants(datetime(2026, 1, 1, tzinfo=UTC), datetime(2030, 1, 1, tzinfo=UTC)),
            label="t0",
        ).astimezone(UTC)
        deleguee = data.draw(st.sampled_from([True, True, True, False]), label="deleguee")
        attente = data.draw(st.booleans(), label="approbateur en attente")
        self.c = convention_conforme(t0, gestion_deleguee=deleguee, approbateur_en_attente=attente)
        self.t = t0
        self.etats = [(t0, self.c)]
        self.coupe = data.draw(st.integers(0, 200), label="coupe du journal")
        rapport = m.auditer(self.c, instant=t0)
        assert rapport.est_conforme, rapport.erreurs

    # -- tirages -------------------------------------------------------------------------

    def casse(self, data: st.DataObject, texte: str) -> str:
        return data.draw(st.sampled_from(CASSES))(texte)

    def acteur(self, data: st.DataObject) -> Acteur:
        c = self.c
        admins: list[Acteur] = [*sorted(c.administrateurs)]
        gestionnaires: list[Acteur] = [*sorted({g.gestionnaire for g in c.groupes})]
        comptes: list[Acteur] = [u.identifiant for u in c.utilisateurs]
        habiliter: list[Acteur] = [
            u.identifiant for u in c.utilisateurs if membre_afas_habiliter(c, u.identifiant)
        ]
        reserves: list[list[Acteur]] = [
            admins,
            admins,
            admins,
            gestionnaires,
            gestionnaires,
            comptes,
            habiliter,
            [CAF],
            [CAF],
            list(INCONNUS),
        ]
        reserve = data.draw(st.sampled_from([r for r in reserves if r]))
        qui = data.draw(st.sampled_from(reserve), label="par")
        return self.casse(data, qui) if isinstance(qui, str) else qui

    def ident(self, data: st.DataObject, parmi: Iterable[str] = ()) -> str:
        choix = sorted(parmi)
        comptes = [u.identifiant for u in self.c.utilisateurs]
        reserves = [r for r in (choix, choix, comptes, comptes, list(INCONNUS)) if r]
        return self.casse(data, data.draw(st.sampled_from(data.draw(st.sampled_from(reserves)))))

    def code(self, data: st.DataObject) -> str:
        codes = [g.code for g in self.c.groupes]
        reserve = data.draw(st.sampled_from([codes, codes, codes, list(CODES_INCONNUS)]))
        return self.casse(data, data.draw(st.sampled_from(reserve), label="groupe"))

    def gestionnaire(self, data: st.DataObject) -> str | Utilisateur:
        if data.draw(st.integers(0, 3)) == 0:
            return data.draw(self.nouveau(), label="nouveau gestionnaire")
        return self.ident(data)

    def nouveau(self) -> st.SearchStrategy[Utilisateur]:
        return nouveaux_comptes(
            [u.identifiant for u in self.c.utilisateurs],
            [str(u.email) for u in self.c.utilisateurs],
        )

    def libelle(self, data: st.DataObject, profil: Role | None = None) -> str:
        if profil is not None and data.draw(st.booleans()):
            return data.draw(mst.libelles(profil), label="libelle")
        return data.draw(
            st.one_of(mst.noms(), st.sampled_from(list(ProfilT)).flatmap(mst.libelles)),
            label="libelle",
        )

    # -- exécuter une commande et tout vérifier -----------------------------------------

    def executer(
        self,
        data: st.DataObject,
        commande: str,
        par: Acteur,
        **arguments: Any,
    ) -> Resultat:
        avant, t = self.c, self.t
        instant = t.astimezone(data.draw(st.sampled_from(FUSEAUX)))
        fonction: Callable[..., Resultat] = getattr(m, commande)
        vu_avant = tables_index(index(avant))
        r = fonction(avant, par=par, instant=instant, **arguments)
        note(f"{t.isoformat()} {commande}(par={par!r}, {arguments!r}) -> {r.accepte} {r.codes}")
        assert isinstance(r, Resultat)
        securite.verifier_commande(avant, r, par, t)
        event(f"{commande} {'acceptée' if r.accepte else 'refusée'}")
        if not r.accepte:
            assert r.convention is avant
            assert r.evenements == ()
            assert r.erreurs, "un refus dit pourquoi, par au moins une erreur"
            return r
        apres = r.convention
        # qui peut être accepté
        compte = None if isinstance(par, ActeurCaf) else avant.trouver_utilisateur(par)
        assert isinstance(par, ActeurCaf) or compte is not None, "un inconnu n'agit pas"
        assert compte is None or not clos(compte, t), "un compte clôturé n'agit pas"
        if commande in CAF_SEULE:
            assert par is CAF
        if commande in MOTS_DE_PASSE:
            assert par is not CAF
        if compte is not None and commande not in MOTS_DE_PASSE:
            assert avant.gestion_deleguee, "sans délégation, seule la Caf gère (CONV-05)"
        # le résultat
        assert not r.erreurs, r.erreurs
        assert r.evenements
        for e in r.evenements:
            assert e.instant == t
            if isinstance(par, ActeurCaf):
                assert e.par is CAF
            else:
                assert isinstance(e.par, str)
                assert cle(e.par) == cle(par)
        # le journal ne fait que croître
        n = len(avant.journal)
        assert len(apres.journal) == n + len(r.evenements)
        assert apres.journal[:n] == avant.journal
        assert apres.journal[n:] == r.evenements
        # seule la Caf change les administrateurs
        if apres.administrateurs != avant.administrateurs:
            assert commande == "designer_administrateur"
        verifier_effets(avant, apres, commande, par, arguments, t)
        verifier_index(avant, vu_avant, apres)
        # le périmètre d'un gestionnaire
        if compte is not None and not avant.est_administrateur(compte.identifiant):
            verifier_perimetre(avant, apres, compte.identifiant, commande)
        # aucune erreur d'audit nouvelle, sauf les conséquences d'une clôture
        nouvelles = erreurs_audit(apres, t) - erreurs_audit(avant, t)
        permises: set[tuple[str, str | None]] = set()
        if commande == "cloturer_compte":
            quand = arguments.get("le") or t
            permises = consequences_cloture(avant, arguments["utilisateur"], quand, t)
        assert nouvelles <= permises, (commande, nouvelles - permises)
        # la simulation de ce pas, incrémentale, dit ce que dit la simulation complète
        verifier_portee(avant, apres)
        simulation = m.simuler(
            avant, [m.Commande(commande, par=par, arguments=arguments)], instant=t
        )
        assert simulation.convention == apres
        verifier_comme_la_reference(simulation, avant, t)
        self.c = apres
        self.etats.append((t, apres))
        return r

    # -- le temps --------------------------------------------------------------------------

    @rule(duree=DUREES)
    def attendre(self, duree: timedelta) -> None:
        self.t += duree

    @rule(ecart=st.integers(-90 * 60, 26 * 3600))
    def aller_au_changement_d_heure(self, ecart: int) -> None:
        prochain = next(p for p in PIVOTS if p > self.t)
        self.t = max(self.t, prochain + timedelta(seconds=ecart))

    # -- groupes ---------------------------------------------------------------------------

    @rule(data=st.data())
    def creer_groupe(self, data: st.DataObject) -> None:
        codes = [g.code for g in self.c.groupes]
        parent = data.draw(st.none() | st.none() | st.sampled_from([*codes, *CODES_INCONNUS]))
        service = data.draw(st.sampled_from(list(Service)))
        if parent is not None and data.draw(st.booleans()):
            pere = self.c.trouver_groupe(parent)
            service = pere.service if pere is not None else service
        self.executer(
            data,
            "creer_groupe",
            self.acteur(data),
            code=data.draw(
                st.one_of(mst.codes_groupe(), mst.codes_groupe(), st.sampled_from(codes)),
                label="code",
            ),
            libelle=self.libelle(data, data.draw(st.sampled_from(list(ProfilT)))),
            service=service,
            gestionnaire=self.gestionnaire(data),
            parent=parent,
        )

    @rule(data=st.data(), profil=st.sampled_from(list(ProfilT)))
    def affecter_role(self, data: st.DataObject, profil: ProfilT) -> None:
        sans_role = [g.code for g in self.c.groupes if g.service is Service.CDAP and g.role is None]
        code = self.code(data)
        prendre: bool = data.draw(st.booleans(), label="groupe sans rôle")
        if sans_role and prendre:
            code = data.draw(st.sampled_from(sans_role), label="groupe")
        g = self.c.trouver_groupe(code)
        en_tete = None if g is None else profil_en_tete(g.libelle)
        if en_tete is not None and data.draw(st.booleans()):
            profil = en_tete
        self.executer(data, "affecter_role", self.acteur(data), groupe=code, profil=profil)

    @rule(data=st.data())
    def retirer_role(self, data: st.DataObject) -> None:
        self.executer(data, "retirer_role", self.acteur(data), groupe=self.code(data))

    @rule(data=st.data())
    def modifier_libelle(self, data: st.DataObject) -> None:
        code = self.code(data)
        g = self.c.trouver_groupe(code)
        libelle = self.libelle(data, g.role if g is not None else None)
        self.executer(data, "modifier_libelle", self.acteur(data), groupe=code, libelle=libelle)

    @rule(data=st.data())
    def designer_gestionnaire(self, data: st.DataObject) -> None:
        self.executer(
            data,
            "designer_gestionnaire",
            self.acteur(data),
            groupe=self.code(data),
            gestionnaire=self.gestionnaire(data),
        )

    # -- comptes ---------------------------------------------------------------------------

    @rule(data=st.data())
    def creer_utilisateur(self, data: st.DataObject) -> None:
        groupe = self.code(data) if data.draw(st.integers(0, 3)) else None
        self.executer(
            data,
            "creer_utilisateur",
            self.acteur(data),
            utilisateur=data.draw(self.nouveau(), label="utilisateur"),
            groupe=groupe,
        )

    @rule(data=st.data())
    def ajouter_au_groupe(self, data: st.DataObject) -> None:
        code = self.code(data)
        g = self.c.trouver_groupe(code)
        dehors = [
            u.identifiant
            for u in self.c.utilisateurs
            if g is not None and not membre_de(g, u.identifiant) and not clos(u, self.t)
        ]
        self.executer(
            data,
            "ajouter_au_groupe",
            self.acteur(data),
            groupe=code,
            utilisateur=self.ident(data, dehors),
        )

    @rule(data=st.data())
    def retirer_du_groupe(self, data: st.DataObject) -> None:
        code = self.code(data)
        g = self.c.trouver_groupe(code)
        self.executer(
            data,
            "retirer_du_groupe",
            self.acteur(data),
            groupe=code,
            utilisateur=self.ident(data, g.membres if g is not None else ()),
        )

    @rule(data=st.data())
    def modifier_compte(self, data: st.DataObject) -> None:
        emails = [str(u.email) for u in self.c.utilisateurs]
        possibles: dict[str, st.SearchStrategy[Any]] = {
            "nom": mst.noms(),
            "prenom": mst.noms(),
            "email": st.one_of(
                mst.adresses_email(),
                st.sampled_from(emails).map(AdresseEmail.parse),
                st.sampled_from(ADRESSES_SERVICE).map(
                    lambda x: AdresseEmail.parse(f"{x}@{DOMAINE}")
                ),
            ),
            "fonction": st.sampled_from(list(Fonction)),
            "numero_instructeur": st.none() | mst.numeros_instructeur(),
            "code_bailleur": st.none() | st.sampled_from(["B9", "X77"]),
            "diplome_etat": st.none() | st.just("DEASS 2020"),
            "mandats": st.frozensets(st.sampled_from(["1234567", "1111111"]), max_size=2),
        }
        champs = data.draw(
            st.lists(st.sampled_from(sorted(possibles)), min_size=1, max_size=3, unique=True)
        )
        changements = {n: data.draw(possibles[n], label=n) for n in champs}
        self.executer(
            data,
            "modifier_compte",
            self.acteur(data),
            utilisateur=self.ident(data),
            **changements,
        )

    @rule(data=st.data())
    def cloturer_compte(self, data: st.DataObject) -> None:
        ident = self.ident(data)
        le = data.draw(
            st.one_of(
                st.none(),
                st.none(),
                st.just(self.t),
                DUREES.map(lambda d: self.t + d),
                DUREES.map(lambda d: self.t - d),
            ),
            label="le",
        )
        if le is not None:
            le = le.astimezone(data.draw(st.sampled_from(FUSEAUX)))
        self.executer(data, "cloturer_compte", self.acteur(data), utilisateur=ident, le=le)

    @rule(data=st.data())
    def reactiver_compte(self, data: st.DataObject) -> None:
        fermes = [u.identifiant for u in self.c.utilisateurs if u.cloture_le is not None]
        self.executer(
            data, "reactiver_compte", self.acteur(data), utilisateur=self.ident(data, fermes)
        )

    @rule(data=st.data())
    def designer_administrateur(self, data: st.DataObject) -> None:
        par: Acteur = CAF if data.draw(st.integers(0, 3)) else self.acteur(data)
        admins = sorted(self.c.administrateurs)
        remplace = data.draw(
            st.none() | st.sampled_from(admins) | st.sampled_from([*admins, *INCONNUS])
        )
        candidats = [
            u.identifiant
            for u in self.c.utilisateurs
            if not self.c.est_administrateur(u.identifiant) and not clos(u, self.t)
        ]
        self.executer(
            data,
            "designer_administrateur",
            par,
            identifiant=self.ident(data, candidats),
            remplace=remplace,
        )

    # -- AFAS ------------------------------------------------------------------------------

    @rule(data=st.data(), role=st.sampled_from(list(RoleAfas)))
    def configurer_role_afas(self, data: st.DataObject, role: RoleAfas) -> None:
        self.executer(
            data,
            "configurer_role_afas",
            self.acteur(data),
            utilisateur=self.ident(data, declarants(self.c)),
            role=role,
        )

    @rule(data=st.data(), role=st.sampled_from(list(RoleAfas)))
    def retirer_role_afas(self, data: st.DataObject, role: RoleAfas) -> None:
        config = self.c.afas
        if data.draw(st.booleans()):
            role = data.draw(st.sampled_from([RoleAfas.FDA, RoleAfas.FDF]))
        titulaires = config.fda if role is RoleAfas.FDA else config.fdf
        self.executer(
            data,
            "retirer_role_afas",
            self.acteur(data),
            utilisateur=self.ident(data, titulaires or titulaires_afas(config)),
            role=role,
        )

    @rule(data=st.data())
    def changer_approbateur(self, data: st.DataObject) -> None:
        self.executer(
            data,
            "changer_approbateur",
            self.acteur(data),
            utilisateur=self.ident(data, declarants(self.c)),
        )

    @rule(data=st.data())
    def valider_approbateur(self, data: st.DataObject) -> None:
        par: Acteur = CAF if data.draw(st.booleans()) else self.acteur(data)
        self.executer(data, "valider_approbateur", par)

    # -- mots de passe ---------------------------------------------------------------------

    @rule(data=st.data())
    def demander_nouveau_mot_de_passe(self, data: st.DataObject) -> None:
        self.executer(data, "demander_nouveau_mot_de_passe", self.acteur(data))

    @rule(data=st.data())
    def personnaliser_mot_de_passe(self, data: st.DataObject) -> None:
        en_attente = [
            u.identifiant for u in self.c.utilisateurs if u.mot_de_passe_temporaire is not None
        ]
        par = self.acteur(data)
        soi_meme: bool = data.draw(st.booleans(), label="soi-même")
        if en_attente and soi_meme:
            par = self.casse(data, data.draw(st.sampled_from(en_attente)))
        self.executer(data, "personnaliser_mot_de_passe", par)

    # -- invariants ------------------------------------------------------------------------

    def teardown(self) -> None:
        # L'histoire de la dernière convention, lue dans son journal (entier, puis un
        # suffixe), dit à chaque instant ce que disait la convention de cet instant.
        if self.etats:
            verifier_historique(self.etats, suffixe=self.coupe)
            verifier_avec_politique(self.etats)
            # La revue de l'état final : un relecteur ne clôt que ce qu'il peut clore.
            verifier_revue(self.c, self.t)

    @invariant()
    def cardinalites(self) -> None:
        c = self.c
        assert 1 <= len(c.administrateurs) <= 2
        for a in c.administrateurs:
            assert c.trouver_utilisateur(a) is not None
        for g in c.groupes:
            assert isinstance(g.gestionnaire, str)
            assert c.trouver_utilisateur(g.gestionnaire) is not None
            # Au plus un rôle, et celui de son service (interprétation 15).
            assert g.role is None or (
                isinstance(g.role, ProfilT)
                if g.service is Service.CDAP
                else g.role is RoleApplicatif.du_service(g.service)
            )
        config = c.afas
        assert len(config.fda) <= 2
        assert len(config.fdf) <= 2
        assert config.approbateur is None or isinstance(config.approbateur, str)
        assert titulaires_afas(config) <= declarants(c), titulaires_afas(config) - declarants(c)

    @invariant()
    def un_acces_vient_d_un_role(self) -> None:
        securite.verifier_etat(self.c, self.t)

    @invariant()
    def comptes_clos_sans_acces(self) -> None:
        c, t = self.c, self.t
        groupe = c.groupes[0].code
        for u in c.utilisateurs:
            if not clos(u, t):
                continue
            a = m.acces_cdap(c, u.identifiant, instant=t)
            assert not a.autorise
            assert a.profils == ()
            for action in Action:
                assert not m.peut(c, u.identifiant, action, instant=t).autorise
                d = m.peut(
                    c,
                    u.identifiant,
                    action,
                    groupe=groupe,
                    utilisateur=u.identifiant,
                    service=Service.CDAP,
                    instant=t,
                )
                assert not d.autorise


TestMachineEtats = MachineEtats.TestCase


def test_convention_de_depart_conforme() -> None:
    for deleguee in (True, False):
        for attente in (True, False):
            c = convention_conforme(T0, gestion_deleguee=deleguee, approbateur_en_attente=attente)
            rapport = m.auditer(c, instant=T0)
            assert rapport.est_conforme, rapport.erreurs
            assert {(x.code, x.cible) for x in rapport.avertissements} == {("MCP-GRP-05", "T3ACC")}


# --- ce que la machine a trouvé, gardé en exemples ---------------------------------------------


def test_approbateur_en_attente_reste_dans_declarer() -> None:
    """Régression : ``retirer_du_groupe`` sortait d'AFAS-DECLARER l'approbateur en attente
    (accepté, puis erreur d'audit ``MCP-AFAS-03`` sur lui) ; corrigé depuis."""
    c = convention_conforme()
    c = m.ajouter_au_groupe(
        c, par="adm.martin", groupe=GROUPE_AFAS_DECLARER, utilisateur="pe.fournier", instant=T0
    ).convention
    r = m.changer_approbateur(c, par="adm.martin", utilisateur="pe.fournier", instant=T0)
    assert r.accepte
    c = r.convention
    assert m.auditer(c, instant=T0).est_conforme
    r = m.retirer_du_groupe(
        c, par="adm.martin", groupe=GROUPE_AFAS_DECLARER, utilisateur="pe.fournier", instant=T0
    )
    assert not r.accepte
    assert "MCP-AFAS-03" in r.codes
    assert r.convention is c


@pytest.mark.parametrize("par", [CAF, "inconnu.x"], ids=["CAF", "inconnu"])
def test_refus_mot_de_passe_oublie_donne_une_erreur(par: Acteur) -> None:
    """Régression : ce refus ne portait qu'un constat MCP-MDP-04 de sévérité INFO, si bien
    que ``Resultat.erreurs`` (« les raisons d'un refus ») était vide ; corrigé depuis."""
    c = convention_conforme()
    r = m.demander_nouveau_mot_de_passe(c, par=par, instant=T0)
    assert not r.accepte
    assert r.convention is c
    assert "MCP-MDP-04" in {x.code for x in r.erreurs}
