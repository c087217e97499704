"""The trained attribution model on hard cases, in sentences written for these tests."""

from __future__ import annotations

import re

import pytest

from sourcetrace.extract import attribution_model as M
from sourcetrace.extract.raw import RawAttribution


@pytest.fixture(scope="module")
def nlp():
    from sourcetrace.nlp import load_base
    from sourcetrace.nlp import paragraphs  # noqa: F401

    n = load_base()
    n.add_pipe("sourcetrace_paragraphs", before="parser")
    n.add_pipe("sourcetrace_attribution_model")
    return n


def words(s: str) -> list[str]:
    return re.findall(r"\w+", s.lower())


def run(nlp, text):
    doc = nlp(text)
    atts = doc._.st_raw_attributions
    assert isinstance(atts, list)
    for a in atts:
        assert isinstance(a, RawAttribution) and a.extractor == "model"
        for s, e in [a.cue] + a.sources + a.contents:
            assert 0 <= s < e <= len(text)
        assert 0.0 <= a.score <= 1.0
    return atts


def one(nlp, text, cue_word):
    atts = [a for a in run(nlp, text) if cue_word in words(text[a.cue[0]:a.cue[1]])]
    assert len(atts) == 1, f"expected one attribution with cue {cue_word!r}, got {atts}"
    a = atts[0]
    src = words(" ".join(text[s:e] for s, e in a.sources))
    con = words(" ".join(text[s:e] for s, e in a.contents))
    return a, src, con


def test_indirect_speech(nlp):
    t = "The mayor said on Tuesday that the bridge would reopen in May."
    a, src, con = one(nlp, t, "said")
    assert src == ["the", "mayor"]
    assert con == words("that the bridge would reopen in May")


def test_discontinuous_direct_quote(nlp):
    t = '"We are not leaving," the union leader said. "This fight is just beginning."'
    a, src, con = one(nlp, t, "said")
    assert src == words("the union leader")
    assert con == words("We are not leaving This fight is just beginning")
    assert len(a.contents) == 2


def test_inverted_said_smith(nlp):
    t = '"The water is safe to drink," said Maria Lopez, a city engineer.'
    a, src, con = one(nlp, t, "said")
    assert src[:2] == ["maria", "lopez"]
    assert con == words("The water is safe to drink")


def test_multi_sentence_content_after_colon(nlp):
    t = 'Jones told reporters: "We waited ten years for this money. It never arrived. Now we want answers."'
    a, src, con = one(nlp, t, "told")
    assert src == ["jones"]
    assert con == words("We waited ten years for this money. It never arrived. Now we want answers.")


def test_multi_paragraph_quote(nlp):
    t = ('"The budget is a disgrace," Senator Alvarez said. "It cuts the clinics that poor families depend on.\n\n'
         '"We will fight it line by line."\n')
    a, src, con = one(nlp, t, "said")
    assert src == words("Senator Alvarez")
    assert "clinics" in con and "line" in con and "disgrace" in con


def test_passive_with_agent(nlp):
    t = "The plan was criticized by environmental groups as too weak."
    a, src, con = one(nlp, t, "criticized")
    assert src == words("environmental groups")
    assert "plan" in con and "weak" in con


def test_sourceless_evidential(nlp):
    t = "The new rules are expected to take effect next year."
    a, src, con = one(nlp, t, "expected")
    assert a.sources == []
    assert "rules" in con and "effect" in con


def test_denial_with_that_clause(nlp):
    t = "Officials denied that any payment had been made."
    a, src, con = one(nlp, t, "denied")
    assert src == ["officials"]
    assert con == words("that any payment had been made")


def test_according_to(nlp):
    t = "According to the health ministry, at least 40 people were injured in the blast on Friday."
    a, src, con = one(nlp, t, "according")
    assert words(t[a.cue[0]:a.cue[1]]) == ["according", "to"]
    assert src == words("the health ministry")
    # the core of the claim; the model may drop a trailing adjunct ("on Friday")
    assert con[:9] == words("at least 40 people were injured in the blast")


@pytest.mark.xfail(reason="known weakness: adverbial evidentials ('reportedly') are rarely found "
                   "(dev recall on sourceless attributions is about 14%)", strict=False)
def test_reportedly_hedge_is_a_sourceless_cue(nlp):
    t = "The company reportedly paid $2 million to settle the lawsuit last year."
    a, src, con = one(nlp, t, "reportedly")
    assert a.sources == []
    assert "company" in con or "paid" in con


def test_no_attribution_in_plain_narrative(nlp):
    t = "The bridge was built in 1932. It carries four lanes of traffic over the river."
    assert run(nlp, t) == []


def test_predict_function_and_empty_doc(nlp):
    doc = nlp("")
    assert M.predict_attributions(doc) == []


def test_model_metadata_records_command_and_data():
    m = M.get_model()
    meta = m.meta
    assert meta["command"].startswith("sourcetrace train attribution")
    assert meta["train_data"]["files"] > 0 and len(meta["train_data"]["file_list_sha1"]) == 40


def test_quote_state():
    from sourcetrace.nlp import load_base

    doc = load_base().make_doc('He said "no way" and left.')
    qs = M.quote_state(doc)
    toks = [t.text for t in doc]
    assert qs[toks.index("no")] == 1 and qs[toks.index("left")] == 0


def test_gold_labels_and_tiny_training_round_trip(nlp, tmp_path):
    import json

    from sourcetrace.eval.polnear import GoldAttribution
    from sourcetrace.train import attribution as T

    text = '"Taxes will rise," the minister said. Prices fell in May.'
    s_src, s_cue = text.index("the minister"), text.index("said")
    g = GoldAttribution(cue=[(s_cue, s_cue + 4)], sources=[(s_src, s_src + 12)], contents=[(0, 18)])
    assert text[0:18] == '"Taxes will rise,"'
    doc = nlp(text)
    lab = T.gold_labels(doc, [g])
    by_word = {t.text: lab[t.i] for t in doc}
    assert [lab[t.i] for t in doc[:5]] == ["B-CON", "I-CON", "I-CON", "I-CON", "I-CON"]
    assert by_word["the"] == "B-SRC" and by_word["minister"] == "I-SRC" and by_word["said"] == "B-CUE"
    assert by_word["Prices"] == "O"
    lex = T.learn_cue_lexicon([doc] * 3, [lab] * 3)
    assert lex == {"say": 1.0}
    cfg = M.FeatureConfig(cue_lex=lex, unit="paragraph")
    fz = M.Featurizer(cfg)
    T.train_crf(T.sequences(fz, [doc] * 3, [lab] * 3), tmp_path / "crf.bin", 0.0, 0.0, 10, 1, algorithm="ap")
    (tmp_path / "meta.json").write_text(json.dumps({"file": "crf.bin", "features": cfg.to_json()}))
    model = M.AttributionModel.load(tmp_path)
    (a,) = model.predict(doc)
    assert text[a.cue[0]:a.cue[1]] == "said"
    assert [text[s:e] for s, e in a.sources] == ["the minister"]
    assert [text[s:e] for s, e in a.contents] == ['"Taxes will rise,"']
