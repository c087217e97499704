"""The NumPy BiLSTM tagger (extract/attribution_nn.py): its batched forward pass against a plain one-token-at-a-
time reference on random weights, the BIO-constrained decoding, and the vote with the CRF."""

import io

import numpy as np
import pytest

from sourcetrace.extract.attribution_nn import LABELS, BiLSTMTagger, base_features, viterbi

E, H, V = 5, 4, 12


def _random_model(rng, **window):
    w = {"vocab": np.array([f"f={i}" for i in range(V - 1)]), "emb": rng.normal(size=(V, E)),
         "ten_w": rng.normal(size=(E, 96)) * 0.1, "ten_b": rng.normal(size=E),
         "out_w": rng.normal(size=(len(LABELS), 2 * H)), "out_b": rng.normal(size=len(LABELS))}
    w["emb"][0] = 0.0  # the padding row
    for sfx in ("", "_r"):
        w["w_ih" + sfx] = rng.normal(size=(4 * H, 2 * E))
        w["w_hh" + sfx] = rng.normal(size=(4 * H, H))
        w["b_ih" + sfx] = rng.normal(size=4 * H)
        w["b_hh" + sfx] = rng.normal(size=4 * H)
    buf = io.BytesIO()
    np.savez(buf, **{k: (v.astype("float32") if k != "vocab" else v) for k, v in w.items()})
    buf.seek(0)
    return BiLSTMTagger(buf, **window), w


def _reference(w, feats, ten):
    """One sequence, one token and one direction at a time, straight from the LSTM equations."""
    sig = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    index = {s: i + 1 for i, s in enumerate(w["vocab"].tolist())}
    xs = [np.concatenate([sum((w["emb"][index[x]] for x in f if x in index), np.zeros(E)),
                          np.tanh(w["ten_w"] @ t + w["ten_b"])]) for f, t in zip(feats, ten)]

    def run(seq, sfx):
        h, c, out = np.zeros(H), np.zeros(H), []
        for x in seq:
            g = w["w_ih" + sfx] @ x + w["b_ih" + sfx] + w["w_hh" + sfx] @ h + w["b_hh" + sfx]
            i, f, gg, o = sig(g[:H]), sig(g[H:2 * H]), np.tanh(g[2 * H:3 * H]), sig(g[3 * H:])
            c = f * c + i * gg
            h = o * np.tanh(c)
            out.append(h)
        return out

    fwd, bwd = run(xs, ""), run(xs[::-1], "_r")[::-1]
    logits = np.array([w["out_w"] @ np.concatenate([a, b]) + w["out_b"] for a, b in zip(fwd, bwd)])
    p = np.exp(logits - logits.max(1, keepdims=True))
    return p / p.sum(1, keepdims=True)


def test_batched_forward_pass_equals_the_reference():
    rng = np.random.default_rng(7)
    model, w = _random_model(rng)
    # sequences of different lengths in one batch (padding and per-sequence reversal are what can go wrong);
    # unknown features ("-1:w=x", a neighbour's) count for nothing
    lens = [3, 1, 6, 2]
    feats = [[[f"f={rng.integers(0, V + 3)}" for _ in range(rng.integers(0, 4))] + ["-1:w=x"] for _ in range(n)]
             for n in lens]
    tens = [rng.normal(size=(n, 96)).astype("float32") for n in lens]
    got = model.probabilities(feats, tens)
    assert [g.shape for g in got] == [(n, len(LABELS)) for n in lens]
    for f, t, g in zip(feats, tens, got):
        np.testing.assert_allclose(g, _reference(w, f, t), rtol=1e-4, atol=1e-5)


def test_a_long_sequence_read_in_windows_keeps_each_token_in_order():
    rng = np.random.default_rng(9)
    # windows of 2 tokens with 10 of context each side cover these sequences whole: same as the reference
    model, w = _random_model(rng, core=2, margin=10)
    lens = [7, 3, 9]
    feats = [[[f"f={rng.integers(0, V)}"] for _ in range(n)] for n in lens]
    tens = [rng.normal(size=(n, 96)).astype("float32") for n in lens]
    for f, t, g in zip(feats, tens, model.probabilities(feats, tens)):
        np.testing.assert_allclose(g, _reference(w, f, t), rtol=1e-4, atol=1e-5)
    # with 1 token of context each token still gets its own row, a distribution over the tags
    short, _ = _random_model(np.random.default_rng(9), core=3, margin=1)
    got = short.probabilities(feats, tens)
    assert [g.shape for g in got] == [(n, len(LABELS)) for n in lens]
    np.testing.assert_allclose(np.concatenate(got).sum(1), 1.0, rtol=1e-5)


def test_a_long_article_goes_through_in_parts_with_the_same_result():
    rng = np.random.default_rng(4)
    whole, w = _random_model(rng)
    parts, _ = _random_model(np.random.default_rng(4), max_tokens=5)
    lens = [3, 4, 2, 6, 1]
    feats = [[[f"f={rng.integers(0, V)}"] for _ in range(n)] for n in lens]
    tens = [rng.normal(size=(n, 96)).astype("float32") for n in lens]
    for a, b in zip(whole.probabilities(feats, tens), parts.probabilities(feats, tens)):
        np.testing.assert_allclose(a, b, rtol=1e-5)


def test_decoding_never_continues_a_span_it_did_not_open():
    rng = np.random.default_rng(3)
    for _ in range(50):
        ys = [LABELS[i] for i in viterbi(np.log(rng.dirichlet(np.ones(len(LABELS)), size=9)))]
        for prev, y in zip(["O"] + ys, ys):
            if y.startswith("I-"):
                assert prev[2:] == y[2:], ys


def test_decoding_finds_the_best_allowed_sequence():
    import itertools

    rng = np.random.default_rng(11)
    ok = lambda ys: all(not y.startswith("I-") or p[2:] == y[2:] for p, y in zip(["O"] + ys, ys))  # noqa: E731
    for n in (1, 2, 4):
        for _ in range(5):
            lp = np.log(rng.dirichlet(np.ones(len(LABELS)) * 0.5, size=n))
            best = max((sum(lp[t, i] for t, i in enumerate(seq)), seq)
                       for seq in itertools.product(range(len(LABELS)), repeat=n) if ok([LABELS[i] for i in seq]))
            assert tuple(viterbi(lp)) == best[1]


def test_the_vote_follows_the_crf_at_full_weight_and_the_network_at_none():
    rng = np.random.default_rng(5)
    model, _ = _random_model(rng)
    crf = [["O", "B-SRC", "B-CUE", "B-CON", "I-CON"]]
    probs = [rng.dirichlet(np.ones(len(LABELS)), size=5)]
    assert model.vote(probs, crf, 1.0) == crf
    alone = [LABELS[i] for i in viterbi(np.log(probs[0]))]
    assert model.vote(probs, crf, 0.0) == [alone]
    # a confident network overrides the CRF's tag at the shipped weight
    sure = np.full((5, len(LABELS)), 0.01)
    sure[:, 0] = 0.94
    assert model.vote([sure], crf, 0.3) == [["O"] * 5]


def test_base_features_leave_out_neighbours_and_bigrams():
    assert base_features(["b", "w=said", "-1:w=he", "2:t=DT", "bi=he_said", "k64=3", "w=:"]) == ["b", "w=said", "k64=3", "w=:"]


def test_the_shipped_model_votes(nlp):
    from sourcetrace.extract import attribution_model as M

    model = M.get_model()
    if model.nn is None:
        pytest.skip("the model in use has no BiLSTM (SOURCETRACE_ATTRIBUTION_MODEL)")
    doc = nlp("“The bridge will reopen in May,” the mayor said on Tuesday.")
    raws = M.predict_attributions(doc)
    text = doc.text
    assert [(text[r.cue[0]:r.cue[1]], [text[s:e] for s, e in r.sources]) for r in raws] == [("said", ["the mayor"])]


def test_training_and_inference_read_the_same_features(nlp):
    """Training picks the network's inputs with base_features (a filter on the feature names); inference reads them
    off the featurizer's lists by length (network_features). Both must give the same features."""
    from sourcetrace.extract.attribution_nn import network_features

    from sourcetrace.extract import attribution_model as M

    doc = nlp("“We will not be bullied,” the minister told reporters: “Never.” Police said two men were held.")
    parse = {}
    seqs, feats = M.get_model().featurizer.doc_features(doc, parse)
    got = [network_features(fs, [parse["base_len"][t.i] for t in seq]) for seq, fs in zip(seqs, feats) if seq]
    want = [[base_features(f) for f in fs] for seq, fs in zip(seqs, feats) if seq]
    assert want and got == want
