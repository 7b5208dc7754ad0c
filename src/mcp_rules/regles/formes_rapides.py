"""Les formes rapides des conditions de la table des droits (:class:`~.demande.Rapide`).

Chacune dit ce que dit sa condition de référence (:mod:`.conditions`) pour une demande de la
forme de :func:`~mcp_rules.peut` : un compte qui agit (``a``, sa clé), sans service nommé,
sans rien créer, pour ajouter, sans champ modifié ; elle reçoit ``(c, idx, a, groupe,
compte, t)`` au lieu d'une :class:`~.demande.Demande`. Le cas rare (un sous-groupe, un groupe
AFAS) passe par la relation de référence elle-même (:mod:`.perimetre`).
tests/property/test_droits_rapides.py vérifie, question par question, que la table compilée
qui les emploie (:mod:`.droits_compiles`) décide comme la table de référence.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final

from mcp_rules.fondations.enumerations import Service
from mcp_rules.modele import GROUPE_AFAS_DECLARER, Convention, Groupe
from mcp_rules.modele import Utilisateur as Compte
from mcp_rules.modele.index import Index
from mcp_rules.regles.demande import Rapide
from mcp_rules.regles.perimetre import (
    gere,
    gere_afas_declarer,
    gere_un_groupe_de,
    groupe_afas,
    membre_afas_habiliter,
    sous_sa_responsabilite,
)

AFAS: Final = Service.AFAS
CDAP: Final = Service.CDAP
ADONIS_OB: Final = (Service.ADONIS, Service.OFFRE_BAILLEURS)
SAUF_AFAS: Final = frozenset(Service) - {Service.AFAS}
SAUF_CDAP: Final = frozenset(Service) - {Service.CDAP}
"""Les services lus par le chemin rapide : des noms du module (sous Python 3.11, lire un
membre sur sa classe, ``Service.AFAS``, passe par ``EnumType.__getattr__`` et coûte
plusieurs fois plus)."""


def vite_gere(
    c: Convention, idx: Index, a: str, g: Groupe | None, u: Compte | None, t: datetime
) -> bool:
    if g is None:
        return False
    x = g.gestionnaire
    if (x if x.islower() else x.lower() if x.isascii() else x) == a:  # cle(x), sans appel
        return True
    return g.parent is not None and gere(c, a, g)


def vite_gere_parent(
    c: Convention, idx: Index, a: str, g: Groupe | None, u: Compte | None, t: datetime
) -> bool:
    return g is not None and g.parent is not None and gere(c, a, g, strict=True)


def vite_compte_sous_sa_responsabilite(
    c: Convention, idx: Index, a: str, g: Groupe | None, u: Compte | None, t: datetime
) -> bool:
    return u is None or sous_sa_responsabilite(c, idx, a, u)


def vite_nomme_sous_sa_responsabilite(
    c: Convention, idx: Index, a: str, g: Groupe | None, u: Compte | None, t: datetime
) -> bool:
    return u is None or u.cle == a or sous_sa_responsabilite(c, idx, a, u)


def vite_pas_lui_meme(
    c: Convention, idx: Index, a: str, g: Groupe | None, u: Compte | None, t: datetime
) -> bool:
    return u is None or u.cle != a


def vite_pas_son_groupe(
    c: Convention, idx: Index, a: str, g: Groupe | None, u: Compte | None, t: datetime
) -> bool:
    return g is None or g.cle not in idx.groupes_de(a)


def vite_membres_sous_sa_responsabilite(
    c: Convention, idx: Index, a: str, g: Groupe | None, u: Compte | None, t: datetime
) -> bool:
    if g is None:
        return True
    for ident in g.membres:
        m = c.trouver_utilisateur(ident)
        if m is None or not sous_sa_responsabilite(c, idx, a, m):
            return False
    return True


def vite_pas_son_gestionnaire(
    c: Convention, idx: Index, a: str, g: Groupe | None, u: Compte | None, t: datetime
) -> bool:
    if u is None:
        return True
    k = u.cle
    return k in idx.administrateurs or not gere_un_groupe_de(c, idx, k, a)


def vite_compte_actif(
    c: Convention, idx: Index, a: str, g: Groupe | None, u: Compte | None, t: datetime
) -> bool:
    return u is None or u.cloture_le is None or t < u.cloture_le


def vite_pas_un_administrateur(
    c: Convention, idx: Index, a: str, g: Groupe | None, u: Compte | None, t: datetime
) -> bool:
    return u is None or u.cle not in idx.administrateurs


def vite_hors_afas(
    c: Convention, idx: Index, a: str, g: Groupe | None, u: Compte | None, t: datetime
) -> bool:
    return g is None or g.service is not AFAS


def vite_hors_cdap(
    c: Convention, idx: Index, a: str, g: Groupe | None, u: Compte | None, t: datetime
) -> bool:
    return g is None or g.service is not CDAP


def vite_adonis_ou_offre_bailleurs(
    c: Convention, idx: Index, a: str, g: Groupe | None, u: Compte | None, t: datetime
) -> bool:
    return g is not None and g.service in ADONIS_OB


def vite_dans_afas_declarer(
    c: Convention, idx: Index, a: str, g: Groupe | None, u: Compte | None, t: datetime
) -> bool:
    return g is not None and g.service is AFAS and groupe_afas(c, g, GROUPE_AFAS_DECLARER)


def vite_membre_afas_habiliter(
    c: Convention, idx: Index, a: str, g: Groupe | None, u: Compte | None, t: datetime
) -> bool:
    return membre_afas_habiliter(c, idx, a)


def vite_gere_afas_declarer(
    c: Convention, idx: Index, a: str, g: Groupe | None, u: Compte | None, t: datetime
) -> bool:
    return gere_afas_declarer(c, a)


def vite_afas_souscrit(
    c: Convention, idx: Index, a: str, g: Groupe | None, u: Compte | None, t: datetime
) -> bool:
    return AFAS in c.services


# --- les formes rapides, sous le nom de leur condition (conditions.py) ------------------------

GROUPE_NOMME: Final = Rapide(True, sans_groupe=False)
COMPTE_NOMME: Final = Rapide(True, sans_compte=False)
SERVICE_NOMME: Final = Rapide(False)
GROUPE_GERE: Final = Rapide(vite_gere, sans_groupe=False)
PARENT_GERE: Final = Rapide(vite_gere_parent, sans_groupe=False)
COMPTE_SOUS_SA_RESPONSABILITE: Final = Rapide(vite_compte_sous_sa_responsabilite, sans_compte=True)
NOMME_SOUS_SA_RESPONSABILITE: Final = Rapide(vite_nomme_sous_sa_responsabilite, sans_compte=True)
HORS_AFAS: Final = Rapide(
    vite_hors_afas, sans_groupe=True, vrai_pour=SAUF_AFAS, faux_pour=frozenset({AFAS})
)
HORS_CDAP: Final = Rapide(
    vite_hors_cdap, sans_groupe=True, vrai_pour=SAUF_CDAP, faux_pour=frozenset({CDAP})
)
ADONIS_OU_OFFRE_BAILLEURS: Final = Rapide(
    vite_adonis_ou_offre_bailleurs,
    sans_groupe=False,
    vrai_pour=frozenset(ADONIS_OB),
    faux_pour=frozenset(Service) - frozenset(ADONIS_OB),
)
PAS_SON_GROUPE: Final = Rapide(vite_pas_son_groupe, sans_groupe=True)
PAS_LUI_MEME: Final = Rapide(vite_pas_lui_meme, sans_compte=True)
MEMBRES_SOUS_SA_RESPONSABILITE: Final = Rapide(
    vite_membres_sous_sa_responsabilite, sans_groupe=True
)
PAS_SON_GESTIONNAIRE: Final = Rapide(vite_pas_son_gestionnaire, sans_compte=True)
PAS_SA_REACTIVATION: Final = Rapide(True)
PAS_SES_DONNEES: Final = Rapide(True)
COMPTE_ACTIF: Final = Rapide(vite_compte_actif, sans_compte=True)
PAS_UN_ADMINISTRATEUR: Final = Rapide(vite_pas_un_administrateur, sans_compte=True)
DANS_AFAS_DECLARER: Final = Rapide(vite_dans_afas_declarer, sans_groupe=False, faux_pour=SAUF_AFAS)
MEMBRE_AFAS_HABILITER: Final = Rapide(vite_membre_afas_habiliter)
GERE_AFAS_DECLARER: Final = Rapide(vite_gere_afas_declarer)
AFAS_SOUSCRIT: Final = Rapide(vite_afas_souscrit)
