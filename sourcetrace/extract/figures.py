"""Figures component: numbers with a unit, what they measure, when, and on whose word.

Reads spaCy's numeric entities (PERCENT, MONEY, QUANTITY, CARDINAL), the
dates of ``doc._.st_dates`` and the statements of ``doc._.st_statements``;
writes ``doc._.st_figures`` (list of :class:`~sourcetrace.model.Figure`).

- ``value``: the number as a float ("70 percent" -> 70, "$1.5 billion" -> 1.5e9,
  "two million" -> 2e6; number words through ``text2num``).
- ``unit``: ``percent``, an ISO 4217 code for money (``USD`` …), the unit as
  written for a QUANTITY ("km", "tons"), or the noun a count counts
  ("troops", "people").
- ``measure`` / ``measure_span``: the subject of the clause when it names
  a quantity ("the percentage of the Afghan population … fell from 70 percent"),
  else the clause up to the figure's noun phrase.
- ``date``: the :class:`DateExpr` of the figure's own clause nearest after it
  (before the next figure), else nearest before it, else one in an enclosing
  clause ("fell from 70 percent in September 2016 to 60% one year later" ->
  2016-09 and 2017-09). Dates in other clauses ("… than when troops withdrew in
  2014") are not taken.
- ``statement`` / ``source``: the statement whose content contains the figure
  (innermost); failing that, an "according to X," in the same sentence gives
  ``source`` alone.

Years, dates, durations and ordinals are not figures: any number inside a date
expression (``st_dates``) or a DATE/TIME entity is skipped, as are bare years.
Vague amounts ("dozens", "thousands of") are skipped: no honest value.
"""

from __future__ import annotations

import re
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span as SpacySpan, Token

from ..model import DateExpr, Figure, Span, Statement
from ..nlp.doc import doc_text, in_boilerplate



NUMERIC_LABELS = {"PERCENT", "MONEY", "QUANTITY", "CARDINAL"}
DATE_LABELS = {"DATE", "TIME", "ORDINAL"}

SCALES = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "lakh": 1e5, "crore": 1e7,
}
# Currency words and symbols as the English press writes them -> ISO 4217.
# Hand-written: a short closed list; the libraries that map currency *names*
# (babel) do not cover press forms like "US$" or "bn".
CURRENCIES = [
    (r"US\$|USD|\$|dollars?|US dollars?", "USD"),
    (r"€|EUR|euros?", "EUR"),
    (r"£|GBP|pounds? sterling|pounds?|sterling", "GBP"),
    (r"¥|JPY|yen", "JPY"),
    (r"yuan|renminbi|RMB|CNY", "CNY"),
    (r"roubles?|rubles?|RUB", "RUB"),
    (r"rupees?|Rs\.?|INR|PKR", "RUPEE"),
    (r"afghanis?|AFN", "AFN"),
    (r"shekels?|NIS|ILS", "ILS"),
    (r"rials?|IRR", "IRR"),
    (r"lira|TRY", "TRY"),
    (r"reais|BRL", "BRL"),
]
CURRENCY_RE = [(re.compile(r"(?<![A-Za-z])(?:" + p + r")(?![A-Za-z])", re.I), code) for p, code in CURRENCIES]

# Subjects that name a quantity: "the percentage of …", "the death toll", "turnout".
METRIC_NOUNS = {
    "percentage", "percent", "share", "proportion", "number", "rate", "price", "cost", "costs", "budget", "toll",
    "total", "figure", "figures", "level", "turnout", "unemployment", "inflation", "gdp", "growth", "population",
    "deficit", "debt", "revenue", "revenues", "spending", "output", "production", "exports", "imports", "income",
    "value", "count", "majority", "support", "approval", "sales", "profit", "loss", "losses", "casualties",
}
# Counted nouns worth a figure even when written as a small word ("three soldiers").
COUNT_NOUNS = {
    "people", "persons", "troops", "soldiers", "civilians", "fighters", "militants", "police", "policemen",
    "officers", "children", "women", "men", "refugees", "migrants", "casualties", "deaths", "dead", "victims",
    "prisoners", "hostages", "workers", "jobs", "votes", "voters", "members", "attacks", "strikes", "killed",
    "wounded", "injured", "weapons", "rifles", "missiles", "rockets", "tanks", "aircraft", "drones", "vehicles",
}
CLAUSE_DEPS = {"ROOT", "ccomp", "xcomp", "advcl", "relcl", "acl", "csubj", "csubjpass", "parataxis", "pcomp"}
WORD_NUMBER_RE = re.compile(r"[A-Za-z-]+")
DIGITS_RE = re.compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?")
VAGUE_RE = re.compile(r"^(?:dozens|scores|hundreds|thousands|millions|billions|tens of thousands|several|many|few)\b", re.I)
YEAR_RE = re.compile(r"^(1[5-9]\d\d|20\d\d)s?$")


def parse_value(text: str) -> Optional[float]:
    """The number a figure's text states, or None ("dozens" and other vague amounts)."""
    t = text.strip()
    if VAGUE_RE.match(t):
        return None
    m = DIGITS_RE.search(t)
    if m:
        value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
        rest = t[m.end():].lstrip()
        w = re.match(r"[A-Za-z]+", rest)
        if w and w.group(0).lower() in SCALES and (len(w.group(0)) > 1 or rest[1:2] in ("", " ", ".", ",")):
            value *= SCALES[w.group(0).lower()]
        return value
    return _word_value(t)


def _word_value(text: str) -> Optional[float]:
    from text_to_num import text2num  # number words: "two million", "seventy-five"

    words = [w for w in WORD_NUMBER_RE.findall(text)]
    # longest run of words text2num accepts, tried from the left
    for i in range(len(words)):
        for j in range(len(words), i, -1):
            phrase = " ".join(words[i:j])
            if phrase.lower() in ("a", "an", "one"):  # "one" alone is mostly a pronoun
                continue
            if phrase.lower() in ("a dozen", "dozen"):
                return 12.0
            try:
                return float(text2num(phrase.lower(), "en"))
            except (ValueError, TypeError):
                continue
    return None


def _currency(text: str, places_ctx: set[str]) -> Optional[str]:
    for rx, code in CURRENCY_RE:
        if rx.search(text):
            if code == "RUPEE":
                return "PKR" if "PAK" in places_ctx and "IND" not in places_ctx else "INR"
            return code
    return None


def _clause_head(tok: Token) -> Token:
    while tok.dep_ not in CLAUSE_DEPS and tok.head.i != tok.i:  # Token objects are new on each access: compare indices
        tok = tok.head
    return tok


def _subtree_span(tok: Token) -> tuple[int, int]:
    toks = list(tok.subtree)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " ,;:—–-\"“”'’(":
        s += 1
    while e > s and text[e - 1] in " ,;:—–-\"“”'’(":
        e -= 1
    return s, e


def _counted_noun(ent: SpacySpan) -> Optional[Token]:
    root = ent.root
    if root.dep_ == "nummod" and root.head.pos_ in ("NOUN", "PROPN") and root.head.i >= ent.end:
        return root.head
    for t in ent:
        if t.dep_ == "nummod" and t.head.i >= ent.end and t.head.pos_ in ("NOUN", "PROPN"):
            return t.head
    # "3,000 of the troops"
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if nxt is not None and nxt.lower_ == "of":
        for c in nxt.children:
            if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN"):
                return c
    return None


def _measure(doc: Doc, ent: SpacySpan, noun: Optional[Token]) -> Optional[tuple[int, int]]:
    head = _clause_head(ent.root)
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)
    text = doc_text(doc)
    fig_end = ent.end_char
    # "70% of Afghanistan", "3,000 troops": the figure's phrase runs to the end of its noun / of-object
    last = ent[-1]
    if noun is not None:
        fig_end = max(fig_end, _subtree_span(noun)[1] if noun.i < ent.end + 4 else noun.idx + len(noun.text))
    nxt = doc[ent.end] if ent.end < len(doc) else None
    if nxt is not None and nxt.lower_ == "of" and nxt.head in (last, ent.root):
        fig_end = max(fig_end, _subtree_span(nxt)[1])
    if subj is not None and not (subj.i <= ent.root.i and ent.root in subj.subtree):
        if subj.lower_ in METRIC_NOUNS or any(t.lower_ in METRIC_NOUNS for t in subj.subtree if t.i <= subj.i):
            return _trim(text, *_subtree_span(subj))
        start = _subtree_span(subj)[0]
        if start < ent.start_char:
            return _trim(text, start, fig_end)
    if noun is not None:
        return _trim(text, noun.idx, _subtree_span(noun)[1]) if noun.i >= ent.end else None
    if subj is not None and ent.root in subj.subtree:
        # the figure is the subject ("70% of voters back the deal"): the clause from its of-object on
        of = next((t for t in ent.root.children if t.dep_ == "prep" and t.lower_ == "of"), None)
        start = of.idx + len(of.text) if of is not None else ent.end_char
        return _trim(text, start, _subtree_span(head)[1])
    return None


def _date_for(doc: Doc, ent: SpacySpan, sent_figs: list[SpacySpan], dates: list[tuple[DateExpr, SpacySpan]]) -> Optional[DateExpr]:
    sent = ent.sent
    in_sent = [(d, sp) for d, sp in dates if sp.start >= sent.start and sp.end <= sent.end and d.value]
    if not in_sent:
        return None
    own = _clause_head(ent.root)
    i = sent_figs.index(ent)
    lo = sent_figs[i - 1].end if i > 0 else sent.start
    hi = sent_figs[i + 1].start if i + 1 < len(sent_figs) else sent.end

    def clause_of(sp: SpacySpan) -> Token:
        return _clause_head(sp.root)

    same = [(d, sp) for d, sp in in_sent if clause_of(sp) == own]
    after = [x for x in same if x[1].start >= ent.end and x[1].end <= hi]
    if after:
        return min(after, key=lambda x: x[1].start)[0]
    before = [x for x in same if x[1].end <= ent.start and x[1].start >= lo]
    if before:
        return max(before, key=lambda x: x[1].end)[0]
    # enclosing clauses, nearest first; a date in a clause hanging off a noun of
    # that clause counts too ("a BBC analysis published in January found …")
    cl = own
    while cl.head.i != cl.i:
        cl = _clause_head(cl.head)
        for d, sp in in_sent:
            c = clause_of(sp)
            if c == cl or (c.dep_ in ("acl", "relcl") and _clause_head(c.head) == cl):
                return d
    return None


_ACCORDING = re.compile(r"\baccording to\s+(?P<src>[^,.;]+?)\s*,", re.I)


def _statement_for(fig_start: int, fig_end: int, statements: list[Statement]) -> Optional[Statement]:
    best, best_len = None, None
    for st in statements or []:
        for c in st.content:
            if c.start <= fig_start and fig_end <= c.end:
                if best_len is None or c.end - c.start < best_len:
                    best, best_len = st, c.end - c.start
    return best


def _source_text(st: Statement) -> Optional[str]:
    if st.source is None:
        return None
    return st.source.resolved or st.source.text


CURRENCY_SYMBOLS = {"£", "$", "€", "¥", "us$", "a$", "c$", "hk$", "nz$", "s$"}
CURRENCY_AFTER = re.compile(r"\s(?:euros?|dollars?|US dollars?|yen|yuan|renminbi|roubles?|rubles?|rupees?|reais|"
                            r"shekels?|rials?|lira|afghanis?)\b", re.I)
SCALE_AFTER = re.compile(r"(?:m|bn|tn|k)\b|\s(?:million|billion|trillion)\b")


def _with_symbols(doc: Doc, ent: SpacySpan) -> tuple[SpacySpan, int, int]:
    """The entity, and its character offsets widened to a currency symbol just before it and a scale written onto
    it: the small English model often tags only the digits of "£75m" or "$725m." as MONEY (or CARDINAL), leaving
    out "£" and "m", which would make £75m a bare 75 ("$1.5 billion", taken whole by the model, is unchanged).
    Character offsets, not tokens: the tokenizer can fuse the scale with a full stop ("m.")."""
    text = doc.text
    start, s_char, e_char = ent.start, ent.start_char, ent.end_char
    label = ent.label_
    if start > 0 and doc[start - 1].lower_ in CURRENCY_SYMBOLS and not doc[start - 1].whitespace_ \
            and not doc[start - 1].ent_type_:
        start -= 1
        s_char = doc[start].idx
        label = "MONEY"
    m = SCALE_AFTER.match(text, e_char)
    if m and not re.search(r"(?:million|billion|trillion|bn|tn|\d[mk])\s*$", ent.text, re.I) \
            and (label == "MONEY" or m.group().strip() not in ("m", "k")):
        e_char = m.end()  # (a bare "m" is million only for money: "the 1500m", "a 60m hurdles" are metres)
    # "2.9bn euros", "2bn reais": the currency named after the number ("pounds" can weigh: left alone)
    m = CURRENCY_AFTER.match(text, e_char)
    if m and label != "MONEY" and not _currency(text[s_char:e_char], set()):
        e_char = m.end()
        label = "MONEY"
    if (s_char, e_char) == (ent.start_char, ent.end_char):
        return ent, s_char, e_char
    tok_end = ent.end
    while tok_end < len(doc) and doc[tok_end].idx < e_char:
        tok_end += 1
    return SpacySpan(doc, start, tok_end, label=label), s_char, e_char


def figures_for(doc: Doc) -> list[Figure]:
    text = doc_text(doc)
    dates: list[tuple[DateExpr, SpacySpan]] = []
    for d in doc._.st_dates or []:
        sp = doc.char_span(d.start, d.end, alignment_mode="expand")
        if sp is not None and len(sp):
            dates.append((d, sp))
    date_ranges = [(d.start, d.end) for d, _ in dates]
    date_ranges += [(e.start_char, e.end_char) for e in doc.ents if e.label_ in DATE_LABELS]
    places_ctx = {p.country for p in (doc._.st_places or []) if p.country}
    statements = doc._.st_statements or []

    ents = []
    for ent in doc.ents:
        if ent.label_ not in NUMERIC_LABELS:
            continue
        if in_boilerplate(doc, ent.start_char, ent.end_char):
            continue
        if any(s < ent.end_char and ent.start_char < e for s, e in date_ranges):
            continue
        ents.append(_with_symbols(doc, ent))

    kept: list[tuple[SpacySpan, float, Optional[str], Optional[Token], int, int]] = []
    for ent, s_char, e_char in ents:
        written = text[s_char:e_char]
        value = parse_value(written)
        if value is None:
            continue
        noun = None
        if ent.label_ == "PERCENT":
            unit = "percentage points" if re.search(r"points?\b", written, re.I) else "percent"
        elif ent.label_ == "MONEY":
            unit = _currency(written, places_ctx)
        elif ent.label_ == "QUANTITY":
            m = DIGITS_RE.search(written)
            rest = written[m.end():] if m else written
            rest = re.sub(r"^\s*(?:" + "|".join(SCALES) + r")\b", "", rest, flags=re.I).strip()
            unit = rest or None
            noun = _counted_noun(ent)
        else:  # CARDINAL
            written = written.strip()
            if YEAR_RE.match(written):
                continue  # a bare year that no date expression covered
            noun = _counted_noun(ent)
            has_digit = any(ch.isdigit() for ch in written)
            if not has_digit and value < 10 and (noun is None or noun.lower_ not in COUNT_NOUNS):
                continue  # "the two sides", "one of them"
            if noun is None and not has_digit:
                continue
            unit = noun.lower_ if noun is not None else None
        kept.append((ent, value, unit, noun, s_char, e_char))

    by_sent: dict[int, list[SpacySpan]] = {}
    for ent, *_ in kept:
        by_sent.setdefault(ent.sent.start, []).append(ent)

    figures: list[Figure] = []
    for ent, value, unit, noun, s_char, e_char in kept:
        ms = _measure(doc, ent, noun)
        measure_span = Span.of(text, *ms) if ms and ms[1] > ms[0] else None
        date = _date_for(doc, ent, by_sent[ent.sent.start], dates)
        st = _statement_for(s_char, e_char, statements)
        source = _source_text(st) if st is not None else None
        if source is None:
            sent = ent.sent
            m = _ACCORDING.search(text, sent.start_char, s_char)
            if m:
                source = m.group("src").strip()
        figures.append(
            Figure(
                start=s_char,
                end=e_char,
                text=text[s_char:e_char],
                value=value,
                unit=unit,
                measure=measure_span.text if measure_span else None,
                measure_span=measure_span,
                date=date,
                statement=st.id if st is not None else None,
                source=source,
            )
        )
    return figures


@Language.component("sourcetrace_figures")
def figures_component(doc: Doc) -> Doc:
    doc._.st_figures = figures_for(doc)
    return doc
