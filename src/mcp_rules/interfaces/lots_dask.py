"""Auditer un lot de conventions sur une grappe Dask (l'extra ``mcp-rules[dask]``).

La même carte que :func:`mcp_rules.lots.auditer_lot`, mêmes entrées, mêmes résultats dans
le même ordre, mais répartie par un client ``dask.distributed`` : sur les cœurs de cette
machine (une grappe locale est alors créée puis fermée), ou sur les machines d'une grappe
existante. Les tâches sont des paquets de conventions ; chaque ouvrier lit ses fichiers
lui-même : sur une grappe de plusieurs machines, les chemins doivent désigner un système
de fichiers qu'elles partagent (sinon, donnez des :class:`~mcp_rules.lots.DocumentJson`).

Importer ce module sans Dask installé lève une :class:`ModuleNotFoundError` qui dit quoi
installer ; ``import mcp_rules`` n'importe jamais Dask.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime

from mcp_rules.fondations import erreurs
from mcp_rules.fondations.erreurs import DonneeInvalide, apercu
from mcp_rules.interfaces.entrees import Entree, Source, preparer
from mcp_rules.interfaces.lots import (
    AuditConvention,
    Verdict,
    auditer_paquet,
    decouper,
    nombre_de_coeurs,
    verifier_arguments,
)
from mcp_rules.modele import Politique

try:
    from distributed import Client, Future, LocalCluster
except ModuleNotFoundError as exc:  # pragma: no cover - selon ce qui est installé
    raise ModuleNotFoundError(
        "mcp_rules.lots_dask demande Dask, qui n'est pas installé ici : "
        "installez l'extra « dask » avec pip install 'mcp-rules[dask]'",
        name=exc.name,
    ) from exc

__all__ = ["auditer_lot_dask", "grappe_locale"]


@contextmanager
def grappe_locale(ouvriers: int | None = None) -> Iterator[Client]:
    """Un client sur une grappe Dask locale, fermés tous deux à la sortie du bloc ``with``.

    Un processus par cœur (``ouvriers``, par défaut :func:`~mcp_rules.lots.nombre_de_coeurs`),
    un fil chacun : l'audit est du Python pur, que le verrou global de l'interpréteur
    empêcherait de paralléliser sur des fils. Tout écoute sur la boucle locale
    (``127.0.0.1``), le tableau de bord sur un port libre.
    """
    if ouvriers is not None and (type(ouvriers) is not int or ouvriers < 1):
        raise DonneeInvalide(
            erreurs.VALEUR,
            f"ouvriers : un nombre entier (1 ou plus) est attendu, pas {apercu(ouvriers)}",
            valeur=ouvriers,
        )
    n = nombre_de_coeurs() if ouvriers is None else ouvriers
    with (
        LocalCluster(
            n_workers=n,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
        ) as grappe,
        Client(grappe, set_as_default=False) as client,
    ):
        yield client


def auditer_lot_dask(
    sources: Source | Iterable[Source],
    *,
    instant: datetime,
    client: Client | None = None,
    politique: Politique | None = None,
) -> tuple[AuditConvention, ...]:
    """Audite chaque convention des ``sources`` sur Dask et rend tous les résultats.

    Sans ``client``, une grappe locale (:func:`grappe_locale`) est créée pour l'occasion,
    puis fermée. Avec un ``client``, la grappe est la sienne et reste ouverte. Les
    résultats sont ceux de :func:`~mcp_rules.lots.auditer_lot`, dans le même ordre ; une
    tâche perdue (un ouvrier disparu) donne à chacune de ses conventions un verdict
    ``DEFAUT_INTERNE`` au lieu de la faire disparaître du lot. Dask transmet la politique
    par cloudpickle : une condition locale écrite en ``lambda`` y est permise.
    """
    if client is not None and not isinstance(client, Client):
        raise DonneeInvalide(
            erreurs.TYPE,
            f"client : un distributed.Client est attendu, pas {apercu(client)}",
            valeur=client,
        )
    entrees = preparer(sources)
    # Dask transmet par cloudpickle, qui sait transmettre une condition écrite en lambda.
    t, pol = verifier_arguments(instant, politique, transmise=False)
    if not entrees:
        return ()
    if client is None:
        with grappe_locale() as local:
            return _calculer(local, entrees, t, pol)
    return _calculer(client, entrees, t, pol)


def _calculer(
    client: Client, entrees: tuple[Entree, ...], instant: datetime, politique: Politique | None
) -> tuple[AuditConvention, ...]:
    fils = sum(client.nthreads().values()) or 1
    paquets = decouper(entrees, fils)
    futurs: list[Future[tuple[AuditConvention, ...]]] = client.map(
        auditer_paquet, paquets, instant=instant, politique=politique, pure=False
    )
    try:
        # Rassemblées par clé : une tâche en échec y vaut None au lieu d'interrompre le lot.
        valeurs: dict[object, tuple[AuditConvention, ...] | None] = client.gather(
            {f.key: f for f in futurs}, errors="skip"
        )
        resultats: list[AuditConvention] = []
        for paquet, futur in zip(paquets, futurs, strict=True):
            valeur = valeurs.get(futur.key)
            resultats.extend(_en_defaut(paquet, futur) if valeur is None else valeur)
        return tuple(resultats)
    finally:
        client.cancel(futurs)


def _en_defaut(
    paquet: tuple[Entree, ...], futur: Future[tuple[AuditConvention, ...]]
) -> list[AuditConvention]:
    try:
        exc: object = futur.exception()
        raison = f"{type(exc).__name__} : {apercu(str(exc), 200)}"
    except Exception as autre:  # noqa: BLE001 - une tâche annulée n'a pas d'exception
        raison = type(autre).__name__
    return [
        AuditConvention(
            source=e.source,
            verdict=Verdict.DEFAUT_INTERNE,
            defaut=f"tâche Dask perdue ({raison}) ; relancez ce fichier, et signalez-le",
        )
        for e in paquet
    ]
