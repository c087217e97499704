"""Dates and time expressions, normalised TIMEX3-style against the article's date.

spaCy component ``sourcetrace_dates`` stores ``list[DateExpr]`` in ``doc._.st_dates``.

Why hand-written: the Python options do not do this job.  ``dateparser`` parses a
string you already isolated (and scores ~0.11 value F1 on TimeBank); HeidelTime and
SUTime need Java and downloads; spaCy's DATE/TIME entities have other boundaries than
TIMEX3 and carry no value.  So this module is a small HeidelTime-like grammar: regular
expressions over the text (months, years, decades, seasons, quarters, weekdays, clock
times, relative units, numbers in words) and a normaliser that does reference-date
arithmetic with ``dateutil.relativedelta``.  The parse is used only for tense (is a bare
"Friday" or "March" before or after the article date?), and only when it is there.

Anchoring (as TimeML annotators do in news): deictic expressions ("yesterday", "last
year", "two weeks ago", "on Tuesday") are resolved against the document date;
anaphoric ones ("one year later", "the following year", "that day", "the quarter")
against the last date mentioned before them, falling back to the document date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable, Optional

from dateutil.relativedelta import relativedelta
from spacy.language import Language
from spacy.tokens import Doc

from ..model import DateExpr
from ..nlp.doc import boilerplate_ranges, doc_text

NO_DATE = "no article date"

# --------------------------------------------------------------------------- vocabulary

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6, "mon": 0, "tue": 1, "tues": 1, "wed": 2,
            "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}  # a representative month
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
                "tonight": "NI", "overnight": "NI"}

SMALL = {"zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
         "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
         "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
         "seventeen": 17, "eighteen": 18, "nineteen": 19, "dozen": 12, "single": 1}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1000}
VAGUE = ("few", "several", "many", "some", "couple", "number", "numerous")
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
            "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
            "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
            "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
            "twentieth": 20, "thirtieth": 30, "last": -1, "final": -1}
DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                "seventies": 7, "eighties": 8, "nineties": 9}

UNIT_CODE = {"year": "Y", "month": "M", "week": "W", "day": "D", "hour": "H",
             "minute": "MIN", "second": "S", "decade": "DE", "century": "CE",
             "quarter": "Q", "weekend": "WE", "night": "D", "millennium": "L",
             "half": "H2"}


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


# --------------------------------------------------------------------------- regex pieces
# Month names are matched capitalised only ("may", "march" are verbs); other words
# case-insensitively.
_MONTH_FULL = ("January|February|March|April|May|June|July|August|September|October|"
               "November|December")
MONTH = rf"(?:{_MONTH_FULL}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?(?=\s*\d))|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\."
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMWORD = _alt(list(SMALL) + list(TENS) + list(SCALES))
_ORDWORD = _alt([w for w in ORDINALS if w not in ("last", "final")])
_NUMWORD2 = _alt([w for w in list(SMALL) + list(TENS) + list(SCALES) if w not in ("a", "an", "single", "dozen")])
NUMWORDS = rf"(?:{_NUMWORD})(?:(?:\s+and\s+|[\s-]+)(?:{_NUMWORD2}))*"
NUM = (rf"(?:\d+(?:\.\d+)?(?:\s+(?:1/2|and\s+a\s+half))?|(?:a\s+)?half\s+an?|(?:a\s+)?couple(?:\s+of)?|"
       rf"a\s+few|a\s+number\s+of|several|many|numerous|{NUMWORDS}(?:\s+and\s+a\s+half)?)")
UNIT = (r"(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centur(?:y|ies)|"
        r"quarters?|weekends?|nights?|millenni(?:um|a)|(?:trading|business|working)\s+days?)")
UNIT1 = (r"(?:year|month|week|day|hour|minute|second|decade|century|quarter|weekend|night|"
         r"millennium)")
MOD = (r"(?:about|around|approximately|roughly|nearly|almost|some|more\s+than|less\s+than|"
       r"fewer\s+than|over|under|at\s+least|at\s+most|up\s+to|no\s+more\s+than|no\s+less\s+than|"
       r"well\s+over|close\s+to|as\s+many\s+as|as\s+long\s+as|as\s+much\s+as|"
       r"the\s+better\s+part\s+of|a\s+good\s+part\s+of)")
YEAR = r"(?:1[6-9]\d\d|20\d\d)"
DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])"
DAYORD = rf"(?:{DAYNUM}(?:st|nd|rd|th)?|{_ORDWORD}|twenty[\s-](?:{_ORDWORD})|thirty[\s-]first)"
TZ = r"(?:\s+(?:a\.m\.|p\.m\.))?(?:\s*\(?(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|local\s+time)\)?)"
CLOCK = (rf"(?:\d{{1,2}}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|AM\b|PM\b|o'clock)|\d{{1,2}}:\d\d|"
         rf"\b(?i:noon|midnight|midday)\b){TZ}?")
SPOKEN_YEAR = (r"(?:nineteen|eighteen|twenty)[\s-](?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
               r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|"
               r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred)|two\s+thousand(?:\s+and\s+\w+)?")
YEARX = rf"(?:{YEAR}|(?i:{SPOKEN_YEAR}))"
PARTDAY = r"(?:morning|afternoon|evening|night)"


def I(p: str) -> str:  # noqa: E743  (case-insensitive group)
    return f"(?i:{p})"


# --------------------------------------------------------------------------- numbers

def parse_number(s: str) -> Optional[float]:
    """Number in digits or English words; None for vague quantities ("several")."""
    s = s.lower().replace(",", "").strip()
    s = re.sub(r"\s+", " ", s)
    if "couple" in s:
        return 2
    if any(v in s.split() for v in VAGUE):
        return None
    half = 0.0
    if s.endswith("and a half") or s.endswith("1/2"):
        half = 0.5
        s = re.sub(r"\s*(and a half|1/2)$", "", s)
    if re.fullmatch(r"(a )?half an?", s):
        return 0.5
    try:
        return float(s) + half
    except ValueError:
        pass
    total, cur = 0, 0
    for w in re.split(r"[\s-]+", s):
        if w == "and" or not w:
            continue
        if w in SMALL:
            cur += SMALL[w]
        elif w in TENS:
            cur += TENS[w]
        elif w in SCALES:
            cur = max(cur, 1) * SCALES[w]
            if SCALES[w] >= 1000:
                total += cur
                cur = 0
        else:
            return None
    return total + cur + half


def parse_ordinal(s: str) -> Optional[int]:
    s = s.lower().strip()
    m = re.match(r"(\d+)", s)
    if m:
        return int(m.group(1))
    parts = re.split(r"[\s-]+", s)
    if len(parts) == 2 and parts[0] in TENS and parts[1] in ORDINALS:
        return TENS[parts[0]] + ORDINALS[parts[1]]
    return ORDINALS.get(s)


def spoken_year(s: str) -> Optional[int]:
    s = s.lower()
    m = re.match(r"(nineteen|eighteen|twenty)[\s-](.+)$", s)
    if m:
        hi = {"nineteen": 19, "eighteen": 18, "twenty": 20}[m.group(1)]
        if m.group(2) == "hundred":
            return hi * 100
        lo = parse_number(m.group(2))
        return hi * 100 + int(lo) if lo is not None and lo < 100 else None
    m = re.match(r"two\s+thousand(?:\s+and\s+(\w+))?$", s)
    if m:
        lo = parse_number(m.group(1)) if m.group(1) else 0
        return 2000 + int(lo or 0)
    return None


def year_of(s: str) -> Optional[int]:
    s = s.strip()
    if re.fullmatch(r"\d{4}", s):
        return int(s)
    return spoken_year(s)


# --------------------------------------------------------------------------- time points

@dataclass(frozen=True)
class Point:
    """A calendar period: granularity + a representative date (its first day)."""

    gran: str  # CEN DEC Y H Q S M W D
    date: dt.date
    season: str = ""
    half: int = 0
    tod: str = ""  # "TMO" / "T14:00"

    def value(self) -> str:
        d = self.date
        if self.gran == "CEN":
            return f"{d.year // 100:02d}"
        if self.gran == "DEC":
            return f"{d.year // 10:03d}"
        if self.gran == "Y":
            return f"{d.year:04d}"
        if self.gran == "H":
            return f"{d.year:04d}-H{self.half}"
        if self.gran == "Q":
            return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
        if self.gran == "S":
            return f"{d.year:04d}-{self.season}"
        if self.gran == "M":
            return f"{d.year:04d}-{d.month:02d}"
        if self.gran == "W":
            y, w, _ = d.isocalendar()
            return f"{y:04d}-W{w:02d}" + ("-WE" if self.tod == "WE" else "")
        return d.isoformat() + (self.tod if self.tod and self.tod != "WE" else "")


def day(d: dt.date, tod: str = "") -> Point:
    return Point("D", d, tod=tod)


def month_pt(y: int, m: int) -> Point:
    return Point("M", dt.date(y, m, 1))


def year_pt(y: int) -> Point:
    return Point("Y", dt.date(y, 1, 1))


def quarter_pt(y: int, q: int) -> Point:
    return Point("Q", dt.date(y, 3 * (q - 1) + 1, 1))


def season_pt(y: int, code: str) -> Point:
    return Point("S", dt.date(y, SEASON_MONTH[code], 1), season=code)


def week_pt(d: dt.date, weekend: bool = False) -> Point:
    return Point("W", d - dt.timedelta(days=d.weekday()), tod="WE" if weekend else "")


def coarsen(d: dt.date, gran: str) -> Point:
    if gran == "CEN":
        return Point("CEN", dt.date(d.year // 100 * 100 or 1, 1, 1))
    if gran == "DEC":
        return Point("DEC", dt.date(d.year // 10 * 10 or 1, 1, 1))
    if gran == "Y":
        return year_pt(d.year)
    if gran == "Q":
        return quarter_pt(d.year, (d.month - 1) // 3 + 1)
    if gran == "M":
        return month_pt(d.year, d.month)
    if gran == "W":
        return week_pt(d)
    return day(d)


_UNIT_GRAN = {"Y": "Y", "M": "M", "W": "W", "D": "D", "Q": "Q", "DE": "DEC", "CE": "CEN",
              "WE": "W", "H": "D", "MIN": "D", "S": "D", "L": "CEN"}
_ORDER = ["D", "W", "M", "Q", "S", "H", "Y", "DEC", "CEN"]


def delta(n: float, unit: str) -> relativedelta:
    n_i = int(n)
    if unit == "Y":
        return relativedelta(years=n_i, months=int(round((n - n_i) * 12)))
    if unit == "Q":
        return relativedelta(months=3 * n_i)
    if unit == "M":
        return relativedelta(months=n_i)
    if unit in ("W", "WE"):
        return relativedelta(weeks=n_i)
    if unit == "DE":
        return relativedelta(years=10 * n_i)
    if unit in ("CE", "L"):
        return relativedelta(years=100 * n_i * (10 if unit == "L" else 1))
    if unit == "H":
        return relativedelta(hours=n_i)
    return relativedelta(days=n_i)


def shift(p: Point, n: float, unit: str, keep_gran: bool) -> Point:
    """``p`` moved by n units.  keep_gran: keep the anchor's granularity (anaphoric use,
    "a year later" after "September 2016" → 2017-09), else the unit's (deictic use,
    "two years ago" → a year)."""
    d = p.date + delta(n, unit)
    ug = _UNIT_GRAN.get(unit, "D")
    if keep_gran:
        g = p.gran
        if _ORDER.index(g) < _ORDER.index(ug) and not (ug == "Y" and g in ("M", "Q", "S", "H")):
            g = ug if ug != "Y" else "M"
        elif g in ("S", "H", "Q") and _ORDER.index(ug) < _ORDER.index(g) and ug != "Q":
            g = ug  # "three months later" after "the winter of 2014": a month
        if g == "S":
            return Point("S", dt.date(d.year, p.date.month, 1), season=p.season)
        if g == "H":
            return Point("H", d, half=p.half)
        return coarsen(d, g)
    return coarsen(d, ug)


# --------------------------------------------------------------------------- rules

@dataclass
class Ctx:
    dct: Optional[dt.date]
    last: Optional[Point]
    tense: Callable[[int, int], str]  # (start, end) -> "past" | "future" | "present"
    text: str
    last_pos: int = -10 ** 9  # where ctx.last was mentioned
    period: Optional[Point] = None  # the first quarter or half named: the reporting period
    period_pos: int = -10 ** 9  # where a quarter or half was last mentioned (anaphora included)


def _period(ctx: Ctx, strict: bool = False, pos: Optional[int] = None) -> Optional[Point]:
    """The quarter or half that "the period", "the year-earlier quarter", "a year ago"
    refer back to.  Results reporting names its period first ("posted a 20% gain in
    third-quarter net"); a later aside ("after a flat second quarter") does not change
    what "the year-earlier period" two paragraphs on means.  So: the quarter or half
    just mentioned (within a sentence or so), else the first one the article named.
    ``strict``: only a quarter or half that was the last date mentioned."""
    last = ctx.last if ctx.last is not None and ctx.last.gran in ("Q", "H") else None
    if strict:
        return last
    if last is not None and (pos is None or pos - ctx.last_pos < 150):
        return last
    return ctx.period or last


Result = tuple  # (value|None, type, reason|None, Point|None)


def _need_dct(ctx: Ctx, typ: str = "DATE") -> Optional[Result]:
    if ctx.dct is None:
        return (None, typ, NO_DATE, None)
    return None


def _unit_code(u: str) -> str:
    u = u.lower()
    if "day" in u and any(w in u for w in ("trading", "business", "working")):
        return "D"
    if u in UNIT_CODE:
        return UNIT_CODE[u]
    if u.endswith("s") and u[:-1] in UNIT_CODE:
        return UNIT_CODE[u[:-1]]
    for k, v in UNIT_CODE.items():
        if u.startswith(k[:5]) or u.startswith(k):
            return v
    if u.startswith("centur"):
        return "CE"
    if u.startswith("millenni"):
        return "L"
    return "D"


def dur_value(n: Optional[float], unit: str) -> str:
    if n is None:
        return {"H": "PTXH", "MIN": "PTXM", "S": "PTXS"}.get(unit, f"PX{unit}")
    if unit == "Q":
        n, unit = n * 3, "M"
    elif unit == "DE":
        n, unit = n * 10, "Y"
    elif unit == "CE":
        n, unit = n * 100, "Y"
    elif unit == "L":
        n, unit = n * 1000, "Y"
    if n != int(n):
        if unit == "Y":
            return f"P{int(n)}Y{int(round((n - int(n)) * 12))}M"
        if unit == "H":
            return f"PT{int(n)}H{int(round((n - int(n)) * 60))}M"
        if unit == "MIN":
            return f"PT{int(n)}M{int(round((n - int(n)) * 60))}S"
        if unit == "D":
            return f"P{int(n)}DT{int(round((n - int(n)) * 24))}H"
        if unit == "M":
            return f"P{int(n)}M{int(round((n - int(n)) * 30))}D"
    n = int(n)
    if unit in ("H", "MIN", "S"):
        return f"PT{n}{'M' if unit == 'MIN' else unit}"
    return f"P{n}{unit}"


def resolve_month(ctx: Ctx, month: int, s: int, e: int, dayn: Optional[int] = None) -> int:
    """The year of a month (and day) named without one, as TimeML annotators read news:
    past tense → the latest one not after the article date, future → the next one not
    before it, otherwise the nearest."""
    y = ctx.dct.year
    dm = month - ctx.dct.month
    if dm == 0 and dayn is not None:
        dm = (dayn - ctx.dct.day) / 31
    tense = ctx.tense(s, e)
    if re.search(r"(?i)\b(?:until|till|through|thru|effective)\s+(?:early\s+|mid-?|late\s+)?$", ctx.text[max(0, s - 16):s]) \
            and not re.search(r"(?i)\bhad\b", ctx.text[max(0, s - 80, ctx.text.rfind(". ", 0, s)):s]):
        # "extended the loans through January", "is valid until March", "was named president,
        # effective Jan. 1": a period that runs from now, or a change yet to come, reaches forward
        return y + 1 if dm < -2 else y
    if tense == "past":
        return y - 1 if dm > 2 else y
    if tense == "future":
        return y + 1 if dm < -2 else y
    if dm > 6:
        return y - 1
    if dm < -6:
        return y + 1
    return y


def resolve_weekday(ctx: Ctx, wd: int, s: int, e: int, rel: str = "") -> dt.date:
    d = ctx.dct
    rel = rel.lower()
    diff = wd - d.weekday()
    if "next" in rel or "coming" in rel or "following" in rel:
        return d + dt.timedelta(days=(diff % 7) or 7)
    if "last" in rel or "previous" in rel or "past" in rel:
        return d - dt.timedelta(days=((-diff) % 7) or 7)
    if diff == 0:
        return d
    tense = ctx.tense(s, e)
    if tense == "future":
        return d + dt.timedelta(days=diff % 7)
    return d - dt.timedelta(days=(-diff) % 7)


RULES: list[tuple[str, re.Pattern, Callable[[re.Match, Ctx], Optional[Result]]]] = []


# which kinds of trigger word (see _segments) each rule's matches contain
RULE_CATS: dict[str, frozenset] = {
    "iso": {"digit"}, "slash": {"digit"}, "date_md": {"month"}, "month_year": {"month"},
    "month_rel": {"month"}, "year": {"digit"}, "spoken_year": {"spoken"},
    "decade": {"digit", "decadeword"}, "century": {"century"}, "q_short": {"digit", "q"},
    "quarter": {"unit"}, "quarter_bare": {"unit"}, "season": {"season"},
    "deictic_day": {"deictic", "partday"}, "weekday": {"weekday"}, "clock": {"digit", "clockword"},
    "partday": {"partday"}, "rel_unit": {"unit", "century"}, "in_the_day": {"unit"},
    "year_end": {"unit"}, "ago": {"unit", "century"}, "year_ago_adj": {"unit"},
    "duration": {"unit", "century"}, "unit_long": {"unit", "century"}, "vague_dur": {"unit", "century"}, "bare_plural": {"unit", "century"},
    "set": {"unit", "setword", "partday", "season"}, "holiday": {"holiday"}, "ref": {"ref"},
    "ref_initial": {"ref"},
}


def rule(name: str, pattern: str):
    rx = re.compile(pattern)

    def deco(fn):
        RULES.append((name, rx, fn))
        return fn

    return deco


def _month(s: str) -> int:
    return MONTHS[s.lower().rstrip(".")]


# --- ISO and numeric dates

@rule("iso", r"\b(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])(?:-(?P<d>[0-2]\d|3[01]))?(?:T(?P<t>\d\d:\d\d)(?::\d\d)?)?\b")
def r_iso(m, ctx):
    y, mo = int(m["y"]), int(m["m"])
    if not m["d"]:
        return (f"{y:04d}-{mo:02d}", "DATE", None, month_pt(y, mo))
    try:
        d = dt.date(y, mo, int(m["d"]))
    except ValueError:
        return None
    if m["t"]:
        return (f"{d.isoformat()}T{m['t']}", "TIME", None, day(d))
    return (d.isoformat(), "DATE", None, day(d))


@rule("slash", r"(?<![\d/.])(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<y>\d{4}|\d{2})(?![\d/])")
def r_slash(m, ctx):
    y = int(m["y"])
    if y < 100:
        y += 1900 if y > 30 else 2000
    a, b = int(m["a"]), int(m["b"])
    mo, dd = (a, b) if a <= 12 else (b, a)
    try:
        d = dt.date(y, mo, dd)
    except ValueError:
        return None
    return (d.isoformat(), "DATE", None, day(d))


# --- calendar dates with month names

_DATE_MD = (rf"(?:(?:(?i:this\s+coming|this\s+past|next|last|this)\s+)?(?P<wd>{WEEKDAY}),?\s+)?(?:(?P<the>the\s+)?(?P<d2>{DAYORD})\s+(?:of\s+)?(?P<m2>{MONTH})|"
            rf"(?P<m1>{MONTH})\s+(?:the\s+)?(?P<d1>{DAYORD}))(?!\d|:\d)(?:,?\s+(?P<y>{YEARX})(?!\d))?")


@rule("date_md", rf"(?:(?P<clock>{CLOCK}),?\s+(?:on\s+)?)?\b{_DATE_MD}(?:,?\s+(?:at\s+)?(?P<clock2>{CLOCK}))?")
def r_date_md(m, ctx):
    mo = _month(m["m1"] or m["m2"])
    dn = parse_ordinal(m["d1"] or m["d2"])
    if not dn or dn > 31:
        return None
    if m["y"]:
        y = year_of(m["y"])
    else:
        if ctx.dct is None:
            return (f"XXXX-{mo:02d}-{dn:02d}", "DATE", NO_DATE, None)
        y = resolve_month(ctx, mo, m.start(), m.end(), dn)
    try:
        d = dt.date(y, mo, dn)
    except (ValueError, TypeError):
        return None
    clock = m["clock"] or m["clock2"]
    if clock:
        t = clock_value(clock)
        if t:
            return (d.isoformat() + t, "TIME", None, day(d))
    return (d.isoformat(), "DATE", None, day(d))


def clock_value(s: str) -> Optional[str]:
    s = s.lower()
    if "noon" in s or "midday" in s:
        return "T12:00"
    if "midnight" in s:
        return "T24:00"
    mm = re.match(r"(\d{1,2})(?::(\d\d))?", s)
    if not mm:
        return None
    h, mi = int(mm.group(1)), int(mm.group(2) or 0)
    if "p.m" in s or "pm" in s:
        if h < 12:
            h += 12
    elif ("a.m" in s or "am" in s) and h == 12:
        h = 0
    if h > 24 or mi > 59:
        return None
    return f"T{h:02d}:{mi:02d}"


@rule("month_year", rf"(?:\b(?i:(?P<mod>early|late|mid|the\s+(?:end|beginning|start|middle)\s+of|the\s+(?:first|second|last)\s+half\s+of)[\s-]+))?\b(?P<m>{MONTH})(?:\s+(?:of\s+)?|,\s*)(?P<y>{YEARX})\b")
def r_month_year(m, ctx):
    y = year_of(m["y"])
    if y is None:
        return None
    mo = _month(m["m"])
    return (f"{y:04d}-{mo:02d}", "DATE", None, month_pt(y, mo))


@rule("month_rel", rf"(?:\b(?i:(?P<mod>early|late|mid|the\s+(?:end|beginning|start|middle)\s+of|earlier|later)[\s-]+))?(?:\b(?i:(?P<rel>this\s+past|this\s+coming|this|last|next|that|the\s+previous|the\s+following|each|every))\s+)?\b(?P<m>{_MONTH_FULL}|(?:Jan|Feb|Aug|Sept|Oct|Nov|Dec)\.)(?:\s+(?P<rel2>(?i:this\s+year|last\s+year|next\s+year|of\s+this\s+year|of\s+last\s+year|of\s+next\s+year|of\s+that\s+year)))?(?![\w-])")
def r_month_rel(m, ctx):
    mo = _month(m["m"])
    rel = (m["rel"] or "").lower()
    rel2 = (m["rel2"] or "").lower()
    # "May" / "March" without anything around them: a verb or name more often than not
    if m["m"] in ("May", "March") and not (m["mod"] or rel or rel2):
        before = ctx.text[max(0, m.start() - 12):m.start()].lower()
        if not re.search(r"\b(in|since|by|until|till|of|from|to|through|during|before|after|early|late|mid)\s*-?$", before):
            return None
    if rel in ("each", "every"):
        return (f"XXXX-{mo:02d}", "SET", None, None)
    if rel == "that":
        if ctx.last is not None:
            y = ctx.last.date.year
            return (f"{y:04d}-{mo:02d}", "DATE", None, month_pt(y, mo))
    if ctx.dct is None:
        return (f"XXXX-{mo:02d}", "DATE", NO_DATE, None)
    y = ctx.dct.year
    if "this year" in rel2:
        pass
    elif "last year" in rel2:
        y -= 1
    elif "next year" in rel2:
        y += 1
    elif "that year" in rel2:
        y = ctx.last.date.year if ctx.last else y
    elif rel in ("last", "this past", "the previous"):
        y = y if mo < ctx.dct.month else y - 1
    elif rel in ("next", "this coming", "the following"):
        y = y if mo > ctx.dct.month else y + 1
    elif rel == "this":
        pass
    else:
        y = resolve_month(ctx, mo, m.start(), m.end())
    return (f"{y:04d}-{mo:02d}", "DATE", None, month_pt(y, mo))


# --- years, decades, centuries

_YEAR_PREV_OK = re.compile(
    r"(?i)\b(in|since|by|until|till|of|from|to|through|during|before|after|fiscal|early|late|"
    r"mid|year|end|and|or|between|the|spring|summer|fall|autumn|winter|for|than|around|about|"
    r"as|at|on|into|calendar|model|circa|c\.|from|beginning|start|middle|'s|season|election|"
    r"elections|census|budget|year's|s|first|half|quarter|war|olympics|cup|games)\s*-?$")


_COUNT_NOUN = re.compile(
    r"(?i)\s+(?:more\s+|other\s+|new\s+|additional\s+)?(people|persons|men|women|children|troops|soldiers|shares|tons|tonnes|"
    r"miles|kilometers|kilometres|km|feet|foot|meters|metres|yards|dollars|pounds|euros|yen|units|cars|"
    r"vehicles|employees|workers|jobs|votes|acres|barrels|points|students|copies|homes|houses|cases|"
    r"deaths|victims|patients|members|delegates|seats|times|years|months|days|hours|minutes|seconds|"
    r"rounds|refugees|prisoners|guests|visitors|customers|users|words|pages|items|flights|calories|"
    r"degrees|bytes|rpm|cc|mph|mg|kg|lbs?|ft|m)\b")


@rule("year", rf"(?:\b(?i:(?P<mod>(?:the\s+)?(?:early|late|mid|end\s+of|beginning\s+of|start\s+of|middle\s+of|first\s+half\s+of|second\s+half\s+of|end|spring|summer|fall|autumn|winter)(?:\s+of)?|(?:the\s+)?fiscal(?:\s+year)?|(?:the\s+)?calendar(?:\s+year)?|the\s+year|a\s+good\s+part\s+of|the\s+rest\s+of))[\s-]+|(?<![$#\d.,/-]))\b(?P<y>{YEAR})(?P<s>\s*-\s*(?:\d\d|{YEAR})\b)?(?![\d,.]\d|\s*%|-\w|s\b|(?<=0)['’]s\b|:\d)")
def r_year(m, ctx):
    y = int(m["y"])
    mod = (m["mod"] or "").lower()
    if not mod:
        before = ctx.text[max(0, m.start() - 20):m.start()]
        after = ctx.text[m.end():m.end() + 20]
        # a count, not a year: "2000 people", "about 1990 shares"
        if _COUNT_NOUN.match(after):
            return None
        if re.search(r"(?i)\b(about|some|nearly|around|approximately|roughly|over|than|least|almost|only)\s+$", before) \
                and re.match(r"\s+[a-z]+s\b", after) and not _YEAR_PREV_OK.search(before):
            return None
        if re.search(r"(?i)(\bno\.|\bnumber|\broute|\bflight|\bsection|\bpage|\broom|\bpp?\.)\s*$", before):
            return None
    for sea, code in SEASONS.items():
        if sea in mod:
            return (f"{y:04d}-{code}", "DATE", None, season_pt(y, code))
    if "first half" in mod:
        return (f"{y:04d}-H1", "DATE", None, Point("H", dt.date(y, 1, 1), half=1))
    if "second half" in mod:
        return (f"{y:04d}-H2", "DATE", None, Point("H", dt.date(y, 7, 1), half=2))
    return (f"{y:04d}", "DATE", None, year_pt(y))


@rule("spoken_year", rf"\b(?i:(?:(?:the\s+)?year\s+)?(?P<y>{SPOKEN_YEAR}))\b")
def r_spoken_year(m, ctx):
    y = spoken_year(m["y"])
    if y is None or (y > 2100 or y < 1600):
        return None
    if m["y"].lower().startswith("two thousand") and not m.group(0).lower().startswith(("the year", "year")):
        before = ctx.text[max(0, m.start() - 12):m.start()].lower()
        if not re.search(r"\b(in|since|by|until|of)\s*$", before):
            return None
    return (f"{y:04d}", "DATE", None, year_pt(y))


@rule("decade", rf"(?:\b(?i:(?P<the>the\s+)?(?:(?P<mod>early|late|mid)[\s-]+)?))?(?:(?P<d>(?:1[6-9]|20)?\d0)'?s\b|'(?P<d2>\d0)s\b|\b(?i:(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b)")
def r_decade(m, ctx):
    if m["w"]:
        if not m["the"]:
            return None
        dd = 190 + DECADE_WORDS[m["w"].lower()]
        if dd == 190 + 2 and ctx.dct and ctx.dct.year >= 2020:
            dd = 202
    else:
        ds = m["d"] or m["d2"]
        if len(ds) == 2:
            if not (m["the"] or m["d2"]):
                return None
            dd = int("19" + ds[0]) if int(ds) > 20 else int("20" + ds[0])
        else:
            dd = int(ds[:3])
    return (f"{dd:03d}", "DATE", None, Point("DEC", dt.date(dd * 10 or 1, 1, 1)))


@rule("century", rf"\b(?i:(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?P<n>\d{{1,2}}(?:st|nd|rd|th)|{_ORDWORD}|twenty[\s-]first)[\s-]+century)")
def r_century(m, ctx):
    n = parse_ordinal(m["n"])
    if not n:
        return None
    return (f"{n - 1:02d}", "DATE", None, Point("CEN", dt.date((n - 1) * 100 or 1, 1, 1)))


# --- quarters and halves

@rule("q_short", r"\b(?:Q(?P<q>[1-4])|(?P<q2>[1-4])Q)\s*(?:(?P<y>(?:19|20)\d\d)|'?(?P<y2>\d\d))?\b")
def r_q_short(m, ctx):
    q = int(m["q"] or m["q2"])
    if m["y"]:
        y = int(m["y"])
    elif m["y2"]:
        y = int(m["y2"]) + (1900 if int(m["y2"]) > 50 else 2000)
    elif ctx.dct is not None:
        y = ctx.dct.year
    else:
        return (f"XXXX-Q{q}", "DATE", NO_DATE, None)
    return (f"{y:04d}-Q{q}", "DATE", None, quarter_pt(y, q))


_QORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th|final|last|latest|current|previous|prior|same|year-ago|year-earlier|comparable|corresponding|fiscal|calendar)"
_ANAPHORIC_Q = ("previous", "prior", "same", "year-ago", "comparable", "corresponding", "fiscal", "calendar")


@rule("quarter", I(rf"\b(?:(?:the|this|last|next|a|its|their)\s+)?(?:(?P<yrel>this|last|next|that)\s+year's\s+|(?P<y>{YEAR})(?:'s)?\s+|fiscal\s+)?(?:(?P<yago>year[\s-]ago|year[\s-]earlier)\s+(?=(?:first|second|third|fourth|1st|2nd|3rd|4th)[\s-]))?(?:(?P<ord>{_QORD}(?:[\s-]+fiscal)?)[\s-]+(?:(?P<y4>{YEAR})\s+)?)?(?P<u>quarter|half|period)(?:\s+(?:of\s+|ended\s+)?(?:(?P<y2>{YEAR})|(?P<yrel2>this\s+year|last\s+year|next\s+year|a\s+year\s+(?:ago|earlier))|fiscal\s+(?P<y3>{YEAR})))?\b"))
def r_quarter(m, ctx):
    """Quarters and halves: "the third quarter", "fourth-quarter", "the 1988 second quarter",
    "last year's fourth quarter", "the year-earlier period", "the latest quarter"."""
    ordraw = (m["ord"] or "").lower()
    ords = "year-ago" if ordraw.startswith(("year-ago", "year-earlier")) else (ordraw.split()[0].split("-")[0] if ordraw else "")
    u = m["u"].lower()
    ystr = m["y"] or m["y2"] or m["y3"] or m["y4"]
    y = int(ystr) if ystr else None
    yrel = (m["yrel"] or m["yrel2"] or "").lower()
    n = ORDINALS.get(ords) or (int(ords[0]) if ords[:1].isdigit() else None)
    if not ords and not y and not yrel:
        return None  # "the quarter", "the period": quarter_bare
    if u == "period" and n and n > 0:
        return None
    if u == "half" and not n:
        return None
    year_back = 0
    if yrel.startswith("last") or yrel.startswith("a year") or ords == "year-ago" or m["yago"]:
        year_back = -1
    elif yrel.startswith("next"):
        year_back = 1
    if not n or n < 1:
        # a quarter given by reference: the last one mentioned, else the last complete one
        if ords in ("last", "final") and y:
            return (f"{y:04d}-Q4", "DATE", None, quarter_pt(y, 4))
        base = None
        if _period(ctx, pos=m.start()) is not None and (ords in _ANAPHORIC_Q or not ords):
            base = _period(ctx, pos=m.start())
        elif ctx.dct is not None:
            base = quarter_pt(ctx.dct.year, (ctx.dct.month - 1) // 3 + 1)
            if ords != "current":
                base = shift(base, -1, "Q", True)
        if base is None:
            if y:
                return (f"{y:04d}", "DATE", None, year_pt(y))
            return (None, "DATE", NO_DATE, None)
        if y:
            base = Point(base.gran, dt.date(y, base.date.month, 1), half=base.half)
        elif year_back:
            base = shift(base, year_back, "Y", True)
        return (base.value(), "DATE", None, base if not (ords in _ANAPHORIC_Q or year_back or y) else None)
    if u == "half" and n > 2:
        return None
    if y is None:
        if ctx.dct is None and not yrel:
            v = f"XXXX-{'Q' if u == 'quarter' else 'H'}{n}"
            return (v, "DATE", NO_DATE, None)
        if yrel == "that" and ctx.last is not None:
            y = ctx.last.date.year
        elif ctx.dct is not None:
            y = ctx.dct.year + year_back
            if not yrel and "fiscal" not in m.group(0).lower() and not _ENDED_DAY.match(ctx.text, m.end()):
                # tense places a calendar quarter or half named without a year: "profits
                # fell in the fourth quarter" in January is last year's; "will close in the
                # first quarter" in November is next year's (fiscal ones are left alone)
                cur = (ctx.dct.month - 1) // 3 + 1 if u == "quarter" else (1 if ctx.dct.month <= 6 else 2)
                tense = ctx.tense(m.start(), m.end())
                if tense == "past" and n > cur:
                    y -= 1
                elif tense == "future" and u == "quarter" and n < cur - 1:
                    y += 1  # (the quarter just ended is still to be reported: "expects to report")
        else:
            return (None, "DATE", NO_DATE, None)
    if u == "quarter":
        # a quarter placed by "last year" is a comparison, not the period being reported
        return (f"{y:04d}-Q{n}", "DATE", None, None if year_back else quarter_pt(y, n))
    if u == "period":
        return None
    return (f"{y:04d}-H{n}", "DATE", None, Point("H", dt.date(y, 1 if n == 1 else 7, 1), half=n))


_ENDED_DAY = re.compile(rf"\s+(?:that\s+)?(?:ended|ending|ends)\s+(?:(?P<m>{MONTH})\s*(?P<d>{DAYNUM})\b(?:,\s*(?P<y>{YEAR}))?|(?P<wd>{WEEKDAY}))")


@rule("quarter_bare", I(r"\b(?P<det>the|this|that|last|next|its|their)\s+(?P<u>quarter|period|year|month|week|weekend|day|fiscal\s+year|full\s+year|season)\b(?!\s*-)"))
def r_quarter_bare(m, ctx):
    det, u = m["det"].lower(), m["u"].lower()
    if det in ("its", "their"):
        # "its fiscal year ended June 30": only a fiscal year named by its end
        if u != "fiscal year" or not re.match(r"\s+(?:ended|ending|that\s+ended)\b", ctx.text[m.end():m.end() + 16]):
            return None
        return ("_trim", m.start("u"), m.end(), ("P1Y", "DURATION", None, None))
    if u == "period" and det != "the":
        return None
    if u == "period":
        if re.match(r"(?i)\s+(?:from|between|of|when|in\s+which|that|which|since|before|after|during)\b",
                    ctx.text[m.end():m.end() + 12]):
            return None  # "the period from 1985 to 1988", "the period when …": not the reported quarter
        if _period(ctx, pos=m.start()) is not None:
            return (_period(ctx, pos=m.start()).value(), "DATE", None, _period(ctx, pos=m.start()))
        return None
    if u == "season":
        return None
    if u == "day" and det in ("the", "last", "next"):
        if det != "the":
            return None
        if ctx.last is not None and ctx.last.gran == "D":
            return (ctx.last.value(), "DATE", None, ctx.last)
        return None
    if u in ("year", "fiscal year") and det == "the" and re.match(
            r"\s+(?:ended|ending|that\s+ended|that\s+ends|through|to)\b", ctx.text[m.end():m.end() + 16]):
        return ("P1Y", "DURATION", None, None)  # "the year ended March 31": a fiscal year's length
    if ctx.dct is None and det != "that":
        return (None, "DATE", NO_DATE, None)
    if det == "the" and u in ("week", "month", "quarter"):
        # "the week ended Oct. 27", "the quarter ended Sept. 30": the one that holds that day
        end = _ENDED_DAY.match(ctx.text, m.end())
        if end:
            d = None
            if end["m"]:
                mo, dn = _month(end["m"]), int(end["d"])
                y = int(end["y"]) if end["y"] else (ctx.dct.year if (mo, dn) <= (ctx.dct.month, ctx.dct.day) else ctx.dct.year - 1)
                try:
                    d = dt.date(y, mo, dn)
                except ValueError:
                    d = None
            else:
                d = resolve_weekday(ctx, WEEKDAYS[end["wd"].lower()], end.start("wd"), end.end("wd"), "last")
            if d is not None:
                p = coarsen(d, {"week": "W", "month": "M", "quarter": "Q"}[u])
                return (p.value(), "DATE", None, p)
    dct = ctx.dct
    code = {"quarter": "Q", "year": "Y", "fiscal year": "Y", "full year": "Y", "month": "M",
            "week": "W", "weekend": "WE", "day": "D"}[u]
    if det == "that":
        if ctx.last is None:
            return (None, "DATE", "no antecedent date", None)
        p = coarsen(ctx.last.date, _UNIT_GRAN[code]) if _ORDER.index(_UNIT_GRAN[code]) >= _ORDER.index(ctx.last.gran) else ctx.last
        return (p.value(), "DATE", None, p)
    if code == "Q":
        if det == "the" and _period(ctx, pos=m.start()) is not None and _period(ctx, pos=m.start()).gran == "Q":
            return (_period(ctx, pos=m.start()).value(), "DATE", None, _period(ctx, pos=m.start()))
        p = quarter_pt(dct.year, (dct.month - 1) // 3 + 1)
        if det in ("the", "last"):
            p = shift(p, -1, "Q", True)
        elif det == "next":
            p = shift(p, 1, "Q", True)
        return (p.value(), "DATE", None, p)
    if code == "WE":
        p = week_pt(dct, weekend=True)
        if det == "last" or (det == "the" and ctx.tense(m.start(), m.end()) == "past" and dct.weekday() < 5):
            p = Point("W", p.date - dt.timedelta(days=7), tod="WE")
        elif det == "next":
            p = Point("W", p.date + dt.timedelta(days=7), tod="WE")
        return (p.value(), "DATE", None, p)
    if det == "last" and code == "Y" and _quarter_comparison(ctx, m.start()):
        p = shift(_period(ctx, True), -1, "Y", True)
        return (p.value(), "DATE", None, None)
    p = coarsen(dct, _UNIT_GRAN[code])
    if det == "last":
        p = shift(p, -1, code, False)
    elif det == "next":
        p = shift(p, 1, code, False)
    return (p.value(), "DATE", None, p)


# --- seasons

@rule("season", rf"\b(?i:(?:(?P<rel>this\s+past|this\s+coming|this|last|next|that|the\s+past|the\s+coming|the\s+previous|the\s+following|early|late|mid|the)[\s-]+)?(?:(?P<rel2>early|late|mid)[\s-]+)?(?P<s>spring|summer|fall|autumn|winter)(?:\s+of\s+(?P<yw>(?:nineteen|twenty)[\s-]\w+(?:-\w+)?)|\s+(?:of\s+)?(?P<y>\d{4}))?)\b")
def r_season(m, ctx):
    code = SEASONS[m["s"].lower()]
    rel = (m["rel"] or "").lower()
    ystr = m["y"] or m["yw"]
    if ystr:
        y = year_of(ystr)
        if y is None:
            return None
        return (f"{y:04d}-{code}", "DATE", None, season_pt(y, code))
    if not rel or rel in ("early", "late", "mid"):
        # bare "fall" is a verb more often than a season
        if code == "FA" and m["s"].lower() == "fall":
            return None
        if not rel and not re.search(r"(?i)\b(in|this|by|until|during|over|through|since|for)\s+(the\s+)?$", ctx.text[max(0, m.start() - 12):m.start()]):
            return None
    if rel == "that" and ctx.last is not None:
        y = ctx.last.date.year
        return (f"{y:04d}-{code}", "DATE", None, season_pt(y, code))
    if ctx.dct is None:
        return (f"XXXX-{code}", "DATE", NO_DATE, None)
    d = ctx.dct
    cur = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(d.month, "FA")
    order = ["WI", "SP", "SU", "FA"]
    y = d.year
    if "past" in rel or rel in ("last", "the previous"):
        if "this" in rel or order.index(code) < order.index(cur):
            pass
        else:
            y -= 1
    elif rel in ("next", "this coming", "the coming", "the following"):
        if order.index(code) <= order.index(cur):
            y += 1
    elif rel == "this":
        pass
    else:
        t = ctx.tense(m.start(), m.end())
        if t == "past" and order.index(code) > order.index(cur):
            y -= 1
        elif t == "future" and order.index(code) < order.index(cur):
            y += 1
    return (f"{y:04d}-{code}", "DATE", None, season_pt(y, code))


# --- today, yesterday, tonight …

_PRESENT_VERB = re.compile(r"(?i)\s+(?:is|are|has|have|remains?|seems?|looks?|stands?|controls?|holds?|faces?|"
                           r"lives?|lacks?|needs?|wants?|appears?|\w+s)\b")


def _generic_today(ctx: Ctx, s: int, e: int) -> bool:
    """"today" in the sense of "nowadays" (TimeML PRESENT_REF): between a subject and its
    present-tense verb ("the Taliban today is gaining"); otherwise
    (said today, is expected today, today is the eighth day) the article's day."""
    before = ctx.text[max(0, s - 30):s]
    after = ctx.text[e:e + 20]
    if not re.search(r"[A-Za-z]\s+$", before) or re.search(
            r"(?i)\b(?:said|says|announced|reported|told|on|for|until|from|since|by|of|as|and|than|is|are|was|were|be|been)\s+$", before):
        return False
    return bool(_PRESENT_VERB.match(after)) and ctx.tense(s, e) == "present"


@rule("deictic_day", rf"\b(?i:(?:(?P<mod>early|late|earlier|later|mid)[\s-]+)?(?:(?P<pre>this|that|last|tomorrow|yesterday|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|tonight)(?:\'s)?)(?:\s+(?P<part>morning|afternoon|evening|night))?(?:\s+(?P<post>yesterday|today|tomorrow))?)\b")
def r_deictic_day(m, ctx):
    pre = m["pre"].lower().replace("'s", "")
    part = (m["part"] or "").lower()
    if m["post"] and not part:
        return None
    if pre in ("this", "that", "last") and not part:
        return None
    if pre == "that":
        # "later that afternoon": the day last mentioned
        if ctx.last is not None and ctx.last.gran == "D":
            d = ctx.last.date
        elif ctx.dct is not None:
            d = ctx.dct
        else:
            return (None, "TIME", NO_DATE, None)
        return (d.isoformat() + "T" + PARTS_OF_DAY[part], "TIME", None, day(d))
    r = _need_dct(ctx, "TIME" if part else "DATE")
    if pre == "today" and not part and not m["mod"]:
        # "today" with a present-tense verb is usually "nowadays" (TimeML PRESENT_REF);
        # with a past or future verb it is the article's day.
        if _generic_today(ctx, m.start(), m.end()):
            return ("PRESENT_REF", "DATE", None, None)
    if r:
        return r
    off = {"today": 0, "this": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "last": -1,
           "the day before yesterday": -2, "the day after tomorrow": 2}[re.sub(r"\s+", " ", pre)]
    post = (m["post"] or "").lower()
    if post:
        off = {"yesterday": -1, "today": 0, "tomorrow": 1}[post]
    d = ctx.dct + dt.timedelta(days=off)
    if pre == "tonight":
        part = "night"
    if part:
        return (d.isoformat() + "T" + PARTS_OF_DAY[part], "TIME", None, day(d))
    return (d.isoformat(), "DATE", None, day(d))


@rule("weekday", rf"(?:(?P<clock>{CLOCK}),?\s+(?:on\s+)?)?(?:\b(?P<each>(?i:each|every))\s+)?(?:\b(?i:(?P<rel>last|next|this\s+coming|this\s+past|this|the\s+previous|the\s+following|early|late|earlier|later|mid))\s+)?\b(?P<wd>{WEEKDAY})(?P<pl>s)?(?:'s)?(?:\s+(?i:(?P<part>morning|afternoon|evening|night)(?P<pl2>s)?))?(?:,?\s+(?:at\s+)?(?P<clock2>{CLOCK}))?\b")
def r_weekday(m, ctx):
    wd = WEEKDAYS[m["wd"].lower()]
    part = (m["part"] or "").lower()
    rel = (m["rel"] or "").lower()
    if m["pl"] or m["pl2"]:
        return (f"XXXX-WXX-{wd + 1}" + (f"T{PARTS_OF_DAY[part]}" if part else ""), "SET", None, None)
    if m["each"]:
        return (f"XXXX-WXX-{wd + 1}", "SET", None, None)
    clock = m["clock"] or m["clock2"]
    typ = "TIME" if (part or clock) else "DATE"
    if ctx.dct is None:
        t = clock_value(clock) if clock else (f"T{PARTS_OF_DAY[part]}" if part else "")
        return (f"XXXX-WXX-{wd + 1}{t or ''}", typ, NO_DATE, None)
    if rel in ("the previous", "the following") and ctx.last is not None and ctx.last.gran == "D":
        base = ctx.last.date
        diff = wd - base.weekday()
        d = base - dt.timedelta(days=((-diff) % 7) or 7) if "previous" in rel else base + dt.timedelta(days=(diff % 7) or 7)
    else:
        d = resolve_weekday(ctx, wd, m.start(), m.end(), rel)
    if clock:
        t = clock_value(clock)
        if t:
            return (d.isoformat() + t, "TIME", None, day(d))
    if part:
        return (d.isoformat() + "T" + PARTS_OF_DAY[part], "TIME", None, day(d))
    return (d.isoformat(), "DATE", None, day(d))


@rule("clock", rf"(?:\b(?i:(?P<mod>around|about|at\s+about|shortly\s+(?:before|after)|just\s+(?:before|after)|approximately))\s+)?(?<![\d.:$])(?P<c>{CLOCK})(?:\s+(?P<post>(?i:today|yesterday|tomorrow|tonight|this\s+morning|this\s+afternoon|this\s+evening|last\s+night)))?")
def r_clock(m, ctx):
    c = m["c"]
    if re.fullmatch(r"\d{1,2}:\d\d", c):
        h = int(c.split(":")[0])
        if h > 23:
            return None
        # a bare "7:40" is as often a race time or a score: only after "at", "by" …
        if not (m["mod"] or re.search(r"(?i)\b(?:at|by|until|till|from|before|after|to|since)\s+$",
                                      ctx.text[max(0, m.start() - 8):m.start()])):
            return None
    t = clock_value(c)
    if not t:
        return None
    if ctx.dct is None:
        return (t, "TIME", NO_DATE, None)
    off = 0
    post = (m["post"] or "").lower()
    if "yesterday" in post or "last night" in post:
        off = -1
    elif "tomorrow" in post:
        off = 1
    d = ctx.dct + dt.timedelta(days=off)
    return (d.isoformat() + t, "TIME", None, day(d))


@rule("partday", rf"\b(?i:(?:(?P<mod>early|late|mid)[\s-]+)?(?P<det>the)\s+(?P<part>morning|afternoon|evening|night)|(?:(?P<mod2>mid)[\s-]+)(?P<part2>morning|afternoon|evening)(?:\s+(?P<post>yesterday|today|tomorrow))?)\b")
def r_partday(m, ctx):
    part = (m["part"] or m["part2"]).lower()
    if m["det"] and not (ctx.last is not None and ctx.last.gran == "D"):
        return None
    if m["det"] and re.match(r"(?i)\s+(?:the|a|an|that|when|he|she|they|we|it|his|her|their)\b", ctx.text[m.end():m.end() + 8]):
        return None  # "the night the plane went down": the night of an event, not of the last date
    r = _need_dct(ctx, "TIME")
    if r:
        return r
    base = ctx.last.date if (m["det"] and ctx.last is not None) else ctx.dct
    post = (m["post"] or "").lower()
    if post:
        base = ctx.dct + dt.timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[post])
    return (base.isoformat() + "T" + PARTS_OF_DAY[part], "TIME", None, day(base))


# --- relative: this/last/next unit, earlier this year, the end of the month …

_COMPARE = re.compile(r"(?i)\b(?:compared\s+(?:with|to)|from|than|versus|vs\.?|against|over)\b")


def _quarter_comparison(ctx: Ctx, start: int) -> bool:
    """In results reporting, "… compared with $3 million last year" after a quarter was
    named means that quarter a year earlier (as TimeML annotators read it)."""
    if _period(ctx, True) is None or start - ctx.last_pos > 400:
        return False
    sent_start = max(ctx.text.rfind(". ", 0, start), ctx.text.rfind("\n", 0, start), 0)
    return bool(_COMPARE.search(ctx.text, sent_start, start))


@rule("rel_unit", I(rf"\b(?:(?P<mod>earlier|later|early|late|mid|(?:at\s+|by\s+)?the\s+(?:end|beginning|start|middle|rest|remainder|balance)\s+of)[\s-]+)?(?P<rel>this|last|next|the\s+past|the\s+previous|the\s+coming|the\s+following|the\s+next|the\s+prior|the\s+same|the\s+current|the\s+latest|the\s+last|the\s+preceding|(?<=of\s)the)\s+(?P<u>(?:fiscal\s+|calendar\s+)?year|month|week|weekend|quarter|decade|century|day)\b(?!\s*-|'s\s+(?:first|second|third|fourth|final|last)\s+(?:quarter|half))"))
def r_rel_unit(m, ctx):
    if m.group(0) == "This Week" and ctx.text[max(0, m.start() - 1):m.start()] in ('"', "'", "\u201c"):
        return None  # the television programme
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    if rel == "the":
        if not m["mod"]:
            return None
        rel = "this"
    u = m["u"].lower().split()[-1]
    code = UNIT_CODE[u]
    g = _UNIT_GRAN[code]
    anaphoric = rel in ("the previous", "the following", "the prior", "the same", "the preceding")
    if rel == "the next" and ctx.last is not None and _ORDER.index(ctx.last.gran) <= _ORDER.index(g) and code != "D":
        anaphoric = True
    if rel == "last" and code == "Y" and not m["mod"] and _quarter_comparison(ctx, m.start()):
        p = shift(_period(ctx, True), -1, "Y", True)
        return (p.value(), "DATE", None, None)
    if anaphoric and ctx.last is not None:
        base = ctx.last.date
    else:
        if ctx.dct is None:
            return (None, "DATE", NO_DATE, None)
        base = ctx.dct
    if code == "D" and rel in ("this", "last", "next", "the past", "the coming", "the last", "the current"):
        if rel in ("the past", "the last", "the coming"):
            return None
        off = {"this": 0, "last": -1, "next": 1, "the current": 0}[rel]
        d = base + dt.timedelta(days=off)
        return (d.isoformat(), "DATE", None, day(d))
    if code == "WE":
        p = week_pt(base, weekend=True)
    else:
        p = coarsen(base, g)
    n = {"last": -1, "the past": -1, "the previous": -1, "the prior": -1, "the last": -1,
         "the preceding": -1, "next": 1, "the coming": 1, "the following": 1,
         "the next": 1}.get(rel, 0)
    if n:
        if code == "WE":
            p = Point("W", p.date + dt.timedelta(days=7 * n), tod="WE")
        else:
            p = shift(p, n, code, False)
    return (p.value(), "DATE", None, p)


@rule("in_the_day", I(r"\b(?:earlier|later|late|early)\s+in\s+the\s+(?P<w>day|week|month|year)\b"))
def r_in_the_day(m, ctx):
    w = m["w"].lower()
    code = UNIT_CODE[w]
    base = None
    if ctx.last is not None and ctx.last.gran == _UNIT_GRAN[code] and m.start() - ctx.last_pos < 300:
        base = ctx.last
    elif ctx.dct is not None:
        base = coarsen(ctx.dct, _UNIT_GRAN[code])
    if base is None:
        return (None, "DATE", NO_DATE, None)
    return ("_trim", m.end() - len("the ") - len(w), m.end(), (base.value(), "DATE", None, base))


@rule("year_end", I(r"\b(?:(?:around|at|by|until|before|after)\s+)?(?P<w>year[\s-]end|year's\s+end|(?:the\s+)?end[\s-]of[\s-](?:the[\s-])?year)\b"))
def r_year_end(m, ctx):
    if ctx.dct is None:
        return (None, "DATE", NO_DATE, None)
    y = ctx.dct.year
    return (f"{y:04d}", "DATE", None, year_pt(y))


# --- "two years ago", "one year later", "a year earlier", "year-ago"

@rule("ago", I(rf"\b(?:{MOD}\s+)?(?P<n>{NUM}|some)[\s-]+(?:more\s+)?(?P<u>{UNIT})(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|from\s+now|hence|back|previously|afterwards?|(?:before|after|since)(?!\s+(?:than|that|in|the|he|she|they|it|his|her|their|its|a|an|to|being|having|\w+ing)\b))\b"))
def r_ago(m, ctx):
    n = parse_number(m["n"])
    code = _unit_code(m["u"])
    direction = m["dir"].lower()
    sign = -1 if direction in ("ago", "earlier", "before", "back", "previously") else 1
    if direction == "since":
        return None
    if direction in ("before", "after", "afterwards", "afterward") and ctx.last is None:
        return None
    if n is None:
        return ("PAST_REF" if sign < 0 else "FUTURE_REF", "DATE", None, None)
    anaphoric = direction in ("earlier", "later", "before", "after", "afterwards", "afterward")
    last = ctx.last
    # "a year ago"/"year-earlier" in results reporting: the same quarter a year before
    if code == "Y" and n == 1 and _period(ctx, pos=m.start()) is not None and \
            m.start() - max(ctx.last_pos, ctx.period_pos) < 400:
        p = shift(_period(ctx, pos=m.start()), -1 * (1 if sign < 0 else -1), "Y", True)
        return (p.value(), "DATE", None, None)
    if code in ("H", "MIN", "S"):
        # "two hours later": the day of the anchor at best
        if anaphoric and last is not None and last.gran == "D":
            return (last.value(), "DATE", None, None)
        return (None, "TIME", "offset finer than its anchor", None)
    if anaphoric and last is not None:
        p = shift(last, sign * n, code, True)
        return (p.value(), "DATE", None, p)
    if ctx.dct is None:
        return (None, "DATE", NO_DATE, None)
    if code in ("H", "MIN", "S"):
        return (None, "TIME", "sub-day offset", None)
    p = shift(day(ctx.dct), sign * n, code, False)
    return (p.value(), "DATE", None, p)


@rule("year_ago_adj", I(r"\b(?:the\s+)?(?P<w>year[\s-]ago|year[\s-]earlier|a\s+year\s+earlier|year-before)\b(?:\s+(?P<u>quarter|period|level|results?|figures?))?"))
def r_year_ago_adj(m, ctx):
    last = ctx.last
    if _period(ctx, pos=m.start()) is not None:
        p = shift(_period(ctx, pos=m.start()), -1, "Y", True)
    elif last is not None and last.gran == "M":
        p = shift(last, -1, "Y", True)
    elif ctx.dct is not None:
        if m["u"] and m["u"].lower() in ("quarter", "period"):
            p = shift(shift(quarter_pt(ctx.dct.year, (ctx.dct.month - 1) // 3 + 1), -1, "Q", True), -1, "Y", True)
        else:
            p = year_pt(ctx.dct.year - 1)
    else:
        return (None, "DATE", NO_DATE, None)
    if m["u"] and m["u"].lower() not in ("quarter", "period"):
        # keep the span on the time words only
        return ("_trim", m.start(), m.start("u") - 1, (p.value(), "DATE", None, None))
    return (p.value(), "DATE", None, None)


# --- durations

@rule("duration", I(rf"\b(?:(?P<mod>{MOD})\s+)?(?:(?P<det>the|a|an|each\s+of\s+the)\s+)?(?:(?P<rel>past|last|next|first|coming|previous|following|final|latest|remaining|initial|past\s+and\s+next|full|entire|whole)\s+)?(?P<n>{NUM})(?:\s+(?:or|to)\s+{NUM}|-\d+)?(?:[\s-]+(?:more|additional|full|straight|consecutive|long|extra|further))?[\s-]+(?P<u>{UNIT})(?P<half>\s+and\s+a\s+half)?(?P<old>-old|-long|\s+old\b)?(?:\s+or\s+(?:so|more|longer|less))?\b"))
def r_duration(m, ctx):
    n_str = m["n"]
    n = parse_number(n_str)
    code = _unit_code(m["u"])
    if m["old"] and "old" in m["old"] and "-" not in m["old"]:
        return None  # an age: "37 years old"
    if code == "S" and (not re.match(r"\d", n_str) and not m["u"].lower().endswith("s")
                        or ctx.text[m.end():m.end() + 1] == "-"):
        return None  # "a second term", "a few second-half goals"
    after = ctx.text[m.end():m.end() + 4]
    if code == "Q" and re.match(r"\s+of\b", after) and "-" in m.group(0):
        return None  # a fraction: "three-quarters of its food"
    if m["half"] and n is not None:
        n += 0.5
    before = ctx.text[max(0, m.start() - 16):m.start()]
    if n_str.lower() in ("a", "an") and not (m["det"] or m["rel"] or m["mod"]) and \
            re.search(r"(\d|\b(?:million|billion|thousand|hundred|dozen|percent|cents?|shares|seats|jobs|dollars))\W{0,2}\s*$", before):
        return None  # a rate: "$1.76 a year", "700 seats a week"
    rel = (m["rel"] or "").lower()
    low = n_str.lower().strip()
    if m.group(0).lower() == "one day" and re.search(r"(?i)\b(?:will|would|could|may|might|can|shall|to)\s+$",
                                                     ctx.text[max(0, m.start() - 8):m.start()]):
        return ("FUTURE_REF", "DATE", None, None)  # "Islam will one day be …": some day, not a day long
    if low in ("a", "an") and not (m["rel"] or m["mod"]):
        # "a year" DURATION; "a day" / "a week" after per/… are SETs
        before = ctx.text[max(0, m.start() - 6):m.start()].lower()
        if re.search(r"\b(per|once|twice|times)\s+$", before):
            return (dur_value(1, code), "SET", None, None)
    if n is None:
        return (dur_value(None, code), "DURATION", None, None)
    if n == 0:
        return None
    if m["det"] and m["det"].lower() == "the" and not rel and n == 1:
        return None
    if "-" in m.group(0) and re.search(r"\d-\w", m.group(0)) is None and n > 500:
        return None
    return (dur_value(n, code), "DURATION", None, None)


@rule("unit_long", I(r"\b(?P<u>year|month|week|day|decade|century|hour)-long\b"))
def r_unit_long(m, ctx):
    """"a year-long strike", "the decade-long war": a duration of one unit."""
    return (dur_value(1, _unit_code(m["u"])), "DURATION", None, None)


@rule("vague_dur", I(rf"\b(?:(?P<pre>recent|some|the\s+past\s+(?:few|several|couple\s+of)|the\s+last\s+(?:few|several|couple\s+of)|the\s+next\s+(?:few|several)|the\s+coming|coming|the\s+early|the\s+later|future|past|the\s+past|previous|the\s+previous|upcoming|the\s+upcoming|the\s+last)\s+)(?P<u>years|months|weeks|days|hours|minutes|decades|centuries|quarters|sessions)\b"))
def r_vague_dur(m, ctx):
    pre = m["pre"].lower()
    u = m["u"].lower()
    if u == "sessions":
        return None
    code = _unit_code(u)
    if "coming" in pre or "next" in pre or "future" in pre or "upcoming" in pre:
        return ("FUTURE_REF", "DATE", None, None) if "next" not in pre else (dur_value(None, code), "DURATION", None, None)
    if pre in ("past", "previous", "the previous", "the last") and code in ("Q",):
        return ("PAST_REF", "DATE", None, None)
    return (dur_value(None, code), "DURATION", None, None)


@rule("bare_plural", I(r"(?:(?<=\bfor\s)|(?<=\bwithin\s)|(?<=\bin\s)(?=\w+\s+or\s))(?P<u>years|months|weeks|days|hours|decades|centuries)(?:\s+or\s+(?:years|months|weeks|days|hours|decades))?\b(?!\s+(?:ago|later|earlier|of|to|before|after))"))
def r_bare_plural(m, ctx):
    return (dur_value(None, _unit_code(m["u"])), "DURATION", None, None)


@rule("set", I(rf"\b(?:(?P<freq>once|twice|(?:{NUMWORDS}|\d+)\s+times)\s+(?:a|an|per|every|each)\s+(?P<fu>year|month|week|day|hour|quarter|decade)|(?:each|every|per)\s+(?:(?P<n>other|{NUMWORDS}|\d+)\s+)?(?P<u>years?|months?|weeks?|days?|hours?|quarters?|decades?|morning|night|evening|afternoon|summer|winter|spring|fall|autumn|weekend)|(?P<adv>daily|hourly|weekly|monthly|quarterly|annually|yearly|nightly))\b"))
def r_set(m, ctx):
    """Recurring times: "every Monday" (weekday rule), "each year", "every two weeks",
    "twice a month", "daily" (as an adverb, not "daily flights")."""
    if m["adv"]:
        a = m["adv"].lower()
        if re.match(r"\s+[a-z]", ctx.text[m.end():m.end() + 3]) and not re.match(
                r"\s+(?:and|or|to|in|on|at|for|from|since|until|by|with|basis|than|as)\b", ctx.text[m.end():m.end() + 12]):
            return None  # an adjective: "daily flights", "average daily volume"
        return ({"daily": "XXXX-XX-XX", "hourly": "PT1H", "annually": "P1Y", "yearly": "P1Y",
                 "weekly": "P1W", "monthly": "P1M", "quarterly": "P1Q",
                 "nightly": "XXXX-XX-XXTNI"}[a], "SET", None, None)
    if m["freq"]:
        code = UNIT_CODE[m["fu"].lower()]
        return ("P1Q" if code == "Q" else dur_value(1, code), "SET", None, None)
    u = m["u"].lower()
    if u in PARTS_OF_DAY:
        return (f"XXXX-XX-XXT{PARTS_OF_DAY[u]}", "SET", None, None)
    if u in SEASONS:
        return (f"XXXX-{SEASONS[u]}", "SET", None, None)
    n = m["n"]
    k = 2 if n and n.lower() == "other" else (parse_number(n) if n else 1)
    if k is None:
        return None
    code = _unit_code(u)
    return (f"P{int(k)}Q" if code == "Q" else dur_value(k, code), "SET", None, None)


# --- holidays

_FIXED_HOLIDAYS = {
    "christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
    "new year's eve": (12, 31), "new year's day": (1, 1), "halloween": (10, 31),
    "valentine's day": (2, 14), "independence day": (7, 4), "july fourth": (7, 4),
    "the fourth of july": (7, 4), "boxing day": (12, 26), "may day": (5, 1),
    "veterans day": (11, 11), "armistice day": (11, 11), "bastille day": (7, 14),
}


def _nth_weekday(y: int, month: int, weekday: int, n: int) -> dt.date:
    from dateutil.relativedelta import weekday as _wd

    if n > 0:
        return dt.date(y, month, 1) + relativedelta(weekday=_wd(weekday)(n))
    return dt.date(y, month, 1) + relativedelta(day=31, weekday=_wd(weekday)(-1))


def _holiday_date(name: str, y: int) -> dt.date:
    from dateutil.easter import easter

    if name in _FIXED_HOLIDAYS:
        mo, d = _FIXED_HOLIDAYS[name]
        return dt.date(y, mo, d)
    if name in ("easter", "easter sunday"):
        return easter(y)
    if name == "good friday":
        return easter(y) - dt.timedelta(days=2)
    if name == "easter monday":
        return easter(y) + dt.timedelta(days=1)
    if name == "thanksgiving" or name == "thanksgiving day":
        return _nth_weekday(y, 11, 3, 4)
    if name == "labor day":
        return _nth_weekday(y, 9, 0, 1)
    if name == "memorial day":
        return _nth_weekday(y, 5, 0, -1)
    raise KeyError(name)


_HOLIDAY_NAMES = (r"Christmas(?:\s+(?:Eve|Day))?|New\s+Year's\s+(?:Eve|Day)|Halloween|Valentine's\s+Day|"
                  r"Independence\s+Day|July\s+Fourth|the\s+Fourth\s+of\s+July|Boxing\s+Day|Veterans\s+Day|"
                  r"Armistice\s+Day|Bastille\s+Day|Easter(?:\s+(?:Sunday|Monday))?|Good\s+Friday|"
                  r"Thanksgiving(?:\s+Day)?|Labor\s+Day|Memorial\s+Day")


@rule("holiday", rf"\b(?:(?P<rel>(?i:last|next|this|this\s+past|this\s+coming))\s+)?(?P<h>{_HOLIDAY_NAMES})(?:,?\s+(?P<y>{YEAR}))?\b")
def r_holiday(m, ctx):
    name = re.sub(r"\s+", " ", m["h"].lower())
    if m["y"]:
        d = _holiday_date(name, int(m["y"]))
        return (d.isoformat(), "DATE", None, day(d))
    if ctx.dct is None:
        if name in _FIXED_HOLIDAYS:
            mo, dd = _FIXED_HOLIDAYS[name]
            return (f"XXXX-{mo:02d}-{dd:02d}", "DATE", NO_DATE, None)
        return (None, "DATE", NO_DATE, None)
    rel = (m["rel"] or "").lower()
    y = ctx.dct.year
    this = _holiday_date(name, y)
    if "last" in rel or "past" in rel:
        d = this if this < ctx.dct else _holiday_date(name, y - 1)
    elif "next" in rel or "coming" in rel:
        d = this if this > ctx.dct else _holiday_date(name, y + 1)
    elif rel == "this":
        d = this
    else:
        tense = ctx.tense(m.start(), m.end())
        if tense == "past":
            d = this if this <= ctx.dct else _holiday_date(name, y - 1)
        elif tense == "future":
            d = this if this >= ctx.dct else _holiday_date(name, y + 1)
        else:
            cands = [_holiday_date(name, y + k) for k in (-1, 0, 1)]
            d = min(cands, key=lambda c: abs((c - ctx.dct).days))
    return (d.isoformat(), "DATE", None, day(d))


# --- vague references

@rule("ref", I(r"\b(?P<w>right\s+now|now|currently|current(?!\s+(?:accounts?|events|affairs|assets|liabilities|president|chairman|chief|members?|owners?|holders?|officers?|directors?|leaders?|managers?|employees|staff|head|prime|foreign|secretary|minister|ceo|editor|account|flows?|sources?|version|address|\w+\s+(?:president|chairman|officer|director|minister|secretary|executive)))\b|at\s+present|presently|nowadays|these\s+days|at\s+the\s+moment|at\s+this\s+time|recently|lately|in\s+recent\s+times|formerly|in\s+the\s+past|(?:the\s+)?(?:distant|recent)\s+past|the\s+past|soon|shortly|in\s+the\s+future|(?:the\s+)?(?:near|distant|foreseeable|immediate)\s+future|the\s+future|the\s+(?:near|short|long|medium)\s+term)\b(?!\s*-)"))
def r_ref(m, ctx):
    w = re.sub(r"\s+", " ", m["w"].lower())
    if w in ("in the past", "in the future"):
        w = w[3:]
    if w.endswith("past") and re.match(r"\s+(\d|few|several|two|three|four|five|six|seven|eight|nine|ten|year|month|week|decade)", ctx.text[m.end():m.end() + 12].lower()):
        return None
    if w in ("shortly",):
        return None
    if w == "soon" and (re.search(r"(?i)\bas\s+$", ctx.text[max(0, m.start() - 4):m.start()])
                        or re.match(r"\s+(?:after|afterwards?|thereafter|before)\b", ctx.text[m.end():m.end() + 12])):
        return None  # "as soon as", "soon after": a signal, not a time
    if w in ("recently", "lately", "in recent times", "formerly", "the past", "the recent past", "recent past", "the distant past", "distant past"):
        return ("PAST_REF", "DATE", None, None)
    if w in ("soon", "the future", "near future", "the near future", "distant future", "the distant future",
             "foreseeable future", "the foreseeable future", "immediate future", "the immediate future",
             "the near term", "the short term", "the long term", "the medium term"):
        return ("FUTURE_REF", "DATE", None, None)
    return ("PRESENT_REF", "DATE", None, None)


@rule("ref_initial", r"(?:(?<=[.!?]\s)|(?<=[.!?]\s\s)|(?<=^)|(?<=\n))(?P<w>Previously|Earlier|Formerly|Lately|Recently)(?=,|\s+[a-z])")
def r_ref_initial(m, ctx):
    # sentence-initial "Previously, …" / "Earlier, …": a vague past reference
    return ("PAST_REF", "DATE", None, None)


# --------------------------------------------------------------------------- tense

_FUT = re.compile(r"(?i)\b(will|won't|'ll|shall|going\s+to|scheduled|expected\s+to|plans?\s+to|planned|due\s+to|intends?\s+to|would|upcoming|next)\b")
_PAST_WORDS = re.compile(r"(?i)\b(was|were|had|did|said|ago|last|earlier|previously|announced|reported|\w+ed)\b")


_FUTURE_HEADS = {"expect", "schedule", "plan", "set", "due", "intend", "hope", "aim", "prepare",
                 "agree", "promise", "vow", "threaten", "want", "seek", "propose", "slate", "go"}
_FUTURE_AUX = {"will", "wo", "'ll", "ll", "shall", "would", "'d"}


def _verb_tense(v) -> Optional[str]:
    """Tense of one verb from its tag and auxiliaries; None when it says nothing."""
    auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    if any(c.lower_ in _FUTURE_AUX for c in auxes):
        return "future"
    if v.lower_ in _FUTURE_AUX:
        return "future"
    if v.lemma_ in _FUTURE_HEADS and v.tag_ in ("VBN", "VBZ", "VBP", "VBG") and any(
            c.dep_ == "xcomp" for c in v.children):
        return "future"
    if any(c.tag_ == "VBD" for c in auxes) or v.tag_ == "VBD":
        return "past"
    if v.tag_ == "VBN" and any(c.lower_ in ("has", "have", "had", "'ve", "'s") for c in auxes):
        return "past"
    if v.tag_ in ("VBZ", "VBP") or any(c.tag_ in ("VBZ", "VBP") for c in auxes):
        return "present"
    return None


def make_tense(doc: Optional[Doc], text: str) -> Callable[[int, int], str]:
    """Tense of the clause that governs a character range.  With a parse: up the
    dependency tree to the governing verb, its auxiliaries ("will", "had") and, for
    "is scheduled to close Monday", the verb above it; else from a few words."""
    if doc is not None and len(doc) and doc.has_annotation("TAG") and doc.has_annotation("DEP"):
        import bisect

        starts = [t.idx for t in doc]

        def tense(s: int, e: int) -> str:
            i = max(0, bisect.bisect_right(starts, s) - 1)
            j = max(i, bisect.bisect_left(starts, e) - 1)
            span = doc[i:j + 1]
            tok = span.root if len(span) else doc[i]
            seen = 0
            v = tok.head if tok.head is not tok else tok
            while v.pos_ not in ("VERB", "AUX") and v.head is not v and seen < 8:
                seen += 1
                v = v.head
            # "said in August it would sell": a time between a reporting verb and its
            # clause's subject belongs to the reporting verb, whatever the parse says
            if v.dep_ == "ccomp" and v.head.i < tok.i and any(
                    c.dep_ in ("nsubj", "nsubjpass") and c.i > tok.i for c in v.children):
                v = v.head
            seen = 0
            while seen < 8:
                seen += 1
                if v.pos_ in ("VERB", "AUX"):
                    t = _verb_tense(v)
                    # "to close Monday" / "closing": the verb above says when
                    if v.tag_ == "VBN" and v.dep_ in ("advcl", "acl", "relcl") and t is None:
                        return "past"  # "the agreement, announced Friday, …"
                    if v.dep_ in ("xcomp", "advcl", "ccomp", "conj", "relcl", "acl") and v.tag_ in ("VB", "VBG", "VBN") \
                            and not any(c.dep_ in ("aux", "auxpass") and c.lower_ != "to" for c in v.children):
                        h = v.head
                        if h.lemma_ in _FUTURE_HEADS and v.dep_ == "xcomp":
                            # "had been scheduled to expire Friday": it was to happen
                            if any(c.lower_ == "had" for c in h.children):
                                return "past"
                            if h.pos_ == "ADJ" and h.dep_ == "acomp" and h.head.pos_ == "AUX":
                                # "was due to expire Friday" (past), "is due to …" (future)
                                cop = h.head
                                if cop.tag_ == "VBD" or any(c.lower_ == "had" for c in cop.children):
                                    return "past"
                            return "future"
                        if h is not v:
                            v = h
                            continue
                    if t:
                        return t
                if v.head is v:
                    break
                v = v.head
            return "present"

        return tense

    def tense_words(s: int, e: int) -> str:
        lo = max(text.rfind(".", 0, s), 0)
        hi = text.find(".", e)
        hi = len(text) if hi < 0 else hi
        sent = text[lo:hi]
        if _FUT.search(sent):
            return "future"
        if _PAST_WORDS.search(sent):
            return "past"
        return "present"

    return tense_words


# --------------------------------------------------------------------------- driver

# Every expression any rule matches contains one of these; the rules only run on windows
# around them (speed: most of an article's text has none).
def _words(cat: str, words: str) -> list[tuple[str, str]]:
    return [(w, cat) for w in words.split()]


_TRIGGER_LIST = [
    *_words("month", "january february march april may june july august september october "
                      "november december jan feb mar apr jun jul aug sep sept oct nov dec"),
    *_words("weekday", "monday tuesday wednesday thursday friday saturday sunday mondays tuesdays "
                        "wednesdays thursdays fridays saturdays sundays"),
    *_words("unit", "year years month months week weeks day days hour hours minute minutes second "
                     "seconds decade decades quarter quarters night nights weekend weekends "
                     "millennium millennia half period season"),
    *_words("century", "century centuries"),
    *_words("season", "spring summer fall autumn winter"),
    *_words("deictic", "today tonight tomorrow yesterday last this"),
    *_words("partday", "morning afternoon evening night"),
    *_words("clockword", "noon midnight midday"),
    *_words("ref", "now currently current recent recently previously formerly lately present "
                    "presently nowadays moment time soon future past term earlier"),
    *_words("decadeword", "twenties thirties forties fifties sixties seventies eighties nineties"),
    *_words("spoken", "nineteen eighteen twenty thousand"),
    *_words("setword", "daily hourly weekly monthly quarterly annually yearly nightly"),
    *_words("holiday", "christmas easter halloween thanksgiving valentine independence fourth "
                        "boxing veterans armistice bastille labor memorial"),
    *_words("q", "q1 q2 q3 q4 1q 2q 3q 4q"),
]
_TRIGGERS: dict[str, tuple[str, ...]] = {}
for _w, _c in _TRIGGER_LIST:
    _TRIGGERS[_w] = _TRIGGERS.get(_w, ()) + (_c,)
_WORD = re.compile(r"\w+")
_WINDOW = 45


def _segments(text: str) -> dict[str, list[tuple[int, int]]]:
    """Per kind of trigger word, the windows of text around such words.  Every date
    expression contains one (a digit, a month, a unit, "today" …), so each rule runs only
    in the windows of its kinds: most of an article's text is never scanned."""
    hits: dict[str, list[tuple[int, int]]] = {}
    n = len(text)
    for m in _WORD.finditer(text):
        w = m.group()
        cats = _TRIGGERS.get(w.lower())
        if cats is None:
            if not any(c.isdigit() for c in w):
                continue
            cats = ("digit",)
        s, e = max(0, m.start() - _WINDOW), min(n, m.end() + _WINDOW)
        for cat in cats:
            lst = hits.setdefault(cat, [])
            if lst and s <= lst[-1][1]:
                lst[-1] = (lst[-1][0], max(lst[-1][1], e))
            else:
                lst.append((s, e))
    return hits


def _merge(lists) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for s, e in sorted(x for lst in lists for x in lst):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def _candidates(text: str) -> list[tuple[int, int, int, re.Match]]:
    out = []
    seen = set()
    hits = _segments(text)
    for ri, (name, rx, _fn) in enumerate(RULES):
        segs = _merge(hits.get(c, ()) for c in RULE_CATS[name])
        for s, e in segs:
            for m in rx.finditer(text, s, e):
                if m.end() > m.start() and (m.start(), m.end(), ri) not in seen:
                    seen.add((m.start(), m.end(), ri))
                    out.append((m.start(), m.end(), ri, m))
    return out


def _select(cands, text: str):
    """Leftmost-longest, non-overlapping; a longer match wins over the ones inside it."""
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[2]))
    taken: list[tuple[int, int]] = []
    chosen = []
    for c in cands:
        s, e = c[0], c[1]
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        chosen.append(c)
    chosen.sort(key=lambda c: c[0])
    return chosen


def extract_dates(text: str, article_date: Optional[str] = None, doc: Optional[Doc] = None,
                  skip: list[tuple[int, int]] | None = None) -> list[DateExpr]:
    """All date and time expressions in ``text``, normalised against ``article_date``."""
    dct = None
    if article_date:
        try:
            dct = dt.date.fromisoformat(article_date[:10])
        except ValueError:
            dct = None
    skip = skip or []
    ctx = Ctx(dct=dct, last=None, tense=make_tense(doc, text), text=text)
    out: list[DateExpr] = []
    for s, e, ri, m in _select_valid(_candidates(text), ctx, text):
        if any(a < e and s < b for a, b in skip):
            continue
        res = RULES[ri][2](m, ctx)
        if res is None:
            continue
        if res[0] == "_trim":
            _, s, e, res = res
        value, typ, reason, point = res
        s, e = _strip(text, s, e)
        if s >= e:
            continue
        out.append(DateExpr(start=s, end=e, text=text[s:e], value=value, type=typ, reason=reason))
        if point is not None:
            ctx.last = point
            ctx.last_pos = s
            if ctx.period is None and point.gran in ("Q", "H"):
                ctx.period = point
        if value and re.fullmatch(r"\d{4}-[QH]\d", value):
            ctx.period_pos = s
    return out


def _select_valid(cands, ctx: Ctx, text: str):
    """Longest first, but a candidate its rule would reject (a dry run with no anchor)
    does not block the shorter ones inside it."""
    d0 = ctx.dct or dt.date(2000, 1, 1)
    dry = Ctx(dct=d0, last=None, tense=lambda s, e: "present", text=text)
    # "the day", "the morning", "the period" refer back: judged on their words, with an
    # antecedent of their kind, not on whether one happens to come before them
    dry_anaphoric = Ctx(dct=d0, last=day(d0), tense=lambda s, e: "present", text=text,
                        period=quarter_pt(d0.year, (d0.month - 1) // 3 + 1))
    ok = []
    for c in cands:
        try:
            r = RULES[c[2]][2](c[3], dry_anaphoric if RULES[c[2]][0] in ("quarter_bare", "partday") else dry)
        except Exception:  # noqa: BLE001  (a rule that fails on a strange match rejects it)
            r = None
        if r is not None:
            ok.append(c)
    return _select(ok, text)


_LEAD_PREP = re.compile(r"(?i)(?:in|over|for|within|during|by|at|from|until|till|since|on|of|before|after)\s+(?!present\b|least\b|most\b|the\s+moment\b|this\s+time\b)")
_LEAD_DET = re.compile(r"(?i)(?P<det>a|an|the|its|their|his|her)\s+(?P<rest>.+)$", re.S)
_ADJ_DUR = re.compile(rf"(?i)(?:\S+-(?:year|month|week|day|hour|minute|quarter)|(?:year|month|week|day|decade|century|hour)-long|(?:\d+|{NUMWORDS})\s+(?:year|month|week|day|hour|minute)|year-ago|year-earlier)$")
_ORD_Q = re.compile(r"(?i)(?:first|second|third|fourth)[\s-]quarter$")


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    """TIMEX3 extents: no leading preposition ("in recent years" → "recent years"), no
    determiner before an adjectival duration ("a 10-year" → "10-year"), no "'s"."""
    while s < e and text[s] in " \t\n,;:(-":
        s += 1
    while e > s and text[e - 1] in " \t\n,;:)-":
        e -= 1
    m = _LEAD_PREP.match(text, s, e)
    if m and m.end() < e:
        s = m.end()
    if text[s:e].endswith(("'s", "’s")):
        e -= 2
    m = _LEAD_DET.fullmatch(text, s, e)
    if m:
        rest = m["rest"]
        if _ADJ_DUR.fullmatch(rest) or (m["det"].lower() != "the" and _ORD_Q.fullmatch(rest)) \
                or m["det"].lower() in ("its", "their", "his", "her") \
                or (m["det"].lower() == "the" and re.fullmatch(r"(?i)\w+-quarter", rest)):
            s = m.start("rest")
    return s, e


# --------------------------------------------------------------------------- article date

_PUBLISHED = re.compile(r"(?i)\b(?:published|posted|updated|last\s+updated|first\s+published|dated)\b")
_DATELINE_START = re.compile(r"^\s*(?:[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+)*)\s*(?:,\s*[A-Z][\w.]+(?:\s+[A-Z][\w.]+)*)?\s*[,(—–-]")


def infer_article_date(text: str) -> Optional[tuple[str, str]]:
    """A cautious guess at the publication date from the text itself.

    Only a fully specified date (year, month and day) on one of the first lines counts,
    and only where that line says what it is: a "Published/Posted/Updated …" line, a
    dateline ("KABUL, Oct. 4, 2016 (AP) —"), or a short line that is little more than the
    date.  Returns (YYYY-MM-DD, reason) or None."""
    lines = [ln for ln in text[:2000].splitlines() if ln.strip()][:6]
    for ln in lines:
        if len(ln) > 240:
            continue
        full = [x for x in extract_dates(ln, None)
                if x.value and re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", x.value)]
        if not full:
            continue
        x = full[0]
        if _PUBLISHED.search(ln[:x.start]):
            why = "a 'Published' line"
        elif _DATELINE_START.match(ln):
            why = "the dateline"
        elif len(ln.strip()) <= len(x.text) + 25:
            why = "a date line at the top"
        else:
            continue
        return x.value[:10], f"inferred from {why}: {ln.strip()[:60]!r}"
    return None


# --------------------------------------------------------------------------- component

@Language.component("sourcetrace_dates")
def dates_component(doc: Doc) -> Doc:
    meta = doc._.st_article
    date = getattr(meta, "date", None) if meta is not None else None
    doc._.st_dates = extract_dates(doc_text(doc), date, doc=doc, skip=boilerplate_ranges(doc))
    return doc
