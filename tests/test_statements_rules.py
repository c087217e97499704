"""Statements on the project's own example article (expected values read off the article by a person)."""

import pytest

from conftest import EXAMPLE


def _by_cue(analysis, cue_text, source_part=None):
    hits = [s for s in analysis.statements if s.cue and s.cue.text == cue_text and (source_part is None or (s.source and source_part in s.source.text))]
    assert hits, f"no statement with cue {cue_text!r} / source {source_part!r}"
    return hits[0]


def test_inverted_direct_quote_with_titled_source(example_analysis):
    s = _by_cue(example_analysis, "said", "Rahimi")
    assert s.kind == "direct"
    assert s.source.text.startswith("Brig. Gen. Farid Rahimi")
    assert s.content[0].text.startswith("These parts did not arrive here by accident.")
    assert s.content[0].text.endswith("against our soldiers")


def test_pronoun_source_and_quote_continued_after_attribution(example_analysis):
    s = next(s for s in example_analysis.statements if s.source and s.source.text == "he" and s.cue.text == "said")
    assert s.source.text == "he"
    assert [c.text for c in s.content] == ["It is a well-worn route", "Nobody checks the fruit"]
    sadiq = next(s for s in example_analysis.statements if s.source and s.source.text == "Sadiq")
    assert len(sadiq.content) == 2 and sadiq.content[1].text.startswith("and it may not end")


def test_according_to_document_source(example_analysis):
    s = _by_cue(example_analysis, "According to")
    assert s.source.text == "United Nations figures"
    assert "rose by 18 percent in 2023" in s.content[0].text


def test_anonymous_indirect(example_analysis):
    s = _by_cue(example_analysis, "said", "senior intelligence officer")
    assert s.kind == "indirect"
    assert s.content[0].text.startswith("the components appeared to have crossed the border")


def test_nothing_from_the_appeal(example_analysis):
    text = EXAMPLE.read_text()
    start = text.index("Support independent journalism")
    end = text.index("in your inbox.") + len("in your inbox.")
    assert any(b.start <= start and end <= b.end for b in example_analysis.boilerplate)
    for s in example_analysis.statements:
        for span in [s.cue, s.source, *s.content]:
            if span is not None:
                assert not (start <= span.start < end), s


def test_unclosed_quote_mark_not_part_of_content(nlp):
    import sourcetrace

    text = 'The mayor said: "We will rebuild the bridge by spring.\nThe council met on Monday.'
    a = sourcetrace.analyze(text, nlp=nlp)
    quoted = [c for s in a.statements for c in s.content if "rebuild the bridge" in c.text]
    assert quoted, a.statements
    assert all(not c.text.startswith('"') for c in quoted)


@pytest.mark.parametrize("headline, source, content", [
    ("Poll: Voters Split on Harbour Plan", "Poll", "Voters Split on Harbour Plan"),
    ("Lynch: Be the Voice People Hear", "Lynch", "Be the Voice People Hear"),
    ("Sanders: Council Needs to Get Away From Personality Politics", "Sanders",
     "Council Needs to Get Away From Personality Politics"),
])
def test_a_headline_name_and_colon_is_a_statement(headline, source, content):
    import sourcetrace

    text = headline + "\n\nThe minister spoke at a school on Monday.\n"
    [st] = [s for s in sourcetrace.analyze(text).statements if s.cue and s.cue.text == ":"]
    assert st.source.text == source
    assert [c.text for c in st.content] == [content]


def test_a_capitalised_phrase_and_colon_inside_the_text_is_not_a_speaker():
    import sourcetrace

    text = ("The council met on Monday.\n\nBudget Talks: the council will meet again next week to settle "
            "the harbour budget.\n")
    assert not [s for s in sourcetrace.analyze(text).statements if s.cue and s.cue.text == ":"]


def test_a_quotation_closed_by_a_dash_and_a_name_is_that_persons_statement():
    import sourcetrace

    text = ("Residents spoke after the meeting.\n\n“The council never listens to us. We want the ferry back.” ― Ana Ruiz\n\n"
            "“Prices are rising every month.” — Tomás de la Vega.\n\n"
            "“It is too late for that,” said the mayor.\n")
    sts = {s.source.text: s for s in sourcetrace.analyze(text).statements if s.source}
    assert sts["Ana Ruiz"].cue.text == "―"
    assert [c.text for c in sts["Ana Ruiz"].content] == ["The council never listens to us. We want the ferry back"]
    assert sts["Tomás de la Vega"].cue.text == "—"
    assert sts["the mayor"].cue.text == "said"


def test_dash_attributions_with_no_break_spaces_are_found():
    import sourcetrace

    # web copy: a no-break space (U+00A0) on either side of the dash or after the name, or no space at all
    text = ("“The buses stopped coming in March.”\u00a0― Lena Okafor\u00a0\n\n"
            "“Nobody asked the fishermen.” ―\u00a0Pavel Antonov.\n\n"
            "“We will rebuild the pier ourselves.”― Maria Santos\n")
    sts = {s.source.text: s for s in sourcetrace.analyze(text).statements if s.source}
    assert set(sts) == {"Lena Okafor", "Pavel Antonov", "Maria Santos"}
    assert [c.text for c in sts["Pavel Antonov"].content] == ["Nobody asked the fishermen"]
    assert all(s.cue.text == "―" for s in sts.values())


def test_a_name_after_a_dash_in_the_paragraph_after_a_quotation_is_its_source():
    import sourcetrace

    # a list of quotations that lost its layout: the dash (a hyphen too, on a line of its own) and the
    # name open the next paragraph
    text = ("Quotable.\n\n\"The whole idea of a tax on bread is something we hear about all the time, "
            "and it needs to stop.\"\n\n-Marta Gomez\n\n\"Great speech. She is ready.\"\n\n- Governor Alan Reyes\n\n"
            "The rally ended at noon. Prices rose 4 percent - the most in a decade.\n")
    sts = {s.source.text: s for s in sourcetrace.analyze(text).statements if s.source}
    assert set(sts) == {"Marta Gomez", "Governor Alan Reyes"}
    assert [c.text for c in sts["Governor Alan Reyes"].content] == ["Great speech. She is ready"]
    assert all(s.cue.text == "-" for s in sts.values())


def test_a_correction_notice_is_not_a_speaker():
    import sourcetrace

    text = ("The harbour board approved the budget on Monday.\n\n"
            "CORRECTION: An earlier version of this article misstated the year the pier was built.\n\n"
            "MAYOR: We will reopen the pier in June.\n")
    sts = [s for s in sourcetrace.analyze(text).statements if s.cue and s.cue.text == ":"]
    assert [s.source.text for s in sts] == ["MAYOR"]


def test_a_running_story_label_is_not_a_speaker():
    import sourcetrace

    text = ("The Latest: Harbour workers vote to end the strike.\n\n"
            "PORTVALE (AP) — The Latest on the dock strike (all times local):\n\n"
            "The union said on Tuesday that its members had accepted the offer.\n")
    assert not [s for s in sourcetrace.analyze(text).statements if s.source and s.source.text == "The Latest"]


def test_a_dash_inside_a_sentence_is_not_a_quote_attribution():
    import sourcetrace

    text = "The ferry — the town’s only link to the mainland — stopped running in May, the mayor said.\n"
    assert not [s for s in sourcetrace.analyze(text).statements if s.cue and s.cue.text in "―—–"]


def test_two_apostrophes_are_quotation_marks():
    """Some archives print '' for both quotation marks: the statement is direct, its content the words inside."""
    import sourcetrace

    text = ("''There is no evidence this would change anything,'' Mr. Burman said. ''The real issue is "
            "governance.''\n")
    [st] = [s for s in sourcetrace.analyze(text).statements if s.cue.text == "said"]
    assert st.source.text == "Mr. Burman"
    assert st.kind == "direct"
    assert [c.text for c in st.content] == ["There is no evidence this would change anything", "The real issue is governance"]


def test_quotes_run_on_over_lost_paragraph_breaks():
    import sourcetrace
    from sourcetrace.extract.rules import find_quotes, straight_mark_role

    # wire copy with its paragraph breaks lost: each quoted paragraph reopens with a mark, only the last closes
    text = ('Port director Elena Marsh said the harbour would reopen on Monday. And Marsh said: "We worked through '
            'the night and cleared most of the debris. It was a hard week for everyone. "The fishermen were patient '
            'and we are grateful." Union leader Tom Byrne said: "We are relieved. "Our members lost a week of work '
            'and that cannot happen again."\n')
    i = text.index('"The fishermen')
    assert straight_mark_role(text, i) == "open"
    assert straight_mark_role(text, text.index('grateful."') + len("grateful.")) == "close"
    quoted = [text[q.start:q.end] for q in find_quotes(text)]
    assert quoted[0].endswith("a hard week for everyone.")
    assert quoted[1].startswith("The fishermen") and quoted[1].endswith("grateful.")
    sts = {s.source.text: s for s in sourcetrace.analyze(text).statements if s.source}
    assert "Union leader Tom Byrne" in sts
    assert "Byrne" not in " ".join(c.text for c in sts["Marsh"].content)
    assert "relieved" in " ".join(c.text for c in sts["Union leader Tom Byrne"].content)


def test_a_paragraph_after_a_verb_of_saying_and_a_colon_is_what_was_said():
    import sourcetrace

    # a block quote whose marks were lost with the page's layout; what the model reads inside it stays nested
    text = ("The mayor spoke to reporters after the vote.\n\n"
            "Ms Okafor added:\n\n"
            "We knew the ferry would cost more than planned. I think the council made the right choice anyway.\n\n"
            "What the council decided:\n\n"
            "The ferry will run twice a day from June.\n")
    sts = sourcetrace.analyze(text).statements
    added = [s for s in sts if s.cue and s.cue.text == "added:"]
    assert len(added) == 1 and added[0].source.text == "Ms Okafor"
    assert added[0].content[0].text.startswith("We knew the ferry")
    assert all(s.nested_in == added[0].id for s in sts if s.cue and s.cue.text == "think")
    # no verb of saying right before the colon: the next paragraph is nobody's statement
    assert not [s for s in sts if any(c.text.startswith("The ferry will run") for c in s.content)]


def test_according_to_at_the_end_takes_the_whole_sentence_before_it():
    import sourcetrace

    text = ("A few weeks before it went bankrupt, the ferry company, which is based in Portvale, moved its assets "
            "abroad, according to the union.\n")
    sts = [s for s in sourcetrace.analyze(text).statements if s.cue and s.cue.text.lower() == "according to"]
    assert len(sts) == 1
    assert sts[0].source.text == "the union"
    content = " ".join(c.text for c in sts[0].content)
    assert content.startswith("A few weeks before it went bankrupt") and content.endswith("moved its assets abroad")


def test_a_connective_before_a_content_ahead_of_its_cue_is_left_out():
    import sourcetrace

    text = ("The harbour board met on Monday. And more than half of the ferry budget went to consultants, "
            "according to the audit.\n\n\"And we will fight this,\" the union leader said.\n")
    sts = {s.cue.text.lower(): s for s in sourcetrace.analyze(text).statements if s.cue}
    assert sts["according to"].content[0].text.startswith("more than half")
    assert sts["said"].content[0].text.startswith("And we will fight this")  # inside the quotation it stays


def test_an_unquoted_report_between_commas_has_content_on_both_sides():
    import sourcetrace

    text = "Back in Portvale, Ms Okafor said, she decided to take the harbour board to court.\n"
    sts = [s for s in sourcetrace.analyze(text).statements if s.cue and s.cue.text == "said"]
    assert len(sts) == 1 and sts[0].source.text == "Ms Okafor"
    assert [c.text for c in sts[0].content] == ["Back in Portvale", "she decided to take the harbour board to court"]


@pytest.mark.parametrize("text, label", [
    ("Profile: Dana Whitlock\n\nDana Whitlock's rise through the ranks of the port authority continues with her "
     "promotion to chief executive.\n\nShe said the harbour would reopen in June.\n", "Profile"),
    ("Obituary: Tom Varley\n\nTom Varley, the ferry pioneer, has died aged 81.\n", "Obituary"),
    ("Kestle Rovers 21-14 Harbour Town\n\nForwards: A Pires, T Hale, J Mensah, S Kerr.\n\nBacks: R Lowe, D Okafor.\n",
     "Backs"),
])
def test_a_genre_or_line_up_label_before_a_colon_is_no_source(text, label):
    import sourcetrace

    a = sourcetrace.analyze(text)
    assert not [s for s in a.statements if s.source and s.source.text == label]


def test_a_name_before_a_colon_in_a_headline_still_speaks():
    import sourcetrace

    a = sourcetrace.analyze("Whitlock: harbour will reopen\n\nThe port authority chief said the harbour would reopen "
                            "in June.\n")
    assert any(s.source and s.source.text == "Whitlock" and s.cue.text == ":" for s in a.statements)
