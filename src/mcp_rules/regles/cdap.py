"""CDAP — consulter le dossier d'un allocataire.

Guide : « Solutions aux problèmes les plus fréquents » (option « consulter dossier »,
recherche fastidieuse), « Conditions d'accès à certains profils » (T9),
« Respect des termes de la convention ».
"""

from __future__ import annotations

from typing import Final

from mcp_rules.fondations.enumerations import Objet
from mcp_rules.regles.regle import E, I, Regle

CDAP_01: Final = Regle(
    code="MCP-CDAP-01",
    titre="L'option « consulter dossier » : CDAP souscrit, compte actif, et un groupe CDAP "
    "dont le rôle est affecté, contractuel et permis",
    source="Solutions aux problèmes les plus fréquents / option « consulter dossier »",
    severite=E,
    description="Un utilisateur a l'option si et seulement si la convention souscrit CDAP, son "
    "compte est actif, et il appartient à au moins un groupe CDAP dont le rôle est affecté, "
    "figure au contrat, et dont il remplit les conditions.",
)
CDAP_02: Final = Regle(
    code="MCP-CDAP-02",
    titre="Chercher un dossier demande le numéro ET le nom de l'allocataire (Cnil)",
    source="Solutions aux problèmes les plus fréquents / recherche fastidieuse",
    severite=E,
    description="L'un sans l'autre est refusé ; cette double recherche est une exigence de la "
    "Cnil et ne se contourne pas.",
)
CDAP_03: Final = Regle(
    code="MCP-CDAP-03",
    titre="Par le seul profil T9, on n'ouvre que les dossiers confiés par jugement",
    source="5 - Service CDAP / Conditions d'accès à certains profils (T9)",
    severite=E,
)
CDAP_04: Final = Regle(
    code="MCP-CDAP-04",
    objet=Objet.CONVENTION,
    titre="Les données consultées servent un usage strictement professionnel et ne sont "
    "transmises à aucun autre organisme",
    source="Respect des termes de la convention",
    severite=I,
    automatisable=False,
)

REGLES: Final = (CDAP_01, CDAP_02, CDAP_03, CDAP_04)
