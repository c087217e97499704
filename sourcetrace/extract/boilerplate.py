"""In-text boilerplate (appeals, newsletter plugs, "Read more", ads, social prompts).

Detected on the raw text and reported as spans; nothing is removed from the
text, so offsets stay valid. Later components skip tokens inside them
(:func:`sourcetrace.nlp.doc.in_boilerplate`).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Boilerplate

SEEDS = [
    ("appeal", re.compile(r"\b(give to|donat\w*|support (our|independent) (journalism|reporting)|make a (gift|contribution)|become a (member|supporter)|this holiday season)\b", re.I)),
    ("newsletter", re.compile(r"\b(sign up for|subscribe to) (our|the)\b.*\bnewsletter|\bnewsletter\b.*\b(sign up|inbox)\b", re.I)),
    ("subscription", re.compile(r"^\s*(subscribe( now)?|already a subscriber|unlock (full )?access)\b", re.I)),
    ("read_more", re.compile(r"^\s*(read more|related|see also|recommended|more on this story)\s*[:»>]?", re.I)),
    ("advertisement", re.compile(r"^\s*(advertisement|sponsored( content)?|ad)\s*$", re.I)),
    ("social", re.compile(r"^\s*(follow us on|share (this|on)|like us on|click to share|tweet this)\b", re.I)),
]

MAX_WORDS_IN_BLOCK = 22  # article paragraphs are longer; promo lines are short


def _lines(text: str):
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        yield pos, pos + len(stripped), stripped
        pos += len(line)


def detect_boilerplate(text: str) -> list[Boilerplate]:
    lines = list(_lines(text))
    kinds: list[str | None] = []
    for _s, _e, line in lines:
        kind = None
        if line.strip() and len(line.split()) <= 40:
            for k, rx in SEEDS:
                if rx.search(line):
                    kind = k
                    break
        kinds.append(kind)
    # grow each seed over the short lines that follow it (a promo block)
    out: list[Boilerplate] = []
    i = 0
    while i < len(lines):
        if kinds[i] is None:
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and (kinds[j + 1] is not None or 0 < len(lines[j + 1][2].split()) <= MAX_WORDS_IN_BLOCK):
            # a short line only joins if the block keeps going to another short/seed line or ends the text
            j += 1
        # trim trailing lines that are article-like (end of block = last short line before a long paragraph)
        start, end = lines[i][0], lines[j][1]
        out.append(Boilerplate(start=start, end=end, text=text[start:end], kind=kinds[i]))
        i = j + 1
    return out


@Language.component("sourcetrace_boilerplate")
def boilerplate_component(doc: Doc) -> Doc:
    doc._.st_boilerplate = detect_boilerplate(doc.text)
    return doc
