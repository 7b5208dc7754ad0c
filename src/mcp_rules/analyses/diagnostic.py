"""Diagnostiquer les problèmes fréquents du guide, et proposer le plan qui les règle.

:func:`diagnostiquer` part d'un symptôme de la dernière section du guide (« Solutions
aux problèmes les plus fréquents ») et dit, d'après les données, laquelle des causes
possibles est en jeu — quel groupe a perdu son rôle et quand, quelle condition de
quel profil manque, quel numéro a été saisi et sa forme complète — avec le remède.

Quand c'est l'accès à CDAP qui manque, le diagnostic porte aussi un **plan** : la
plus courte suite de commandes qui donnerait l'accès, chacune avec ceux qui ont le
droit de l'exécuter (vérifié par les mêmes règles que :func:`~mcp_rules.peut`). Si
rien de ce que peut faire le partenaire n'y suffit, ``recours`` dit qui le peut.

>>> from mcp_rules import Symptome, diagnostiquer
>>> from mcp_rules.exemple import convention_exemple, INSTANT_EXEMPLE
>>> d = diagnostiquer(
...     convention_exemple(), "cr.girard", Symptome.PAS_D_OPTION_CONSULTER, instant=INSTANT_EXEMPLE
... )
>>> [c.code for c in d.causes]
['MCP-CDAP-01', 'MCP-GRP-05']
>>> for etape in d.plan:
...     print(etape.texte)
affecter le rôle T2 au groupe T2CR — par adm.bernard ou adm.martin
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Final

import attrs

from mcp_rules.analyses import symptomes_acces, symptomes_comptes
from mcp_rules.analyses.plans import Conclusion, Etape, blocs_plan
from mcp_rules.fondations import erreurs
from mcp_rules.fondations.controles import moment
from mcp_rules.fondations.enumerations import Symptome
from mcp_rules.fondations.erreurs import DonneeInvalide, apercu
from mcp_rules.fondations.rendu import Affichable, Bloc, Titre, sur_une_ligne
from mcp_rules.modele import Convention, exiger_convention
from mcp_rules.modele.index import index
from mcp_rules.regles import cdap
from mcp_rules.regles.regle import Constat, I, tableau_constats

__all__ = ["Diagnostic", "diagnostiquer"]


@attrs.frozen(slots=True, kw_only=True)
class Diagnostic(Affichable):
    """Les causes d'un symptôme pour un compte, avec remèdes et plan."""

    identifiant: str
    symptome: Symptome
    causes: tuple[Constat, ...]
    plan: tuple[Etape, ...] = ()
    recours: str | None = None

    @property
    def codes(self) -> tuple[str, ...]:
        """Les codes des causes, sans doublon, dans l'ordre."""
        return tuple(dict.fromkeys(c.code for c in self.causes))

    @property
    def probleme_trouve(self) -> bool:
        """Vrai si une cause d'erreur ou d'avertissement a été trouvée."""
        return any(c.severite is not I for c in self.causes)

    def texte(self) -> str:
        """Le diagnostic pour un terminal."""
        lignes = [f"Diagnostic « {self.symptome.libelle} » pour {self.identifiant}", ""]
        for c in self.causes:
            cible = f" [{c.cible}]" if c.cible else ""
            lignes.append(f"  {c.severite.libelle} {c.code}{cible} : {sur_une_ligne(c.message)}")
            if c.remede:
                lignes.append(f"      → {sur_une_ligne(c.remede)}")
        if self.plan:
            lignes.extend(["", "Plan :"])
            lignes.extend(f"  {i}. {sur_une_ligne(e.texte)}" for i, e in enumerate(self.plan, 1))
        if self.recours:
            lignes.extend(["", f"Recours : {sur_une_ligne(self.recours)}"])
        return "\n".join(lignes) + "\n"

    def _blocs(self) -> tuple[Bloc, ...]:
        return (
            Titre(f"Diagnostic : {self.symptome.libelle} — {self.identifiant}"),
            tableau_constats(self.causes),
            *blocs_plan(self.plan, self.recours),
        )


def diagnostiquer(
    convention: Convention,
    identifiant: str,
    symptome: Symptome | str,
    *,
    instant: datetime,
    saisie: str | None = None,
) -> Diagnostic:
    """Les causes d'un symptôme du guide pour ce compte, leurs remèdes et, s'il le faut, un plan.

    ``saisie`` est ce que la personne a tapé, pour les symptômes qui portent sur une
    valeur saisie (un numéro d'instructeur).
    """
    c = exiger_convention(convention)
    t = moment(instant)
    s = Symptome.parse(symptome)
    if saisie is not None and not isinstance(saisie, str):
        raise DonneeInvalide(
            erreurs.TYPE, f"saisie : un texte est attendu, pas {apercu(saisie)}", valeur=saisie
        )
    u = c.trouver_utilisateur(identifiant)
    nom = identifiant if isinstance(identifiant, str) else apercu(identifiant)
    if u is None and s is not Symptome.RECHERCHE_FASTIDIEUSE:
        return Diagnostic(
            identifiant=nom,
            symptome=s,
            causes=(
                cdap.CDAP_01.constat(
                    f"aucun compte {apercu(identifiant)} dans la convention {c.numero}",
                    remede="Vérifiez l'identifiant dans la liste des utilisateurs ; sinon, le "
                    "compte "
                    "est à créer par l'administrateur ou le gestionnaire d'habilitations.",
                    cible=_cible(identifiant),
                ),
            ),
        )
    conclusion = _SYMPTOMES[s](c, index(c), u, t, saisie, nom)
    return Diagnostic(
        identifiant=u.identifiant if u is not None else nom,
        symptome=s,
        causes=conclusion.causes,
        plan=conclusion.plan,
        recours=conclusion.recours,
    )


def _cible(valeur: object) -> str | None:
    return valeur if isinstance(valeur, str) and len(valeur) <= 64 else None


_SYMPTOMES: Final[dict[Symptome, Callable[..., Conclusion]]] = {
    Symptome.PAS_D_OPTION_CONSULTER: symptomes_acces.pas_d_option,
    Symptome.OPTION_CONSULTER_DISPARUE: symptomes_acces.option_disparue,
    Symptome.IDENTIFIANT_PERDU: symptomes_comptes.identifiant_perdu,
    Symptome.MOT_DE_PASSE_PERDU: symptomes_comptes.mot_de_passe_perdu,
    Symptome.MOT_DE_PASSE_TEMPORAIRE_EXPIRE: symptomes_comptes.temporaire_expire,
    Symptome.NUMERO_INSTRUCTEUR_NON_RECONNU: symptomes_comptes.numero_non_reconnu,
    Symptome.CODE_DEMANDE_T10: symptomes_comptes.code_t10,
    Symptome.RECHERCHE_FASTIDIEUSE: symptomes_acces.recherche_fastidieuse,
}
"""À chaque symptôme du guide, l'analyse qui en cherche les causes."""
