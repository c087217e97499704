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


def test_extra_feature_groups(nlp):
    text = 'The mayor said that "the bridge is safe" and that traffic would resume.\n\nCrews worked all night.'
    doc = nlp(text)
    lex = {"say": 0.9}
    plain = M.Featurizer(M.FeatureConfig(cue_lex=lex, unit="paragraph"))
    rich = M.Featurizer(M.FeatureConfig(cue_lex=lex, unit="paragraph", extra=["children", "qdist", "lbigram"]))
    seqs0, f0 = plain.doc_features(doc)
    seqs, f = rich.doc_features(doc)
    assert [[t.i for t in s] for s in seqs] == [[t.i for t in s] for s in seqs0]
    by_tok = {t.i: fs for s, fs in zip(seqs, f) for t, fs in zip(s, fs)}
    said = next(t for t in doc if t.text == "said")
    fs = set(by_tok[said.i])
    # the verb of saying: a nominal subject and a clausal complement, a quote inside its clause
    assert "ch=nsubj" in fs and "ch=ccomp" in fs and "lch=say" in fs and "subq" in fs
    assert any(x.startswith("chs=SC") for x in fs)
    assert "lb-=mayor|say" in fs and "lb+=say|that" in fs
    # quote distance and paragraph index
    bridge = next(t for t in doc if t.text == "bridge")
    assert "qp=+2" in by_tok[bridge.i] and "pi=0" in by_tok[bridge.i]
    crews = next(t for t in doc if t.text == "Crews")
    assert "pi=1" in by_tok[crews.i] and "qp=none" in by_tok[crews.i]
    # the plain features are a prefix-free subset: the extra groups only add
    for a, b in zip(f0, f):
        for x, y in zip(a, b):
            assert set(x) <= set(y)


def test_stack_features_read_first_pass_labels(nlp):
    text = "Officials said the plan would fail."
    doc = nlp(text)
    fz = M.Featurizer(M.FeatureConfig(cue_lex={"say": 0.9}, unit="paragraph"))
    seqs, feats = fz.doc_features(doc)
    y1 = [["B-SRC", "B-CUE", "B-CON", "I-CON", "I-CON", "I-CON", "O"]]
    assert [t.text for t in seqs[0]] == ["Officials", "said", "the", "plan", "would", "fail", "."]
    f2 = M.stack_features(doc, seqs, feats, y1)
    said, officials, fail = (set(f2[0][k]) for k in (1, 0, 5))
    assert "y=B-CUE" in said and "y-1=B-SRC" in said and "y+1=B-CON" in said
    assert "yk=SRC|nsubj" in said and "yk=CON|ccomp" in said  # its subject and complement
    assert "yca=nsubj|1" in officials  # hangs from the first-pass cue as its subject
    assert "yca=ccomp|1" in fail
    assert "ycd=+1" in officials and "ycd=-3-5" in fail  # cue 4 tokens back
    assert set(feats[0][1]) <= said


def test_stacked_model_round_trip(nlp, tmp_path):
    import json
    from types import SimpleNamespace

    from sourcetrace.eval.polnear import GoldAttribution
    from sourcetrace.train import attribution as T

    texts = ['"Taxes will rise," the minister said. Prices fell in May.',
             'Rain is expected, the agency said. "Stay home," police said.',
             '"We won," the coach said. The crowd cheered.']
    docs, labs = [], []
    for text in texts:
        doc = nlp(text)
        gold = []
        for m in __import__("re").finditer(r"(\"[^\"]+\"|Rain is expected,) (the [a-z]+|police) (said)", text):
            gold.append(GoldAttribution(cue=[m.span(3)], sources=[m.span(2)], contents=[m.span(1)]))
        docs.append(doc)
        labs.append(T.gold_labels(doc, gold))
    cfg = M.FeatureConfig(cue_lex={"say": 1.0}, unit="paragraph", extra=["children"])
    fz = M.Featurizer(cfg)
    T.train_crf(T.sequences(fz, docs * 2, labs * 2), tmp_path / "crf.bin", 0.0, 0.0, 10, 1, algorithm="ap")
    args = SimpleNamespace(stack_folds=3, c1=0.0, c2=0.0, max_iter=10, min_freq=1, algorithm="ap", stack_iter=None)
    T.train_stack(fz, docs * 2, labs * 2, tmp_path, args)
    assert not list(tmp_path.glob("fold*.bin"))  # the jackknife models are removed
    (tmp_path / "meta.json").write_text(json.dumps({"file": "crf.bin", "stack_file": "crf2.bin",
                                                     "features": cfg.to_json()}))
    model = M.AttributionModel.load(tmp_path)
    assert model.tagger2 is not None
    atts = model.predict(docs[0])
    assert [texts[0][a.cue[0]:a.cue[1]] for a in atts] == ["said"]
    assert [texts[0][s:e] for s, e in atts[0].sources] == ["the minister"]


def test_passive_agent_becomes_source(nlp):
    doc = nlp("The plan was criticized by environmental groups as too weak.")
    seqs = M.units(doc, "paragraph")
    assert [t.text for t in seqs[0]] == ["The", "plan", "was", "criticized", "by", "environmental", "groups",
                                         "as", "too", "weak", "."]
    # a tagger reading the agent as part of the content
    tags = [["B-CON", "I-CON", "B-CUE", "I-CUE", "I-CUE", "B-CON", "I-CON", "I-CON", "I-CON", "I-CON", "O"]]
    M.passive_agents(seqs, tags)
    assert tags[0][5:8] == ["B-SRC", "I-SRC", "B-CON"]
    assert tags[0][:5] == ["B-CON", "I-CON", "B-CUE", "I-CUE", "I-CUE"]
    # an agent already labelled source, or an active cue, is left alone
    tags2 = [["B-CON", "I-CON", "B-CUE", "I-CUE", "I-CUE", "B-SRC", "I-SRC", "B-CON", "I-CON", "I-CON", "O"]]
    before = [list(x) for x in tags2]
    M.passive_agents(seqs, tags2)
    assert tags2 == before


def test_subtree_edges_match_spacy(nlp):
    doc = nlp("The minister, who spoke after a long meeting in the capital, said the tax would rise next year.")
    lo, hi = M._edges([t.head.i for t in doc])
    assert [(t.left_edge.i, t.right_edge.i) for t in doc] == list(zip(lo, hi))


def test_stack_features_skip_sequences(nlp):
    doc = nlp("Officials said the plan would fail.")
    fz = M.Featurizer(M.FeatureConfig(cue_lex={"say": 0.9}, unit="paragraph"))
    seqs, feats = fz.doc_features(doc)
    y1 = [["O"] * len(seqs[0])]
    assert M.stack_features(doc, seqs, feats, y1, todo=[False]) == [[]]
    assert len(M.stack_features(doc, seqs, feats, y1, todo=[True])[0]) == len(seqs[0])


def test_shift_state_weight_edits_one_weight_and_moves_decisions(tmp_path):
    """`train attribution --stack-o-bias` edits one weight of a crfsuite file in place:
    that weight changes by exactly the shift, no other feature moves, and a large enough
    O bias turns a token the model tagged as a cue into O."""
    import pycrfsuite

    from sourcetrace.train import attribution as T

    xs = [[[M.BIAS_ATTR, "w=said"], [M.BIAS_ATTR, "w=the"]], [[M.BIAS_ATTR, "w=fell"], [M.BIAS_ATTR, "w=said"]]]
    ys = [["B-CUE", "O"], ["O", "B-CUE"]]
    path = tmp_path / "crf.bin"
    T.train_crf(zip(xs * 3, ys * 3), path, 0.0, 0.0, 10, 1, algorithm="ap")

    def read():
        tg = pycrfsuite.Tagger()
        tg.open(str(path))
        info, tags = tg.info(), tg.tag([[M.BIAS_ATTR, "w=said"]])
        tg.close()
        return dict(info.state_features), dict(info.transitions), tags

    before, trans_before, tags_before = read()
    assert tags_before == ["B-CUE"]
    gap = (before[("w=said", "B-CUE")] + before.get((M.BIAS_ATTR, "B-CUE"), 0.0)) \
        - (before.get(("w=said", "O"), 0.0) + before.get((M.BIAS_ATTR, "O"), 0.0))
    assert gap > 0
    new = T.shift_state_weight(path, M.BIAS_ATTR, "O", gap + 5.0)
    after, trans_after, tags_after = read()
    assert abs(after[(M.BIAS_ATTR, "O")] - (before[(M.BIAS_ATTR, "O")] + gap + 5.0)) < 1e-5
    assert abs(new - after[(M.BIAS_ATTR, "O")]) < 1e-5
    assert {k: v for k, v in after.items() if k != (M.BIAS_ATTR, "O")} == \
        {k: v for k, v in before.items() if k != (M.BIAS_ATTR, "O")}
    assert trans_after == trans_before
    assert tags_after == ["O"]
    with pytest.raises(ValueError):
        T.shift_state_weight(path, "no-such-attribute", "O", 1.0)


def test_a_quotation_goes_to_the_nearest_of_the_cues_hanging_from_it(nlp):
    """'Pressing the point, the mayor said, “If we wait, we lose.”' parsed as the small model
    sometimes parses such a sentence (a Washington Post article in PolNeAR train, with the
    quotation's verb as the root and both "Pressing" and "said" hanging from it): tagged as
    the model tags it, the quotation belongs to "said", right before it, not to the first
    cue of the sentence (before, "said" was left with no content and the statement was lost)."""
    from spacy.tokens import Doc

    words = ["Pressing", "the", "point", ",", "the", "mayor", "said", ",", "“", "If", "we", "wait", ",",
             "we", "lose", ".", "”"]
    heads = [14, 2, 0, 14, 5, 6, 14, 6, 14, 11, 11, 14, 14, 14, 14, 14, 14]
    deps = ["advcl", "det", "dobj", "punct", "det", "nsubj", "parataxis", "punct", "punct", "mark", "nsubj",
            "advcl", "punct", "nsubj", "ROOT", "punct", "punct"]
    spaces = [True, True, False, True, True, True, False, True, False, True, True, False, True, True, False,
              False, False]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps)
    tags = ["B-CUE", "B-CON", "I-CON", "O", "B-SRC", "I-SRC", "B-CUE", "O"] + ["B-CON"] + ["I-CON"] * 8
    out = M.link(doc, M.chunks_from_tags([list(doc)], [tags]))
    text = doc.text
    by_cue = {text[a.cue[0]:a.cue[1]]: ([text[s:e] for s, e in a.sources], [text[s:e] for s, e in a.contents])
              for a in out}
    assert by_cue["said"] == (["the mayor"], ["“If we wait, we lose.”"])
    assert by_cue["Pressing"][1] == ["the point"]


def test_a_quotation_after_a_participle_continues_the_report_it_hangs_from(nlp):
    """'“We will win,” Ana said, recalling the vote. “They lost.”': the second quotation continues what
    Ana said (PolNeAR: one statement with both), not the content of "recalling", the cue nearest it."""
    from spacy.tokens import Doc

    words = ["“", "We", "will", "win", ",", "”", "Ana", "said", ",", "recalling", "the", "vote", ".",
             "“", "They", "lost", ".", "”"]
    heads = [3, 3, 3, 7, 7, 7, 7, 7, 7, 7, 11, 9, 7, 15, 15, 15, 15, 15]
    deps = ["punct", "nsubj", "aux", "ccomp", "punct", "punct", "nsubj", "ROOT", "punct", "advcl", "det", "dobj",
            "punct", "punct", "nsubj", "ROOT", "punct", "punct"]
    tags = ["``", "PRP", "MD", "VB", ",", "''", "NNP", "VBD", ",", "VBG", "DT", "NN", ".", "``", "PRP", "VBD",
            ".", "''"]
    spaces = [False, True, True, False, False, True, True, False, True, True, True, False, True, False, True,
              False, False, False]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, tags=tags)
    tags_ = (["B-CON"] + ["I-CON"] * 5 + ["B-SRC", "B-CUE", "O", "B-CUE", "B-CON", "I-CON", "O"]
             + ["B-CON"] + ["I-CON"] * 4)
    out = M.link(doc, M.chunks_from_tags([list(doc)], [tags_]))
    text = doc.text
    by_cue = {text[a.cue[0]:a.cue[1]]: [text[s:e] for s, e in a.contents] for a in out}
    assert by_cue["said"] == ["“We will win,”", "“They lost.”"]
    assert by_cue["recalling"] == ["the vote"]


def test_a_quotation_after_a_relative_clause_report_continues_the_main_report(nlp):
    """'“We lost,” said Ana, who said she left. “It hurt.”': the second quotation is Ana's main report
    continued, not the content of the "said" inside the relative clause, the cue nearest it."""
    from spacy.tokens import Doc

    words = ["“", "We", "lost", ",", "”", "said", "Ana", ",", "who", "said", "she", "left", ".",
             "“", "It", "hurt", ".", "”"]
    heads = [2, 2, 5, 5, 5, 5, 5, 6, 9, 6, 11, 9, 5, 15, 15, 15, 15, 15]
    deps = ["punct", "nsubj", "ccomp", "punct", "punct", "ROOT", "nsubj", "punct", "nsubj", "relcl", "nsubj",
            "ccomp", "punct", "punct", "nsubj", "ROOT", "punct", "punct"]
    tags = ["``", "PRP", "VBD", ",", "''", "VBD", "NNP", ",", "WP", "VBD", "PRP", "VBD", ".", "``", "PRP", "VBD",
            ".", "''"]
    spaces = [False, True, False, False, True, True, False, True, True, True, True, False, True, False, True,
              False, False, False]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, tags=tags)
    tags_ = (["B-CON"] + ["I-CON"] * 4 + ["B-CUE", "B-SRC", "O", "B-SRC", "B-CUE", "B-CON", "I-CON", "O"]
             + ["B-CON"] + ["I-CON"] * 4)
    out = M.link(doc, M.chunks_from_tags([list(doc)], [tags_]))
    text = doc.text
    contents = sorted([text[s:e] for s, e in a.contents] for a in out)
    assert contents == [["she left"], ["“We lost,”", "“It hurt.”"]]


def test_a_quotation_of_whole_sentences_after_a_quoted_report_continues_it(nlp):
    """'“We lost,” said Ana, a retiree from the harbour. “It hurt.” Later, Bo said, the team left.':
    the second quotation continues Ana's report, though the cue nearest it is the next sentence's."""
    from spacy.tokens import Doc

    spec = [("“", 2, "punct", "``"), ("We", 2, "nsubj", "PRP"), ("lost", 5, "ccomp", "VBD"), (",", 5, "punct", ","),
            ("”", 5, "punct", "''"), ("said", 5, "ROOT", "VBD"), ("Ana", 5, "nsubj", "NNP"), (",", 6, "punct", ","),
            ("a", 9, "det", "DT"), ("retiree", 6, "appos", "NN"), ("from", 9, "prep", "IN"), ("the", 12, "det", "DT"),
            ("harbour", 10, "pobj", "NN"), (".", 5, "punct", "."),
            ("“", 16, "punct", "``"), ("It", 16, "nsubj", "PRP"), ("hurt", 16, "ROOT", "VBD"), (".", 16, "punct", "."),
            ("”", 16, "punct", "''"),
            ("Later", 26, "advmod", "RB"), (",", 26, "punct", ","), ("Bo", 22, "nsubj", "NNP"),
            ("said", 26, "parataxis", "VBD"), (",", 26, "punct", ","), ("the", 25, "det", "DT"),
            ("team", 26, "nsubj", "NN"), ("left", 26, "ROOT", "VBD"), (".", 26, "punct", ".")]
    words = [w for w, *_ in spec]
    spaces = [not (k + 1 < len(words) and words[k + 1] in (",", ".", "”")) and w != "“" for k, w in enumerate(words)]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=[h for _, h, _, _ in spec], deps=[d for *_, d, _ in spec],
              tags=[t for *_, t in spec])
    tags_ = (["B-CON"] + ["I-CON"] * 4 + ["B-CUE", "B-SRC"] + ["I-SRC"] * 6 + ["O"] + ["B-CON"] + ["I-CON"] * 4
             + ["B-CON", "O", "B-SRC", "B-CUE", "O", "B-CON", "I-CON", "I-CON", "O"])
    assert len(tags_) == len(doc)
    out = M.link(doc, M.chunks_from_tags([list(doc)], [tags_]))
    text = doc.text
    contents = sorted([text[s:e] for s, e in a.contents] for a in out)
    assert contents == [["Later", "the team left"], ["“We lost,”", "“It hurt.”"]]


def test_a_cue_with_a_source_and_no_tagged_content_reports_its_clause(nlp):
    """'Port rules called for the ferry to be held, sources said.': the tagger read "called for" as a
    cue with its content and left "sources said" with none; the clause the parser hung from "said"
    (its complement) is what the sources said, the inner report nested in it."""
    from spacy.tokens import Doc

    spec = [("Port", 1, "compound", "NN"), ("rules", 2, "nsubj", "NNS"), ("called", 11, "ccomp", "VBD"),
            ("for", 2, "prep", "IN"), ("the", 5, "det", "DT"), ("ferry", 3, "pobj", "NN"), ("to", 8, "aux", "TO"),
            ("be", 8, "auxpass", "VB"), ("held", 2, "advcl", "VBN"), (",", 11, "punct", ","),
            ("sources", 11, "nsubj", "NNS"), ("said", 11, "ROOT", "VBD"), (".", 11, "punct", ".")]
    words = [w for w, *_ in spec]
    spaces = [not (k + 1 < len(words) and words[k + 1] in (",", ".")) for k in range(len(words))]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=[h for _, h, _, _ in spec], deps=[d for *_, d, _ in spec],
              tags=[t for *_, t in spec], lemmas=["port", "rule", "call", "for", "the", "ferry", "to", "be", "hold", ",",
                                                   "source", "say", "."])
    tags_ = ["B-SRC", "I-SRC", "B-CUE", "I-CUE", "B-CON", "I-CON", "I-CON", "I-CON", "I-CON", "O", "B-SRC", "B-CUE", "O"]
    out = M.link(doc, M.chunks_from_tags([list(doc)], [tags_]))
    text = doc.text
    by_cue = {text[a.cue[0]:a.cue[1]]: ([text[s:e] for s, e in a.sources], [text[s:e] for s, e in a.contents])
              for a in out}
    assert by_cue["said"] == (["sources"], ["Port rules called for the ferry to be held"])
    assert by_cue["called for"] == (["Port rules"], ["the ferry to be held"])



def _doc(nlp, spec):
    from spacy.tokens import Doc

    words = [w for w, *_ in spec]
    spaces = [not (k + 1 < len(words) and words[k + 1] in (",", ".", "”")) and w != "“" for k, w in enumerate(words)]
    return Doc(nlp.vocab, words=words, spaces=spaces, heads=[x[1] for x in spec], deps=[x[2] for x in spec],
               tags=[x[3] for x in spec], pos=[x[4] for x in spec], lemmas=[x[5] for x in spec])


def test_a_source_right_after_a_verb_of_saying_is_its_source(nlp):
    """'“We will not close the pier,” said harbour master Ines Rua, asked about the storm.': the parser made
    the name the subject of "asked" (as the small model parsed such a sentence in PolNeAR train); the
    source right after "said" is the source of "said", and the quotation is what she said."""
    doc = _doc(nlp, [
        ("“", 4, "punct", "``", "PUNCT", "“"), ("We", 4, "nsubj", "PRP", "PRON", "we"), ("will", 4, "aux", "MD", "AUX", "will"),
        ("not", 4, "neg", "RB", "PART", "not"), ("close", 9, "ccomp", "VB", "VERB", "close"),
        ("the", 6, "det", "DT", "DET", "the"), ("pier", 4, "dobj", "NN", "NOUN", "pier"), (",", 9, "punct", ",", "PUNCT", ","),
        ("”", 9, "punct", "''", "PUNCT", "”"), ("said", 9, "ROOT", "VBD", "VERB", "say"),
        ("harbour", 13, "compound", "NN", "NOUN", "harbour"), ("master", 13, "compound", "NN", "NOUN", "master"),
        ("Ines", 13, "compound", "NNP", "PROPN", "Ines"), ("Rua", 15, "nsubj", "NNP", "PROPN", "Rua"),
        (",", 13, "punct", ",", "PUNCT", ","), ("asked", 9, "ccomp", "VBN", "VERB", "ask"),
        ("about", 15, "prep", "IN", "ADP", "about"), ("the", 18, "det", "DT", "DET", "the"),
        ("storm", 16, "pobj", "NN", "NOUN", "storm"), (".", 9, "punct", ".", "PUNCT", ".")])
    tags_ = ["B-CON"] + ["I-CON"] * 8 + ["B-CUE", "B-SRC", "I-SRC", "I-SRC", "I-SRC", "O", "B-CUE", "I-CUE", "B-CON",
                                        "I-CON", "O"]
    out = M.link(doc, M.chunks_from_tags([list(doc)], [tags_]))
    text = doc.text
    by_cue = {text[a.cue[0]:a.cue[1]]: ([text[s:e] for s, e in a.sources], [text[s:e] for s, e in a.contents])
              for a in out}
    assert by_cue["said"] == (["harbour master Ines Rua"], ["“We will not close the pier,”"])


def test_a_trailing_source_and_cue_report_the_sentence_before_them(nlp):
    """'As the ferry docked, a crewman was hurt by a falling crate, officials said.': the parser hung the
    reported clause from "said" as an adverbial clause, not a complement, and the tagger left it untagged.
    All of the sentence before ', officials said' is what they said."""
    spec = [("As", 3, "mark", "IN", "SCONJ", "as"), ("the", 2, "det", "DT", "DET", "the"),
            ("ferry", 3, "nsubj", "NN", "NOUN", "ferry"), ("docked", 8, "advcl", "VBD", "VERB", "dock"),
            (",", 3, "punct", ",", "PUNCT", ","), ("a", 6, "det", "DT", "DET", "a"),
            ("crewman", 8, "nsubjpass", "NN", "NOUN", "crewman"), ("was", 8, "auxpass", "VBD", "AUX", "be"),
            ("hurt", 15, "advcl", "VBN", "VERB", "hurt"), ("by", 8, "agent", "IN", "ADP", "by"),
            ("a", 12, "det", "DT", "DET", "a"), ("falling", 12, "amod", "VBG", "VERB", "fall"),
            ("crate", 9, "pobj", "NN", "NOUN", "crate"), (",", 15, "punct", ",", "PUNCT", ","),
            ("officials", 15, "nsubj", "NNS", "NOUN", "official"), ("said", 15, "ROOT", "VBD", "VERB", "say")]
    doc = _doc(nlp, spec + [(".", 15, "punct", ".", "PUNCT", ".")])
    tags_ = ["O"] * 14 + ["B-SRC", "B-CUE", "O"]
    out = M.link(doc, M.chunks_from_tags([list(doc)], [tags_]))
    text = doc.text
    assert [([text[s:e] for s, e in a.sources], [text[s:e] for s, e in a.contents]) for a in out] == \
        [(["officials"], ["As the ferry docked, a crewman was hurt by a falling crate"])]
    # not where the sentence goes on after the cue ("…, officials said on Monday." is left to the tagger)
    doc2 = _doc(nlp, spec + [("on", 15, "prep", "IN", "ADP", "on"), ("Monday", 16, "pobj", "NNP", "PROPN", "Monday"),
                             (".", 15, "punct", ".", "PUNCT", ".")])
    assert M.link(doc2, M.chunks_from_tags([list(doc2)], [["O"] * 14 + ["B-SRC", "B-CUE", "O", "O", "O"]])) == []
