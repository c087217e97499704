"""Statement assembly's repairs of the trained model's misreadings (extract/statements.py).

The model's output is replaced here by crafted attributions (the misreadings the stacked CRF produced
on the shared sample, re-told in the project's own sentences), so each test fails if its repair goes.
"""

import pytest

from sourcetrace.extract import statements as S
from sourcetrace.extract.raw import RawAttribution


def _span(text, part, after=0):
    i = text.index(part, after)
    return (i, i + len(part))


@pytest.fixture()
def assemble(nlp, monkeypatch):
    """model_attributions over ``text`` with the model's output replaced by ``atts(text)``."""

    def _run(text, atts):
        from sourcetrace.extract import attribution_model

        monkeypatch.setattr(attribution_model, "predict_attributions", lambda doc: atts(text))
        doc = nlp.make_doc(text)
        for _, proc in nlp.pipeline:
            if _ in ("sourcetrace_statements",):
                break
            doc = proc(doc)
        return S.model_attributions(doc)

    return _run


def _read(text, out):
    return [(text[a.cue[0]:a.cue[1]], [text[s:e] for s, e in a.sources], [text[s:e] for s, e in a.contents])
            for a in out if a.cue]


def test_a_split_report_is_joined_into_the_first_cues_content(assemble):
    text = ("While little is known about the talks, a senior union negotiator in the northern district "
            "revealed the workers were promised higher wages and extra leave in order to end the strike.")
    src = _span(text, "a senior union negotiator in the northern district")

    def atts(t):
        return [
            RawAttribution(_span(t, "revealed"), [src], [_span(t, "higher wages and extra leave in order to end the strike")], extractor="model"),
            RawAttribution(_span(t, "were promised"), [src], [_span(t, "the workers")], extractor="model"),
        ]

    got = [r for r in _read(text, assemble(text, atts)) if r[1]]
    assert got == [("revealed", ["a senior union negotiator in the northern district"],
                    ["the workers were promised higher wages and extra leave in order to end the strike"])]


def test_reports_with_their_own_sources_are_not_joined(assemble):
    text = "The mayor revealed that the contractor had said the bridge was safe."

    def atts(t):
        return [
            RawAttribution(_span(t, "revealed"), [_span(t, "The mayor")], [_span(t, "that the contractor had said the bridge was safe")], extractor="model"),
            RawAttribution(_span(t, "had said"), [_span(t, "the contractor")], [_span(t, "the bridge was safe")], extractor="model"),
        ]

    got = _read(text, assemble(text, atts))
    assert ("had said", ["the contractor"], ["the bridge was safe"]) in got


def test_a_lone_determiner_is_not_a_source(assemble):
    text = ("The two ferry firms seemingly have found common ground; that is, a shared desire to keep "
            "the port open through the winter.")

    def atts(t):
        return [RawAttribution(_span(t, "shared desire"), [_span(t, "a ", t.index("that is"))],
                               [_span(t, "to keep the port open through the winter")], extractor="model")]

    assert not [r for r in _read(text, assemble(text, atts)) if r[0] == "shared desire"]


def test_a_noun_phrase_source_is_kept(assemble):
    text = "Council officials said the port would stay open through the winter."

    def atts(t):
        return [RawAttribution(_span(t, "said"), [_span(t, "Council officials")],
                               [_span(t, "the port would stay open through the winter")], extractor="model")]

    assert _read(text, assemble(text, atts)) == [("said", ["Council officials"], ["the port would stay open through the winter"])]


def test_the_subject_of_a_verbless_headline_is_not_a_source(assemble, nlp):
    text = "As the union gains in strength, renewed focus on the council’s role in funding the harbour company"
    source = "the union"
    doc = nlp(text)
    root = doc.char_span(*_span(text, source), alignment_mode="expand").root
    if not (root.dep_ == "nsubj" and root.head.pos_ == "NOUN"):
        pytest.skip(f"the parser reads this headline another way ({root.text}: {root.dep_} of {root.head.text})")

    def atts(t):
        return [RawAttribution(_span(t, "renewed focus on"), [_span(t, source)],
                               [_span(t, "the council’s role in funding the harbour company")], extractor="model")]

    assert _read(text, assemble(text, atts)) == []


def test_a_quoted_passive_left_sourceless_takes_the_rules_reading(assemble):
    text = ("“We had no choice but to close the plant,” a senior company official was quoted as saying "
            "after the announcement.")

    def atts(t):
        return [RawAttribution(_span(t, "was quoted"), [],
                               [_span(t, "“We had no choice but to close the plant,”"),
                                _span(t, "a senior company official"),
                                _span(t, "as saying after the announcement")], extractor="model")]

    got = _read(text, assemble(text, atts))
    assert len(got) == 1
    cue, srcs, cons = got[0]
    assert srcs == ["a senior company official"]
    assert "quoted" in cue
    assert cons and "We had no choice but to close the plant" in cons[0]


@pytest.mark.parametrize("text, source, cue", [
    ("While the ministry continues to deny funding the militia, Western and regional diplomats are increasingly "
     "worried that such links could further destabilise the border.", "Western and regional diplomats", "worried"),
    ("While the company continues to deny polluting the river, local and national regulators are increasingly "
     "concerned that the spills could poison the town’s water.", "local and national regulators", "concerned"),
])
def test_a_subject_the_parser_hung_on_the_fronted_clause_is_the_source(nlp, text, source, cue):
    """The parser reads the subject as the object of the fronted clause's verb, leaving the cue without one."""
    import sourcetrace

    a = sourcetrace.analyze(text, nlp=nlp)
    [st] = [s for s in a.statements if cue in s.cue.text]
    assert st.source is not None and st.source.text == source
    assert st.content[0].text.startswith("that ")


def test_no_orphan_subject_after_an_infinitive_or_without_a_fronted_clause(assemble):
    text = "The council set up a panel of local doctors to query the emotional impact of the closures."

    def atts(t):
        return [RawAttribution(_span(t, "to query"), [], [_span(t, "the emotional impact of the closures")], extractor="model")]

    assert [r for r in _read(text, assemble(text, atts)) if r[1]] == []


def test_a_sourceless_passive_keeps_its_preposition_in_the_cue(assemble, monkeypatch):
    """PolNeAR: "[the mayor] was accused of [diverting funds]": the preposition belongs to the cue. The rules'
    own reading is switched off here so that the model's passive is the one kept."""
    monkeypatch.setattr(S, "extract_rule_attributions", lambda doc: [])
    text = "The harbour master was criticised for closing the port during the storm."

    def atts(t):
        return [RawAttribution(_span(t, "was criticised"), [],
                               [_span(t, "The harbour master"), _span(t, "for closing the port during the storm")],
                               extractor="model")]

    assert _read(text, assemble(text, atts)) == [
        ("was criticised for", [], ["The harbour master", "closing the port during the storm"])]


def test_according_to_around_a_report_gives_the_outer_and_one_nested_inner(nlp):
    import sourcetrace

    text = ("According to a court filing seen by the newspaper, the company’s chief executive said the losses had "
            "been hidden for two years.")
    sts = sourcetrace.analyze(text, nlp=nlp).statements
    [outer] = [s for s in sts if s.cue.text == "According to"]
    assert outer.source.text == "a court filing seen by the newspaper"
    assert outer.content[0].text.startswith("the company’s chief executive said")
    [inner] = [s for s in sts if s.cue.text == "said"]  # once, not once from the model and again from the rules
    assert inner.nested_in == outer.id
    assert inner.source.text == "the company’s chief executive"


def test_transcript_turns_in_quote_marks_are_the_speakers_statements(nlp):
    import sourcetrace

    text = ("The interview was broadcast on Sunday.\n\n"
            "\"HOST: Governor, will you sign the bill?\n\n"
            "\"GOVERNOR: Well, look, the council says the money is there. I will sign it next week.\n")
    sts = sourcetrace.analyze(text, nlp=nlp).statements
    turns = {s.source.text: s for s in sts if s.cue and s.cue.text == ":"}
    assert set(turns) == {"HOST", "GOVERNOR"}
    gov = turns["GOVERNOR"]
    assert gov.content[0].text.startswith("Well, look, the council says")
    # what the governor reports the council said is nested in the turn
    inner = [s for s in sts if s.cue and s.cue.text == "says"]
    assert all(s.nested_in == gov.id for s in inner)


def test_a_misread_relative_clause_is_not_a_statement(assemble):
    text = ("The cargo, which contained rifles and night-vision sights, was found on Tuesday during a routine check, "
            "according to a police statement.")

    def atts(t):
        return [RawAttribution(_span(t, "contained"), [_span(t, "which")],
                               [_span(t, "The cargo"), _span(t, "rifles and night-vision sights, was found on Tuesday during a routine check")],
                               extractor="model")]

    assert not [r for r in _read(text, assemble(text, atts)) if r[0] == "contained"]


def test_a_relative_pronoun_source_after_its_antecedent_is_kept(assemble):
    text = "The report, which was published on Monday, found that the river had been polluted for years."

    def atts(t):
        return [RawAttribution(_span(t, "found"), [_span(t, "The report, which was published on Monday")],
                               [_span(t, "that the river had been polluted for years")], extractor="model")]

    assert [r[0] for r in _read(text, assemble(text, atts))] == ["found"]


def test_a_dateline_is_not_part_of_the_source():
    import sourcetrace

    text = ("PORTVALE -- Mayor Ines Carvalho said on Saturday that the new ferry terminal would carry "
            "a million passengers a year.\n\n"
            "LISBON, Portugal (AP) — Harbour officials said the terminal had cost 40 million euros.\n")
    sources = [s.source.text for s in sourcetrace.analyze(text).statements if s.source]
    assert "Mayor Ines Carvalho" in sources
    assert "Harbour officials" in sources
    assert not [x for x in sources if "PORTVALE" in x or "LISBON" in x]


def test_a_dateline_source_with_no_noun_phrase_after_it_is_dropped_without_error(assemble):
    # the tagger gave the dateline alone as the source and nothing but the cue follows it: the dateline repair
    # leaves the statement without a source, and the repairs after it must take that in their stride
    text = "KABUL, Afghanistan (AP) — said to be the worst flooding in a decade, the rains closed two roads.\n"

    def atts(t):
        return [RawAttribution(_span(t, "said"), [_span(t, "KABUL, Afghanistan (AP)")],
                               [_span(t, "to be the worst flooding in a decade")], extractor="model")]

    out = _read(text, assemble(text, atts))
    assert not [r for r in out if any("KABUL" in s for s in r[1])]


def test_a_judged_relative_clause_whose_source_became_content_is_read_without_error(assemble):
    # a relative clause's agentless passive of judging, with its relative pronoun read as the source: the
    # judged-subject repair moves it into the content, and the relative-pronoun repair after it must take a
    # statement with no source in its stride (an IndexError on one of the BBC articles)
    text = "The new toll, which has been criticised for hitting small hauliers, takes effect in April.\n"

    def atts(t):
        return [RawAttribution(_span(t, "criticised"), [_span(t, "which")],
                               [_span(t, "for hitting small hauliers")], extractor="model")]

    out = _read(text, assemble(text, atts))
    assert not [r for r in out if r[0] == "criticised" and "which" in r[1]]


def test_a_fronted_prepositional_phrase_is_not_part_of_the_source():
    import sourcetrace

    # the parser hangs "In a monthly report" on the subject, and the model read it into the source
    text = ("In a monthly report anti-virus firm Sophos said that two fake e-mails had entered its hoax list.\n\n"
            "According to a spokesman for the firm, the e-mails came from Romania.\n")
    sources = [s.source.text for s in sourcetrace.analyze(text).statements if s.source]
    assert "anti-virus firm Sophos" in sources
    assert "a spokesman for the firm" in sources
    assert not [x for x in sources if "report" in x]


def test_the_one_judged_in_an_agentless_passive_is_content_not_source():
    import sourcetrace

    # PolNeAR: "X has been criticised for Y" with no "by ...": sourceless, X is part of what is said
    text = "The agencies are powerful, but they have often been criticized for being slow to move during crises.\n"
    sts = [s for s in sourcetrace.analyze(text).statements if s.cue and "criticized" in s.cue.text]
    assert len(sts) == 1
    assert sts[0].source is None
    assert sts[0].cue.text.endswith("criticized for")
    assert [c.text for c in sts[0].content] == ["they", "being slow to move during crises"]


def test_an_inverted_reports_appositive_belongs_to_the_source(assemble):
    # the model read the appositive after an inverted "said X" as more content (PolNeAR: it is part of the source)
    text = ('"We will reopen the pier by the spring," said Dana Ortiz, a harbour commissioner who chairs '
            'the campaign Save Our Pier.')

    def atts(t):
        return [RawAttribution(_span(t, "said"), [_span(t, "Dana Ortiz,")],
                               [_span(t, "We will reopen the pier by the spring"),
                                _span(t, "a harbour commissioner who chairs the campaign Save Our Pier")],
                               extractor="model")]

    out = _read(text, assemble(text, atts))
    assert out == [("said", ["Dana Ortiz, a harbour commissioner who chairs the campaign Save Our Pier"],
                    ["We will reopen the pier by the spring"])]


@pytest.mark.parametrize("text, cue, source, content", [
    # coordinated: the model found the cue and content of the second verb but no source
    ('The watchdog obtained a copy of the contract and said it "favoured one bidder" over the others.',
     "said", "The watchdog", 'it "favoured one bidder" over the others'),
    # a participle of saying hanging from its clause's verb
    ("The unions went to court in March, arguing that the new rota broke their contract.",
     "arguing", "The unions", "that the new rota broke their contract"),
    # up a chain: "began by saying", "began" coordinated with "visited"
    ("The mayor visited the harbour on Tuesday and began by saying the pier would reopen in May.",
     "saying", "The mayor", "the pier would reopen in May"),
])
def test_a_subjectless_verb_of_saying_shares_the_subject_of_its_governing_verb(assemble, text, cue, source, content):
    def atts(t):
        return [RawAttribution(_span(t, cue), [], [_span(t, content)], extractor="model")]

    assert _read(text, assemble(text, atts)) == [(cue, [source], [content])]


def test_a_quantifier_standing_alone_is_a_source(assemble):
    text = "While many residents welcomed the plan, many said on Monday that the new tolls were too high."

    def atts(t):
        return [RawAttribution(_span(t, "said"), [_span(t, "many", 30)], [_span(t, "that the new tolls were too high")],
                               extractor="model")]

    assert _read(text, assemble(text, atts)) == [("said", ["many"], ["that the new tolls were too high"])]


def test_a_name_with_its_age_before_a_subjectless_cue_is_the_source(nlp):
    # "As part of his plea, Marcel Lazar, 44, said that ...": the parser hung the name on the fronted
    # phrase ("plea" <- appos "Lazar"), so "said" has no subject and the model found no source; the
    # Doc is built with that parse, which the small model gives on some such sentences (PolNeAR train)
    from spacy.tokens import Doc

    words = ["As", "part", "of", "the", "deal", ",", "Laura", "Vidal", ",", "52", ",", "said", "that", "she",
             "paid", "."]
    heads = [11, 0, 1, 4, 2, 4, 7, 4, 7, 7, 7, 11, 14, 14, 11, 11]
    deps = ["prep", "pobj", "prep", "det", "pobj", "punct", "compound", "appos", "punct", "appos", "punct", "ROOT",
            "mark", "nsubj", "ccomp", "punct"]
    tags = ["IN", "NN", "IN", "DT", "NN", ",", "NNP", "NNP", ",", "CD", ",", "VBD", "IN", "PRP", "VBD", "."]
    pos = ["ADP", "NOUN", "ADP", "DET", "NOUN", "PUNCT", "PROPN", "PROPN", "PUNCT", "NUM", "PUNCT", "VERB", "SCONJ",
           "PRON", "VERB", "PUNCT"]
    spaces = [True, True, True, True, False, True, True, False, True, False, True, True, True, True, False, False]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, tags=tags, pos=pos)
    text = doc.text
    a = RawAttribution(_span(text, "said"), [], [_span(text, "that she paid")], extractor="model")
    src = S._orphan_subject(doc, a)
    assert src is not None and text[src[0]:src[1]] == "Laura Vidal, 52"
    # not where the name does not open after a comma: "the deal Laura Vidal, 52, said" is no such phrase
    doc2 = Doc(nlp.vocab, words=words[:5] + words[6:], spaces=spaces[:5] + spaces[6:],
               heads=[h - (h > 5) for k, h in enumerate(heads) if k != 5],
               deps=deps[:5] + deps[6:], tags=tags[:5] + tags[6:], pos=pos[:5] + pos[6:])
    b = RawAttribution(_span(doc2.text, "said"), [], [_span(doc2.text, "that she paid")], extractor="model")
    assert S._orphan_subject(doc2, b) is None


@pytest.mark.parametrize("text, cue, source, content, inside", [
    # "As X pointed out, “…”": the quotation after the clause is what X pointed out (not cut at the comma)
    ("But as the Ledger pointed out, “Still, the council has not published a single line of its budget.”",
     "pointed out", "the Ledger", "“Still, the council has not published a single line of its budget.”",
     "published a single line"),
    # a source between a quotation and its final cue stands whatever its tags (the parser reads "the editorial
    # read" as a noun phrase, "editorial" an adjective, "read" a noun)
    ("“If the council wants to be trusted, it should publish its budget in full,” the editorial read.",
     "read", "the editorial", "“If the council wants to be trusted, it should publish its budget in full,”", None),
])
def test_a_quoted_report_keeps_its_cue_and_source(assemble, text, cue, source, content, inside):
    def atts(t):
        return [RawAttribution(_span(t, cue), [_span(t, source)], [_span(t, content)], extractor="model")]

    out = _read(text, assemble(text, atts))
    assert [(c, s) for c, s, _ in out] == [(cue, [source])]
    if inside:
        assert inside in out[0][2][0]


def test_the_cues_subject_not_a_fronted_phrase_is_the_source(assemble):
    # the model took a fronted phrase (or a section header in capitals run into the sentence) as the source
    text = "In a video posted on Sunday, Ms Alvarez said she would not run for the harbour board again."

    def atts(t):
        return [RawAttribution(_span(t, "said"), [_span(t, "a video")], [_span(t, "she would not run for the harbour board again")],
                               extractor="model")]

    assert _read(text, assemble(text, atts)) == [("said", ["Ms Alvarez"], ["she would not run for the harbour board again"])]

    text = "THE HARBOUR Back when she ran the port, Ms Alvarez said that the dredging was long overdue."

    def atts2(t):
        return [RawAttribution(_span(t, "said"), [_span(t, "THE HARBOUR")], [_span(t, "that the dredging was long overdue")],
                               extractor="model")]

    assert _read(text, assemble(text, atts2)) == [("said", ["Ms Alvarez"], ["that the dredging was long overdue"])]


@pytest.mark.parametrize("text, cue, content, kept", [
    # a participial clause after a comma (PolNeAR train: left out 174 times, kept 25)
    ("Several councillors declined to comment, not wanting to anger the mayor before the election.",
     "declined", "to comment, not wanting to anger the mayor before the election", "to comment"),
    # a subordinate clause with its own subject
    ("The opposition leader attacked the housing bill as ministers gathered for the vote in Dunmore.",
     "attacked", "the housing bill as ministers gathered for the vote in Dunmore", "the housing bill"),
    # a time phrase hanging from the cue
    ("The fishermen's union welcomed the new quota system Tuesday.",
     "welcomed", "the new quota system Tuesday", "the new quota system"),
    # a relative clause after a comma closing the content (train: left out 208 times, kept 125)
    ("The mayor praised the new ferry contract, which runs until 2031.",
     "praised", "the new ferry contract, which runs until 2031", "the new ferry contract"),
    # not an argument of the cue: "describe X as covered" keeps its "as" clause (no subject of its own) ...
    ("The ministry's own guidelines describe foreign lobbying firms as covered under the registration law.",
     "describe", "foreign lobbying firms as covered under the registration law",
     "foreign lobbying firms as covered under the registration law"),
    # ... nor a quotation
    ("The mayor welcomed “a plan that finally works,” as councillors applauded.",
     "welcomed", "“a plan that finally works,” as councillors applauded", "“a plan that finally works,” as councillors applauded"),
])
def test_an_adjunct_of_the_cue_closing_the_content_is_left_out(assemble, text, cue, content, kept):
    def atts(t):
        return [RawAttribution(_span(t, cue), [(0, t.index(" " + cue))], [_span(t, content)], extractor="model")]

    out = _read(text, assemble(text, atts))
    assert [(c, k) for c, _, k in out] == [(cue, [kept])]


def test_a_report_inside_a_cut_adjunct_still_counts(assemble):
    text = "Republicans called the hearing because they felt the bureau was hiding the files."

    def atts(t):
        return [RawAttribution(_span(t, "called"), [_span(t, "Republicans")],
                               [_span(t, "the hearing because they felt the bureau was hiding the files")], extractor="model")]

    out = _read(text, assemble(text, atts))
    assert ("called", ["Republicans"], ["the hearing"]) in out
    assert ("felt", ["they"], ["the bureau was hiding the files"]) in out


# One model reading -> the repaired statement: (text, cue, source, the model's contents, the expected contents).
# Each repair case fails against the statements.py and rules.py of e5365db (before these repairs); the two guards
# ("quotation before the cue", "connective") hold on both and keep a repair from overreaching.
_ONE_READING = {
    # an unquoted sentence other than the cue's is no part of a content in the cue's sentence (PolNeAR train gold:
    # 1 before and 211 after in 19,831 attributions, against 64 and 2,106 quoted pieces)
    "sentence before the cue": (
        "The harbour board met on Monday. Councillor Brandt said the dredging would start in May.", "said",
        "Councillor Brandt", ["The harbour board met on Monday", "the dredging would start in May"],
        ["the dredging would start in May"]),
    "sentence after the cue's": (
        "Councillor Brandt said the dredging would start in May. The harbour board met on Monday.", "said",
        "Councillor Brandt", ["the dredging would start in May", "The harbour board met on Monday"],
        ["the dredging would start in May"]),
    "piece run in from the sentence before": (
        "The harbour board met on Monday. The dredging will start in May, Councillor Brandt said.", "said",
        "Councillor Brandt", ["The harbour board met on Monday. The dredging will start in May"],
        ["The dredging will start in May"]),
    # ... but a quotation before the cue stays: '“Q1.” X said, “Q2.”' is one statement
    "quotation before the cue": (
        "“We are ready.” Councillor Brandt said, “The dredging starts in May.”", "said", "Councillor Brandt",
        ["“We are ready.”", "“The dredging starts in May.”"], ["“We are ready.”", "“The dredging starts in May.”"]),
    # a fronted phrase of the content's own clause belongs to a content ahead of its cue
    "fronted phrase": (
        "In Dunmore, the ferry service will stop in March, port officials said.", "said", "port officials",
        ["the ferry service will stop in March"], ["In Dunmore, the ferry service will stop in March"]),
    # ... not a connective
    "connective": (
        "Yet, the ferry will keep running through the winter, port officials said.", "said", "port officials",
        ["the ferry will keep running through the winter"], ["the ferry will keep running through the winter"]),
    # the relative pronoun, not its antecedent, is the source (train: 475 to 42); the statement still names the
    # senator through the source's ``resolved`` (tests/test_sources.py)
    "relative pronoun": (
        "The plan was backed by Senator Ruiz, who said the port needed more money.", "said", "Senator Ruiz",
        ["the port needed more money"], ["the port needed more money"]),
    # the comma cut is for a fronted subordinate clause ("While X denies it, [officials …]"), not a list inside a
    # clause that follows its head
    "trailing subordinate clause": (
        "Dock workers cheered as the mayor urged the council to scrap the fee, cut the board's budget and hold a vote "
        "in June.", "urged", "the mayor", ["the council to scrap the fee, cut the board's budget and hold a vote in June"],
        ["the council to scrap the fee, cut the board's budget and hold a vote in June"]),
    # a relative clause after a comma closing the content goes, even where a quotation stands before it
    "relative clause after a quotation": (
        "The lawsuit contends that the losses were caused by the “reckless conduct” of the agency, which ran the port "
        "at the time.", "contends", "The lawsuit",
        ["that the losses were caused by the “reckless conduct” of the agency, which ran the port at the time"],
        ["that the losses were caused by the “reckless conduct” of the agency"]),
    # words inside a content that the tagger gave to a report nested in it are still part of it
    "hole left by a nested report": (
        "The union calls to end the rigged pension scheme that it says is run by the bank.", "calls", "The union",
        ["to end", "that it says is run by the bank"], ["to end the rigged pension scheme that it says is run by the bank"]),
    # the complementizer opens the content (PolNeAR train: 1,855 to 10)
    "complementizer": (
        "Councillor Brandt said that the dredging would start in May.", "said", "Councillor Brandt",
        ["the dredging would start in May"], ["that the dredging would start in May"]),
    # the cue's participle after a parenthetical report is not content
    "participle after a parenthetical": (
        "Sales were brisk all morning, the baker said, wiping flour off her hands.", "said", "the baker",
        ["Sales were brisk all morning"], ["Sales were brisk all morning"]),
}


@pytest.mark.parametrize("case", list(_ONE_READING))
def test_one_model_reading_repaired(assemble, case):
    text, cue, source, contents, expected = _ONE_READING[case]

    def atts(t):
        return [RawAttribution(_span(t, cue), [_span(t, source)], [_span(t, c) for c in contents], extractor="model")]

    sources = ["who"] if case == "relative pronoun" else [source]
    out = _read(text, assemble(text, atts))
    assert [r for r in out if r[0] == cue] == [(cue, sources, expected)]
    # anything else is a report the rules find inside the content ("it says [is run by the bank]")
    assert all(r[0] in expected[0] for r in out if r[0] != cue)


def test_a_clause_before_a_content_ahead_of_its_cue_is_not_taken_for_a_fronted_phrase(assemble):
    # "The board saw 30 bids, [which were split evenly], he said" keeps the model's reading
    text = "The board saw 30 bids, which were split evenly between the two yards, he said."

    def atts(t):
        return [RawAttribution(_span(t, "said"), [_span(t, "he")], [_span(t, "which were split evenly between the two yards")],
                               extractor="model")]

    assert all(not c[0].startswith("The board") for _, _, c in _read(text, assemble(text, atts)))


def test_words_before_a_content_taken_by_a_report_nested_in_it_open_it(assemble):
    # the tagger gave "a measure" to the nested "he believes" report; the outer content starts with it
    text = "Senator Ruiz will support a measure that he believes would lower harbour fees."

    def atts(t):
        return [RawAttribution(_span(t, "will support"), [_span(t, "Senator Ruiz")],
                               [_span(t, "that he believes would lower harbour fees")], extractor="model"),
                RawAttribution(_span(t, "believes"), [_span(t, "he")],
                               [_span(t, "a measure"), _span(t, "would lower harbour fees")], extractor="model")]

    out = _read(text, assemble(text, atts))
    assert [r for r in out if r[0] == "will support"] == [
        ("will support", ["Senator Ruiz"], ["a measure that he believes would lower harbour fees"])]


def test_a_newsroom_label_read_by_the_model_as_a_speaker_is_dropped(assemble):
    text = ("The ferry will stop in March, port officials said.\n"
            "Correction: An earlier version of this story gave the wrong month for the last crossing.\n"
            "Harbourmaster: The last crossing is on the 31st.")

    def atts(t):
        return [RawAttribution(_span(t, ":"), [_span(t, "Correction")],
                               [_span(t, "An earlier version of this story gave the wrong month for the last crossing")], extractor="model"),
                RawAttribution(_span(t, ":", t.index("Harbourmaster")), [_span(t, "Harbourmaster")],
                               [_span(t, "The last crossing is on the 31st")], extractor="model")]

    sources = [r[1] for r in _read(text, assemble(text, atts))]
    assert ["Correction"] not in sources
    assert ["Harbourmaster"] in sources


@pytest.mark.parametrize("text, aside", [
    # the parser reads "asked" as the mayor's own past-tense verb, hung from "said"
    ("The mayor, asked whether she would run for a third term, said she had not decided.", "asked"),
    ("The harbourmaster, asked about the delay, said the ferry would sail again in May.", "asked about"),
])
def test_a_participle_aside_gives_the_subject_back_to_its_verb_of_saying(assemble, text, aside):
    subject = text[:text.index(",") + 1]
    content = text[text.index(" said ") + 6:-1]

    def atts(t):
        return [RawAttribution(_span(t, aside), [_span(t, subject)], [(t.index(aside) + len(aside) + 1, t.index(", said"))],
                               extractor="model"),
                RawAttribution(_span(t, "said"), [], [_span(t, content)], extractor="model")]

    out = _read(text, assemble(text, atts))
    assert ("said", [subject], [content]) in out
    assert not any(r[0] == aside and r[1] for r in out)


def test_a_participle_aside_with_the_same_source_is_no_statement(assemble):
    text = "Judge Ana Ortiz, writing for the majority, said the ordinance was unconstitutional."

    def atts(t):
        src = [_span(t, "Judge Ana Ortiz")]
        return [RawAttribution(_span(t, "writing for"), src, [_span(t, "the majority")], extractor="model"),
                RawAttribution(_span(t, "said"), src, [_span(t, "the ordinance was unconstitutional")], extractor="model")]

    assert _read(text, assemble(text, atts)) == [("said", ["Judge Ana Ortiz"], ["the ordinance was unconstitutional"])]


@pytest.mark.parametrize("text, tagged, source", [
    ("One former aide, speaking on condition of anonymity, said the campaign was short of money.",
     "One former aide, speaking on condition of anonymity", "One former aide"),
    ("The spokesman, when asked about the fares, said they would not rise.", "The spokesman, when asked", "The spokesman"),
    ("Mr. Ortiz, 58, who lives outside Toledo, said he had never voted before.",
     "Mr. Ortiz, 58, who lives outside Toledo,", "Mr. Ortiz, 58, who lives outside Toledo"),
])
def test_a_source_ends_before_a_participle_aside_and_never_on_a_comma(nlp, text, tagged, source):
    doc = nlp(text)
    r = RawAttribution(_span(text, "said"), [_span(text, tagged)], [_span(text, text[text.index(" said ") + 6:-1])])
    s, e = S._tidy(doc, r).sources[0]
    assert text[s:e] == source


def test_a_source_run_on_over_a_relative_pronoun(assemble, nlp):
    text = "Officials at the port, who asked not to be named, said the tanker had been seized overnight."
    src = _span(text, "Officials at the port, who")

    def atts(t):
        return [RawAttribution(_span(t, "asked"), [src], [_span(t, "not to be named")], extractor="model"),
                RawAttribution(_span(t, "said"), [src], [_span(t, "the tanker had been seized overnight")], extractor="model")]

    doc = nlp(text)
    got = {text[a.cue[0]:a.cue[1]]: [text[s:e] for s, e in S._tidy(doc, a).sources] for a in assemble(text, atts)}
    # the relative clause's own verb takes the pronoun (PolNeAR's convention), the main verb the noun phrase
    assert got == {"asked": ["who"], "said": ["Officials at the port"]}


def test_what_a_speaker_was_asked_is_no_part_of_the_cue_or_content(assemble):
    text = "“We simply don’t know yet,” the fire chief said when asked about the cause of the blaze."

    def atts(t):
        return [RawAttribution(_span(t, "said when asked about"), [_span(t, "the fire chief")],
                               [_span(t, "We simply don’t know yet"), _span(t, "the cause of the blaze")], extractor="model")]

    out = _read(text, assemble(text, atts))
    assert ("said", ["the fire chief"], ["We simply don’t know yet"]) in out
    assert not any(r[1] and "the cause of the blaze" in " ".join(r[2]) for r in out)


def test_a_content_stopped_inside_its_own_phrase_runs_to_the_phrase_end(assemble):
    text = "Yet the evidence on the ground suggests the militia is, in fact, getting money from somewhere."

    def atts(t):
        return [RawAttribution(_span(t, "suggests"), [_span(t, "the evidence on the ground")],
                               [_span(t, "the militia is, in fact, getting")], extractor="model")]

    assert _read(text, assemble(text, atts)) == [
        ("suggests", ["the evidence on the ground"], ["the militia is, in fact, getting money from somewhere"])]


@pytest.mark.parametrize("tagged", ["the rebels,", "the rebels, Saudi and Emirati officials"])
def test_a_source_tagged_at_the_end_of_a_fronted_clause_gives_way_to_the_subject(assemble, tagged):
    text = ("While the ministry continues to deny arming the rebels, Saudi and Emirati officials are worried that "
            "the truce could fail.")

    def atts(t):
        return [RawAttribution(_span(t, "are worried"), [_span(t, tagged)],
                               [_span(t, "that the truce could fail")], extractor="model")]

    assert ("are worried", ["Saudi and Emirati officials"], ["that the truce could fail"]) in _read(text, assemble(text, atts))


@pytest.mark.parametrize("cut", ["the militia is, in fact, getting", "the militia is, in fact"])
def test_a_content_stopped_inside_its_own_phrase_runs_to_the_phrase_end(assemble, cut):
    # the tagger stopped the content after the clause's verb, or after an aside set off by commas before it
    text = "Yet the evidence from the valley suggests the militia is, in fact, getting weapons from abroad.\n"

    def atts(t):
        return [RawAttribution(_span(t, "suggests"), [_span(t, "the evidence from the valley")], [_span(t, cut)],
                               extractor="model")]

    assert _read(text, assemble(text, atts)) == [
        ("suggests", ["the evidence from the valley"], ["the militia is, in fact, getting weapons from abroad"])]


def test_a_content_that_ends_before_a_comma_of_its_own_is_not_run_on(assemble):
    # the same shape where the comma closes no aside inside the content: the participle after it stays out (this
    # fails if every content ending before a comma were run on: checked by disabling the aside test)
    text = "The ministry said the roads were closed, blocking supplies to the valley.\n"

    def atts(t):
        return [RawAttribution(_span(t, "said"), [_span(t, "The ministry")], [_span(t, "the roads were closed")],
                               extractor="model")]

    assert _read(text, assemble(text, atts)) == [("said", ["The ministry"], ["the roads were closed"])]


def test_a_sentence_ending_in_millions_ends_there():
    """"… £40m. Turnover rose …": spaCy keeps "m." as an abbreviation, which had joined the two sentences and run a
    statement's content into the next one (sentences written for this test)."""
    import sourcetrace
    from sourcetrace.nlp import get_nlp

    nlp = get_nlp()
    doc = nlp("The ferry firm expects savings of more than £40m. Turnover rose 3% to £1.2bn. It cost 5m euros.")
    assert [s.text for s in doc.sents] == ["The ferry firm expects savings of more than £40m.",
                                           "Turnover rose 3% to £1.2bn.", "It cost 5m euros."]
    a = sourcetrace.analyze("Analyst Jo Reyes says the surcharge will still fall short of fuel costs of an extra £40m. "
                            "Turnover for the quarter was up 4% to £1.2bn, helped by cargo.")
    st = next(s for s in a.statements if s.cue.text == "says")
    assert st.content[-1].text.endswith("£40m")
    assert [(f.value, f.unit) for f in a.figures][:1] == [(40_000_000.0, "GBP")]
