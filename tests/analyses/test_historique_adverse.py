"""Revue adverse de l'histoire des habilitations (:func:`mcp_rules.historique`).

Chaque scénario enchaîne des commandes de la bibliothèque et garde chaque état
intermédiaire : la vérité à l'instant ``t`` est la convention telle qu'elle était après
les commandes de cet instant. L'histoire de la **dernière** convention, lue dans son seul
journal, est comparée à cette vérité.

- Les tests ``test_constat_*`` montrent chacun un défaut trouvé par la revue adverse,
  corrigé depuis : ils le gardent comme régression.
- Les autres gardent les attaques qui n'ont rien trouvé (journaux légaux, fuseaux,
  changements d'heure, clôtures avancées, journaux partiels, journaux altérés, arguments
  absurdes), comme régressions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any, Final
from zoneinfo import ZoneInfo

import attrs
import pytest

import mcp_rules as m
from mcp_rules import (
    CAF,
    CompteCree,
    CompteReactive,
    ConditionProfil,
    Convention,
    DonneeInvalide,
    Fonction,
    MembreAjoute,
    MembreRetire,
    Politique,
    ProfilT,
    RoleAfas,
    RoleApplicatif,
    RoleRetire,
    Service,
    Utilisateur,
)
from mcp_rules.analyses.historique import Historique, historique
from mcp_rules.exemple import convention_exemple
from mcp_rules.serialisation import depuis_json, vers_json
from property.historique_reference import etat_a, instants_a_verifier, justifie

PARIS: Final = ZoneInfo("Europe/Paris")
REUNION: Final = ZoneInfo("Indian/Reunion")
T0: Final = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
JOUR: Final = timedelta(days=1)
HEURE: Final = timedelta(hours=1)
DOMAINE: Final = "ville-exemple.fr"

Etat = tuple[datetime, Convention]


# --- outils ----------------------------------------------------------------------------


def _ok(r: m.Resultat) -> Convention:
    assert r.accepte, [(x.code, x.message) for x in r.erreurs]
    return r.convention


def depart() -> Convention:
    """La convention d'exemple sans journal, avec en plus le service ADONIS, un groupe
    ADONIS doté de son rôle (pe.fournier membre) et un instructeur RSA membre de T4RSA :
    CDAP, AFAS et ADONIS à la fois."""
    c = attrs.evolve(convention_exemple(), journal=())
    c = attrs.evolve(c, services=c.services | {Service.ADONIS})
    t = T0 - 3 * JOUR
    c = _ok(
        m.creer_groupe(
            c,
            par="adm.martin",
            code="ADO",
            libelle="Adonis accueil",
            service=Service.ADONIS,
            gestionnaire="gest.durand",
            instant=t,
        )
    )
    c = _ok(m.affecter_role(c, par="adm.martin", groupe="ADO", instant=t))
    c = _ok(
        m.ajouter_au_groupe(c, par="adm.martin", groupe="ADO", utilisateur="pe.fournier", instant=t)
    )
    return attrs.evolve(c, journal=())


def nouveau(identifiant: str, fonction: Fonction = Fonction.AUTRE, **autres: Any) -> Utilisateur:
    prenom, nom = identifiant.split(".")
    return Utilisateur(
        identifiant=identifiant,
        prenom=prenom.capitalize(),
        nom=nom.capitalize(),
        email=f"{prenom}.{nom}@{DOMAINE}",
        cree_le=datetime(2020, 1, 1, tzinfo=UTC),
        fonction=fonction,
        **autres,
    )


class Suite:
    """Des commandes exécutées à des instants croissants ; chaque état est gardé."""

    def __init__(self, c: Convention, t: datetime) -> None:
        self.c = c
        self.t = t
        self.etats: list[Etat] = [(t, c)]

    def __call__(
        self,
        commande: str,
        par: m.Acteur = "adm.martin",
        *,
        apres: timedelta = timedelta(0),
        fuseau: tzinfo = UTC,
        **arguments: Any,
    ) -> Suite:
        self.t = self.t + apres
        fonction: Callable[..., m.Resultat] = getattr(m, commande)
        r = fonction(self.c, par=par, instant=self.t.astimezone(fuseau), **arguments)
        self.c = _ok(r)
        self.etats.append((self.t, self.c))
        return self


def verite(etats: Sequence[Etat], ident: str, t: datetime) -> tuple[Any, Any]:
    """(profils, groupes) de ``acces_cdap`` sur l'état de l'instant (rien avant la création)."""
    c = etat_a(etats, t)
    assert c is not None
    u = c.trouver_utilisateur(ident)
    if u is None or t < u.cree_le:
        return (), ()
    a = m.acces_cdap(c, ident, instant=t)
    return a.profils, a.groupes


def verite_service(etats: Sequence[Etat], ident: str, s: Service, t: datetime) -> bool:
    c = etat_a(etats, t)
    assert c is not None
    u = c.trouver_utilisateur(ident)
    if u is None or t < u.cree_le:
        return False
    return m.acces_service(c, ident, s, instant=t).autorise


def points(etats: Sequence[Etat]) -> list[datetime]:
    """Les instants de la propriété de référence, à partir du premier état."""
    debut = etats[0][0]
    return [t for t in instants_a_verifier(etats) if t >= debut]


def comparer(etats: Sequence[Etat], c: Convention | None = None) -> list[str]:
    """Ce que l'histoire de ``c`` (la dernière convention par défaut) dit de faux."""
    dernier = etats[-1][1] if c is None else c
    h = historique(dernier)
    faux: list[str] = []
    if h.incoherences:
        faux.append(f"incohérences sur un journal légal : {h.incoherences}")
    instants = points(etats)
    for t in instants:
        collectif = {a.identifiant: a for a in h.qui_avait_acces(instant=t).comptes}
        for u in dernier.utilisateurs:
            b = h.acces_cdap(u.identifiant, instant=t)
            if b.profils or b.incertains or "journal" in b.donnees_manquantes:
                if collectif.get(u.identifiant) != b:
                    faux.append(f"qui_avait_acces({t}) ne dit pas {b}")
            elif u.identifiant in collectif:
                faux.append(f"qui_avait_acces({t}) nomme {u.identifiant} en trop")
            faux.extend(
                f"{u.identifiant} {t} : {manque} manque sans raison"
                for manque in b.donnees_manquantes
                if not justifie(h, dernier, u.identifiant, t, manque)
            )
            profils, groupes = verite(etats, u.identifiant, t)
            if b.certain and (b.profils, b.groupes) != (profils, groupes):
                faux.append(f"{u.identifiant} {t} : certain {b.groupes}, vrai {groupes}")
            if not set(b.profils) <= set(profils):
                faux.append(f"{u.identifiant} {t} : établi {b.profils}, vrai {profils}")
            if "journal" not in b.donnees_manquantes and not set(profils) <= set(b.profils) | set(
                b.incertains
            ):
                faux.append(f"{u.identifiant} {t} : {profils} ni établis ni incertains")
    quois: list[ProfilT | Service] = [*sorted(dernier.profils_contractuels, key=lambda p: p.rang)]
    quois.extend(sorted(dernier.services, key=lambda s: s.value))
    for u in dernier.utilisateurs:
        for quoi in quois:
            periodes = h.periodes(u.identifiant, quoi).periodes
            for t in instants:
                if h.debut is None or t < h.debut:
                    continue
                dedans = [p for p in periodes if p.debut <= t and (p.fin is None or t < p.fin)]
                if len(dedans) > 1:
                    faux.append(f"{u.identifiant} {quoi} : périodes qui se chevauchent")
                if dedans and not dedans[0].certaine:
                    continue
                if isinstance(quoi, ProfilT):
                    vrai = quoi in verite(etats, u.identifiant, t)[0]
                elif quoi is Service.CDAP:
                    vrai = bool(verite(etats, u.identifiant, t)[0])
                else:
                    vrai = verite_service(etats, u.identifiant, quoi, t)
                if bool(dedans) != vrai:
                    faux.append(f"{u.identifiant} {quoi} {t} : période {dedans}, vrai {vrai}")
    if len(instants) >= 2:
        du, au = instants[len(instants) // 3], instants[-1]
        for u in dernier.utilisateurs:
            b = h.acces_cdap_pendant(u.identifiant, du=du, au=au)
            vrais: set[ProfilT] = set()
            for t in (x for x in instants if du <= x <= au):
                vrais |= set(verite(etats, u.identifiant, t)[0])
            if b.certain and set(b.profils) != vrais:
                faux.append(f"{u.identifiant} [{du}, {au}] : {b.profils}, vrai {vrais}")
    return faux


def sans(
    journal: Iterable[m.Evenement], garder: Callable[[m.Evenement], bool]
) -> tuple[m.Evenement, ...]:
    return tuple(e for e in journal if garder(e))


# --- constats : chacun échoue tant que le défaut n'est pas corrigé -------------------------


def test_constat_role_non_etabli_mais_reponse_certaine() -> None:
    """Constat H1 (réponse certaine fausse, journal altéré). Le journal d'un groupe dit
    « rôle T2 affecté deux fois de suite » (un retrait a disparu) : l'histoire le voit, dit
    que le rôle du groupe « n'est pas établi » avant la contradiction… et répond pourtant
    **certain, sans T2** pour son membre, parce qu'elle ne compte comme possible que le rôle
    présent du groupe (aucun). Un membre qui tenait T2 à cet instant est ainsi déclaré sans
    accès, avec certitude, et absent de ``qui_avait_acces(profil="T2")``."""
    s = Suite(depart(), T0)
    s("affecter_role", apres=JOUR, groupe="T2CR", profil=ProfilT.T2)
    s("retirer_role", apres=JOUR, groupe="T2CR")
    s("affecter_role", apres=JOUR, groupe="T2CR", profil=ProfilT.T2)
    s("retirer_role", apres=JOUR, groupe="T2CR")
    journal = s.c.journal
    premier_retrait = next(i for i, e in enumerate(journal) if isinstance(e, RoleRetire))
    altere = attrs.evolve(s.c, journal=journal[:premier_retrait] + journal[premier_retrait + 1 :])
    h = historique(altere)
    assert h.incoherences  # la contradiction est vue
    t = T0 + JOUR + HEURE  # T2CR porte T2 (vrai), cr.girard en est membre
    assert verite(s.etats, "cr.girard", t)[0] == (ProfilT.T2,)
    a = h.acces_cdap("cr.girard", instant=t)
    assert not a.certain or ProfilT.T2 in a.profils, a
    assert ProfilT.T2 in a.profils or ProfilT.T2 in a.incertains, a


def test_constat_condition_locale_sur_un_champ_change_par_une_commande() -> None:
    """Constat H2 (accès accordé à tort, certain, journal légal). Une politique locale
    réserve T2 aux comptes qui ont personnalisé leur mot de passe. Ce champ change par une
    commande (``personnaliser_mot_de_passe``, événement ``MotDePassePersonnalise``), ce que
    l'hypothèse du module permet (« une condition locale ne lit que les champs qu'une
    commande peut modifier ») ; mais l'histoire ne regarde que les champs de
    ``modifier_compte`` et répond **T2, certain** pour l'heure où le compte ne l'avait pas."""
    politique = Politique(
        conditions={
            ProfilT.T2: (
                ConditionProfil(
                    code="LOC1",
                    titre="Mot de passe personnalisé",
                    verifier=lambda u: u.mot_de_passe_personnalise,
                    donnees=("mot_de_passe_personnalise",),
                ),
            )
        }
    )
    s = Suite(depart(), T0)
    s("creer_utilisateur", apres=JOUR, utilisateur=nouveau("nina.roy"), groupe="T2PE")
    s("personnaliser_mot_de_passe", "nina.roy", apres=2 * HEURE)
    t = T0 + JOUR + HEURE
    avant = etat_a(s.etats, t)
    assert avant is not None
    assert m.acces_cdap(avant, "nina.roy", instant=t, politique=politique).profils == ()
    a = historique(s.c, politique=politique).acces_cdap("nina.roy", instant=t)
    assert not (a.certain and a.profils), a


def test_constat_adhesion_effacee_apres_une_creation_au_journal() -> None:
    """Constat H3 (accès accordé à tort, certain, sans incohérence). Un compte créé au
    journal sans groupe, ajouté puis retiré de T1AS ; l'ajout disparaît du journal. Le
    compte est né dans le journal sans aucun groupe : il n'a pu entrer dans T1AS que par un
    ajout. L'histoire en déduit pourtant qu'il était membre depuis toujours et répond **T1,
    certain** avant l'ajout, sans rien lister dans ``incoherences``."""
    s = Suite(depart(), T0)
    s(
        "creer_utilisateur",
        apres=JOUR,
        utilisateur=nouveau("anna.leclerc", Fonction.ASSISTANT_SOCIAL, diplome_etat="DEASS 2015"),
    )
    s("ajouter_au_groupe", apres=2 * JOUR, groupe="T1AS", utilisateur="anna.leclerc")
    s("retirer_du_groupe", apres=2 * JOUR, groupe="T1AS", utilisateur="anna.leclerc")
    altere = attrs.evolve(s.c, journal=sans(s.c.journal, lambda e: not isinstance(e, MembreAjoute)))
    altere = depuis_json(vers_json(altere), Convention)
    h = historique(altere)
    t = T0 + 2 * JOUR  # le compte existe, il n'est dans aucun groupe
    assert verite(s.etats, "anna.leclerc", t)[0] == ()
    a = h.acces_cdap("anna.leclerc", instant=t)
    assert not (a.certain and a.profils), (h.incoherences, a)


def test_constat_creation_au_journal_contraire_a_cree_le() -> None:
    """Constat H4 (refus certain à tort, sans incohérence). Un ``CompteCree`` ajouté au
    journal pour as.leroy, dont le compte dit ``cree_le`` = 2025-09-01 : l'histoire croit le
    journal plutôt que le compte, répond « n'existait pas encore », **certain, sans accès**
    pour un compte qui tenait T1, et ne signale aucune incohérence (la date du journal
    contredit pourtant l'état présent)."""
    s = Suite(depart(), T0)
    s("retirer_du_groupe", apres=JOUR, groupe="T2PE", utilisateur="pe.fournier")
    s("ajouter_au_groupe", apres=3 * JOUR, groupe="T2PE", utilisateur="pe.fournier")
    forge = CompteCree(instant=T0 + 2 * JOUR, par="adm.martin", utilisateur="as.leroy")
    journal = s.c.journal
    altere = attrs.evolve(s.c, journal=(journal[0], forge, *journal[1:]))
    h = historique(altere)
    t = T0 + JOUR + HEURE
    assert verite(s.etats, "as.leroy", t)[0] == (ProfilT.T1,)
    a = h.acces_cdap("as.leroy", instant=t)
    assert not a.certain or a.profils == (ProfilT.T1,), a
    assert h.incoherences, "cree_le contredit le CompteCree du journal"


def test_constat_groupe_inconnu_n_ote_pas_la_certitude_sur_le_compte_nomme() -> None:
    """Constat H5 (réponse certaine fausse malgré une incohérence listée). Le retrait de
    as.leroy de T1AS est altéré : l'événement nomme un groupe inconnu. L'histoire le liste
    dans ``incoherences``, mais continue de répondre **certain, sans accès** pour as.leroy
    avant ce retrait, alors qu'il tenait T1 : l'événement incohérent nomme ce compte, et
    l'adhésion qu'il devait fermer n'est plus établie."""
    s = Suite(depart(), T0)
    s("retirer_du_groupe", apres=JOUR, groupe="T2PE", utilisateur="pe.fournier")
    s("retirer_du_groupe", apres=2 * JOUR, groupe="T1AS", utilisateur="as.leroy")
    journal = tuple(
        attrs.evolve(e, groupe="ZZINCONNU")
        if isinstance(e, MembreRetire) and e.utilisateur == "as.leroy"
        else e
        for e in s.c.journal
    )
    h = historique(attrs.evolve(s.c, journal=journal))
    assert any("inconnu" in x for x in h.incoherences), h.incoherences
    t = T0 + 2 * JOUR
    assert verite(s.etats, "as.leroy", t)[0] == (ProfilT.T1,)
    a = h.acces_cdap("as.leroy", instant=t)
    assert not a.certain or a.profils == (ProfilT.T1,), a


def test_constat_a_la_fin_des_temps_une_contradiction_devient_certaine() -> None:
    """Constat H6 (réponse certaine fausse, cas limite). Une ligne que le journal contredit
    avec l'état présent n'est « fiable depuis » ``FIN`` = ``datetime.max`` (UTC) ; à cet
    instant exact, elle redevient fiable : l'histoire répond T1, certain, d'après le journal
    altéré, alors que l'état (le présent, après tous les événements) ne donne rien."""
    s = Suite(depart(), T0)
    s("retirer_du_groupe", apres=JOUR, groupe="T1AS", utilisateur="as.leroy")
    journal = sans(s.c.journal, lambda e: not isinstance(e, MembreRetire))
    altere = attrs.evolve(
        s.c,
        journal=(
            *journal,
            MembreAjoute(instant=s.t, par="adm.martin", groupe="T1AS", utilisateur="as.leroy"),
        ),
    )
    h = historique(altere)
    assert h.incoherences
    fin = datetime.max.replace(tzinfo=UTC)
    assert m.acces_cdap(s.c, "as.leroy", instant=fin).profils == ()
    presque = h.acces_cdap("as.leroy", instant=fin - timedelta(microseconds=1))
    assert not presque.certain
    a = h.acces_cdap("as.leroy", instant=fin)
    assert not a.certain or a.profils == (), a


# --- ce qui n'a rien trouvé : journaux légaux ----------------------------------------------


def scenario_comptes() -> Suite:
    """Clôture programmée puis avancée, réactivation, commandes au même instant, fuseaux
    et changement d'heure (28 mars 2027 à 1 h UTC), champs modifiés, rôles retirés."""
    pivot = datetime(2027, 3, 28, 1, 0, tzinfo=UTC)
    s = Suite(depart(), T0)
    s("retirer_du_groupe", apres=JOUR, groupe="T1AS", utilisateur="as.leroy", fuseau=PARIS)
    s("ajouter_au_groupe", groupe="T1AS", utilisateur="as.leroy", fuseau=REUNION)  # même instant
    s("cloturer_compte", apres=HEURE, utilisateur="cesf.roux", le=T0 + 10 * JOUR)
    s("cloturer_compte", apres=JOUR, utilisateur="cesf.roux", le=(T0 + 5 * JOUR).astimezone(PARIS))
    s("reactiver_compte", apres=6 * JOUR, utilisateur="cesf.roux")
    s("cloturer_compte", apres=timedelta(seconds=1), utilisateur="as.moreau")
    s("reactiver_compte", apres=timedelta(seconds=1), utilisateur="as.moreau")
    s("retirer_role", apres=JOUR, groupe="T2PE")
    s("modifier_compte", apres=JOUR, utilisateur="ir.lambert", numero_instructeur="093B4560100000")
    s("modifier_compte", utilisateur="pe.fournier", fonction=Fonction.ASSISTANT_SOCIAL)
    s("affecter_role", apres=JOUR, groupe="T2PE", profil=ProfilT.T2)
    s.t = pivot - timedelta(minutes=30)
    s("retirer_du_groupe", groupe="T2PE", utilisateur="accueil.ccas", fuseau=PARIS)
    s("ajouter_au_groupe", apres=HEURE, groupe="T2PE", utilisateur="accueil.ccas", fuseau=PARIS)
    s("cloturer_compte", apres=HEURE, utilisateur="accueil.ccas", le=pivot + 3 * HEURE)
    s("retirer_role", apres=JOUR, groupe="ADO")
    s("retirer_du_groupe", groupe="ADO", utilisateur="pe.fournier")
    return s


def scenario_creations() -> Suite:
    """Comptes et groupes créés (dans un groupe, gestionnaire créé dans le même geste),
    rôles AFAS, approbateur changé puis validé, groupe ADONIS vidé puis re-doté, fonction
    ajouté qui ouvre un profil."""
    c = depart()
    sans_numero = attrs.evolve(c.utilisateur("ir.lambert"), numero_instructeur=None)
    c = attrs.evolve(
        c, utilisateurs=[sans_numero if u.cle == "ir.lambert" else u for u in c.utilisateurs]
    )
    s = Suite(c, T0)
    s(
        "creer_utilisateur",
        apres=JOUR,
        utilisateur=nouveau("anna.leclerc", Fonction.ASSISTANT_SOCIAL),
        groupe="T1AS",
    )
    s(
        "creer_groupe",
        apres=HEURE,
        code="T3ACC",
        libelle="T3 Accueil",
        service=Service.CDAP,
        gestionnaire=nouveau("gaston.lagaffe"),
    )
    s("ajouter_au_groupe", groupe="T3ACC", utilisateur="pe.fournier")
    s("affecter_role", apres=HEURE, groupe="T3ACC", profil=ProfilT.T3)
    s("configurer_role_afas", apres=HEURE, utilisateur="afas.dupont", role=RoleAfas.APPROBATEUR)
    s("ajouter_au_groupe", apres=HEURE, groupe="AFAS-DECLARER", utilisateur="afas.habil")
    s("changer_approbateur", apres=HEURE, utilisateur="afas.habil")
    s("valider_approbateur", CAF, apres=JOUR)
    s("retirer_role_afas", apres=HEURE, utilisateur="afas.lefevre", role=RoleAfas.FDF)
    s("retirer_role", apres=HEURE, groupe="ADO")
    s("affecter_role", apres=HEURE, groupe="ADO", profil=RoleApplicatif.ADONIS)
    s("cloturer_compte", apres=HEURE, utilisateur="anna.leclerc", le=s.t + 30 * JOUR)
    s("retirer_role", apres=JOUR, groupe="T3ACC")
    # ir.lambert, membre de T4RSA sans numéro d'instructeur au départ, n'a T4 qu'une fois
    # son numéro enregistré (avant : incertain, le journal ne garde pas l'ancienne valeur).
    s("modifier_compte", apres=HEURE, utilisateur="ir.lambert", numero_instructeur="093B4560100000")
    s("modifier_compte", apres=HEURE, utilisateur="ir.lambert", nom="Lambertin")
    return s


@pytest.mark.parametrize("scenario", [scenario_comptes, scenario_creations])
def test_journal_legal_dit_vrai(scenario: Callable[[], Suite]) -> None:
    """Sur un journal écrit par les commandes, chaque réponse certaine (accès, périodes de
    profil et de service, intervalles) est celle de l'état de l'instant."""
    s = scenario()
    assert comparer(s.etats) == []


@pytest.mark.parametrize("scenario", [scenario_comptes, scenario_creations])
def test_chaque_journal_partiel_dit_vrai_depuis_son_debut(scenario: Callable[[], Suite]) -> None:
    """Tout suffixe du journal, y compris ceux qui commencent au milieu des événements d'une
    même commande (création d'un compte dans un groupe, d'un groupe et de son gestionnaire)."""
    s = scenario()
    journal = s.c.journal
    for i in range(1, len(journal)):
        partiel = attrs.evolve(s.c, journal=journal[i:])
        assert historique(partiel).debut == journal[i].instant
        assert comparer(s.etats, partiel) == [], i


def test_meme_reponse_quel_que_soit_le_fuseau_et_la_casse() -> None:
    s = scenario_comptes()
    h = historique(s.c)
    for t in points(s.etats)[::3]:
        for u in s.c.utilisateurs:
            a = h.acces_cdap(u.identifiant, instant=t)
            for fuseau in (PARIS, REUNION):
                assert h.acces_cdap(u.identifiant.upper(), instant=t.astimezone(fuseau)) == a
        assert h.qui_avait_acces(instant=t.astimezone(PARIS), profil=" t1 ") == h.qui_avait_acces(
            instant=t, profil=ProfilT.T1
        )


def test_habilitations_nomment_les_evenements_qui_les_ont_donnees() -> None:
    s = scenario_creations()
    h = historique(s.c)
    a = h.acces_cdap("pe.fournier", instant=T0 + JOUR + 3 * HEURE)
    (t3,) = [x for x in a.habilitations if x.profil is ProfilT.T3]
    assert isinstance(t3.adhesion, MembreAjoute)
    assert t3.adhesion.instant == T0 + JOUR + HEURE
    assert isinstance(t3.attribution, m.RoleAffecte)
    assert t3.attribution.instant == T0 + JOUR + 2 * HEURE
    (t2,) = [x for x in a.habilitations if x.profil is ProfilT.T2]
    assert (t2.adhesion, t2.attribution) == (None, None)  # avant le journal


def test_avant_le_journal_rien_n_est_sur_sauf_l_inexistence() -> None:
    s = scenario_creations()
    h = historique(s.c)
    a = h.acces_cdap("as.leroy", instant=T0)
    assert not a.certain
    assert a.donnees_manquantes == ("journal",)
    neuf = h.acces_cdap("anna.leclerc", instant=T0)
    assert neuf.certain
    assert neuf.profils == ()
    assert "anna.leclerc" not in {x.identifiant for x in h.qui_avait_acces(instant=T0).comptes}


# --- ce qui n'a rien trouvé : journaux altérés ------------------------------------------------


def _alteres() -> list[tuple[str, tuple[m.Evenement, ...], bool]]:
    """(nom, journal altéré, l'altération se voit-elle ?) : une clôture, une réactivation ou
    un retrait de rôle supprimés laissent un journal qu'un journal partiel légal pourrait
    être ; ceux-là ne doivent que ne rien faire lever."""
    j = scenario_comptes().c.journal
    ajout = next(e for e in j if isinstance(e, MembreAjoute))
    retrait = next(e for e in j if isinstance(e, MembreRetire))
    return [
        ("désordre", (j[3], *j[:3], *j[4:]), True),
        ("dernier avant le premier", (j[-1], *j[:-1]), True),
        ("ajout en double", (*j, ajout), True),
        ("retrait en double, à sa place", (*j[:1], retrait, *j[1:]), True),
        ("ajout supprimé", sans(j, lambda e: e is not ajout), True),
        ("compte inconnu", (*j, attrs.evolve(ajout, utilisateur="fantome.x")), True),
        ("groupe inconnu", (*j, attrs.evolve(ajout, groupe="ZZINCONNU")), True),
        ("clôtures supprimées", sans(j, lambda e: not isinstance(e, m.CompteCloture)), False),
        ("réactivations supprimées", sans(j, lambda e: not isinstance(e, CompteReactive)), True),
        ("rôles retirés supprimés", sans(j, lambda e: not isinstance(e, RoleRetire)), False),
        (
            "réactivation d'un compte jamais clôturé au journal",
            (*j, CompteReactive(instant=j[-1].instant, par=CAF, utilisateur="as.leroy")),
            False,
        ),
    ]


@pytest.mark.parametrize(
    ("nom", "journal", "visible"), _alteres(), ids=[n for n, _, _ in _alteres()]
)
def test_journal_altere_est_signale_et_ne_fait_rien_lever(
    nom: str, journal: tuple[m.Evenement, ...], visible: bool
) -> None:
    """Un journal altéré (relu en JSON) : ``incoherences`` le dit quand l'altération se
    voit, et aucune question ne lève autre chose que ``DonneeInvalide``."""
    s = scenario_comptes()
    c = depuis_json(vers_json(attrs.evolve(s.c, journal=journal)), Convention)
    h = historique(c)
    assert bool(h.incoherences) is visible, (nom, h.incoherences)
    instants = points(s.etats)
    for t in instants[::4]:
        h.qui_avait_acces(instant=t)
        for u in c.utilisateurs:
            h.acces_cdap(u.identifiant, instant=t)
    for u in c.utilisateurs:
        h.acces_cdap_pendant(u.identifiant, du=instants[0], au=instants[-1])
        h.actes(compte=u.identifiant)
        for quoi in ("T1", "T2", "CDAP", "AFAS", "ADONIS"):
            h.periodes(u.identifiant, quoi)
    h.qui_avait_acces(du=instants[0], au=instants[-1], profil="t2")
    for g in c.groupes:
        h.actes(groupe=g.code)
    assert repr(h)


# --- ce qui n'a rien trouvé : arguments absurdes -----------------------------------------------


class _Texte(str):
    pass


INSTANTS_ABSURDES: Final[list[object]] = [
    datetime(2026, 3, 3),
    "2026-03-03T00:00:00+00:00",
    None,
    5,
    1.5,
    date(2026, 3, 3),
    b"2026",
    [],
]
IDENTIFIANTS_ABSURDES: Final[list[object]] = [
    "inconnu.x",
    "",
    None,
    5,
    b"as.leroy",
    _Texte("as.leroy"),
    "\uff41s.leroy",
    "x" * 10_000,
    ["as.leroy"],
    CAF,
]


def _leve_donnee_invalide(appel: Callable[[], object]) -> None:
    with pytest.raises(DonneeInvalide) as exc:
        appel()
    assert str(exc.value)


@pytest.fixture(scope="module")
def h_exemple() -> Historique:
    return historique(convention_exemple())


T_EX: Final = datetime(2026, 3, 3, tzinfo=UTC)


@pytest.mark.parametrize("instant", INSTANTS_ABSURDES, ids=repr)
def test_instant_absurde(h_exemple: Historique, instant: Any) -> None:
    h = h_exemple
    _leve_donnee_invalide(lambda: h.acces_cdap("as.leroy", instant=instant))
    _leve_donnee_invalide(lambda: h.acces_cdap_pendant("as.leroy", du=instant, au=T_EX))
    _leve_donnee_invalide(lambda: h.acces_cdap_pendant("as.leroy", du=T_EX, au=instant))
    _leve_donnee_invalide(lambda: h.qui_avait_acces(du=T_EX, au=instant))
    if instant is not None:  # None : pas de borne
        _leve_donnee_invalide(lambda: h.actes(compte="as.leroy", du=instant))
        _leve_donnee_invalide(lambda: h.qui_avait_acces(instant=instant))


@pytest.mark.parametrize("ident", IDENTIFIANTS_ABSURDES, ids=lambda x: repr(x)[:20])
def test_identifiant_absurde(h_exemple: Historique, ident: Any) -> None:
    h = h_exemple
    _leve_donnee_invalide(lambda: h.acces_cdap(ident, instant=T_EX))
    _leve_donnee_invalide(lambda: h.acces_cdap_pendant(ident, du=T_EX, au=T_EX))
    _leve_donnee_invalide(lambda: h.periodes(ident, "T1"))
    _leve_donnee_invalide(lambda: h.actes(compte=ident))
    _leve_donnee_invalide(lambda: h.actes(groupe=ident))


@pytest.mark.parametrize(
    "quoi",
    [None, 5, "", "T0", "T11", "x" * 100_000, RoleApplicatif.ADONIS, RoleAfas.FDA, "CAF"],
    ids=repr,
)
def test_profil_ou_service_absurde(h_exemple: Historique, quoi: Any) -> None:
    _leve_donnee_invalide(lambda: h_exemple.periodes("as.leroy", quoi))
    if quoi is not None:
        _leve_donnee_invalide(lambda: h_exemple.qui_avait_acces(instant=T_EX, profil=quoi))


@pytest.mark.parametrize(
    "quoi", [" t1 ", "T1", ProfilT.T1, " cdap", "Adonis", "offre_bailleurs", Service.AFAS]
)
def test_profil_ou_service_ecrit_autrement(h_exemple: Historique, quoi: Any) -> None:
    assert h_exemple.periodes("AS.Leroy", quoi).identifiant == "as.leroy"


def test_combinaisons_d_arguments_refusees(h_exemple: Historique) -> None:
    h = h_exemple
    _leve_donnee_invalide(h.qui_avait_acces)
    _leve_donnee_invalide(lambda: h.qui_avait_acces(du=T_EX))
    _leve_donnee_invalide(lambda: h.qui_avait_acces(instant=T_EX, du=T_EX, au=T_EX))
    _leve_donnee_invalide(lambda: h.qui_avait_acces(instant=T_EX, au=T_EX))
    _leve_donnee_invalide(lambda: h.qui_avait_acces(du=T_EX, au=T_EX - JOUR))
    _leve_donnee_invalide(lambda: h.acces_cdap_pendant("as.leroy", du=T_EX, au=T_EX - JOUR))
    _leve_donnee_invalide(h.actes)
    _leve_donnee_invalide(lambda: h.actes(compte="as.leroy", groupe="T1AS"))
    for convention in (None, 5, "19_214", convention_exemple().journal):
        _leve_donnee_invalide(lambda x=convention: historique(x))  # type: ignore[misc]
    _leve_donnee_invalide(lambda: historique(convention_exemple(), politique="x"))  # type: ignore[arg-type]


def test_instants_aux_bords_du_calendrier(h_exemple: Historique) -> None:
    for t in (datetime.min.replace(tzinfo=UTC), datetime.max.replace(tzinfo=UTC)):
        a = h_exemple.acces_cdap("as.leroy", instant=t)
        assert a.du == t
        h_exemple.qui_avait_acces(instant=t)
        assert h_exemple.acces_cdap_pendant("as.leroy", du=datetime.min.replace(tzinfo=UTC), au=t)
