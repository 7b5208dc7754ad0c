"""Aller-retour JSON et texte : ce qui s'écrit se relit à l'identique.

- ``depuis_dict(vers_dict(x), type(x)) == x`` et ``depuis_json(vers_json(x), type(x)) == x``
  pour chaque type public sérialisable ;
- ``vers_dict`` ne produit que des types JSON (objets à clés textuelles, listes,
  textes, booléens, entiers, null), que ``json.dumps`` accepte ;
- les ensembles s'écrivent en listes triées (sans tenir compte de la casse), les
  comptes et les groupes d'une convention dans l'ordre de leurs clés ;
- ``parse(str(x)) == x`` pour chaque type valeur et chaque énumération.
"""

from __future__ import annotations

import enum
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mcp_rules import (
    CAF,
    Action,
    AdresseEmail,
    ConfigurationAfas,
    Convention,
    ErreurChamp,
    Evenement,
    Fonction,
    Groupe,
    MotDePasseTemporaire,
    NumeroInstructeur,
    Politique,
    ProfilT,
    RoleAfas,
    Service,
    Severite,
    Symptome,
    Utilisateur,
)
from mcp_rules import strategies as mst
from mcp_rules.modele.evenements import TYPES_EVENEMENTS
from mcp_rules.serialisation import depuis_dict, depuis_json, vers_dict, vers_json

ENUMERATIONS: list[type[enum.Enum]] = [
    Service,
    ProfilT,
    Fonction,
    RoleAfas,
    Severite,
    Action,
    Symptome,
]


def verifier_json_pur(valeur: object, chemin: str = "$") -> None:
    """Rien que des types JSON : ni tuple, ni ensemble, ni datetime, ni énumération, ni flottant."""
    if isinstance(valeur, dict):
        assert type(valeur) is dict, chemin
        for cle, contenu in valeur.items():
            assert type(cle) is str, f"{chemin} : clé {cle!r} non textuelle"
            verifier_json_pur(contenu, f"{chemin}.{cle}")
    elif isinstance(valeur, list):
        assert type(valeur) is list, chemin
        for i, contenu in enumerate(valeur):
            verifier_json_pur(contenu, f"{chemin}[{i}]")
    else:
        assert valeur is None or type(valeur) in (str, bool, int), (
            f"{chemin} : {type(valeur).__name__} n'est pas un type JSON ({valeur!r})"
        )


def aller_retour(objet: object, type_: type[Any] | None = None) -> Any:
    """Vérifie les deux aller-retours (lus comme ``type_``, par défaut ``type(objet)``)
    et rend le dictionnaire écrit."""
    type_ = type(objet) if type_ is None else type_
    donnees = vers_dict(objet)
    verifier_json_pur(donnees)
    texte = json.dumps(donnees, ensure_ascii=False, allow_nan=False)
    assert json.loads(texte) == donnees
    relu = depuis_dict(donnees, type_)
    assert type(relu) is type(objet)
    assert relu == objet
    assert vers_dict(relu) == donnees  # l'écriture est stable
    assert depuis_json(vers_json(objet), type_) == objet
    assert depuis_json(vers_json(objet, indent=2).encode(), type_) == objet
    return donnees


def _ordre(texte: str) -> tuple[str, str]:
    return (texte.lower(), texte)


def verifier_liste_triee(liste: object, chemin: str) -> None:
    """Une liste de textes sans doublon, triée sans tenir compte de la casse."""
    assert type(liste) is list, chemin
    assert all(type(x) is str for x in liste), chemin
    assert liste == sorted(liste, key=_ordre), f"{chemin} non triée : {liste}"
    assert len({x.lower() for x in liste}) == len(liste), f"{chemin} a des doublons : {liste}"


def verifier_utilisateur_ecrit(donnees: dict[str, Any], compte: Utilisateur, chemin: str) -> None:
    verifier_liste_triee(donnees["mandats"], f"{chemin}.mandats")
    assert set(donnees["mandats"]) == compte.mandats
    assert donnees["email"] == str(compte.email)
    assert donnees["fonction"] == compte.fonction.value
    numero = compte.numero_instructeur
    assert donnees["numero_instructeur"] == (None if numero is None else str(numero))
    assert datetime.fromisoformat(donnees["cree_le"]) == compte.cree_le
    assert datetime.fromisoformat(donnees["cree_le"]).utcoffset() is not None


def verifier_groupe_ecrit(donnees: dict[str, Any], groupe: Groupe, chemin: str) -> None:
    verifier_liste_triee(donnees["membres"], f"{chemin}.membres")
    assert set(donnees["membres"]) == groupe.membres
    assert donnees["service"] == groupe.service.value
    assert donnees["role"] == (None if groupe.role is None else groupe.role.value)


def verifier_afas_ecrite(donnees: dict[str, Any], afas: ConfigurationAfas, chemin: str) -> None:
    for nom in ("fda", "fdf"):
        verifier_liste_triee(donnees[nom], f"{chemin}.{nom}")
        assert set(donnees[nom]) == getattr(afas, nom)


# --- domaine --------------------------------------------------------------------------


@given(mst.conventions(max_comptes=6, max_groupes=4))
def test_convention_aller_retour(convention: Convention) -> None:
    donnees = aller_retour(convention)
    for nom in ("services", "profils_contractuels", "administrateurs"):
        verifier_liste_triee(donnees[nom], f"$.{nom}")
    assert set(donnees["administrateurs"]) == convention.administrateurs
    assert {Service(s) for s in donnees["services"]} == convention.services
    assert {ProfilT(p) for p in donnees["profils_contractuels"]} == convention.profils_contractuels

    identifiants = [u["identifiant"] for u in donnees["utilisateurs"]]
    assert identifiants == sorted(identifiants, key=str.lower)
    assert identifiants == [u.identifiant for u in convention.utilisateurs]
    for i, (ecrit, compte) in enumerate(
        zip(donnees["utilisateurs"], convention.utilisateurs, strict=True)
    ):
        verifier_utilisateur_ecrit(ecrit, compte, f"$.utilisateurs[{i}]")

    codes = [g["code"] for g in donnees["groupes"]]
    assert codes == sorted(codes, key=str.lower)
    assert codes == [g.code for g in convention.groupes]
    for i, (ecrit, groupe) in enumerate(zip(donnees["groupes"], convention.groupes, strict=True)):
        verifier_groupe_ecrit(ecrit, groupe, f"$.groupes[{i}]")

    verifier_afas_ecrite(donnees["afas"], convention.afas, "$.afas")
    assert len(donnees["journal"]) == len(convention.journal)
    for ecrit, evenement in zip(donnees["journal"], convention.journal, strict=True):
        assert ecrit["type"] == type(evenement).__name__


@given(mst.conventions(max_comptes=3, max_groupes=2))
def test_convention_relue_dans_un_autre_ordre(convention: Convention) -> None:
    """L'ordre des comptes et des groupes dans le document ne change pas la convention."""
    donnees = vers_dict(convention)
    donnees["utilisateurs"].reverse()
    donnees["groupes"].reverse()
    assert depuis_dict(donnees, Convention) == convention


@given(mst.utilisateurs())
def test_utilisateur_aller_retour(utilisateur: Utilisateur) -> None:
    donnees = aller_retour(utilisateur)
    verifier_utilisateur_ecrit(donnees, utilisateur, "$")


@given(mst.groupes())
def test_groupe_aller_retour(groupe: Groupe) -> None:
    donnees = aller_retour(groupe)
    verifier_groupe_ecrit(donnees, groupe, "$")


@given(mst.configurations_afas())
def test_configuration_afas_aller_retour(config: ConfigurationAfas) -> None:
    donnees = aller_retour(config)
    verifier_afas_ecrite(donnees, config, "$")


@pytest.mark.parametrize("cls", list(TYPES_EVENEMENTS.values()), ids=list(TYPES_EVENEMENTS))
@settings(max_examples=20)
@given(data=st.data())
def test_evenement_aller_retour(cls: type[Evenement], data: st.DataObject) -> None:
    """Relu par sa classe ou comme un ``Evenement`` quelconque (ce que fait le journal),
    un événement revient identique, de la même classe."""
    evenement = data.draw(mst.evenements(types=[cls]))
    donnees = aller_retour(evenement)
    assert aller_retour(evenement, Evenement) == donnees
    assert donnees["type"] == cls.__name__
    assert donnees["par"] == ("@CAF" if evenement.par is CAF else evenement.par)


@given(mst.politiques())
def test_politique_aller_retour(politique: Politique) -> None:
    donnees = aller_retour(politique)
    verifier_liste_triee(donnees["mots_adresse_service"], "$.mots_adresse_service")


@pytest.mark.parametrize(
    "duree",
    [
        timedelta(microseconds=1),
        timedelta(days=1, microseconds=500_000),
        timedelta(hours=36),
        timedelta(days=90),
        timedelta(days=3653) - timedelta(microseconds=1),
        timedelta(days=3653),
    ],
    ids=[
        "une-microseconde",
        "un-jour-et-demi-seconde",
        "36-heures",
        "90-jours",
        "dix-ans-moins-une-microseconde",
        "dix-ans",
    ],
)
def test_politique_aller_retour_durees_limites(duree: timedelta) -> None:
    """Toute durée qu'une ``Politique`` accepte doit se relire à l'identique."""
    aller_retour(Politique(inactivite_max=duree))


@given(st.builds(ErreurChamp, st.just("$.groupes[2].code"), st.just("MCP-DONNEE-TYPE"), mst.noms()))
def test_erreur_champ_aller_retour(erreur: ErreurChamp) -> None:
    aller_retour(erreur)


# --- types valeurs et énumérations ----------------------------------------------------


@given(mst.numeros_instructeur())
def test_numero_instructeur_parse_str(numero: NumeroInstructeur) -> None:
    texte = str(numero)
    assert len(texte) == 14
    assert NumeroInstructeur.parse(texte) == numero
    assert NumeroInstructeur.parse(numero.format()) == numero
    assert NumeroInstructeur.parse(texte.lower()) == numero
    assert NumeroInstructeur.completer(texte[:9]) == numero
    assert aller_retour(numero) == texte


@given(mst.adresses_email())
def test_adresse_email_parse_str(adresse: AdresseEmail) -> None:
    assert AdresseEmail.parse(str(adresse)) == adresse
    assert str(AdresseEmail.parse(str(adresse))) == str(adresse)
    assert aller_retour(adresse) == str(adresse)


@given(mst.mots_de_passe_temporaires())
def test_mot_de_passe_temporaire_parse_str(mdp: MotDePasseTemporaire) -> None:
    assert MotDePasseTemporaire.parse(str(mdp)) == mdp
    assert aller_retour(mdp) == str(mdp)


@given(mst.instants())
def test_mot_de_passe_temporaire_quel_que_soit_le_fuseau(instant: datetime) -> None:
    """Écrit en heure de Paris ou d'outre-mer, l'instant d'émission se relit le même."""
    mdp = MotDePasseTemporaire(instant)
    assert MotDePasseTemporaire.parse(instant.isoformat()) == mdp
    assert mdp.emis_le == instant.astimezone(UTC)


@pytest.mark.parametrize("enumeration", ENUMERATIONS, ids=lambda e: e.__name__)
def test_enumeration_parse_valeur(enumeration: type[enum.Enum]) -> None:
    parse = getattr(enumeration, "parse")  # noqa: B009 - parse n'est pas sur enum.Enum
    for membre in enumeration:
        assert parse(membre.value) is membre
        assert parse(str(membre)) is membre
        assert parse(f" {membre.value.lower()} ") is membre
