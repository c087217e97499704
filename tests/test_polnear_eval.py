"""The PolNeAR scorer on hand-made annotations (no shared data needed)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sourcetrace.eval import polnear as P

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev"

TEXT = '"We will win," the senator said on Monday. "Nobody can stop us."\nThe plan reportedly failed.\n'
ANN = (
    "T1\tContent 0 14;43 64\t\"We will win,\"\n"
    "T2\tSource 15 26\tthe senator\n"
    "T3\tCue 27 31\tsaid\n"
    "T4\tAttribution 27 31\tsaid\n"
    "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2\n"
    "T5\tContent 65 73\tThe plan\n"
    "T6\tCue 74 84\treportedly\n"
    "T7\tAttribution-no-source 74 84\treportedly\n"
    "E2\tAttribution-no-source:T7 Content:T5 Cue:T6\n"
    "T8\tContent 85 91\tfailed\n"
    "E3\tAttribution-no-source:T7\n"
)


def test_offsets_of_fixture():
    assert TEXT[15:26] == "the senator"
    assert TEXT[27:31] == "said"
    assert TEXT[43:64] == '"Nobody can stop us."'
    assert TEXT[74:84] == "reportedly"


def test_parse_ann_roles_and_discontinuous_spans():
    gold = P.parse_ann(ANN)
    assert len(gold) == 2  # E3 has no cue: dropped
    a, b = gold
    assert a.cue == [(27, 31)] and a.sources == [(15, 26)]
    assert a.contents == [(0, 14), (43, 64)]
    assert b.sources == [] and b.cue == [(74, 84)] and b.contents == [(65, 73)]


def test_words_ignore_punctuation_at_edges():
    w = P.Words(TEXT)
    assert w.of([(0, 14)]) == w.of([(1, 12)])  # quotes and comma do not count
    assert w.of([(0, 14), (43, 64)]) == w.of([(1, 12), (44, 62)])
    assert P.runs(w.of([(0, 14), (43, 64)])) == [(0, 2), (8, 11)]  # We will win | Nobody can stop us


def _attr(w, cue, src, con, nested=False):
    return P.Attr(w.of(cue), w.of(src), w.of(con), "?", nested)


def test_exact_and_lenient_end_to_end():
    w = P.Words(TEXT)
    gold = [_attr(w, [(27, 31)], [(15, 26)], [(0, 14), (43, 64)]), _attr(w, [(74, 84)], [], [(65, 73)])]
    pred = [
        _attr(w, [(27, 31)], [(19, 26)], [(1, 12), (43, 64)]),  # source "senator" only: lenient, not exact
        _attr(w, [(74, 84)], [], [(65, 74)]),  # sourceless, exact
    ]
    sc = P.Scorer()
    sc.add(gold, pred)
    r = sc.results()
    assert r["e2e_exact"][2] == pytest.approx(50.0)
    assert r["e2e_lenient"][2] == pytest.approx(100.0)
    # source span: 1 gold ("the senator"), 1 predicted ("senator"): no exact match
    assert r["source_span"] == (0.0, 0.0, 0.0)
    # content spans: runs [0-2], [8-11] and [12-13] all found exactly
    assert r["content_span"][2] == pytest.approx(100.0)
    # source tokens: predicted {senator} of gold {the, senator}
    assert r["source_token"][0] == pytest.approx(100.0)
    assert r["source_token"][1] == pytest.approx(50.0)


def test_sourceless_gold_needs_sourceless_prediction():
    w = P.Words(TEXT)
    gold = [_attr(w, [(74, 84)], [], [(65, 73)])]
    sc = P.Scorer()
    sc.add(gold, [_attr(w, [(74, 84)], [(15, 26)], [(65, 73)])])
    assert sc.results()["e2e_exact"][2] == 0.0
    assert sc.results()["e2e_lenient"][2] == 0.0


def test_nested_statement_inside_gold_content_is_not_an_error():
    text = 'Smith said that Jones told him "the deal is dead".'
    w = P.Words(text)
    gold = [_attr(w, [(6, 10)], [(0, 5)], [(11, 49)])]
    inner = _attr(w, [(22, 26)], [(16, 21)], [(31, 49)], nested=True)
    outer = _attr(w, [(6, 10)], [(0, 5)], [(11, 49)])
    sc = P.Scorer()
    sc.add(gold, [outer, inner])
    r = sc.results()
    assert sc.ignored_nested == 1
    assert r["e2e_exact"] == (100.0, 100.0, 100.0)
    # the same inner statement without nested_in is a false positive
    sc2 = P.Scorer()
    sc2.add(gold, [outer, _attr(w, [(22, 26)], [(16, 21)], [(31, 49)])])
    assert sc2.results()["e2e_exact"][0] == pytest.approx(50.0)


def test_read_dir_takes_first_ann_by_name(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "art1.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "art1_bbbb.ann").write_text("", encoding="utf-8")
    (tmp_path / "attributions" / "art1_aaaa.ann").write_text(ANN, encoding="utf-8")
    docs = P.read_dir(tmp_path)
    assert len(docs) == 1 and docs[0].ann_path.name == "art1_aaaa.ann"
    assert len(docs[0].gold) == 2
    v = P.data_version(docs)
    assert v["files"] == 1 and len(v["file_list_sha1"]) == 40


def test_missing_dir_exits_nonzero(tmp_path):
    r = subprocess.run([sys.executable, "-m", "sourcetrace", "eval", "polnear", str(tmp_path / "nope")],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode != 0
    assert "nope" in r.stderr


@pytest.mark.shared
@pytest.mark.skipif(not DEV.exists(), reason="needs ../shared/data/polnear/dev")
def test_dev_gold_reads():
    docs = P.read_dir(DEV)
    assert len(docs) == 84
    n = sum(len(d.gold) for d in docs)
    assert 2100 < n < 2300
    for d in docs[:5]:
        for g in d.gold:
            for s, e in g.cue + g.sources + g.contents:
                assert 0 <= s < e <= len(d.text)


def test_hard_case_categories():
    gold = P.parse_ann(ANN)
    # source "the senator" comes before "said": discontinuous, not inverted
    assert set(P.hard_cases(TEXT, gold[0])) == {"discontinuous content"}
    assert "sourceless" in P.hard_cases(TEXT, gold[1])
    t = "\"It works. It is cheap,\" said Ana Ruiz. The deal is expected to close."
    g = P.GoldAttribution(cue=[(25, 29)], sources=[(30, 38)], contents=[(0, 23)])
    assert t[25:29] == "said" and t[30:38] == "Ana Ruiz"
    assert set(P.hard_cases(t, g)) == {"multi-sentence content", "inverted (content, cue, source)"}
    g2 = P.GoldAttribution(cue=[(49, 60)], sources=[], contents=[(40, 48), (61, 69)])
    assert t[49:60] == "is expected" and t[40:48] == "The deal" and t[61:69] == "to close"
    assert set(P.hard_cases(t, g2)) == {"passive cue", "sourceless", "discontinuous content"}


def test_a_colon_cue_with_no_word_is_matched_by_its_characters():
    text = "MAYOR: We will rebuild the bridge by spring.\nCOUNCILLOR: Not with this budget."
    w = P.Words(text)

    def attr(cue, src, con):
        return P.Attr(w.of([cue]), w.of([src]), w.of([con]), "?", cue_chars=(cue,))

    c1, c2 = text.index(":"), text.index(":", 10)
    gold = [attr((c1, c1 + 1), (0, 5), (7, 44)), attr((c2, c2 + 1), (45, c2), (c2 + 2, len(text)))]
    assert not gold[0].cue  # the colon holds no word
    pred = [attr((c1, c1 + 1), (0, 5), (7, 44)),          # same colon: a match
            attr((c1 + 1, c1 + 2), (45, c2), (c2 + 2, len(text)))]  # a space after the other colon: no match
    sc = P.Scorer()
    sc.add(gold, pred)
    assert sc.c["e2e_exact_tp"] == 1


def test_agreement_scores_later_annotations_against_the_first(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "text" / "b.txt").write_text(TEXT, encoding="utf-8")  # annotated once: not counted
    (tmp_path / "attributions" / "a_x1.ann").write_text(ANN, encoding="utf-8")
    (tmp_path / "attributions" / "a_x2.ann").write_text(ANN, encoding="utf-8")
    # a third annotator took "failed" instead of "The plan" as the second attribution's content
    (tmp_path / "attributions" / "a_x3.ann").write_text(ANN.replace("Content 65 73\tThe plan", "Content 85 91\tfailed"),
                                                       encoding="utf-8")
    (tmp_path / "attributions" / "b_x1.ann").write_text(ANN, encoding="utf-8")
    assert list(P.all_anns(tmp_path)) == ["a"]
    n, n_ann, humans, machine = P.agreement(tmp_path, with_pipeline=False)
    assert (n, n_ann, machine) == (1, 3, None)
    r = humans.results()
    # x2 agrees on both attributions, x3 on the first only: 3 of 4 exact; the sources all agree
    assert r["e2e_exact"][2] == pytest.approx(75.0)
    assert r["source_span"][2] == pytest.approx(100.0)
