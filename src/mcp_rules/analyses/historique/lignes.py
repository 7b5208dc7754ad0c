"""Le journal lu une fois : les lignes de temps de chaque donnée, et ses contradictions.

Une ligne de temps (:class:`Ligne`) garde les valeurs successives d'une donnée (une
adhésion, le rôle d'un groupe, une date de clôture, un rôle AFAS) et les événements qui
les ont posées ; :class:`JournalLu` les construit en un passage sur le journal, puis
déduit ce qui précédait chaque premier événement et note chaque contradiction entre le
journal et l'état présent (avant elle, rien n'est sûr).
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import UTC, datetime
from typing import Any, Final

from mcp_rules.analyses.historique.descriptions import sujets
from mcp_rules.commandes import CHAMPS_MODIFIABLES
from mcp_rules.fondations.controles import cle
from mcp_rules.fondations.enumerations import RoleAfas
from mcp_rules.modele import (
    Convention,
    Groupe,
    Politique,
    Utilisateur,
    exiger_convention,
    exiger_politique,
)
from mcp_rules.modele.evenements import (
    ApprobateurValide,
    CompteCloture,
    CompteCree,
    CompteModifie,
    CompteReactive,
    Evenement,
    GroupeCree,
    MembreAjoute,
    MembreRetire,
    MotDePassePersonnalise,
    MotDePasseTemporaireEmis,
    RoleAfasConfigure,
    RoleAfasRetire,
    RoleAffecte,
    RoleRetire,
)
from mcp_rules.modele.index import index
from mcp_rules.regles import afas

__all__ = ["CHAMPS_JOURNALISES", "FIN", "INCONNU", "JournalLu", "Ligne", "valeur"]

_CHAMPS_DU_MOT_DE_PASSE: Final = frozenset(
    {"mot_de_passe_temporaire", "mot_de_passe_personnalise", "derniere_connexion"}
)
"""Ce que changent un mot de passe émis ou personnalisé (la personnalisation est aussi une
connexion)."""
_CLOTURE: Final = frozenset({"cloture_le"})


class _Inconnu:
    """Une valeur que le journal ne permet pas d'établir."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "INCONNU"


INCONNU: Final = _Inconnu()

CHAMPS_JOURNALISES: Final = CHAMPS_MODIFIABLES
"""Les champs d'un compte qu'une commande peut changer (``modifier_compte``) : le journal
nomme ceux qui ont changé, sans leur ancienne valeur."""


# --- les lignes de temps ---------------------------------------------------------------------


class Ligne:
    """Les valeurs successives d'une donnée (une adhésion, le rôle d'un groupe, une date de
    clôture…), posées par des événements : ``instants`` croissants, ``valeurs`` posées,
    ``evenements`` qui les ont posées. ``avant`` est la valeur qui précédait le premier
    événement (déduite de sa nature, ou :data:`INCONNU`) ; avant ``fiable_depuis`` (une
    contradiction entre le journal et l'état présent), rien n'est sûr."""

    __slots__ = ("avant", "evenements", "fiable_depuis", "instants", "valeurs")

    def __init__(self) -> None:
        self.instants: list[datetime] = []
        self.valeurs: list[object] = []
        self.evenements: list[Evenement] = []
        self.avant: object = INCONNU
        self.fiable_depuis: datetime | None = None

    def poser(self, e: Evenement, valeur: object) -> None:
        self.instants.append(e.instant)
        self.valeurs.append(valeur)
        self.evenements.append(e)

    def valeur(self, t: datetime, actuelle: object) -> tuple[object, Evenement | None]:
        """La valeur à l'instant ``t`` (après les événements de cet instant), et l'événement
        qui l'a posée (``None`` : posée avant le journal, ou jamais changée)."""
        fiable = self.fiable_depuis
        if fiable is not None and (t < fiable or fiable is FIN):
            return INCONNU, None
        i = bisect_right(self.instants, t)
        if i:
            return self.valeurs[i - 1], self.evenements[i - 1]
        return self.avant, None

    def contredire(self, e: Evenement) -> None:
        """Le journal se contredit à cet événement : rien n'est sûr avant lui."""
        if self.fiable_depuis is None or e.instant > self.fiable_depuis:
            self.fiable_depuis = e.instant


def valeur(ligne: Ligne | None, t: datetime, actuelle: object) -> tuple[object, Evenement | None]:
    if ligne is None:
        return actuelle, None
    return ligne.valeur(t, actuelle)


FIN: Final = datetime.max.replace(tzinfo=UTC)
"""Au-delà de tout instant : une ligne fiable « depuis » lui ne l'est jamais."""


class JournalLu:
    """Le journal d'une convention lu une fois : ses lignes de temps, son début (``debut``,
    le premier instant qu'il couvre) et ses contradictions avec l'état présent."""

    __slots__ = (
        "_adhesions",
        "_afas",
        "_clotures",
        "_comptes_des_groupes",
        "_creation_comptes",
        "_creation_groupes",
        "_douteux",
        "_groupes_des_comptes",
        "_incoherences",
        "_modifs",
        "_par_compte",
        "_par_groupe",
        "_roles",
        "_suffixes",
        "convention",
        "debut",
        "politique",
    )

    def __init__(self, convention: Convention, politique: Politique | None = None) -> None:
        c = exiger_convention(convention)
        self.convention: Convention = c
        self.politique: Politique | None = exiger_politique(politique)
        journal = c.journal
        self._adhesions: dict[tuple[str, str], Ligne] = {}
        self._roles: dict[str, Ligne] = {}
        self._clotures: dict[str, Ligne] = {}
        self._afas: dict[tuple[str, RoleAfas], Ligne] = {}
        self._modifs: dict[str, tuple[list[datetime], list[frozenset[str]]]] = {}
        self._suffixes: dict[str, list[frozenset[str]]] = {}
        self._creation_comptes: dict[str, datetime] = {}
        self._creation_groupes: dict[str, datetime] = {}
        self._groupes_des_comptes: dict[str, set[str]] = {}
        self._comptes_des_groupes: dict[str, set[str]] = {}
        self._par_compte: dict[str, list[int]] = {}
        self._par_groupe: dict[str, list[int]] = {}
        self._incoherences: list[str] = []
        self._douteux: dict[str, datetime] = {}
        debut: datetime | None = journal[0].instant if journal else None
        precedent: datetime | None = None
        for i, e in enumerate(journal):
            if precedent is not None and e.instant < precedent:
                # Un journal désordonné : l'ordre des événements d'avant ne dit plus rien.
                debut = max(debut or precedent, precedent)
                self._incoherences.append(
                    f"le journal n'est pas dans l'ordre (événement {i}, {e.instant.isoformat()}, "
                    f"après {precedent.isoformat()})"
                )
            precedent = e.instant if precedent is None else max(precedent, e.instant)
            self._lire(i, e)
        self.debut: datetime | None = debut
        self._clore()

    # -- construction ------------------------------------------------------------------------

    def _ligne(self, table: dict[Any, Ligne], k: Any) -> Ligne:
        ligne = table.get(k)
        if ligne is None:
            ligne = table[k] = Ligne()
        return ligne

    def _lire(self, i: int, e: Evenement) -> None:
        comptes, groupes = sujets(e)
        for x in comptes:
            self._par_compte.setdefault(cle(x), []).append(i)
        for x in groupes:
            self._par_groupe.setdefault(cle(x), []).append(i)
        if isinstance(e, MembreAjoute | MembreRetire):
            k, gk = cle(e.utilisateur), cle(e.groupe)
            self._ligne(self._adhesions, (k, gk)).poser(e, isinstance(e, MembreAjoute))
            self._groupes_des_comptes.setdefault(k, set()).add(gk)
            self._comptes_des_groupes.setdefault(gk, set()).add(k)
        elif isinstance(e, RoleAffecte):
            self._ligne(self._roles, cle(e.groupe)).poser(e, e.profil)
        elif isinstance(e, RoleRetire):
            self._ligne(self._roles, cle(e.groupe)).poser(e, None)
        elif isinstance(e, GroupeCree):
            gk = cle(e.groupe)
            self._creation_groupes.setdefault(gk, e.instant)
            self._ligne(self._roles, gk).poser(e, None)
        elif isinstance(e, CompteCree):
            k = cle(e.utilisateur)
            self._creation_comptes.setdefault(k, e.instant)
            self._ligne(self._clotures, k).poser(e, None)
        elif isinstance(e, CompteCloture):
            self._ligne(self._clotures, cle(e.utilisateur)).poser(e, e.le)
            self._modifier(e.utilisateur, e, _CLOTURE)
        elif isinstance(e, CompteReactive):
            self._ligne(self._clotures, cle(e.utilisateur)).poser(e, None)
            self._modifier(e.utilisateur, e, _CLOTURE)
        elif isinstance(e, CompteModifie):
            self._modifier(e.utilisateur, e, frozenset(e.champs))
        elif isinstance(e, MotDePassePersonnalise | MotDePasseTemporaireEmis):
            self._modifier(e.utilisateur, e, _CHAMPS_DU_MOT_DE_PASSE)
        elif isinstance(e, RoleAfasConfigure | RoleAfasRetire):
            ligne = self._ligne(self._afas, (cle(e.utilisateur), e.role))
            ligne.poser(e, isinstance(e, RoleAfasConfigure))
        elif isinstance(e, ApprobateurValide):
            self._ligne(self._afas, (cle(e.utilisateur), RoleAfas.APPROBATEUR)).poser(e, True)
            if e.precedent is not None:
                ligne = self._ligne(self._afas, (cle(e.precedent), RoleAfas.APPROBATEUR))
                ligne.poser(e, False)

    def _modifier(self, utilisateur: str, e: Evenement, champs: frozenset[str]) -> None:
        """Note les champs d'un compte qu'un événement a changés (sans leur ancienne valeur)."""
        instants, changes = self._modifs.setdefault(cle(utilisateur), ([], []))
        instants.append(e.instant)
        changes.append(champs)

    def _clore(self) -> None:
        """Déduit ce qui précédait chaque premier événement, et repère les contradictions
        entre le journal et l'état présent."""
        c = self.convention
        idx = index(c)
        for (k, gk), ligne in self._adhesions.items():
            actuelle = gk in idx.groupes_de(k)
            self._verifier_booleenne(ligne, actuelle, f"l'adhésion de {k} à {gk}")
        for (k, r), ligne in self._afas.items():
            actuelle = r.value.upper() in {x.upper() for x in afas.roles_afas(c.afas, k)}
            self._verifier_booleenne(ligne, actuelle, f"le rôle AFAS {r.value} de {k}")
        for gk, ligne in self._roles.items():
            g = c._groupes.get(gk)
            self._verifier_roles(ligne, g, gk)
        for k, ligne in self._clotures.items():
            u = c._utilisateurs.get(k)
            self._verifier_clotures(ligne, u, k)
        for k, (_, champs) in self._modifs.items():
            suffixes: list[frozenset[str]] = [frozenset()] * (len(champs) + 1)
            for i in range(len(champs) - 1, -1, -1):
                suffixes[i] = suffixes[i + 1] | champs[i]
            self._suffixes[k] = suffixes
        self._verifier_sujets()
        self._verifier_naissances()

    def _douter(self, k: str, avant: datetime) -> None:
        """Rien n'est sûr de ce compte avant cet instant (une contradiction le nomme)."""
        if k not in self._douteux or self._douteux[k] < avant:
            self._douteux[k] = avant

    def _verifier_sujets(self) -> None:
        """Un événement qui nomme un compte ou un groupe inconnu (un compte ni un groupe ne
        se suppriment) : le journal est faux à cet endroit, et les comptes connus qu'il nomme
        ne sont sûrs qu'après lui."""
        c = self.convention
        journal = c.journal
        for k in self._par_compte:
            if k not in c._utilisateurs:
                self._incoherences.append(f"le journal nomme un compte inconnu, {k}")
        for gk, positions in self._par_groupe.items():
            if gk in c._groupes:
                continue
            self._incoherences.append(f"le journal nomme un groupe inconnu, {gk}")
            for i in positions:
                for x in sujets(journal[i])[0]:
                    if cle(x) in c._utilisateurs:
                        self._douter(cle(x), journal[i].instant)

    def _verifier_naissances(self) -> None:
        """Un compte (ou un groupe) né dans le journal n'avait, à sa naissance, aucune autre
        adhésion que celles que le journal lui donne ensuite : un retrait sans ajout, ou une
        adhésion présente jamais ajoutée, contredit le journal. Et la date de création d'un
        compte est aussi dans ses champs : si elles diffèrent, rien n'est sûr entre les deux."""
        c = self.convention
        idx = index(c)
        for k, nee in self._creation_comptes.items():
            u = c._utilisateurs.get(k)
            if u is not None and u.cree_le != nee:
                self._incoherences.append(
                    f"le compte {k} est créé le {nee.isoformat()} d'après le journal, le "
                    f"{u.cree_le.isoformat()} d'après ses champs"
                )
                self._creation_comptes[k] = min(nee, u.cree_le)
                self._douter(k, max(nee, u.cree_le))
        paires = {(k, gk) for k in self._creation_comptes for gk in idx.groupes_de(k)}
        paires |= {
            (k, gk)
            for gk in self._creation_groupes
            if gk in c._groupes
            for k in (cle(x) for x in c._groupes[gk].membres)
        }
        paires |= {p for p in self._adhesions if p[0] in self._creation_comptes}
        paires |= {p for p in self._adhesions if p[1] in self._creation_groupes}
        for k, gk in sorted(paires):
            ligne = self._adhesions.get((k, gk))
            if ligne is None:
                self._jamais_fiable(
                    self._ligne(self._adhesions, (k, gk)),
                    f"{k} est membre de {gk}, né dans le journal, sans y avoir été ajouté",
                )
            elif ligne.valeurs and ligne.valeurs[0] is False and ligne.fiable_depuis is not FIN:
                self._contredire(
                    ligne,
                    ligne.evenements[0],
                    f"{k} est retiré de {gk} sans y avoir été ajouté depuis sa création",
                )

    def _contredire(self, ligne: Ligne, e: Evenement, message: str) -> None:
        """Le journal se contredit à cet événement : la ligne n'est sûre qu'après lui."""
        ligne.contredire(e)
        self._incoherences.append(message)

    def _jamais_fiable(self, ligne: Ligne, message: str) -> None:
        """Un changement hors journal, on ne sait quand : la ligne n'est jamais sûre."""
        ligne.fiable_depuis = FIN
        self._incoherences.append(message)

    def _fin_contredite(self, ligne: Ligne, actuelle: object, quoi: str) -> None:
        """La dernière valeur du journal doit être celle de l'état présent."""
        if ligne.valeurs and ligne.valeurs[-1] != actuelle:
            self._jamais_fiable(ligne, f"{quoi} : le journal contredit l'état présent")

    def _verifier_booleenne(self, ligne: Ligne, actuelle: bool, quoi: str) -> None:
        precedente: bool | None = None
        for e, v in zip(ligne.evenements, ligne.valeurs, strict=True):
            if precedente is not None and precedente == v:
                self._contredire(ligne, e, f"{quoi} : deux événements de suite font la même chose")
            precedente = bool(v)
        self._fin_contredite(ligne, actuelle, quoi)
        premiere = ligne.valeurs[0] if ligne.valeurs else None
        ligne.avant = (not premiere) if isinstance(premiere, bool) else INCONNU

    def _verifier_roles(self, ligne: Ligne, g: Groupe | None, gk: str) -> None:
        precedent: object = INCONNU
        for e, v in zip(ligne.evenements, ligne.valeurs, strict=True):
            if isinstance(e, GroupeCree):
                if precedent is not INCONNU:
                    self._contredire(ligne, e, f"le groupe {gk} est créé deux fois")
            elif isinstance(e, RoleAffecte):
                if precedent is not INCONNU and precedent is not None:
                    self._contredire(ligne, e, f"le groupe {gk} reçoit un rôle qu'il a déjà")
            elif isinstance(e, RoleRetire) and precedent is not INCONNU and precedent != e.profil:
                self._contredire(ligne, e, f"le groupe {gk} perd un rôle qu'il n'avait pas")
            precedent = v
        self._fin_contredite(ligne, None if g is None else g.role, f"le rôle du groupe {gk}")
        premier = ligne.evenements[0] if ligne.evenements else None
        if isinstance(premier, RoleRetire):
            ligne.avant = premier.profil
        else:  # créé (n'existait pas) ou rôle affecté (n'en avait pas)
            ligne.avant = None

    def _verifier_clotures(self, ligne: Ligne, u: Utilisateur | None, k: str) -> None:
        precedente: object = INCONNU
        for e, v in zip(ligne.evenements, ligne.valeurs, strict=True):
            if isinstance(e, CompteReactive) and precedente is None:
                self._contredire(ligne, e, f"le compte {k} est réactivé sans être clôturé")
            if (
                isinstance(e, CompteCloture)
                and isinstance(precedente, datetime)
                and precedente <= e.le
            ):
                self._contredire(ligne, e, f"le compte {k} est clôturé deux fois")
            precedente = v
        self._fin_contredite(
            ligne, None if u is None else u.cloture_le, f"la clôture du compte {k}"
        )
        premier = ligne.evenements[0] if ligne.evenements else None
        # Avant une clôture, le compte était ouvert, ou clôturé plus tard encore (une clôture
        # n'avance qu'une date à venir) : il n'était pas clos avant l'événement. Avant une
        # réactivation, la date effacée n'est pas au journal.
        ligne.avant = INCONNU if isinstance(premier, CompteReactive) else None
