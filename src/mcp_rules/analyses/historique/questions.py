"""Les questions posées à l'histoire : un compte à un instant ou pendant un intervalle,
tous les comptes, les périodes d'un profil ou d'un service, les actes sur un compte ou un
groupe."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from mcp_rules.analyses.historique.descriptions import decrire
from mcp_rules.analyses.historique.etats import Etat, Etats
from mcp_rules.analyses.historique.lignes import (
    INCONNU,
)
from mcp_rules.analyses.historique.reponses import (
    AccesPasse,
    AccesPendant,
    Acte,
    Actes,
    Habilitation,
    Periode,
    Periodes,
    filtrer,
    peut_avoir,
)
from mcp_rules.fondations import erreurs
from mcp_rules.fondations.controles import cle, moment
from mcp_rules.fondations.enumerations import ProfilT, Service
from mcp_rules.fondations.erreurs import DonneeInvalide, apercu
from mcp_rules.fondations.ramasse_miettes import sans_ramasse_miettes
from mcp_rules.modele import Convention, Politique, Utilisateur

__all__ = ["Historique", "historique"]


class Historique(Etats):
    """L'histoire d'une convention, lue dans son journal (voir :func:`historique`).

    Construite une fois ; chaque question se répond sans relire le journal. Les instants
    se donnent avec leur fuseau, comme partout.
    """

    __slots__ = ()

    def _reponse(self, u: Utilisateur, du: datetime, au: datetime, etats: list[Etat]) -> AccesPasse:
        profils: dict[ProfilT, dict[str, Habilitation]] = {}
        incertains: set[ProfilT] = set()
        manquantes: list[str] = []
        motifs: list[str] = []
        inconnu = False  # un instant hors du journal : tout profil a pu être tenu
        for etat in etats:
            inconnu = inconnu or "journal" in etat.manquantes
            for p, liste in etat.profils.items():
                par_groupe = profils.setdefault(p, {})
                for h in liste:
                    par_groupe.setdefault(h.groupe, h)
            incertains |= etat.incertains
            manquantes.extend(x for x in etat.manquantes if x not in manquantes)
            motifs.extend(x for x in etat.motifs if x not in motifs)
        ordre = sorted(profils, key=lambda p: p.rang)
        return AccesPasse(
            identifiant=u.identifiant,
            du=du,
            au=au,
            profils=tuple(ordre),
            habilitations=tuple(
                profils[p][code] for p in ordre for code in sorted(profils[p], key=cle)
            ),
            incertains=tuple(sorted(incertains - set(ordre), key=lambda p: p.rang)),
            donnees_manquantes=tuple(manquantes) if (incertains - set(ordre)) or inconnu else (),
            motifs=tuple(motifs),
        )

    # -- les questions -----------------------------------------------------------------------

    def acces_cdap(self, identifiant: str, *, instant: datetime) -> AccesPasse:
        """Les profils CDAP effectifs de ce compte à cet instant passé, et qui les a donnés."""
        t = moment(instant)
        u = self.convention.utilisateur(identifiant)
        return self._reponse(u, t, t, [self._etat(u, t)])

    def acces_cdap_pendant(self, identifiant: str, *, du: datetime, au: datetime) -> AccesPasse:
        """Les profils CDAP que ce compte a tenus à un moment de ``[du, au]``."""
        t0, t1 = _intervalle(du, au)
        u = self.convention.utilisateur(identifiant)
        return self._reponse(u, t0, t1, [self._etat(u, t) for t in self._points(u, t0, t1)])

    def qui_avait_acces(
        self,
        *,
        instant: datetime | None = None,
        du: datetime | None = None,
        au: datetime | None = None,
        profil: ProfilT | str | None = None,
    ) -> AccesPendant:
        """Qui avait accès à CDAP (ou à ce profil) à cet instant, ou à un moment de
        ``[du, au]`` : les comptes dont l'accès est établi, et ceux dont il reste possible."""
        if instant is not None and (du is not None or au is not None):
            raise DonneeInvalide(erreurs.VALEUR, "donnez soit instant, soit du et au, pas les deux")
        if instant is not None:
            t0 = t1 = moment(instant)
        elif du is not None and au is not None:
            t0, t1 = _intervalle(du, au)
        else:
            raise DonneeInvalide(erreurs.VALEUR, "donnez instant, ou du et au")
        p = None if profil is None else ProfilT.parse(profil)
        c = self.convention
        if t0 == t1 and self.debut is not None and t0 >= self.debut and Service.CDAP in c.services:
            reponses = self._a_l_instant(t0, p)
        else:
            reponses = []
            for u in self._candidats(t0, t1):
                etats = (
                    [self._etat(u, t0)]
                    if t0 == t1
                    else [self._etat(u, t) for t in self._points(u, t0, t1)]
                )
                a = self._retenir(self._reponse(u, t0, t1, etats), p)
                if a is not None:
                    reponses.append(a)
        # Les comptes viennent dans l'ordre de leurs clés (celui des réponses) : rien à trier.
        return AccesPendant(
            convention=c.numero,
            du=t0,
            au=t1,
            profil=p,
            debut_journal=self.debut,
            comptes=tuple(reponses),
        )

    def _a_l_instant(self, t: datetime, p: ProfilT | None) -> list[AccesPasse]:
        """« Qui avait accès » à un instant du journal : le chemin court de chaque compte
        (:meth:`~Etats._habilitations`, le rôle de chaque groupe lu une fois), le chemin
        complet pour ceux dont le journal laisse un doute à cet instant."""
        reponses: list[AccesPasse] = []
        roles = [self._role(g, t) for g in self._groupes_cdap]
        for fiche in self._fiches:
            if fiche.creation > t:
                continue
            habilitations = self._habilitations(fiche, t, roles)
            u = fiche.compte
            if habilitations is None:
                a = self._retenir(self._reponse(u, t, t, [self._etat(u, t)]), p)
                if a is not None:
                    reponses.append(a)
                continue
            if p is not None:
                habilitations = [h for h in habilitations if h.profil is p]
            if habilitations:
                reponses.append(_etablie(u.identifiant, t, habilitations))
        return reponses

    @staticmethod
    def _retenir(a: AccesPasse, p: ProfilT | None) -> AccesPasse | None:
        """La réponse restreinte au profil demandé, si le compte a (ou a pu avoir) accès."""
        if p is not None:
            a = filtrer(a, p)
        return a if a.profils or a.incertains or peut_avoir(a) else None

    def _candidats(self, t0: datetime, t1: datetime) -> Iterator[Utilisateur]:
        """Les comptes qui ont pu tenir un profil, dans l'ordre de leurs clés : membres
        (aujourd'hui ou d'après le journal) d'un groupe CDAP."""
        c = self.convention
        if self.debut is None or t0 < self.debut:
            # Avant le journal, tout compte qui existait a pu être membre d'un groupe CDAP.
            for u in c.utilisateurs:
                if self._creation(u) <= t1:
                    yield u
            return
        for fiche in self._fiches:
            if fiche.creation <= t1:
                yield fiche.compte

    def periodes(self, identifiant: str, quoi: ProfilT | Service | str) -> Periodes:
        """Chaque période pendant laquelle ce compte a tenu ce profil CDAP (``"T1"``) ou
        atteint ce service (``"CDAP"``, ``"AFAS"``, ``"ADONIS"``, ``"OFFRE_BAILLEURS"``)."""
        u = self.convention.utilisateur(identifiant)
        cible = _cible(quoi)
        segments: list[tuple[datetime, object]] = []
        manquantes: list[str] = []
        motifs: list[str] = []
        for t in self._points(u, None, None):
            if t < self._creation(u):
                continue
            etat = Etat()
            valeur = self._tient(u, t, cible, etat)
            manquantes.extend(x for x in etat.manquantes if x not in manquantes)
            if valeur is not False:
                motifs.extend(x for x in etat.motifs if x not in motifs)
            segments.append((t, valeur))
        periodes: list[Periode] = []
        for i, (t, v) in enumerate(segments):
            if v is False:
                continue
            fin = segments[i + 1][0] if i + 1 < len(segments) else None
            certaine = v is True
            if periodes and periodes[-1].fin == t and periodes[-1].certaine == certaine:
                periodes[-1] = Periode(debut=periodes[-1].debut, fin=fin, certaine=certaine)
            else:
                periodes.append(Periode(debut=t, fin=fin, certaine=certaine))
        incertaines = any(not p.certaine for p in periodes)
        return Periodes(
            identifiant=u.identifiant,
            quoi=cible.value,
            periodes=tuple(periodes),
            donnees_manquantes=tuple(manquantes) if incertaines else (),
            motifs=tuple(motifs) if incertaines else (),
        )

    def _tient(self, u: Utilisateur, t: datetime, cible: ProfilT | Service, etat: Etat) -> object:
        """Vrai, faux ou :data:`INCONNU` : le compte tient-il ce profil, atteint-il ce service
        à l'instant ``t`` ?"""
        if isinstance(cible, ProfilT) or cible is Service.CDAP:
            e = self._etat(u, t)
            etat.manquantes, etat.motifs = e.manquantes, e.motifs
            if (cible in e.profils) if isinstance(cible, ProfilT) else bool(e.profils):
                return True
            possible = (cible in e.incertains) if isinstance(cible, ProfilT) else bool(e.incertains)
            return INCONNU if possible or "journal" in e.manquantes else False
        return self._service(u, t, cible, etat)

    def actes(
        self,
        *,
        compte: str | None = None,
        groupe: str | None = None,
        du: datetime | None = None,
        au: datetime | None = None,
    ) -> Actes:
        """Les événements qui touchent ce compte (ou ce groupe), avec qui et quand."""
        if (compte is None) == (groupe is None):
            raise DonneeInvalide(erreurs.VALEUR, "donnez soit compte, soit groupe")
        t0 = None if du is None else moment(du)
        t1 = None if au is None else moment(au)
        if t0 is not None and t1 is not None:
            _intervalle(t0, t1)  # au avant du : la même erreur que les autres questions
        if compte is not None:
            u = self.convention.utilisateur(compte)
            positions = self._par_compte.get(u.cle, [])
            sujet = f"le compte {u.identifiant}"
        else:
            g = self.convention.groupe(groupe)  # type: ignore[arg-type]
            positions = self._par_groupe.get(g.cle, [])
            sujet = f"le groupe {g.code}"
        journal = self.convention.journal
        actes = tuple(
            Acte(position=i, evenement=journal[i], description=decrire(journal[i]))
            for i in positions
            if (t0 is None or journal[i].instant >= t0) and (t1 is None or journal[i].instant <= t1)
        )
        return Actes(sujet=sujet, actes=actes)

    def __repr__(self) -> str:
        debut = "journal vide" if self.debut is None else f"depuis {self.debut.isoformat()}"
        n = len(self.convention.journal)
        return f"<Historique {self.convention.numero} : {n} événements, {debut}>"


def _etablie(identifiant: str, t: datetime, habilitations: list[Habilitation]) -> AccesPasse:
    """L'accès d'un compte à l'instant ``t`` que le journal établit sans doute : ses
    habilitations (dans l'ordre de ses groupes) rangées par profil, comme :meth:`_reponse`."""
    premier = habilitations[0].profil
    if len(habilitations) == 1 or all(h.profil is premier for h in habilitations):
        ordre = [premier]
    else:
        ordre = sorted({h.profil for h in habilitations}, key=lambda p: p.rang)
        habilitations = [h for p in ordre for h in habilitations if h.profil is p]
    return AccesPasse(
        identifiant=identifiant,
        du=t,
        au=t,
        profils=tuple(ordre),
        habilitations=tuple(habilitations),
    )


def _intervalle(du: datetime, au: datetime) -> tuple[datetime, datetime]:
    t0, t1 = moment(du), moment(au)
    if t1 < t0:
        raise DonneeInvalide(
            erreurs.VALEUR,
            f"intervalle vide : au ({t1.isoformat()}) précède du ({t0.isoformat()})",
        )
    return t0, t1


def _cible(quoi: object) -> ProfilT | Service:
    if isinstance(quoi, ProfilT | Service):
        return quoi
    if isinstance(quoi, str):
        for cls in (ProfilT, Service):
            try:
                return cls.parse(quoi)
            except DonneeInvalide:
                continue
    raise DonneeInvalide(
        erreurs.VALEUR,
        f"un profil T (T1…T10) ou un service (CDAP, AFAS, ADONIS, OFFRE_BAILLEURS) est "
        f"attendu, pas {apercu(quoi)}",
        valeur=quoi,
    )


@sans_ramasse_miettes
def historique(convention: Convention, *, politique: Politique | None = None) -> Historique:
    """L'histoire de cette convention, lue une fois dans son journal.

    Ses questions : :meth:`Historique.acces_cdap` (les profils d'un compte à un instant),
    :meth:`Historique.acces_cdap_pendant` (pendant un intervalle), :meth:`Historique.periodes`
    (chaque période d'un profil ou d'un service), :meth:`Historique.qui_avait_acces` (tous
    les comptes, à un instant ou pendant un intervalle), :meth:`Historique.actes` (qui a agi
    sur un compte ou un groupe, et quand).
    """
    return Historique(convention, politique)
