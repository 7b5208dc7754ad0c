"""Les chemins rapides des contrôles de structure disent exactement ce que disent les
contrôles complets, écrits ici comme ils l'étaient avant d'être accélérés.

Les contrôles sont appelés pour chaque compte d'un document lu : leurs cas courants
(identifiants en lettres et chiffres ASCII, instants écrits en UTC, membres qui sont des
comptes) passent par des tests plus rapides. Chaque test compare le contrôle à sa
définition de référence, sur des textes quelconques et sur les cas limites.
"""

from __future__ import annotations

import re
import string
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from mcp_rules import Convention, DonneeInvalide, DonneesInvalides, Groupe
from mcp_rules.exemple import convention_exemple
from mcp_rules.fondations import controles

_RE_IDENTIFIANT = re.compile(r"[A-Za-z0-9._-]+")
_RE_ALPHANUM = re.compile(r"[A-Za-z0-9]+")
_HEURE_24 = re.compile(r"[T ]24:")

# Des textes proches des identifiants : ASCII permis, ponctuation voisine, chiffres et
# lettres d'autres écritures (isalnum() les accepte, pas l'identifiant), blancs.
_CARACTERES = st.sampled_from(
    [*string.ascii_letters[:6], *string.digits[:4], ".", "_", "-", " ", "@", "é", "٣", "Ⅻ", "K"]
)
TEXTES = st.one_of(st.text(_CARACTERES, max_size=70), st.text(max_size=20))


def identifiant_valide_reference(valeur: object, longueur: int) -> bool:
    return (
        isinstance(valeur, str)
        and len(valeur) <= longueur
        and valeur.isascii()
        and _RE_IDENTIFIANT.fullmatch(valeur) is not None
    )


def alphanumerique_valide_reference(valeur: object, longueur: int) -> bool:
    return (
        type(valeur) is str
        and len(valeur) <= longueur
        and valeur.isascii()
        and _RE_ALPHANUM.fullmatch(valeur) is not None
    )


def instant_iso_reference(valeur: object) -> datetime:
    """``controles.instant_iso`` avant son chemin rapide (sans les messages)."""
    if not isinstance(valeur, str):
        raise DonneeInvalide("MCP-DONNEE-TYPE", "type")
    lu: datetime | None = None
    if valeur.isascii() and len(valeur) <= controles.LONGUEUR_ISO:
        try:
            lu = datetime.fromisoformat(valeur)
        except ValueError:
            lu = None
    if lu is None or _HEURE_24.search(valeur):
        raise DonneeInvalide("MCP-DONNEE-INSTANT", "forme")
    if lu.tzinfo is None:
        raise DonneeInvalide("MCP-DONNEE-INSTANT", "fuseau")
    return controles.instant(lu)


@given(TEXTES, st.sampled_from([0, 1, 5, 20, 64]))
@example("agent000001", 64)
@example("", 64)
@example("a" * 65, 64)
@example("Ⅻ", 64)
@example("as.leroy", 64)
def test_identifiant_valide_comme_l_expression(texte: str, longueur: int) -> None:
    assert controles.identifiant_valide(texte, longueur) == identifiant_valide_reference(
        texte, longueur
    )
    assert controles.alphanumerique_valide(texte, longueur) == (
        alphanumerique_valide_reference(texte, longueur)
    )


@given(st.lists(TEXTES, max_size=8), st.sampled_from([3, 64]))
@example(["agent1", ""], 64)
@example(["agent1", "a" * 65], 64)
@example(["agent1", "٣"], 64)
@example(["ab", "cd"], 3)
def test_identifiants_valides_comme_chacun(textes: list[str], longueur: int) -> None:
    attendu = all(identifiant_valide_reference(t, longueur) for t in textes)
    assert controles.identifiants_valides(textes, longueur) == attendu
    assert controles.identifiants_valides(frozenset(textes), longueur) == attendu


def test_hors_ascii_isalnum_n_est_pas_un_identifiant() -> None:
    for texte in ("٣", "Ⅻ", "é", "agent\u212a"):
        assert texte.isalnum()
        assert not controles.identifiant_valide(texte)
        assert not controles.identifiants_valides([texte])
        assert not controles.alphanumerique_valide(texte, 20)


_INSTANTS = st.one_of(
    st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=2)), None])).map(
        lambda d: d.isoformat()
    ),
    st.text(st.sampled_from("0123456789-:T +Z.24"), max_size=32),
    st.from_regex(r"20[0-9]{2}-[01][0-9]-[0-3][0-9][T ][0-2][0-9]:[0-5][0-9](:[0-5][0-9])?"
                  r"(Z|[+-][01][0-9]:[0-5][0-9])?", fullmatch=True),
)  # fmt: skip


@given(_INSTANTS)
@example("2026-11-27T24:00:00+00:00")
@example("2026-11-27 24:00+00:00")
@example("2026-11-27T09:24:00+00:00")
@example("2026-11-27T09:30:00Z")
@example("2026-11-27T09:30:00-00:00")
@example("2026-11-27T09:30:00+01:00")
@example("2026-11-27T09:30:00")
@example("2026-11-27T09:30:00+00:00" + " " * 20)
@example("２０２６-11-27T09:30:00+00:00")
def test_instant_iso_comme_avant(texte: str) -> None:
    try:
        attendu: datetime | str = instant_iso_reference(texte)
    except DonneeInvalide as exc:
        attendu = exc.code
    try:
        obtenu: datetime | str = controles.instant_iso(texte)
    except DonneeInvalide as exc:
        obtenu = exc.code
    assert obtenu == attendu
    if isinstance(obtenu, datetime):
        assert obtenu.tzinfo is UTC


def test_un_membre_inconnu_parmi_des_comptes_reste_une_reference_fautive() -> None:
    c = convention_exemple()
    groupe = c.groupes[0]
    autre = next(u.identifiant for u in c.utilisateurs if u.identifiant not in groupe.membres)
    ajoute = Groupe(
        code=groupe.code,
        libelle=groupe.libelle,
        service=groupe.service,
        gestionnaire=groupe.gestionnaire,
        role=groupe.role,
        membres=groupe.membres | {"inconnu.total", autre.upper()},
        parent=groupe.parent,
    )
    with pytest.raises(DonneesInvalides) as erreur:
        Convention(
            numero=c.numero,
            organisme=c.organisme,
            caf=c.caf,
            services=c.services,
            administrateurs=c.administrateurs,
            utilisateurs=c.utilisateurs,
            groupes=[ajoute, *c.groupes[1:]],
            profils_contractuels=c.profils_contractuels,
            afas=c.afas,
        )
    assert [(e.chemin, e.code) for e in erreur.value.erreurs] == [
        ("$.groupes[0].membres", "MCP-DONNEE-REFERENCE")
    ]
    assert "inconnu.total" in erreur.value.erreurs[0].message
