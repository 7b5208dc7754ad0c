"""Les conditions de la table des droits : des prédicats nommés, chacun avec le texte qu'en
montre la documentation et le refus qu'il motive.

Les relations elles-mêmes (gérer un groupe, un compte sous sa responsabilité, les vrais
groupes AFAS) sont dans :mod:`.perimetre` ; ce module les met en phrases.
"""

from __future__ import annotations

from functools import partial
from typing import Final

from mcp_rules.fondations.enumerations import Action, Service
from mcp_rules.fondations.francais import de, liste
from mcp_rules.modele import GROUPE_AFAS_DECLARER, GROUPE_AFAS_HABILITER
from mcp_rules.regles import conv, grp, role, usr
from mcp_rules.regles import formes_rapides as rapides
from mcp_rules.regles.demande import (
    DONNEES_D_ELIGIBILITE,
    REACTIVATION,
    Condition,
    Demande,
)
from mcp_rules.regles.perimetre import (
    gere,
    gere_afas_declarer,
    gere_un_groupe_de,
    groupe_afas,
    membre_afas_habiliter,
    sous_sa_responsabilite,
)
from mcp_rules.regles.regle import Constat, Regle

# --- les refus ------------------------------------------------------------------------------
# La cible d'un refus suit l'objet de la règle au nom de laquelle il est dit (interprétation
# 20) : le groupe visé pour une règle de groupe, le compte visé pour une règle de compte, rien
# pour une règle de la convention — jamais l'acteur à la place de ce qu'il vise.


def _cible(d: Demande, regle: Regle) -> str | None:
    return d.cible(regle)


def _hors_responsabilite(d: Demande) -> Constat:
    """MCP-ROLE-10, qui accompagne un refus de portée : il nomme le compte visé, s'il y en a."""
    return role.ROLE_10.constat(
        f"{d.nom} agirait hors de sa responsabilité",
        remede="Un gestionnaire n'agit que sur ses groupes et sur les comptes qui ne relèvent "
        "que de lui ; le reste relève des administrateurs.",
        cible=d.compte.identifiant if d.compte is not None else None,
    )


def _hors_perimetre(d: Demande, regle: Regle, quoi: str) -> list[Constat]:
    return [
        regle.constat(
            f"{d.nom} n'est pas administrateur et {quoi}",
            cible=_cible(d, regle),
            remede="Demandez à un administrateur, ou au gestionnaire qui en a la charge.",
        ),
        _hors_responsabilite(d),
    ]


# Les refus qui dépendent d'un texte sont des fonctions de module liées par ``partial`` (et
# non des fermetures créées à l'import) : chaque appel passe par la fonction elle-même, ce
# que les outils de mutation et de couverture voient.


def _refus_nommer(d: Demande, regle: Regle, quoi: str) -> list[Constat]:
    return [regle.constat(f"{d.nom} doit préciser {quoi}", cible=_cible(d, regle))]


def _sans_groupe(d: Demande, regle: Regle) -> list[Constat]:
    if d.action is Action.CREER_UTILISATEUR:
        quoi = "il doit nommer un groupe qu'il gère, où le compte sera placé"
    elif d.action is Action.CREER_SOUS_GROUPE:
        quoi = "précisez le groupe parent du sous-groupe"
    else:
        quoi = "précisez le groupe"
    return [regle.constat(f"{d.nom} n'est pas administrateur : {quoi}", cible=_cible(d, regle))]


def _cible_compte(d: Demande) -> str:
    return d.compte.identifiant if d.compte is not None else d.nom


def _refus_groupe_gere(d: Demande, regle: Regle) -> list[Constat]:
    assert d.groupe is not None  # noqa: S101 - « un groupe nommé » le précède
    return _hors_perimetre(d, regle, f"ne gère pas le groupe {d.groupe.code}")


def _refus_parent_gere(d: Demande, regle: Regle) -> list[Constat]:
    assert d.groupe is not None  # noqa: S101
    g = d.groupe.code
    return _hors_perimetre(d, regle, f"ne gère pas de groupe dont {g} soit un sous-groupe")


def _refus_compte(d: Demande, regle: Regle) -> list[Constat]:
    return _hors_perimetre(
        d,
        regle,
        f"le compte {_cible_compte(d)} ne relève pas de lui seul (il appartient à un groupe "
        "qu'il ne gère pas, ou à aucun groupe, ou c'est un administrateur, ou le gestionnaire "
        "d'un autre groupe)",
    )


def _refus_nomme(d: Demande, regle: Regle) -> list[Constat]:
    cible = _cible_compte(d)
    if d.nouveau_compte:
        return [
            role.ROLE_02.constat(
                f"{d.nom} n'est pas administrateur : il ne crée un compte que dans un groupe "
                f"qu'il gère, et {cible} n'en serait membre d'aucun",
                remede=f"Créez d'abord le compte de {cible} dans l'un de vos groupes, puis "
                "désignez-le.",
                cible=cible,
            )
        ]
    return _refus_compte(d, regle)


def _refus_afas_caf_seule(d: Demande, regle: Regle) -> list[Constat]:
    return [
        grp.GRP_07.constat(
            f"{d.nom} ne peut pas créer de groupe AFAS : seuls les administrateurs MCP de la "
            "Caf créent les groupes et sous-groupes AFAS",
            remede="Demandez-le à la Caf.",
            cible=_cible(d, grp.GRP_07),
        )
    ]


def _refus_sous_groupe_cdap(d: Demande, regle: Regle) -> list[Constat]:
    assert d.groupe is not None  # noqa: S101
    return [
        regle.constat(
            "les sous-groupes CDAP sont créés par les administrateurs seuls",
            remede="Demandez-le à un administrateur partenaire.",
            cible=_cible(d, regle),
        )
    ]


def _refus_role_par_administrateur(d: Demande, regle: Regle) -> list[Constat]:
    assert d.groupe is not None  # noqa: S101
    s = d.groupe.service
    if s is Service.CDAP:
        quoi = "les profils CDAP sont affectés et retirés par les administrateurs seuls"
    elif s is Service.AFAS:
        quoi = (
            "un groupe AFAS ne porte pas de rôle : les rôles AFAS se configurent dans "
            "l'administration des profils AFAS"
        )
    else:
        quoi = f"seuls les administrateurs affectent ou retirent le rôle d'un groupe {s.libelle}"
    return [
        regle.constat(
            f"{d.nom} n'est pas administrateur : {quoi}",
            remede="Demandez-le à un administrateur partenaire.",
            cible=_cible(d, regle),
        )
    ]


def _refus_par_soi(d: Demande, regle: Regle, quoi: str) -> list[Constat]:
    return [
        regle.constat(
            f"{d.nom} {quoi} : personne ne s'habilite soi-même",
            remede="Un administrateur partenaire le fait.",
            cible=_cible(d, regle),
        ),
        role.ROLE_10.constat(f"{d.nom} s'habiliterait lui-même", cible=d.nom),
    ]


def _refus_administrateur(d: Demande, regle: Regle) -> list[Constat]:
    cible = _cible_compte(d)
    return [
        regle.constat(
            f"{d.nom} n'est pas administrateur : seuls les administrateurs et la Caf modifient "
            f"les rôles {de(cible)}, administrateur",
            remede="Demandez-le à un administrateur partenaire.",
            cible=_cible(d, regle),
        ),
        role.ROLE_10.constat(
            "le compte d'un administrateur n'est sous la responsabilité d'aucun gestionnaire",
            cible=cible,
        ),
    ]


def _refus_compte_clos(d: Demande, regle: Regle) -> list[Constat]:
    cible = _cible_compte(d)
    return [usr.USR_05.constat(f"le compte {cible} est clôturé", cible=_cible(d, usr.USR_05))]


def _refus_afas_non_souscrit(d: Demande, regle: Regle) -> list[Constat]:
    return [conv.CONV_01.constat(f"la convention {d.c.numero} ne souscrit pas le service AFAS")]


def _refus_qualite_afas(d: Demande, regle: Regle, quoi: str) -> list[Constat]:
    return [
        regle.constat(
            f"{d.nom} {quoi}",
            remede="Demandez-le à un administrateur partenaire.",
            cible=_cible(d, regle),
        )
    ]


# --- les conditions -------------------------------------------------------------------------


def _gere_le_groupe(d: Demande) -> bool:
    return d.groupe is not None and gere(d.c, d.a, d.groupe)


def _compte_sous_sa_responsabilite(d: Demande) -> bool:
    return d.compte is None or sous_sa_responsabilite(d.c, d.idx, d.a, d.compte)


def _nomme_sous_sa_responsabilite(d: Demande) -> bool:
    if d.compte is None:
        return True
    if d.nouveau_compte:
        return False
    return d.compte.cle == d.a or sous_sa_responsabilite(d.c, d.idx, d.a, d.compte)


def _pas_lui_meme(d: Demande) -> bool:
    return not d.ajout or d.compte is None or d.compte.cle != d.a


def _pas_son_groupe(d: Demande) -> bool:
    return not d.ajout or d.groupe is None or d.groupe.cle not in d.idx.groupes_de(d.a)


def _membres_sous_sa_responsabilite(d: Demande) -> bool:
    if d.groupe is None:
        return True
    for ident in d.groupe.membres:
        u = d.c.trouver_utilisateur(ident)
        if u is None or not sous_sa_responsabilite(d.c, d.idx, d.a, u):
            return False
    return True


def _refus_membres(d: Demande, regle: Regle) -> list[Constat]:
    assert d.groupe is not None  # noqa: S101 - « un groupe nommé » le précède
    dehors = sorted(
        ident
        for ident in d.groupe.membres
        if (u := d.c.trouver_utilisateur(ident)) is None
        or not sous_sa_responsabilite(d.c, d.idx, d.a, u)
    )
    return [
        regle.constat(
            f"{d.nom} n'est pas administrateur, et le rôle du groupe {d.groupe.code} habiliterait "
            f"aussi {liste(dehors)}, qui ne "
            + ("relève" if len(dehors) == 1 else "relèvent")
            + " pas de lui seul",
            remede="Demandez à un administrateur partenaire d'affecter ou de retirer ce rôle.",
            cible=_cible(d, regle),
        ),
        role.ROLE_10.constat(
            f"{d.nom} habiliterait du personnel hors de sa responsabilité", cible=None
        ),
    ]


def _pas_son_gestionnaire(d: Demande) -> bool:
    u = d.compte
    if u is None or u.cle in d.idx.administrateurs:
        return True
    return not gere_un_groupe_de(d.c, d.idx, u.cle, d.a)


def _refus_son_gestionnaire(d: Demande, regle: Regle) -> list[Constat]:
    cible = _cible_compte(d)
    return [
        regle.constat(
            f"{cible} gère un groupe dont {d.nom} est membre : nul n'habilite son propre "
            "gestionnaire, ce serait le laisser s'habiliter par personne interposée",
            remede="Un administrateur le fait.",
            cible=_cible(d, regle),
        ),
        role.ROLE_10.constat(f"{d.nom} habiliterait son propre gestionnaire", cible=cible),
    ]


def _pas_sa_reactivation(d: Demande) -> bool:
    return d.compte is None or d.compte.cle != d.a or REACTIVATION not in d.champs


def _pas_ses_donnees(d: Demande) -> bool:
    return d.compte is None or d.compte.cle != d.a or not (d.champs & DONNEES_D_ELIGIBILITE)


def _compte_actif(d: Demande) -> bool:
    u = d.compte
    return u is None or u.cloture_le is None or d.t < u.cloture_le


def _groupe_nomme(d: Demande) -> bool:
    return d.groupe is not None


def _compte_nomme(d: Demande) -> bool:
    return d.compte is not None


def _service_nomme(d: Demande) -> bool:
    return d.service is not None


def _gere_le_parent(d: Demande) -> bool:
    return d.groupe is not None and gere(d.c, d.a, d.groupe, strict=True)


def _hors_afas(d: Demande) -> bool:
    return d.service_vise is not Service.AFAS


def _hors_cdap(d: Demande) -> bool:
    return d.service_vise is not Service.CDAP


def _adonis_ou_offre_bailleurs(d: Demande) -> bool:
    return d.service_vise in (Service.ADONIS, Service.OFFRE_BAILLEURS)


def _pas_un_administrateur(d: Demande) -> bool:
    return d.compte is None or d.compte.cle not in d.idx.administrateurs


def _dans_afas_declarer(d: Demande) -> bool:
    return d.groupe is not None and groupe_afas(d.c, d.groupe, GROUPE_AFAS_DECLARER)


def _membre_afas_habiliter(d: Demande) -> bool:
    return membre_afas_habiliter(d.c, d.idx, d.a)


def _gere_afas_declarer(d: Demande) -> bool:
    return gere_afas_declarer(d.c, d.a)


def _afas_souscrit(d: Demande) -> bool:
    return Service.AFAS in d.c.services


GROUPE_NOMME: Final = Condition(
    "un groupe nommé", _groupe_nomme, _sans_groupe, rapide=rapides.GROUPE_NOMME
)
COMPTE_NOMME: Final = Condition(
    "un compte nommé",
    _compte_nomme,
    partial(_refus_nommer, quoi="le compte"),
    rapide=rapides.COMPTE_NOMME,
)
SERVICE_NOMME: Final = Condition(
    "un service nommé",
    _service_nomme,
    partial(_refus_nommer, quoi="le service auquel accéder"),
    rapide=rapides.SERVICE_NOMME,
)
GROUPE_GERE: Final = Condition(
    "un groupe qu'il gère (ou l'un de ses sous-groupes)",
    _gere_le_groupe,
    _refus_groupe_gere,
    qualite=True,
    rapide=rapides.GROUPE_GERE,
)
PARENT_GERE: Final = Condition(
    "un sous-groupe d'un groupe qu'il gère",
    _gere_le_parent,
    _refus_parent_gere,
    qualite=True,
    rapide=rapides.PARENT_GERE,
)
COMPTE_SOUS_SA_RESPONSABILITE: Final = Condition(
    "un compte sous sa responsabilité (interprétation 14)",
    _compte_sous_sa_responsabilite,
    _refus_compte,
    rapide=rapides.COMPTE_SOUS_SA_RESPONSABILITE,
)
NOMME_SOUS_SA_RESPONSABILITE: Final = Condition(
    "lui-même ou un compte existant sous sa responsabilité (interprétation 14)",
    _nomme_sous_sa_responsabilite,
    _refus_nomme,
    rapide=rapides.NOMME_SOUS_SA_RESPONSABILITE,
)
HORS_AFAS: Final = Condition(
    "un service autre qu'AFAS (les groupes AFAS : la Caf seule)",
    _hors_afas,
    _refus_afas_caf_seule,
    rapide=rapides.HORS_AFAS,
)
HORS_CDAP: Final = Condition(
    "ADONIS ou Offre-bailleurs (les sous-groupes CDAP : les administrateurs seuls)",
    _hors_cdap,
    _refus_sous_groupe_cdap,
    rapide=rapides.HORS_CDAP,
)
ADONIS_OU_OFFRE_BAILLEURS: Final = Condition(
    "un groupe ADONIS ou Offre-bailleurs (les profils CDAP : les administrateurs seuls)",
    _adonis_ou_offre_bailleurs,
    _refus_role_par_administrateur,
    rapide=rapides.ADONIS_OU_OFFRE_BAILLEURS,
)
PAS_SON_GROUPE: Final = Condition(
    "pour affecter : un groupe dont il n’est pas membre",
    _pas_son_groupe,
    partial(_refus_par_soi, quoi="ne peut pas donner un rôle à un groupe dont il est membre"),
    rapide=rapides.PAS_SON_GROUPE,
)
PAS_LUI_MEME: Final = Condition(
    "pour ajouter : un autre que lui-même",
    _pas_lui_meme,
    partial(_refus_par_soi, quoi="ne peut ni s'ajouter lui-même à un groupe, ni se donner un rôle"),
    rapide=rapides.PAS_LUI_MEME,
)
MEMBRES_SOUS_SA_RESPONSABILITE: Final = Condition(
    "chaque membre du groupe sous sa responsabilité (le rôle les habilite tous)",
    _membres_sous_sa_responsabilite,
    _refus_membres,
    rapide=rapides.MEMBRES_SOUS_SA_RESPONSABILITE,
)
PAS_SON_GESTIONNAIRE: Final = Condition(
    "pas son propre gestionnaire (sauf un administrateur)",
    _pas_son_gestionnaire,
    _refus_son_gestionnaire,
    rapide=rapides.PAS_SON_GESTIONNAIRE,
)
PAS_SA_REACTIVATION: Final = Condition(
    "pas sa propre réactivation (ni la levée de sa propre clôture programmée)",
    _pas_sa_reactivation,
    partial(
        _refus_par_soi,
        quoi="ne peut ni réactiver son propre compte, ni lever sa propre clôture programmée",
    ),
    rapide=rapides.PAS_SA_REACTIVATION,
)
PAS_SES_DONNEES: Final = Condition(
    "pas ses propres données d'éligibilité (fonction, numéro, code, diplôme, mandats)",
    _pas_ses_donnees,
    partial(
        _refus_par_soi,
        quoi="ne peut pas modifier ses propres données d'éligibilité (fonction, numéro "
        "d'instructeur, code bailleur, diplôme, mandats)",
    ),
    rapide=rapides.PAS_SES_DONNEES,
)
COMPTE_ACTIF: Final = Condition(
    "un compte actif", _compte_actif, _refus_compte_clos, rapide=rapides.COMPTE_ACTIF
)
PAS_UN_ADMINISTRATEUR: Final = Condition(
    "pas le compte d'un administrateur (interprétation 14)",
    _pas_un_administrateur,
    _refus_administrateur,
    rapide=rapides.PAS_UN_ADMINISTRATEUR,
)
DANS_AFAS_DECLARER: Final = Condition(
    "le vrai AFAS-DECLARER (ou l'un de ses sous-groupes)",
    _dans_afas_declarer,
    _refus_groupe_gere,
    qualite=True,
    rapide=rapides.DANS_AFAS_DECLARER,
)
MEMBRE_AFAS_HABILITER: Final = Condition(
    "membre du vrai AFAS-HABILITER",
    _membre_afas_habiliter,
    partial(_refus_qualite_afas, quoi=f"n'est pas membre d'{GROUPE_AFAS_HABILITER}"),
    qualite=True,
    rapide=rapides.MEMBRE_AFAS_HABILITER,
)
GERE_AFAS_DECLARER: Final = Condition(
    "gestionnaire du vrai AFAS-DECLARER",
    _gere_afas_declarer,
    partial(
        _refus_qualite_afas,
        quoi=f"n'est ni administrateur, ni gestionnaire d'{GROUPE_AFAS_DECLARER}, ni membre "
        f"d'{GROUPE_AFAS_HABILITER}",
    ),
    qualite=True,
    rapide=rapides.GERE_AFAS_DECLARER,
)
AFAS_SOUSCRIT: Final = Condition(
    "la convention souscrit AFAS",
    _afas_souscrit,
    _refus_afas_non_souscrit,
    rapide=rapides.AFAS_SOUSCRIT,
)
