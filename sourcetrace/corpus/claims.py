"""Statements about the same proposition -> claims.

A statement's proposition is its content (the words said, less negation and
reporting words, an attribution frame around it and asides in brackets); two
propositions are compared by an IDF-like weighted overlap of their stemmed
content words (irregular verb forms brought to their lemma, figures written
one way: "£1.5bn" = "£1,500m"), where a word's weight falls with its
frequency in English (wordfreq) so that names, places and numbers count most.
Statements are grouped by average-linkage over the pairs that share a
weighted word: a statement joins a group only when it is, on average, as
close to every member as the threshold asks (no chaining through one
loosely related statement).

The threshold and the mix of the two overlap measures were tuned on the
train part of ``sourcetrace/data/claims/pairs.jsonl`` (see ``sourcetrace
eval claims``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

THRESHOLD = 0.40
ALPHA = 0.25  # weight of containment (shared / smaller side) against Jaccard (shared / union)
BETA = 0.75   # weight of the predicate-word overlap against the overlap of all words
NUMBER_PENALTY = 0.25
# a proposition of fewer content words than this ("the proposal", "they would help fight terror")
# says too little to be matched by shared words: it joins only a near-identical one (and a
# single content word never joins anything)
MIN_WORDS = 4
SHORT_MIN_SIMILARITY = 0.9  # factor for two propositions that both give numbers, none of them shared

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’]*[A-Za-z]|[A-Za-z]|\d[\d,.]*\d|\d")
NEGATIONS = {"not", "no", "never", "n't", "nothing", "none", "neither", "nor", "cannot", "without"}
# words that say how something was said, not what: a denial and an assertion of one
# proposition must look alike
_REPORTING = {
    "said", "say", "says", "saying", "told", "tell", "tells", "according", "added", "claimed", "claim", "claims",
    "denied", "deny", "denies", "denying", "reported", "report", "reports", "alleged", "allegedly", "reportedly",
    "insisted", "stated", "state", "announced", "confirmed", "confirm", "believe", "believed", "think", "thinks",
    "false", "untrue", "baseless", "nonsense", "rejected", "rejects", "also", "would", "could", "may", "might",
    "will", "shall", "should", "must", "can", "had", "has", "have", "been", "being", "was", "were", "is", "are",
    "be", "do", "does", "did", "mr", "mrs", "ms", "dr",
}
# when, relative to the day of the report, something happened: circumstance, not proposition
# ("on Monday" in one report of an event is "on Tuesday" or "yesterday" in the next)
_WHEN = {
    "today", "yesterday", "tomorrow", "tonight",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}


@lru_cache(maxsize=1)
def _stop() -> frozenset:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | frozenset(_REPORTING) | frozenset(_WHEN)


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def _weight(word: str) -> float:
    from wordfreq import zipf_frequency

    if word[0].isdigit():
        return 4.0
    z = zipf_frequency(word, "en")
    return max(0.5, 7.0 - z)


@lru_cache(maxsize=1)
def _irregular() -> dict[str, str]:
    """Irregular verb forms -> lemma ("won" -> "win", "held" -> "hold", "sold" -> "sell"),
    from the exception tables of the spaCy model's rule lemmatizer; empty when it cannot be read."""
    try:
        from spacy.lookups import Lookups
        from ..nlp.pipeline import base_model_name
        import importlib.util
        from pathlib import Path

        spec = importlib.util.find_spec(base_model_name())
        root = Path(spec.origin).parent
        path = next(root.glob("*/lemmatizer/lookups"))
        exc = Lookups().from_disk(path).get_table("lemma_exc")
    except Exception:
        return {}
    st = _stemmer()
    out: dict[str, str] = {}
    for pos in ("verb",):
        for form, lemmas in exc.get(pos, {}).items():
            # only forms the stemmer does not already bring together, less the common words
            # that are mostly something else ("left", "ground", "media")
            if (lemmas and form.isalpha() and lemmas[0].isalpha() and form not in _NOT_INFLECTED
                    and st.stemWord(form) != st.stemWord(lemmas[0])):
                out.setdefault(form, lemmas[0])
    return out


_NOT_INFLECTED = {"bit", "ground", "left", "rent", "lay", "rose", "bound", "born", "saw", "lied", "lying", "wound",
                  "felt", "tore", "stove", "programmes", "canning", "overlay", "abode", "bespoke", "molten", "laden",
                  "clad", "dove", "wrought", "trafficking", "embedded", "underlying", "lit"}


def stem(word: str) -> str:
    return _stemmer().stemWord(word)


_NUMBER_ABBR = re.compile(r"\bNo\.?\s?(?=\d)")   # "No 10", "No. 1": a number, no negation


def is_negated(text: str) -> bool:
    text = _NUMBER_ABBR.sub(" ", text)
    toks = {t.lower().replace("’", "'") for t in re.findall(r"[\w'’]+", text)}
    return bool(toks & NEGATIONS) or any(t.endswith("n't") for t in toks)


_NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_SAID = r"(?:said|says|say|added|insisted|claimed|warned|argued|stressed|explained|announced|confirmed|admitted|denied|believes?|thinks?|reported|wrote|concluded|told(?:\s+[\w.'’-]+){1,5}?)"
# "X said: ...", "X said that ...", "X has said ..." (a short source, capitalised, before the cue)
_LEAD_ATTR = re.compile(rf"^\s*[\"“]?[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){{0,7}}?\s+(?:has\s+|had\s+|also\s+|earlier\s+)*{_SAID}\s*(?::|,|\s)\s*(?:that\s+)?[\"“]?(?P<rest>.{{12,}})$", re.S)
# "...," X said. / "..." he said. (the quote or clause ends with a comma or a closing quote)
_TAIL_ATTR = re.compile(rf"^(?P<rest>.{{12,}}?)(?:,[\"”’']?|[\"”’'])\s*(?:[\w.'’-]+\s+){{0,8}}?(?:has\s+|had\s+)?{_SAID}\.?\s*$", re.S)
# an aside in brackets: a club, a translation, an acronym ("(Parma)", "(MMS)"); a converted sum
# ("$250 (£132)") is kept, another report may give only that currency
_PAREN = re.compile(r"\s*\((?![$£€¥])[^()]{1,60}\)")
# "...," said Mr Bell. / "...", said Lee Rainie, director of the project. (the cue before the source)
_TAIL_INV = re.compile(r"^(?P<rest>.{12,}?)(?:,[\"”’']?|[\"”’'])\s*(?:said|says|added|insisted|argued|warned|explained)\s+(?:the\s+)?[A-Za-z][\w.'’-]*(?:\s+[\w.'’-]+){0,4}(?:,[^\"“”]*)?\.?\s*$", re.S)
_ACCORDING = re.compile(r",?\s*[Aa]ccording to [^,.]{1,60}[,.]?")


_SCALE = re.compile(r"\s?(thousand|million|billion|trillion|mn|bn|tn|m|k)\b", re.I)
_SCALES = {"thousand": 3, "k": 3, "million": 6, "mn": 6, "m": 6, "billion": 9, "bn": 9, "trillion": 12, "tn": 12}


def _number(digits: str, after: str) -> str:
    """A figure as one string however it is written: "25,000" and "25000"; "£1.5bn", "1,500m" and
    "1.5 billion". (The scale word stays a word of the proposition as well.)"""
    raw = digits.replace(",", "").rstrip(".")
    m = _SCALE.match(after)
    if not m:
        return raw
    try:
        value = Decimal(raw).scaleb(_SCALES[m.group(1).lower()])
    except ArithmeticError:
        return raw
    return format(value.normalize(), "f")


def proposition(text: str) -> str:
    """The words of a statement that carry its proposition: an attribution frame around it
    ("X said:", "..., he said", "according to X") is dropped. Statement contents from the
    extractor rarely have one; whole sentences (the labelled pairs) often do."""
    t = _ACCORDING.sub(" ", text)
    t = _PAREN.sub(lambda m: "" if m.group()[:1].isspace() else " ", t)
    m = _LEAD_ATTR.match(t)
    if m:
        t = m.group("rest")
    m = _TAIL_ATTR.match(t) or _TAIL_INV.match(t)
    if m:
        t = m.group("rest")
    return t.strip(" \"“”'’,.")


def _keyed(text: str) -> list[tuple[str, str | None, float]]:
    """Each word of a proposition (already reduced by ``proposition``) in order, lower-cased, with its key and weight
    in ``features``, or key None for a word that is no part of it (a stop word, a negation, a reporting word)."""
    stop = _stop()
    out: list[tuple[str, str | None, float]] = []
    stem = _stemmer()
    first = True
    for m in _TOKEN.finditer(text):
        tok = m.group()
        low = tok.lower().replace("’", "'")
        if low.endswith("'s"):
            low = low[:-2]
        sentence_start = first or text[max(0, m.start() - 2):m.start()].strip() in (".", "!", "?", '"', "“", ":")
        first = False
        if low in _NUMBER_WORDS:
            if tok[0].isupper() and not sentence_start:
                # a capitalised one is part of a name ("the Six Nations", "BBC One"), no figure
                out.append((low, "^" + low, _weight(low)))
                continue
            low = _NUMBER_WORDS[low]   # before the stop list, which holds "five", "eight" …
        if low in stop or low in NEGATIONS or low.endswith("n't") or len(low) < 2 and not low.isdigit():
            out.append((low, None, 0.0))
            continue
        if low[0].isdigit():
            key, w = "#" + _number(low, text[m.end():m.end() + 12]), 4.0
        else:
            key = stem.stemWord(_irregular().get(low, low) if tok[0].islower() else low)
            # a name: capitalised inside a sentence, or at its start when it is a rare word ("Foxx said")
            if tok[0].isupper() and (not sentence_start or _weight(low) >= 3.0):
                key = "^" + key
            w = _weight(low)
        out.append((low, key, w))
    return out


def features(text: str) -> dict[str, float]:
    """Stemmed content words of a proposition with their weights. Keys of words written
    with a capital inside the text (names) start with '^', numbers with '#'."""
    out: dict[str, float] = {}
    for _low, key, w in _keyed(proposition(text)):
        if key is None:
            continue
        if w > out.get(key, 0.0):
            out[key] = w
    return out


# a negation's reach: the rest of its clause, at most this many words ("there have been no attacks involving gigabytes
# of data"; "it does not wish to opt for a debt repayment freeze")
NEG_SCOPE = 10
_CLAUSE_END = re.compile(r"[,;:.!?()]|\s[-–—]\s|\bbut\b|\bwhile\b|\bwhereas\b", re.I)


def _negation_scopes(text: str) -> list[list[str]]:
    """For each negation word in a proposition, the keys (names unmarked) of the words it reaches, in order."""
    scopes = []
    for clause in _CLAUSE_END.split(_NUMBER_ABBR.sub(" ", proposition(text))):
        words = _keyed(clause)
        for i, (low, _key, _w) in enumerate(words):
            if low in NEGATIONS or low.endswith("n't"):
                scopes.append([k.lstrip("^") for _l, k, _w in words[i + 1:i + 1 + NEG_SCOPE] if k])
    return scopes


# nouns of the denial lexicon, or words that are mostly nouns in other senses ("denial-of-service attacks", "a
# contract dispute", "the leadership contest"): only a verb of denial tells of one
_NOT_DENIAL_VERB = {"denial", "denials", "rejection", "rejections", "dismissal", "dismissals", "refutation", "rebuttal",
                    "rebuttals", "dispute", "disputes", "contest", "contests"}


def _reports_denial(text: str) -> bool:
    """The proposition itself tells of a rejection or denial ("Labour was right to reject the Tories' idea of quotas")."""
    from ..extract.stance import DENY, lexicon_form

    return any(w not in _NOT_DENIAL_VERB and lexicon_form(w) in DENY
               for w in re.findall(r"[a-z]+", proposition(text).lower()))


# a claim with many statements on each side compares each of them with many others: read each text once
# (read only: the dicts and lists these return are never changed)
_features_of = lru_cache(maxsize=4096)(features)
_scopes_of = lru_cache(maxsize=4096)(_negation_scopes)


# a contradiction shows a reader that two sources disagree: two propositions that share only a couple of common
# words ("UK needs tax cuts" / "we won't be able to achieve these tax cuts") are too thin a link for that, however
# close their short word lists look. The floor is the rarity weight of the shared words (about two common words);
# no same-proposition pair of the labelled train split that passes the clustering threshold falls under it
MIN_SHARED_WEIGHT = 5.0
# "will not publish its accounts until May" sets a condition on the act, it does not deny it
_CONDITIONAL_NEGATION = re.compile(r"(?:\b(?:not|never|no)\b|n't)[^,;.!?]*?\b(?:until|unless|till)\b", re.I)


def _shared_weight(a: dict[str, float], b: dict[str, float]) -> float:
    na = {k.lstrip("^"): v for k, v in a.items()}
    nb = {k.lstrip("^"): v for k, v in b.items()}
    return sum(min(na[k], nb[k]) for k in na.keys() & nb.keys())


def opposed(asserting: str, denying: str, by_content: bool) -> bool:
    """Whether a statement that denies a claim contradicts one that asserts it, the two read side by side.

    Average linkage puts a statement in a claim by its similarity to all the members, which is right for grouping
    reports but too loose for saying that one source contradicts another: a contradiction is a strong thing to show
    a reader, so the pair itself must hold. The two must be about one proposition by the clustering's own test;
    when both name someone, they must share a name ("Tottenham's bid for Reid and Dawson" is not "no bids for the
    former Arsenal striker"); an assertion that itself tells of a rejection ("Labour was right to reject the Tories'
    idea") agrees with the rejection; and a denial read from a negation in the content (``by_content``, not from a
    verb of denial) must negate something the assertion says, not another clause ("British TV never realised how low
    it could go. Baywatch rose to the top of the list ..."), not the same negation the assertion holds too
    ("their calls are not marketing" on both sides), and not set a condition ("would not make any tax commitments
    until the manifesto"); and the two must share more than a couple of common words (``MIN_SHARED_WEIGHT``)."""
    fa, fd = _features_of(asserting), _features_of(denying)
    if similarity(fa, fd) < THRESHOLD or _shared_weight(fa, fd) <= MIN_SHARED_WEIGHT:
        return False
    names_a = {k[1:] for k in fa if k[0] == "^"}
    names_d = {k[1:] for k in fd if k[0] == "^"}
    plain_a = {k.lstrip("^") for k in fa}
    plain_d = {k.lstrip("^") for k in fd}
    if names_a and names_d and not (names_a & plain_d) and not (names_d & plain_a):
        return False
    if _reports_denial(asserting):
        return False
    if by_content:
        if _CONDITIONAL_NEGATION.search(proposition(denying)):
            return False
        scopes = [sc for sc in _scopes_of(denying) if sc]
        if scopes and not any(set(sc) & plain_a for sc in scopes):
            return False
        held = {sc[0] for sc in _scopes_of(asserting) if sc}
        if any(sc[0] in held for sc in scopes):
            return False
    return True


def _wsim(a: dict[str, float], b: dict[str, float], alpha: float) -> float:
    if not a or not b:
        return 0.0
    shared = sum(min(a[k], b[k]) for k in a.keys() & b.keys())
    if shared == 0:
        return 0.0
    union = sum(a.values()) + sum(b.values()) - shared
    smaller = min(sum(a.values()), sum(b.values()))
    return alpha * shared / smaller + (1 - alpha) * shared / union


def similarity(a: dict[str, float], b: dict[str, float], alpha: float = ALPHA, beta: float | None = None) -> float:
    """Weighted overlap of two propositions' words, mixed with the overlap of their
    predicate words alone (lower-case, not names or numbers): two sentences about one
    company that say different things about it share names but not predicates."""
    beta = BETA if beta is None else beta
    if not a or not b:
        return 0.0
    # names are matched as plain words too ("Sri Lanka" at a sentence start or not)
    na = {k.lstrip("^"): v for k, v in a.items()}
    nb = {k.lstrip("^"): v for k, v in b.items()}
    whole = _wsim(na, nb, alpha)
    if whole == 0.0:
        return 0.0
    # a word written as a name on either side ("the Academy Awards" / "an award") is no predicate word
    names = {k[1:] for k in a if k[0] == "^"} | {k[1:] for k in b if k[0] == "^"}
    pa = {k: v for k, v in a.items() if k[0] not in "^#" and k not in names}
    pb = {k: v for k, v in b.items() if k[0] not in "^#" and k not in names}
    pred = _wsim(pa, pb, alpha) if pa and pb else whole
    # two different numbers make two propositions ("20 killed" vs "25 killed")
    numa = {k for k in a if k[0] == "#"}
    numb = {k for k in b if k[0] == "#"}
    penalty = NUMBER_PENALTY if numa and numb and not (numa & numb) else 1.0
    # a list of names (a team sheet) is one proposition only when nearly identical
    if sum(k[0] == "^" for k in a) > 0.7 * len(a) and sum(k[0] == "^" for k in b) > 0.7 * len(b):
        penalty *= 1.0 if whole >= 0.95 else 0.2
    sim = penalty * ((1 - beta) * whole + beta * pred)
    n = min(len(a), len(b))
    if n < 2 or (n < MIN_WORDS and sim < SHORT_MIN_SIMILARITY):
        return 0.0   # one content word ("the proposal") is no proposition at all
    return sim


@dataclass
class _Cluster:
    members: list[int] = field(default_factory=list)


def cluster(texts: list[str], threshold: float = THRESHOLD, alpha: float = ALPHA, beta: float | None = None,
            min_weight: float = 2.5, max_df: int = 500, feats: list[dict] | None = None) -> list[int]:
    """Cluster label (index of the cluster's first member) for each text; deterministic
    for a given order of ``texts``."""
    feats = feats if feats is not None else [features(t) for t in texts]
    # candidate pairs: share a word of weight >= min_weight (names, places, rare words), or
    # all their words (the same quote in common words: "they would help fight crime")
    index: dict[str, list[int]] = {}
    for i, f in enumerate(feats):
        for k, w in f.items():
            if w >= min_weight:
                index.setdefault(k.lstrip("^"), []).append(i)
        if len(f) >= 2:
            index.setdefault("=" + "|".join(sorted(f)), []).append(i)
    sims: dict[tuple[int, int], float] = {}
    for k, ids in index.items():
        if len(ids) > max_df:
            continue
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                p = (ids[x], ids[y])
                if p not in sims:
                    sims[p] = similarity(feats[p[0]], feats[p[1]], alpha, beta)

    def sim(i: int, j: int) -> float:
        p = (i, j) if i < j else (j, i)
        if p not in sims:
            sims[p] = similarity(feats[i], feats[j], alpha, beta)
        return sims[p]

    label = list(range(len(texts)))
    members = {i: [i] for i in range(len(texts))}
    edges = sorted(((s, p) for p, s in sims.items() if s >= threshold), key=lambda e: (-e[0], e[1]))
    for _s, (i, j) in edges:
        a, b = label[i], label[j]
        if a == b:
            continue
        ma, mb = members[a], members[b]
        avg = sum(sim(x, y) for x in ma for y in mb) / (len(ma) * len(mb))
        if avg < threshold:
            continue
        keep, drop = (a, b) if a < b else (b, a)
        for x in members[drop]:
            label[x] = keep
        members[keep] = sorted(members[keep] + members.pop(drop))
    return label
