"""Le contexte d'un audit : ce que chaque domaine de règles lit pour faire ses constats."""

from __future__ import annotations

from datetime import datetime

import attrs

from mcp_rules.modele import Convention, Politique, Utilisateur
from mcp_rules.modele.index import Index


@attrs.frozen(slots=True)
class ContexteAudit:
    """La convention auditée, son index, l'instant et la politique locale."""

    convention: Convention
    index: Index
    instant: datetime
    politique: Politique

    def actif(self, u: Utilisateur) -> bool:
        """Vrai si le compte n'est pas clôturé à l'instant de l'audit."""
        return u.cloture_le is None or self.instant < u.cloture_le
