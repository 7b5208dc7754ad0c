"""Écrire une réponse en HTML, en Markdown ou pour un terminal, sans rien savoir du domaine.

Un type affichable (une convention, un rapport, un diagnostic…) décrit ce qu'il montre
en **blocs** simples : :class:`Titre`, :class:`Paragraphe` (fait de texte, de
:class:`Gras`, d':class:`Italique` et de sauts de ligne :data:`SAUT`), :class:`Tableau`
et :class:`Liste` numérotée. Ce module seul sait écrire ces blocs : les couches du
domaine ne dépendent donc d'aucun format, et ce module ne dépend d'aucune d'elles.

Les données viennent de l'extérieur (noms, libellés, identifiants) : tout est échappé.
En HTML, ``html.escape`` ; en Markdown, les caractères qui feraient du balisage (y
compris du HTML brut, que les notebooks interprètent) sont neutralisés ; pour un
terminal, retours à la ligne et caractères de contrôle sont remplacés.

>>> print(en_markdown([Titre("Groupes"), Paragraphe(Gras("T1AS"), " : <b>T1</b> | *x*")]))
### Groupes
<BLANKLINE>
**T1AS** : &lt;b&gt;T1&lt;/b&gt; \\| \\*x\\*
>>> en_html([Tableau(("code", "membres"), [("T1AS", 3)])])
'<table><thead><tr><th>code</th><th>membres</th></tr></thead><tbody><tr><td>T1AS</td><td>3</td></tr></tbody></table>'

Couche 1 (fondations) : ce module n'importe rien du paquet.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterable, Sequence
from typing import Final, TextIO, TypeAlias

import attrs

__all__ = [
    "SAUT",
    "TEINTES",
    "Affichable",
    "Bloc",
    "Code",
    "Gras",
    "Italique",
    "Liste",
    "Morceau",
    "Paragraphe",
    "Tableau",
    "Teinte",
    "Titre",
    "ecrire_par_paquets",
    "en_html",
    "en_markdown",
    "en_texte",
    "h",
    "md",
    "nombre",
    "sur_une_ligne",
]

_MD_SPECIAUX: Final = re.compile(r"([\\`*_{}\[\]#|~])")


def h(texte: object) -> str:
    """Échappe pour HTML (guillemets compris)."""
    return html.escape(str(texte), quote=True)


def md(texte: object) -> str:
    """Échappe pour Markdown : entités HTML, puis barre oblique devant le balisage.

    >>> md("<script>alert(1)</script> | *gras*")
    '&lt;script&gt;alert(1)&lt;/script&gt; \\\\| \\\\*gras\\\\*'
    """
    brut = str(texte).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    brut = brut.replace("\r", " ").replace("\n", " ")
    return _MD_SPECIAUX.sub(r"\\\1", brut)


def nombre(n: int) -> str:
    """Un nombre à la française, les milliers séparés par une espace.

    >>> nombre(100000)
    '100 000'
    """
    return f"{n:,}".replace(",", " ")


def sur_une_ligne(texte: object) -> str:
    """Neutralise retours à la ligne et caractères de contrôle (sorties de terminal).

    >>> sur_une_ligne("a" + chr(10) + "b" + chr(0x200B) + "c")
    'a?b?c'
    """
    brut = str(texte)
    if brut.isprintable():  # le cas courant : rien à neutraliser, aucun parcours en Python
        return brut
    return "".join(ch if ch.isprintable() else "?" for ch in brut)


# --- les blocs ------------------------------------------------------------------------------


@attrs.frozen(slots=True)
class Gras:
    """Un morceau de paragraphe en gras."""

    texte: object


@attrs.frozen(slots=True)
class Italique:
    """Un morceau de paragraphe en italique."""

    texte: object


@attrs.frozen(slots=True)
class Code:
    """Un code ou un identifiant, qui ne se coupe pas en fin de ligne (``MCP-GRP-08``)."""

    texte: object


TEINTES: Final = {
    "erreur": "#b00020",
    "avertissement": "#9a5b00",
    "information": "#1f5fa8",
    "succes": "#1b7f3b",
}
"""Les couleurs d'une :class:`Teinte`, lisibles sur fond clair comme sombre."""


@attrs.frozen(slots=True)
class Teinte:
    """Un mot mis en couleur (une sévérité, un verdict) : ``teinte`` est une clé de
    :data:`TEINTES` ; en Markdown, le mot est en gras."""

    texte: object
    teinte: str = attrs.field(validator=attrs.validators.in_(TEINTES))


class _Saut:
    __slots__ = ()

    def __repr__(self) -> str:
        return "SAUT"


SAUT: Final = _Saut()
"""Un retour à la ligne à l'intérieur d'un paragraphe."""

Morceau: TypeAlias = str | Gras | Italique | Code | Teinte | _Saut


@attrs.frozen(slots=True)
class Titre:
    """Un titre ; ``niveau`` 3 pour l'objet affiché, 4 pour ses sections."""

    texte: object
    niveau: int = 3


@attrs.frozen(slots=True, init=False)
class Paragraphe:
    """Un paragraphe : des morceaux de texte, de gras, d'italique et des sauts de ligne."""

    morceaux: tuple[Morceau, ...]

    def __init__(self, *morceaux: Morceau) -> None:
        self.__attrs_init__(morceaux)


def _textes(valeurs: Iterable[str]) -> tuple[str, ...]:
    return tuple(valeurs)


def _lignes(lignes: Iterable[Iterable[object]]) -> tuple[tuple[object, ...], ...]:
    return tuple(tuple(ligne) for ligne in lignes)


@attrs.frozen(slots=True)
class Tableau:
    """Un tableau : ses en-têtes et ses lignes (chaque cellule écrite par ``str``, ou, si
    c'est un :class:`Gras`, :class:`Italique`, :class:`Code` ou :class:`Teinte`, comme dans
    un paragraphe)."""

    entetes: tuple[str, ...] = attrs.field(converter=_textes)
    lignes: tuple[tuple[object, ...], ...] = attrs.field(converter=_lignes)


@attrs.frozen(slots=True)
class Liste:
    """Une liste numérotée (les étapes d'un plan)."""

    elements: tuple[str, ...] = attrs.field(converter=_textes)


Bloc: TypeAlias = Titre | Paragraphe | Tableau | Liste


# --- HTML -----------------------------------------------------------------------------------


_MISES_EN_FORME: Final = (Gras, Italique, Code, Teinte)


def _morceau_html(m: object) -> str:
    if isinstance(m, Gras):
        return f"<strong>{h(m.texte)}</strong>"
    if isinstance(m, Italique):
        return f"<em>{h(m.texte)}</em>"
    if isinstance(m, Code):
        return f'<code style="white-space:nowrap">{h(m.texte)}</code>'
    if isinstance(m, Teinte):
        return f'<span style="color:{TEINTES[m.teinte]};font-weight:600">{h(m.texte)}</span>'
    if isinstance(m, _Saut):
        return "<br/>"
    return h(m)


def _bloc_html(b: Bloc) -> str:
    if isinstance(b, Titre):
        return f"<h{b.niveau}>{h(b.texte)}</h{b.niveau}>"
    if isinstance(b, Paragraphe):
        return "<p>" + "".join(_morceau_html(m) for m in b.morceaux) + "</p>"
    if isinstance(b, Liste):
        return "<ol>" + "".join(f"<li>{h(e)}</li>" for e in b.elements) + "</ol>"
    tete = "".join(f"<th>{h(e)}</th>" for e in b.entetes)
    corps = "".join(
        "<tr>" + "".join(f"<td>{_morceau_html(v)}</td>" for v in ligne) + "</tr>"
        for ligne in b.lignes
    )
    return f"<table><thead><tr>{tete}</tr></thead><tbody>{corps}</tbody></table>"


def en_html(blocs: Iterable[Bloc]) -> str:
    """Les blocs en HTML, chaque texte échappé."""
    return "".join(_bloc_html(b) for b in blocs)


# --- Markdown -------------------------------------------------------------------------------


_CODE_SUR: Final = re.compile(r"[A-Za-z0-9.:@-]+")
"""Un code qui se met entre accents graves sans échappement (rien n'y est balisage)."""


def _morceau_md(m: object) -> str:
    if isinstance(m, (Gras, Teinte)):
        return f"**{md(m.texte)}**"
    if isinstance(m, Italique):
        return f"*{md(m.texte)}*"
    if isinstance(m, Code):
        texte = str(m.texte)
        return f"`{texte}`" if _CODE_SUR.fullmatch(texte) else md(texte)
    if isinstance(m, _Saut):
        return "  \n"
    return md(m)


def _bloc_md(b: Bloc) -> str:
    if isinstance(b, Titre):
        return "#" * b.niveau + " " + md(b.texte)
    if isinstance(b, Paragraphe):
        return "".join(_morceau_md(m) for m in b.morceaux)
    if isinstance(b, Liste):
        return "\n".join(f"{i}. {md(e)}" for i, e in enumerate(b.elements, 1))
    lignes = ["| " + " | ".join(md(e) for e in b.entetes) + " |", "|" + "---|" * len(b.entetes)]
    lignes.extend("| " + " | ".join(_morceau_md(v) for v in ligne) + " |" for ligne in b.lignes)
    return "\n".join(lignes)


def en_markdown(blocs: Iterable[Bloc]) -> str:
    """Les blocs en Markdown, séparés par une ligne vide, chaque texte échappé."""
    return "\n\n".join(_bloc_md(b) for b in blocs)


# --- texte brut (terminal) ------------------------------------------------------------------


def _morceau_texte(m: object) -> str:
    if isinstance(m, _MISES_EN_FORME):
        return sur_une_ligne(m.texte)
    if isinstance(m, _Saut):
        return "\n"
    return sur_une_ligne(m)


def _bloc_texte(b: Bloc) -> str:
    if isinstance(b, Titre):
        texte = sur_une_ligne(b.texte)
        return texte + "\n" + ("=" if b.niveau <= 3 else "-") * len(texte)
    if isinstance(b, Paragraphe):
        return "".join(_morceau_texte(m) for m in b.morceaux)
    if isinstance(b, Liste):
        return "\n".join(f"{i}. {sur_une_ligne(e)}" for i, e in enumerate(b.elements, 1))
    cellules = [[sur_une_ligne(e) for e in b.entetes]]
    cellules.extend([_morceau_texte(v) for v in ligne] for ligne in b.lignes)
    largeurs = [max(len(ligne[i]) for ligne in cellules) for i in range(len(b.entetes))]
    lignes = [
        "  ".join(c.ljust(n) for c, n in zip(ligne, largeurs, strict=True)).rstrip()
        for ligne in cellules
    ]
    lignes.insert(1, "  ".join("-" * n for n in largeurs))
    return "\n".join(lignes)


def en_texte(blocs: Iterable[Bloc]) -> str:
    """Les blocs en texte brut pour un terminal : titres soulignés, tableaux en colonnes
    alignées, chaque donnée sur une ligne (un saut de ligne glissé dans une donnée ne
    casse pas la mise en page)."""
    return "\n\n".join(_bloc_texte(b) for b in blocs)


# --- les types affichables ------------------------------------------------------------------


class Affichable:
    """Ce qui s'affiche dans un notebook : un type décrit ses blocs, ce module les écrit.

    Une sous-classe définit ``_blocs()`` ; elle reçoit :meth:`vers_html`,
    :meth:`vers_markdown` et les méthodes ``_repr_html_`` / ``_repr_markdown_`` que
    Jupyter appelle.
    """

    __slots__ = ()

    def _blocs(self) -> Sequence[Bloc]:
        raise NotImplementedError

    def vers_html(self) -> str:
        """L'objet en HTML (un fragment, chaque donnée échappée)."""
        return en_html(self._blocs())

    def vers_markdown(self) -> str:
        """L'objet en Markdown (chaque donnée échappée)."""
        return en_markdown(self._blocs()) + "\n"

    def vers_texte(self) -> str:
        """L'objet en texte brut, pour un terminal."""
        return en_texte(self._blocs()) + "\n"

    def _repr_html_(self) -> str:
        return self.vers_html()

    def _repr_markdown_(self) -> str:
        return self.vers_markdown()


def ecrire_par_paquets(sortie: TextIO, lignes: Iterable[str], paquet: int = 2048) -> None:
    """Écrit des lignes (sans fin de ligne) dans ``sortie``, ``paquet`` à la fois : un
    rapport de 100 000 lignes ne se tient jamais tout entier en mémoire, et ne coûte pas
    un appel d'écriture par ligne.

    >>> import io
    >>> sortie = io.StringIO()
    >>> ecrire_par_paquets(sortie, (f"ligne {i}" for i in range(5)), paquet=2)
    >>> sortie.getvalue().splitlines()
    ['ligne 0', 'ligne 1', 'ligne 2', 'ligne 3', 'ligne 4']
    """
    restantes = iter(lignes)
    while morceau := list(itertools.islice(restantes, paquet)):
        sortie.write("\n".join(morceau) + "\n")
