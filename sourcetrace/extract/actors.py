"""Actor coding: a noun phrase → country / IGO code and sector.

"the Taliban" → AFG REB, "Moscow" / "the Kremlin" → RUS GOV, "Putin" → RUS GOV,
"Russia" → RUS, "NATO" → NATO (sector IGO), "Russian officials" → RUS GOV.

Lookups only (no model): the tables in ``sourcetrace/data/events`` are derived
from the Open Event Data Alliance's Phoenix actor and agent dictionaries (MIT,
see ``sourcetrace train events``) plus a small hand-written metonym table.
No library codes CAMEO actors from a spaCy parse, hence this module.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

DATA = Path(__file__).resolve().parents[1] / "data" / "events"
MAX_NGRAM = 7

# CAMEO non-state prefixes that are not countries
_ORG_PREFIX = {"IGO", "NGO", "IMG", "MNC"}
_IMG_SECTOR = "REB"
RELATIONAL = {"enemy", "enemies", "ally", "allies", "rival", "rivals", "foe", "foes", "opponent", "opponents",
              "nemesis", "partner", "partners", "neighbor", "neighbors", "neighbour", "neighbours", "adversary",
              "adversaries", "critics", "backers", "proxies", "proxy"}
# CAMEO region codes (not countries)
REGIONS = {"MEA", "AFR", "EUR", "ASA", "WST", "SAM", "NAM", "CAS", "SAS", "SEA", "EAF", "WAF", "NAF", "SAF", "CAF",
           "BLK", "BFR", "CRB", "CEU", "EEU", "LAM", "MDT", "NMR", "PGS", "SCN", "WEU", "WSB", "ARB", "MOS", "INT"}
# Phoenix codes that are not (or no longer) ISO 3166 alpha-3; PLOVER uses ISO codes, and
# KOS for Kosovo (PLOVER manual, "Country names"); the Soviet Union and East Germany are
# read as their successor states
LEGACY_CODES = {"TMP": "TLS", "KSV": "KOS", "SUN": "RUS", "DDR": "DEU", "ROM": "ROU", "ZAR": "COD", "SCG": "SRB",
                "ANG": "AGO"}
# CAMEO role codes that can stand alone (no country)
ROLES = {"GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL", "LAB", "LEG",
         "HLH", "REF", "ELI", "AGR", "ENV", "HRI", "UAF", "INS", "MOD", "RAD", "SEP", "CHR", "MUS", "JEW", "BUD",
         "HIN", "PPL", "IMG"}


@dataclass(frozen=True)
class Coded:
    code: Optional[str]
    sector: Optional[str]
    start: int = -1  # char offsets of the matched words
    end: int = -1


def _read_tsv(path: Path, gz: bool = False) -> list[list[str]]:
    opener = gzip.open if gz else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def tables() -> tuple[dict[str, str], dict[str, tuple[str, str]], dict[str, str]]:
    actors = {row[0]: row[1] for row in _read_tsv(DATA / "actors.tsv.gz", gz=True) if len(row) >= 2}
    metonyms = {row[0]: (row[1], row[2] or None) for row in _read_tsv(DATA / "metonyms.tsv") if len(row) >= 3}
    igo = {row[0]: row[1] for row in _read_tsv(DATA / "igo.tsv") if len(row) >= 2}
    for row in _read_tsv(DATA / "agents_extra.tsv"):
        if len(row) >= 2:
            actors[row[0]] = "~" + row[1]
    return actors, metonyms, igo


def split_cameo(code: str) -> tuple[Optional[str], Optional[str]]:
    """CAMEO actor code → (country/IGO code, sector). ``~GOV`` → (None, GOV)."""
    code = code.strip().upper()
    if code.startswith("~"):
        return None, code[1:4] or None
    if len(code) < 3:
        return None, None
    head, rest = code[:3], code[3:]
    if head == "IGO":
        _, _, igo = tables()
        tags = [rest[i:i + 3] for i in range(0, len(rest), 3)]
        for tag in reversed(tags):
            if tag in igo:
                return igo[tag], "IGO"
        return ("IGO" + (tags[-1] if tags else "")), "IGO"
    if head == "IMG":
        return "IMG", _IMG_SECTOR
    if head in ROLES:
        return None, head
    if head == "NGO":
        return "NGO", "NGO"
    if head == "MNC":
        return (rest[:3] if len(rest) >= 3 else None), "BUS"
    sector = rest[:3] if len(rest) >= 3 else None
    return LEGACY_CODES.get(head, head), sector


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip().lower()).replace("\u2019", "'")


_NAME_LINKS = {"al", "el", "bin", "ibn", "ben", "abu", "bint", "-", "van", "von", "de", "da", "der"}


def _name_goes_on(toks: list, j: int) -> bool:
    """The name continues after position j ("Hassan | al-Bashir", "Hassan | Rouhani")."""
    k = j
    while k < len(toks) and toks[k].lower_ in _NAME_LINKS:
        k += 1
    return k < len(toks) and toks[k].i == toks[j - 1].i + 1 + (k - j) and toks[k].pos_ == "PROPN" \
        and toks[k].text[:1].isupper() and toks[k].ent_type_ == "PERSON"


def code_tokens(tokens: Iterable, text: Optional[str] = None) -> Coded:
    """Code a run of spaCy tokens (a noun phrase). The match nearest the
    phrase's head wins the country; a sector comes from the same match or,
    failing that, from an agent noun ("officials" → GOV)."""
    toks = [t for t in tokens if not t.is_space]
    if not toks:
        return Coded(None, None)
    actors, metonyms, _ = tables()
    country: Optional[Coded] = None
    sector: Optional[str] = None
    i = 0
    n = len(toks)
    matches: list[tuple[int, int, Optional[str], Optional[str]]] = []
    while i < n:
        found = None
        for j in range(min(n, i + MAX_NGRAM), i, -1):
            s, e = toks[i].idx, toks[j - 1].idx + len(toks[j - 1].text)
            if toks[j - 1].i - toks[i].i != j - 1 - i:
                continue
            # (Doc.text is rebuilt on every access: join the tokens instead)
            surface = "".join(t.text_with_ws for t in toks[i:j]).rstrip() if text is None else text[s:e]
            key = _norm(surface)
            if key not in metonyms and j - i == 1 and key.endswith("s") and key[:-1] in metonyms \
                    and metonyms[key[:-1]][1] is None:
                key = key[:-1]  # "Serbs", "Swedes": plural of a demonym row
            if key in metonyms:
                c, sec = metonyms[key]
                found = (j, c, sec, s, e)
                break
            code = actors.get(key)
            if code is None and "'" in key:
                code = actors.get(key.replace("'", ""))  # "People's Republic" ~ "Peoples Republic"
            if code is None and "-" in key:
                code = actors.get(key.replace(" - ", " ").replace("-", " "))  # "al-Bashir" ~ "al bashir"
            if code is None and key.endswith("s") and (j - i == 1 or toks[j - 1].tag_ == "NNPS"):
                code = actors.get(key[:-1])  # "the Russians", "Afghans", "South Koreans"
                if code is not None and code.startswith("~"):
                    code = None
            if code is None:
                continue
            if not code.startswith("~"):
                # proper names must look like names ("US", not "us")
                if not any(ch.isupper() or ch.isdigit() for ch in surface):  # "al-Qaeda" is fine
                    continue
            c, sec = split_cameo(code)
            if j - i == 1 and not code.startswith("~") and sec and toks[i].pos_ == "PROPN" \
                    and toks[i].ent_type_ == "PERSON" and _name_goes_on(toks, j):
                # "Omar Hassan al-Bashir": a lone given name inside a longer name is not the
                # person the dictionary means ("Hassan" = a Jordanian prince)
                continue
            if j - i == 1 and not code.startswith("~") and not sec and toks[i].ent_type_ == "PERSON" \
                    and i > 0 and toks[i - 1].ent_type_ == "PERSON" and toks[i - 1].i == toks[i].i - 1 \
                    and toks[i - 1].pos_ == "PROPN":
                # a surname inside a person's name is not the place the dictionary means ("Tom Murray" is not
                # Australia's Murray, "Michael Jordan" not Jordan)
                continue
            if c in REGIONS and j - i > 1:
                # "Palestinian Islamic Jihad" (coded MEA): a country word inside the name wins
                for t in toks[i:j]:
                    sub = actors.get(t.lower_)
                    if sub and not sub.startswith("~") and t.text[:1].isupper():
                        sc, _ = split_cameo(sub)
                        if sc and sc not in REGIONS and sc not in _ORG_PREFIX and len(sc) == 3:
                            c = sc
                            break
            found = (j, c, sec, s, e)
            break
        if found:
            j, c, sec, s, e = found
            matches.append((s, e, c, sec))
            i = j
        else:
            i += 1
    if not any(m[2] for m in matches):
        # "Omar Hassan al-Bashir": given name + surname, the middle name(s) left out
        run = [t for t in toks if t.ent_type_ == "PERSON"]
        if len(run) >= 3 and run[-1].i - run[0].i == len(run) - 1:
            for k in range(min(3, len(run) - 2), 0, -1):
                key = _norm(run[0].text + " " + " ".join(t.text for t in run[-k:])).replace(" - ", " ").replace("-", " ")
                key = re.sub(r"\s+", " ", key)
                code = actors.get(key)
                if code and not code.startswith("~"):
                    c, sec = split_cameo(code)
                    matches.append((run[0].idx, run[-1].idx + len(run[-1].text), c, sec))
                    break
        if not any(m[2] for m in matches):
            found = _by_surname(toks)
            if found is not None:
                matches.append(found)
    if not matches:
        return Coded(None, None)
    # "the U.S.' main enemy", "Russia's allies": the possessor is not the referent
    last = toks[-1]
    if last.lower_ in RELATIONAL and matches[-1][1] <= last.idx:
        # only a possessor ("Russia's allies"), not a modifier ("its European Community partners")
        tail = [t for t in toks if matches[-1][1] <= t.idx < last.idx]
        if any(t.dep_ == "case" or t.text in ("'s", "'", "\u2019s", "\u2019") for t in tail) \
                or any(t.dep_ == "poss" or t.text in ("'", "\u2019") or t.text.endswith(("'s", "\u2019s"))
                       for t in toks if matches[-1][0] <= t.idx < matches[-1][1]):
            return Coded(None, None)
    # country: the last coded name (English NPs put the head last:
    # "Taliban leader Mansour", "Russian Foreign Minister Lavrov")
    named = [m for m in matches if m[2]]
    # a country beats a CAMEO region ("Palestinian Islamic Jihad": PSE, not MEA)
    if any(m[2] not in REGIONS for m in named):
        named = [m for m in named if m[2] not in REGIONS]
    if named:
        s, e, c, sec = named[-1]
        if len(named) >= 2 and sec is None and named[-2][2] != c and 0 <= s - named[-2][1] <= 1 \
                and named[-2][2] not in REGIONS and named[-2][3] != "IGO":
            # "Bosnian Serbs", "Iraqi Kurds": the state adjective places the ethnic group
            s, e, c, sec = named[-2]
        if c == "IMG":
            # "militants loyal to Iraq's al-Qaeda frontman", "al-Qaeda in Iraq": PLOVER
            # actors need a country; the one the phrase names is the armed group's arena
            states = [m for m in named if m[2] not in REGIONS and m[2] not in _ORG_PREFIX and m[3] != "IGO"]
            if states:
                s, e, c, _ = states[-1]
                sec = "REB"
        igo = [m for m in named[:-1] if m[3] == "IGO"]
        if igo and sec != "IGO" and any(t.ent_type_ == "PERSON" for t in toks if s <= t.idx < e):
            # "U.N. mediator Diego Cordovez": the person acts for the IGO, not for his country
            s, e, c, sec = igo[-1]
        elif len(named) >= 2 and any(t.ent_type_ == "PERSON" for t in toks if s <= t.idx < e):
            # "Egyptian Foreign Minister Amr Moussa": the title the text gives ("Egyptian Foreign
            # Minister") beats the person's last role in the dictionary (Arab League)
            st = named[-2]
            title = [m for m in matches if m[2] is None and m[3] and st[1] <= m[0] and m[1] <= s]
            if title and st[2] != c and st[2] not in REGIONS and st[2] not in _ORG_PREFIX and st[3] != "IGO" \
                    and len(st[2] or "") == 3:
                s, e, c, sec = st[0], st[1], st[2], title[-1][3]
        country = Coded(c, sec, s, e)
        if sec is None:
            for m in matches:
                if m[2] is None and m[3]:
                    sector = m[3]
        else:
            sector = sec
        return Coded(country.code, sector, country.start, country.end)
    # agents only ("officials", "the army")
    s, e, _, sec = matches[-1]
    return Coded(None, sec, s, e)


_FULL_NAMES: list = []   # (doc, {surname: [full-name token lists]}) for the document being coded


def _full_names(doc) -> dict[str, list]:
    if _FULL_NAMES and _FULL_NAMES[0] is doc:
        return _FULL_NAMES[1]
    out: dict[str, list] = {}
    for e in doc.ents:
        if e.label_ == "PERSON" and len(e) >= 2 and e[-1].pos_ == "PROPN":
            out.setdefault(e[-1].lower_, []).append(list(e))
    _FULL_NAMES[:] = [doc, out]
    return out


def _by_surname(toks: list) -> Optional[tuple[int, int, Optional[str], Optional[str]]]:
    """A person named by surname alone ("Mr Blair", "President Kirchner"), as news names people after the first
    mention: coded as the article's full name for that surname ("Tony Blair") when the dictionaries know that name.
    (The dictionaries list full names and a few aliases only. Coding a lone surname by the dictionaries' people of
    that name was tried and left out: on 557 BBC articles it changed one event, wrongly, "Sim back-up devices" as
    Cambodia's Chea Sim; and the dictionaries' one Milosevic is a Croatian minister.)"""
    names = [t for t in toks if t.ent_type_ == "PERSON" and t.pos_ == "PROPN"]
    if len(names) != 1:
        return None
    t = names[0]
    for name in _full_names(t.doc).get(t.lower_, []):
        if name[-1].i == t.i:
            continue
        full = code_tokens(name)
        if full.code:
            return t.idx, t.idx + len(t.text), full.code, full.sector
    return None


def code_text(doc, start: int, end: int) -> Coded:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return Coded(None, None)
    return code_tokens(list(span))
