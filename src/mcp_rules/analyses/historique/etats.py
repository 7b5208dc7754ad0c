"""L'état d'un compte à un instant passé, reconstruit à rebours depuis l'état présent :
ses profils CDAP (et d'où ils viennent), ses services, ce qui manque pour trancher."""

from __future__ import annotations

from bisect import bisect_right
from datetime import datetime
from typing import Final, NamedTuple

from mcp_rules.analyses.historique.lignes import (
    CHAMPS_JOURNALISES,
    FIN,
    INCONNU,
    JournalLu,
    Ligne,
    valeur,
)
from mcp_rules.analyses.historique.reponses import Habilitation
from mcp_rules.fondations.controles import cle
from mcp_rules.fondations.enumerations import ProfilT, RoleAfas, RoleApplicatif, Service
from mcp_rules.modele import Convention, Groupe, Politique, Utilisateur
from mcp_rules.modele.evenements import Evenement
from mcp_rules.modele.index import index
from mcp_rules.regles import afas, elig

__all__ = ["Etat", "Etats", "Fiche", "et"]


class Etat:
    """Ce qu'un compte tenait à un instant : profils établis (et d'où), profils incertains."""

    __slots__ = ("incertains", "manquantes", "motifs", "profils")

    def __init__(self) -> None:
        self.profils: dict[ProfilT, list[Habilitation]] = {}
        self.incertains: set[ProfilT] = set()
        self.manquantes: list[str] = []
        self.motifs: list[str] = []

    def manque(self, cle_: str, motif: str) -> None:
        if cle_ not in self.manquantes:
            self.manquantes.append(cle_)
        if motif not in self.motifs:
            self.motifs.append(motif)


_LUS_T4: Final = frozenset({"fonction", "numero_instructeur"})
_LUS: Final = frozenset({"fonction"})
_AUCUN: Final[frozenset[str]] = frozenset()


NON_SUIVIS: Final = frozenset({"derniere_connexion"})
"""Des champs qui changent aussi hors de toute commande (une connexion) : le journal ne dit
jamais ce qu'ils valaient à un instant passé."""

_TOUS_LES_CHAMPS: Final = CHAMPS_JOURNALISES | {
    "mot_de_passe_temporaire",
    "mot_de_passe_personnalise",
    "cloture_le",
    *NON_SUIVIS,
}


def _champs_pertinents(p: ProfilT, politique: Politique | None) -> frozenset[str]:
    """Les champs du compte que l'éligibilité à ce profil lit : ceux du guide, et ceux que
    les conditions locales déclarent (``donnees``) ; une condition qui n'en déclare aucun
    est supposée tout lire."""
    du_guide = _LUS_T4 if p is ProfilT.T4 else _LUS
    conditions = () if politique is None else politique.conditions.get(p, ())
    if not conditions:
        return du_guide
    lus = set(du_guide)
    for condition in conditions:
        lus.update(condition.donnees or _TOUS_LES_CHAMPS)
    return frozenset(lus)


class Fiche(NamedTuple):
    """Ce que « qui avait accès » lit d'un compte qui a pu tenir un profil, rangé une fois :
    sa clé, son compte, sa création, sa ligne de clôture, ses modifications (instants et
    champs modifiés après chacun), et ses groupes CDAP possibles, triés par clé : (rang du
    groupe dans ``Etats._groupes_cdap``, ligne d'adhésion ou ``None``, membre aujourd'hui)."""

    cle: str
    compte: Utilisateur
    creation: datetime
    cloture: Ligne | None
    modifs: tuple[list[datetime], list[frozenset[str]]] | None
    groupes: tuple[tuple[int, Ligne | None, bool], ...]


class Etats(JournalLu):
    """Les lignes du journal, et l'état d'un compte à un instant qu'on en tire."""

    __slots__ = ("_fiches", "_groupes_cdap")

    def __init__(self, convention: Convention, politique: Politique | None = None) -> None:
        super().__init__(convention, politique)
        self._ranger_cdap()

    def _ranger_cdap(self) -> None:
        """Range une fois, pour chaque question : les groupes CDAP (triés par clé) et une
        :class:`Fiche` par compte qui a pu tenir un profil (membre, aujourd'hui ou d'après
        le journal, d'un groupe CDAP), triées par clé."""
        c = self.convention
        idx = index(c)
        cles = sorted(gk for gk, g in c._groupes.items() if g.service is Service.CDAP)
        rangs = {gk: i for i, gk in enumerate(cles)}
        self._groupes_cdap: tuple[Groupe, ...] = tuple(c._groupes[gk] for gk in cles)
        vus: set[str] = set()
        for gk in cles:
            vus.update(cle(m) for m in c._groupes[gk].membres)
            vus |= self._comptes_des_groupes.get(gk, set())
        fiches: list[Fiche] = []
        adhesions, creation = self._adhesions, self._creation_comptes
        for k in sorted(vus):
            u = c._utilisateurs.get(k)
            if u is None:
                continue
            actuels = idx.groupes_de(k)
            journal = self._groupes_des_comptes.get(k)
            possibles = sorted(journal.union(actuels)) if journal else actuels
            modifs = self._modifs.get(k)
            fiches.append(
                Fiche(
                    k,
                    u,
                    creation.get(k, u.cree_le),
                    self._clotures.get(k),
                    None if modifs is None else (modifs[0], self._suffixes[k]),
                    tuple(
                        (rangs[gk], adhesions.get((k, gk)), gk in actuels)
                        for gk in possibles
                        if gk in rangs
                    ),
                )
            )
        self._fiches: tuple[Fiche, ...] = tuple(fiches)

    @property
    def incoherences(self) -> tuple[str, ...]:
        """Les contradictions entre le journal et l'état présent (vide pour un journal écrit
        par les commandes de la bibliothèque)."""
        return tuple(self._incoherences)

    def _creation(self, u: Utilisateur) -> datetime:
        return self._creation_comptes.get(u.cle, u.cree_le)

    def _inconnus(self, k: str, t: datetime) -> frozenset[str]:
        """Les champs du compte modifiés après ``t`` (leur valeur d'alors n'est pas au journal)."""
        modifs = self._modifs.get(k)
        if modifs is None:
            return frozenset()
        return self._suffixes[k][bisect_right(modifs[0], t)]

    def _groupes_possibles(self, k: str) -> set[str]:
        idx = index(self.convention)
        return set(idx.groupes_de(k)) | self._groupes_des_comptes.get(k, set())

    def _hors_journal(self, u: Utilisateur, t: datetime, etat: Etat) -> bool:
        """Vrai si l'instant échappe au journal (l'état est alors complété) : avant la
        création du compte, rien (c'est sûr) ; avant le journal, rien n'est sûr."""
        if t < self._creation(u):
            etat.motifs.append(f"le compte {u.identifiant} n'existait pas encore")
            return True
        if self.debut is None or t < self.debut:
            etat.manque(
                "journal",
                "le journal est vide : il ne dit rien du passé."
                if self.debut is None
                else f"le journal commence le {self.debut.isoformat()} : il ne dit rien de ce "
                "qui précède.",
            )
            return True
        douteux = self._douteux.get(u.cle)
        if douteux is not None and t < douteux:
            etat.manque(
                "incoherence",
                f"le journal se contredit sur {u.identifiant} (voir les incohérences) : rien "
                f"n'est sûr de ce compte avant le {douteux.isoformat()}.",
            )
            etat.incertains.update(self.convention.profils_contractuels)
            return True
        return False

    def _clos(self, u: Utilisateur, t: datetime, etat: Etat) -> bool | None:
        v, _ = valeur(self._clotures.get(u.cle), t, u.cloture_le)
        if v is INCONNU:
            etat.manque(
                "cloture_le",
                f"la date de clôture de {u.identifiant} à cet instant n'est pas au journal "
                "(une réactivation ou une contradiction l'efface).",
            )
            return None
        return isinstance(v, datetime) and t >= v

    def _membre(self, k: str, gk: str, t: datetime) -> tuple[object, Evenement | None]:
        ligne = self._adhesions.get((k, gk))
        if ligne is None:
            return gk in index(self.convention).groupes_de(k), None
        return ligne.valeur(t, None)

    def _role(self, g: Groupe, t: datetime) -> tuple[object, Evenement | None]:
        creation = self._creation_groupes.get(g.cle)
        if creation is not None and t < creation:
            return None, None
        return valeur(self._roles.get(g.cle), t, g.role)

    def _etat(self, u: Utilisateur, t: datetime) -> Etat:
        """Les profils CDAP du compte à l'instant ``t``."""
        etat = Etat()
        c = self.convention
        if self._hors_journal(u, t, etat) or Service.CDAP not in c.services:
            return etat
        clos = self._clos(u, t, etat)
        if clos is True:
            return etat
        k = u.cle
        inconnus = self._inconnus(k, t)
        for gk in sorted(self._groupes_possibles(k)):
            g = c._groupes.get(gk)
            if g is None or g.service is not Service.CDAP:
                continue
            self._examiner(u, g, t, clos, inconnus, etat)
        return etat

    def _habilitations(
        self, fiche: Fiche, t: datetime, roles: list[tuple[object, Evenement | None]]
    ) -> list[Habilitation] | None:
        """Le chemin court de :meth:`_etat` (``t`` dans le journal, après la création du
        compte, CDAP souscrit) : les habilitations du compte, dans l'ordre de ses groupes,
        ou ``None`` dès que le journal laisse un doute (la clôture, une adhésion, le rôle
        d'un groupe ou un champ lu par l'éligibilité inconnus à cet instant) : :meth:`_etat`
        dit alors ce qui manque. ``roles`` : le rôle de chaque groupe CDAP à ``t``."""
        k, u, _, cloture, modifs, groupes = fiche
        douteux = self._douteux.get(k)
        if douteux is not None and t < douteux:
            return None
        v = u.cloture_le if cloture is None else cloture.valeur(t, None)[0]
        if v is INCONNU:
            return None
        habilitations: list[Habilitation] = []
        if isinstance(v, datetime) and t >= v:
            return habilitations
        inconnus = _AUCUN if modifs is None else modifs[1][bisect_right(modifs[0], t)]
        contrat = self.convention.profils_contractuels
        for i, ligne, actuel in groupes:
            # Le rôle d'abord (déjà lu) : sans profil du contrat, le groupe ne donne rien, que
            # le compte en soit membre ou non.
            role, attribution = roles[i]
            if role is INCONNU:
                return None
            if not isinstance(role, ProfilT) or role not in contrat:
                continue
            membre, adhesion = (actuel, None) if ligne is None else ligne.valeur(t, None)
            if membre is False:
                continue
            if membre is INCONNU:
                return None
            lus = _champs_pertinents(role, self.politique)
            if (inconnus and not inconnus.isdisjoint(lus)) or not lus.isdisjoint(NON_SUIVIS):
                return None
            if elig.remplit(u, role, self.politique):
                habilitations.append(
                    Habilitation(
                        profil=role,
                        groupe=self._groupes_cdap[i].code,
                        adhesion=adhesion,
                        attribution=attribution,
                    )
                )
        return habilitations

    def _roles_vus(self, g: Groupe) -> set[object]:
        """Les rôles que le groupe a pu porter : le présent, et chacun de son journal."""
        ligne = self._roles.get(g.cle)
        return {g.role, *(() if ligne is None else ligne.valeurs)}

    def _examiner(
        self,
        u: Utilisateur,
        g: Groupe,
        t: datetime,
        clos: bool | None,
        inconnus: frozenset[str],
        etat: Etat,
    ) -> None:
        membre, adhesion = self._membre(u.cle, g.cle, t)
        if membre is False:
            return
        role, attribution = self._role(g, t)
        if role is INCONNU:
            etat.manque(
                "incoherence",
                f"le rôle du groupe {g.code} à cet instant n'est pas établi (le journal "
                "contredit l'état présent).",
            )
            # Tout rôle que le groupe a pu porter : le présent, et chacun de son journal.
            etat.incertains.update(
                r
                for r in self._roles_vus(g)
                if isinstance(r, ProfilT) and r in self.convention.profils_contractuels
            )
            return
        if not isinstance(role, ProfilT) or role not in self.convention.profils_contractuels:
            return
        sur = membre is True and clos is False
        if membre is INCONNU:
            etat.manque(
                "incoherence",
                f"l'appartenance de {u.identifiant} au groupe {g.code} à cet instant n'est pas "
                "établie (le journal contredit l'état présent).",
            )
        lus = _champs_pertinents(role, self.politique)
        manquants = sorted((inconnus & lus) | (lus & NON_SUIVIS))
        if manquants:
            for champ in manquants:
                etat.manque(
                    champ,
                    f"{champ} de {u.identifiant} change hors des commandes : le journal ne dit "
                    "pas ce qu'il valait."
                    if champ in NON_SUIVIS
                    else f"{champ} de {u.identifiant} a changé depuis ; le journal ne garde pas "
                    "l'ancienne valeur.",
                )
            etat.incertains.add(role)
            return
        if not elig.remplit(u, role, self.politique):
            return
        if sur:
            etat.profils.setdefault(role, []).append(
                Habilitation(profil=role, groupe=g.code, adhesion=adhesion, attribution=attribution)
            )
        else:
            etat.incertains.add(role)

    def _points(self, u: Utilisateur, du: datetime | None, au: datetime | None) -> list[datetime]:
        """Les instants où l'état du compte peut changer : entre deux, il est constant."""
        k = u.cle
        points: set[datetime] = {self._creation(u)}
        if self.debut is not None:
            points.add(self.debut)
        lignes: list[Ligne | None] = [self._clotures.get(k)]
        lignes.extend(self._adhesions.get((k, gk)) for gk in self._groupes_possibles(k))
        lignes.extend(self._roles.get(gk) for gk in self._groupes_possibles(k))
        lignes.extend(self._afas.get((k, r)) for r in RoleAfas)
        for ligne in lignes:
            if ligne is not None:
                points.update(x for x in ligne.instants if x is not FIN)
                if ligne.fiable_depuis is not None and ligne.fiable_depuis is not FIN:
                    points.add(ligne.fiable_depuis)
        for ligne in (self._clotures.get(k),):
            if ligne is not None:
                points.update(v for v in ligne.valeurs if isinstance(v, datetime))
        if u.cloture_le is not None:
            points.add(u.cloture_le)
        modifs = self._modifs.get(k)
        if modifs is not None:
            points.update(modifs[0])
        for gk in self._groupes_possibles(k):
            creation = self._creation_groupes.get(gk)
            if creation is not None:
                points.add(creation)
        choisis = sorted(p for p in points if (du is None or p > du) and (au is None or p <= au))
        if du is not None:
            choisis.insert(0, du)
        return choisis

    def _service(self, u: Utilisateur, t: datetime, s: Service, etat: Etat) -> object:
        """AFAS, ADONIS ou Offre-bailleurs à l'instant ``t`` (comme
        :func:`~mcp_rules.acces_service`)."""
        c = self.convention
        if self._hors_journal(u, t, etat):
            return INCONNU if etat.manquantes else False
        if s not in c.services:
            return False
        clos = self._clos(u, t, etat)
        if clos is True:
            return False
        k = u.cle
        resultat: object = False
        if s is Service.AFAS:
            titulaire: object = False
            actuels = {x.upper() for x in afas.roles_afas(c.afas, k)}
            for ra in RoleAfas:
                v, _ = valeur(self._afas.get((k, ra)), t, ra.value.upper() in actuels)
                if v is True:
                    titulaire = True
                    break
                if v is INCONNU:
                    titulaire = INCONNU
            declarant: object = False
            for gk in sorted(self._groupes_possibles(k)):
                g = c._groupes.get(gk)
                if g is None or not afas.dans_declarer(c, g):
                    continue
                if self._creation_groupes.get(gk, t) > t:
                    continue
                m, _ = self._membre(k, gk, t)
                if m is True:
                    declarant = True
                    break
                if m is INCONNU:
                    declarant = INCONNU
            resultat = et(titulaire, declarant)
        else:
            attendu = RoleApplicatif.du_service(s)
            for gk in sorted(self._groupes_possibles(k)):
                g = c._groupes.get(gk)
                if g is None or g.service is not s:
                    continue
                m, _ = self._membre(k, gk, t)
                r, _ = self._role(g, t)
                v = et(m, INCONNU if r is INCONNU else r is attendu)
                if v is True:
                    resultat = True
                    break
                if v is INCONNU:
                    resultat = INCONNU
        if clos is None and resultat is True:
            return INCONNU
        if resultat is INCONNU:
            etat.manque("incoherence", "le journal contredit l'état présent.")
        return resultat


def et(a: object, b: object) -> object:
    if a is False or b is False:
        return False
    if a is True and b is True:
        return True
    return INCONNU
