"""Sources canonicalised across articles.

"Gen. John Nicholson", "Nicholson" and "the top US commander in Afghanistan"
become one source when the texts make it clear:

* titles and honorifics are dropped ("Gen.", "President", "Mr", "Sir"), but not the
  peerage that is a peer's name ("Lord Falconer");
* a surname alone maps to the full name with that surname in the same
  article, else to the only full name with that surname in the corpus;
* a descriptor maps to a name when some article in the corpus puts them in
  apposition ("John Nicholson, the top US commander in Afghanistan," or
  "the top US commander in Afghanistan, John Nicholson") and no other name
  gets that descriptor;
* organisations lose a leading "the" and a possessive ("Russia's Foreign
  Ministry" = "the Russian Foreign Ministry" is not attempted); a British party's
  names are one ("the Tories" = "the Conservatives" = "the Conservative Party");
* anonymous and unresolved pronoun sources are never merged across articles.
"""

from __future__ import annotations

from collections import Counter

import re
from collections import defaultdict

from ..store.writer import slug

TITLES = {
    "gen", "general", "lt", "lieutenant", "col", "colonel", "maj", "major", "capt", "captain", "adm", "admiral",
    "sgt", "president", "vice", "prime", "minister", "secretary", "sen", "senator", "rep", "representative", "gov",
    "governor", "mayor", "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
    "judge", "justice", "chancellor", "ambassador", "spokesman", "spokeswoman", "spokesperson", "chief", "commander",
    "foreign", "defence", "defense", "interior", "finance", "state", "deputy", "acting", "former", "rev", "father",
    "king", "queen", "prince", "princess", "pope", "sheikh", "chairman", "chairwoman", "ceo", "director", "us", "u.s.",
}
_DETS = ("the ", "a ", "an ")


_PEERAGES = {"lord", "lady", "baroness", "baron"}

# one name for a party the news names several ways ("the Tories", "the Conservatives", "the Conservative Party")
PARTY_NAMES = {
    **dict.fromkeys(["tories", "conservatives", "conservative party", "tory party"], "Conservatives"),
    **dict.fromkeys(["lib dems", "liberal democrats", "liberal democrat party", "libdems"], "Liberal Democrats"),
    **dict.fromkeys(["labour", "labour party"], "Labour"),
}


def _is_peerage(name: str) -> bool:
    words = name.split()
    return len(words) == 2 and words[0].lower() in _PEERAGES and words[1][:1].isupper()


def strip_title(name: str) -> str:
    words = name.replace("’", "'").split()
    peer = [i for i, w in enumerate(words[:-1]) if w.lower() in _PEERAGES and i == len(words) - 2]
    if peer:
        words = words[peer[0]:]   # "Attorney General Lord Goldsmith" is "Lord Goldsmith"
    while len(words) > 1 and words[0].lower().rstrip(".,") in TITLES:
        if len(words) == 2 and words[0].lower() in _PEERAGES:
            break   # a peer is named by the peerage: "Lord Falconer" (but "Lord Chancellor Lord Falconer" loses the first)
        words = words[1:]
    out = " ".join(words).strip(" ,.;:")
    if out.endswith("'s"):
        out = out[:-2]
    return out


_GROUP = re.compile(r"\s(?:and|&|nor)\s")   # several sources resolved together ("Bush and Blair")


def person_name(s: str) -> str:
    """"Environment minister Tomas Reyes" -> "Tomas Reyes": the capitalised words after the last lower-case one."""
    words = s.split()
    lower = [i for i, w in enumerate(words) if w[:1].islower()]
    if lower and lower[-1] < len(words) - 1:
        return " ".join(words[lower[-1] + 1:])
    return s


def norm_descriptor(s: str) -> str:
    s = " ".join(s.lower().replace("’", "'").split()).strip(" ,.;:")
    for d in _DETS:
        if s.startswith(d):
            s = s[len(d):]
    return s.replace("u.s.", "us")


# a descriptor learnt from a person's apposition ("Alan Beith, the committee's chairman") is not what a body is
# called: "the committee" itself, or an "it" resolved to it, stays the committee
_BODY_TYPES = {"organisation", "government", "media", "document"}
_BODY_PRONOUNS = {"it", "its", "they", "them", "their", "which", "that"}


def looks_like_name(s: str) -> bool:
    words = s.split()
    return 1 <= len(words) <= 5 and all(w[:1].isupper() or w.lower() in {"de", "van", "von", "al", "bin", "la"} for w in words)


def learn_descriptors(text: str, names: list[str]) -> list[tuple[str, str]]:
    """(descriptor, full name) pairs put in apposition in one article's text."""
    out = []
    for name in names:
        n = re.escape(name)
        for m in re.finditer(rf"{n},\s+((?:the|a|an)\s+[^,.;:\"“”\n]{{3,80}}?)[,.;]", text):
            out.append((norm_descriptor(m.group(1)), name))
        for m in re.finditer(rf"((?:[Tt]he|[Aa]n?)\s+[a-z][^,.;:\"“”\n]{{3,80}}?),\s+(?:[A-Z][\w.]*\s+)*?{n}\b", text):
            out.append((norm_descriptor(m.group(1)), name))
    return out


# "Lena Okafor, the port authority spokeswoman," anywhere in a text (not only around a statement)
_APPOSITION = re.compile(r"\b([A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'.-]+){1,3}),\s+((?:the|a|an)\s+[a-z][^,.;:\"“”\n]{3,80}?),")


def text_appositions(text: str) -> list[tuple[str, str]]:
    """(descriptor, full name) for every "Full Name, the descriptor," in a text."""
    out = []
    for m in _APPOSITION.finditer(text):
        name = strip_title(m.group(1))
        if len(name.split()) >= 2 and looks_like_name(name):
            out.append((norm_descriptor(m.group(2)), name))
    return out


def canonicalise(rows: list[dict], article_texts, article_ids=None) -> tuple[dict[str, str], dict[str, dict]]:
    """rows: statements with id, article_id, source_text, source_resolved, source_type, source_named,
    source_anonymous. article_texts(article_id) -> text; article_ids: every article to learn
    appositions from (default: those with statements). Returns {statement id: source id} and
    {source id: {name, type, aliases}}.

    A source that neither names nor resolves to anyone ("the company", "officials") is never merged
    across articles: its id is per article."""
    rows = sorted(rows, key=lambda r: r["id"])
    surface = {}
    for r in rows:
        if not r["source_text"]:
            continue
        s = strip_title((r["source_resolved"] or r["source_text"]).strip())
        if r["source_type"] == "person" and (r["source_named"] or r["source_resolved"]):
            # each of several people on their own ("Bush and Blair" had become Blair, its last name alone)
            parts = [p for p in re.split(r",\s+|\s+(?:and|&|nor)\s+", s) if p]
            s = " and ".join(strip_title(person_name(p)) for p in parts) if _GROUP.search(s) else strip_title(person_name(s))
        surface[r["id"]] = s
    # full names per article and in the corpus: named sources, and names in apposition in the texts
    full_by_article: dict[str, set] = defaultdict(set)
    by_surname: dict[str, set] = defaultdict(set)
    peer_by_surname: dict[str, set] = defaultdict(set)   # "Lord Goldsmith": a surname form, not a full name
    for r in rows:
        s = surface.get(r["id"])
        if not s or r["source_anonymous"] or r["source_type"] == "pronoun" and not r["source_resolved"]:
            continue
        if _is_peerage(s):
            peer_by_surname[s.split()[-1].lower()].add(s)
        elif looks_like_name(s) and len(s.split()) >= 2 and r["source_type"] in ("person", None, "unknown") \
                and not _GROUP.search(s):
            full_by_article[r["article_id"]].add(s)
            by_surname[s.split()[-1].lower()].add(s)
    desc_names: dict[str, set] = defaultdict(set)
    ids = sorted(set(article_ids) if article_ids is not None else {r["article_id"] for r in rows})
    for aid in ids:
        text = article_texts(aid)
        for d, name in text_appositions(text):
            desc_names[d].add(name)
            full_by_article[aid].add(name)
            by_surname[name.split()[-1].lower()].add(name)
        for d, name in learn_descriptors(text, sorted(full_by_article.get(aid, ()))):
            desc_names[d].add(name)
    descriptors = {d: next(iter(ns)) for d, ns in desc_names.items() if len(ns) == 1}

    assign: dict[str, str] = {}
    sources: dict[str, dict] = {}
    for r in rows:
        s = surface.get(r["id"])
        if not s:
            continue
        typ = r["source_type"] or "unknown"
        # resolved to a name ("the company" -> "Microsoft"), not to a fuller description in the same article ("the
        # central bank" -> "the Libyan central bank"), which stays per article like the description itself
        named = bool(r["source_named"] or r["source_resolved"] and (
            r["source_type"] in ("person", "pronoun") or looks_like_name(re.sub(r"^the\s+", "", s, flags=re.I))))
        words = s.split()
        name, sid = s, None
        if norm_descriptor(s) in descriptors and not (r["source_named"] and looks_like_name(s)) and not (
                typ in _BODY_TYPES or typ == "pronoun" and r["source_text"].lower() in _BODY_PRONOUNS):
            # the text puts this descriptor in apposition to exactly one name somewhere in the corpus
            name, typ = descriptors[norm_descriptor(s)], "person"
        elif r["source_anonymous"] or typ == "anonymous" or (typ == "pronoun" and not (
                r["source_resolved"] and looks_like_name(s))):
            # never merged across articles; nor a pronoun whose antecedent names no one ("they" -> "people" had
            # joined one source 'people' over 37 BBC articles)
            sid = f"{r['article_id']}:{slug(s)}"
        elif (len(words) == 1 or _is_peerage(s)) and looks_like_name(s):
            # a surname alone, or a peer's name ("Lord Goldsmith"): the full name with that surname in the article,
            # else the only one in the corpus, else the only peer of that name ("Falconer" -> "Lord Falconer")
            last = words[-1].lower()
            local = sorted(n for n in full_by_article.get(r["article_id"], ()) if n.split()[-1].lower() == last)
            glob = sorted(by_surname.get(last, ()))
            peers = sorted(peer_by_surname.get(last, ()))
            if len(local) == 1:
                name = local[0]
            elif not local and len(glob) == 1:
                name = glob[0]
            elif not local and not glob and len(peers) == 1:
                name = peers[0]
        elif not named and not looks_like_name(s):
            sid = f"{r['article_id']}:{slug(s)}"   # "the company", "officials": per article
        elif not looks_like_name(s):
            name = s[4:] if s.lower().startswith("the ") else s
        if sid is None:
            name = PARTY_NAMES.get(re.sub(r"^the\s+", "", name.lower()).replace("’", "'"), name)
        sid = sid or slug(name)
        assign[r["id"]] = sid
        src = sources.setdefault(sid, {"name": name, "type": typ, "aliases": set(), "types": Counter()})
        src["aliases"].add(r["source_text"])
        if typ not in ("pronoun", "unknown"):
            src["types"][typ] += 1
    # a source's type is what its mentions most often say it is: "he" resolved to Tony Blair is a
    # pronoun mention of a person, and the first mention in id order may be that pronoun
    for src in sources.values():
        types = src.pop("types")
        if types:
            src["type"] = types.most_common(1)[0][0]
    return assign, sources
