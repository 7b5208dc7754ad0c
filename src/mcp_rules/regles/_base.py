"""Les briques du catalogue : une règle (:class:`Regle`) et un constat (:class:`Constat`).

Une règle porte un **code stable** (``MCP-GRP-03``), un titre français, la section
du guide d'où elle vient (``source``), sa sévérité et le fait qu'elle soit ou non
vérifiable sur des données (``automatisable``). Un constat est ce qu'une question,
une commande ou un audit trouve : il porte sa règle, si bien que chaque réponse
de la bibliothèque remonte au texte du guide.
"""

from __future__ import annotations

from typing import Final

import attrs

from mcp_rules.enumerations import Severite

__all__ = ["Constat", "Regle"]


@attrs.frozen(slots=True, kw_only=True)
class Regle:
    """Une règle du guide : code, titre, section source, sévérité, vérifiabilité.

    ``interpretations`` renvoie aux interprétations numérotées de la conception
    (rules.md) qui précisent la règle là où le guide est ambigu.
    """

    code: str
    titre: str
    source: str
    severite: Severite
    automatisable: bool = True
    description: str = ""
    interpretations: tuple[int, ...] = ()

    @property
    def domaine(self) -> str:
        """Le domaine du code : ``GRP`` pour ``MCP-GRP-03``."""
        return self.code.split("-")[1]

    def constat(
        self,
        message: str,
        *,
        remede: str = "",
        cible: str | None = None,
        severite: Severite | None = None,
    ) -> Constat:
        """Un constat de cette règle (sévérité de la règle, sauf mention contraire)."""
        return Constat(
            regle=self,
            message=message,
            remede=remede,
            cible=cible,
            severite=self.severite if severite is None else severite,
        )

    def __str__(self) -> str:
        return f"{self.code} — {self.titre}"

    def _repr_html_(self) -> str:
        from mcp_rules import affichage  # noqa: PLC0415 - affichage importe ce module

        return affichage.regle_html(self)

    def _repr_markdown_(self) -> str:
        from mcp_rules import affichage  # noqa: PLC0415

        return affichage.regle_md(self)


@attrs.frozen(slots=True, kw_only=True)
class Constat:
    """Ce qui a été trouvé, au nom d'une règle : message, remède, cible.

    ``cible`` est l'identifiant du compte ou le code du groupe concerné (``None``
    pour la convention entière). La sévérité est en principe celle de la règle ;
    une commande peut rendre comme simple avertissement la conséquence d'un acte
    qu'elle accepte (la clôture d'un gestionnaire, par exemple).
    """

    regle: Regle
    message: str
    remede: str = ""
    cible: str | None = None
    severite: Severite = Severite.ERREUR

    @property
    def code(self) -> str:
        """Le code de la règle (``MCP-CDAP-01``…)."""
        return self.regle.code

    @property
    def est_erreur(self) -> bool:
        """Vrai pour un constat de sévérité erreur."""
        return self.severite is Severite.ERREUR

    def cle_tri(self) -> tuple[int, str, str, str]:
        """L'ordre des rapports : erreurs, avertissements, informations ; puis code, cible."""
        return (self.severite.ordre, self.regle.code, (self.cible or "").lower(), self.message)

    def __str__(self) -> str:
        cible = f" [{self.cible}]" if self.cible else ""
        remede = f" → {self.remede}" if self.remede else ""
        return f"{self.severite.libelle} {self.code}{cible} : {self.message}{remede}"

    def _repr_html_(self) -> str:
        from mcp_rules import affichage  # noqa: PLC0415 - affichage importe ce module

        return affichage.constat_html(self)

    def _repr_markdown_(self) -> str:
        from mcp_rules import affichage  # noqa: PLC0415

        return affichage.constat_md(self)


E: Final = Severite.ERREUR
W: Final = Severite.AVERTISSEMENT
I: Final = Severite.INFO  # noqa: E741 - E, W, I : les sévérités de rules.md
