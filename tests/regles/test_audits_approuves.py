"""Les audits approuvés : chaque constat de l'audit, dans des conventions fautives à dessein.

Les tests règle par règle montrent qu'une règle se déclenche ; celui-ci fait un contrat de
**ce que dit** l'audit : pour chaque situation ci-dessous (la convention de base de
``conftest``, conforme, avec une faute ou plusieurs), chaque constat (code, sévérité, cible,
message, remède) et les décomptes du rapport sont comparés à la liste relue et approuvée,
``audits_approuves.txt``. Chaque branche des fonctions ``auditer`` du catalogue y passe au
moins une fois ; une situation conforme de chaque sorte y montre aussi ce que l'audit ne
dit pas.

Un constat nouveau, changé ou disparu fait échouer le test avec le détail. Si le changement
est voulu, relisez-le puis réécrivez la liste :

    MCP_APPROUVER=1 python -m pytest tests/regles/test_audits_approuves.py
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Final

import attrs

from mcp_rules import (
    CAF,
    GROUPE_AFAS_DECLARER,
    GROUPE_AFAS_HABILITER,
    AdministrateurDesigne,
    ConditionProfil,
    ConfigurationAfas,
    Convention,
    Fonction,
    Politique,
    ProfilT,
    RoleAffecte,
    RoleApplicatif,
    Service,
    Utilisateur,
    auditer,
)

from .conftest import (
    ADONIS_SANS_ROLE,
    AFAS_COMPLETE,
    COMPTES,
    INSTANT,
    compte,
    convention,
    groupe,
    groupe_cree,
)

APPROUVES: Final = Path(__file__).with_name("audits_approuves.txt")

HIER: Final = INSTANT - timedelta(days=1)
DEMAIN: Final = INSTANT + timedelta(days=1)
TOUS_LES_SERVICES: Final = frozenset(Service)


def _base(ident: str) -> Utilisateur:
    return next(u for u in COMPTES if u.identifiant == ident)


def _clos(ident: str, le: datetime = HIER) -> Utilisateur:
    return attrs.evolve(_base(ident), cloture_le=le)


def _panne(_: Utilisateur) -> bool:
    raise RuntimeError("service d'annuaire injoignable")


def _non(_: Utilisateur) -> bool:
    return False


def _oui(_: Utilisateur) -> bool:
    return True


_SANS_DIPLOME: Final = ConditionProfil(
    code="LOCAL-DIPLOME",
    titre="Diplôme d'État enregistré",
    verifier=_oui,
    donnees=("diplome_etat",),
    remede="Enregistrez le diplôme d'État.",
)
_FERMEE: Final = ConditionProfil(code="LOCAL-FERME", titre="Profil fermé", verifier=_non)
_EN_PANNE: Final = ConditionProfil(code="LOCAL-PANNE", titre="Annuaire", verifier=_panne)


Situation = tuple[str, Callable[[], Convention], datetime, Politique | None]


def _situations() -> Iterator[Situation]:
    """Chaque situation : un nom, la convention, l'instant de l'audit, la politique."""

    def s(
        nom: str,
        faire: Callable[[], Convention],
        instant: datetime = INSTANT,
        politique: Politique | None = None,
    ) -> Situation:
        return nom, faire, instant, politique

    # --- la base, conforme -------------------------------------------------------------
    yield s("base conforme", convention)
    yield s("base conforme, tous les services", lambda: convention(services=TOUS_LES_SERVICES))

    # --- CONV ---------------------------------------------------------------------------
    yield s(
        "CONV-01 groupe ADONIS sans le service ADONIS",
        lambda: convention(services=(Service.CDAP, Service.AFAS)),
    )
    yield s(
        "CONV-01 rôles AFAS sans le service AFAS",
        lambda: convention(
            services=(Service.CDAP, Service.ADONIS),
            sans_groupes=(GROUPE_AFAS_DECLARER, GROUPE_AFAS_HABILITER),
        ),
    )
    yield s(
        "CONV-01 sans AFAS ni rôles AFAS (conforme)",
        lambda: convention(
            services=(Service.CDAP, Service.ADONIS),
            sans_groupes=(GROUPE_AFAS_DECLARER, GROUPE_AFAS_HABILITER),
            afas=ConfigurationAfas(),
        ),
    )
    yield s(
        "CONV-02 un seul administrateur (conforme)",
        lambda: convention(administrateurs=("adm.martin",)),
    )
    yield s("CONV-02 aucun administrateur", lambda: convention(administrateurs=()))
    yield s(
        "CONV-02 trois administrateurs",
        lambda: convention(administrateurs=("adm.martin", "adm.bernard", "gest.blanc")),
    )
    yield s(
        "CONV-02 les deux administrateurs clôturés",
        lambda: convention(utilisateurs=(_clos("adm.martin"), _clos("adm.bernard"))),
    )
    yield s(
        "CONV-02 un administrateur sur deux clôturé",
        lambda: convention(utilisateurs=(_clos("adm.bernard"),)),
    )
    yield s(
        "CONV-02 administrateurs clôturés demain (conforme)",
        lambda: convention(
            utilisateurs=(_clos("adm.martin", DEMAIN), _clos("adm.bernard", DEMAIN))
        ),
    )
    yield s(
        "CONV-02 clôture à l'instant même de l'audit",
        lambda: convention(
            utilisateurs=(_clos("adm.martin", INSTANT), _clos("adm.bernard", INSTANT))
        ),
    )
    yield s(
        "CONV-03 administrateur désigné par un administrateur",
        lambda: convention(
            journal=(
                AdministrateurDesigne(instant=HIER, par=CAF, identifiant="adm.martin"),
                AdministrateurDesigne(instant=INSTANT, par="adm.martin", identifiant="adm.bernard"),
            )
        ),
    )
    yield s(
        "CONV-05 habilitations sans gestion déléguée",
        lambda: convention(
            gestion_deleguee=False,
            journal=(
                RoleAffecte(instant=HIER, par=CAF, groupe="T1AS", profil=ProfilT.T1),
                RoleAffecte(instant=INSTANT, par="adm.martin", groupe="T2PE", profil=ProfilT.T2),
                AdministrateurDesigne(instant=INSTANT, par=CAF, identifiant="adm.bernard"),
            ),
        ),
    )
    yield s(
        "CONV-05 habilitations en gestion déléguée (conforme)",
        lambda: convention(
            journal=(
                RoleAffecte(instant=INSTANT, par="adm.martin", groupe="T2PE", profil=ProfilT.T2),
            ),
        ),
    )
    yield s(
        "CONV-04 rôles étrangers à leur service",
        lambda: convention(
            services=TOUS_LES_SERVICES,
            groupes=(
                attrs.evolve(
                    groupe("T1ADO", "T1 Adonis", role=ProfilT.T1), role=RoleApplicatif.ADONIS
                ),
                groupe("T5LOG", "T5 Logement", role=ProfilT.T5),
                attrs.evolve(
                    ADONIS_SANS_ROLE, code="ADONIS-T1", membres=frozenset(), role=ProfilT.T1
                ),
                attrs.evolve(
                    ADONIS_SANS_ROLE,
                    code="BAIL-ADO",
                    service=Service.OFFRE_BAILLEURS,
                    role=RoleApplicatif.ADONIS,
                ),
                attrs.evolve(
                    ADONIS_SANS_ROLE,
                    code="BAIL-OK",
                    service=Service.OFFRE_BAILLEURS,
                    role=RoleApplicatif.OFFRE_BAILLEURS,
                ),
                groupe(
                    "AFAS-T1",
                    "Déclarants T1",
                    service=Service.AFAS,
                    gestionnaire="adm.martin",
                    role=ProfilT.T1,
                ),
            ),
        ),
    )

    # --- GRP ----------------------------------------------------------------------------
    yield s(
        "GRP-03/05 libellés et groupes sans rôle",
        lambda: convention(
            groupes=(
                groupe("T1AS", "Assistants sociaux", role=ProfilT.T1, membres=("as.leroy",)),
                groupe("SANS-PROFIL", "Accueil des familles"),
                groupe("T2-ATTENTE", "T2 Crèches", membres=("pe.fournier",)),
                groupe("T2-DEUX", "T2 Haltes-garderies", membres=("pe.fournier", "as.leroy")),
                ADONIS_SANS_ROLE,
            ),
        ),
    )
    yield s(
        "GRP-07 code réservé AFAS hors AFAS",
        lambda: convention(
            groupes=(
                groupe(GROUPE_AFAS_DECLARER, "T1 Faux déclarants", role=ProfilT.T1),
                attrs.evolve(ADONIS_SANS_ROLE, code=GROUPE_AFAS_HABILITER),
            ),
            journal=(
                groupe_cree("AFAS-LOCAL", "Groupe AFAS local", service=Service.AFAS),
                groupe_cree("AFAS-CAF", "Groupe AFAS de la Caf", par=CAF, service=Service.AFAS),
                groupe_cree("T3X", "T3 Accueil", par="adm.martin"),
            ),
        ),
    )
    yield s(
        "GRP-08 gestionnaire clôturé",
        lambda: convention(utilisateurs=(_clos("gest.durand"), _clos("gest.blanc", DEMAIN))),
    )
    yield s(
        "GRP-06 profils du contrat sans groupe",
        lambda: convention(profils=(ProfilT.T4, ProfilT.T1, ProfilT.T10, ProfilT.T2, ProfilT.T3)),
    )
    yield s(
        "GRP-06 profils du contrat sans le service CDAP : rien à dire",
        lambda: convention(
            services=(Service.AFAS, Service.ADONIS),
            profils=(ProfilT.T3,),
            sans_groupes=("T1AS", "T2PE"),
        ),
    )

    # --- USR ----------------------------------------------------------------------------
    yield s(
        "USR-03 une adresse pour deux, puis pour trois",
        lambda: convention(
            utilisateurs=(
                compte("pe.bis", "Hugo", "Fournier", email="Hugo.Fournier@ville-exemple.fr"),
                compte("ad.bis", "Eva", "Noel", email="eva.noel@ville-exemple.fr"),
                compte("ad.ter", "Eva", "Noel", email="EVA.NOEL@ville-exemple.fr"),
            )
        ),
    )
    yield s(
        "USR-01/02 fonctions et adresses de service",
        lambda: convention(
            utilisateurs=(
                compte("resp.pe", "Responsable", "Petite Enfance", email="r.pe@ville-exemple.fr"),
                compte("chef.rsa", "Jean", "Chef-de-Service", email="j.cds@ville-exemple.fr"),
                compte("mairie.x", "Paul", "Dubois", email="mairie.accueil@ville-exemple.fr"),
                compte("rh.y", "Nina", "Morel", email="rh@ville-exemple.fr"),
                compte("courrier.z", "Yves", "Roy", email="courriers@ville-exemple.fr"),
                compte("regie.w", "Zoe", "Lenoir", email="regie-paie@ville-exemple.fr"),
                # l'ordre des constats ne dépend pas de la casse : « _ » se range avant
                # les minuscules, mais après les capitales
                compte("svc_a", "Ana", "Petit", email="accueil.a@ville-exemple.fr"),
                compte("svca", "Ali", "Petit", email="accueil.b@ville-exemple.fr"),
            )
        ),
    )
    yield s(
        "USR-02 un mot de la politique locale",
        lambda: convention(
            utilisateurs=(
                compte("regie.w", "Zoe", "Lenoir", email="regie-paie@ville-exemple.fr"),
                compte("regie.v", "Alain", "Vidal", email="regie@ville-exemple.fr"),
            )
        ),
        politique=Politique(mots_adresse_service=frozenset({"regie"})),
    )
    yield s(
        "USR-04 comptes inutilisés",
        lambda: convention(
            utilisateurs=(
                compte("jamais.vu", "Remi", "Perrin", derniere_connexion=None),
                compte(
                    "vieux.vu",
                    "Alice",
                    "Brun",
                    derniere_connexion=INSTANT - timedelta(days=91),
                ),
                compte(
                    "juste.vu",
                    "Bruno",
                    "Clerc",
                    derniere_connexion=INSTANT - timedelta(days=90),
                ),
                compte(
                    "clos.vu",
                    "Cecile",
                    "Dumas",
                    cree_le=INSTANT - timedelta(days=500),
                    derniere_connexion=INSTANT - timedelta(days=400),
                    cloture_le=HIER,
                ),
            )
        ),
    )
    yield s(
        "USR-04 une limite locale de 30 jours",
        lambda: convention(
            utilisateurs=(
                compte("mois.vu", "Alice", "Brun", derniere_connexion=INSTANT - timedelta(days=31)),
            )
        ),
        politique=Politique(inactivite_max=timedelta(days=30)),
    )
    yield s("USR-04 un an plus tard", convention, INSTANT + timedelta(days=365))

    # --- AFAS ---------------------------------------------------------------------------
    declarer = next(g for g in convention().groupes if g.code == GROUPE_AFAS_DECLARER)
    yield s(
        "AFAS-03 trop de titulaires, titulaires hors AFAS-DECLARER",
        lambda: convention(
            afas=ConfigurationAfas(
                fda=frozenset({"afas.dupont", "afas.lefevre", "afas.garnier"}),
                fdf=frozenset({"afas.lefevre", "afas.roche", "as.leroy"}),
                approbateur="pe.fournier",
                approbateur_en_attente="ad.noel",
            )
        ),
    )
    yield s(
        "AFAS-03 déclarants d'un sous-groupe, et d'un faux AFAS-DECLARER",
        lambda: convention(
            groupes=(
                groupe(
                    "AFAS-DECL-EST",
                    "Déclarants de l'Est",
                    service=Service.AFAS,
                    gestionnaire="adm.martin",
                    parent=GROUPE_AFAS_DECLARER,
                    membres=("afas.roche",),
                ),
                attrs.evolve(declarer, membres=frozenset({"afas.dupont", "afas.lefevre"})),
            ),
            afas=attrs.evolve(AFAS_COMPLETE, fdf=frozenset({"afas.roche"})),
        ),
    )
    yield s(
        "AFAS-04 configuration vide",
        lambda: convention(afas=ConfigurationAfas()),
    )
    yield s(
        "AFAS-04 titulaires clôturés",
        lambda: convention(
            utilisateurs=(_clos("afas.dupont"), _clos("afas.lefevre"), _clos("afas.garnier")),
            afas=attrs.evolve(AFAS_COMPLETE, fdf=frozenset({"afas.lefevre", "afas.garnier"})),
        ),
    )
    yield s(
        "AFAS-04 un titulaire actif sur deux suffit (conforme)",
        lambda: convention(
            utilisateurs=(_clos("afas.lefevre"),),
            afas=attrs.evolve(AFAS_COMPLETE, fdf=frozenset({"afas.lefevre", "afas.garnier"})),
        ),
    )
    yield s(
        "AFAS-05 approbateur en attente sans approbateur",
        lambda: convention(
            afas=attrs.evolve(
                AFAS_COMPLETE, approbateur=None, approbateur_en_attente="afas.garnier"
            )
        ),
    )
    yield s(
        "AFAS-05 approbateur en attente de la PJ 3",
        lambda: convention(afas=attrs.evolve(AFAS_COMPLETE, approbateur_en_attente="afas.dupont")),
    )
    yield s(
        "AFAS hors contrat : rien à auditer",
        lambda: convention(
            services=(Service.CDAP, Service.ADONIS),
            sans_groupes=(GROUPE_AFAS_DECLARER, GROUPE_AFAS_HABILITER),
            afas=ConfigurationAfas(fda=frozenset({"as.leroy", "pe.fournier", "ad.noel"})),
        ),
    )

    # --- ELIG ---------------------------------------------------------------------------
    ast = Fonction.ASSISTANT_SOCIAL_DU_TRAVAIL
    yield s(
        "ELIG conditions du guide, membre par membre",
        lambda: convention(
            profils=tuple(ProfilT),
            utilisateurs=(
                compte("ast.un", "Rose", "Marchand", fonction=ast),
                compte("ast.deux", "Noe", "Caron", fonction=ast),
                compte("ast.clos", "Iris", "Faure", fonction=ast, cloture_le=HIER),
                compte("ast.ado", "Axel", "Henry", fonction=ast),
                compte("t1.autre", "Leo", "Gauthier"),
                compte(
                    "t1.sans",
                    "Mia",
                    "Perrot",
                    email="mia.perrot@ville-exemple.fr",
                    fonction=Fonction.ASSISTANT_SOCIAL,
                ),
                compte("t4.sans", "Tom", "Masson", fonction=Fonction.INSTRUCTEUR_RSA),
                compte("t9.sans", "Lou", "Picard", fonction=Fonction.MANDATAIRE_JUDICIAIRE),
                compte("t10.sans", "Jade", "Renard"),
                compte("t10.code", "Eli", "Colin", code_bailleur="B42"),
                compte("t3.libre", "Ana", "Robin"),
            ),
            groupes=(
                groupe(
                    "T1AS",
                    "T1 Assistants sociaux",
                    role=ProfilT.T1,
                    membres=("as.leroy", "ast.un", "ast.deux", "ast.clos", "t1.autre", "t1.sans"),
                ),
                groupe("T1BIS", "T1 Antenne", role=ProfilT.T1, membres=("ast.deux", "t1.autre")),
                groupe("T1TER", "T1 Permanence", role=ProfilT.T1, membres=("t1.autre",)),
                groupe("T2PE", "T2 Petite enfance", role=ProfilT.T2, membres=("t1.autre",)),
                groupe("T3ACC", "T3 Accueil", role=ProfilT.T3, membres=("t3.libre",)),
                groupe("T4RSA", "T4 RSA", role=ProfilT.T4, membres=("t4.sans",)),
                groupe("T9MJ", "T9 Mandataires", role=ProfilT.T9, membres=("t9.sans",)),
                groupe("T10B", "T10 Bailleurs", role=ProfilT.T10, membres=("t10.sans", "t10.code")),
                groupe("T5SANS", "T5 Sans rôle", membres=("t3.libre",)),
                attrs.evolve(
                    ADONIS_SANS_ROLE,
                    role=RoleApplicatif.ADONIS,
                    membres=frozenset({"ad.noel", "ast.ado"}),
                ),
            ),
        ),
    )
    yield s(
        "ELIG sans le service CDAP",
        lambda: convention(
            services=(Service.AFAS, Service.ADONIS),
            profils=(),
            utilisateurs=(compte("t1.autre", "Leo", "Gauthier"),),
            groupes=(groupe("T1AS", "T1 Assistants", role=ProfilT.T1, membres=("t1.autre",)),),
            sans_groupes=("T2PE",),
        ),
    )
    politique = Politique(
        conditions={
            ProfilT.T1: [_SANS_DIPLOME],
            ProfilT.T2: [_EN_PANNE],
            ProfilT.T3: [_SANS_DIPLOME, _FERMEE],
        }
    )
    yield s(
        "ELIG-07 conditions locales : donnée absente, refus, panne",
        lambda: convention(
            utilisateurs=(
                compte(
                    "as.sans",
                    "Mia",
                    "Perrot",
                    email="mia.perrot@ville-exemple.fr",
                    fonction=Fonction.ASSISTANT_SOCIAL,
                ),
            ),
            groupes=(
                groupe(
                    "T1AS",
                    "T1 Assistants sociaux",
                    role=ProfilT.T1,
                    membres=("as.leroy", "as.sans"),
                ),
                groupe("T3ACC", "T3 Accueil", role=ProfilT.T3, membres=("as.sans", "as.leroy")),
            ),
            profils=(ProfilT.T1, ProfilT.T2, ProfilT.T3),
        ),
        politique=politique,
    )

    # --- SEC ----------------------------------------------------------------------------
    yield s(
        "SEC-05 administrateur clôturé, non remplacé",
        lambda: convention(
            utilisateurs=(_clos("adm.bernard", datetime(2026, 3, 1, 8, 30, tzinfo=INSTANT.tzinfo)),)
        ),
    )


def _lignes() -> list[str]:
    lignes: list[str] = []
    for nom, faire, instant, politique in _situations():
        r = auditer(faire(), instant=instant, politique=politique)
        lignes.append(f"## {nom} @ {instant.isoformat()}")
        for x in r.constats:
            lignes.append(f"{x.code} [{x.severite.value}] {x.cible or '—'} · {x.message}")
            if x.remede:
                lignes.append(f"    → {x.remede}")
        profils = ", ".join(
            f"{p.value} {n}"
            for p, n in sorted(r.comptes_par_profil.items(), key=lambda pn: pn[0].rang)
        )
        services = ", ".join(
            f"{s.value} {n}"
            for s, n in sorted(r.comptes_par_service.items(), key=lambda sn: sn[0].value)
        )
        lignes.append(
            f"   comptes {r.nombre_comptes}, actifs {r.nombre_comptes_actifs}, groupes "
            f"{r.nombre_groupes} ; par profil : {profils or '—'} ; par service : "
            f"{services or '—'}"
        )
    return lignes


def test_les_audits_sont_ceux_approuves() -> None:
    actuel = "\n".join(_lignes()) + "\n"
    if os.environ.get("MCP_APPROUVER"):
        APPROUVES.write_text(actuel, encoding="utf-8")
    approuve = APPROUVES.read_text(encoding="utf-8")
    if actuel != approuve:
        avant, apres = approuve.splitlines(), actuel.splitlines()
        nouvelles = [x for x in apres if x not in set(avant)][:15]
        disparues = [x for x in avant if x not in set(apres)][:15]
        raise AssertionError(
            "les constats de l'audit ont changé ; relisez, puis MCP_APPROUVER=1 pour approuver\n"
            + "\n".join(f"+ {x}" for x in nouvelles)
            + "\n"
            + "\n".join(f"- {x}" for x in disparues)
        )


def test_chaque_situation_fautive_fait_parler_l_audit() -> None:
    """Un garde-fou de la liste elle-même : une situation qui ne montre plus rien est une
    situation mal construite (sauf celles dites conformes ou « rien à auditer »)."""
    muettes = [
        nom
        for nom, faire, instant, politique in _situations()
        if not auditer(faire(), instant=instant, politique=politique).constats
    ]
    assert all("conforme" in nom or "rien" in nom for nom in muettes), muettes
