"""Hook mkdocs : le catalogue des règles, engendré à chaque construction depuis le code.

La page ``regles.md`` n'est qu'une amorce : le marqueur :data:`MARQUEUR` y est remplacé
(événement ``on_page_markdown``) par ce que rend :func:`markdown_catalogue`, tiré de
``mcp_rules.regles.catalogue.CATALOGUE`` et ``DOMAINES`` et de ``table_de_decision()``. Une règle
ajoutée, retirée ou reformulée dans le code l'est donc aussi dans la documentation, sans
copie à tenir à jour.

Seul le texte des interprétations (:data:`INTERPRETATIONS`) vit ici : ``Regle.interpretations``
n'en donne que les numéros. Une règle qui renverrait à un numéro inconnu arrête la
construction.

>>> from mcp_rules import CATALOGUE
>>> texte = markdown_catalogue()
>>> all(f"{{ #{code.lower()} }}" in texte for code in CATALOGUE)
True
>>> "| T4 | Agent instructeur du RSA | manquantes | non | MCP-ELIG-04 |" in texte
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final

from mcp_rules import CATALOGUE, Objet, ProfilT, Regle, table_de_decision
from mcp_rules.regles.catalogue import DOMAINES

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

__all__ = ["INTERPRETATIONS", "MARQUEUR", "PAGE", "markdown_catalogue", "on_page_markdown"]

PAGE: Final = "regles.md"
"""La page (chemin dans ``docs/``) qui reçoit le catalogue."""

MARQUEUR: Final = "<!-- catalogue-des-regles -->"
"""La ligne de ``regles.md`` que le hook remplace."""

INTERPRETATIONS: Final[Mapping[int, tuple[str, str]]] = {
    1: (
        "Sous-groupes : la règle la plus étroite, service par service",
        (
            "Trois passages du guide se contredisent : le tableau récapitulatif laisse le "
            "gestionnaire d'habilitations créer des sous-groupes, la partie CDAP réserve groupes "
            "et sous-groupes aux administrateurs, la partie AFAS réserve les groupes AFAS à la "
            "Caf. On retient, pour chaque service, la lecture la plus restrictive : sous-groupes "
            "CDAP par les administrateurs seulement ; groupes et sous-groupes AFAS par la Caf "
            "seulement ; sous-groupes ADONIS et Offre-bailleurs par un administrateur ou par le "
            "gestionnaire du groupe parent."
        ),
    ),
    2: (
        "24 heures : du temps écoulé",
        (
            "La validité du mot de passe temporaire se compte en durée réelle (arithmétique en "
            "UTC), pas en « même heure le lendemain ». La nuit d'un changement d'heure à Paris, "
            "les deux lectures diffèrent d'une heure : c'est la durée écoulée qui fait foi."
        ),
    ),
    3: (
        "Le libellé commence par le code du profil",
        (
            "Le libellé doit débuter par le code du profil (comparé sans tenir compte de la "
            "casse), suivi soit de la fin du texte, soit d'un caractère qui n'est ni une lettre "
            "ni un chiffre. Pour le rôle T1, « T1 Assistants sociaux » et « t1-CESF » "
            "conviennent ; « T10 Bailleurs » et « T1AS » ne conviennent pas."
        ),
    ),
    4: (
        "Un ou deux administrateurs",
        (
            "Une convention compte un ou deux administrateurs partenaires ; les commandes n'en "
            "retirent jamais le dernier ni n'en ajoutent un troisième (voir aussi "
            "l'interprétation 18 pour une convention lue telle quelle)."
        ),
    ),
    5: (
        "Une date de clôture peut être à venir",
        (
            "Une clôture datée dans le futur est permise : le compte garde tous ses droits "
            "jusqu'à cet instant, et n'en a plus aucun à partir de lui."
        ),
    ),
    6: (
        "« Absence prolongée » : une durée choisie localement",
        (
            "Le guide ne chiffre pas l'absence prolongée. La limite est un paramètre de "
            "`Politique` (`inactivite_max`, 90 jours par défaut) : c'est un choix de "
            "l'organisme, pas une règle du guide."
        ),
    ),
    7: (
        "Le code département d'un numéro d'instructeur",
        (
            "Trois caractères parmi `001` à `095` (sauf `020`), `02A`, `02B` et `971` à `976`. "
            "La saisie peut contenir des espaces, des points, des tirets et des minuscules : les "
            "séparateurs sont retirés et les lettres mises en majuscules avant tout contrôle."
        ),
    ),
    8: (
        "Ce qu'est une adresse de service",
        (
            "Une adresse est une adresse de service si sa partie locale (avant `@`) commence "
            "par un mot de service (accueil, contact, secretariat, ccas, rsa, petite, enfance, "
            "creche, mairie, msap, pij, rh, regie…, la liste de "
            "`mcp_rules.regles.nominatif.MOTS_SERVICE`), suivi d'un séparateur (`.`, `-`, `_`, "
            "`+`), de chiffres ou de rien, ou si son dernier mot (chiffres et séparateurs de "
            "fin ôtés) est une marque de service "
            "(mairie, commune, cada, accueil…, `MARQUES_PARTOUT` : `cassagne.mairie@`) — sauf "
            "si elle contient le nom, le prénom ou les initiales de la personne "
            "(interprétation 23). Une adresse faite du nom de l'organisme partenaire et d'un mot "
            "de service, ou de son sigle (`ccpo@` de la communauté de communes du Pays de "
            "l'Ourcq), est aussi de service ; le nom du lieu seul (`landivisiau@`) ne l'est "
            "pas : il pourrait être celui d'une personne. Un mot de service qui commence des "
            "noms portés en France "
            "(`mail` de Maillard, `ville` de Villeneuve) ne compte pas collé au mot suivant. Un "
            "intégrateur peut allonger la liste par `Politique.mots_adresse_service`."
        ),
    ),
    9: (
        "Identifiants, codes et adresses : ASCII et sans casse",
        (
            "Les identifiants de compte et les codes de groupe ne contiennent que des lettres et "
            "chiffres ASCII, `.`, `_` et `-`, et se comparent sans tenir compte de la casse ; "
            "toute autre saisie est refusée, jamais retouchée en silence. Pour « une personne, "
            "un compte », deux adresses électroniques se comparent en entier, sans casse."
        ),
    ),
    10: (
        "La place d'un administrateur clôturé",
        (
            "Les administrateurs sont ceux que désigne la convention. Un administrateur dont le "
            "compte est clôturé garde sa place tant que la Caf ne lui a pas nommé de remplaçant "
            "(annexe 3) ; une convention dont tous les administrateurs sont clôturés est en "
            "erreur."
        ),
    ),
    11: (
        "Le premier approbateur AFAS",
        (
            "Le premier approbateur se configure directement (`configurer_role_afas`). Remplacer "
            "un approbateur en fonction passe seulement par `changer_approbateur` (PJ 3 et "
            "validation de la Caf) ; configurer un second approbateur pendant qu'un autre est "
            "en fonction est refusé au titre de MCP-AFAS-05."
        ),
    ),
    12: (
        "Le temps est un argument",
        (
            "Toute fonction dont la réponse dépend du moment reçoit l'instant en argument ; la "
            "bibliothèque ne lit jamais l'horloge. Un instant sans fuseau horaire est refusé "
            "avec une erreur explicite. Cette interprétation vaut pour toute la bibliothèque."
        ),
    ),
    13: (
        "L'étape 2 de CDAP : les administrateurs seuls",
        (
            "Le tableau récapitulatif accorde au gestionnaire le droit d'associer des droits aux "
            "groupes ; le tableau CDAP réserve « l'affectation du rôle au groupe (profil T) » à "
            "l'administrateur partenaire. Comme pour les sous-groupes, la règle la plus étroite "
            "l'emporte, service par service : un profil T se donne et se retire par un "
            "administrateur (ou la Caf) ; le gestionnaire peut donner leur rôle aux groupes "
            "ADONIS et Offre-bailleurs qu'il gère. Ni les plans ni la documentation ne "
            "proposent un gestionnaire pour un profil CDAP."
        ),
    ),
    14: (
        "La responsabilité d'un gestionnaire",
        (
            "Un compte est sous la responsabilité d'un gestionnaire quand chacun de ses groupes "
            "est un groupe qu'il gère (ou un sous-groupe de l'un d'eux), et que ce n'est ni le "
            "compte d'un administrateur, ni celui du gestionnaire d'un groupe qu'il ne gère "
            "pas. Une personne partagée avec le groupe d'un autre gestionnaire est sous leur "
            "responsabilité commune : seuls les administrateurs la modifient, la clôturent ou "
            "la réactivent. Un compte qui n'est dans aucun groupe relève des administrateurs. "
            "Un gestionnaire n'ajoute à ses groupes que des comptes déjà sous sa "
            "responsabilité, ou qu'il crée dans ce geste ; il ne nomme gestionnaire de son "
            "sous-groupe que lui-même ou un tel compte. Seuls les administrateurs (et la Caf) "
            "agissent sur le compte ou les groupes d'un administrateur."
        ),
    ),
    15: (
        "Les services sans profil T ont aussi un rôle",
        (
            "Un groupe ADONIS ou Offre-bailleurs donne l'accès à son service par un rôle, comme "
            "un groupe CDAP par son profil. Le guide ne nomme pas ces rôles : la bibliothèque "
            "en compte un par service, qu'un groupe de ce service a ou n'a pas. Un groupe sans "
            "rôle, de quelque service qu'il soit, ne donne rien. AFAS garde son propre modèle "
            "(AFAS-DECLARER et l'administration des profils)."
        ),
    ),
    16: (
        "Le code bailleur du profil T10",
        (
            "Le système demande son code bailleur de Cafpro à un utilisateur T10 quand il "
            "consulte. Être membre d'un groupe T10 sans code enregistré est donc permis "
            "(l'audit le signale pour information) ; c'est la consultation en T10 qui exige le "
            "code : la réponse dit qu'il manque (`code_bailleur`) tant qu'il n'est ni enregistré "
            "sur le compte, ni donné au moment de consulter."
        ),
    ),
    17: (
        "Qui s'adresse à la Caf",
        (
            "La partie 5 et les contacts de l'annexe 2 réservent aux administrateurs partenaires "
            "le droit de solliciter la Caf ; une phrase de l'annexe 2 y ajoute les "
            "gestionnaires. Deux passages contre un : seuls les administrateurs s'adressent à la "
            "Caf ; un gestionnaire passe par eux, et un refus le lui dit."
        ),
    ),
    18: (
        "Une convention sans administrateur",
        (
            "L'interprétation 4 vaut pour les commandes. Une `Convention` construite "
            "directement, ou lue en JSON, sans administrateur se charge pourtant, pour pouvoir "
            "être auditée : l'audit la signale en erreur (MCP-CONV-02)."
        ),
    ),
    19: (
        "Un diagnostic sur un profil vérifie d'abord le profil",
        (
            "Un symptôme propre à un profil (le code demandé en T10, le numéro d'instructeur "
            "du T4) commence par vérifier que la personne a ce profil ou est dans un groupe qui "
            "le porte. Sinon, c'est la cause rapportée, et aucun plan ne demande d'enregistrer "
            "une donnée dont elle n'a pas besoin."
        ),
    ),
    20: (
        "Un constat nomme toujours le même genre d'objet",
        (
            "La cible d'un constat est le code du groupe pour une règle sur un groupe (GRP), "
            "l'identifiant du compte pour une règle sur un compte, rien pour la convention "
            "entière — la même pour un code donné, qu'il vienne de l'audit, d'une commande, "
            "d'un diagnostic ou d'un plan. Chaque règle le déclare (Regle.objet, colonne « cible » "
            "ci-dessus). Un refus nomme ce que l'acteur vise, jamais l'acteur à sa place (le "
            "message, lui, nomme l'acteur) ; une cible vide pour une règle de groupe ou de compte "
            "veut dire que la demande n'en nommait aucun. Les règles sur ce qui manque à la "
            "convention (MCP-GRP-06 : un profil sans groupe) n'ont pas de cible."
        ),
    ),
    21: (
        "Nul ne se qualifie ni ne s'habilite lui-même",
        (
            "L'administrateur est garant de l'éligibilité des habilitations qu'il accorde. Qui "
            "n'est pas administrateur ne change pas ses propres données d'éligibilité "
            "(fonction, numéro d'instructeur, code bailleur, diplôme, mandats), ne s'ajoute pas "
            "à un groupe, ne donne pas de rôle à un groupe dont il est membre et ne se configure "
            "pas de rôle AFAS : un administrateur le fait. Les administrateurs, que nomme la "
            "convention, le peuvent : c'est ainsi qu'ils s'ajoutent aux groupes dont ils ont "
            "besoin (MCP-CONV-06)."
        ),
    ),
    22: (
        "Les codes AFAS sont réservés",
        (
            "Les codes `AFAS-DECLARER` et `AFAS-HABILITER` (sans tenir compte de la casse) "
            "n'appartiennent qu'aux groupes AFAS : aucun groupe d'un autre service ne peut les "
            "prendre, et les droits et l'accès AFAS ne viennent que des vrais groupes AFAS de "
            "ces codes, jamais d'un groupe d'un autre service qui en porterait le nom."
        ),
    ),
    23: (
        "Les vraies personnes d'abord",
        (
            "Beaucoup de noms de famille français sont des noms communs (Bureau, Chef, Poste, "
            "Guichet, Boulanger…). Refuser l'adresse d'une vraie personne est pire que laisser "
            "passer une adresse générique : une adresse dont la partie locale contient le nom "
            "ou le prénom du compte est nominative, quel que soit le mot par lequel elle "
            "commence. Un nom ne se lit comme une fonction que s'il ne peut pas être celui "
            "d'une personne ; à l'inverse, une adresse faite seulement de mots de service est "
            "une adresse de service. Casse, accents, ligatures et séparateurs sont pliés ; des "
            "initiales seules sont aussi celles de la personne. La détection se mesure "
            "(`python benchmarks/nominatif.py`) sur des corpus écrits à la main — 0 refus à "
            "tort sur 2 140 adresses nominatives, dont 240 de personnes au nom commun ; 0 nom "
            "de personne signalé ; les 648 boîtes du corpus reconnues, mais 27 seulement des "
            "60 boîtes témoins écrites après le réglage (45 %) — et sur des données réelles, "
            "jamais vues de la main qui a écrit la règle (`tests/regles/corpus/LISEZMOI.md`). "
            "Sur 664 adresses de vraies personnes (l'annuaire des PRADA, pseudonymisé) : 0 "
            "refus à tort, 0 nom signalé. Sur les jeux témoins, que la liste n'a pas vus : "
            "81,6 % des 310 boîtes de service utilisées par des PRADA sont refusées (44,5 % "
            "avant ce réglage), et 76,0 % des 763 boîtes d'organismes publics de l'annuaire de "
            "l'administration reconnues (51,2 % avant ; 89,6 % des mairies, 60,6 % des autres "
            "organismes). L'objectif de 95 % n'est donc pas atteint sur les boîtes réelles : "
            "ce qui manque est fait d'un nom de lieu ou d'organisme seul (`landivisiau@`, "
            "`lachrysalide@`) ou d'un sigle que la liste ne connaît pas — une adresse que "
            "l'interprétation choisit de ne pas refuser, faute de pouvoir la distinguer d'un "
            "nom de personne. Enfin, sur les 75 000 noms et prénoms les plus portés selon "
            "l'Insee, placés en tête d'une adresse qui n'est pas celle du compte (un nom de "
            "jeune fille, un collègue), 90 formes sur 225 000 sont refusées, chacune par un "
            "mot de service entier (Bureau, Guichet, Courrier…) ; avant ce réglage, 672, dont "
            "585 par un mot de service collé au début d'un nom (Maillard, Villeneuve). Une "
            "initiale collée à l'un des noms les plus portés, entier ou tronqué à huit lettres "
            "(`cschneid`) : 0 refus sur 106 850 formes (105 avant : `crousseau`, `emaillard`). "
            "Le nom de 60 organismes des corpus ne fait refuser aucun de ces noms."
        ),
    ),
    24: (
        "L'étape 2 d'AFAS",
        (
            "Dans le vrai AFAS-DECLARER, son gestionnaire et les membres du vrai AFAS-HABILITER "
            "peuvent ajouter ou retirer tout compte actif de la convention, administrateurs "
            "compris : cette appartenance donne l'accès AFAS à la personne, jamais un droit sur "
            "son compte. Aussi les groupes d'AFAS-DECLARER ne comptent-ils pas pour dire de qui "
            "un compte relève : un compte qui n'est que dans AFAS-DECLARER relève des "
            "administrateurs, comme un compte sans groupe. Personne ne s'y ajoute lui-même."
        ),
    ),
}
"""Les interprétations retenues là où le guide est ambigu : numéro → (titre, texte)."""

_ECHAPPER: Final = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|"})


def _md(texte: str) -> str:
    """Du texte brut rendu sûr en Markdown (ni emphase, ni lien, ni cellule coupée)."""
    return texte.translate(_ECHAPPER)


def _ancre(code: str) -> str:
    return code.lower()


_OBJETS: Final = {
    Objet.GROUPE: "le groupe",
    Objet.COMPTE: "le compte",
    Objet.CONVENTION: "la convention",
}
"""Ce que nomme ``Constat.cible`` pour chaque sorte de règle (interprétation 20)."""


def _severite(regle: Regle) -> str:
    return regle.severite.libelle if regle.automatisable else "documentée"


def _regles_du_domaine(domaine: str) -> list[Regle]:
    return [r for r in CATALOGUE.values() if r.domaine == domaine]


def _interpretation(numero: int, code: str) -> tuple[str, str]:
    try:
        return INTERPRETATIONS[numero]
    except KeyError:
        raise KeyError(
            f"{code} renvoie à l'interprétation {numero}, absente de docs/hooks/catalogue.py"
        ) from None


def _vue_d_ensemble() -> list[str]:
    lignes = [
        "## Vue d'ensemble",
        "",
        f"{len(CATALOGUE)} règles, en {len(DOMAINES)} domaines.",
        "",
        "| code | sévérité | cible | règle |",
        "|---|---|---|---|",
    ]
    lignes.extend(
        f"| [{r.code}](#{_ancre(r.code)}) | {_severite(r)} | {_OBJETS[r.objet]} | {_md(r.titre)} |"
        for r in CATALOGUE.values()
    )
    lignes.append("")
    return lignes


def _fiche(regle: Regle) -> list[str]:
    lignes = [
        f"### {regle.code} — {_md(regle.titre)} {{ #{_ancre(regle.code)} }}",
        "",
        (
            f"**Sévérité** : {_severite(regle)} · **Cible des constats** : "
            f"{_OBJETS[regle.objet]} · **Source dans le guide** : *{_md(regle.source)}*"
        ),
        "",
    ]
    if regle.description:
        lignes.extend([_md(regle.description), ""])
    if not regle.automatisable:
        lignes.extend(
            [
                (
                    "Cette règle ne se vérifie pas sur des données : elle est documentée ici et "
                    "n'est jamais passée sous silence, mais aucun constat ne la cite."
                ),
                "",
            ]
        )
    for numero in regle.interpretations:
        titre, texte = _interpretation(numero, regle.code)
        lignes.extend(
            [
                f'!!! info "Interprétation {numero} — {titre}"',
                "",
                f"    {texte} ([toutes les interprétations](#interpretation-{numero}))",
                "",
            ]
        )
    return lignes


def _domaines() -> list[str]:
    lignes: list[str] = []
    for domaine, intitule in DOMAINES:
        regles = _regles_du_domaine(domaine)
        lignes.extend([f"## {domaine} — {_md(intitule)} {{ #domaine-{domaine.lower()} }}", ""])
        for regle in regles:
            lignes.extend(_fiche(regle))
    orphelines = [r.code for r in CATALOGUE.values() if r.domaine not in dict(DOMAINES)]
    if orphelines:
        raise ValueError(f"règles hors de tout domaine de DOMAINES : {', '.join(orphelines)}")
    return lignes


def _liens(codes: Iterable[str]) -> str:
    return ", ".join(f"[{c}](#{_ancre(c)})" for c in codes)


def _interpretations() -> list[str]:
    lignes = [
        "## Interprétations retenues { #interpretations }",
        "",
        (
            "Là où le guide est ambigu ou se contredit, la bibliothèque suit les lectures "
            "ci-dessous ; un code qui en suivrait une autre serait un défaut."
        ),
        "",
    ]
    for numero, (titre, texte) in sorted(INTERPRETATIONS.items()):
        codes = [r.code for r in CATALOGUE.values() if numero in r.interpretations]
        portee = (
            f"S'applique à : {_liens(codes)}."
            if codes
            else "Aucune règle du catalogue n'y renvoie en particulier."
        )
        lignes.extend(
            [
                f"### {numero}. {titre} {{ #interpretation-{numero} }}",
                "",
                texte,
                "",
                portee,
                "",
            ]
        )
    return lignes


def _tables() -> list[str]:
    table = table_de_decision().vers_markdown().splitlines()
    entete, lignes_table = table[:2], table[2:]
    lignes = [
        "## Tables de décision des profils { #tables-de-decision }",
        "",
        (
            "Pour chaque profil et chaque fonction, un compte type est soumis aux règles ELIG "
            "deux fois : avec toutes les données utiles renseignées (numéro d'instructeur, code "
            "bailleur, diplôme d'État, dossiers confiés) puis sans aucune. La colonne « permis » "
            "dit si le profil lui est accordé ; « règles » cite les codes qui en décident. "
            "Ces tables sont calculées par `table_de_decision()` (commande `mcp-rules tables`)."
        ),
        "",
    ]
    restantes = list(lignes_table)
    for profil in ProfilT:
        prefixe = f"| {profil.value} |"
        du_profil = [x for x in lignes_table if x.startswith(prefixe)]
        restantes = [x for x in restantes if not x.startswith(prefixe)]
        lignes.extend([f'??? abstract "Profil {profil.value}"', ""])
        lignes.extend(f"    {x}" for x in (*entete, *du_profil))
        lignes.append("")
    if restantes:  # une forme de table inattendue : tout montrer plutôt que perdre des lignes
        lignes.extend(["Autres cas :", "", *entete, *restantes, ""])
    return lignes


def markdown_catalogue() -> str:
    """Le Markdown qui remplace :data:`MARQUEUR` : vue d'ensemble, fiches, interprétations, tables.

    Chaque règle de ``CATALOGUE`` y a sa fiche, d'ancre ``#`` + son code en minuscules
    (``#mcp-grp-03``).
    """
    return "\n".join([*_vue_d_ensemble(), *_domaines(), *_interpretations(), *_tables()]) + "\n"


def on_page_markdown(
    markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files, **_: Any
) -> str:
    """Remplace le marqueur de ``regles.md`` par le catalogue ; laisse les autres pages."""
    if page.file.src_uri != PAGE:
        return markdown
    if MARQUEUR not in markdown:
        from mkdocs.exceptions import PluginError  # noqa: PLC0415 - seulement à la construction

        raise PluginError(f"docs/{PAGE} doit contenir le marqueur {MARQUEUR}")
    return markdown.replace(MARQUEUR, markdown_catalogue(), 1)
