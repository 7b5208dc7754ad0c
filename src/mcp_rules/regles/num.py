"""NUM — le numéro d'instructeur RSA (profil T4).

Guide : « Solutions aux problèmes les plus fréquents / Le numéro d'instructeur du RSA
d'un utilisateur profil T4 n'est pas reconnu ». La lecture du numéro elle-même est
dans :mod:`mcp_rules.valeurs.numero_instructeur`.
"""

from __future__ import annotations

from typing import Final

from mcp_rules.regles.regle import E, Regle

_SOURCE: Final = "Solutions aux problèmes les plus fréquents / numéro d'instructeur non reconnu"

NUM_01: Final = Regle(
    code="MCP-NUM-01",
    titre="Structure du numéro d'instructeur : département, type, commune, rang, cinq zéros",
    source=_SOURCE,
    severite=E,
    description="Code du département (3 caractères), type d'instructeur (1 lettre), numéro de "
    "commune (3 chiffres), agrément, rang ou territoire (2 chiffres), puis cinq zéros : 14 "
    "caractères en tout.",
    interpretations=(7,),
)
NUM_02: Final = Regle(
    code="MCP-NUM-02",
    titre="Un numéro sans ses cinq zéros finaux est incomplet",
    source=_SOURCE,
    severite=E,
    description="Le système ne le reconnaît pas ; le remède est d'ajouter « 00000 », et la "
    "bibliothèque propose le numéro complété.",
)

REGLES: Final = (NUM_01, NUM_02)
