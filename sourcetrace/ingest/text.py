"""Plain text -> Article: headline and dateline recognised, text kept exactly as decoded."""

from __future__ import annotations

import re

from ..model import Article, ArticleMeta, Span

# "ISLAMABAD—", "WASHINGTON (Reuters) -", "LONDON, March 3 (AP) —", "KABUL, Afghanistan —"
DATELINE_RE = re.compile(
    r"""(?P<place>[A-Z][A-Z .'\-]{1,40}?(?:,\s*[A-Z][A-Za-z .]{1,30})?)
        (?:,\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})?
        (?:\s*\((?P<agency>[A-Za-z .&]{2,30})\))?
        \s*(?:—|–|--|-|:)\s*""",
    re.X,
)


def _looks_like_headline(line: str, rest: str) -> bool:
    words = line.split()
    if not (2 <= len(words) <= 25) or not rest.strip():
        return False
    return not line.rstrip().endswith((".", ",", ";", ":")) or line.rstrip().endswith("?")


def find_dateline(text: str, start: int) -> Span | None:
    m = DATELINE_RE.match(text, start)
    if not m:
        return None
    place = m.group("place").strip()
    # the place part must be upper case words (a dateline), not a sentence opening
    if not place.split(",")[0].isupper() or len(place.split(",")[0]) < 3:
        return None
    return Span.of(text, m.start(), m.end())


def article_from_text(text: str, id: str = "article", path: str | None = None, date: str | None = None) -> Article:
    meta = ArticleMeta(input_format="text")
    body_start = 0
    first_nl = text.find("\n")
    lead = text.lstrip()
    offset = len(text) - len(lead)
    if first_nl != -1:
        first = text[offset:first_nl] if first_nl > offset else ""
        if first and _looks_like_headline(first, text[first_nl:]) and not find_dateline(text, offset):
            meta.title = first.strip()
            meta.title_span = Span.of(text, offset, offset + len(first.rstrip()))
            body_start = first_nl + 1
    while body_start < len(text) and text[body_start].isspace():
        body_start += 1
    dl = find_dateline(text, body_start)
    if dl:
        meta.dateline = dl
        m = DATELINE_RE.match(text, dl.start)
        meta.dateline_place = m.group("place").split(",")[0].strip().title()
        if m.group("agency") and not meta.outlet:
            meta.outlet = m.group("agency").strip()
    if date:
        meta.date, meta.date_source = date, "option"
    return Article(id=id, path=path, text=text, meta=meta)
