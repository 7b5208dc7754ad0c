"""Les lots (``mcp_rules.lots``) : la même chose que l'audit séquentiel, fichier par fichier,
quel que soit le nombre de processus, et aucun fichier perdu."""

from __future__ import annotations

import json
import pickle
import signal
from collections import Counter
from pathlib import Path

import pytest

from mcp_rules import ConditionProfil, DonneeInvalide, Politique, ProfilT, Severite
from mcp_rules.exemple import convention_exemple
from mcp_rules.interfaces import lots as module_lots
from mcp_rules.interfaces.entrees import Entree
from mcp_rules.lots import (
    AuditConvention,
    DocumentJson,
    LigneConstat,
    Verdict,
    auditer_lot,
    code_de_sortie,
    lignes_constats,
    nombre_de_coeurs,
)
from mcp_rules.serialisation import vers_json

from . import lots_communs as lc


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return lc.ecrire_lot(tmp_path_factory.mktemp("lot"))


@pytest.fixture(scope="module")
def sequentiel(dossier: Path) -> list[AuditConvention]:
    return list(auditer_lot(dossier, instant=lc.INSTANT, jobs=1))


def test_chaque_convention_a_les_constats_de_l_audit_seul(
    dossier: Path, sequentiel: list[AuditConvention]
) -> None:
    par_source = {r.source: r for r in sequentiel}
    fichiers = lc.conventions(dossier)
    assert len(fichiers) == lc.NOMBRE
    for chemin in fichiers:
        resultat = par_source[str(chemin)]
        attendu = lc.reference(chemin)
        assert lc.abreger(resultat) == attendu, chemin
        erreurs = sum(1 for c in attendu if c[1] == "ERREUR")
        assert resultat.verdict is (Verdict.NON_CONFORME if erreurs else Verdict.CONFORME)
        assert resultat.nombres[Severite.ERREUR] == erreurs
        assert sum(resultat.nombres.values()) == len(attendu)
        assert resultat.numero is not None
        assert resultat.erreurs_entree == ()
    verdicts = Counter(r.verdict for r in sequentiel)
    # le lot de test a bien des deux : sinon il ne montrerait rien
    assert verdicts[Verdict.CONFORME] > 0
    assert verdicts[Verdict.NON_CONFORME] > 0


def test_chaque_fichier_fautif_a_son_resultat(sequentiel: list[AuditConvention]) -> None:
    invalides = {r.source: r for r in sequentiel if r.verdict is Verdict.ENTREE_INVALIDE}
    racine = min(invalides, key=len).rsplit("/", 1)[0]
    codes = {s.removeprefix(racine + "/"): r.erreurs_entree[0].code for s, r in invalides.items()}
    assert codes == lc.FAUTIFS
    for r in invalides.values():
        assert r.numero is None
        assert r.constats == ()
        assert all(e.message for e in r.erreurs_entree)
    fantome = invalides[racine + "/sous/fantome.json"].erreurs_entree[0]
    assert fantome.message == f"fichier introuvable : {racine}/sous/fantome.json"
    incomplet = invalides[racine + "/incomplet.json"]
    assert {e.chemin for e in incomplet.erreurs_entree} >= {"$.organisme", "$.services"}
    assert len(sequentiel) == lc.NOMBRE + len(lc.FAUTIFS)  # notes.txt n'est pas lu


def test_jobs_2_rend_exactement_la_meme_chose_dans_le_meme_ordre(
    dossier: Path, sequentiel: list[AuditConvention]
) -> None:
    vus: list[tuple[int, int]] = []
    parallele = list(
        auditer_lot(
            [str(dossier)],
            instant=lc.INSTANT,
            jobs=2,
            progression=lambda faits, total: vus.append((faits, total)),
        )
    )
    assert parallele == sequentiel
    assert [r.source for r in parallele] == sorted(r.source for r in parallele)
    assert vus[-1] == (len(sequentiel), len(sequentiel))
    assert [f for f, _ in vus] == sorted(f for f, _ in vus)


def test_l_instant_est_celui_donne_dans_chaque_processus(dossier: Path) -> None:
    """À un autre instant, d'autres durées d'inactivité : les processus n'ont pas d'horloge."""
    plus_tard = lc.INSTANT.replace(year=lc.INSTANT.year + 1)
    fichiers = lc.conventions(dossier)[:4]
    resultats = list(auditer_lot(fichiers, instant=plus_tard, jobs=2))
    assert [lc.abreger(r) for r in resultats] == [lc.reference(f, plus_tard) for f in fichiers]
    assert [lc.abreger(r) for r in resultats] != [lc.reference(f) for f in fichiers]


def test_un_chemin_absent_un_dossier_vide_et_un_doublon(tmp_path: Path, dossier: Path) -> None:
    vide = tmp_path / "vide"
    vide.mkdir()
    un = lc.conventions(dossier)[0]
    resultats = list(
        auditer_lot([tmp_path / "absent.json", vide, un, str(un)], instant=lc.INSTANT, jobs=1)
    )
    # le fichier donné deux fois (Path et texte) n'est audité qu'une fois ; ordre des chemins
    assert [r.source for r in resultats] == sorted(
        {str(un), str(tmp_path / "absent.json"), str(vide)}
    )
    par_source = {r.source: r for r in resultats}
    assert par_source[str(un)].verdict in {Verdict.CONFORME, Verdict.NON_CONFORME}
    absent = par_source[str(tmp_path / "absent.json")].erreurs_entree
    assert [(e.chemin, e.code) for e in absent] == [("$", "MCP-DONNEE-FICHIER")]
    assert absent[0].message.startswith("fichier introuvable : ")
    (erreur,) = par_source[str(vide)].erreurs_entree
    assert erreur.code == "MCP-DONNEE-FICHIER"
    assert erreur.message == f"aucun fichier de convention (*.json) dans le dossier {vide}"
    assert code_de_sortie(resultats) == 2


def test_une_lecture_refusee_est_dite_en_francais(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chemin = tmp_path / "c.json"
    chemin.write_text("{}", encoding="utf-8")

    def refuser(self: Path, encoding: str | None = None, errors: str | None = None) -> str:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_text", refuser)
    (resultat,) = auditer_lot(chemin, instant=lc.INSTANT, jobs=1)
    assert resultat.verdict is Verdict.ENTREE_INVALIDE
    assert resultat.erreurs_entree[0].code == "MCP-DONNEE-FICHIER"
    assert resultat.erreurs_entree[0].message == (
        f"lecture impossible de {chemin} : permission refusée"
    )


def test_un_chemin_impossible_est_une_entree_invalide() -> None:
    (resultat,) = auditer_lot(["lot/a\x00b.json"], instant=lc.INSTANT, jobs=1)
    assert resultat.verdict is Verdict.ENTREE_INVALIDE
    assert resultat.erreurs_entree[0].code == "MCP-DONNEE-FICHIER"
    assert resultat.erreurs_entree[0].message.startswith("chemin de fichier invalide : ")


def test_ctrl_c_n_interrompt_que_l_appelant() -> None:
    """Les processus d'un lot ignorent SIGINT : l'appelant arrête le lot, proprement."""
    avant = signal.getsignal(signal.SIGINT)
    try:
        module_lots._sans_interruption()
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, avant)


def test_des_documents_json_en_texte_et_en_octets_apres_les_fichiers(dossier: Path) -> None:
    texte = vers_json(convention_exemple())
    un = lc.conventions(dossier)[0]
    resultats = list(
        auditer_lot(
            [DocumentJson("b", texte.encode()), un, DocumentJson("a", texte)],
            instant=lc.INSTANT,
            jobs=2,
        )
    )
    assert [r.source for r in resultats] == [str(un), "b", "a"]
    assert resultats[1].numero == "19_214"
    assert resultats[1].constats == resultats[2].constats


@pytest.mark.parametrize(
    ("arguments", "code"),
    [
        ({"jobs": 0}, "MCP-DONNEE-VALEUR"),
        ({"jobs": "2"}, "MCP-DONNEE-VALEUR"),
        ({"jobs": True}, "MCP-DONNEE-VALEUR"),
        ({"instant": lc.INSTANT.replace(tzinfo=None)}, "MCP-DONNEE-INSTANT"),
        ({"politique": "stricte"}, "MCP-DONNEE-TYPE"),
        ({"progression": 3}, "MCP-DONNEE-TYPE"),
        ({"sources": 3}, "MCP-DONNEE-TYPE"),
        ({"sources": [b"c.json"]}, "MCP-DONNEE-TYPE"),
        ({"sources": [""]}, "MCP-DONNEE-TYPE"),
        ({"sources": {"c.json": 1}}, "MCP-DONNEE-TYPE"),
    ],
    ids=repr,
)
def test_un_argument_fautif_est_refuse_des_l_appel(arguments: dict[str, object], code: str) -> None:
    tout: dict[str, object] = {"sources": [], "instant": lc.INSTANT, **arguments}
    with pytest.raises(DonneeInvalide) as erreur:
        auditer_lot(**tout)  # type: ignore[arg-type]
    assert erreur.value.code == code
    assert erreur.value.message


@pytest.mark.parametrize(("nom", "texte"), [("", "{}"), ("x", 3), (None, "{}")])
def test_un_document_mal_forme_est_refuse(nom: object, texte: object) -> None:
    with pytest.raises(DonneeInvalide, match="MCP-DONNEES"):
        DocumentJson(nom, texte)  # type: ignore[arg-type]


def _condition_anonyme() -> ConditionProfil:
    return ConditionProfil(code="MAISON", titre="Condition maison", verifier=lambda u: True)


def test_une_politique_qui_ne_voyage_pas_est_refusee_avant_tout_travail(dossier: Path) -> None:
    politique = Politique(conditions={ProfilT.T1: (_condition_anonyme(),)})
    with pytest.raises(DonneeInvalide, match="fonction nommée") as erreur:
        auditer_lot(dossier, instant=lc.INSTANT, jobs=2, politique=politique)
    assert erreur.value.code == "MCP-DONNEE-VALEUR"
    # dans ce processus, elle n'a pas à voyager
    assert list(auditer_lot(lc.conventions(dossier)[:1], instant=lc.INSTANT, politique=politique))


def test_un_envoi_rate_donne_un_defaut_pour_chaque_convention_du_paquet(dossier: Path) -> None:
    """Aucun fichier perdu : si un paquet ne peut être audité par un processus, chacune de
    ses conventions a un résultat ``DEFAUT_INTERNE`` (la politique, ici, ne se picle pas)."""
    politique = Politique(conditions={ProfilT.T1: (_condition_anonyme(),)})
    with pytest.raises(Exception):  # noqa: B017, PT011 - la preuve que l'envoi doit échouer
        pickle.dumps(politique)
    entrees = tuple(Entree(str(f)) for f in lc.conventions(dossier)[:3])
    paquets = [entrees[:2], entrees[2:]]
    resultats = list(module_lots._en_parallele(paquets, lc.INSTANT, politique, None, 3, 2))
    assert [r.source for r in resultats] == [e.source for e in entrees]
    assert {r.verdict for r in resultats} == {Verdict.DEFAUT_INTERNE}
    assert all(r.defaut and "erreur interne inattendue" in r.defaut for r in resultats)
    assert code_de_sortie(resultats) == 3


def test_un_defaut_de_l_audit_n_arrete_pas_le_lot(
    dossier: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fichiers = lc.conventions(dossier)[:2]

    def en_panne(*args: object, **kwargs: object) -> None:
        raise RuntimeError("défaut simulé")

    monkeypatch.setattr(module_lots, "auditer", en_panne)
    resultats = list(auditer_lot(fichiers, instant=lc.INSTANT, jobs=1))
    assert [r.verdict for r in resultats] == [Verdict.DEFAUT_INTERNE] * 2
    assert resultats[0].numero is not None
    assert resultats[0].defaut is not None
    assert "RuntimeError : 'défaut simulé'" in resultats[0].defaut


def test_fermer_l_iterateur_arrete_les_processus(dossier: Path) -> None:
    iterateur = auditer_lot(dossier, instant=lc.INSTANT, jobs=2)
    premier = next(iterateur)
    iterateur.close()  # type: ignore[attr-defined]
    assert premier.source == min(str(p) for p in dossier.rglob("*.json"))


def test_lignes_json_et_table_des_constats(sequentiel: list[AuditConvention]) -> None:
    lignes = [json.loads(json.dumps(r.vers_ligne(), ensure_ascii=False)) for r in sequentiel]
    assert {tuple(ligne) for ligne in lignes} == {
        ("source", "numero", "verdict", "nombres", "constats", "erreurs_entree", "defaut")
    }
    assert lignes[0]["nombres"].keys() == {"ERREUR", "AVERTISSEMENT", "INFO"}
    table = lignes_constats(sequentiel)
    assert len(table) == sum(len(r.constats) for r in sequentiel)
    assert all(isinstance(x, LigneConstat) for x in table)
    par_code = Counter(x.code for x in table)
    assert par_code == Counter(c.code for r in sequentiel for c in r.constats)


def test_code_de_sortie_le_plus_grave_l_emporte() -> None:
    def un(verdict: Verdict) -> AuditConvention:
        return AuditConvention(source="x", verdict=verdict)

    assert code_de_sortie([]) == 0
    assert code_de_sortie([un(Verdict.CONFORME)]) == 0
    assert code_de_sortie([un(Verdict.CONFORME), un(Verdict.NON_CONFORME)]) == 1
    assert code_de_sortie([un(Verdict.ENTREE_INVALIDE), un(Verdict.NON_CONFORME)]) == 2
    assert code_de_sortie([un(Verdict.ENTREE_INVALIDE), un(Verdict.DEFAUT_INTERNE)]) == 3


def test_les_resultats_sont_geles_et_voyagent(sequentiel: list[AuditConvention]) -> None:
    r = sequentiel[0]
    with pytest.raises(AttributeError):
        r.verdict = Verdict.CONFORME  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(r)) == r
    with pytest.raises(TypeError):
        r.nombres[Severite.ERREUR] = 3  # type: ignore[index]
    assert nombre_de_coeurs() >= 1
