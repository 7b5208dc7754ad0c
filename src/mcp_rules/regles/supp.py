"""SUPP — le support : à qui s'adresser, et comment écrire à la Caf.

Guide : « Relais auprès de ses utilisateurs », « Contact privilégié avec les
administrateurs de la Caf », Annexes 1 et 2.
"""

from __future__ import annotations

from typing import Final

from mcp_rules.fondations.enumerations import Objet
from mcp_rules.regles.regle import E, I, Regle, W

_CONTACT: Final = "Contact privilégié avec les administrateurs de la Caf"

SUPP_01: Final = Regle(
    code="MCP-SUPP-01",
    titre="Un utilisateur en difficulté s'adresse à son gestionnaire ou à son administrateur, "
    "jamais à la Caf",
    source="Relais auprès de ses utilisateurs ; Annexes 1 et 2",
    severite=E,
)
SUPP_02: Final = Regle(
    code="MCP-SUPP-02",
    titre="Seul un administrateur partenaire sollicite les administrateurs MCP de la Caf",
    source=_CONTACT,
    severite=E,
)
SUPP_03: Final = Regle(
    code="MCP-SUPP-03",
    objet=Objet.CONVENTION,
    titre="L'objet d'un message à la Caf nomme le service, le numéro de convention et "
    "l'organisme, dans cet ordre",
    source=_CONTACT,
    severite=W,
    description="Par exemple « CDAP 19_214 NOM DE VOTRE ORGANISME » ; les autres messages ne "
    "sont pas traités en priorité.",
)
SUPP_04: Final = Regle(
    code="MCP-SUPP-04",
    objet=Objet.CONVENTION,
    titre="Aucune pièce de dossier allocataire n'est envoyée à l'adresse du support",
    source="Annexe 2 / Vos contacts",
    severite=I,
    automatisable=False,
    description="Utiliser la rubrique de dialogue du portail Mon Compte Partenaire.",
)

REGLES: Final = (SUPP_01, SUPP_02, SUPP_03, SUPP_04)
