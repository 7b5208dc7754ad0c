"""Le support : à qui s'adresser, et comment écrire aux administrateurs MCP de la Caf.

Un utilisateur en difficulté s'adresse à son gestionnaire d'habilitations ou à son
administrateur, jamais à la Caf (``MCP-SUPP-01``) ; seul l'administrateur sollicite
la Caf (``MCP-SUPP-02``), avec un objet qui nomme le service, le numéro de
convention et l'organisme, dans cet ordre (``MCP-SUPP-03``).

>>> from mcp_rules import Service, objet_demande_caf, verifier_objet_demande
>>> from mcp_rules.exemple import convention_exemple
>>> c = convention_exemple()
>>> objet_demande_caf(c, Service.CDAP)
"CDAP 19_214 CENTRE COMMUNAL D'ACTION SOCIALE DE SAINT-EXEMPLE"
>>> verifier_objet_demande(
...     c, "cdap 19_214 centre communal d'action sociale de saint-exemple"
... ).autorise
True
>>> verifier_objet_demande(c, "Problème d'accès CDAP").autorise
False
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from typing import Final

from mcp_rules.fondations import erreurs
from mcp_rules.fondations.acteurs import CAF, Acteur
from mcp_rules.fondations.controles import cle, moment
from mcp_rules.fondations.enumerations import Service
from mcp_rules.fondations.erreurs import DonneeInvalide, apercu
from mcp_rules.modele import Convention, exiger_convention
from mcp_rules.modele.index import index
from mcp_rules.regles import supp
from mcp_rules.regles.decision import Decision
from mcp_rules.regles.regle import I

__all__ = ["ADRESSE_SUPPORT_CAF", "objet_demande_caf", "qui_contacter", "verifier_objet_demande"]

ADRESSE_SUPPORT_CAF: Final = "moncomptepartenaire.cafrosny@caf.fr"
"""L'adresse du service de gestion des accès MCP que donne le guide (Caf 93)."""

_LONGUEUR_OBJET: Final = 500


def qui_contacter(
    convention: Convention, identifiant: str, *, instant: datetime
) -> tuple[Acteur, ...]:
    """À qui cette personne s'adresse, dans l'ordre : ses gestionnaires puis les administrateurs.

    Un administrateur s'adresse à la Caf : ``(CAF,)``. Seuls les comptes actifs à
    ``instant`` sont proposés ; un identifiant inconnu reçoit les administrateurs.
    """
    c = exiger_convention(convention)
    t = moment(instant)
    idx = index(c)
    u = c.trouver_utilisateur(identifiant)
    if u is not None and u.cle in idx.administrateurs:
        return (CAF,)

    def actif(k: str) -> bool:
        compte = c._utilisateurs[k]
        return compte.cloture_le is None or t < compte.cloture_le

    ordre: dict[str, str] = {}
    if u is not None:
        for gk in idx.groupes_de(u.cle):
            g = c._groupes[gk]
            k = cle(g.gestionnaire)
            if k != u.cle and actif(k):
                ordre.setdefault(k, c._utilisateurs[k].identifiant)
    for k in sorted(idx.administrateurs):
        if actif(k) and (u is None or k != u.cle):
            ordre.setdefault(k, c._utilisateurs[k].identifiant)
    return tuple(ordre.values())


def objet_demande_caf(convention: Convention, service: Service | str) -> str:
    """L'objet d'un message à la Caf : ``CDAP 19_214 NOM DE L'ORGANISME``."""
    c = exiger_convention(convention)
    s = Service.parse(service)
    return f"{s.value} {c.numero} {c.organisme.upper()}"


def _plat(texte: str) -> str:
    sans_accents = "".join(
        ch for ch in unicodedata.normalize("NFKD", texte) if not unicodedata.combining(ch)
    )
    return re.sub(r"\s+", " ", sans_accents.replace("’", "'")).strip().casefold()


_MOTIF_SERVICE: Final[dict[Service, str]] = {
    Service.CDAP: "cdap",
    Service.AFAS: "afas",
    Service.ADONIS: "adonis",
    Service.OFFRE_BAILLEURS: r"offre[ _-]?bailleurs?",
}
"""Comment chaque service s'écrit dans un objet (déjà mis à plat : minuscules, sans accents)."""


def _mot(motif: str) -> re.Pattern[str]:
    """Un motif qui ne se trouve qu'en mot entier : ``19_214`` n'est pas dans ``119_2145``."""
    return re.compile(rf"(?<!\w){motif}(?!\w)")


def _services_possibles(c: Convention) -> list[Service]:
    """Les services que l'objet peut nommer : ceux de la convention (tous si elle n'en a pas)."""
    return [s for s in Service if s in c.services] or list(Service)


def _service_suggere(c: Convention, trouve: Service | None) -> Service:
    """CDAP, sauf si l'objet parle d'un autre service de la convention (ou qu'elle n'a pas CDAP)."""
    if trouve is not None:
        return trouve
    possibles = _services_possibles(c)
    return Service.CDAP if Service.CDAP in possibles else possibles[0]


def verifier_objet_demande(convention: Convention, objet: str) -> Decision:
    """L'objet nomme-t-il service, numéro de convention et organisme, dans cet ordre ?

    La comparaison ignore la casse, les accents et les espaces en trop ; le numéro et
    l'organisme se comparent en mots entiers (``119_2145`` ne vaut pas ``19_214``). L'objet
    suggéré en cas de manque nomme le service trouvé dans l'objet, CDAP sinon.
    """
    c = exiger_convention(convention)
    if not isinstance(objet, str):
        raise DonneeInvalide(
            erreurs.TYPE, f"objet : un texte est attendu, pas {apercu(objet)}", valeur=objet
        )
    texte = _plat(objet[:_LONGUEUR_OBJET])
    manques: list[str] = []
    position = 0
    trouve: tuple[Service, int, int] | None = None
    possibles = _services_possibles(c)
    for s in possibles:
        m = _mot(_MOTIF_SERVICE[s]).search(texte)
        if m is not None and (trouve is None or m.start() < trouve[1]):
            trouve = (s, m.start(), m.end())
    if trouve is None:
        manques.append("le service concerné (" + ", ".join(x.value for x in possibles) + ")")
    else:
        position = trouve[2]
    for quoi, attendu in (
        ("le numéro de convention", c.numero),
        ("le nom de l'organisme", c.organisme),
    ):
        motif = _mot(re.escape(_plat(attendu)))
        m = motif.search(texte, position)
        if m is None:
            ailleurs = motif.search(texte) is not None
            manques.append(f"{quoi} « {attendu} »" + (" (pas à sa place)" if ailleurs else ""))
        else:
            position = m.end()
    if manques:
        suggere = objet_demande_caf(c, _service_suggere(c, trouve[0] if trouve else None))
        return Decision(
            autorise=False,
            constats=(
                supp.SUPP_03.constat(
                    "l'objet du message ne nomme pas, dans l'ordre, service, numéro de "
                    "convention et organisme ; manque : " + " ; ".join(manques),
                    remede=f"Écrivez par exemple : « {suggere} ».",
                ),
            ),
        )
    return Decision(
        autorise=True,
        constats=(
            supp.SUPP_03.constat(
                "l'objet nomme le service, le numéro de convention et l'organisme, dans l'ordre",
                severite=I,
            ),
        ),
    )
