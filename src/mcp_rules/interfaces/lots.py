"""Auditer un lot de conventions : l'audit de chacune, sur plusieurs processus locaux.

L'audit d'une convention est une fonction pure : auditer des milliers de conventions (une
Caf, ou le niveau national) est une simple *carte*, que :func:`auditer_lot` répartit sur
``jobs`` processus (``jobs=1`` : dans le processus même, sans en lancer aucun). Chaque
convention donne un :class:`AuditConvention` ; une entrée illisible ou invalide aussi, avec
ses erreurs (codes ``MCP-DONNEE-…``), et les autres continuent : aucun fichier n'est perdu.

Les sources sont des chemins (un dossier donne tous ses fichiers ``*.json``, sous-dossiers
compris) ou des :class:`DocumentJson` (un texte JSON et son nom). Les résultats viennent
**dans l'ordre des chemins**, triés, puis les documents dans l'ordre donné, quel que soit
``jobs`` ; l'instant est un argument, le même pour chaque convention et chaque processus.

>>> from mcp_rules import Severite
>>> from mcp_rules.exemple import INSTANT_EXEMPLE, convention_exemple
>>> from mcp_rules.lots import DocumentJson, auditer_lot
>>> from mcp_rules.serialisation import vers_json
>>> documents = [
...     DocumentJson("19_214.json", vers_json(convention_exemple())),
...     DocumentJson("tronque.json", '{"numero": "19_215"'),
... ]
>>> for r in auditer_lot(documents, instant=INSTANT_EXEMPLE, jobs=1):
...     print(r.source, r.numero, r.verdict.value, r.nombres[Severite.ERREUR])
19_214.json 19_214 NON_CONFORME 4
tronque.json None ENTREE_INVALIDE 0
>>> r.erreurs_entree[0].code
'MCP-DONNEE-JSON'
"""

from __future__ import annotations

import enum
import multiprocessing
import os
import pickle
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import datetime
from types import MappingProxyType
from typing import Final

import attrs

from mcp_rules.analyses.audit import auditer
from mcp_rules.fondations import controles, erreurs
from mcp_rules.fondations.enumerations import Severite
from mcp_rules.fondations.erreurs import DonneeInvalide, DonneesInvalides, ErreurChamp, apercu
from mcp_rules.interfaces.entrees import (
    DocumentJson,
    Entree,
    Source,
    convention_du_fichier,
    lire_fichier,
    preparer,
)
from mcp_rules.interfaces.serialisation import depuis_json
from mcp_rules.modele import Convention, Politique, exiger_politique

__all__ = [
    "AuditConvention",
    "ConstatAbrege",
    "DocumentJson",
    "LigneConstat",
    "Source",
    "Verdict",
    "auditer_lot",
    "code_de_sortie",
    "lignes_constats",
    "nombre_de_coeurs",
]

PAQUET_MAX: Final = 50
"""Au plus tant de conventions par tâche envoyée à un processus (voir :func:`decouper`)."""

PAQUETS_PAR_PROCESSUS: Final = 8
"""Assez de tâches par processus pour que les plus lentes n'en laissent aucun à l'arrêt."""

FENETRE_PAR_PROCESSUS: Final = 4
"""Tâches en cours par processus : la mémoire reste bornée quelle que soit la taille du lot."""


class Verdict(enum.Enum):
    """Ce qu'un lot dit d'une convention ; ``code_de_sortie`` est celui de ``mcp-rules``."""

    CONFORME = "CONFORME"
    NON_CONFORME = "NON_CONFORME"
    ENTREE_INVALIDE = "ENTREE_INVALIDE"
    DEFAUT_INTERNE = "DEFAUT_INTERNE"

    __hash__ = object.__hash__

    @property
    def code_de_sortie(self) -> int:
        """0 conforme, 1 non conforme, 2 entrée invalide, 3 défaut interne de la bibliothèque."""
        return _CODES_DE_SORTIE[self]


_CODES_DE_SORTIE: Final = {
    Verdict.CONFORME: 0,
    Verdict.NON_CONFORME: 1,
    Verdict.ENTREE_INVALIDE: 2,
    Verdict.DEFAUT_INTERNE: 3,
}


@attrs.frozen(slots=True, kw_only=True)
class ConstatAbrege:
    """Un constat d'audit réduit à ce qu'un lot rapporte : code, sévérité, cible, message.

    Le remède et la source de la règle se retrouvent par le code (``CATALOGUE[code]``), ou
    dans le rapport complet d'une seule convention (:func:`~mcp_rules.auditer`).
    """

    code: str
    severite: Severite
    cible: str | None
    message: str


@attrs.frozen(slots=True, kw_only=True)
class AuditConvention:
    """Le résultat d'une convention d'un lot.

    ``source`` est le chemin du fichier (ou le nom du :class:`DocumentJson`) ; ``numero``
    celui de la convention, ``None`` si elle n'a pas pu être lue. Selon le ``verdict`` :
    les ``constats`` de l'audit (triés comme dans un :class:`~mcp_rules.Rapport`), ou
    les ``erreurs_entree`` qui ont empêché de lire la convention (chacune avec son chemin
    JSON, son code ``MCP-DONNEE-…`` et son message), ou le ``defaut`` de la bibliothèque.
    """

    source: str
    verdict: Verdict
    numero: str | None = None
    constats: tuple[ConstatAbrege, ...] = ()
    erreurs_entree: tuple[ErreurChamp, ...] = ()
    defaut: str | None = None

    @property
    def nombres(self) -> Mapping[Severite, int]:
        """Le nombre de constats de chaque sévérité (erreur, avertissement, information)."""
        compte = dict.fromkeys(Severite, 0)
        for c in self.constats:
            compte[c.severite] += 1
        return MappingProxyType(compte)

    @property
    def est_conforme(self) -> bool:
        """Vrai si la convention a été auditée sans aucun constat de sévérité erreur."""
        return self.verdict is Verdict.CONFORME

    def vers_ligne(self) -> dict[str, object]:
        """La ligne JSON de ce résultat (une ligne du JSON Lines de ``mcp-rules audit``)."""
        return {
            "source": self.source,
            "numero": self.numero,
            "verdict": self.verdict.value,
            "nombres": {s.value: n for s, n in self.nombres.items()},
            "constats": [
                {
                    "code": c.code,
                    "severite": c.severite.value,
                    "cible": c.cible,
                    "message": c.message,
                }
                for c in self.constats
            ],
            "erreurs_entree": [
                {"chemin": e.chemin, "code": e.code, "message": e.message}
                for e in self.erreurs_entree
            ],
            "defaut": self.defaut,
        }


@attrs.frozen(slots=True, kw_only=True)
class LigneConstat:
    """Une ligne de la table des constats d'un lot (voir :func:`lignes_constats`)."""

    convention: str
    code: str
    severite: Severite
    cible: str | None


def lignes_constats(resultats: Iterable[AuditConvention]) -> tuple[LigneConstat, ...]:
    """Les constats d'un lot à plat, une ligne par constat : de quoi compter par code, par
    sévérité ou par convention sans pandas (``collections.Counter`` suffit)."""
    return tuple(
        LigneConstat(convention=r.numero, code=c.code, severite=c.severite, cible=c.cible)
        for r in resultats
        if r.numero is not None
        for c in r.constats
    )


def code_de_sortie(resultats: Iterable[AuditConvention]) -> int:
    """Le code de sortie d'un lot : le plus grave de ses verdicts (3 > 2 > 1 > 0), 0 si vide."""
    return max((r.verdict.code_de_sortie for r in resultats), default=0)


def nombre_de_coeurs() -> int:
    """Les cœurs que ce processus peut utiliser (l'affinité, pas tous ceux de la machine)."""
    compter: Callable[[], int | None] | None = getattr(os, "process_cpu_count", None)
    if compter is not None:
        return max(1, compter() or 1)
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)  # pragma: no cover - ni Linux, ni Python 3.13


# --- auditer --------------------------------------------------------------------------------


def auditer_entree(
    entree: Entree, instant: datetime, politique: Politique | None
) -> AuditConvention:
    """Lit et audite une entrée ; toute panne devient le résultat de cette entrée."""
    source = entree.source
    if entree.panne is not None:
        return AuditConvention(
            source=source,
            verdict=Verdict.ENTREE_INVALIDE,
            erreurs_entree=(ErreurChamp("$", erreurs.FICHIER, entree.panne),),
        )
    numero: str | None = None
    try:
        lue = convention_du_fichier(source) if entree.texte is None else None
        if lue is None:  # un texte donné, ou un fichier à relire pour dire pourquoi
            texte = lire_fichier(source) if entree.texte is None else entree.texte
            lue = depuis_json(texte, Convention)
        convention = lue
        numero = convention.numero
        rapport = auditer(convention, instant=instant, politique=politique)
    except DonneeInvalide as exc:
        if numero is None:
            lues = exc.erreurs if isinstance(exc, DonneesInvalides) else exc.en_erreurs_champ()
            return AuditConvention(
                source=source, verdict=Verdict.ENTREE_INVALIDE, erreurs_entree=tuple(lues)
            )
        return _en_defaut(entree, exc, numero)
    except Exception as exc:  # noqa: BLE001 - un défaut ne fait pas tomber tout le lot
        return _en_defaut(entree, exc, numero)
    return AuditConvention(
        source=source,
        verdict=Verdict.CONFORME if rapport.est_conforme else Verdict.NON_CONFORME,
        numero=numero,
        constats=tuple(
            ConstatAbrege(code=c.code, severite=c.severite, cible=c.cible, message=c.message)
            for c in rapport.constats
        ),
    )


def _en_defaut(entree: Entree, exc: BaseException, numero: str | None = None) -> AuditConvention:
    return AuditConvention(
        source=entree.source,
        verdict=Verdict.DEFAUT_INTERNE,
        numero=numero,
        defaut=f"erreur interne inattendue ({type(exc).__name__} : {apercu(str(exc), 200)}) ; "
        "signalez-la",
    )


def auditer_paquet(
    paquet: Sequence[Entree], instant: datetime, politique: Politique | None
) -> tuple[AuditConvention, ...]:
    """Une tâche : les entrées d'un paquet, dans l'ordre (ce qu'exécute chaque processus)."""
    return tuple(auditer_entree(e, instant, politique) for e in paquet)


def decouper(entrees: Sequence[Entree], ouvriers: int) -> list[tuple[Entree, ...]]:
    """Des paquets consécutifs : assez pour occuper chaque ouvrier, au plus ``PAQUET_MAX``."""
    taille = max(1, min(PAQUET_MAX, len(entrees) // (max(1, ouvriers) * PAQUETS_PAR_PROCESSUS)))
    return [tuple(entrees[i : i + taille]) for i in range(0, len(entrees), taille)]


def verifier_arguments(
    instant: object, politique: object, *, transmise: bool
) -> tuple[datetime, Politique | None]:
    """L'instant (avec fuseau) et la politique d'un lot ; une politique qui doit voyager vers
    d'autres processus doit se sérialiser (``pickle``)."""
    t = controles.moment(instant)
    pol = exiger_politique(politique)
    if transmise and pol is not None:
        try:
            pickle.dumps(pol)
        except Exception as exc:  # noqa: BLE001 - pickle lève des types variés
            raise DonneeInvalide(
                erreurs.VALEUR,
                "la politique ne peut pas être transmise aux autres processus "
                f"({type(exc).__name__} : {apercu(str(exc), 120)}) : une condition locale "
                "doit être une fonction nommée d'un module, pas une lambda ; ou auditez "
                "dans ce processus (jobs=1)",
                valeur=pol,
            ) from None
    return t, pol


def auditer_lot(
    sources: Source | Iterable[Source],
    *,
    instant: datetime,
    jobs: int | None = None,
    politique: Politique | None = None,
    progression: Callable[[int, int], object] | None = None,
) -> Iterator[AuditConvention]:
    """Audite chaque convention des ``sources`` et rend les résultats au fil de l'eau.

    ``jobs`` est le nombre de processus (par défaut, :func:`nombre_de_coeurs`) ; avec
    ``jobs=1``, tout se fait dans ce processus. ``progression(faits, total)`` est appelée
    dans ce processus après chaque paquet rendu. Les arguments sont vérifiés dès l'appel
    (:class:`~mcp_rules.DonneeInvalide`) ; le travail commence au premier résultat lu.
    Lisez l'itérateur jusqu'au bout, ou fermez-le (``close()``) : les processus s'arrêtent
    alors.
    """
    if jobs is not None and (type(jobs) is not int or jobs < 1):
        raise DonneeInvalide(
            erreurs.VALEUR,
            f"jobs : un nombre entier de processus (1 ou plus) est attendu, pas {apercu(jobs)}",
            valeur=jobs,
        )
    if progression is not None and not callable(progression):
        raise DonneeInvalide(
            erreurs.TYPE,
            f"progression : une fonction est attendue, pas {apercu(progression)}",
            valeur=progression,
        )
    entrees = preparer(sources)
    ouvriers = min(jobs or nombre_de_coeurs(), len(entrees))
    t, pol = verifier_arguments(instant, politique, transmise=ouvriers > 1)
    paquets = decouper(entrees, ouvriers)
    if ouvriers <= 1:
        return _en_sequence(paquets, t, pol, progression, len(entrees))
    return _en_parallele(paquets, t, pol, progression, len(entrees), ouvriers)


def _en_sequence(
    paquets: list[tuple[Entree, ...]],
    instant: datetime,
    politique: Politique | None,
    progression: Callable[[int, int], object] | None,
    total: int,
) -> Iterator[AuditConvention]:
    faits = 0
    for paquet in paquets:
        yield from auditer_paquet(paquet, instant, politique)
        faits += len(paquet)
        if progression is not None:
            progression(faits, total)


def _en_parallele(
    paquets: list[tuple[Entree, ...]],
    instant: datetime,
    politique: Politique | None,
    progression: Callable[[int, int], object] | None,
    total: int,
    ouvriers: int,
) -> Iterator[AuditConvention]:
    """Les paquets sur ``ouvriers`` processus neufs (``spawn`` : le même démarrage sur tous
    les systèmes, et aucun fil du processus appelant recopié), rendus dans l'ordre."""
    contexte = multiprocessing.get_context("spawn")
    a_envoyer = iter(paquets)
    en_cours: deque[tuple[tuple[Entree, ...], Future[tuple[AuditConvention, ...]]]] = deque()
    faits = 0
    with ProcessPoolExecutor(
        max_workers=ouvriers, mp_context=contexte, initializer=_sans_interruption
    ) as executeur:
        try:
            while True:
                while len(en_cours) < ouvriers * FENETRE_PAR_PROCESSUS:
                    paquet = next(a_envoyer, None)
                    if paquet is None:
                        break
                    en_cours.append((paquet, _soumettre(executeur, paquet, instant, politique)))
                if not en_cours:
                    return
                paquet, futur = en_cours.popleft()
                try:
                    resultats = futur.result()
                except Exception as exc:  # noqa: BLE001 - un processus perdu, un envoi raté
                    resultats = tuple(_en_defaut(e, exc) for e in paquet)
                yield from resultats
                faits += len(paquet)
                if progression is not None:
                    progression(faits, total)
        finally:
            for _, futur in en_cours:
                futur.cancel()


def _sans_interruption() -> None:
    """Dans chaque processus du lot : Ctrl-C est pour l'appelant seul, qui arrête le lot
    (les paquets en cours finissent) ; sinon chaque processus afficherait sa trace."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _soumettre(
    executeur: ProcessPoolExecutor,
    paquet: tuple[Entree, ...],
    instant: datetime,
    politique: Politique | None,
) -> Future[tuple[AuditConvention, ...]]:
    """La tâche d'un paquet ; si elle ne peut partir (un processus a disparu), un futur en
    échec, pour que chaque entrée du paquet ait quand même son résultat."""
    try:
        return executeur.submit(auditer_paquet, paquet, instant, politique)
    except Exception as exc:  # noqa: BLE001 - BrokenProcessPool, RuntimeError à l'arrêt
        futur: Future[tuple[AuditConvention, ...]] = Future()
        futur.set_exception(exc)
        return futur
