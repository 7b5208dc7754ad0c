"""Ce que ``mcp-rules audit`` montre d'un rapport : filtres, résumé, avancement.

Un audit de 100 000 comptes rend plus de 100 000 lignes : ``--severite`` et ``--code`` n'en
gardent qu'une part, ``--resume`` n'en donne que le décompte par règle, et l'avancement
(lecture, audit, écriture) s'écrit sur la sortie d'erreur. L'en-tête, le verdict et le code
de sortie restent toujours ceux de **tout** l'audit : un filtre change ce qu'on lit, jamais
ce que vaut la convention.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any, Final, TextIO

import attrs

from mcp_rules.analyses.audit import Rapport
from mcp_rules.fondations.enumerations import Severite
from mcp_rules.regles.catalogue import CATALOGUE
from mcp_rules.regles.regle import Constat

__all__ = [
    "SEVERITES",
    "Etapes",
    "Filtre",
    "FiltreInvalide",
    "dict_filtre",
    "lignes_du_resume",
    "lignes_filtrees",
]

SEVERITES: Final = {s.libelle: s for s in Severite}
"""Les valeurs de ``--severite`` : « erreur », « avertissement », « information »."""


class FiltreInvalide(ValueError):
    """Un filtre qui ne désigne aucune règle du catalogue (message en français)."""


@attrs.frozen(slots=True)
class Filtre:
    """Les constats à montrer : d'une sévérité au moins égale à ``severite``, et dont le
    code commence par l'un de ``codes`` (aucun : tous)."""

    severite: Severite | None = None
    codes: tuple[str, ...] = ()

    @classmethod
    def lire(cls, severite: str | None, codes: Sequence[str] | None) -> Filtre:
        """Le filtre des options ; un code qui ne préfixe aucune règle lève
        :class:`FiltreInvalide` (une faute de frappe ne doit pas tout masquer)."""
        prefixes = tuple(c.strip().upper() for c in codes or ())
        for prefixe in prefixes:
            if not prefixe:
                raise FiltreInvalide("--code : un code ou un début de code est attendu")
            if not any(code.startswith(prefixe) for code in CATALOGUE):
                raise FiltreInvalide(
                    f"--code {prefixe} : aucune règle du catalogue ne commence ainsi "
                    "(mcp-rules regles les liste)"
                )
        return cls(SEVERITES[severite] if severite else None, prefixes)

    @property
    def actif(self) -> bool:
        return self.severite is not None or bool(self.codes)

    def garde(self, constat: Constat) -> bool:
        """Vrai si le constat passe le filtre."""
        if self.severite is not None and constat.severite.ordre > self.severite.ordre:
            return False
        return not self.codes or constat.code.startswith(self.codes)

    def legende(self, gardes: int, total: int) -> str:
        """Ce que le filtre montre, pour l'en-tête."""
        parties = []
        if self.severite is not None:
            parties.append(f"sévérité {self.severite.libelle} ou plus grave")
        if self.codes:
            parties.append("codes " + ", ".join(f"{c}…" for c in self.codes))
        return f"Filtre : {' ; '.join(parties)} — {gardes} constat(s) montré(s) sur {total}"


def lignes_filtrees(rapport: Rapport, filtre: Filtre) -> Iterator[str]:
    """Le rapport texte, ses constats filtrés, avec la légende du filtre sous l'en-tête."""
    yield from rapport.entete()
    if filtre.actif:
        gardes = sum(map(filtre.garde, rapport.constats))
        yield filtre.legende(gardes, len(rapport.constats))
    yield from rapport.corps(garder=filtre.garde if filtre.actif else None)


def lignes_du_resume(rapport: Rapport, filtre: Filtre) -> Iterator[str]:
    """L'en-tête, puis le nombre de constats de chaque règle : de la plus grave à la moins
    grave, puis du plus fréquent au moins fréquent."""
    yield from rapport.entete()
    gardes = [c for c in rapport.constats if filtre.garde(c)]
    if filtre.actif:
        yield filtre.legende(len(gardes), len(rapport.constats))
    nombres = Counter(c.code for c in gardes)
    severites = {c.code: c.severite for c in gardes}
    yield ""
    yield "Constats par règle" if nombres else "Aucun constat"
    ordre = sorted(nombres, key=lambda code: (severites[code].ordre, -nombres[code], code))
    for code in ordre:
        titre = CATALOGUE[code].titre if code in CATALOGUE else ""
        yield f"  {code:<13} {severites[code].libelle:<13} {nombres[code]:>8}  {titre}"


def dict_filtre(document: dict[str, Any], rapport: Rapport, filtre: Filtre) -> dict[str, Any]:
    """Le rapport JSON, ses constats filtrés, et un membre ``filtre`` qui le dit."""
    if not filtre.actif:
        return document
    gardes = [
        d for c, d in zip(rapport.constats, document["constats"], strict=True) if filtre.garde(c)
    ]
    return {
        **document,
        "constats": gardes,
        "filtre": {
            "severite": filtre.severite.value if filtre.severite else None,
            "codes": list(filtre.codes),
            "montres": len(gardes),
            "total": len(rapport.constats),
        },
    }


class Etapes:
    """L'avancement d'un audit sur la sortie d'erreur : chaque étape, sa durée."""

    def __init__(self, flux: TextIO | None) -> None:
        self._flux = flux
        self._debut = time.perf_counter()

    @classmethod
    def selon(cls, progression: str) -> Etapes:
        """Active si ``progression`` vaut ``oui``, ou ``auto`` dans un terminal."""
        actif = progression == "oui" or (progression == "auto" and sys.stderr.isatty())
        return cls(sys.stderr if actif else None)

    def dire(self, texte: str) -> None:
        """Écrit une étape, précédée du temps écoulé depuis le début."""
        if self._flux is None:
            return
        ecoule = time.perf_counter() - self._debut
        self._flux.write(f"audit [{ecoule:6.1f} s] {texte}\n")
        self._flux.flush()
