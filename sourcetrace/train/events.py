"""`sourcetrace train events`: derive the compact event/actor tables in
``sourcetrace/data/events/`` from the Open Event Data Alliance's Phoenix /
PETRARCH2 dictionaries (MIT) and the CAMEO→PLOVER table (CC BY-SA 4.0).

Nothing is learnt from labelled examples here: this only re-formats public
dictionaries into small files the extractor reads with plain lookups.
PETRARCH's own reader needs its Treebank-parse machinery, so the (simple,
line-based) dictionary formats are parsed by hand below.

Outputs (all small, committed):
- ``verbs.json.gz``: CAMEO verb blocks: verb lemmas → CAMEO code, and the
  block's object patterns (pre-verb words, post-verb words → CAMEO code).
- ``cameo2plover.tsv``: CAMEO code → PLOVER type, mode.
- ``actors.tsv.gz``: lower-cased name (space-separated tokens) → CAMEO actor
  code (``RUSGOV``, ``AFGREB``, ``IGOWSTNAT``, ``~MIL`` for agent nouns).
"""

from __future__ import annotations

import gzip
import io
import json
import re
import sys
from pathlib import Path

DATA_OUT = Path(__file__).resolve().parents[1] / "data" / "events"
DEFAULT_SRC = Path("../shared/data/events")

# ---------------------------------------------------------------- verbs


def _clean_word(w: str) -> str:
    w = w.strip().lstrip("+").rstrip("_").strip()
    return w.replace("_", " ").lower()


def _parse_synsets(lines: list[str]) -> dict[str, list[str]]:
    syn: dict[str, list[str]] = {}
    cur = None
    for line in lines:
        s = line.split("#", 1)[0].strip()
        if not s:
            continue
        if s.startswith("&"):
            cur = s.rstrip("_").upper()
            syn[cur] = []
        elif s.startswith("+") and cur:
            syn[cur].append(_clean_word(s))
    return syn


_CODE = re.compile(r"\[([0-9]{2,4}|---)(?::[0-9-]*)?\]")


def _pattern_words(part: str, syn: dict[str, list[str]]) -> list[list[str]]:
    """One alternatives-list per word of a pattern half; & synsets expanded."""
    out = []
    part = re.sub(r"[{}()]", " ", part)
    for tok in part.split():
        if tok in {"+", "$", "%", "^"} or tok.startswith("$") or tok.startswith("+") and len(tok) == 1:
            continue
        if tok.startswith("&"):
            key = tok.rstrip("_").upper()
            words = [w for w in syn.get(key, []) if " " not in w]
            if words:
                out.append(sorted(set(words)))
            continue
        w = _clean_word(tok)
        if w and re.match(r"^[a-z][a-z'\-]*$", w):
            out.append([w])
    return out


def parse_verbs(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8", errors="replace").splitlines()
    start = next(i for i, l in enumerate(text) if "VERB PATTERNS" in l)
    syn = _parse_synsets(text[:start])
    blocks: list[dict] = []
    cur: dict | None = None
    for line in text[start + 1:]:
        raw = line.split("#", 1)[0].rstrip()
        if not raw.strip():
            continue
        m = re.match(r"^---\s+(\S+)\s+\[([0-9-]+)\]", raw)
        if m:
            cur = {"name": m.group(1).lower(), "default": None if m.group(2) == "---" else m.group(2),
                   "verbs": {}, "patterns": []}
            blocks.append(cur)
            continue
        if cur is None:
            continue
        if raw.startswith("-"):
            cm = _CODE.search(raw)
            if not cm:
                continue
            code = None if cm.group(1) == "---" else cm.group(1)
            body = raw[1:cm.start()].strip()
            if "*" not in body:
                continue
            pre, post = body.split("*", 1)
            pw, qw = _pattern_words(pre, syn), _pattern_words(post, syn)
            if not pw and not qw:
                continue
            cur["patterns"].append([pw, qw, code])
            continue
        # a verb line: WORD {FORMS} [code]
        cm = _CODE.search(raw)
        code = (None if cm.group(1) == "---" else cm.group(1)) if cm else ""
        head = re.sub(r"\{[^}]*\}", " ", raw[:cm.start()] if cm else raw).strip()
        if not head:
            continue
        word = _clean_word(head.split()[0] if not head.startswith("+") else head)
        if not re.match(r"^[a-z][a-z' \-]*$", word):
            continue
        cur["verbs"][word] = code  # "" = the block's default
    return [b for b in blocks if b["verbs"]]


def parse_cameo2plover(path: Path) -> dict[str, tuple[str, str]]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        s = line.split("#", 1)[0].strip()
        m = re.match(r"^([0-9]{2,4}):\s*(.*)$", s)
        if not m:
            continue
        parts = [p.strip() for p in m.group(2).split(",")]
        typ = parts[0]
        mode = parts[1] if len(parts) > 1 else ""
        ctx = parts[2].split(";")[0].strip() if len(parts) > 2 else ""
        if "_" in mode:
            # "175: ASSAULT, pro_autocracy , military": a context in the mode slot
            # (PLOVER modes are hyphenated, contexts use underscores)
            mode, ctx = "", mode
        out.setdefault(m.group(1), (typ, mode, ctx))
    return out


# ---------------------------------------------------------------- actors

_ACODE = re.compile(r"\[([~A-Z]{3,15})(?:\s+([<>]?\d{6,8})?(?:-(\d{6,8}))?)?\s*\]")


def _latest(codes: list[tuple[str, str, str]]) -> tuple[str | None, int]:
    """The code valid last (open-ended beats dated; later end beats earlier),
    and the date (YYYYMMDD) it stops being valid (99999999 = open-ended)."""
    best, best_key = None, None
    for code, start, end in codes:
        if (start or "").startswith("<") and not end:
            # "[YUGBIH <920305]": valid *until* that date (Bosnia became BIH)
            start, end = "", start[1:]
        s = (start or "").lstrip("<>")
        key = (1 if not end else 0, _norm_date(end) if end else 99999999, _norm_date(s) if s else 0)
        if best_key is None or key > best_key:
            best, best_key = code, key
    return best, (best_key[1] if best_key else 0)


def _norm_date(d: str) -> int:
    if len(d) == 8:
        return int(d)
    y = int(d[:2])
    return (1900 + y if y > 30 else 2000 + y) * 10000 + int(d[2:])


_ROLE_ONLY = {"GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL", "LAB",
              "LEG", "HLH", "REF", "ELI", "AGR", "ENV", "HRI", "UAF", "---"}


def parse_actors(path: Path, out: dict[str, str], persons: dict[str, str] | None = None) -> None:
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    names: list[str] = []
    codes: list[tuple[str, str, str]] = []
    person = [False]

    def flush():
        if names and codes:
            c, until = _latest(codes)
            if c and len(c) == 3 and c in _ROLE_ONLY:
                # "[IGOUNO 970101-061231] [ELI]": keep the last country/IGO, with the role
                dated = [x for x in codes if x[0][:3] not in _ROLE_ONLY and not x[0].startswith("~")]
                if dated:
                    c = dated[-1][0][:6 if dated[-1][0].startswith("IGO") else 3] + c
            # keep the tables small: no companies, nobody whose role ended before 2000
            if c and c != "---" and not c.startswith("MNC") and until >= 20000101:
                for n in names:
                    out.setdefault(n, c)
                if person[0] and persons is not None:
                    for n in names:
                        persons.setdefault(n, c)
        names.clear()
        codes.clear()
        person[0] = False

    for line in lines:
        s = line.split("#", 1)[0].rstrip()
        if not s.strip():
            continue
        found = [(m.group(1), m.group(2) or "", m.group(3) or "") for m in _ACODE.finditer(s)]
        head = _ACODE.sub(" ", s).strip()
        if head and not s[0].isspace() and not head.startswith("+"):
            flush()
            person[0] = "CountryInfo" in line  # the leaders lists: people, not organisations
        if head:
            n = _clean_word(head.split("\t")[0])
            n = re.sub(r"\s+", " ", n).strip()
            if n and not n.startswith("!") and "!" not in n and len(n) > 1:
                names.append(n)
        codes.extend(found)
    flush()


def parse_agents(path: Path, out: dict[str, str]) -> None:
    macros: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        s = line.split("#", 1)[0].strip()
        m = re.match(r"^(![A-Z]+!)\s*=\s*(.*)$", s)
        if m:
            macros[m.group(1)] = [w.strip().lower() for w in m.group(2).split(",") if w.strip()]
            continue
        m = re.match(r"^(.+?)\s*\[(~[A-Z]+)\]", s)
        if not m:
            continue
        name, code = m.group(1).strip(), m.group(2)
        # "LAWMAN {LAWMEN}", "POLICE {}": the braces list other forms, not part of the name
        braces = re.findall(r"\{([^}]*)\}", name)
        name = re.sub(r"\s*\{[^}]*\}", "", name).strip()
        variants = [name] + [w for b in braces for w in b.split() if w]
        for mac, words in macros.items():
            if mac in name:
                variants = [v.replace(mac, "_" + w.upper() if not v.endswith(mac) or v == mac else w.upper())
                            for v in variants for w in words]
        for v in variants:
            v = v.replace("!", "")
            n = re.sub(r"\s+", " ", _clean_word(v)).strip()  # ("!MINIST!" at the start left a blank)
            if n and "!" not in n:
                out.setdefault(n, code)
                if not n.endswith("s") and " " not in n:
                    out.setdefault(n + "s", code)


def _add_demonyms(actors: dict[str, str]) -> set[str]:
    """The Phoenix country file lists only some adjectives ("Russian" but not
    "Sudanese", "Moroccan", "Zambian"): add the regular English demonym forms
    of every one-word country name that codes a bare country, where the form
    is not already an entry. Forms that never occur in text are harmless
    (those that are a leader's name, "Ghani", give way to it: see
    _add_person_variants). Returns the forms added."""
    added: set[str] = set()
    for name, code in list(actors.items()):
        if len(code) != 3 or not code.isalpha() or code in _ROLE_ONLY or " " in name or len(name) < 4:
            continue
        if code in ("IGO", "NGO", "IMG", "MNC"):
            continue
        base = name
        forms = {base + "n", base + "an", base + "ese", base + "i", base + "ian"}
        if base[-1] in "aeiouy":
            forms |= {base[:-1] + "an", base[:-1] + "ian", base[:-1] + "ese", base[:-1] + "i"}
        for f in forms:
            if f not in actors:
                actors[f] = code
                added.add(f)
    return added


_PARTICLES = {"al", "el", "bin", "ibn", "bint", "abu", "de", "van", "von", "da", "di", "le", "la", "ould", "ben"}


def _add_person_variants(actors: dict[str, str], persons: dict[str, str], weak: set[str] = frozenset()) -> None:
    """News names a leader as "Omar al-Bashir", "Omar El Bashir" or "President
    Bashir", the Phoenix leaders lists as "OMAR_HASSAN_AHMAD_AL_BASHIR": add the
    first-name + surname form (with and without its al/el particle), each
    only where no listed person
    of another country shares that form, and never over an existing entry
    (except a derived demonym form: "Ghani"). (Names in text must be
    capitalised: see actors.code_tokens.)"""
    variants: dict[str, dict[str, str]] = {}  # form -> country -> code
    surnames: dict[str, dict[str, str]] = {}  # derived demonym forms that are a leader's surname
    for name, code in persons.items():
        if code[:3] in _ROLE_ONLY or code.startswith(("IGO", "NGO", "IMG", "MNC")):
            continue
        toks = name.split()
        if len(toks) < 2 or not all(t.replace("-", "").replace("'", "").isalpha() for t in toks):
            continue
        last = toks[-1]
        if len(last) < 4 or last in _PARTICLES:
            continue
        pre = toks[-2] if toks[-2] in _PARTICLES else None
        pres = {pre, {"al": "el", "el": "al"}.get(pre)} - {None} if pre else set()
        first = toks[0] if toks[0] not in _PARTICLES else None
        # (no bare surnames: "Mansour" alone is as likely someone the lists lack)
        forms = set()
        if first and first != last:
            forms |= {f"{first} {last}"} | {f"{first} {p} {last}" for p in pres}
        for f in forms:
            variants.setdefault(f, {}).setdefault(code[:3], code)
        if last in weak:
            surnames.setdefault(last, {}).setdefault(code[:3], code)
    for v, by_country in variants.items():
        if len(by_country) != 1:
            continue  # "Khan", "Kim": several countries' leaders share it
        code = next(iter(by_country.values()))
        if v in weak or v not in actors:
            actors[v] = code
    for form, by_country in surnames.items():
        # "ghani" is no demonym of Ghana but President Ghani's name: a derived form that is
        # a leader's surname in another country is dropped (neither reading is safe)
        if set(by_country) != {actors.get(form, "")[:3]}:
            actors.pop(form, None)


def _write_gz(path: Path, text: str) -> None:
    # mtime=0: the same input gives byte-identical files
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as gz:
        gz.write(text.encode("utf-8"))


def build(src: Path, dest: Path = DATA_OUT) -> dict[str, int]:
    dest.mkdir(parents=True, exist_ok=True)
    ph = src / "phoenix-dictionaries"
    blocks = parse_verbs(ph / "CAMEO.2.0.txt")
    _write_gz(dest / "verbs.json.gz", json.dumps(blocks, separators=(",", ":"), sort_keys=True) + "\n")
    c2p = parse_cameo2plover(src / "CAMEO2PLOVER-2021.txt")
    with (dest / "cameo2plover.tsv").open("w", encoding="utf-8") as f:
        f.write("# CAMEO code\tPLOVER type\tmode\tcontext  (from CAMEO2PLOVER-2021.txt, CC BY-SA 4.0, Open Event Data Alliance)\n")
        for k in sorted(c2p):
            f.write("\t".join((k,) + tuple(c2p[k])) + "\n")
    actors: dict[str, str] = {}
    persons: dict[str, str] = {}
    for name in ("Phoenix.MilNonState.actors.txt", "Phoenix.International.actors.txt", "Phoenix.Countries.actors.txt"):
        parse_actors(ph / name, actors, persons)
    derived = _add_demonyms(actors)
    agents: dict[str, str] = {}
    parse_agents(ph / "Phoenix.agents.txt", agents)
    for k, v in agents.items():
        actors.setdefault(k, v)
    _add_person_variants(actors, persons, derived)  # after the agents: "leader", "minister" stay agent nouns
    f = io.StringIO()
    if True:
        f.write("# name\tCAMEO actor code  (derived from the Phoenix actor and agent dictionaries, MIT, Open Event Data Alliance)\n")
        for k in sorted(actors):
            if "\t" in k:
                continue
            f.write(f"{k}\t{actors[k]}\n")
    _write_gz(dest / "actors.tsv.gz", f.getvalue())
    return {"verb_blocks": len(blocks), "verbs": sum(len(b["verbs"]) for b in blocks),
            "patterns": sum(len(b["patterns"]) for b in blocks), "cameo2plover": len(c2p), "actors": len(actors)}


def register(sub) -> None:
    p = sub.add_parser("events", help="derive the event/actor tables from the Phoenix/PETRARCH dictionaries")
    p.add_argument("src", nargs="?", default=str(DEFAULT_SRC), help="../shared/data/events")
    p.add_argument("--out", default=str(DATA_OUT))
    p.set_defaults(func=run)


def run(args) -> int:
    src = Path(args.src)
    if not (src / "phoenix-dictionaries" / "CAMEO.2.0.txt").exists():
        print(f"error: {src}/phoenix-dictionaries not found (needs ../shared/data/events)", file=sys.stderr)
        return 2
    print(build(src, Path(args.out)))
    return 0
