"""La ligne de commande ``mcp-rules`` : une fine couche sur le cœur de la bibliothèque.

C'est le seul endroit qui lit des fichiers et l'horloge. Sous-commandes :

- ``audit FICHIER.json`` ou ``audit --exemple`` : l'audit d'une convention ;
  ``audit DOSSIER`` ou ``audit F1.json F2.json…`` : un lot, une ligne JSON par convention
  (:mod:`.lots`), sur ``--jobs`` processus ;
- ``diagnostiquer FICHIER.json IDENTIFIANT SYMPTOME [--saisie TEXTE]`` ;
- ``simuler FICHIER.json COMMANDES.json`` : l'effet prévu de commandes ;
- ``matrice FICHIER.json`` : qui atteint quoi ;
- ``historique FICHIER.json`` et ``revue FICHIER.json`` : qui pouvait faire quoi à un instant
  passé, et la revue des habilitations (:mod:`.cli_historique`) ;
- ``regles`` : le catalogue ; ``tables`` : les tables de décision des profils ;
- ``schema [TYPE]`` : le schéma JSON d'un type (``Convention`` par défaut).

Options communes : ``--instant`` (ISO 8601 avec fuseau ; par défaut, maintenant) et
``--format texte|json|markdown``. Codes de sortie : 0 conforme, 1 constat de sévérité
erreur, 2 entrée invalide (fichier absent, JSON illisible, document mal formé : chaque
problème est dit en français, avec son chemin JSON), 3 défaut interne. Un lot sort avec
le code le plus grave de ses conventions.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final, TextIO

from mcp_rules._version import __version__
from mcp_rules.fondations.enumerations import Severite, Symptome
from mcp_rules.fondations.erreurs import DonneeInvalide, DonneesInvalides
from mcp_rules.interfaces.analyseur import Analyseur
from mcp_rules.interfaces.cli_historique import sous_commandes_historiques
from mcp_rules.interfaces.entrees import nombre_de_processus
from mcp_rules.interfaces.entrees_cli import (
    ENTREE_STANDARD,
    EntreeInvalide,
)
from mcp_rules.interfaces.entrees_cli import convention as _convention
from mcp_rules.interfaces.entrees_cli import instant as _instant
from mcp_rules.interfaces.entrees_cli import lire_json as _lire_json
from mcp_rules.interfaces.entrees_cli import lire_texte as _lire_texte
from mcp_rules.interfaces.entrees_cli import nom_d_entree as _nom
from mcp_rules.interfaces.entrees_cli import positionnels as _positionnels
from mcp_rules.interfaces.entrees_cli import une_seule_entree_standard as _une_seule_entree_standard
from mcp_rules.interfaces.processus import figer_ce_qui_est_lu, garder, sortie_fermee

if TYPE_CHECKING:
    pass

# Chaque sous-commande importe, dans sa fonction, ce qu'elle seule utilise (analyses,
# JSON, cattrs) : ``mcp-rules --help`` ou ``regles`` ne chargent ni l'audit ni cattrs.

__all__ = ["main"]

SORTIE_CONFORME: Final = 0
SORTIE_ERREURS: Final = 1
SORTIE_ENTREE_INVALIDE: Final = 2
SORTIE_DEFAUT_INTERNE: Final = 3


def _ecrire(sortie: TextIO, texte: str) -> None:
    sortie.write(texte if texte.endswith("\n") else texte + "\n")


def _json(objet: Any) -> str:
    import json

    return json.dumps(objet, ensure_ascii=False, indent=2)


# --- sous-commandes -------------------------------------------------------------------------


def _audit(args: argparse.Namespace, sortie: TextIO) -> int:
    from pathlib import Path

    fichiers: list[str] = args.fichiers
    if any(not f.strip() for f in fichiers):
        raise EntreeInvalide("un chemin de fichier vide a été donné")
    if (
        len(fichiers) > 1
        or args.format == "jsonl"
        or any(f != ENTREE_STANDARD and Path(f).is_dir() for f in fichiers)
    ):
        return _audit_en_lot(args, sortie)
    _une_seule_entree_standard(*fichiers, args.politique)
    args.fichier = fichiers[0] if fichiers else None
    args.format = args.format or "texte"
    from mcp_rules.analyses.audit import auditer
    from mcp_rules.fondations.rendu import ecrire_par_paquets, nombre
    from mcp_rules.interfaces import vues_audit
    from mcp_rules.modele import Politique

    try:
        filtre = vues_audit.Filtre.lire(args.severite, args.code)
    except vues_audit.FiltreInvalide as exc:
        raise EntreeInvalide(str(exc)) from None
    if args.format == "markdown" and (filtre.actif or args.resume):
        raise EntreeInvalide(
            "--severite, --code et --resume s'appliquent aux formats texte et json"
        )
    if args.format == "json" and args.resume:
        raise EntreeInvalide("--resume s'écrit en texte ; en JSON, chaque constat a son code")
    instant = _instant(args.instant)
    etapes = vues_audit.Etapes.selon(args.progression)
    source = _nom(args.fichier) if args.fichier else "la convention d'exemple"
    etapes.dire(f"lecture de {source}…")
    convention = _convention(args)
    politique = _lire_json(args.politique, Politique) if args.politique else None
    etapes.dire(f"{nombre(convention.nombre_utilisateurs)} comptes lus ; audit…")
    figer_ce_qui_est_lu()
    rapport = auditer(convention, instant=instant, politique=politique)
    etapes.dire(f"{nombre(len(rapport.constats))} constats ; écriture…")
    if args.format == "json":
        from mcp_rules.interfaces.serialisation.ecriture import vers_dict

        _ecrire(sortie, _json(vues_audit.dict_filtre(vers_dict(rapport), rapport, filtre)))
    elif args.format == "markdown":
        _ecrire(sortie, rapport.vers_markdown())
    elif args.resume:
        ecrire_par_paquets(sortie, vues_audit.lignes_du_resume(rapport, filtre))
    else:
        ecrire_par_paquets(sortie, vues_audit.lignes_filtrees(rapport, filtre))
    etapes.dire("terminé")
    garder(convention, rapport)
    return SORTIE_CONFORME if rapport.est_conforme else SORTIE_ERREURS


def _audit_en_lot(args: argparse.Namespace, sortie: TextIO) -> int:
    """Un lot : une ligne JSON par convention, dans l'ordre des chemins ; le code de sortie
    est le plus grave des verdicts (3 défaut interne, 2 entrée invalide, 1 non conforme)."""
    if args.format not in (None, "jsonl"):
        raise EntreeInvalide(
            "un lot (plusieurs fichiers, ou un dossier) s'écrit en JSON Lines, une ligne par "
            f"convention : --format jsonl, ou pas de --format (reçu : --format {args.format})"
        )
    if args.exemple:
        raise EntreeInvalide("--exemple se donne seul, sans fichier ni --format jsonl")
    if not args.fichiers:
        raise EntreeInvalide("un lot demande au moins un fichier ou un dossier de conventions")
    if args.severite or args.code or args.resume:
        raise EntreeInvalide(
            "--severite, --code et --resume s'appliquent à une convention, pas à un lot "
            "(chaque ligne du lot donne tous les codes de sa convention)"
        )
    if ENTREE_STANDARD in args.fichiers:
        raise EntreeInvalide(
            "l'entrée standard (-) donne une seule convention, pas un lot : "
            "donnez les fichiers du lot par leur chemin, ou leur dossier"
        )
    from mcp_rules.interfaces.avancement import ecrire_lot
    from mcp_rules.modele import Politique

    politique = _lire_json(args.politique, Politique) if args.politique else None
    return ecrire_lot(
        args.fichiers,
        sortie,
        instant=_instant(args.instant),
        jobs=args.jobs,
        politique=politique,
        progression=args.progression,
    )


def _diagnostiquer(args: argparse.Namespace, sortie: TextIO) -> int:
    from mcp_rules.analyses.diagnostic import diagnostiquer

    _positionnels(args, ("identifiant", "symptome"))
    convention = _convention(args)
    try:
        symptome = Symptome.parse(args.symptome)
    except DonneeInvalide as exc:
        raise EntreeInvalide(exc.message) from None
    diagnostic = diagnostiquer(
        convention, args.identifiant, symptome, instant=_instant(args.instant), saisie=args.saisie
    )
    if args.format == "json":
        from mcp_rules.interfaces.serialisation.ecriture import vers_dict

        _ecrire(sortie, _json(vers_dict(diagnostic)))
    elif args.format == "markdown":
        _ecrire(sortie, diagnostic.vers_markdown())
    else:
        _ecrire(sortie, diagnostic.texte())
    erreur = any(c.severite is Severite.ERREUR for c in diagnostic.causes)
    return SORTIE_ERREURS if erreur else SORTIE_CONFORME


def _simuler(args: argparse.Namespace, sortie: TextIO) -> int:
    from mcp_rules.analyses.simulation import simuler
    from mcp_rules.interfaces.serialisation.commandes import lire_commandes

    _positionnels(args, ("commandes",))
    _une_seule_entree_standard(args.fichier, args.commandes)
    convention = _convention(args)
    texte = _lire_texte(args.commandes)
    try:
        commandes = lire_commandes(texte)
    except DonneesInvalides as exc:
        raise EntreeInvalide(f"{_nom(args.commandes)} : commandes invalides", exc.erreurs) from None
    try:
        simulation = simuler(convention, commandes, instant=_instant(args.instant))
    except DonneeInvalide as exc:
        raise EntreeInvalide(f"{_nom(args.commandes)} : {exc.message}") from None
    if args.format == "json":
        from mcp_rules.interfaces.serialisation.ecriture import vers_dict

        _ecrire(sortie, _json(vers_dict(simulation)))
    else:
        _ecrire(sortie, simulation.texte(markdown=args.format == "markdown"))
    nouvelles = any(c.severite is Severite.ERREUR for c in simulation.nouveaux_constats)
    return SORTIE_ERREURS if nouvelles or not simulation.toutes_acceptees else SORTIE_CONFORME


def _matrice(args: argparse.Namespace, sortie: TextIO) -> int:
    from mcp_rules.analyses.matrice import matrice_acces

    matrice = matrice_acces(_convention(args), instant=_instant(args.instant))
    if args.format == "json":
        from mcp_rules.interfaces.serialisation.ecriture import vers_dict

        _ecrire(sortie, _json(vers_dict(matrice)))
    elif args.format == "markdown":
        _ecrire(sortie, matrice.vers_markdown())
    else:
        _ecrire(sortie, matrice.vers_csv())
    return SORTIE_CONFORME


def _regles(args: argparse.Namespace, sortie: TextIO) -> int:
    from mcp_rules.regles import catalogue

    if args.format == "json":
        from mcp_rules.interfaces.serialisation.ecriture import vers_dict

        _ecrire(sortie, _json([vers_dict(r) for r in catalogue.CATALOGUE.values()]))
    else:
        _ecrire(sortie, catalogue.en_texte(markdown=args.format == "markdown"))
    return SORTIE_CONFORME


def _tables(args: argparse.Namespace, sortie: TextIO) -> int:
    from mcp_rules.analyses.tables import table_de_decision

    table = table_de_decision()
    if args.format == "json":
        from mcp_rules.interfaces.serialisation.ecriture import vers_dict

        _ecrire(sortie, _json(vers_dict(table)))
    elif args.format == "markdown":
        _ecrire(sortie, table.vers_markdown())
    else:
        _ecrire(sortie, table.vers_csv())
    return SORTIE_CONFORME


def _schema(args: argparse.Namespace, sortie: TextIO) -> int:
    from mcp_rules.interfaces.serialisation.convertisseur import TYPES_SERIALISABLES
    from mcp_rules.interfaces.serialisation.openapi import composants_openapi
    from mcp_rules.interfaces.serialisation.schema import schema_json
    from mcp_rules.interfaces.serialisation.schemas_sortie import (
        TYPES_SORTIE,
        schema_commandes,
        schema_sortie,
    )

    noms = {t.__name__: t for t in TYPES_SERIALISABLES}
    sorties = {t.__name__: t for t in TYPES_SORTIE}
    nom = args.type or "Convention"
    if nom == "Commandes" and not args.openapi:
        _ecrire(sortie, _json(schema_commandes()))
        return SORTIE_CONFORME
    if nom == "ReponsesRevue" and not args.openapi:
        from mcp_rules.interfaces.serialisation.reponses_revue import schema_reponses_revue

        _ecrire(sortie, _json(schema_reponses_revue()))
        return SORTIE_CONFORME
    if nom in sorties and not args.openapi:
        _ecrire(sortie, _json(schema_sortie(sorties[nom])))
        return SORTIE_CONFORME
    type_ = noms.get(nom)
    if type_ is None:
        permis = (
            sorted(noms)
            if args.openapi
            else sorted({*noms, *sorties, "Commandes", "ReponsesRevue"})
        )
        raise EntreeInvalide(f"type inconnu {nom!r} ; types permis : " + ", ".join(permis))
    if args.openapi:
        composants = composants_openapi([type_] if args.type else TYPES_SERIALISABLES)
        _ecrire(sortie, _json({"components": {"schemas": composants}}))
    else:
        _ecrire(sortie, _json(schema_json(type_)))
    return SORTIE_CONFORME


# --- l'analyseur ----------------------------------------------------------------------------


def _analyseur() -> Analyseur:
    p = Analyseur(
        prog="mcp-rules",
        description="Les règles d'accès de Mon Compte Partenaire "
        "(Caf) : audit, diagnostic, simulation, historique, revue, catalogue.",
    )
    p.add_argument(
        "--version",
        action="version",
        version=f"mcp-rules {__version__}",
        help="afficher la version et sortir",
    )
    sous = p.add_subparsers(dest="commande", metavar="COMMANDE", parser_class=Analyseur)
    _sous_commandes_d_une_convention(sous)
    sous_commandes_historiques(sous)
    _sous_commandes_du_catalogue(sous)
    for q in sous.choices.values():
        q.set_defaults(_analyseur=q)  # qui signale un argument inconnu (Analyseur.analyser)
    return p


def _commune(
    q: argparse.ArgumentParser, formats: Sequence[str] = ("texte", "json", "markdown")
) -> None:
    q.add_argument("--instant", help="instant ISO 8601 avec fuseau (défaut : maintenant)")
    q.add_argument(
        "--format",
        choices=formats,
        default=formats[0],
        help=f"format de sortie (défaut : {formats[0]})",
    )


def _fichier(q: argparse.ArgumentParser, *, lot: bool = False) -> None:
    if lot:
        q.add_argument(
            "fichiers",
            nargs="*",
            metavar="FICHIER",
            help="convention au format JSON (- : l'entrée standard) ; plusieurs fichiers, ou "
            "un dossier (ses fichiers "
            "*.json, sous-dossiers compris) : un lot",
        )
    else:
        q.add_argument(
            "fichier", nargs="?", help="convention au format JSON (- : l'entrée standard)"
        )
    q.add_argument(
        "--exemple",
        action="store_true",
        help="utiliser la convention d'exemple 19_214 livrée avec le paquet",
    )


def _sous_commandes_d_une_convention(sous: Any) -> None:
    """audit, diagnostiquer, simuler, matrice : elles lisent une convention (ou l'exemple)."""
    _sous_commande_audit(sous)

    q = sous.add_parser(
        "diagnostiquer",
        help="diagnostiquer un problème fréquent du guide",
        usage="mcp-rules diagnostiquer (FICHIER | --exemple) IDENTIFIANT SYMPTOME [options]",
    )
    q.add_argument(
        "positionnels",
        nargs="+",
        metavar="[FICHIER] IDENTIFIANT SYMPTOME",
        help="la convention (sauf --exemple), le compte, et un symptôme parmi : "
        + ", ".join(s.value for s in Symptome),
    )
    q.add_argument("--exemple", action="store_true", help="utiliser la convention d'exemple")
    q.add_argument("--saisie", help="ce que la personne a saisi (un numéro d'instructeur…)")
    _commune(q)
    q.set_defaults(action=_diagnostiquer)

    q = sous.add_parser(
        "simuler",
        help="prévoir l'effet de commandes",
        usage="mcp-rules simuler (FICHIER | --exemple) COMMANDES.json [options]",
    )
    q.add_argument(
        "positionnels",
        nargs="+",
        metavar="[FICHIER] COMMANDES",
        help="la convention (sauf --exemple) et les commandes, en JSON",
    )
    q.add_argument("--exemple", action="store_true", help="utiliser la convention d'exemple")
    _commune(q)
    q.set_defaults(action=_simuler)

    q = sous.add_parser("matrice", help="qui atteint quoi")
    _fichier(q)
    _commune(q, ("csv", "json", "markdown"))
    q.set_defaults(action=_matrice)


def _sous_commande_audit(sous: Any) -> None:
    """audit : une convention (rapport), ou un lot (une ligne JSON par convention)."""
    q = sous.add_parser("audit", help="auditer une convention, ou un lot de conventions")
    _fichier(q, lot=True)
    q.add_argument("--politique", help="politique locale au format JSON")
    q.add_argument("--instant", help="instant ISO 8601 avec fuseau (défaut : maintenant)")
    q.add_argument(
        "--format",
        choices=("texte", "json", "markdown", "jsonl"),
        help="format de sortie (défaut : texte pour une convention, jsonl pour un lot)",
    )
    q.add_argument(
        "--jobs",
        metavar="N",
        type=nombre_de_processus,
        help="lot : nombre de processus (défaut : un par cœur ; 1 : dans ce processus)",
    )
    q.add_argument(
        "--progression",
        choices=("auto", "oui", "non"),
        default="auto",
        help="avancement sur la sortie d'erreur (défaut : auto, dans un terminal)",
    )
    q.add_argument(
        "--severite",
        choices=("erreur", "avertissement", "information"),
        help="ne montrer que les constats de cette sévérité ou plus graves",
    )
    q.add_argument(
        "--code",
        action="append",
        metavar="CODE",
        help="ne montrer que les constats dont le code commence ainsi (MCP-USR, "
        "MCP-USR-04…) ; répétable",
    )
    q.add_argument(
        "--resume",
        action="store_true",
        help="le nombre de constats de chaque règle, sans le détail",
    )
    q.set_defaults(action=_audit)


def _sous_commandes_du_catalogue(sous: Any) -> None:
    """regles, tables, schema : elles ne lisent aucune convention."""
    q = sous.add_parser("regles", help="le catalogue des règles")
    q.add_argument("--format", choices=("texte", "json", "markdown"), default="texte")
    q.set_defaults(action=_regles)

    q = sous.add_parser("tables", help="les tables de décision des profils")
    q.add_argument("--format", choices=("csv", "json", "markdown"), default="csv")
    q.set_defaults(action=_tables)

    q = sous.add_parser("schema", help="le schéma JSON d'un type")
    q.add_argument(
        "type",
        nargs="?",
        help="un document lu (défaut : Convention ; avec --openapi : tous), une réponse "
        "(Rapport, AccesCdap, Decision…), ou Commandes (le fichier de simuler)",
    )
    q.add_argument(
        "--openapi",
        action="store_true",
        help="les schémas rangés pour la section components.schemas d'un document OpenAPI",
    )
    q.set_defaults(action=_schema)


def main(argv: Sequence[str] | None = None, *, sortie: TextIO | None = None) -> int:
    """Point d'entrée : rend le code de sortie (0 à 3, 141), n'affiche jamais de trace Python."""
    analyseur = _analyseur()
    args = analyseur.analyser(argv)
    flux = sortie if sortie is not None else sys.stdout
    if args.commande is None:
        analyseur.print_help(flux)
        return SORTIE_ENTREE_INVALIDE
    try:
        return int(args.action(args, flux))
    except EntreeInvalide as exc:
        sys.stderr.write(f"mcp-rules : {exc.message}\n")
        for e in exc.erreurs:
            sys.stderr.write(f"  - {e.chemin} : [{e.code}] {e.message}\n")
        return SORTIE_ENTREE_INVALIDE
    except DonneeInvalide as exc:
        sys.stderr.write(f"mcp-rules : [{exc.code}] {exc.message}\n")
        return SORTIE_ENTREE_INVALIDE
    except BrokenPipeError:  # le lecteur a fermé la sortie avant la fin (« | head »)
        return sortie_fermee(flux)
    except Exception:  # noqa: BLE001 - jamais de trace brute pour l'utilisateur
        sys.stderr.write(
            "mcp-rules : erreur interne inattendue ; relancez avec "
            "MCP_RULES_DEBUG=1 pour voir le détail, et signalez-la.\n"
        )
        if os.environ.get("MCP_RULES_DEBUG"):
            import traceback

            traceback.print_exc()
        return SORTIE_DEFAUT_INTERNE
