"""Les mots de l'interprétation 23 : ceux des services, ceux des fonctions, et leurs limites.

Des listes, sans logique : :mod:`mcp_rules.regles.nominatif` s'en sert pour dire si une
adresse est de service (``MCP-USR-02``) et si un nom se lit comme une fonction
(``MCP-USR-01``). Tous les mots sont pliés (minuscules ASCII, sans accents) ; une
expression (« etat civil ») a ses mots séparés par une espace. Les limites viennent des
fichiers de noms et prénoms de l'Insee (``tests/regles/corpus/noms_insee.tsv.gz``) : un
mot qui commence des noms portés en France ne compte pas collé au suivant.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "LIENS",
    "MARQUES_PARTOUT",
    "MOTS_FONCTION",
    "MOTS_QUI_SONT_DES_NOMS",
    "MOTS_SERVICE",
    "NON_COLLES",
]

MOTS_SERVICE: Final[frozenset[str]] = frozenset(
    {
        # accueil, secrétariat et direction
        "accueil", "contact", "contacts", "info", "infos", "information", "informations",
        "secretariat", "secretaire", "direction", "dg", "dgs", "dga", "cabinet", "standard",
        "courrier", "courriers", "mail", "email", "boite", "bal", "admin", "administration",
        "administratif", "noreply", "no reply", "nepasrepondre", "ne pas repondre", "service",
        "services",
        "support", "assistance", "bureau", "guichet", "permanence", "reception",
        # structures
        "mairie", "ville", "commune", "cc", "ccas", "cias", "caf", "csc", "cs", "epci",
        "agglo", "agglomeration", "metropole", "departement", "cd", "region", "prefecture",
        "sousprefecture", "sous prefecture", "annexe", "antenne", "pole", "maison", "centre",
        "espace", "mds",
        "msa", "pmi", "crous", "oph", "opac", "office", "bailleur", "habitat", "logement",
        "logements", "residence", "foyer", "association", "asso", "siege", "agence",
        # social, enfance, emploi
        "social", "sociale", "sociaux", "action", "solidarite", "solidarites", "insertion",
        "rsa", "apl", "prestations", "prestation", "allocations", "aides", "aide",
        "instruction", "instructeur", "instructeurs", "petite", "enfance", "enfant", "enfants",
        "jeunesse", "famille", "familles", "creche", "creches", "halte", "garderie",
        "multiaccueil", "multi accueil", "ram", "rpe", "relais", "ludotheque", "periscolaire",
        "scolaire", "education", "emploi", "seniors", "senior", "handicap", "autonomie",
        "mediation", "prevention", "sante", "cesf", "as",
        # gestion
        "rh", "ressources", "personnel", "paie", "compta", "comptabilite", "finances",
        "finance", "facturation", "factures", "regie", "gestion", "juridique", "marches",
        "achats", "technique", "travaux", "urbanisme", "etatcivil", "etat civil", "elections",
        "communication", "com", "presse", "numerique", "informatique", "dsi", "si",
        "equipe", "equipes", "cellule", "commun", "partage", "generique", "test", "tests",
        "agents", "collectif", "general", "generale", "public", "portail", "planning",
        "astreinte", "urgence", "urgences",
        # équipements et services de la vie locale
        "bibliotheque", "mediatheque", "piscine", "police", "cimetiere", "cantine",
        "restauration", "sport", "sports", "culture", "tourisme", "environnement", "proprete",
        "dechets", "eau", "voirie", "ehpad", "ecole", "college", "lycee", "clas", "animation",
        "loisirs", "vie", "citoyennete", "epicerie", "banque",
        # associations et bailleurs
        "president", "presidente", "tresorier", "tresoriere", "benevoles", "benevolat",
        "adherents", "inscription", "inscriptions", "rendez", "rdv", "loyer", "loyers",
        "locataires", "gardien", "gardiens", "attributions", "demandes", "contentieux",
        "recouvrement", "sinistres", "pe",
        # réglés sur la moitié « réglage » de l'annuaire public (benchmarks/corpus_annuaire.py)
        "msap", "msp", "mfs", "france services", "pij", "bij", "cij", "crij", "point info",
        "clic", "cidf", "cidff", "mjd", "mdph", "mdpsh", "mdr", "mdm", "mdsi", "cms",
        "csd", "cdas", "cdad", "utas", "udaf", "cdc", "cdg", "epn", "mli", "mission",
        "rsp", "pif", "clous", "pref", "cada", "prada", "daj", "saj", "dag", "daji", "dajc",
        "archives", "archive", "juridiques", "juriste", "jur", "documentation", "doc",
        "docs", "correspondant", "referent", "referente", "assemblee", "assemblees",
        "conseil municipal", "conseilmunicipal", "presidence", "syndicat", "comcom",
        "codecom", "communaute", "intercom", "cne", "cmne", "hotel de ville", "affaires",
        "acces", "saisine", "sec", "secr", "secgen", "dir", "dirgen", "adm", "relations",
        "diffusion", "instances", "instance", "plateforme", "aidants", "reseau",
        "coordination", "gerontologie", "geronto", "sce", "serv", "ant", "resto",
        "restaurant", "jeunes", "parentalite", "formation", "orientation", "femmes", "drh",
        "dpd", "sdis", "ddt", "ddtm", "cpam",
    }
)  # fmt: skip
"""Les mots (et quelques expressions, « etat civil ») qui, en tête d'une adresse, la font
adresse de service ; pliés, les mots d'une expression séparés par une espace."""

MOTS_FONCTION: Final[frozenset[str]] = frozenset(
    {
        "responsable", "service", "secretariat", "secretaire", "accueil", "direction",
        "directeur", "directrice", "agent", "agents", "equipe", "pole", "cellule", "bureau",
        "guichet", "standard", "assistante", "assistant", "conseiller", "conseillere",
        "gestionnaire", "comptabilite", "administration", "mairie", "ccas", "petite",
        "enfance", "creche", "referent", "referente", "chef", "cheffe", "coordinateur",
        "coordinatrice", "stagiaire", "interimaire", "poste", "generique", "commun",
        "partage", "test", "rsa", "caf", "instructeur", "instructrice", "social", "sociale",
        "contact", "info", "courrier", "admin", "support", "mediateur", "mediatrice",
        "dgs", "dga", "compte", "partenaire", "unique",
    }
)  # fmt: skip
"""Les mots qui, dans un nom ou un prénom, se lisent comme une fonction (pliés)."""

LIENS: Final[frozenset[str]] = frozenset(
    {"de", "du", "des", "la", "le", "les", "l", "d", "en", "sur", "sous", "et", "au", "aux",
     "lez"}
)  # fmt: skip
"""Les petits mots d'un nom de lieu ou d'organisme (« Saint-Cyr-du-Bailleul »)."""

NON_COLLES: Final[frozenset[str]] = frozenset(
    {
        "aide", "asso", "banque", "boite", "bureau", "cada", "commun", "greffe", "guichet",
        "halte", "mail", "maison", "marches", "petite", "pole", "prada", "sante", "secr",
        "serv", "siege", "test", "ville",
        # et, vus ensuite parmi les 40 000 noms suivants et 10 000 prénoms suivants
        "cantine", "clas", "clic", "clous", "commune", "courrier", "creche", "email",
        "gardien", "portail", "pref", "presse", "resto", "sport",
        # et ceux qui font une initiale, ou deux, suivies d'un nom (« msap » de M. Sapet,
        # « accueil » d'Anne-Claire Cueille, « cdas » de C. Da Silva)
        "acces", "accueil", "ccas", "cdad", "cdas", "cpam", "crous", "ecole", "mdph", "mdsi",
        "msap", "opac", "paie", "sdis", "udaf", "utas",
    }
)  # fmt: skip
"""Les mots de service qui commencent des noms de famille ou des prénoms portés en France,
seuls ou derrière une initiale ou deux (fichiers de l'Insee : Maillard, Villeneuve,
Maisonneuve, Servane, Testard, Restout, Clichy ; M. Sapet, C. Da Silva…) : ils ne
marquent une adresse que suivis d'un séparateur, de chiffres ou de rien, ou collés à
« de », « des », « du », « pour » (« maisondesaidants »)."""

MARQUES_PARTOUT: Final[frozenset[str]] = frozenset(
    {
        "mairie", "commune", "communaute", "ccas", "cias", "accueil", "secretariat",
        "contact", "cada", "msap", "pij", "bij", "clic", "cidff", "mjd", "mdph",
        "archives", "juridique", "juridiques", "administration", "dgs", "rsa", "pmi",
        "intercom", "comcom", "agglo", "prefecture", "noreply", "nepasrepondre", "standard",
        "secretaire", "direction", "cabinet", "multiaccueil", "periscolaire",
    }
)  # fmt: skip
"""Les mots de service qui marquent une adresse où qu'ils soient, en mot entier
(« cassagne.mairie ») ou, pour les plus longs, à la fin d'un mot (« aubemairie ») : aucun
n'est un nom de personne plausible (« bureau », « poste », « agent » n'y sont pas)."""


MOTS_QUI_SONT_DES_NOMS: Final[frozenset[str]] = frozenset(
    {
        "asso", "bal", "boite", "bureau", "cimetiere", "com", "commun", "courrier",
        "finance", "foyer", "gardien", "guichet", "jeunesse", "loyer", "maison", "marches",
        "pe", "petite", "police", "portail", "prada", "presse", "sante", "si", "travaux",
        "tresorier", "vie", "ville",
        # et ceux qu'un petit mot devant fait nom : Lenfant, Lequipe, Lajeunesse, Delecole…
        "clas", "ecole", "enfant", "equipe", "jeunes", "mail", "sport",
    }
)  # fmt: skip
"""Les mots de service qui sont aussi des noms ou prénoms portés en France, seuls ou
derrière « l », « la », « le », « de », « des », « du » (fichiers de l'Insee ; un test les
recalcule) : « laurent.loyer » peut être M. Loyer, même à la mairie de Saint-Laurent. Ils
ne comptent pas pour lire une adresse faite du nom de l'organisme."""
