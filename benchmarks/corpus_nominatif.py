"""Fabrique les corpus étiquetés de ``tests/regles/corpus/`` (interprétation 23).

    pip install faker && python benchmarks/corpus_nominatif.py

Les fichiers sont dans le dépôt ; ce script dit d'où ils viennent et les refait à
l'identique (graine fixe). Il ne sert qu'à les fabriquer : les tests et la mesure
(``benchmarks/nominatif.py``) lisent les fichiers, sans Faker.

- ``nominatives.tsv`` : des personnes et leur adresse individuelle. Prénoms et noms du
  fournisseur ``fr_FR`` de Faker (listes de l'Insee et de l'état civil qu'il reprend),
  combinés selon les formes d'adresse courantes (``prenom.nom``, ``p.nom``,
  ``nom.prenom``, ``pnom``, ``prenom-nom``, un chiffre pour les homonymes, les prénoms
  composés en entier ou en initiales, les particules collées ou séparées) ; plus, écrites
  à la main, des personnes dont le nom de famille est un nom commun, souvent un mot de
  service (Bureau, Chef, Poste, Agent, Conseiller, Guichet, Courrier…).
- ``generiques.tsv`` : des boîtes de service de collectivités, de services sociaux, de
  bailleurs et d'associations, écrites à la main à partir des usages des sites publics
  (``accueil``, ``secretariat.dgs``, ``ccas-courrier``, ``petite.enfance``…), chacune
  attribuée à une personne fictive (le cas réel : une boîte partagée donnée à quelqu'un).
- ``noms_generiques.tsv`` : des « noms » de comptes génériques (« Accueil Mairie »,
  « Responsable Petite Enfance »…), écrits à la main.
"""

from __future__ import annotations

import csv
import random
import re
import unicodedata
from pathlib import Path

from faker import Faker

DOSSIER = Path(__file__).resolve().parent.parent / "tests" / "regles" / "corpus"
DOMAINES = (
    "ville-exemple.fr", "mairie-saint-exemple.fr", "ccas-exemple.fr", "agglo-exemple.fr",
    "departement-exemple.fr", "habitat-exemple.fr", "asso-exemple.org", "cc-exemple.fr",
)  # fmt: skip

NOMS_COMMUNS = (
    "Bureau", "Chef", "Poste", "Agent", "Conseiller", "Guichet", "Courrier", "Commun",
    "Maison", "Centre", "Foyer", "Jeunesse", "Ville", "Lenfant", "Marchand", "Boulanger",
    "Berger", "Meunier", "Boucher", "Mercier", "Charpentier", "Chevalier", "Lemaire",
    "Prevost", "Famille", "Office", "Antenne", "Standard", "Accueil", "Social",
)  # fmt: skip

SERVICES = (
    "accueil", "accueil.mairie", "accueil-ccas", "secretariat", "secretariat.dgs",
    "secretariat.maire", "secretaire", "contact", "contacts", "info", "infos",
    "information", "direction", "direction.generale", "dgs", "dga", "cabinet", "standard",
    "courrier", "ccas-courrier", "courriers", "ccas", "ccas.direction", "cias", "rsa",
    "rsa.instruction", "instruction.rsa", "equipe.rsa", "petite.enfance", "petite-enfance",
    "enfance", "enfance.jeunesse", "jeunesse", "creche", "creche.soleil", "creche.les.lutins",
    "multiaccueil", "multi-accueil.arc-en-ciel", "ram", "rpe", "relais.petite.enfance",
    "halte.garderie", "periscolaire", "scolaire", "education", "pmi", "mairie",
    "mairie.annexe", "mairie.annexe2", "annexe.nord", "antenne.sud", "pole.social",
    "pole.solidarites", "action.sociale", "social", "service.social", "insertion",
    "emploi", "logement", "service.logement", "habitat", "bailleur", "gestion.locative",
    "office", "agence.centre", "agence.nord", "residence.les.tilleuls", "foyer.logement",
    "association", "asso.solidarite", "siege", "rh", "ressources.humaines", "personnel",
    "paie", "rh-paie", "compta", "comptabilite", "finances", "facturation", "regie",
    "regie-paie", "regie.cantine", "gestion", "juridique", "marches.publics", "achats",
    "technique", "services.techniques", "travaux", "urbanisme", "etatcivil", "etat-civil",
    "elections", "communication", "com", "presse", "numerique", "informatique", "dsi",
    "support", "support.informatique", "assistance", "admin", "administration",
    "noreply", "no-reply", "ne-pas-repondre", "nepasrepondre", "mail", "bal.ccas",
    "permanence", "reception", "maison.des.solidarites", "mds.nord", "centre.social",
    "espace.famille", "famille", "familles", "seniors", "autonomie", "handicap",
    "mediation", "prevention", "sante", "cesf", "as.secteur1", "aides.sociales",
    "prestations", "allocations", "apl", "guichet.unique", "guichet", "bureau.accueil",
    "commun", "partage", "generique", "test", "equipe", "cellule.rsa", "agents",
    "public", "general", "service", "services", "sousprefecture", "prefecture",
    "region", "departement", "metropole", "agglo", "commune", "ville",
    "bibliotheque", "mediatheque", "piscine", "police.municipale", "cimetiere", "cantine",
    "restauration.scolaire", "sports", "culture", "tourisme", "environnement", "proprete",
    "dechets", "eau", "voirie", "ehpad", "residence.autonomie", "president", "tresorier",
    "secretaire.association", "benevoles", "adherents", "inscriptions", "rendez-vous",
    "planning", "animation", "centre.loisirs", "ecole.jules-ferry", "college", "msa",
    "pmi.sud", "ludotheque", "clas", "epicerie.solidaire", "banque.alimentaire",
    "caf.partenaires", "ccas.saint-exemple", "mairie.saint-exemple", "accueil2",
    "secretariat2", "contact.ccas", "infos.mairie", "courrier.arrivee", "dgs.secretariat",
    "enfance.inscriptions", "pe.inscriptions", "guichet.famille", "portail.famille",
    "facturation.cantine", "loyers", "locataires", "gardiens", "gardien.residence",
    "attributions", "demandes.logement", "contentieux", "recouvrement", "sinistres",
    "travaux.entretien", "astreinte", "urgences", "vie.associative", "citoyennete",
)  # fmt: skip

NOMS_GENERIQUES = (
    ("CCAS", "Accueil"), ("Accueil", "Mairie"), ("Responsable", "Petite Enfance"),
    ("Secrétariat", "DGS"), ("Service", "RSA"), ("Agent", "Accueil"), ("Équipe", "RSA"),
    ("Pôle", "Social"), ("Direction", "CCAS"), ("Guichet", "Unique"), ("Bureau", "Accueil"),
    ("Standard", "Mairie"), ("Assistante", "Sociale"), ("Conseiller", "RSA"),
    ("Référent", "RSA"), ("Chef", "Service"), ("Gestionnaire", "Mairie"),
    ("Stagiaire", ""), ("Test", "Test"), ("Compte", "Générique"), ("Commun", "CCAS"),
    ("Crèche", "Mairie"), ("Caf", "Partenaire"), ("Secrétaire", "Mairie"),
    ("Coordinatrice", "Enfance"), ("Instructeur", "RSA"), ("Médiatrice", "Sociale"),
    ("Contact", "Mairie"), ("Info", "CCAS"), ("Courrier", "CCAS"), ("Support", "Admin"),
    ("Intérimaire", ""), ("", "Accueil"), ("Responsable", "Service"),
    ("Directrice", "Crèche"), ("Agents", "Mairie"), ("Cellule", "RSA"),
)  # fmt: skip


def plier(texte: str) -> str:
    """ASCII, minuscules, sans espace (pour écrire une adresse)."""
    decompose = unicodedata.normalize("NFKD", texte.replace("œ", "oe").replace("æ", "ae"))
    ascii_ = "".join(c for c in decompose if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9\-]", "", ascii_.replace(" ", "").replace("'", ""))


def formes(prenom: str, nom: str, hasard: random.Random) -> list[str]:
    """Les formes d'adresse d'une personne (partie locale)."""
    p, n = plier(prenom), plier(nom)
    sep_nom = re.sub(
        r"[^a-z0-9\-]",
        "",
        unicodedata.normalize("NFKD", nom)
        .encode("ascii", "ignore")
        .decode()
        .lower()
        .replace(" ", "-")
        .replace("'", ""),
    )
    initiales = "".join(m[0] for m in re.split(r"[\s\-]+", plier_mots(prenom)) if m)
    return [
        f"{p}.{n}", f"{p[0]}.{n}", f"{n}.{p}", f"{p[0]}{n}", f"{p}-{n}", f"{p}_{n}",
        f"{p}.{n}{hasard.randint(1, 9)}", f"{n}.{p[0]}", f"{initiales}.{sep_nom}", f"{n}",
        f"{p}.{sep_nom}", f"{n}{p[0]}",
    ]  # fmt: skip


def plier_mots(texte: str) -> str:
    decompose = unicodedata.normalize("NFKD", texte)
    return "".join(c for c in decompose if not unicodedata.combining(c)).lower()


def ecrire(nom: str, entete: tuple[str, ...], lignes: list[tuple[str, ...]]) -> None:
    """Un corpus en TSV, son en-tête puis ses lignes."""
    with (DOSSIER / nom).open("w", encoding="utf-8", newline="") as f:
        ecrivain = csv.writer(f, delimiter="\t", lineterminator="\n")
        ecrivain.writerow(entete)
        ecrivain.writerows(lignes)


def main() -> None:
    hasard = random.Random(23)
    faux = Faker("fr_FR")
    Faker.seed(23)
    DOSSIER.mkdir(parents=True, exist_ok=True)
    lignes = []
    vus = set()
    while len(lignes) < 1900:
        prenom = faux.first_name()
        if hasard.random() < 0.08:  # prénoms composés, de même genre
            prenom = f"{faux.first_name_male()}-{faux.first_name_male()}"
        nom = faux.last_name()
        forme = hasard.choice(formes(prenom, nom, hasard))
        adresse = f"{forme}@{hasard.choice(DOMAINES)}"
        if (prenom, nom, adresse) in vus:
            continue
        vus.add((prenom, nom, adresse))
        lignes.append((prenom, nom, adresse, "faker fr_FR"))
    for i, nom in enumerate(NOMS_COMMUNS):
        for j in range(8):
            prenom = faux.first_name()
            forme = formes(prenom, nom, hasard)[(i + j) % 12]
            lignes.append(
                (prenom, nom, f"{forme}@{hasard.choice(DOMAINES)}", "nom commun, à la main")
            )
    ecrire("nominatives.tsv", ("prenom", "nom", "adresse", "source"), lignes)
    generiques = []
    for service in SERVICES:
        for domaine in DOMAINES[:3]:
            while True:
                prenom, nom = faux.first_name(), faux.last_name()
                if plier(nom) not in service and plier(prenom) not in service:
                    break
            generiques.append((prenom, nom, f"{service}@{domaine}", "boîte de service, à la main"))
    ecrire("generiques.tsv", ("prenom", "nom", "adresse", "source"), generiques)
    ecrire(
        "noms_generiques.tsv",
        ("prenom", "nom", "source"),
        [(p, n, "à la main") for p, n in NOMS_GENERIQUES],
    )
    total = f"{len(lignes)} nominatives, {len(generiques)} génériques"
    print(f"{total}, {len(NOMS_GENERIQUES)} noms génériques")


if __name__ == "__main__":
    main()
