"""Le mot de passe temporaire : 24 heures de validité, mesurées en temps écoulé.

À la création d'un compte, le système envoie un identifiant puis un mot de passe
temporaire valable 24 heures (Annexe 1, ``MCP-MDP-02``). La bibliothèque ne
détient jamais de mot de passe : elle ne retient que **l'instant d'émission**.

Les 24 heures sont du temps écoulé (interprétation 2) : l'intervalle de validité
est ``[emis_le, emis_le + 24 h)``, calculé en UTC. Autour d'un changement
d'heure, ce n'est pas « la même heure le lendemain » :

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> paris = ZoneInfo("Europe/Paris")
>>> mdp = MotDePasseTemporaire(datetime(2026, 3, 28, 12, 0, tzinfo=paris))
>>> mdp.expire_le.astimezone(paris).isoformat()
'2026-03-29T13:00:00+02:00'
>>> mdp.est_valide(datetime(2026, 3, 29, 12, 30, tzinfo=paris))
True
>>> mdp.est_valide(mdp.expire_le)
False
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Final, Self

import attrs

from mcp_rules.fondations import controles, erreurs
from mcp_rules.fondations.erreurs import DonneeInvalide

__all__ = ["DUREE_VALIDITE", "MotDePasseTemporaire"]

DUREE_VALIDITE: Final = timedelta(hours=24)
"""La durée de validité d'un mot de passe temporaire (``MCP-MDP-02``)."""


def _emis_le(valeur: datetime) -> datetime:
    emis_le = controles.instant(valeur, "emis_le")
    if emis_le > datetime.max.replace(tzinfo=UTC) - DUREE_VALIDITE:
        raise DonneeInvalide(
            erreurs.INSTANT,
            f"emis_le : {emis_le.isoformat()} est trop proche de la fin du calendrier pour "
            "que l'expiration (24 heures plus tard) soit représentable",
            valeur=valeur,
        )
    return emis_le


@attrs.frozen(slots=True)
class MotDePasseTemporaire:
    """L'émission d'un mot de passe temporaire ; ``emis_le`` est gardé en UTC."""

    emis_le: datetime = attrs.field(converter=_emis_le)

    @property
    def expire_le(self) -> datetime:
        """Le premier instant où le mot de passe n'est plus valide (en UTC)."""
        return self.emis_le + DUREE_VALIDITE

    def est_valide(self, instant: datetime) -> bool:
        """Vrai sur ``[emis_le, emis_le + 24 h)`` ; ``instant`` doit avoir un fuseau."""
        moment = controles.instant(instant)
        return timedelta(0) <= moment - self.emis_le < DUREE_VALIDITE

    def __str__(self) -> str:
        return self.emis_le.isoformat()

    @classmethod
    def parse(cls, texte: object) -> Self:
        """Lit l'instant d'émission écrit en ISO 8601 avec son décalage."""
        if isinstance(texte, cls):
            return texte
        return cls(controles.instant_iso(texte, "emis_le"))
