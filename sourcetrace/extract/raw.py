"""What an attribution extractor (rules or trained model) hands to statement assembly.

Offsets are character offsets into ``doc.text``. Statement assembly
(:mod:`sourcetrace.extract.statements`) turns these into
:class:`sourcetrace.model.Statement` records: kind, source description
(:mod:`sourcetrace.extract.sources`), stance and hedges
(:mod:`sourcetrace.extract.stance`), nesting.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RawAttribution:
    cue: tuple[int, int] | None
    sources: list[tuple[int, int]] = field(default_factory=list)
    contents: list[tuple[int, int]] = field(default_factory=list)
    score: float = 1.0
    extractor: str = "rules"
