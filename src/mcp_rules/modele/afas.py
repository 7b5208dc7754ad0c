"""La configuration AFAS : les rôles de l'administration des profils, et les groupes de la Caf."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

import attrs

from mcp_rules.fondations import controles
from mcp_rules.fondations.controles import cle
from mcp_rules.fondations.erreurs import Collecteur
from mcp_rules.modele._conversions import VIDE, poser, vers_ensemble

__all__ = ["GROUPE_AFAS_DECLARER", "GROUPE_AFAS_HABILITER", "ConfigurationAfas"]

GROUPE_AFAS_DECLARER: Final = "AFAS-DECLARER"
"""Le groupe AFAS des déclarants (créé par la Caf)."""
GROUPE_AFAS_HABILITER: Final = "AFAS-HABILITER"
"""Le groupe AFAS de ceux qui habilitent les déclarants (créé par la Caf)."""


@attrs.frozen(slots=True, kw_only=True)
class ConfigurationAfas:
    """Les rôles de l'administration des profils AFAS (``MCP-AFAS-03``).

    ``approbateur`` est l'approbateur en fonction ; ``approbateur_en_attente`` celui
    qui attend la validation de la Caf après une PJ 3 (``MCP-AFAS-05``).
    """

    fda: frozenset[str] = attrs.field(default=VIDE, converter=vers_ensemble)
    fdf: frozenset[str] = attrs.field(default=VIDE, converter=vers_ensemble)
    approbateur: str | None = None
    approbateur_en_attente: str | None = None

    def __attrs_post_init__(self) -> None:
        c = Collecteur()
        v = controles.verifier
        lus: dict[str, object] = {
            "fda": controles.ensemble_identifiants(self.fda, "FDA", c, "fda"),
            "fdf": controles.ensemble_identifiants(self.fdf, "FDF", c, "fdf"),
        }
        for nom in ("approbateur", "approbateur_en_attente"):
            valeur = getattr(self, nom)
            if valeur is not None:
                lus[nom] = v(c, nom, controles.identifiant, valeur, nom)
        c.lever()
        poser(self, lus)

    def identifiants(self) -> Iterator[tuple[str, str]]:
        """Chaque (chemin, identifiant) nommé par la configuration."""
        for nom in ("fda", "fdf"):
            for ident in sorted(getattr(self, nom), key=cle):
                yield nom, ident
        for nom in ("approbateur", "approbateur_en_attente"):
            valeur = getattr(self, nom)
            if valeur is not None:
                yield nom, valeur

    @property
    def est_vide(self) -> bool:
        """Vrai si aucun rôle AFAS n'est configuré."""
        return not (self.fda or self.fdf or self.approbateur or self.approbateur_en_attente)
