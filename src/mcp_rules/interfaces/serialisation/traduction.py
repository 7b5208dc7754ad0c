"""Les erreurs de cattrs traduites en français, chacune à son chemin JSON.

cattrs regroupe les erreurs d'un document (``ClassValidationError``,
``IterableValidationError``) ; :func:`aplatir` les déplie en
:class:`~mcp_rules.ErreurChamp` (``$.groupes[2].code``), avec les codes stables de la
bibliothèque.
"""

from __future__ import annotations

import json

import attrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from mcp_rules.fondations import erreurs
from mcp_rules.fondations.erreurs import DonneeInvalide, ErreurChamp, apercu, element_de_chemin

__all__ = ["aplatir"]


def aplatir(exc: BaseException, chemin: str) -> list[ErreurChamp]:
    """Traduit une erreur (éventuellement un groupe cattrs) en erreurs de champ."""
    if isinstance(exc, ClassValidationError):
        avec, sans = exc.group_exceptions()
        fautes = [e for sub, note in avec for e in aplatir(sub, f"{chemin}.{note.name}")]
        fautes.extend(e for sub in sans for e in aplatir(sub, chemin))
        return fautes
    if isinstance(exc, IterableValidationError):
        avec_i, sans_i = exc.group_exceptions()
        fautes = [
            e
            for sub, inote in avec_i
            for e in aplatir(
                sub,
                f"{chemin}[{inote.index}]"
                if isinstance(inote.index, int)
                else f"{chemin}[{json.dumps(inote.index)}]",
            )
        ]
        fautes.extend(e for sub in sans_i for e in aplatir(sub, chemin))
        return fautes
    if isinstance(exc, DonneeInvalide):
        return list(exc.en_erreurs_champ(chemin))
    if isinstance(exc, ForbiddenExtraKeysError):
        permis = ", ".join(a.name for a in attrs.fields(exc.cl))
        return [
            ErreurChamp(
                chemin + element_de_chemin(str(cle)),
                erreurs.INCONNUE,
                f"champ inconnu {apercu(cle)} ; champs permis : {permis}",
            )
            for cle in sorted(exc.extra_fields, key=str)
        ]
    if isinstance(exc, KeyError):
        nom = chemin.rsplit(".", 1)[-1]
        return [ErreurChamp(chemin, erreurs.MANQUANTE, f"champ obligatoire « {nom} » absent")]
    if isinstance(exc, RecursionError):
        return [ErreurChamp(chemin, erreurs.TYPE, "structure trop profondément imbriquée")]
    if isinstance(exc, (TypeError, ValueError, AttributeError, OverflowError)):
        return [ErreurChamp(chemin, erreurs.TYPE, "valeur d'un type inattendu à cet endroit")]
    raise exc
