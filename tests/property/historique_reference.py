"""L'histoire comparée aux états eux-mêmes : la propriété de l'histoire des habilitations.

Une suite de commandes donne une suite d'états (instant, convention). L'histoire de la
**dernière** convention, lue dans son seul journal, doit dire à chaque instant ce que
disait la convention de cet instant-là :

- une réponse certaine est exactement ``acces_cdap`` (profils et groupes) de l'état de
  l'instant ; une période certaine d'un profil ou d'un service dit vrai à chaque instant ;
- une réponse incertaine ne l'est que pour une raison que le journal justifie (l'instant
  précède le journal ; un champ lu par l'éligibilité a changé depuis ; une réactivation
  efface une date de clôture) ; ses profils établis sont tenus, et ce qui est tenu est
  établi ou incertain ;
- « qui avait accès » rend, compte par compte, la réponse individuelle ;
- tout suffixe du journal (un journal partiel) garde ces propriétés depuis son début.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

import attrs
from hypothesis import event

import mcp_rules as m
from mcp_rules import (
    CompteModifie,
    CompteReactive,
    ConditionProfil,
    Convention,
    MotDePassePersonnalise,
    MotDePasseTemporaireEmis,
    Politique,
    ProfilT,
    Service,
)
from mcp_rules.analyses.historique import Historique, historique

POLITIQUE_DE_TEST = Politique(
    conditions={
        ProfilT.T2: (
            ConditionProfil(
                code="LOC-MDP",
                titre="Mot de passe personnalisé",
                verifier=lambda u: u.mot_de_passe_personnalise,
                donnees=("mot_de_passe_personnalise",),
            ),
        ),
        ProfilT.T3: (
            ConditionProfil(
                code="LOC-NOM",
                titre="Nom sans chiffre",
                verifier=lambda u: not any(ch.isdigit() for ch in u.nom),
                donnees=("nom",),
            ),
        ),
    }
)
"""Une politique locale dont les conditions lisent un champ changé par une commande de
mot de passe (T2) et un champ de ``modifier_compte`` (T3)."""

Etat = tuple[datetime, Convention]


def etat_a(etats: Sequence[Etat], t: datetime) -> Convention | None:
    """La convention telle qu'elle était à l'instant ``t`` (après les commandes de cet
    instant), ou ``None`` avant la première."""
    trouve = None
    for ti, c in etats:
        if ti <= t:
            trouve = c
    return trouve


def instants_a_verifier(etats: Sequence[Etat]) -> list[datetime]:
    """Chaque instant de commande, un peu après, juste avant, et chaque date de clôture."""
    points: set[datetime] = set()
    for t, c in etats:
        points.update((t, t + timedelta(seconds=1), t - timedelta(seconds=1)))
        points.update(u.cloture_le for u in c.utilisateurs if u.cloture_le is not None)
        points.update(
            u.cloture_le - timedelta(seconds=1) for u in c.utilisateurs if u.cloture_le is not None
        )
    return sorted(points)


def justifie(h: Historique, dernier: Convention, ident: str, t: datetime, cle_: str) -> bool:
    """Vrai si le journal justifie qu'il manque ``cle_`` pour répondre à l'instant ``t``."""
    journal = dernier.journal
    k = ident.lower()
    if cle_ == "journal":
        return h.debut is None or t < h.debut
    if cle_ == "cloture_le":
        return any(
            isinstance(e, CompteReactive) and e.utilisateur.lower() == k and e.instant > t
            for e in journal
        )
    if cle_.startswith("mot_de_passe_"):
        return any(
            isinstance(e, MotDePassePersonnalise | MotDePasseTemporaireEmis)
            and e.utilisateur.lower() == k
            and e.instant > t
            for e in journal
        )
    return any(
        isinstance(e, CompteModifie)
        and e.utilisateur.lower() == k
        and e.instant > t
        and cle_ in e.champs
        for e in journal
    )


def verifier_instant(
    h: Historique, dernier: Convention, etats: Sequence[Etat], t: datetime
) -> None:
    avant = etat_a(etats, t)
    collectif = {a.identifiant: a for a in h.qui_avait_acces(instant=t).comptes}
    for u in dernier.utilisateurs:
        b = h.acces_cdap(u.identifiant, instant=t)
        assert b.du == b.au == t
        if b.profils or b.incertains or "journal" in b.donnees_manquantes:
            assert collectif.get(u.identifiant) == b, (t, u.identifiant)
        else:
            assert u.identifiant not in collectif, (t, u.identifiant)
        assert not (set(b.profils) & set(b.incertains))
        for cle_ in b.donnees_manquantes:
            event(f"historique : il manque {cle_}")
            assert justifie(h, dernier, u.identifiant, t, cle_), (t, u.identifiant, cle_, b)
        ancien = None if avant is None else avant.trouver_utilisateur(u.identifiant)
        if ancien is None:
            # Le compte n'existait pas encore (ou l'instant précède tout état connu).
            if avant is not None:
                assert b.certain, (t, u.identifiant, b)
                assert not b.profils, (t, u.identifiant, b)
            continue
        assert avant is not None
        a = m.acces_cdap(avant, u.identifiant, instant=t, politique=h.politique)
        if b.certain:
            event("historique : réponse certaine" + (" avec accès" if b.profils else ""))
            assert (b.profils, b.groupes) == (a.profils, a.groupes), (t, u.identifiant, a, b)
        else:
            assert set(b.profils) <= set(a.profils), (t, u.identifiant, a, b)
            if "journal" not in b.donnees_manquantes:
                assert set(a.profils) <= set(b.profils) | set(b.incertains), (t, a, b)


def verifier_periodes(
    h: Historique, dernier: Convention, etats: Sequence[Etat], points: Iterable[datetime]
) -> None:
    quois: list[ProfilT | Service] = [*sorted(dernier.profils_contractuels, key=lambda p: p.rang)]
    quois.extend(sorted(dernier.services, key=lambda s: s.value))
    points = list(points)
    for u in dernier.utilisateurs:
        for quoi in quois:
            periodes = h.periodes(u.identifiant, quoi).periodes
            for t in points:
                avant = etat_a(etats, t)
                if avant is None or (h.debut is not None and t < h.debut):
                    continue
                dedans = [p for p in periodes if p.debut <= t and (p.fin is None or t < p.fin)]
                assert len(dedans) <= 1
                if dedans and not dedans[0].certaine:
                    continue
                if avant.trouver_utilisateur(u.identifiant) is None:
                    vrai = False
                elif isinstance(quoi, ProfilT):
                    vrai = quoi in m.acces_cdap(avant, u.identifiant, instant=t).profils
                else:
                    vrai = m.acces_service(avant, u.identifiant, quoi, instant=t).autorise
                assert bool(dedans) == vrai, (u.identifiant, quoi, t, periodes)


def verifier_intervalles(
    h: Historique, dernier: Convention, etats: Sequence[Etat], points: Sequence[datetime]
) -> None:
    """Sur quelques intervalles : l'union des profils tenus à chaque instant où l'état change."""
    if len(points) < 2:
        return
    bornes = [(points[0], points[-1]), (points[len(points) // 2], points[-1])]
    bornes.append((points[len(points) // 3], points[2 * len(points) // 3]))
    for du, au in bornes:
        dedans = [t for t in points if du <= t <= au]
        for u in dernier.utilisateurs:
            b = h.acces_cdap_pendant(u.identifiant, du=du, au=au)
            if not b.certain:
                continue
            vrais: set[ProfilT] = set()
            for t in dedans:
                avant = etat_a(etats, t)
                if avant is not None and avant.trouver_utilisateur(u.identifiant) is not None:
                    vrais |= set(m.acces_cdap(avant, u.identifiant, instant=t).profils)
            assert set(b.profils) == vrais, (u.identifiant, du, au, b, vrais)


def verifier_avec_politique(etats: Sequence[Etat]) -> None:
    """La propriété des réponses à un instant, sous une politique locale."""
    dernier = etats[-1][1]
    h = historique(dernier, politique=POLITIQUE_DE_TEST)
    for t in instants_a_verifier(etats):
        verifier_instant(h, dernier, etats, t)


def verifier_historique(etats: Sequence[Etat], *, suffixe: int | None = None) -> None:
    """La propriété, sur le journal entier puis (``suffixe``) sur un journal partiel."""
    dernier = etats[-1][1]
    journaux: list[Convention] = [dernier]
    if suffixe is not None and dernier.journal:
        i = suffixe % len(dernier.journal)
        journaux.append(attrs.evolve(dernier, journal=dernier.journal[i:]))
    points = instants_a_verifier(etats)
    for c in journaux:
        h = historique(c)
        assert h.incoherences == (), h.incoherences
        if c.journal:
            assert h.debut == c.journal[0].instant
        for t in points:
            verifier_instant(h, c, etats, t)
        verifier_periodes(h, c, etats, points)
        verifier_intervalles(h, c, etats, points)
