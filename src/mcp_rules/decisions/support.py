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


def verifier_objet_demande(convention: Convention, objet: str) -> Decision:
    """L'objet nomme-t-il service, numéro de convention et organisme, dans cet ordre ?

    La comparaison ignore la casse, les accents et les espaces en trop.
    """
    c = exiger_convention(convention)
    if not isinstance(objet, str):
        raise DonneeInvalide(
            erreurs.TYPE, f"objet : un texte est attendu, pas {apercu(objet)}", valeur=objet
        )
    texte = _plat(objet[:_LONGUEUR_OBJET])
    manques: list[str] = []
    position = 0
    trouve_service = None
    for s in sorted(c.services, key=lambda x: x.value):
        m = re.search(rf"(?<![\w]){re.escape(_plat(s.value))}(?![\w])", texte)
        if m is not None and (trouve_service is None or m.start() < trouve_service[1]):
            trouve_service = (s, m.start(), m.end())
    if trouve_service is None:
        manques.append(
            "le service concerné (" + ", ".join(sorted(x.value for x in c.services)) + ")"
        )
    else:
        position = trouve_service[2]
    for quoi, attendu in (
        ("le numéro de convention", c.numero),
        ("le nom de l'organisme", c.organisme),
    ):
        i = texte.find(_plat(attendu), position)
        if i < 0:
            ailleurs = texte.find(_plat(attendu)) >= 0
            manques.append(f"{quoi} « {attendu} »" + (" (pas à sa place)" if ailleurs else ""))
        else:
            position = i + len(_plat(attendu))
    if manques:
        return Decision(
            autorise=False,
            constats=(
                supp.SUPP_03.constat(
                    "l'objet du message ne nomme pas, dans l'ordre, service, numéro de "
                    "convention et organisme ; manque : " + " ; ".join(manques),
                    remede="Écrivez par exemple : « "
                    + objet_demande_caf(
                        c,
                        trouve_service[0]
                        if trouve_service
                        else min(c.services, key=lambda x: x.value),
                    )
                    + " ».",
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
