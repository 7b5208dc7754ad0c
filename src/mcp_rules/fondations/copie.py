"""Copier et transmettre les objets gelés qui portent des tables en lecture seule.

Une ``MappingProxyType`` ne se copie ni ne se sérialise avec ``pickle`` : un objet qui en
porte une ne passerait ni par ``copy.deepcopy`` (un cache, un carnet de notes) ni d'un
processus à l'autre (``multiprocessing``, un audit réparti). :func:`reduire` donne le
``__reduce__`` de tels objets : chaque table voyage comme un ``dict`` et redevient une table
en lecture seule à l'arrivée ; les autres champs voyagent tels quels.
"""

from __future__ import annotations

from collections.abc import Callable
from types import MappingProxyType
from typing import Any

import attrs

__all__ = ["poseurs", "reduire"]


def reduire(objet: Any) -> tuple[Callable[..., Any], tuple[object, ...]]:
    """Le ``__reduce__`` d'un objet attrs gelé dont certains champs sont des tables."""
    valeurs = {}
    for champ in attrs.fields(type(objet)):
        valeur = getattr(objet, champ.name)
        valeurs[champ.alias] = dict(valeur) if type(valeur) is MappingProxyType else valeur
    return _reconstruire, (type(objet), valeurs)


def _reconstruire(cls: type[Any], valeurs: dict[str, object]) -> Any:
    return cls(**{k: MappingProxyType(v) if type(v) is dict else v for k, v in valeurs.items()})


def poseurs(cls: type[Any]) -> tuple[Callable[[Any, Any], None], ...]:
    """L'écriture de chaque attribut d'une classe attrs à emplacements (``slots``), dans
    l'ordre de ses champs : les descripteurs appelés directement, deux fois moins coûteux
    qu'``object.__setattr__``, pour les constructions rapides d'objets déjà vérifiés."""
    return tuple(cls.__dict__[a.name].__set__ for a in attrs.fields(cls))
