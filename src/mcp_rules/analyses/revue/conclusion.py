"""La conclusion d'une revue : les réponses des relecteurs deviennent des commandes, après
vérification par la table des droits que chacun ne clôt que ce qu'il peut clore."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

import attrs

from mcp_rules.analyses.revue.campagne import ARevoir, Revue, nom_acteur
from mcp_rules.analyses.simulation import Commande
from mcp_rules.decisions.autorisations import peut
from mcp_rules.fondations import erreurs
from mcp_rules.fondations.acteurs import Acteur, ActeurCaf
from mcp_rules.fondations.controles import cle, moment
from mcp_rules.fondations.enumerations import Action, _Enumeration
from mcp_rules.fondations.erreurs import DonneeInvalide, apercu
from mcp_rules.fondations.rendu import Affichable, Bloc, Code, Paragraphe, Tableau, Teinte, Titre
from mcp_rules.modele import Convention, exiger_convention
from mcp_rules.regles import usr
from mcp_rules.regles.decision import Decision
from mcp_rules.regles.regle import tableau_constats

__all__ = ["Avis", "ConclusionRevue", "ReponseRevue", "conclure_revue"]


class Avis(_Enumeration):
    """La réponse d'un relecteur pour un compte."""

    GARDER = "GARDER"
    CLORE = "CLORE"


def _avis(valeur: object) -> Avis:
    return Avis.parse(valeur)


@attrs.frozen(slots=True, kw_only=True)
class ReponseRevue:
    """La réponse d'un relecteur pour un compte : le garder ou le clôturer."""

    relecteur: Acteur
    identifiant: str
    avis: Avis = attrs.field(converter=_avis)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.relecteur, str | ActeurCaf):
            raise DonneeInvalide(
                erreurs.TYPE,
                f"relecteur : un identifiant ou CAF est attendu, pas {apercu(self.relecteur)}",
                valeur=self.relecteur,
            )
        if not isinstance(self.identifiant, str):
            raise DonneeInvalide(
                erreurs.TYPE,
                f"identifiant : un texte est attendu, pas {apercu(self.identifiant)}",
                valeur=self.identifiant,
            )


@attrs.frozen(slots=True, kw_only=True)
class ConclusionRevue(Affichable):
    """Ce que les réponses d'une revue demandent : les clôtures à exécuter (``commandes``,
    à passer à :func:`~mcp_rules.simuler` ou aux commandes), les comptes confirmés, et les
    réponses refusées, chacune avec la décision qui dit pourquoi."""

    commandes: tuple[Commande, ...]
    confirmes: tuple[str, ...]
    refus: tuple[tuple[ReponseRevue, Decision], ...]
    sans_reponse: tuple[str, ...]

    def __repr__(self) -> str:
        return (
            f"<ConclusionRevue : {len(self.commandes)} clôture(s), {len(self.confirmes)} "
            f"confirmé(s), {len(self.refus)} refus, {len(self.sans_reponse)} sans réponse>"
        )

    def _blocs(self) -> tuple[Bloc, ...]:
        blocs: list[Bloc] = [
            Titre("Conclusion de la revue"),
            Tableau(
                ("compte", "suite"),
                [
                    *(
                        (Code(str(x.arguments["utilisateur"])), Teinte("à clôturer", "erreur"))
                        for x in self.commandes
                    ),
                    *((Code(i), Teinte("confirmé", "succes")) for i in self.confirmes),
                    *(
                        (Code(i), Teinte("sans réponse", "avertissement"))
                        for i in self.sans_reponse
                    ),
                ],
            ),
        ]
        for reponse, decision in self.refus:
            blocs.append(
                Paragraphe(
                    Teinte("refusée", "erreur"),
                    f" : {nom_acteur(reponse.relecteur)} ne peut pas répondre "
                    f"« {reponse.avis.value} » pour {reponse.identifiant}",
                )
            )
            blocs.append(tableau_constats(decision.constats))
        return tuple(blocs)


def conclure_revue(
    convention: Convention,
    revue_: Revue,
    reponses: Iterable[ReponseRevue],
    *,
    instant: datetime,
) -> ConclusionRevue:
    """Les suites des réponses : une clôture par compte qu'un relecteur autorisé demande de
    clôturer, les comptes confirmés, et les réponses refusées.

    Une réponse n'est prise que si son relecteur peut clôturer ce compte à ``instant``
    (:func:`~mcp_rules.peut`, action ``MODIFIER_COMPTE``, celle de ``cloturer_compte``) et
    si le compte figure dans la revue : confirmer un compte dont on ne répond pas ne vaut
    rien. Une demande de clôture l'emporte sur une confirmation.
    """
    c = exiger_convention(convention)
    t = moment(instant)
    if not isinstance(revue_, Revue):
        raise DonneeInvalide(
            erreurs.TYPE, f"revue : une Revue est attendue, pas {apercu(revue_)}", valeur=revue_
        )
    if revue_.convention != c.numero:
        raise DonneeInvalide(
            erreurs.VALEUR,
            f"cette revue est celle de la convention {revue_.convention}, pas de {c.numero}",
            valeur=revue_.convention,
        )
    lignes: Mapping[str, ARevoir] = {cle(a.identifiant): a for a in revue_.comptes}
    clore: dict[str, tuple[str, Acteur]] = {}
    garder: dict[str, str] = {}
    refus: list[tuple[ReponseRevue, Decision]] = []
    for r in reponses:
        if not isinstance(r, ReponseRevue):
            raise DonneeInvalide(
                erreurs.TYPE,
                f"reponses : des ReponseRevue sont attendues, pas {apercu(r)}",
                valeur=r,
            )
        ligne = lignes.get(cle(r.identifiant))
        decision = _hors_revue(r) if ligne is None else _droit(c, r, t)
        if ligne is None or not decision.autorise:
            refus.append((r, decision))
            continue
        k = cle(ligne.identifiant)
        if r.avis is Avis.CLORE:
            clore.setdefault(k, (ligne.identifiant, r.relecteur))
        else:
            garder.setdefault(k, ligne.identifiant)
    commandes = tuple(
        Commande("cloturer_compte", par=par, arguments={"utilisateur": ident})
        for k, (ident, par) in sorted(clore.items())
    )
    confirmes = tuple(ident for k, ident in sorted(garder.items()) if k not in clore)
    repondus = set(clore) | set(garder)
    return ConclusionRevue(
        commandes=commandes,
        confirmes=confirmes,
        refus=tuple(refus),
        sans_reponse=tuple(a.identifiant for k, a in sorted(lignes.items()) if k not in repondus),
    )


def _hors_revue(r: ReponseRevue) -> Decision:
    """Le refus d'une réponse sur un compte que la revue ne liste pas."""
    return Decision(
        autorise=False,
        constats=(
            usr.USR_06.constat(
                f"{r.identifiant} ne figure pas dans cette revue (compte inconnu ou clôturé)",
                cible=r.identifiant,
            ),
        ),
    )


def _droit(c: Convention, r: ReponseRevue, t: datetime) -> Decision:
    """Le relecteur peut-il clôturer ce compte ? La table des droits, comme la commande."""
    return peut(c, r.relecteur, Action.MODIFIER_COMPTE, utilisateur=r.identifiant, instant=t)
