"""Source types and resolution where the tagger misreads a name (sourcetrace/extract/sources.py)."""


def test_a_surname_the_tagger_reads_as_a_plural_noun_is_the_person_named_in_full():
    """"Hoskins denies harbour fraud": the headline's surname, tagged NOUN/NNS, is Dana Hoskins (sentences written for
    this test); a capitalised common noun opening a sentence is no one ("Alerts tell people ...")."""
    import sourcetrace

    a = sourcetrace.analyze("Hoskins denies harbour fraud\n\nFormer harbour board chief Dana Hoskins has denied claims "
                            "that she knew accountants were doctoring the books.\n")
    src = next(s.source for s in a.statements if s.source and s.source.text == "Hoskins")
    assert (src.type, src.resolved) == ("person", "Dana Hoskins")
    a = sourcetrace.analyze("Alerts tell people how the threats affect them and what they can do, the agency said.\n")
    assert all(s.source.type not in ("person", "organisation") for s in a.statements
               if s.source and s.source.text == "Alerts")


def test_a_bodys_bracketed_acronym_names_it_later():
    """"The Harbour Pilots Federation (HPF) said …; the HPF added …": the acronym is the body named before it, and the
    name the first source resolves to stops before the bracket, whether the recogniser's entity runs into the bracket,
    through it, or stops before it (sentences written for this test)."""
    import sourcetrace

    for text in ("The Harbour Pilots Federation (HPF) said pay talks had stalled. The HPF added that a strike was "
                 "possible.\n",
                 "At the same time, the British Bankers' Association (BBA) said card borrowing was \"weaker\". "
                 "Overall, the BBA said loans rose by £2bn in March.\n",
                 "The International Labour Organisation (ILO) said youth unemployment had risen. The ILO also said "
                 "wages were flat.\n",
                 "The International Grain Council (IGC) said harvests had recovered. The IGC said prices would "
                 "fall.\n"):
        a = sourcetrace.analyze(text)
        srcs = [s.source for s in a.statements if s.source]
        assert len(srcs) == 2, [s.text for s in srcs]
        first, second = srcs
        assert "(" not in first.resolved and first.resolved.endswith(("Federation", "Association", "Organisation", "Council"))
        assert second.resolved == first.resolved and second.type == first.type
    # letters that are not the name's initials make no alias
    a = sourcetrace.analyze("The Harbour Pilots Federation (UK) said pay talks had stalled. The UK said nothing.\n")
    assert all(s.source.resolved != "The Harbour Pilots Federation" for s in a.statements
               if s.source and s.source.text == "The UK")


def test_a_source_stops_before_a_bracket_it_does_not_close():
    from sourcetrace.extract.statements import _before_open_bracket

    t = "One member of the Bank's Monetary Policy Committee (MPC said"
    assert t[:_before_open_bracket(t, 0, len(t) - 5)] == "One member of the Bank's Monetary Policy Committee"
    t = "Sen. Ada Moss (D-Vt.) said"
    assert _before_open_bracket(t, 0, len(t) - 5) == len(t) - 5  # a closed bracket stays


def test_a_full_name_the_recogniser_missed_makes_its_surname_a_person():
    """"… would consider signing Adrian Mutu", the pair untagged by the small model and "Adrian" read as a nationality,
    then "Mutu" tagged ORG throughout: he is a person, named in full, and the "He" after his own statement is him, not
    the manager named first (sentences written for this test around a footballer's name, which the model misreads so;
    an invented name is tagged differently)."""
    import sourcetrace

    a = sourcetrace.analyze(
        "Wenger offers Mutu hope\n\nArsenal boss Arsene Wenger would consider signing Adrian Mutu once the striker "
        "has served his ban.\n\nBut Mutu has hit out at the club's decision, saying: \"They have destroyed me.\" He "
        "told a Sunday paper: \"I don't know what I'm going to do.\"\n")
    srcs = {s.cue.text: s.source for s in a.statements if s.source}
    assert srcs["saying:"].type == "person" and srcs["saying:"].resolved == "Adrian Mutu"
    assert srcs["told"].resolved == "Adrian Mutu"


def test_a_hyphenated_surname_alone_is_the_person_named_in_full():
    """"Philippe Saint-Andre … Saint-Andre believes … he argues": the hyphenated surname had made a second person,
    and the "he" after it had gone to a team (sentences written for this test around a real coach's name)."""
    import sourcetrace

    a = sourcetrace.analyze(
        "Sale Sharks director of rugby Philippe Saint-Andre has reopened the club-versus-country debate.\n\n"
        "Saint-Andre believes England's national team will suffer as clubs sign foreigners. \"That is not good for "
        "English rugby,\" he argues.\n")
    srcs = {s.cue.text: s.source for s in a.statements if s.source}
    assert srcs["believes"].resolved == "Philippe Saint-Andre"
    assert srcs["argues"].resolved == "Philippe Saint-Andre"
    # the name's words: a hyphen written without spaces joins its parts into one surname (it had made "Saint" a
    # first name, so that a lone "Saint-Andre" tagged PERSON became a second person)
    from sourcetrace.extract.sources import _Context
    from sourcetrace.nlp import get_nlp

    doc = get_nlp()("Coach Philippe Saint-Andre and Ellie Vance - the captain - spoke.")
    ctx = _Context(doc)
    assert ctx._name_tokens(list(doc[1:5])) == ["Philippe", "Saint-Andre"]
    assert ctx._name_tokens(list(doc[6:10])) == ["Ellie", "Vance"]  # a spaced dash joins nothing


def test_an_office_with_its_field_before_a_name_is_that_person():
    """"Gloucester director of rugby Ned Calloway said": the parser hangs the name on "of"; the source is the named
    person, not an anonymous director; "the wife of" a named man stays a description (sentences written for this
    test)."""
    import sourcetrace

    a = sourcetrace.analyze("Gloucester director of rugby Ned Calloway told reporters the club would appeal.\n")
    src = next(s.source for s in a.statements if s.source)
    assert (src.type, src.resolved) == ("person", "Ned Calloway")
    a = sourcetrace.analyze("The wife of Tony Blair said she was delighted.\n")
    src = next(s.source for s in a.statements if s.source)
    assert src.type == "anonymous" and src.anonymity.role == "wife"


def test_he_reporting_words_about_a_named_man_is_the_last_speaker_not_that_man():
    """"Mr Harland has failed to fix these problems, he claimed": the man the speaker's own words name is not the
    speaker: the last speaker is, and so for a later "he said" when the one man named within reach is named only in
    what the last speaker said (sentences written for this test)."""
    import sourcetrace

    text = ("Opposition leader Michael Dunmore has said Prime Minister Peter Harland had his chance and failed.\n\n"
            "The prime minister's record was \"a disgrace\", Mr Dunmore said. He went on to praise the volunteers who "
            "cleared the flood damage. He pledged to \"turn these hopes into reality\". \"Who will give taxpayers "
            "value for money? Who can be trusted?\"\n\n"
            "Mr Harland has failed to fix these problems, he claimed, saying he has the \"wrong answers\".\n\n"
            "\"The result is bigger government and higher taxes,\" he said.\n")
    a = sourcetrace.analyze(text)
    srcs = {s.cue.text: s.source for s in a.statements if s.source}
    assert srcs["claimed"].resolved == "Michael Dunmore"
    assert srcs["saying"].resolved == "Michael Dunmore"  # the same "he"
    assert next(s.source.resolved for s in a.statements if s.cue.text == "said" and "bigger government" in s.content[0].text) \
        == "Michael Dunmore"  # the one man named within reach is named only in what Dunmore said
    # a report inside what the last speaker said keeps its own "he": the man it names
    a = sourcetrace.analyze(
        "Crown Prince Faisal told ministries to hire more women. But progress has been slow, officials say.\n\n"
        "Earlier this week, the local Arab News said Labour Minister Omar Haddad had caused uproar when he said his "
        "ministry could not find segregated offices.\n")
    st = next(s for s in a.statements if s.source and s.source.text == "he")
    assert st.source.resolved == "Omar Haddad"
