"""La convention : organisme, services, administrateurs, comptes, groupes, configuration AFAS.

La convention vérifie sa **structure** (types, formats, références) et rien d'autre :
une convention qui enfreint une règle du guide (aucun ou trois administrateurs, une adresse
de service, un libellé qui ne commence pas par son profil…) se charge quand même, pour
pouvoir être auditée (interprétation 18 ; seules les commandes garantissent un ou deux
administrateurs, interprétation 4). Un défaut de structure lève une
:class:`~mcp_rules.DonneesInvalides` qui liste **tous** les problèmes trouvés, chacun à son
chemin (``groupes[2].gestionnaire``).

Les identifiants de comptes et les codes de groupes sont comparés sans tenir compte de la
casse (interprétation 9) : ``convention.utilisateur("ADM.Martin")`` trouve le compte
``adm.martin``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final, Self

import attrs
import immutables

from mcp_rules.fondations import controles, erreurs
from mcp_rules.fondations.controles import cle
from mcp_rules.fondations.enumerations import ProfilT, Service
from mcp_rules.fondations.erreurs import Collecteur, DonneeInvalide, apercu
from mcp_rules.fondations.rendu import Affichable, Bloc, Paragraphe, Tableau, Titre
from mcp_rules.modele._conversions import enum_ou_texte, poser
from mcp_rules.modele.afas import ConfigurationAfas
from mcp_rules.modele.evenements import Evenement
from mcp_rules.modele.groupe import Groupe
from mcp_rules.modele.journal import Journal
from mcp_rules.modele.utilisateur import Utilisateur

__all__ = [
    "LONGUEUR_NUMERO_CONVENTION",
    "TYPES_VUS",
    "Convention",
    "exiger_convention",
]

LONGUEUR_NUMERO_CONVENTION: Final = 32


def _indexer(
    objets: object,
    cls: type[Any],
    nom: str,
    attribut: str,
    c: Collecteur,
    *,
    garder_ordre: bool = False,
) -> tuple[dict[str, Any], list[tuple[int, Any]]]:
    """Range des comptes ou des groupes par clé ; note les intrus et les doublons.

    ``garder_ordre`` : rend aussi (position, objet), pour nommer les chemins des erreurs.
    """
    if isinstance(objets, Mapping):
        objets = objets.values()
    if isinstance(objets, (str, bytes)) or not isinstance(objets, Iterable):
        c.ajouter(
            nom,
            erreurs.TYPE,
            f"{nom} : une liste de {cls.__name__} est attendue, pas {apercu(objets)}",
        )
        return {}, []
    table: dict[str, Any] = {}
    ordre: list[tuple[int, Any]] = []
    for i, objet in enumerate(objets):
        if type(objet) is not cls and not isinstance(objet, cls):
            c.ajouter(
                f"{nom}[{i}]", erreurs.TYPE, f"un {cls.__name__} est attendu, pas {apercu(objet)}"
            )
            continue
        ident = getattr(objet, attribut)
        k = cle(ident)
        if k in table:
            c.ajouter(
                f"{nom}[{i}].{attribut}",
                erreurs.DOUBLON,
                f"{ident!r} apparaît deux fois (comparaison sans tenir compte de la casse)",
            )
            continue
        table[k] = objet
        if garder_ordre:
            ordre.append((i, objet))
    return table, ordre


@attrs.frozen(slots=True, kw_only=True, init=False, eq=False, repr=False)
class Convention(Affichable):
    """Une convention MCP : organisme, services, administrateurs, comptes et groupes.

    La convention garantit l'intégrité de ses références : chaque identifiant
    qu'elle nomme (gestionnaires, membres, administrateurs, rôles AFAS) est un
    compte de la convention, chaque groupe parent existe, codes et identifiants
    sont uniques sans tenir compte de la casse. Les recherches par identifiant ou
    par code se font en temps constant. Les règles métier, elles, ne sont pas
    vérifiées ici (voir :func:`mcp_rules.auditer`).

    ``utilisateurs`` et ``groupes`` se donnent comme n'importe quelle suite d'objets
    et se lisent comme des tuples triés par identifiant et par code.
    """

    numero: str
    organisme: str
    caf: str
    gestion_deleguee: bool
    services: frozenset[Service]
    profils_contractuels: frozenset[ProfilT]
    administrateurs: frozenset[str]
    _utilisateurs: immutables.Map[str, Utilisateur] = attrs.field(alias="utilisateurs")
    _groupes: immutables.Map[str, Groupe] = attrs.field(alias="groupes")
    afas: ConfigurationAfas
    _journal: Journal = attrs.field(alias="journal")
    _cache: dict[str, Any] = attrs.field(init=False, eq=False, repr=False)

    def __init__(
        self,
        *,
        numero: str,
        organisme: str,
        caf: str,
        services: Iterable[Service],
        administrateurs: Iterable[str],
        utilisateurs: Iterable[Utilisateur] | Mapping[str, Utilisateur] = (),
        groupes: Iterable[Groupe] | Mapping[str, Groupe] = (),
        gestion_deleguee: bool = True,
        profils_contractuels: Iterable[ProfilT] = (),
        afas: ConfigurationAfas | None = None,
        journal: Iterable[Evenement] = (),
    ) -> None:
        c = Collecteur()
        champs = _champs_simples(
            c, numero, organisme, caf, gestion_deleguee, services, profils_contractuels
        )
        champs["administrateurs"] = controles.ensemble_identifiants(
            administrateurs, "administrateur", c, "administrateurs"
        )
        champs["afas"] = _configuration_afas(afas, c)
        champs["_journal"] = Journal.de(_journal(journal, c))
        comptes, _ = _indexer(utilisateurs, Utilisateur, "utilisateurs", "identifiant", c)
        groupes_, ordre_groupes = _indexer(groupes, Groupe, "groupes", "code", c, garder_ordre=True)
        _verifier_references(c, comptes, groupes_, ordre_groupes, champs)
        c.lever()
        poser(self, champs)
        object.__setattr__(self, "_utilisateurs", immutables.Map(comptes))
        object.__setattr__(self, "_groupes", immutables.Map(groupes_))
        object.__setattr__(self, "_cache", {})

    @classmethod
    def _sans_controle(cls, **champs: Any) -> Self:
        """Construit une convention dont l'appelant garantit l'intégrité (commandes)."""
        convention = object.__new__(cls)
        poser(convention, champs)
        object.__setattr__(convention, "_cache", {})
        return convention

    # --- lecture ---------------------------------------------------------------------

    @property
    def journal(self) -> tuple[Evenement, ...]:
        """Les événements, du plus ancien au plus récent."""
        return self._journal.a_plat()

    @property
    def dernier_evenement(self) -> Evenement | None:
        """L'événement le plus récent du journal, ou ``None`` (en temps constant)."""
        return self._journal.dernier

    @property
    def utilisateurs(self) -> tuple[Utilisateur, ...]:
        """Les comptes, triés par identifiant (sans tenir compte de la casse)."""
        trie: tuple[Utilisateur, ...] | None = self._cache.get("utilisateurs")
        if trie is None:
            trie = tuple(self._utilisateurs[k] for k in sorted(self._utilisateurs))
            self._cache["utilisateurs"] = trie
        return trie

    @property
    def groupes(self) -> tuple[Groupe, ...]:
        """Les groupes, triés par code (sans tenir compte de la casse)."""
        trie: tuple[Groupe, ...] | None = self._cache.get("groupes")
        if trie is None:
            trie = tuple(self._groupes[k] for k in sorted(self._groupes))
            self._cache["groupes"] = trie
        return trie

    def utilisateur(self, identifiant: str) -> Utilisateur:
        """Le compte de cet identifiant ; lève :class:`DonneeInvalide` s'il n'existe pas."""
        compte = self.trouver_utilisateur(identifiant)
        if compte is None:
            raise DonneeInvalide(
                erreurs.REFERENCE,
                f"aucun compte {apercu(identifiant)} dans la convention {self.numero}",
                valeur=identifiant,
            )
        return compte

    def groupe(self, code: str) -> Groupe:
        """Le groupe de ce code ; lève :class:`DonneeInvalide` s'il n'existe pas."""
        groupe = self.trouver_groupe(code)
        if groupe is None:
            raise DonneeInvalide(
                erreurs.REFERENCE,
                f"aucun groupe {apercu(code)} dans la convention {self.numero}",
                valeur=code,
            )
        return groupe

    def trouver_utilisateur(self, identifiant: object) -> Utilisateur | None:
        """Le compte de cet identifiant, ou ``None`` (jamais d'exception)."""
        if type(identifiant) is not str:
            return None
        return self._utilisateurs.get(cle(identifiant))

    def trouver_groupe(self, code: object) -> Groupe | None:
        """Le groupe de ce code, ou ``None`` (jamais d'exception)."""
        if type(code) is not str:
            return None
        return self._groupes.get(cle(code))

    def est_administrateur(self, identifiant: object) -> bool:
        """Vrai si ce compte est l'un des administrateurs nommés par la convention."""
        if type(identifiant) is not str:
            return False
        cles = self._cache.get("administrateurs")
        if cles is None:
            cles = frozenset(cle(a) for a in self.administrateurs)
            self._cache["administrateurs"] = cles
        return cle(identifiant) in cles

    @property
    def nombre_utilisateurs(self) -> int:
        """Le nombre de comptes (clôturés compris)."""
        return len(self._utilisateurs)

    @property
    def nombre_groupes(self) -> int:
        """Le nombre de groupes."""
        return len(self._groupes)

    # --- protocole Python -----------------------------------------------------------

    def __eq__(self, autre: object) -> bool:
        if not isinstance(autre, Convention):
            return NotImplemented
        return (
            self.numero == autre.numero
            and self.organisme == autre.organisme
            and self.caf == autre.caf
            and self.gestion_deleguee == autre.gestion_deleguee
            and self.services == autre.services
            and self.profils_contractuels == autre.profils_contractuels
            and self.administrateurs == autre.administrateurs
            and self.afas == autre.afas
            and self._utilisateurs == autre._utilisateurs
            and self._groupes == autre._groupes
            and self.journal == autre.journal
        )

    def __hash__(self) -> int:
        return hash((Convention, self.numero, self.organisme, self.caf))

    def __repr__(self) -> str:
        return (
            f"Convention(numero={self.numero!r}, organisme={self.organisme!r}, "
            f"{len(self._utilisateurs)} comptes, {len(self._groupes)} groupes, "
            f"{len(self._journal)} événements)"
        )

    def _blocs(self) -> tuple[Bloc, ...]:
        profils = sorted(self.profils_contractuels, key=lambda p: p.rang)
        return (
            Titre(f"Convention {self.numero} — {self.organisme}"),
            Paragraphe(
                f"{self.caf} ; services : {', '.join(sorted(s.value for s in self.services))} ; "
                f"profils du contrat : {', '.join(p.value for p in profils)} ; "
                f"administrateurs : {', '.join(sorted(self.administrateurs))} ; "
                f"{self.nombre_utilisateurs} compte(s), {self.nombre_groupes} groupe(s)"
            ),
            Tableau(
                ("groupe", "libellé", "service", "rôle", "gestionnaire", "membres"),
                [
                    (
                        g.code,
                        g.libelle,
                        g.service.value,
                        g.role.value if g.role else "—",
                        g.gestionnaire,
                        len(g.membres),
                    )
                    for g in self.groupes
                ],
            ),
        )

    def __getstate__(self) -> dict[str, Any]:
        # Les tables et le journal (qui voyage à plat) se transmettent eux-mêmes.
        return {
            a.name: getattr(self, a.name) for a in attrs.fields(type(self)) if a.name != "_cache"
        }

    def __setstate__(self, etat: dict[str, Any]) -> None:
        etat = dict(etat)
        if "journal" in etat:
            # Un état d'avant les tables persistantes (commit 741469a) : des dict, un tuple.
            etat["_journal"] = Journal.de(tuple(etat.pop("journal")))
            etat["_utilisateurs"] = immutables.Map(etat["_utilisateurs"])
            etat["_groupes"] = immutables.Map(etat["_groupes"])
        poser(self, etat)
        object.__setattr__(self, "_cache", {})


TYPES_VUS: Final[Mapping[str, Any]] = {
    "_utilisateurs": Mapping[str, Utilisateur],
    "_groupes": Mapping[str, Groupe],
    "_journal": tuple[Evenement, ...],
}
"""Les champs de :class:`Convention` tels qu'on les lit (schéma JSON, sérialisation) : les
tables et le journal sont rangés dans des structures persistantes (``immutables.Map``,
:class:`Journal`) pour que les commandes ne les recopient pas, mais se lisent comme une
table et un tuple."""


def exiger_convention(convention: object) -> Convention:
    """La convention passée à une fonction publique, sinon une erreur claire."""
    if isinstance(convention, Convention):
        return convention
    raise DonneeInvalide(
        erreurs.TYPE, f"une Convention est attendue, pas {apercu(convention)}", valeur=convention
    )


def _champs_simples(
    c: Collecteur,
    numero: object,
    organisme: object,
    caf: object,
    gestion_deleguee: object,
    services: object,
    profils_contractuels: object,
) -> dict[str, Any]:
    """Les champs qui ne se réfèrent à rien : textes, drapeau de délégation, services, profils."""
    v = controles.verifier
    return {
        "numero": v(
            c,
            "numero",
            controles.identifiant,
            numero,
            "numéro de convention",
            LONGUEUR_NUMERO_CONVENTION,
        ),
        "organisme": v(
            c, "organisme", controles.texte, organisme, "organisme", controles.LONGUEUR_LIBELLE
        ),
        "caf": v(c, "caf", controles.texte, caf, "Caf", controles.LONGUEUR_LIBELLE),
        "gestion_deleguee": v(
            c, "gestion_deleguee", controles.booleen, gestion_deleguee, "gestion_deleguee"
        ),
        "services": controles.ensemble(
            services, "service", c, "services", lambda s: enum_ou_texte(Service, s)
        ),
        "profils_contractuels": controles.ensemble(
            profils_contractuels,
            "profil",
            c,
            "profils_contractuels",
            lambda p: enum_ou_texte(ProfilT, p),
        ),
    }


def _configuration_afas(afas: object, c: Collecteur) -> ConfigurationAfas:
    if afas is None:
        return ConfigurationAfas()
    if isinstance(afas, ConfigurationAfas):
        return afas
    c.ajouter(
        "afas", erreurs.TYPE, f"afas : une ConfigurationAfas est attendue, pas {apercu(afas)}"
    )
    return ConfigurationAfas()


def _verifier_references(
    c: Collecteur,
    comptes: Mapping[str, Utilisateur],
    groupes: Mapping[str, Groupe],
    ordre_groupes: list[tuple[int, Groupe]],
    champs: Mapping[str, Any],
) -> None:
    """Chaque identifiant nommé est un compte ; chaque parent existe, du même service, sans
    cycle."""

    def existe(ident: str, chemin: str, quoi: str) -> None:
        if cle(ident) not in comptes:
            c.ajouter(
                chemin, erreurs.REFERENCE, f"{quoi} {ident!r} n'est pas un compte de la convention"
            )

    for ident in sorted(champs["administrateurs"], key=cle):
        existe(ident, "administrateurs", "l'administrateur")
    for chemin, ident in champs["afas"].identifiants():
        existe(ident, f"afas.{chemin}", "le rôle AFAS désigne")
    tous = comptes.keys()
    for i, g in ordre_groupes:
        existe(g.gestionnaire, f"groupes[{i}].gestionnaire", "le gestionnaire")
        # Le cas courant d'un bloc : chaque membre est une clé (l'identifiant en minuscules),
        # donc sa propre clé (cle(m) == m pour tout texte déjà en minuscules).
        if g.membres and not tous >= g.membres:
            for membre in g.membres:
                if cle(membre) not in comptes:
                    existe(membre, f"groupes[{i}].membres", "le membre")
        if g.parent is not None:
            _verifier_parent(c, groupes, i, g)
    for i, code in _cycles(groupes, ordre_groupes):
        c.ajouter(
            f"groupes[{i}].parent",
            erreurs.REFERENCE,
            f"le groupe {code!r} est son propre ancêtre (cycle de sous-groupes)",
        )


def _verifier_parent(c: Collecteur, groupes: Mapping[str, Groupe], i: int, g: Groupe) -> None:
    assert g.parent is not None  # noqa: S101 - garanti par l'appelant
    parent = groupes.get(cle(g.parent))
    if parent is None:
        c.ajouter(
            f"groupes[{i}].parent", erreurs.REFERENCE, f"le groupe parent {g.parent!r} n'existe pas"
        )
    elif parent.service is not g.service:
        c.ajouter(
            f"groupes[{i}].service",
            erreurs.VALEUR,
            f"le sous-groupe {g.code!r} ({g.service.value}) n'a pas le service de son parent "
            f"{parent.code!r} ({parent.service.value})",
        )


def _journal(journal: object, c: Collecteur) -> tuple[Evenement, ...]:
    if isinstance(journal, (str, bytes)) or not isinstance(journal, Iterable):
        c.ajouter("journal", erreurs.TYPE, "journal : une suite d'événements est attendue")
        return ()
    evenements = tuple(journal)
    for i, e in enumerate(evenements):
        if not isinstance(e, Evenement):
            c.ajouter(f"journal[{i}]", erreurs.TYPE, f"un événement est attendu, pas {apercu(e)}")
    return evenements


def _cycles(
    groupes: Mapping[str, Groupe], ordre: list[tuple[int, Groupe]]
) -> list[tuple[int, str]]:
    """Les groupes qui sont leur propre ancêtre (chaque cycle signalé une fois par membre)."""
    etat: dict[str, int] = {}  # 1 : en cours d'examen, 2 : sans cycle
    en_cycle: set[str] = set()
    for _, depart in ordre:
        chemin: list[str] = []
        k: str | None = depart.cle
        while k is not None and etat.get(k) is None:
            etat[k] = 1
            chemin.append(k)
            parent = groupes[k].parent
            k = cle(parent) if parent is not None and cle(parent) in groupes else None
        if k is not None and etat.get(k) == 1:
            en_cycle.update(chemin[chemin.index(k) :])
        for x in chemin:
            etat[x] = 2
    return [(i, g.code) for i, g in ordre if g.cle in en_cycle]
