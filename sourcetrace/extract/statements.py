"""Statements component (placeholder until the rule extractor lands)."""
from spacy.language import Language
from spacy.tokens import Doc


@Language.component("sourcetrace_statements")
def statements_component(doc: Doc) -> Doc:
    doc._.st_statements = []
    return doc
