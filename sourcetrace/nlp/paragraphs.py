"""Force a sentence start after every line break.

News text puts one paragraph per line; without this the parser sometimes
joins a headline or a dateline paragraph to the next one.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("sourcetrace_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    for i in range(len(doc) - 1):
        tok = doc[i]
        if tok.is_space and "\n" in tok.text:
            doc[i + 1].is_sent_start = True
    return doc
