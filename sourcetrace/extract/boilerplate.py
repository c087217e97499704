"""In-text boilerplate: donation appeals, newsletter and subscription plugs,
"Read more"/"Related" links, advertisement markers, social prompts, comment
widgets, app and affiliate plugs, copyright lines.

Detected on the raw text and reported as spans; nothing is removed from the
text, so offsets stay valid. Later components skip tokens inside them
(:func:`sourcetrace.nlp.doc.in_boilerplate`).

How it works (hand-written: no library finds promo blocks *inside* article
text -- trafilatura and jusText classify whole HTML blocks, and plain text has
no markup at all):

1. Each line (a paragraph in plain text and in trafilatura's output) is
   checked against *seed* patterns. Seeds are anchored calls to action
   ("Sign up for our newsletter", "Read more:", "Follow us on Twitter",
   "This holiday season, give to:") rather than topic words, so an article
   *about* donations or subscriptions is not flagged, and matches inside
   quotation marks are ignored (a quoted campaign caller is a statement). Long lines (over
   ``LONG_LINE`` words) are article paragraphs that may end with a plug:
   there only the matching sentences are flagged.
2. A seed that is a *header* (ends with ":" or is a bare "Related",
   "You may also like", "DON'T MISS", "Pick Six Newsletter") opens a block:
   - after an appeal or newsletter header, the block runs over the short,
     quote-free lines that follow, then gives back trailing lines that carry
     no promotional voice (we/our/you, a call to action, a slogan-like
     fragment), so a short article paragraph after the block stays out;
   - after a link header, it runs over the list of links that follows
     (bullets or short headline-like lines).
3. Boilerplate lines separated only by blank lines, or by one short line
   in the same promotional voice ("Get the day's big stories ... you love"),
   merge into one span.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Boilerplate

LONG_LINE = 25  # words: longer lines are article paragraphs; only matching sentences are flagged
MAX_APPEAL_LINES = 9  # lines an appeal/newsletter block may run over after its header
MAX_LIST_LINES = 12  # link lines after a "Related:" header

_I = re.I

# "(Reporting by A and B in Boston; Editing by C.)": a credit line, names only -- not
# "Research by Dr Nielsen shows that ..." (a sentence)
_NAME = r"[A-Z][\w.’'-]*(?: (?:[A-Z][\w.’'-]*|de|van|von|al|bin|da|di|la|le))*"
_ITEM = rf"{_NAME}(?: in {_NAME}(?:, {_NAME})?)?"
_CLAUSE = rf"(?i:(?:additional |further )?reporting|writing|editing|compiled|research|graphics|photos?|photography) by {_ITEM}(?:(?:, | and |, and | & ){_ITEM})*"
_CREDIT_RE = re.compile(rf"^\(?{_CLAUSE}(?:[;,.] (?:and |with )?{_CLAUSE})*[.;]?\)?\.?$")

# (kind, pattern) -- searched in the stripped line (or sentence)
SEEDS: list[tuple[str, re.Pattern]] = [
    # ---- donation / membership appeals
    ("appeal", re.compile(r"^(?:[\w’' ]{0,40},\s*)?(?:please\s+)?(?:give to|give now|donate(?: now| today| here)?\b|make a (?:donation|gift|contribution)|chip in|become a (?:member|patron|supporter|sustaining member)|support (?:us|our (?:journalism|work|reporting|newsroom|mission)|independent (?:journalism|media|news|reporting)|quality journalism))\b", _I)),
    ("appeal", re.compile(r"\b(?:your|a) (?:donation|contribution|gift|support|membership) (?:today )?(?:helps|will help|makes|allows|keeps|enables|ensures)\b", _I)),
    ("appeal", re.compile(r"\b(?:readers|members|supporters) like you\b|\bplease consider (?:supporting|donating|a (?:donation|contribution)|becoming)\b", _I)),
    ("appeal", re.compile(r"\bif you (?:value|appreciate|like|enjoy)\b.{0,80}\b(?:please |consider )(?:support|donat|contribut|subscrib)", _I)),
    # ---- newsletters
    ("newsletter", re.compile(r"^(?:sign up|subscribe|register|get|start your day with)\b.{0,120}\bnewsletters?\b", _I)),
    ("newsletter", re.compile(r"\b(?:sign up|subscribe) (?:for|to) (?:our|the|his|her|their|[A-Z][\w’'.]*(?: [A-Z][\w’'.]*){0,4}’?'?s?) [\w’'. ]{0,60}newsletters?\b", _I)),
    ("newsletter", re.compile(r"\b(?:delivered|sent|straight|directly|right)(?: \w+){0,3} (?:to|in|into) your inbox\b|\bmeet your inbox\b|\bkeep an eye on your inbox\b", _I)),
    ("newsletter", re.compile(r"^(?:thanks|thank you) for (?:signing up|subscribing)\b|\berror processing your subscription\b|^sign up\s*[:!.]|^sign up (?:now|here|today)\b", _I)),
    ("newsletter", re.compile(r"^[\w’'&+ ]{0,40}\bnewsletters?\s*[:!.]?$", _I)),  # "Pick Six Newsletter" header
    # ---- subscriptions and paywall
    ("subscription", re.compile(r"^(?:subscribe(?: now| today| here)?\s*[:!.]?$|subscribe to\b|already a (?:subscriber|member)\b|unlock (?:full |unlimited )?access\b|get (?:full|unlimited|digital|premium) access\b|start your (?:free )?trial\b|log ?in to (?:continue|read)\b)", _I)),
    ("subscription", re.compile(r"\b\d+ issues for\b|\bfor (?:as little as|only|just) (?:rs\.?|\$|£|€|us\$) ?\d|\b(?:subscribers|members) (?:get|enjoy) (?:unlimited|exclusive|full)\b", _I)),
    # ---- "Read more" / related links
    ("read_more", _READ_MORE := re.compile(
        r"^[\[(]?\s*(?:read more|read next|read also|also read|see more|see also|more|related(?: (?:posts?|articles?|stories|story|coverage|content|reading|links?|topics?))?|"
        r"recommended(?: for you| reading| stories)?|more on this(?: story| topic)?|more from [\w .’'-]{1,40}|further reading|"
        r"you (?:may|might) also (?:like|enjoy|be interested in)|don[’']?t miss|must read|most (?:read|popular|viewed|shared)|popular on [\w .’'-]{1,40}|"
        r"trending(?: now| stories)?|also on [\w.-]+|also|top stories|editor[’']?s picks?|in (?:other|related) news|more stories|what to read next|click here to read)"
        r"\s*(?::|…|\.\.\.|»|>>?|\||–|—| -|$)", _I)),
    # ---- advertisement markers
    ("advertisement", re.compile(
        r"^(?:advertisement|advertisements|advertising|sponsored(?: content| links?| posts?| stories)?|ad|ads by \w+|paid (?:content|post|partner(?: content)?)|promoted(?: content| stories)?|"
        r"(?:story|article) continues (?:below|after)(?: (?:this )?(?:advertisement|ad))?|continue reading(?: the main story| below| after (?:the )?ad(?:vertisement)?)?|"
        r"skip advertisement|scroll (?:down )?to continue(?: with content| reading)?|report this ad)\s*[.:]?$", _I)),
    ("promo", re.compile(r"\bif you (?:buy|purchase|click) (?:something|anything|on)\b|\bmay (?:earn|get|receive) (?:a )?(?:small )?(?:commission|share of the sale)\b|\baffiliate (?:links?|commission)\b", _I)),
    ("promo", re.compile(r"\b(?:click|tap) here\b|\bby clicking here\b|\b(?:get|download) (?:the|our) [\w ]{0,30}\bapp\b", _I)),
    ("promo", re.compile(r"^(?:have|got) a (?:news )?tip\b|^(?:tell us what you think|join the (?:conversation|discussion)|leave a (?:comment|reply)|post (?:a )?comments?|show comments|view comments|add a comment)\b", _I)),
    ("promo", re.compile(r"\bwe[’']d (?:like|love) to hear (?:what you think|from you)\b", _I)),
    # ---- social prompts
    ("social", re.compile(r"^(?:follow|like|join|find) (?:us|me|him|her|them|[\w@’'.&-]+(?: [\w@’'.&-]+){0,5}) on (?:facebook|twitter|x|instagram|linkedin|youtube|tiktok|threads|bluesky|telegram|whatsapp|snapchat|pinterest)\b", _I)),
    ("social", re.compile(r"\bfollow (?:us|me|him|her|them|[A-Z][\w’'.&-]*(?: [A-Z][\w’'.&-]*){0,4}) on (?:twitter|x|instagram|facebook|threads|bluesky)\b[^.]{0,40}@\w+", _I)),
    ("social", re.compile(r"^(?:share (?:this|on|via|it)\b|click to share\b|tweet (?:this|it)\b|email this\b|pin it\b|like this (?:story|article|post)\?)|\bshare (?:it|this(?: \w+)?) with (?:a friend|your friends)\b", _I)),
    ("social", re.compile(r"^(?:(?:facebook|twitter|linkedin|e-?mail|whatsapp|reddit|pinterest|print|copy link|share|messenger|flipboard|telegram)[\s|,•·/]*){2,}$", _I)),
    # ---- other page furniture inside the text: credits, photo credits, timestamps, copyright
    ("other", _CREDIT_RE),
    ("other", re.compile(r"^[A-Z][\w.’'-]+(?: [A-Z][\w.’'-]+){0,3}(?:,? and [A-Z][\w.’'-]+(?: [A-Z][\w.’'-]+){0,3})? contributed (?:reporting|to this (?:report|article|story))\b[^\n]{0,120}$")),
    ("other", re.compile(r"^(?:image|photo|picture|video) (?:copyright|credit|source)\b.{0,80}$|^(?:photo|image|picture|credit)\s*:\s*\S.{0,80}$", _I)),
    ("other", re.compile(r"^(?:first |last )?(?:published|updated|posted)(?: on| at)?\s*:?\s*(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b)[^\n]{0,60}$", _I)),
    ("other", re.compile(r"^(?:\d+\s+)?comments?\s*(?:\(\d+\))?\s*$|^(?:copyright|©|\(c\)|ⓒ)\s.{0,150}$|\ball rights reserved\b|^filed under\s*:|^(?:tags|topics)\s*:", _I)),
]

_HEADER_KINDS = {"appeal", "newsletter", "read_more", "subscription"}
_QUOTE_RE = re.compile(r"[“”\"«»]")
_PROMO_VOICE = re.compile(
    r"\b(?:we|we[’']re|we[’']ve|our|us|you|your)\b|^(?:give|donate|support|subscribe|join|sign|click|follow|get|read|share|become|help)\b",
    _I,
)
_SENT_RE = re.compile(r"[^.!?]*(?:[.!?]+[\"”’)]*|$)\s*")
_BULLET_RE = re.compile(r"^\s*(?:[-–•*·▪►]|\d{1,2}[.)])\s+")


def _lines(text: str):
    """(start, end, line) for each line, end excluding the line break."""
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85")
        yield pos, pos + len(stripped), stripped
        pos += len(line)


_QUOTED_RE = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)|«[^»]*(?:»|$)")


def _seed_match(s: str) -> tuple[str, re.Match] | None:
    """(kind, match) of the first seed found in ``s`` outside quotation marks."""
    quoted = [(m.start(), m.end()) for m in _QUOTED_RE.finditer(s)]
    for kind, rx in SEEDS:
        for m in rx.finditer(s):
            if not any(qs <= m.start() < qe for qs, qe in quoted):
                return kind, m
    return None


def _seed(s: str) -> str | None:
    found = _seed_match(s)
    return found[0] if found else None


_CAPS_RUN_RE = re.compile(r"(?<!\S)(?:[^\sa-z—–]*[A-Z][^\sa-z—–]*[ \t]+)*[^\sa-z—–]*[A-Z][^\sa-z—–]*(?!\S)")


def _caps_run(sent: str, m: re.Match) -> tuple[int, int] | None:
    """An ALL-CAPS plug pasted into a sentence ("... pic.twitter.com/x SIGN UP FOR OUR
    NEWSLETTER — Donald J. Trump ..."): the run of capitalised words around the match."""
    if not m.group(0).isupper():
        return None
    for r in _CAPS_RUN_RE.finditer(sent):
        if r.start() <= m.start() and m.end() <= r.end():
            return r.start(), r.end()
    return None


def _is_header(kind: str, s: str) -> bool:
    """A seed line that introduces what follows."""
    st = s.strip()
    if kind != "read_more" and st.endswith((":", "…", "...", "-", "—")) and len(st.split()) <= 10:
        return True
    if kind == "read_more":
        # a bare header ("Related", "You may also like...", "DON'T MISS"), not "Read more: <headline>"
        m = _READ_MORE.match(st)
        return bool(m) and not re.search(r"\w", st[m.end():])
    if kind == "newsletter" and len(st.split()) <= 6 and not st.endswith("."):
        return True
    return False


def _slogan(s: str) -> bool:
    """A short fragment that is not a sentence ("Truth and understanding")."""
    st = s.strip()
    return 0 < len(st.split()) <= 6 and not _QUOTE_RE.search(st) and not st.endswith((".", "?", "!"))


def _listish(s: str) -> bool:
    st = s.strip()
    if _BULLET_RE.match(st):
        return True
    w = st.split()
    return 0 < len(w) <= 18 and not st.endswith((".", ":")) or bool(re.search(r"\[[A-Z]+\]\|?$", st))


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def detect_boilerplate(text: str) -> list[Boilerplate]:
    lines = list(_lines(text))
    n = len(lines)
    # per line: kind of a whole-line seed, or sentence-level spans for long lines
    marks: list[tuple[int, int, str]] = []  # (start, end, kind), in text order
    line_kind: list[str | None] = [None] * n
    for i, (ls, le, line) in enumerate(lines):
        st = line.strip()
        if not st:
            continue
        if len(st.split()) <= LONG_LINE:
            line_kind[i] = _seed(st)
            continue
        # a long paragraph: flag only the sentences that are plugs
        for m in _SENT_RE.finditer(line):
            sent = m.group(0)
            if sent.strip() and len(sent.split()) <= LONG_LINE:
                found = _seed_match(sent)
                if found:
                    kind, sm = found
                    run = _caps_run(sent, sm)
                    a, b = (m.start() + run[0], m.start() + run[1]) if run else (m.start(), m.end())
                    s, e = _trim(text, ls + a, ls + b)
                    marks.append((s, e, kind))

    # the first line is the headline or the lede, never page furniture
    first = next((i for i in range(n) if lines[i][2].strip()), None)
    if first is not None and n > 1:
        line_kind[first] = None

    # grow blocks from header seeds
    i = 0
    block_of: list[int | None] = [None] * n  # index of the block's first line
    while i < n:
        kind = line_kind[i]
        if kind is None or not _is_header(kind, lines[i][2]):
            i += 1
            continue
        block_of[i] = i
        j, taken = i, 0
        if kind in ("appeal", "newsletter", "subscription"):
            last_voiced = i
            while j + 1 < n and taken < MAX_APPEAL_LINES:
                nxt = lines[j + 1][2].strip()
                if not nxt:
                    j += 1
                    continue
                if len(nxt.split()) > 30 or _QUOTE_RE.search(nxt):
                    break
                j += 1
                taken += 1
                if line_kind[j] or _PROMO_VOICE.search(nxt) or _slogan(nxt):
                    last_voiced = j
            j = last_voiced  # give back trailing lines with no promotional voice
        else:  # a link header: the list of links that follows
            while j + 1 < n and taken < MAX_LIST_LINES:
                nxt = lines[j + 1][2].strip()
                if not nxt:
                    j += 1
                    continue
                if not (_listish(nxt) or line_kind[j + 1] == "read_more"):
                    break
                j += 1
                taken += 1
            while j > i and not lines[j][2].strip():
                j -= 1
        for k in range(i, j + 1):
            if lines[k][2].strip():
                line_kind[k] = line_kind[k] or kind
                block_of[k] = i
        i = j + 1

    # "Read more: headline" lines followed by bullet lists of more links
    for i in range(n):
        if line_kind[i] == "read_more":
            j = i + 1
            while j < n and lines[j][2].strip() and _BULLET_RE.match(lines[j][2]) and line_kind[j] is None:
                line_kind[j] = "read_more"
                block_of[j] = block_of[i] if block_of[i] is not None else i
                j += 1

    # merge: consecutive flagged lines (blank lines between are fine; one short
    # unflagged line sandwiched between two flagged lines joins them)
    out: list[Boilerplate] = []
    i = 0
    while i < n:
        if line_kind[i] is None:
            i += 1
            continue
        kind, j = line_kind[i], i
        while True:
            k = j + 1
            while k < n and not lines[k][2].strip():
                k += 1
            if k < n and line_kind[k] is not None:
                j = k
                continue
            mid = lines[k][2].strip() if k < n else ""
            if mid and len(mid.split()) <= 20 and not _QUOTE_RE.search(mid) and (_PROMO_VOICE.search(mid) or _slogan(mid)):
                k2 = k + 1
                while k2 < n and not lines[k2][2].strip():
                    k2 += 1
                if k2 < n and line_kind[k2] is not None and _seed(lines[k2][2].strip()):
                    j = k2
                    continue
            break
        s, e = _trim(text, lines[i][0], lines[j][1])
        if e > s:
            marks.append((s, e, kind))
        i = j + 1

    marks.sort()
    result: list[Boilerplate] = []
    for s, e, kind in marks:
        if result and s <= result[-1].end:  # overlapping sentence- and line-level marks
            if e > result[-1].end:
                prev = result[-1]
                result[-1] = Boilerplate(start=prev.start, end=e, text=text[prev.start:e], kind=prev.kind)
            continue
        result.append(Boilerplate(start=s, end=e, text=text[s:e], kind=kind))
    return result


@Language.component("sourcetrace_boilerplate")
def boilerplate_component(doc: Doc) -> Doc:
    doc._.st_boilerplate = detect_boilerplate(doc.text)
    return doc
