"""Geocoding accuracy on the hand-written GOLD fixtures of tests/test_places.py and the shared sample."""
import importlib.util, sys
from pathlib import Path
ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("tp", ROOT / "tests/test_places.py"); tp = importlib.util.module_from_spec(spec); spec.loader.exec_module(tp)
from sourcetrace.nlp import get_nlp
nlp = get_nlp()
analyses = [tp._analyse(t, nlp) for t, _ in tp.GOLD]
n, found, country, both = tp.score_gold(analyses)
print(f"fixtures: {n} gold mentions, found {found} ({found/n:.0%}), right country {country}/{found}, right country+feature {both}/{found}; end to end {both}/{n} = {both/n:.1%}")
for (t, gold), a in zip(tp.GOLD, analyses):
    for s, cc, f in gold:
        hit = next((p for p in a.places if p.text == s), None)
        if hit is None or hit.country != cc or hit.feature != f:
            print("  miss/wrong:", s, cc, f, "->", hit and (hit.name, hit.country, hit.feature))
sample = ROOT.parent / "shared" / "data" / "samples" / "medialine-russia-taliban.txt"
a = tp._analyse(sample.read_text(), nlp)
seen = {}
for p in a.places:
    seen.setdefault((p.text, p.name, p.country, p.feature, p.geonameid, p.dateline), 0)
    seen[(p.text, p.name, p.country, p.feature, p.geonameid, p.dateline)] += 1
print("sample:", len(a.places), "place mentions")
for k, v in seen.items(): print("  ", v, "x", k)
