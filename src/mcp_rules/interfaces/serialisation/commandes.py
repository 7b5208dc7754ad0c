"""Lire les commandes à simuler depuis un document JSON (ce que lit ``mcp-rules simuler``)."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any, Final

from mcp_rules.analyses.simulation import Commande
from mcp_rules.fondations import controles, erreurs
from mcp_rules.fondations.erreurs import (
    DonneeInvalide,
    DonneesInvalides,
    ErreurChamp,
    apercu,
    element_de_chemin,
    joindre_chemin,
)
from mcp_rules.interfaces.serialisation.lecture import charger_json, depuis_dict
from mcp_rules.interfaces.serialisation.valeurs import erreur_type, lire_acteur
from mcp_rules.modele import Utilisateur

__all__ = ["lire_commandes", "objets_d_une_liste"]

_ARGUMENTS_UTILISATEUR: Final = frozenset(
    {
        ("creer_utilisateur", "utilisateur"),
        ("creer_groupe", "gestionnaire"),
        ("designer_gestionnaire", "gestionnaire"),
    }
)


def objets_d_une_liste(
    texte: str | bytes,
    liste: str,
    objet: str,
    membres: Collection[str],
    fautes: list[ErreurChamp],
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Chaque objet d'un document JSON qui doit être une liste d'objets (``$[i]``, l'objet),
    ses membres inconnus ajoutés à ``fautes`` ; un élément qui n'est pas un objet y est
    ajouté aussi, et sauté. Un document qui n'est pas une liste lève
    :class:`~mcp_rules.DonneesInvalides`."""
    donnees = charger_json(texte)
    if type(donnees) is not list:
        raise DonneesInvalides(erreur_type(f"une liste de {liste}", donnees).en_erreurs_champ("$"))
    for i, element in enumerate(donnees):
        chemin = f"$[{i}]"
        if type(element) is not dict:
            fautes.extend(erreur_type(f"un objet {objet}", element).en_erreurs_champ(chemin))
            continue
        fautes.extend(
            ErreurChamp(
                chemin + element_de_chemin(str(k)), erreurs.INCONNUE, f"champ inconnu {apercu(k)}"
            )
            for k in sorted(set(element) - set(membres), key=str)
        )
        yield chemin, element


def lire_commandes(texte: str | bytes) -> list[Commande]:
    """Lit une liste de commandes JSON : ``[{"commande": …, "par": …, "arguments": {…}}]``.

    ``par`` est un identifiant ou ``"@CAF"`` ; un nouvel Utilisateur (``creer_utilisateur``,
    un gestionnaire à créer) s'écrit comme un objet Utilisateur ; ``le`` en ISO 8601.
    """
    fautes: list[ErreurChamp] = []
    lues: list[Commande] = []
    for chemin, objet in objets_d_une_liste(
        texte, "commandes", "commande", ("commande", "par", "arguments"), fautes
    ):
        nom, par, arguments = objet.get("commande"), objet.get("par"), objet.get("arguments", {})
        if type(arguments) is not dict:
            fautes.extend(
                erreur_type("un objet", arguments).en_erreurs_champ(f"{chemin}.arguments")
            )
            continue
        try:
            acteur = lire_acteur(par, None)
        except DonneeInvalide as exc:
            fautes.extend(exc.en_erreurs_champ(f"{chemin}.par"))
            continue
        valeurs: dict[str, Any] = {}
        for cle_, valeur in arguments.items():
            try:
                if (nom, cle_) in _ARGUMENTS_UTILISATEUR and type(valeur) is dict:
                    valeurs[cle_] = depuis_dict(valeur, Utilisateur)
                elif cle_ == "le" and valeur is not None:
                    valeurs[cle_] = controles.instant_iso(valeur, "le")
                else:
                    valeurs[cle_] = valeur
            except DonneesInvalides as exc:
                fautes.extend(
                    ErreurChamp(
                        joindre_chemin(f"{chemin}.arguments.{cle_}", e.chemin), e.code, e.message
                    )
                    for e in exc.erreurs
                )
            except DonneeInvalide as exc:
                fautes.extend(exc.en_erreurs_champ(f"{chemin}.arguments.{cle_}"))
        try:
            lues.append(Commande(nom, par=acteur, arguments=valeurs))  # type: ignore[arg-type]
        except DonneeInvalide as exc:
            fautes.extend(exc.en_erreurs_champ(f"{chemin}.commande"))
    if fautes:
        raise DonneesInvalides(fautes)
    return lues
