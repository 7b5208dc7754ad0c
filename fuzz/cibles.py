"""Les cibles de fuzzing de mcp_rules : chacune reçoit des octets et ne doit rien lever
d'autre que :class:`~mcp_rules.DonneeInvalide` (ou une de ses sous-classes).

Les mêmes cibles servent deux moteurs :

- **atheris** (guidé par la couverture, pour des heures) : ``python fuzz/lancer.py CIBLE`` ;
- **hypothesis** (un budget fixe, dans la CI) : ``tests/fuzzing/test_fuzz.py``, profil ``fuzz``.

Une cible lit ses octets de deux façons : comme un texte ou un document (les lecteurs), ou
comme une suite de choix (:class:`Flux`) qui désigne une commande, ses arguments pris dans la
convention ou parmi des déchets, l'instant… (l'interpréteur de commandes, l'API publique).
Au-delà de « pas de crash », chaque cible vérifie ce qui doit tenir : un refus rend la
convention reçue, un objet accepté relu depuis son JSON est le même, un instant lu est en UTC.
"""

from __future__ import annotations

import contextlib
import inspect
import io
import math
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from functools import cache
from typing import Any, Final, TypeVar

import mcp_rules as m
from mcp_rules.commandes import CHAMPS_MODIFIABLES, COMMANDES
from mcp_rules.fondations import controles
from mcp_rules.interfaces import cli, entrees_cli
from mcp_rules.interfaces.exemple import INSTANT_EXEMPLE, convention_exemple
from mcp_rules.interfaces.serialisation import (
    TYPES_SERIALISABLES,
    depuis_json,
    lire_commandes,
    vers_json,
)
from mcp_rules.interfaces.serialisation.valeurs import lire_duree

__all__ = ["CIBLES", "Flux"]

T = TypeVar("T")

# --- les octets lus comme une suite de choix --------------------------------------------------

_SPECIAUX: Final = (
    "\x00\t\n\r\x0b\x1b\x7f\u00a0\u2003\u3000\u200b\u200d\u2060\ufeff\u202e\u0301"
    "éèçàÉßœæ\u212a\u0131\uff34\uff11\u00b5\U0001f600\ud800\udfff"
)


class Flux:
    """Des octets lus comme des choix ; au-delà de la fin, chaque choix vaut zéro (le premier
    élément, une suite vide) : toute entrée, même vide, désigne un cas complet."""

    __slots__ = ("_i", "_octets")

    def __init__(self, octets: bytes) -> None:
        self._octets = octets
        self._i = 0

    def octet(self) -> int:
        i = self._i
        self._i = i + 1
        return self._octets[i] if i < len(self._octets) else 0

    def entier(self, n: int) -> int:
        """Un entier de ``[0, n)``."""
        if n <= 1:
            return 0
        v = self.octet() if n <= 256 else self.octet() << 8 | self.octet()
        return v % n

    def booleen(self) -> bool:
        return self.octet() & 1 == 1

    def choix(self, valeurs: Sequence[T]) -> T:
        return valeurs[self.entier(len(valeurs))]

    def texte(self, longueur_max: int = 24) -> str:
        """Un texte : l'ASCII tel quel, les autres octets vers des caractères qui piègent."""
        n = self.entier(longueur_max + 1)
        caracteres = []
        for _ in range(n):
            b = self.octet()
            caracteres.append(chr(b) if b < 0x80 else _SPECIAUX[b % len(_SPECIAUX)])
        return "".join(caracteres)


# --- les déchets ------------------------------------------------------------------------------


class _FuseauHostile(tzinfo):
    """Un fuseau dont ``utcoffset`` lève : une bibliothèque tierce mal écrite."""

    def utcoffset(self, dt: datetime | None) -> timedelta:
        raise RuntimeError("fuseau hostile")

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None

    def tzname(self, dt: datetime | None) -> str | None:
        return None


class _ReprHostile:
    def __repr__(self) -> str:
        raise RuntimeError("repr hostile")

    __str__ = __repr__


class _Texte(str):
    """Une sous-classe de ``str`` (ce que rendent certains ORM)."""


def _dechets() -> tuple[object, ...]:
    boucle: list[Any] = []
    boucle.append(boucle)
    return (
        None,
        0,
        -1,
        10**100,
        1.5,
        math.nan,
        True,
        b"T4",
        bytearray(b"CDAP"),
        [],
        [["x"]],
        ["a", ["b"]],
        {},
        {"a": [1]},
        set(),
        frozenset({"a", "A"}),
        (),
        "",
        " ",
        "\x00",
        "\ud800",
        "x" * 100_000,
        _Texte("T4"),
        _ReprHostile(),
        object(),
        len,
        boucle,
        date(2026, 1, 1),
        datetime(2026, 1, 1),
        datetime.min.replace(tzinfo=timezone(timedelta(hours=1))),
        datetime.max.replace(tzinfo=timezone(timedelta(hours=-1))),
        datetime(2026, 1, 1, tzinfo=_FuseauHostile()),
        timedelta(days=-1),
        timedelta.max,
        m.ProfilT.T1,
        m.Service.AFAS,
        m.CAF,
    )


DECHETS: Final = _dechets()


# --- les valeurs d'arguments, prises dans la convention ou parmi les déchets ----------------------


def _casse(f: Flux, texte: str) -> str:
    return f.choix((texte, texte, texte.upper(), texte.title()))


def _compte(f: Flux, c: m.Convention) -> object:
    idents = [u.identifiant for u in c.utilisateurs]
    if idents and f.entier(8):
        return _casse(f, f.choix(idents))
    return f.choix((m.CAF, "inconnu", f.texte(), *DECHETS))


def _groupe(f: Flux, c: m.Convention) -> object:
    codes = [g.code for g in c.groupes]
    if codes and f.entier(8):
        return _casse(f, f.choix(codes))
    return f.choix((None, "AFAS-HABILITER", "AFAS-DECLARER", f.texte(), *DECHETS))


def _instant(f: Flux, t: datetime) -> object:
    if f.entier(12):
        return t
    return f.choix(
        (
            t.astimezone(timezone(timedelta(hours=-23, minutes=-59))),
            controles.decaler(t, -timedelta(days=1)),
            datetime(1, 1, 1, tzinfo=UTC),
            datetime(9999, 12, 31, 23, 59, tzinfo=UTC),
            *DECHETS,
        )
    )


def _profil(f: Flux) -> object:
    return f.choix((*m.ProfilT, *m.RoleApplicatif, *m.RoleAfas, "T4", "t10", f.texte(), *DECHETS))


def _adresse(f: Flux) -> object:
    return f.choix(
        (
            "nouvelle.personne@ville-exemple.fr",
            "accueil@ville-exemple.fr",
            f.texte(12) + "@" + f.texte(12),
            m.AdresseEmail("paul.martin@ville-exemple.fr"),
            *DECHETS,
        )
    )


def _nouveau_compte(f: Flux) -> object:
    if f.entier(4):
        return m.Utilisateur(
            identifiant=f.choix(("nouveau.compte", "Nouveau.Compte", "n" + str(f.octet()))),
            nom=f.choix(("Martin", "Bureau", "Chef")),
            prenom=f.choix(("Paul", "Anne")),
            email=f.choix(("paul.martin@ville-exemple.fr", "nouveau.compte@ville-exemple.fr")),
            cree_le=datetime(2020, 1, 1, tzinfo=UTC),
            fonction=f.choix(tuple(m.Fonction)),
        )
    return f.choix(("nouveau.compte", *DECHETS))


def _politique(f: Flux) -> object:
    def leve(_: m.Utilisateur) -> bool:
        raise ZeroDivisionError("condition en panne")

    return f.choix(
        (
            None,
            None,
            m.Politique(),
            m.Politique(inactivite_max=timedelta(days=3653)),
            m.Politique(
                conditions={
                    p: [m.ConditionProfil(code="LOCALE-1", titre="Locale", verifier=leve)]
                    for p in m.ProfilT
                }
            ),
            *DECHETS,
        )
    )


def _changements(f: Flux) -> dict[str, object]:
    valeurs: dict[str, Callable[[], object]] = {
        "nom": lambda: f.choix(("Martin", f.texte(), *DECHETS)),
        "prenom": lambda: f.choix(("Paul", f.texte(), *DECHETS)),
        "email": lambda: _adresse(f),
        "fonction": lambda: f.choix((*m.Fonction, "ASSISTANT_SOCIAL", f.texte(), *DECHETS)),
        "numero_instructeur": lambda: f.choix((None, "123456", "12345600000", f.texte(), *DECHETS)),
        "code_bailleur": lambda: f.choix((None, "B42", f.texte(), *DECHETS)),
        "diplome_etat": lambda: f.choix((None, "DEASS-2019-42", f.texte(), *DECHETS)),
        "mandats": lambda: f.choix(
            (frozenset(), ["1234567"], {"1234567", "7654321"}, [f.texte()], *DECHETS)
        ),
    }
    noms = sorted(CHAMPS_MODIFIABLES)
    choisis = {f.choix(noms) for _ in range(f.entier(4))}
    if not f.entier(16):
        choisis.add(f.choix(("identifiant", "cree_le", "inconnu")))
    return {n: valeurs[n]() if n in valeurs else f.texte() for n in sorted(choisis)}


def arguments(
    f: Flux, c: m.Convention, t: datetime, fonction: Callable[..., object]
) -> dict[str, Any]:
    """Les arguments d'un appel de ``fonction``, un par paramètre de sa signature."""
    nom = getattr(fonction, "__name__", "")
    lecteurs: dict[str, Callable[[], object]] = {
        "convention": lambda: c if f.entier(32) else f.choix(DECHETS),
        "par": lambda: _compte(f, c),
        "identifiant": lambda: _compte(f, c),
        "utilisateur": lambda: (
            _nouveau_compte(f)
            if nom == "creer_utilisateur"
            else f.choix(list(c.utilisateurs) or [None])
            if nom == "eligibilite"
            else _compte(f, c)
        ),
        "gestionnaire": lambda: _nouveau_compte(f) if f.entier(3) == 0 else _compte(f, c),
        "remplace": lambda: f.choix((None, _compte(f, c))),
        "groupe": lambda: _groupe(f, c),
        "parent": lambda: f.choix((None, _groupe(f, c))),
        "code": lambda: f.choix(("NOUVEAU", "AFAS-HABILITER", "t1-bis", f.texte(), *DECHETS)),
        "libelle": lambda: f.choix(("Un libellé", f.texte(80), *DECHETS)),
        "service": lambda: f.choix((*m.Service, "CDAP", "adonis", f.texte(), *DECHETS)),
        "profil": lambda: _profil(f),
        "role": lambda: _profil(f),
        "action": lambda: f.choix((*m.Action, "CREER_GROUPE", f.texte(), *DECHETS)),
        "symptome": lambda: f.choix((*m.Symptome, f.texte(), *DECHETS)),
        "instant": lambda: _instant(f, t),
        "le": lambda: f.choix(
            (None, t, controles.decaler(t, timedelta(days=f.octet())), _instant(f, t))
        ),
        "politique": lambda: _politique(f),
        "numero_allocataire": lambda: f.choix(("1234567", None, f.texte(), *DECHETS)),
        "nom_allocataire": lambda: f.choix(("Dupuis", None, f.texte(), *DECHETS)),
        "code_bailleur": lambda: f.choix((None, "B42", f.texte(), *DECHETS)),
        "saisie": lambda: f.choix((None, f.texte(), *DECHETS)),
        "objet": lambda: f.choix((m.objet_demande_caf(c, m.Service.CDAP), f.texte(60), *DECHETS)),
        "commandes": lambda: _commandes(f, c),
    }
    valeurs: dict[str, Any] = {}
    for p in inspect.signature(fonction).parameters.values():
        if p.kind is inspect.Parameter.VAR_KEYWORD:
            valeurs.update(_changements(f))
        elif p.name in lecteurs and (p.default is inspect.Parameter.empty or f.entier(4)):
            valeurs[p.name] = lecteurs[p.name]()
    return valeurs


def _commandes(f: Flux, c: m.Convention) -> object:
    if not f.entier(8):
        return f.choix(DECHETS)
    liste: list[object] = []
    for _ in range(f.entier(4)):
        fonction = getattr(m, f.choix(COMMANDES))
        args = arguments(f, c, INSTANT_EXEMPLE, fonction)
        par = args.pop("par", m.CAF)
        for exclu in ("convention", "instant", "politique"):
            args.pop(exclu, None)
        try:
            liste.append(m.Commande(fonction.__name__, par=par, arguments=args))
        except m.DonneeInvalide:
            liste.append(f.choix(DECHETS))
    return liste


def appeler(fonction: Callable[..., T], valeurs: dict[str, Any]) -> T | None:
    """Appelle ``fonction`` avec ces arguments (positionnels rangés à leur place) ; rend
    ``None`` sur un refus des données, laisse passer toute autre exception."""
    positionnels = [
        valeurs.pop(p.name)
        for p in inspect.signature(fonction).parameters.values()
        if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD and p.name in valeurs
    ]
    try:
        return fonction(*positionnels, **valeurs)
    except m.DonneeInvalide as exc:
        _verifier_erreur(exc)
        return None


def _verifier_erreur(exc: m.DonneeInvalide) -> None:
    assert exc.code.startswith("MCP-"), exc.code
    assert exc.message.strip()
    str(exc)
    if isinstance(exc, m.DonneesInvalides):
        assert exc.erreurs
        for e in exc.erreurs:
            assert e.code.startswith("MCP-")
            assert e.message.strip()


# --- les cibles ---------------------------------------------------------------------------------


@cache
def _exemple() -> m.Convention:
    return convention_exemple()


def _texte(donnees: bytes) -> str:
    return donnees.decode("utf-8", errors="surrogateescape")


def _relu(lire: Callable[[str], T], donnees: bytes) -> T | None:
    """La valeur lue dans ces octets, qui doit se relire à l'identique ; ``None`` si refusée."""
    try:
        valeur = lire(_texte(donnees))
    except m.DonneeInvalide as exc:
        _verifier_erreur(exc)
        return None
    assert lire(str(valeur)) == valeur
    return valeur


def adresse_email(donnees: bytes) -> None:
    """``AdresseEmail.parse`` ; une adresse acceptée se relit à l'identique."""
    adresse = _relu(m.AdresseEmail.parse, donnees)
    assert adresse is None or len(str(adresse)) <= 254


def numero_instructeur(donnees: bytes) -> None:
    """``NumeroInstructeur.parse`` ; un numéro accepté se relit à l'identique."""
    _relu(m.NumeroInstructeur.parse, donnees)


def instants_et_durees(donnees: bytes) -> None:
    """Le lecteur d'instants (bibliothèque et ``--instant`` de la CLI), celui des durées."""
    texte = _texte(donnees)
    for lire in (controles.instant_iso, m.MotDePasseTemporaire.parse):
        try:
            lu = lire(texte)
        except m.DonneeInvalide as exc:
            _verifier_erreur(exc)
        else:
            moment = lu if isinstance(lu, datetime) else lu.emis_le
            assert moment.tzinfo is UTC
    with contextlib.suppress(entrees_cli.EntreeInvalide):
        entrees_cli.instant(texte)
    try:
        duree = lire_duree(texte, None)
    except m.DonneeInvalide as exc:
        _verifier_erreur(exc)
    else:
        assert duree > timedelta(0)


def _json(type_: type[Any]) -> Callable[[bytes], None]:
    def cible(donnees: bytes) -> None:
        try:
            objet = depuis_json(donnees, type_)
        except m.DonneeInvalide as exc:
            _verifier_erreur(exc)
            return
        assert depuis_json(vers_json(objet), type_) == objet

    cible.__name__ = f"json_{type_.__name__}"
    cible.__doc__ = f"``depuis_json(…, {type_.__name__})`` ; un objet accepté fait l'aller-retour."
    return cible


def commandes_cli(donnees: bytes) -> None:
    """Le fichier de commandes de ``mcp-rules simuler``, lu puis simulé sur l'exemple."""
    try:
        commandes = lire_commandes(donnees)
    except m.DonneeInvalide as exc:
        _verifier_erreur(exc)
        return
    appeler(
        m.simuler, {"convention": _exemple(), "commandes": commandes, "instant": INSTANT_EXEMPLE}
    )


_SOUS_COMMANDES: Final = (
    ["audit"],
    ["audit", "--format", "json"],
    ["matrice"],
    ["diagnostiquer", "as.leroy", "MOT_DE_PASSE_OUBLIE"],
    ["diagnostiquer"],
    ["simuler"],
    ["regles", "--format", "markdown"],
    ["schema", "Utilisateur"],
    ["tables"],
    ["inconnue"],
)


def ligne_de_commande(donnees: bytes) -> None:
    """La CLI de bout en bout : un document (la convention ou le fichier de commandes) et une
    ligne d'options ; elle sort en 0, 1 ou 2, jamais en 3 (erreur interne) ni par une trace."""
    f = Flux(donnees[:64])
    argv = list(f.choix(_SOUS_COMMANDES))
    with tempfile.TemporaryDirectory() as dossier:
        chemin = os.path.join(dossier, "entree.json")
        with open(chemin, "wb") as fichier:
            fichier.write(donnees[64:])
        if argv[0] == "simuler":
            exemple = os.path.join(dossier, "convention.json")
            with open(exemple, "w", encoding="utf-8") as fichier:
                fichier.write(vers_json(_exemple()))
            argv += [exemple, chemin]
        elif argv[0] in ("audit", "matrice", "diagnostiquer"):
            argv.insert(1, chemin)
        if f.booleen():
            argv += ["--instant", f.choix(("2026-11-27T09:00:00+01:00", f.texte(30)))]
        sortie = io.StringIO()
        with contextlib.redirect_stderr(io.StringIO()):
            try:
                code = cli.main(argv, sortie=sortie)
            except SystemExit as fin:  # argparse, sur une option mal écrite
                code = fin.code if isinstance(fin.code, int) else 2
    assert code in (0, 1, 2), (argv, code)


def interpreteur(donnees: bytes) -> None:
    """Une suite de commandes au hasard sur l'exemple, arguments bons ou déchets.

    Un refus rend l'objet reçu ; une commande acceptée ajoute au journal sans rien en
    retirer ; la convention d'arrivée s'audite, et chaque compte reçoit une réponse.
    """
    f = Flux(donnees)
    c = _exemple()
    t = INSTANT_EXEMPLE
    for _ in range(1 + f.entier(12)):
        pas = f.choix((timedelta(0), timedelta(seconds=1), timedelta(hours=1), timedelta(days=1)))
        t = controles.decaler(t, pas)
        fonction = getattr(m, f.choix(COMMANDES))
        valeurs = arguments(f, c, t, fonction)
        valeurs["convention"] = c
        r = appeler(fonction, valeurs)
        if r is None:
            continue
        assert isinstance(r, m.Resultat)
        if r.accepte:
            assert r.convention.journal[: len(c.journal)] == c.journal
            assert len(r.convention.journal) > len(c.journal)
            c = r.convention
            t = max(t, c.journal[-1].instant)
        else:
            assert r.convention is c
            assert not r.evenements
    m.auditer(c, instant=t)
    for u in list(c.utilisateurs)[:5]:
        m.acces_cdap(c, u.identifiant, instant=t)


_API: Final = (
    "acces_cdap",
    "acces_service",
    "auditer",
    "consulter_dossier",
    "diagnostiquer",
    "eligibilite",
    "matrice_acces",
    "objet_demande_caf",
    "peut",
    "plan_acces_cdap",
    "qui_contacter",
    "simuler",
    "table_de_decision",
    "verifier_objet_demande",
)


def api(donnees: bytes) -> None:
    """Chaque fonction publique de décision et d'analyse, arguments bons ou déchets."""
    f = Flux(donnees)
    for _ in range(1 + f.entier(4)):
        fonction = getattr(m, f.choix(_API))
        appeler(fonction, arguments(f, _exemple(), INSTANT_EXEMPLE, fonction))


CIBLES: Final[dict[str, Callable[[bytes], None]]] = {
    "adresse_email": adresse_email,
    "numero_instructeur": numero_instructeur,
    "instants_et_durees": instants_et_durees,
    **{f"json_{t.__name__}": _json(t) for t in TYPES_SERIALISABLES},
    "commandes_cli": commandes_cli,
    "ligne_de_commande": ligne_de_commande,
    "interpreteur": interpreteur,
    "api": api,
}
"""Chaque cible, par son nom (celui de ``python fuzz/lancer.py CIBLE`` et du dossier de son
corpus, ``fuzz/corpus/CIBLE``)."""

if __name__ == "__main__":  # pragma: no cover - aide-mémoire
    sys.stdout.write("\n".join(CIBLES) + "\n")
