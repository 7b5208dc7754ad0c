"""Un compte remplit-il les conditions d'un profil CDAP ? Et sinon, laquelle, ou quelle donnée ?

Les conditions elles-mêmes sont les règles ELIG (:mod:`mcp_rules.regles.elig`) ; cette
question les pose pour un compte et un profil, avec des arguments vérifiés.
"""

from __future__ import annotations

from mcp_rules.fondations import erreurs
from mcp_rules.fondations.enumerations import ProfilT
from mcp_rules.fondations.erreurs import DonneeInvalide, apercu
from mcp_rules.modele import Politique, Utilisateur, exiger_politique
from mcp_rules.regles import elig
from mcp_rules.regles.decision import Decision

__all__ = ["eligibilite"]


def eligibilite(
    utilisateur: Utilisateur, profil: ProfilT | str, *, politique: Politique | None = None
) -> Decision:
    """Ce compte remplit-il les conditions du profil ? Et sinon, laquelle, ou quelle donnée ?

    >>> from datetime import datetime, UTC
    >>> from mcp_rules import Utilisateur, ProfilT, eligibilite
    >>> agent = Utilisateur(
    ...     identifiant="ir.moreau",
    ...     nom="Moreau",
    ...     prenom="Paul",
    ...     email="paul.moreau@departement93.fr",
    ...     cree_le=datetime(2026, 1, 5, tzinfo=UTC),
    ...     fonction="INSTRUCTEUR_RSA",
    ... )
    >>> d = eligibilite(agent, ProfilT.T4)
    >>> d.autorise, d.donnees_manquantes, d.codes
    (False, ('numero_instructeur',), ('MCP-ELIG-04',))
    """
    if politique is None and type(utilisateur) is Utilisateur and type(profil) is ProfilT:
        return elig.decision(utilisateur, profil, None)  # le cas courant, sans autre contrôle
    if not isinstance(utilisateur, Utilisateur):
        raise DonneeInvalide(
            erreurs.TYPE,
            f"eligibilite : un Utilisateur est attendu, pas {apercu(utilisateur)}",
            valeur=utilisateur,
        )
    p = profil if type(profil) is ProfilT else ProfilT.parse(profil)
    return elig.decision(utilisateur, p, exiger_politique(politique))
