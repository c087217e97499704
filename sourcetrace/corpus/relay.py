"""Which outlet an article or a statement relays: "according to Reuters",
"The Post has learned", "first reported by the BBC", "WASHINGTON (Reuters) -".

No library names news outlets, so a short gazetteer of wires and large
outlets plus a pattern for names ending in a media word ("... News",
"... Times", "... Post") stands in; a statement whose source the
statement extractor typed as ``media`` counts too.
"""

from __future__ import annotations

import re

WIRES = {
    "reuters": "Reuters", "ap": "Associated Press", "associated press": "Associated Press",
    "the associated press": "Associated Press", "afp": "AFP", "agence france-presse": "AFP",
    "agence france presse": "AFP", "dpa": "dpa", "bloomberg": "Bloomberg", "xinhua": "Xinhua",
    "tass": "TASS", "interfax": "Interfax", "ria novosti": "RIA Novosti", "upi": "UPI", "pa": "PA Media",
    "press association": "PA Media", "the press association": "PA Media",
}
OUTLETS = {
    "bbc": "BBC", "the bbc": "BBC", "cnn": "CNN", "nbc": "NBC News", "nbc news": "NBC News", "cbs": "CBS News",
    "cbs news": "CBS News", "abc news": "ABC News", "fox news": "Fox News", "al jazeera": "Al Jazeera",
    "politico": "Politico", "axios": "Axios", "the guardian": "The Guardian", "the times": "The Times",
    "the new york times": "The New York Times", "new york times": "The New York Times",
    "the washington post": "The Washington Post", "washington post": "The Washington Post",
    "the wall street journal": "The Wall Street Journal", "wall street journal": "The Wall Street Journal",
    "the financial times": "Financial Times", "financial times": "Financial Times",
    "the telegraph": "The Telegraph", "the independent": "The Independent", "der spiegel": "Der Spiegel",
    "le monde": "Le Monde", "the economist": "The Economist", "sky news": "Sky News",
}
_MEDIA_WORDS = r"(?:News|Times|Post|Journal|Press|Herald|Tribune|Gazette|Telegraph|Agency|Wire|Daily|Line|Television|TV|Radio|Monitor|Observer|Chronicle|Standard|Courier|Express|Mail|Mirror|Sun|Register)"
_NAME = r"(?:[Tt]he\s+)?(?:[A-Z][\w'&-]*\s+){0,4}"
_KNOWN = "|".join(sorted((re.escape(k) for k in list(WIRES) + list(OUTLETS) if len(k) > 2), key=len, reverse=True))
_OUTLET_PAT = rf"(?P<o>{_NAME}{_MEDIA_WORDS}|(?i:{_KNOWN})|AP|AFP|PA|UPI|BBC|CNN|NBC|CBS|dpa)"
# relay cues around an outlet name
RELAY_RES = [
    re.compile(rf"\b[Aa]ccording to (?:a |an )?(?:report|story|article|investigation|analysis)?\s*(?:by |in |from )?{_OUTLET_PAT}\b"),
    re.compile(rf"\b(?:[Ff]irst |[Oo]riginally )?(?:reported|revealed|disclosed) (?:first )?by {_OUTLET_PAT}\b"),
    re.compile(rf"\b{_OUTLET_PAT}(?:'s? \w+)? (?:has |had )?(?:learned|learnt|reported|reports|revealed|obtained)\b"),
    re.compile(rf"\b(?:told|quoted by|cited by|speaking to) {_OUTLET_PAT}\b"),
]
_TOLD_RE = RELAY_RES[3]
_DATELINE_WIRE = re.compile(r"\((?P<w>[A-Z][A-Za-z .&'-]{1,40})\)")


def canonical_outlet(name: str | None) -> str | None:
    if not name:
        return None
    key = " ".join(name.split()).strip(" .,").lower()
    if key in WIRES:
        return WIRES[key]
    if key in OUTLETS:
        return OUTLETS[key]
    n = " ".join(name.split()).strip(" .,")
    return n[4:] if n.lower().startswith("the ") else n


def same_outlet(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    ca, cb = canonical_outlet(a).lower(), canonical_outlet(b).lower()
    strip = lambda s: s[4:] if s.startswith("the ") else s  # noqa: E731
    ca, cb = strip(ca), strip(cb)
    # "The Post" relayed inside "The Washington Post": the same outlet
    return ca == cb or ca.endswith(" " + cb) or cb.endswith(" " + ca)


def find_relays(text: str, own_outlet: str | None = None) -> list[tuple[int, int, str]]:
    """(start, end, outlet) of every relay cue naming an outlet other than ``own_outlet``.

    "told The Media Line" in The Media Line's own article is first-hand, not a relay.
    """
    out = []
    for rx in RELAY_RES:
        for m in rx.finditer(text):
            o = canonical_outlet(m.group("o"))
            if not o or same_outlet(o, own_outlet):
                continue
            if rx is _TOLD_RE:
                # "told Reuters" in another outlet's article: the quote came through Reuters
                pass
            out.append((m.start(), m.end(), o))
    out.sort()
    return out


def dateline_wire(dateline: str | None) -> str | None:
    if not dateline:
        return None
    m = _DATELINE_WIRE.search(dateline)
    return canonical_outlet(m.group("w")) if m else None


def lead_end(text: str, body_start: int = 0, n_paragraphs: int = 2, max_chars: int = 700) -> int:
    """End offset of an article's lead: its first paragraphs after the headline."""
    pos, seen = body_start, 0
    while seen < n_paragraphs:
        nxt = text.find("\n", pos)
        if nxt == -1:
            return len(text)
        if text[pos:nxt].strip():
            seen += 1
        pos = nxt + 1
    return min(pos, body_start + max_chars)
