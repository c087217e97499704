"""The cached attribute ruler and lemmatizer (sourcetrace/nlp/fastbase.py) give exactly spaCy's output."""

import pytest
from spacy.pipeline import AttributeRuler

from sourcetrace.nlp import load_base
from sourcetrace.nlp.fastbase import CachedAttributeRuler, CachedLemmatizer, use_cached_components

# written for this test: pronouns of every case, contractions, "ain't", "gonna", "let's", "y'all", "nothin'",
# existential "there is/was", possessives, modal "'d", spaces and line breaks the ruler tags _SP
TEXTS = [
    "I told him she'd seen them, and they said it's theirs, not ours: we ain't gonna let 'em take it.\n\n"
    "Y'all know there's nothin' to it, the mayor said. Let's go, c'mon.",
    "There were 12 arrests on Friday after the ferry's crew walked out; the union has been clear that it "
    "wasn't consulted and won't be.\n  The minister had gotten the letters but did not read them himself.",
    "\"We'd have sold it ourselves,\" said Ms Okafor, whose firm's shares fell 4% to £2.31 in London.  "
    "It is being looked into, and gets reviewed yearly; she got the report, hers was the better one.",
    "",
    "   ",
]


@pytest.fixture(scope="module")
def pair():
    plain = load_base()
    cached = load_base()
    swapped = use_cached_components(cached)
    return plain, cached, swapped


def _view(doc):
    return [(t.text, t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in doc]


def test_both_components_are_swapped_in_place(pair):
    plain, cached, swapped = pair
    assert swapped == ["attribute_ruler", "lemmatizer"]
    assert cached.pipe_names == plain.pipe_names            # same names, same order, nothing added or lost
    assert cached.component_names == plain.component_names  # the disabled "senter" is still where it was
    types = dict((n, type(p)) for n, p in cached.pipeline)
    assert types["attribute_ruler"] is CachedAttributeRuler and types["lemmatizer"] is CachedLemmatizer


@pytest.mark.parametrize("text", TEXTS)
def test_same_output_as_spacy(pair, text):
    plain, cached, _ = pair
    assert _view(cached(text)) == _view(plain(text))
    assert _view(cached(text)) == _view(plain(text))   # again, now from the caches


def test_a_pattern_it_cannot_evaluate_leaves_spacys_ruler(pair):
    plain, _, _ = pair
    ruler = AttributeRuler(plain.vocab)
    ruler.add(patterns=[[{"LOWER": "very", "OP": "+"}, {"TAG": "JJ"}]], attrs={"LEMMA": "x"})
    from sourcetrace.nlp.fastbase import _Unsupported

    with pytest.raises(_Unsupported):
        CachedAttributeRuler(ruler)
    # and the pipeline keeps spaCy's own ruler for it, while the lemmatizer is still swapped
    nlp = load_base()
    nlp.get_pipe("attribute_ruler").add(patterns=[[{"LOWER": "very", "OP": "+"}, {"TAG": "JJ"}]], attrs={"LEMMA": "x"})
    assert use_cached_components(nlp) == ["lemmatizer"]
    assert type(nlp.get_pipe("attribute_ruler")) is AttributeRuler


def test_multi_token_rules_and_their_index():
    nlp = load_base()
    ruler = nlp.get_pipe("attribute_ruler")
    ruler.add(patterns=[[{"LOWER": "harbour"}, {"LOWER": {"IN": ["ferry", "bus"]}}]], attrs={"LEMMA": "HB"}, index=-1)
    ruler.add(patterns=[[{"LOWER": {"REGEX": "^ferr"}}]], attrs={"LEMMA": "FERRY"})   # later: overrides
    text = "The harbour ferry and the harbour bus ran late; the ferryman waited."
    want = [t.lemma_ for t in nlp(text)]
    use_cached_components(nlp)
    got = [t.lemma_ for t in nlp(text)]
    assert got == want
    assert got[2] == "FERRY" and got[6] == "HB"
