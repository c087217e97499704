"""Experiment: inference cost of the fine-tuned MiniLM attribution tagger served through ONNX Runtime.

    pip install torch==2.13.0 transformers onnx onnxruntime   # not project dependencies
    python scripts/experiments/minilm_speed.py /tmp/minilm-attr [--corpus ../shared/data/corpora/bbc] [--n 100]

Exports the model written by ``minilm_tagger.py`` to ONNX, quantizes it to int8 (dynamic), checks
that the int8 tags agree with the float ones, and times, on the same texts and in one process: the
bare ``en_core_web_sm`` parse, and the int8 tagger over the paragraph windows the tagger reads
(tokenisation included). Prints seconds and the ratio (parse + tagger) / parse.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("model_dir")
    ap.add_argument("--corpus", default="../shared/data/corpora/bbc")
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--max-len", type=int, default=256)
    a = ap.parse_args()
    import onnxruntime as ort
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    sys.path.insert(0, str(Path(__file__).parent))
    from minilm_tagger import windows

    from sourcetrace.extract import attribution_model as M
    from sourcetrace.nlp import load_base

    md = Path(a.model_dir)
    tok = AutoTokenizer.from_pretrained(md)
    onnx_f, q_f = md / "model.onnx", md / "model.int8.onnx"
    if not q_f.exists():
        model = AutoModelForTokenClassification.from_pretrained(md).eval()
        dummy = tok(["a", "b"], is_split_into_words=True, return_tensors="pt")
        torch.onnx.export(model, (dummy["input_ids"], dummy["attention_mask"], dummy["token_type_ids"]), str(onnx_f),
                          input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["logits"],
                          dynamic_axes={k: {0: "b", 1: "n"} for k in ["input_ids", "attention_mask", "token_type_ids", "logits"]},
                          opset_version=17, dynamo=False)
        quantize_dynamic(str(onnx_f), str(q_f), weight_type=QuantType.QInt8)
    print(f"int8 model {q_f.stat().st_size / 1e6:.1f} MB (float {onnx_f.stat().st_size / 1e6:.1f} MB)")
    so = ort.SessionOptions()
    so.intra_op_num_threads = a.threads
    so.inter_op_num_threads = 1
    sess_q = ort.InferenceSession(str(q_f), so, providers=["CPUExecutionProvider"])
    sess_f = ort.InferenceSession(str(onnx_f), so, providers=["CPUExecutionProvider"])

    files = sorted(Path(a.corpus).rglob("*.txt"))[: a.n]
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    nlp = load_base()
    docs = [nlp(t) for t in texts[:3]]
    t0 = time.perf_counter()
    docs = [nlp(t) for t in texts]
    t_parse = time.perf_counter() - t0
    words = sum(len(t.split()) for t in texts)

    def run(sess, docs):
        out = []
        for doc in docs:
            for seq in M.units(doc, "paragraph"):
                ws = [t.text for t in seq]
                for x, y in windows(tok, ws, a.max_len):
                    enc = tok([ws[x:y]], is_split_into_words=True, truncation=True, max_length=a.max_len,
                              return_tensors="np")
                    feed = {k: enc[k].astype(np.int64) for k in ("input_ids", "attention_mask", "token_type_ids")}
                    out.append(sess.run(None, feed)[0].argmax(-1))
        return out

    run(sess_q, docs[:3])
    t1 = time.perf_counter()
    pq = run(sess_q, docs)
    t_q = time.perf_counter() - t1
    pf = run(sess_f, docs[:20])
    agree = np.mean([np.mean(x == y) for x, y in zip(pf, pq[: len(pf)])])
    print(f"{len(texts)} articles, {words} words; parse {t_parse:.2f} s ({words / t_parse:.0f} words/s); "
          f"int8 tagger {t_q:.2f} s ({words / t_q:.0f} words/s); ratio (parse + tagger) / parse "
          f"{(t_parse + t_q) / t_parse:.2f}; int8 vs float word-piece tag agreement {agree:.4f} (first 20 articles)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
