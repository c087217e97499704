"""The sourcetrace data model: the one contract between stages.

Every stage reads and writes these types; the JSON a program consumes is
``Analysis.model_dump(mode="json")`` and its JSON Schema is published as
``sourcetrace/schema/analysis.schema.json`` (regenerate with
``python -m sourcetrace.model > sourcetrace/schema/analysis.schema.json``;
a test checks the file matches).

Offsets are sacred: every :class:`Span` holds character offsets into
``Analysis.text`` and ``text[start:end] == span.text`` always.

Schema versions follow semver: add a field -> minor; rename/remove -> major.
"""

from __future__ import annotations

import json
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.4.0"  # 1.1.0: Statement.negated; 1.2.0: Actor.implicit; 1.3.0: Event/TimelineEntry.denied_by,
# Actor.resolved; 1.4.0: Event.confidence


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """Character offsets into the analysed text; ``text == input[start:end]``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        return cls(start=start, end=end, text=text[start:end])


class ArticleMeta(_Model):
    title: Optional[str] = None
    title_span: Optional[Span] = Field(None, description="where the headline sits in `text`, when it does")
    date: Optional[str] = Field(None, description="publication date, ISO 8601 (YYYY-MM-DD)")
    date_source: Optional[Literal["metadata", "option", "text", "inferred"]] = None
    author: Optional[str] = None
    outlet: Optional[str] = None
    url: Optional[str] = None
    language: Optional[str] = None
    dateline: Optional[Span] = Field(None, description='e.g. "ISLAMABAD—" or "WASHINGTON (Reuters) -"')
    dateline_place: Optional[str] = None
    input_format: Optional[Literal["text", "html", "warc", "feed", "jsonl"]] = None
    notes: list[str] = Field(default_factory=list, description="what ingest did, e.g. encoding fallback")


class Article(_Model):
    """What ingest produces and :func:`sourcetrace.analyze` consumes."""

    id: str
    path: Optional[str] = None
    text: str
    meta: ArticleMeta = Field(default_factory=ArticleMeta)


class Boilerplate(Span):
    kind: Literal["appeal", "newsletter", "subscription", "read_more", "advertisement", "social", "promo", "other"] = "other"


SourceType = Literal["person", "organisation", "government", "document", "media", "anonymous", "pronoun", "unknown"]


class Anonymity(_Model):
    role: Optional[str] = None
    affiliation: Optional[str] = None
    place: Optional[str] = None


class Source(Span):
    named: bool = Field(description="true when the span names someone (a proper name)")
    type: SourceType = "unknown"
    resolved: Optional[str] = Field(None, description="full name the span refers to (pronouns, partial names)")
    resolved_span: Optional[Span] = None
    anonymous: bool = False
    anonymity: Optional[Anonymity] = None
    description: Optional[str] = Field(
        None, description="role words the text gives the source (apposition or title), e.g. 'an Afghanistan-based security and defense expert'"
    )


Stance = Literal["asserts", "confirms", "denies", "speculates", "questions", "other"]
StatementKind = Literal["direct", "indirect", "mixed", "unattributed"]


class Statement(_Model):
    id: str
    kind: StatementKind
    source: Optional[Source] = None
    cue: Optional[Span] = None
    content: list[Span] = Field(default_factory=list)
    stance: Stance = "asserts"
    hedges: list[Span] = Field(default_factory=list)
    nested_in: Optional[str] = None
    confidence: float = Field(1.0, ge=0.0, le=1.0, description="how sure the source is (drops with hedges)")
    negated: bool = Field(False, description="the content's main clause is negated (\"had not supplied\", \"no such "
                          "meeting had taken place\"): with stance asserts, the source says the positive proposition "
                          "is false; a negation inside a subordinate or later clause does not count")
    told_to: Optional[Span] = Field(None, description='outlet the statement was made to ("told The Media Line")')
    extractor: str = Field("rules", description="which component found it")


class DateExpr(Span):
    value: Optional[str] = Field(None, description="TIMEX3-style value: 2015-09, 2016, P17Y, PRESENT_REF …")
    type: Literal["DATE", "TIME", "DURATION", "SET"] = "DATE"
    reason: Optional[str] = Field(None, description="why no value could be had")


class Place(Span):
    name: str
    country: Optional[str] = Field(None, description="ISO 3166 alpha-2/3 country code")
    lat: Optional[float] = None
    lon: Optional[float] = None
    geonameid: Optional[int] = None
    feature: Optional[str] = None
    dateline: bool = False


class Actor(Span):
    code: Optional[str] = Field(None, description="ISO 3166 alpha-3 country or IGO code")
    sector: Optional[str] = Field(None, description="GOV, MIL, REB, …")
    implicit: bool = Field(False, description="the text does not name this participant: it is supplied by the "
                           "CAMEO/PLOVER coding conventions (an agentless passive's actor is the state where it happens; "
                           "an event with no target targets the actor's own country), and the span holds the words the "
                           "code comes from")
    resolved: Optional[str] = Field(None, description="the name a pronoun participant refers to (\"he\" -> "
                                    "\"Michael Howard\"), as the statements' sources resolve it; the code is then "
                                    "that name's")


Modality = Literal["asserted", "alleged", "denied", "hypothetical", "future", "negated"]


class Event(_Model):
    id: str
    type: str = Field(description="PLOVER event type, e.g. AID, CONSULT, ASSAULT")
    mode: Optional[str] = None
    trigger: Span
    actor: Optional[Actor] = None
    target: Optional[Actor] = None
    time: Optional[DateExpr] = None
    place: Optional[Place] = None
    modality: Modality = "asserted"
    statements: list[str] = Field(default_factory=list, description="ids of statements that report or deny it")
    denied_by: list[str] = Field(default_factory=list,
                                 description="those of `statements` that deny it (the others report it)")
    confidence: Literal["high", "low"] = Field(
        "high", description="low: read from the trigger verb alone as an unspecified act (the verb dictionary's "
                            "default, no object pattern), mostly wrong in general news (docs/events.md); the "
                            "reports, the timeline and corpus claims leave these out")


class Figure(Span):
    value: float
    unit: Optional[str] = None
    measure: Optional[str] = None
    measure_span: Optional[Span] = None
    date: Optional[DateExpr] = None
    statement: Optional[str] = Field(None, description="id of the statement it comes from")
    source: Optional[str] = Field(None, description="who gives the figure (statement source text)")


class TimelineEntry(_Model):
    value: str = Field(description="normalised date, sortable")
    kind: Literal["event", "figure", "date"]
    ref: Optional[str] = Field(None, description="id of the event, or index of the figure")
    label: str
    modality: Optional[Modality] = None
    sources: list[str] = Field(default_factory=list, description="who reports it")
    denied_by: list[str] = Field(default_factory=list, description="who denies it")


class Analysis(_Model):
    schema_version: str = SCHEMA_VERSION
    id: str
    path: Optional[str] = None
    text: str
    article: ArticleMeta
    boilerplate: list[Boilerplate] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    dates: list[DateExpr] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    timeline: list[TimelineEntry] = Field(default_factory=list)

    def to_json(self, **kw) -> str:
        return self.model_dump_json(**kw)

    def to_dict(self) -> dict:
        return self.model_dump(mode="json")


def json_schema() -> dict:
    schema = Analysis.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://sourcetrace.example/schema/analysis-{SCHEMA_VERSION}.json"
    schema["title"] = "sourcetrace Analysis"
    return schema


if __name__ == "__main__":
    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
