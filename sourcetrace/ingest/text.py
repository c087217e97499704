"""Plain text -> Article: headline, byline and dateline recognised; text kept exactly as given.

Nothing here changes the text: the headline, byline and dateline are only
located (spans / fields in :class:`~sourcetrace.model.ArticleMeta`).

No library recognises news headlines and datelines in plain text, so these are
small hand-written rules over the first lines.
"""

from __future__ import annotations

import re

from ..model import Article, ArticleMeta, Span

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_CAPWORD = r"[A-Z][A-Z.'’\-]*[A-Z.]"  # an all-capitals word: KABUL, U.S., ST.
_TITLEWORD = r"[A-Z][a-z.'’\-]+"

# "ISLAMABAD—", "WASHINGTON (Reuters) -", "KABUL, Afghanistan (AP) —",
# "LONDON, March 3 (AP) —", "SAN JUAN, Puerto Rico, Jan. 5, 2017 (Reuters) -",
# "Washington (CNN) —" / "Washington (CNN)The ..." (title-case place only with an agency)
DATELINE_RE = re.compile(
    rf"""(?P<place>
            (?P<caps>{_CAPWORD}(?:[ \t]+{_CAPWORD}){{0,4}})
          | (?P<title>{_TITLEWORD}(?:[ \t]+{_TITLEWORD}){{0,2}})(?=,[^\n]{{0,60}}\(|[ \t]*\()
        )
        (?P<region>,[ \t]*{_TITLEWORD}\.?(?:[ \t]+{_TITLEWORD}\.?){{0,3}}(?![ \t]+[a-z]))?
        (?P<when>,?[ \t]*{_MONTH}[ \t]+\d{{1,2}}(?:,?[ \t]+\d{{4}})?)?
        (?:[ \t]*\((?P<agency>[A-Z][A-Za-z0-9 .&'’\-]{{1,40}})\))?
        (?P<sep>[ \t]*(?:—|–|--)[ \t]*|[ \t]+-[ \t]+|(?<=\))[ \t]*(?=[A-Z“"]))
    """,
    re.X,
)

# capitalised labels that open a line like a dateline but name no place
NOT_PLACES = {
    "EXCLUSIVE", "BREAKING", "UPDATE", "UPDATED", "WATCH", "OPINION", "ANALYSIS", "EDITORIAL", "LIVE", "VIDEO",
    "PHOTOS", "REVIEW", "COMMENTARY", "EXPLAINER", "FACT", "CORRECTION", "NOTE", "EDITOR'S", "EDITORS", "UPDATES",
}

BYLINE_RE = re.compile(
    r"(?:By|BY|Written by|Reporting by)[ \t]+(?P<who>[A-Z][\w.'’\-]+(?:[ \t]+(?:[A-Z][\w.'’\-]+|and|&|de|van|von|al-\w+))"
    r"{0,8})(?:[ \t]*[,|][ \t]*[^\n]{0,60})?[ \t]*$"
)

_SMALL = {"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "by", "with", "as", "from", "but", "vs", "is", "after", "over", "into"}


def _title_case_share(words: list[str]) -> float:
    content = [w for w in words if w.lower().strip("‘’'\"“”") not in _SMALL and any(c.isalpha() for c in w)]
    if not content:
        return 0.0
    return sum(1 for w in content if w.lstrip("‘’'\"“”([").strip()[:1].isupper()) / len(content)


def _looks_like_headline(line: str, rest: str) -> bool:
    """A first line is a headline when it is short and set off as one.

    Short and not ending like a sentence (no final period), or ending with a
    period but written in Title Case (``"Stealth Over Health: ... Optics."``),
    or a single short sentence followed by a blank line.
    """
    stripped = line.strip()
    words = stripped.split()
    if not (2 <= len(words) <= 30) or len(stripped) > 300 or not rest.strip():
        return False
    last = stripped[-1]
    if last in ",:-–—(":
        return False
    if last != ".":
        return True  # "...in Afghanistan", "...?", "Title; " (USA Today / NYT "title; subtitle")
    if _title_case_share(words) >= 0.7:
        return True
    # a short line ending with a period, set off by a blank line before a longer paragraph:
    # "Virginian could make history. Again."
    blank_after = re.match(r"[ \t]*\r?\n[ \t]*\r?\n", rest) is not None
    if not blank_after or len(words) > 20:
        return False
    nxt = next((ln for ln in rest.split("\n") if len(ln.split()) >= 4), "")  # skip "ABSTRACT." labels
    return len(nxt.split()) > len(words)


def find_dateline(text: str, start: int) -> Span | None:
    """The dateline at ``start`` ("ISLAMABAD—"), or None."""
    m = DATELINE_RE.match(text, start)
    if not m:
        return None
    if m.group("caps"):
        letters = re.sub(r"[^A-Za-z]", "", m.group("caps"))
        if len(letters) < 3 or m.group("caps").split()[0].rstrip(".:") in NOT_PLACES:
            return None
    elif not m.group("agency"):
        return None  # a title-case place needs an agency: "Washington (CNN)"
    end = m.end()
    while end > m.start() and text[end - 1] in " \t":
        end -= 1
    return Span.of(text, m.start(), end)


def dateline_parts(text: str, span: Span) -> dict:
    m = DATELINE_RE.match(text, span.start)
    place = (m.group("caps") or m.group("title") or "").strip()
    return {
        "place": place.title() if place.isupper() else place,
        "region": (m.group("region") or "").strip(", \t") or None,
        "agency": (m.group("agency") or "").strip() or None,
    }


def _next_line(text: str, pos: int) -> tuple[int, int]:
    """(start, end) of the first non-blank line at or after ``pos`` (start skips indentation)."""
    n = len(text)
    while pos < n and text[pos] in " \t\r\n\f\v\u00a0\ufeff":
        pos += 1
    end = text.find("\n", pos)
    end = n if end == -1 else end
    return pos, end


def apply_dateline(meta: ArticleMeta, text: str, start: int) -> None:
    """Record the dateline starting at ``start`` (if any): span, place, and the agency as outlet when none is known."""
    dl = find_dateline(text, start)
    if dl:
        meta.dateline = dl
        parts = dateline_parts(text, dl)
        meta.dateline_place = parts["place"]
        if parts["agency"] and not meta.outlet:
            meta.outlet = parts["agency"]


def article_from_text(text: str, id: str = "article", path: str | None = None, date: str | None = None) -> Article:
    meta = ArticleMeta(input_format="text")
    start, end = _next_line(text, 0)
    line = text[start:end].rstrip("\r")
    body = start
    if end < len(text) and _looks_like_headline(line, text[end:]) and not find_dateline(text, start):
        title_end = start + len(line.rstrip())
        meta.title = text[start:title_end]
        meta.title_span = Span.of(text, start, title_end)
        body = end
    # a byline line ("By Jane Doe, Reuters") may sit between headline and body
    bstart, bend = _next_line(text, body)
    bm = BYLINE_RE.match(text[bstart:bend].rstrip("\r"))
    if bm and bend < len(text):
        meta.author = bm.group("who").strip()
        body = bend
    bstart, _ = _next_line(text, body)
    apply_dateline(meta, text, bstart)
    if date:
        meta.date, meta.date_source = date, "option"
    return Article(id=id, path=path, text=text, meta=meta)
