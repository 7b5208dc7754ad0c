"""La conclusion d'une revue : les réponses des relecteurs deviennent des commandes, après
vérification par la table des droits que chacun ne clôt que ce qu'il peut clore."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

import attrs

from mcp_rules.analyses.revue.campagne import ARevoir, Revue, nom_acteur
from mcp_rules.analyses.simulation import Commande
from mcp_rules.commandes import cloturer_compte
from mcp_rules.decisions.autorisations import peut
from mcp_rules.fondations import erreurs
from mcp_rules.fondations.acteurs import Acteur, ActeurCaf
from mcp_rules.fondations.controles import cle, moment
from mcp_rules.fondations.enumerations import Action, _Enumeration
from mcp_rules.fondations.erreurs import DonneeInvalide, apercu
from mcp_rules.fondations.rendu import Affichable, Bloc, Code, Paragraphe, Tableau, Teinte, Titre
from mcp_rules.modele import Convention, exiger_convention
from mcp_rules.regles import role
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

    Une réponse n'est prise que si le compte figure dans la revue et si son relecteur peut
    le clôturer à ``instant`` : une confirmation passe par :func:`~mcp_rules.peut` (action
    ``MODIFIER_COMPTE``, celle de ``cloturer_compte``), une demande de clôture par la
    commande ``cloturer_compte`` elle-même, essayée sur la convention (rien n'est changé) :
    chaque commande rendue est donc acceptée si elle s'exécute sur cette convention à cet
    instant. Une demande de clôture l'emporte sur une confirmation. Comme une commande, une
    conclusion ne s'antidate pas avant le dernier événement du journal.
    """
    c = exiger_convention(convention)
    t = moment(instant)
    _verifier_revue(c, revue_, t)
    suite: object = reponses
    if isinstance(suite, str | bytes) or not isinstance(suite, Iterable):
        raise DonneeInvalide(
            erreurs.TYPE,
            f"reponses : une suite de ReponseRevue est attendue, pas {apercu(reponses)}",
            valeur=reponses,
        )
    lignes: Mapping[str, ARevoir] = {cle(a.identifiant): a for a in revue_.comptes}
    clore: dict[str, Commande] = {}
    garder: dict[str, str] = {}
    refus: list[tuple[ReponseRevue, Decision]] = []
    for r in reponses:
        if not isinstance(r, ReponseRevue):
            raise DonneeInvalide(
                erreurs.TYPE,
                f"reponses : des ReponseRevue sont attendues, pas {apercu(r)}",
                valeur=r,
            )
        k = cle(r.identifiant)
        ligne = lignes.get(k)
        if ligne is None:
            refus.append((r, _hors_revue(r)))
            continue
        decision, commande = _juger(c, r, ligne.identifiant, t)
        if not decision.autorise:
            refus.append((r, decision))
        elif commande is not None:
            clore.setdefault(k, commande)
        else:
            garder.setdefault(k, ligne.identifiant)
    return ConclusionRevue(
        commandes=tuple(x for _, x in sorted(clore.items())),
        confirmes=tuple(ident for k, ident in sorted(garder.items()) if k not in clore),
        refus=tuple(refus),
        sans_reponse=tuple(
            a.identifiant for k, a in sorted(lignes.items()) if k not in clore and k not in garder
        ),
    )


def _verifier_revue(c: Convention, revue_: object, t: datetime) -> None:
    """La revue est bien une revue de cette convention, et l'instant ne s'antidate pas."""
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
    dernier = c.dernier_evenement
    if dernier is not None and t < dernier.instant:
        raise DonneeInvalide(
            erreurs.CHRONOLOGIE,
            f"instant : {t.isoformat()} précède le dernier événement du journal "
            f"({dernier.instant.isoformat()}) ; une conclusion, comme ses clôtures, ne "
            "s'antidate pas",
            valeur=t,
        )


def _hors_revue(r: ReponseRevue) -> Decision:
    """Le refus d'une réponse sur un compte que la revue ne liste pas."""
    return Decision(
        autorise=False,
        constats=(
            role.ROLE_09.constat(
                f"{r.identifiant} ne figure pas dans cette revue (compte inconnu, pas encore "
                "créé ou déjà clôturé à l'instant de la revue)",
                cible=r.identifiant,
            ),
        ),
    )


def _juger(
    c: Convention, r: ReponseRevue, ident: str, t: datetime
) -> tuple[Decision, Commande | None]:
    """Une confirmation : le relecteur peut-il clôturer ce compte (la table des droits) ?
    Une clôture : la commande elle-même, essayée ; refusée, ses erreurs disent pourquoi."""
    if r.avis is Avis.GARDER:
        return peut(c, r.relecteur, Action.MODIFIER_COMPTE, utilisateur=ident, instant=t), None
    essai = cloturer_compte(c, par=r.relecteur, utilisateur=ident, instant=t)
    if not essai.accepte:
        return Decision(autorise=False, constats=essai.erreurs), None
    par = r.relecteur
    if isinstance(par, str):
        par = c.utilisateur(par).identifiant  # l'orthographe du compte, pas celle de la réponse
    commande = Commande("cloturer_compte", par=par, arguments={"utilisateur": ident})
    return Decision(autorise=True), commande
