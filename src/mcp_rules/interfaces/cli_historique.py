"""Les sous-commandes ``historique`` et ``revue`` de ``mcp-rules``.

- ``historique (FICHIER | --exemple) [--instant T | --du A --au B]`` : qui avait accès à CDAP
  (``--profil T1`` pour un profil) ; ``--compte ID`` : l'accès de ce compte, ``--periodes
  QUOI`` ses périodes d'un profil ou d'un service, ``--actes`` qui a agi sur lui ;
  ``--groupe CODE`` : qui a agi sur ce groupe ;
- ``revue (FICHIER | --exemple) [--instant T]`` : la campagne de revue ; avec
  ``--reponses REPONSES.json``, sa conclusion (les clôtures à simuler puis exécuter, au
  format du fichier de ``mcp-rules simuler``).

Codes de sortie : 0 ; 1 si une réponse de revue est refusée (un relecteur qui ne peut pas
clore ce qu'il demande de clore) ; 2 entrée invalide, comme les autres sous-commandes.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, Final, TextIO

from mcp_rules.fondations.erreurs import DonneeInvalide, DonneesInvalides
from mcp_rules.interfaces.entrees_cli import EntreeInvalide, une_seule_entree_standard
from mcp_rules.interfaces.entrees_cli import convention as _convention
from mcp_rules.interfaces.entrees_cli import instant as _instant
from mcp_rules.interfaces.entrees_cli import lire_texte as _lire_texte
from mcp_rules.interfaces.entrees_cli import nom_d_entree as _nom

if TYPE_CHECKING:
    from mcp_rules.fondations.rendu import Affichable

__all__ = ["sous_commandes_historiques"]

_FORMATS: Final = ("texte", "json", "markdown")


def _montrer(objet: Affichable, format_: str, sortie: TextIO) -> None:
    if format_ == "json":
        import json

        from mcp_rules.interfaces.serialisation.ecriture import vers_dict

        sortie.write(json.dumps(vers_dict(objet), ensure_ascii=False, indent=2) + "\n")
    elif format_ == "markdown":
        sortie.write(objet.vers_markdown())
    else:
        sortie.write(objet.vers_texte())


def _historique(args: argparse.Namespace, sortie: TextIO) -> int:
    from mcp_rules.analyses.historique import historique

    if (args.du is None) != (args.au is None):
        raise EntreeInvalide("--du et --au vont ensemble")
    if args.du is not None and args.instant is not None:
        raise EntreeInvalide("--instant, ou bien --du et --au, pas les deux")
    if args.compte is not None and args.groupe is not None:
        raise EntreeInvalide("--compte, ou bien --groupe, pas les deux")
    if (args.periodes is not None or args.actes) and args.compte is None:
        raise EntreeInvalide("--periodes et --actes demandent --compte")
    h = historique(_convention(args))
    du = None if args.du is None else _instant(args.du, "--du")
    au = None if args.au is None else _instant(args.au, "--au")
    reponse: Affichable
    try:
        if args.groupe is not None:
            reponse = h.actes(groupe=args.groupe, du=du, au=au)
        elif args.compte is not None and args.actes:
            reponse = h.actes(compte=args.compte, du=du, au=au)
        elif args.compte is not None and args.periodes is not None:
            reponse = h.periodes(args.compte, args.periodes)
        elif args.compte is not None:
            reponse = (
                h.acces_cdap(args.compte, instant=_instant(args.instant))
                if du is None or au is None
                else h.acces_cdap_pendant(args.compte, du=du, au=au)
            )
        elif du is not None and au is not None:
            reponse = h.qui_avait_acces(du=du, au=au, profil=args.profil)
        else:
            reponse = h.qui_avait_acces(instant=_instant(args.instant), profil=args.profil)
    except DonneeInvalide as exc:
        raise EntreeInvalide(f"[{exc.code}] {exc.message}") from None
    _montrer(reponse, args.format, sortie)
    return 0


def _revue(args: argparse.Namespace, sortie: TextIO) -> int:
    from mcp_rules.analyses.revue import conclure_revue, revue

    une_seule_entree_standard(args.fichier, args.reponses)
    convention = _convention(args)
    t = _instant(args.instant)
    campagne = revue(convention, instant=t)
    if args.reponses is None:
        _montrer(campagne, args.format, sortie)
        return 0
    from mcp_rules.interfaces.serialisation.reponses_revue import lire_reponses_revue

    try:
        reponses = lire_reponses_revue(_lire_texte(args.reponses))
    except DonneesInvalides as exc:
        raise EntreeInvalide(f"{_nom(args.reponses)} : réponses invalides", exc.erreurs) from None
    conclusion = conclure_revue(convention, campagne, reponses, instant=t)
    _montrer(conclusion, args.format, sortie)
    return 1 if conclusion.refus else 0


def _commune(q: argparse.ArgumentParser) -> None:
    q.add_argument("fichier", nargs="?", help="convention au format JSON (- : l'entrée standard)")
    q.add_argument(
        "--exemple",
        action="store_true",
        help="utiliser la convention d'exemple 19_214 livrée avec le paquet",
    )
    q.add_argument("--instant", help="instant ISO 8601 avec fuseau (défaut : maintenant)")
    q.add_argument(
        "--format", choices=_FORMATS, default="texte", help="format de sortie (défaut : texte)"
    )


def sous_commandes_historiques(sous: Any) -> None:
    """historique et revue : elles lisent une convention (ou l'exemple) et son journal."""
    q = sous.add_parser(
        "historique",
        help="qui pouvait faire quoi à un instant passé, d'après le journal",
    )
    _commune(q)
    q.add_argument("--du", help="début d'un intervalle (ISO 8601 avec fuseau)")
    q.add_argument("--au", help="fin d'un intervalle (ISO 8601 avec fuseau)")
    q.add_argument("--profil", help="ne retenir que ce profil (T1…T10)")
    q.add_argument("--compte", help="un compte : son accès, ses périodes ou ses actes")
    q.add_argument(
        "--periodes",
        metavar="QUOI",
        help="avec --compte : ses périodes d'un profil (T1…) ou d'un service (CDAP, AFAS…)",
    )
    q.add_argument("--actes", action="store_true", help="avec --compte : qui a agi sur lui")
    q.add_argument("--groupe", help="qui a agi sur ce groupe, et quand")
    q.set_defaults(action=_historique)

    q = sous.add_parser("revue", help="la revue des habilitations : chaque compte à confirmer")
    _commune(q)
    q.add_argument(
        "--reponses",
        metavar="REPONSES.json",
        help="les réponses des relecteurs : rend les clôtures à exécuter",
    )
    q.set_defaults(action=_revue)
