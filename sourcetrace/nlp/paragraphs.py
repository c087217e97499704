"""Force a sentence start after every line break.

News text puts one paragraph per line; without this the parser sometimes
joins a headline or a dateline paragraph to the next one.
"""

from __future__ import annotations

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc


@Language.component("sourcetrace_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    # One bulk write: the Token.is_sent_start setter checks
    # doc.has_annotation("DEP"), a scan of the whole doc, so setting it once
    # per line break was quadratic (minutes on a 1 MB text of short paragraphs).
    starts = doc.to_array([SENT_START])
    changed = False
    for i in range(len(doc) - 1):
        tok = doc[i]
        if tok.is_space and "\n" in tok.text:
            starts[i + 1] = 1
            changed = True
    if changed:
        doc.from_array([SENT_START], starts)
    return doc
