"""L'affichage des réponses : tableaux HTML et Markdown pour les notebooks, texte pour le terminal.

Les données viennent de l'extérieur (noms, libellés, identifiants) : tout est échappé.
En HTML, ``html.escape`` ; en Markdown, les caractères qui feraient du balisage (y
compris du HTML brut, que les notebooks interprètent) sont neutralisés.

>>> from mcp_rules.affichage import md
>>> md("<script>alert(1)</script> | *gras*")
'&lt;script&gt;alert(1)&lt;/script&gt; \\\\| \\\\*gras\\\\*'
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Final

from mcp_rules.enumerations import Severite

if TYPE_CHECKING:
    from mcp_rules.audit import Rapport
    from mcp_rules.diagnostic import Diagnostic
    from mcp_rules.matrice import MatriceAcces
    from mcp_rules.modele import Convention
    from mcp_rules.regles._base import Constat, Regle
    from mcp_rules.resultats import AccesCdap, Decision, Etape
    from mcp_rules.simulation import Simulation

__all__ = ["h", "md", "rapport_texte"]

_MD_SPECIAUX: Final = re.compile(r"([\\`*_{}\[\]#|~])")
_TITRES_SEVERITE: Final = {
    Severite.ERREUR: "Erreurs",
    Severite.AVERTISSEMENT: "Avertissements",
    Severite.INFO: "Informations",
}


def h(texte: object) -> str:
    """Échappe pour HTML (guillemets compris)."""
    return html.escape(str(texte), quote=True)


def md(texte: object) -> str:
    """Échappe pour Markdown : entités HTML, puis barre oblique devant le balisage."""
    brut = str(texte).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    brut = brut.replace("\r", " ").replace("\n", " ")
    return _MD_SPECIAUX.sub(r"\\\1", brut)


def _table_html(entetes: Sequence[str], lignes: Iterable[Sequence[object]]) -> str:
    tete = "".join(f"<th>{h(e)}</th>" for e in entetes)
    corps = "".join(
        "<tr>" + "".join(f"<td>{h(v)}</td>" for v in ligne) + "</tr>" for ligne in lignes
    )
    return f"<table><thead><tr>{tete}</tr></thead><tbody>{corps}</tbody></table>"


def _table_md(entetes: Sequence[str], lignes: Iterable[Sequence[object]]) -> str:
    sortie = ["| " + " | ".join(md(e) for e in entetes) + " |", "|" + "---|" * len(entetes)]
    sortie.extend("| " + " | ".join(md(v) for v in ligne) + " |" for ligne in lignes)
    return "\n".join(sortie)


_ENTETES_CONSTATS: Final = ("sévérité", "code", "cible", "message", "remède")


def _lignes_constats(constats: Iterable[Constat]) -> list[tuple[str, str, str, str, str]]:
    return [
        (c.severite.libelle, c.code, c.cible or "—", c.message, c.remede or "") for c in constats
    ]


def constats_html(constats: Iterable[Constat]) -> str:
    """Un tableau HTML de constats."""
    return _table_html(_ENTETES_CONSTATS, _lignes_constats(constats))


def constats_md(constats: Iterable[Constat]) -> str:
    """Un tableau Markdown de constats."""
    return _table_md(_ENTETES_CONSTATS, _lignes_constats(constats))


# --- par type -------------------------------------------------------------------------------


def constat_html(c: Constat) -> str:
    return (
        f"<p><strong>{h(c.severite.libelle)} {h(c.code)}</strong>"
        f"{' [' + h(c.cible) + ']' if c.cible else ''} : {h(c.message)}"
        f"{'<br/>→ ' + h(c.remede) if c.remede else ''}</p>"
    )


def constat_md(c: Constat) -> str:
    cible = f" \\[{md(c.cible)}\\]" if c.cible else ""
    remede = f"  \n→ {md(c.remede)}" if c.remede else ""
    return f"**{md(c.severite.libelle)} {md(c.code)}**{cible} : {md(c.message)}{remede}"


def regle_html(r: Regle) -> str:
    return (
        f"<p><strong>{h(r.code)}</strong> — {h(r.titre)}<br/>"
        f"<em>{h(r.severite.libelle)}, {'vérifiable' if r.automatisable else 'documentée'}"
        f" — source : {h(r.source)}</em></p>"
    )


def regle_md(r: Regle) -> str:
    return (
        f"**{md(r.code)}** — {md(r.titre)}  \n"
        f"*{md(r.severite.libelle)}, {'vérifiable' if r.automatisable else 'documentée'}"
        f" — source : {md(r.source)}*"
    )


def decision_html(d: Decision) -> str:
    verdict = "autorisé" if d.autorise else "refusé"
    manque = (
        f"<p>Données manquantes : {h(', '.join(d.donnees_manquantes))}</p>"
        if d.donnees_manquantes
        else ""
    )
    return f"<p><strong>{h(verdict)}</strong></p>{manque}{constats_html(d.constats)}"


def decision_md(d: Decision) -> str:
    verdict = "autorisé" if d.autorise else "refusé"
    manque = (
        f"\n\nDonnées manquantes : {md(', '.join(d.donnees_manquantes))}"
        if d.donnees_manquantes
        else ""
    )
    return f"**{verdict}**{manque}\n\n{constats_md(d.constats)}"


def acces_html(a: AccesCdap) -> str:
    profils = ", ".join(p.value for p in a.profils) or "aucun"
    return (
        f"<p><strong>{h(a.identifiant)}</strong> : "
        f"{'option « consulter dossier »' if a.autorise else 'pas d’accès CDAP'} — "
        f"profils : {h(profils)}</p>{constats_html(a.constats)}" + _plan_html(a.plan, a.recours)
    )


def _plan_html(plan: Sequence[Etape], recours: str | None) -> str:
    morceaux = []
    if plan:
        morceaux.append(
            "<h4>Plan</h4><ol>" + "".join(f"<li>{h(e.texte)}</li>" for e in plan) + "</ol>"
        )
    if recours:
        morceaux.append(f"<p><strong>Recours</strong> : {h(recours)}</p>")
    return "".join(morceaux)


def _plan_md(plan: Sequence[Etape], recours: str | None) -> str:
    morceaux = []
    if plan:
        morceaux.append(
            "#### Plan\n\n" + "\n".join(f"{i}. {md(e.texte)}" for i, e in enumerate(plan, 1))
        )
    if recours:
        morceaux.append(f"**Recours** : {md(recours)}")
    return "\n\n".join(morceaux)


def acces_md(a: AccesCdap) -> str:
    profils = ", ".join(p.value for p in a.profils) or "aucun"
    etat = "option « consulter dossier »" if a.autorise else "pas d'accès CDAP"
    plan = _plan_md(a.plan, a.recours)
    return (
        f"**{md(a.identifiant)}** : {md(etat)} — profils : {md(profils)}\n\n"
        + constats_md(a.constats)
        + (f"\n\n{plan}" if plan else "")
    )


def _sections(constats: Sequence[Constat], table: str) -> list[tuple[str, list[Constat]]]:
    return [
        (titre, [c for c in constats if c.severite is s]) for s, titre in _TITRES_SEVERITE.items()
    ]


def rapport_html(r: Rapport) -> str:
    morceaux = [
        f"<h3>Audit de la convention {h(r.numero)} — {h(r.instant.isoformat())}</h3>",
        (
            f"<p>{'Conforme' if r.est_conforme else 'Non conforme'} : "
            f"{len(r.erreurs)} erreur(s), {len(r.avertissements)} avertissement(s), "
            f"{len(r.informations)} information(s) ; {r.nombre_comptes_actifs} compte(s) "
            f"actif(s) sur {r.nombre_comptes}, {r.nombre_groupes} groupe(s).</p>"
        ),
    ]
    for titre, liste in _sections(r.constats, "html"):
        if liste:
            morceaux.append(f"<h4>{h(titre)}</h4>{constats_html(liste)}")
    morceaux.append("<h4>Comptes actifs par profil et par service</h4>")
    morceaux.append(
        _table_html(
            ("profil ou service", "comptes"),
            [
                *((p.value, n) for p, n in r.comptes_par_profil.items()),
                *((s.value, n) for s, n in r.comptes_par_service.items()),
            ],
        )
    )
    return "".join(morceaux)


def rapport_md(r: Rapport) -> str:
    morceaux = [
        f"### Audit de la convention {md(r.numero)} — {md(r.instant.isoformat())}",
        (
            f"{'Conforme' if r.est_conforme else 'Non conforme'} : {len(r.erreurs)} "
            f"erreur(s), {len(r.avertissements)} avertissement(s), {len(r.informations)} "
            f"information(s) ; {r.nombre_comptes_actifs} compte(s) actif(s) sur "
            f"{r.nombre_comptes}, {r.nombre_groupes} groupe(s)."
        ),
    ]
    for titre, liste in _sections(r.constats, "md"):
        if liste:
            morceaux.append(f"#### {titre}\n\n{constats_md(liste)}")
    morceaux.append(
        "#### Comptes actifs par profil et par service\n\n"
        + _table_md(
            ("profil ou service", "comptes"),
            [
                *((p.value, n) for p, n in r.comptes_par_profil.items()),
                *((s.value, n) for s, n in r.comptes_par_service.items()),
            ],
        )
    )
    return "\n\n".join(morceaux) + "\n"


def rapport_texte(r: Rapport) -> str:
    """Le rapport pour un terminal : groupé par sévérité, chaque constat avec son remède."""
    lignes = [
        f"Audit de la convention {r.numero} à {r.instant.isoformat()}",
        (
            f"{'CONFORME' if r.est_conforme else 'NON CONFORME'} — {len(r.erreurs)} erreur(s), "
            f"{len(r.avertissements)} avertissement(s), {len(r.informations)} information(s)"
        ),
        (
            f"{r.nombre_comptes_actifs} compte(s) actif(s) sur {r.nombre_comptes}, "
            f"{r.nombre_groupes} groupe(s)"
        ),
    ]
    for titre, liste in _sections(r.constats, "texte"):
        if not liste:
            continue
        entete = f"{titre} ({len(liste)})"
        lignes.extend(["", entete, "-" * len(entete)])
        for c in liste:
            cible = f" [{c.cible}]" if c.cible else ""
            lignes.append(f"  {c.code}{cible} : {_sur_une_ligne(c.message)}")
            if c.remede:
                lignes.append(f"      → {_sur_une_ligne(c.remede)}")
    lignes.extend(
        [
            "",
            "Comptes actifs par profil : "
            + (", ".join(f"{p.value} {n}" for p, n in r.comptes_par_profil.items()) or "aucun"),
            "Comptes actifs par service : "
            + (", ".join(f"{s.value} {n}" for s, n in r.comptes_par_service.items()) or "aucun"),
        ]
    )
    return "\n".join(lignes) + "\n"


def _sur_une_ligne(texte: str) -> str:
    """Neutralise retours à la ligne et caractères de contrôle (sorties de terminal)."""
    return "".join(ch if ch.isprintable() else "?" for ch in texte)


def diagnostic_html(d: Diagnostic) -> str:
    return (
        f"<h3>Diagnostic : {h(d.symptome.libelle)} — {h(d.identifiant)}</h3>"
        + constats_html(d.causes)
        + _plan_html(d.plan, d.recours)
    )


def diagnostic_md(d: Diagnostic) -> str:
    morceaux = [
        f"### Diagnostic : {md(d.symptome.libelle)} — {md(d.identifiant)}",
        constats_md(d.causes),
    ]
    plan = _plan_md(d.plan, d.recours)
    if plan:
        morceaux.append(plan)
    return "\n\n".join(morceaux) + "\n"


def diagnostic_texte(d: Diagnostic) -> str:
    """Le diagnostic pour un terminal."""
    lignes = [f"Diagnostic « {d.symptome.libelle} » pour {d.identifiant}", ""]
    for c in d.causes:
        cible = f" [{c.cible}]" if c.cible else ""
        lignes.append(f"  {c.severite.libelle} {c.code}{cible} : {_sur_une_ligne(c.message)}")
        if c.remede:
            lignes.append(f"      → {_sur_une_ligne(c.remede)}")
    if d.plan:
        lignes.extend(["", "Plan :"])
        lignes.extend(f"  {i}. {_sur_une_ligne(e.texte)}" for i, e in enumerate(d.plan, 1))
    if d.recours:
        lignes.extend(["", f"Recours : {_sur_une_ligne(d.recours)}"])
    return "\n".join(lignes) + "\n"


def convention_html(c: Convention) -> str:
    entetes = ("groupe", "libellé", "service", "rôle", "gestionnaire", "membres")
    lignes = [
        (
            g.code,
            g.libelle,
            g.service.value,
            g.role.value if g.role else "—",
            g.gestionnaire,
            len(g.membres),
        )
        for g in c.groupes
    ]
    return (
        f"<h3>Convention {h(c.numero)} — {h(c.organisme)}</h3>"
        f"<p>{h(c.caf)} ; services : {h(', '.join(sorted(s.value for s in c.services)))} ; "
        "profils du contrat : "
        f"{h(', '.join(p.value for p in sorted(c.profils_contractuels, key=lambda p: p.rang)))} ; "
        f"administrateurs : {h(', '.join(sorted(c.administrateurs)))} ; "
        f"{c.nombre_utilisateurs} compte(s), {c.nombre_groupes} groupe(s)</p>"
        + _table_html(entetes, lignes)
    )


def convention_md(c: Convention) -> str:
    entetes = ("groupe", "libellé", "service", "rôle", "gestionnaire", "membres")
    lignes = [
        (
            g.code,
            g.libelle,
            g.service.value,
            g.role.value if g.role else "—",
            g.gestionnaire,
            len(g.membres),
        )
        for g in c.groupes
    ]
    profils = ", ".join(p.value for p in sorted(c.profils_contractuels, key=lambda p: p.rang))
    return (
        f"### Convention {md(c.numero)} — {md(c.organisme)}\n\n"
        f"{md(c.caf)} ; services : {md(', '.join(sorted(s.value for s in c.services)))} ; "
        f"profils du contrat : {md(profils)} ; administrateurs : "
        f"{md(', '.join(sorted(c.administrateurs)))} ; {c.nombre_utilisateurs} compte(s), "
        f"{c.nombre_groupes} groupe(s)\n\n" + _table_md(entetes, lignes) + "\n"
    )


def _lignes_matrice(m: MatriceAcces) -> list[tuple[object, ...]]:
    return [
        (
            x.identifiant,
            x.nom,
            "oui" if x.actif else "non",
            ", ".join(p.value for p in x.profils) or "—",
            ", ".join(s.value for s in x.services) or "—",
        )
        for x in m.lignes
    ]


_ENTETES_MATRICE: Final = ("compte", "nom", "actif", "profils", "services")


def matrice_html(m: MatriceAcces) -> str:
    return (
        f"<h3>Qui atteint quoi — convention {h(m.numero)}, {h(m.instant.isoformat())}</h3>"
        + _table_html(_ENTETES_MATRICE, _lignes_matrice(m))
    )


def matrice_md(m: MatriceAcces) -> str:
    return (
        f"### Qui atteint quoi — convention {md(m.numero)}, {md(m.instant.isoformat())}\n\n"
        + _table_md(_ENTETES_MATRICE, _lignes_matrice(m))
        + "\n"
    )


def simulation_texte(s: Simulation, *, markdown: bool = False) -> str:
    """L'effet prévu de commandes, pour un terminal ou en Markdown."""
    echappe = md if markdown else _sur_une_ligne
    puce = "- " if markdown else "  "
    lignes = ["### Simulation" if markdown else "Simulation", ""]
    for i, r in enumerate(s.resultats, 1):
        etat = "acceptée" if r.accepte else "refusée"
        lignes.append(
            f"{puce}commande {i} : {etat}" + (f" ({', '.join(r.codes)})" if r.codes else "")
        )
        retrait = "  " if markdown else "    "
        lignes.extend(
            f"{retrait}{puce}{c.severite.libelle} {c.code} : {echappe(c.message)}"
            for c in r.constats
        )
    lignes.extend(["", "Qui gagne, qui perd :" if s.changements else "Aucun accès ne change."])
    for x in s.changements:
        details = []
        if x.gagnes:
            details.append("gagne " + ", ".join(p.value for p in x.gagnes))
        if x.perdus:
            details.append("perd " + ", ".join(p.value for p in x.perdus))
        if x.services_gagnes:
            details.append("accède à " + ", ".join(v.value for v in x.services_gagnes))
        if x.services_perdus:
            details.append("n'accède plus à " + ", ".join(v.value for v in x.services_perdus))
        lignes.append(f"{puce}{echappe(x.identifiant)} : {' ; '.join(details)}")
    for titre, liste in (
        ("Nouveaux constats", s.nouveaux_constats),
        ("Constats résolus", s.constats_resolus),
    ):
        if liste:
            lignes.extend(["", f"{titre} :"])
            lignes.extend(
                f"{puce}{c.severite.libelle} {c.code}"
                + (f" [{echappe(c.cible)}]" if c.cible else "")
                + f" : {echappe(c.message)}"
                for c in liste
            )
    return "\n".join(lignes) + "\n"
