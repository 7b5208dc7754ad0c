"""Ce que le chemin rapide des adresses prend à l'intérieur d'email-validator.

:mod:`mcp_rules.valeurs.adresse_email` appelle deux noms internes d'email-validator
(``syntax.validate_email_local_part``, ``rfc_constants.CASE_INSENSITIVE_MAILBOX_NAMES``) et
traduit ses messages anglais par des motifs. La dépendance est bornée (``pyproject.toml``) à
des versions vérifiées ; ces tests échouent bruyamment, en disant quoi revoir, si une
version change l'un d'eux. (L'égalité du chemin rapide avec un appel complet est vérifiée
dans ``test_adresse_email.py``.)
"""

from __future__ import annotations

import importlib.metadata
import inspect
import re
import tomllib
from pathlib import Path

import email_validator
import pytest
from email_validator import EmailNotValidError, validate_email
from email_validator.rfc_constants import ATEXT, CASE_INSENSITIVE_MAILBOX_NAMES, DOT_ATOM_TEXT
from email_validator.syntax import validate_email_local_part
from hypothesis import given
from hypothesis import strategies as st
from packaging.requirements import Requirement

from mcp_rules.valeurs import adresse_email

RACINE = Path(__file__).resolve().parents[2]


def _exigence() -> Requirement:
    projet = tomllib.loads((RACINE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    (ligne,) = [d for d in projet["dependencies"] if d.startswith("email-validator")]
    return Requirement(ligne)


def test_la_dependance_est_bornee_et_la_version_installee_dans_la_borne() -> None:
    exigence = _exigence()
    assert any(s.operator == "<" for s in exigence.specifier), "borne supérieure absente"
    installee = importlib.metadata.version("email-validator")
    assert exigence.specifier.contains(installee), (installee, str(exigence.specifier))


def test_la_partie_locale_se_verifie_comme_le_chemin_rapide_l_attend() -> None:
    parametres = inspect.signature(validate_email_local_part).parameters
    assert next(iter(parametres)) == "local"
    assert {"allow_smtputf8", "allow_empty_local"} <= set(parametres)
    resultat = validate_email_local_part(
        "Marie.Durand", allow_smtputf8=False, allow_empty_local=False
    )
    assert resultat["local_part"] == "Marie.Durand"
    with pytest.raises(EmailNotValidError):
        validate_email_local_part("marie..durand", allow_smtputf8=False, allow_empty_local=False)


def test_les_noms_de_boites_insensibles_a_la_casse() -> None:
    noms = set(CASE_INSENSITIVE_MAILBOX_NAMES)
    assert {"postmaster", "abuse"} <= noms
    assert all(isinstance(n, str) and n == n.lower() for n in noms)


def test_les_noms_lies_a_la_premiere_adresse_sont_ceux_d_email_validator() -> None:
    adresse_email.valider_adresse("a@exemple.fr")
    lies = vars(adresse_email)
    assert lies["validate_email_local_part"] is validate_email_local_part
    assert lies["validate_email"] is validate_email
    assert lies["CASE_INSENSITIVE_MAILBOX_NAMES"] is CASE_INSENSITIVE_MAILBOX_NAMES
    assert lies["DOT_ATOM_TEXT"] is DOT_ATOM_TEXT


_ATEXT = "".join(c for c in map(chr, range(33, 127)) if re.fullmatch(f"[{ATEXT}]", c))


@given(
    st.text(alphabet=_ATEXT + '.\\" @é', max_size=30)
    | st.lists(st.text(alphabet=_ATEXT, min_size=1, max_size=8), min_size=1, max_size=4).map(
        ".".join
    )
)
def test_une_partie_locale_du_motif_est_acceptee_telle_quelle(locale: str) -> None:
    """Le chemin rapide garde telle quelle une partie locale que ``DOT_ATOM_TEXT`` accepte,
    sans appeler ``validate_email_local_part`` : celle-ci doit la rendre telle quelle."""
    if not locale or DOT_ATOM_TEXT.match(locale) is None:
        return
    resultat = validate_email_local_part(locale, allow_smtputf8=False, allow_empty_local=False)
    assert resultat["local_part"] == locale


def test_le_motif_des_parties_locales_accepte_et_refuse_ce_qu_on_attend() -> None:
    assert DOT_ATOM_TEXT.match("Marie.Durand+mcp") is not None
    assert DOT_ATOM_TEXT.match("marie..durand") is None
    assert DOT_ATOM_TEXT.match(".marie") is None
    assert DOT_ATOM_TEXT.match('"marie durand"') is None


def _source_d_email_validator() -> str:
    dossier = Path(email_validator.__file__).parent
    return "".join(p.read_text(encoding="utf-8") for p in sorted(dossier.glob("*.py")))


@pytest.mark.parametrize(
    ("motif", "francais"),
    adresse_email._TRADUCTIONS,
    ids=[m for m, _ in adresse_email._TRADUCTIONS],
)
def test_chaque_motif_traduit_est_encore_un_message_d_email_validator(
    motif: str, francais: str
) -> None:
    """Un motif qui n'apparaît plus nulle part laisserait passer le message anglais."""
    source = _source_d_email_validator()
    gabarit = re.sub(r"\b(period|hyphen)\b", "{}", motif)  # « cannot end with a {}. »
    assert motif in source or gabarit in source, f"email-validator n'écrit plus {motif!r}"
    assert francais
