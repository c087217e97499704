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
