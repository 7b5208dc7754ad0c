"""Un événement du journal en une phrase, et ce qu'il touche (comptes, groupes)."""

from __future__ import annotations

from mcp_rules.modele.evenements import (
    AdministrateurDesigne,
    ApprobateurValide,
    CompteCloture,
    CompteCree,
    CompteModifie,
    CompteReactive,
    Evenement,
    GestionnaireDesigne,
    GroupeCree,
    IdentifiantEnvoye,
    LibelleModifie,
    MembreAjoute,
    MembreRetire,
    MotDePassePersonnalise,
    MotDePasseTemporaireEmis,
    Pj3Requise,
    RoleAfasConfigure,
    RoleAfasRetire,
    RoleAffecte,
    RoleRetire,
)

__all__ = ["decrire", "sujets"]


def decrire(e: Evenement) -> str:
    """Ce qu'a fait un événement, en une phrase (« ajoute as.leroy au groupe T1AS »)."""
    if isinstance(e, GroupeCree):
        parent = f", sous-groupe de {e.parent}" if e.parent else ""
        return f"crée le groupe {e.groupe} ({e.service.value}{parent}), géré par {e.gestionnaire}"
    if isinstance(e, RoleAffecte):
        return f"donne le rôle {e.profil.value} au groupe {e.groupe}"
    if isinstance(e, RoleRetire):
        return f"retire le rôle {e.profil.value} du groupe {e.groupe}"
    if isinstance(e, LibelleModifie):
        return f"renomme le groupe {e.groupe} : « {e.ancien} » devient « {e.nouveau} »"
    if isinstance(e, GestionnaireDesigne):
        avant = f" à la place de {e.precedent}" if e.precedent else ""
        return f"désigne {e.gestionnaire} gestionnaire du groupe {e.groupe}{avant}"
    if isinstance(e, CompteCree):
        dans = f" dans le groupe {e.groupe}" if e.groupe else ""
        return f"crée le compte {e.utilisateur}{dans}"
    if isinstance(e, CompteModifie):
        return f"modifie le compte {e.utilisateur} ({', '.join(e.champs)})"
    if isinstance(e, IdentifiantEnvoye):
        return f"envoie son identifiant à {e.utilisateur}"
    if isinstance(e, MotDePasseTemporaireEmis):
        return f"émet un mot de passe temporaire pour {e.utilisateur}"
    if isinstance(e, MembreAjoute):
        return f"ajoute {e.utilisateur} au groupe {e.groupe}"
    if isinstance(e, MembreRetire):
        return f"retire {e.utilisateur} du groupe {e.groupe}"
    if isinstance(e, CompteCloture):
        return f"clôture le compte {e.utilisateur} à compter du {e.le.isoformat()}"
    if isinstance(e, CompteReactive):
        return f"réactive le compte {e.utilisateur}"
    if isinstance(e, AdministrateurDesigne):
        avant = f" à la place de {e.remplace}" if e.remplace else ""
        return f"désigne {e.identifiant} administrateur{avant}"
    if isinstance(e, RoleAfasConfigure):
        return f"configure le rôle AFAS {e.role.value} pour {e.utilisateur}"
    if isinstance(e, RoleAfasRetire):
        return f"retire le rôle AFAS {e.role.value} à {e.utilisateur}"
    if isinstance(e, Pj3Requise):
        return f"demande à la Caf de valider {e.utilisateur} comme approbateur AFAS (PJ 3)"
    if isinstance(e, ApprobateurValide):
        return f"valide {e.utilisateur} comme approbateur AFAS"
    if isinstance(e, MotDePassePersonnalise):
        return f"{e.utilisateur} personnalise son mot de passe"
    return type(e).__name__  # pragma: no cover - chaque type du journal est décrit ci-dessus


def sujets(e: Evenement) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(comptes, groupes) que l'événement touche."""
    comptes: list[str] = []
    groupes: list[str] = []
    for nom in ("utilisateur", "identifiant", "gestionnaire", "precedent", "remplace"):
        v = getattr(e, nom, None)
        if isinstance(v, str):
            comptes.append(v)
    g = getattr(e, "groupe", None)
    if isinstance(g, str):
        groupes.append(g)
    return tuple(comptes), tuple(groupes)
