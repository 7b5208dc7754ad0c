"""La politique locale d'un intégrateur : ce qui ne vient pas du guide.

La limite d'inactivité (interprétation 6), des mots d'adresse de service en plus
(interprétation 8) et des conditions supplémentaires par profil (``MCP-ELIG-07``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import timedelta
from types import MappingProxyType
from typing import Final

import attrs

from mcp_rules.fondations import controles, erreurs
from mcp_rules.fondations.copie import reduire
from mcp_rules.fondations.enumerations import ProfilT
from mcp_rules.fondations.erreurs import Collecteur, DonneeInvalide, apercu
from mcp_rules.modele._conversions import VIDE
from mcp_rules.modele.utilisateur import Utilisateur

__all__ = ["INACTIVITE_MAX_PERMISE", "ConditionProfil", "Politique", "exiger_politique"]


@attrs.frozen(slots=True, kw_only=True)
class ConditionProfil:
    """Une condition locale d'accès à un profil, ajoutée par un intégrateur (``Politique``).

    ``verifier`` reçoit le compte et dit si la condition est remplie ; ``donnees``
    nomme les champs du compte qu'elle lit : s'ils sont vides, la réponse est un
    refus pour données manquantes plutôt qu'un non.
    """

    code: str
    titre: str
    verifier: Callable[[Utilisateur], bool] = attrs.field(eq=False)
    donnees: tuple[str, ...] = ()
    remede: str = "Vérifiez les informations du compte auprès de l'administrateur."

    def __attrs_post_init__(self) -> None:
        c = Collecteur()
        controles.verifier(c, "code", controles.identifiant, self.code, "code de condition")
        controles.verifier(
            c, "titre", controles.texte, self.titre, "titre", controles.LONGUEUR_LIBELLE
        )
        controles.verifier(c, "remede", controles.texte, self.remede, "remède", 500)
        verifier: object = self.verifier
        if not callable(verifier):
            c.ajouter("verifier", erreurs.TYPE, "verifier : une fonction est attendue")
        champs = {f.name for f in attrs.fields(Utilisateur)}
        donnees: object = self.donnees
        if not isinstance(donnees, tuple):
            c.ajouter("donnees", erreurs.TYPE, "donnees : un tuple de noms de champs est attendu")
        else:
            for nom in donnees:
                if nom not in champs:
                    c.ajouter(
                        "donnees",
                        erreurs.VALEUR,
                        f"donnees : {apercu(nom)} n'est pas un champ d'Utilisateur",
                    )
        c.lever()

    def evaluer(self, compte: Utilisateur) -> bool | str:
        """``True`` ou ``False`` selon ``verifier`` ; sinon, la panne, décrite en français.

        Une condition écrite par un intégrateur peut lever une exception ou rendre autre
        chose qu'un booléen : la bibliothèque ne l'interprète pas, elle rend la description
        de la panne, et l'appelant refuse le profil (on n'accorde jamais sur une condition
        en panne) en nommant la condition.
        """
        try:
            rendu: object = self.verifier(compte)
        except Exception as exc:  # noqa: BLE001 - le code de l'intégrateur peut tout lever
            return f"elle a levé {apercu(exc)}"
        if type(rendu) is bool:
            return rendu
        return f"elle a rendu {apercu(rendu)} au lieu d'un booléen (True ou False)"


def _conditions(
    valeur: Mapping[ProfilT, Iterable[ConditionProfil]],
) -> Mapping[ProfilT, tuple[ConditionProfil, ...]]:
    if not isinstance(valeur, Mapping):
        raise DonneeInvalide(
            erreurs.TYPE,
            "conditions : un dictionnaire profil → conditions est attendu",
            valeur=valeur,
        )
    lues: dict[ProfilT, tuple[ConditionProfil, ...]] = {}
    for profil, conditions in valeur.items():
        p = ProfilT.parse(profil)
        suite: object = conditions
        if isinstance(suite, (str, bytes)) or not isinstance(suite, Iterable):
            raise DonneeInvalide(
                erreurs.TYPE,
                f"conditions du profil {p} : une suite de ConditionProfil est attendue, pas "
                f"{apercu(conditions)}",
                valeur=conditions,
            )
        liste = tuple(conditions)
        if not all(isinstance(x, ConditionProfil) for x in liste):
            raise DonneeInvalide(
                erreurs.TYPE,
                f"conditions du profil {p} : des ConditionProfil sont attendues",
                valeur=conditions,
            )
        lues[p] = liste
    return MappingProxyType(lues)


INACTIVITE_MAX_PERMISE: Final = timedelta(days=3653)
"""Dix ans : au-delà, « inactif depuis trop longtemps » ne signale plus rien de réel, et les
dates calculées s'approcheraient des bornes du calendrier."""


def inactivite_permise(valeur: object) -> timedelta:
    """La limite d'inactivité d'une politique : une durée positive, dix ans au plus."""
    duree = controles.duree(valeur, "inactivite_max")
    if duree > INACTIVITE_MAX_PERMISE:
        raise DonneeInvalide(
            erreurs.DUREE,
            f"inactivite_max : {duree.days} jours, au plus {INACTIVITE_MAX_PERMISE.days} "
            "(dix ans) sont permis",
            valeur=valeur,
        )
    return duree


def _mots(valeur: Iterable[str]) -> frozenset[str]:
    if isinstance(valeur, (str, bytes)) or not isinstance(valeur, Iterable):
        raise DonneeInvalide(
            erreurs.TYPE, "mots_adresse_service : un ensemble de mots est attendu", valeur=valeur
        )
    mots = set()
    for mot in valeur:
        controles.identifiant(mot, "mot d'adresse de service")
        mots.add(mot.lower())
    return frozenset(mots)


@attrs.frozen(slots=True, kw_only=True)
class Politique:
    """Les paramètres locaux d'un intégrateur, qui ne viennent pas du guide.

    - ``inactivite_max`` : au-delà, un compte inutilisé est signalé (``MCP-USR-04``) ;
      90 jours par défaut, choix local (interprétation 6) ;
    - ``mots_adresse_service`` : des mots génériques en plus de ceux de
      l'interprétation 8 (``MCP-USR-02``), en tête d'une adresse ou en dernier mot ;
    - ``conditions`` : des conditions supplémentaires par profil (``MCP-ELIG-07``).
    """

    inactivite_max: timedelta = attrs.field(
        default=timedelta(days=90), converter=inactivite_permise
    )
    mots_adresse_service: frozenset[str] = attrs.field(default=VIDE, converter=_mots)
    conditions: Mapping[ProfilT, tuple[ConditionProfil, ...]] = attrs.field(
        factory=lambda: MappingProxyType({}), converter=_conditions, eq=False, hash=False
    )

    def __reduce__(self) -> tuple[Callable[..., object], tuple[object, ...]]:
        """``copy.deepcopy`` et ``pickle`` (multiprocessing) : voir :mod:`.fondations.copie`."""
        return reduire(self)


def exiger_politique(politique: object) -> Politique | None:
    """La politique passée à une fonction publique (``None`` permis), sinon une erreur claire."""
    if politique is None or isinstance(politique, Politique):
        return politique
    raise DonneeInvalide(
        erreurs.TYPE, f"une Politique est attendue, pas {apercu(politique)}", valeur=politique
    )
