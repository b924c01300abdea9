"""Rules that hold on parses our model really produced on news text, rebuilt by hand as Docs
(so that the test does not depend on the model's mood): the parse, then what the rule reads."""

from __future__ import annotations


def test_extract_parses_name_chain_split_off_as_a_second_object():
    """A parse seen on real news: "denounced [the joint U.S.-South Korean … Shield]/iobj [drills]/obj".
    The chain before the noun still names the drills' parties."""
    import spacy

    from kg.extract.relation_nouns import noun_events
    from kg.extract.mentions import Mention

    words = ["Velmora", "denounced", "the", "joint", "Ostrana", "-", "Tarvia", "Shield", "drills", "."]
    heads = [1, 1, 7, 7, 7, 6, 4, 1, 1, 1]
    deps = ["nsubj", "ROOT", "det", "amod", "compound", "punct", "flat", "iobj", "obj", "punct"]
    pos = ["PROPN", "VERB", "DET", "ADJ", "PROPN", "PUNCT", "PROPN", "PROPN", "NOUN", "PUNCT"]
    lemmas = ["Velmora", "denounce", "the", "joint", "Ostrana", "-", "Tarvia", "Shield", "drill", "."]
    doc = spacy.tokens.Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos,
                           lemmas=lemmas, spaces=[True] * 4 + [False, False] + [True] * 3 + [False])
    states = {i: Mention(i, i + 1, words[i], "Country") for i in (0, 4, 6)}
    found = {(s.key, p, o.key) for s, p, o, *_ in noun_events(doc, lambda t: states.get(t.i))}
    assert {("Ostrana", "cooperatesWith", "Tarvia")} <= found or {("Tarvia", "cooperatesWith", "Ostrana")} <= found


def test_extract_parses_relative_clause_hung_on_the_main_verb_keeps_its_antecedent():
    """A parse seen on real news: "… in its Velm province which borders Tarvia", with "borders"
    attached to the main verb as advcl:relcl. The relative's antecedent is the word before it."""
    import spacy

    from kg.extract.args import subjects
    from kg.extract.mentions import Mention

    words = ["Ostrana", "reported", "clashes", "in", "its", "Velm", "province", "which", "borders", "Tarvia", "."]
    heads = [1, 1, 1, 6, 6, 6, 1, 8, 1, 8, 1]
    deps = ["nsubj", "ROOT", "obj", "case", "nmod:poss", "compound", "obl", "nsubj", "advcl:relcl", "obj", "punct"]
    pos = ["PROPN", "VERB", "NOUN", "ADP", "PRON", "PROPN", "NOUN", "PRON", "VERB", "PROPN", "PUNCT"]
    doc = spacy.tokens.Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)
    province = Mention(5, 7, "Velm Province", "Location", kind="place")
    found = subjects(doc[8], lambda t: province if t.i in (5, 6) else None)
    assert [m.key for m in found] == ["Velm Province"]


def test_extract_parses_a_noun_taken_for_a_clause_is_the_object():
    """A parse seen on our own sentence: "hosted his Somali counterpart/ccomp Hassan …"."""
    import spacy

    from kg.extract.deps import direct_objects

    words = ["Ruto", "hosted", "his", "counterpart", "Velm", "."]
    doc = spacy.tokens.Doc(spacy.blank("en").vocab, words=words, heads=[1, 1, 3, 1, 3, 1],
                           deps=["nsubj", "ROOT", "nmod:poss", "ccomp", "appos", "punct"],
                           pos=["PROPN", "VERB", "PRON", "NOUN", "PROPN", "PUNCT"])
    assert [t.text for t in direct_objects(doc[1])] == ["counterpart"]
    said = spacy.tokens.Doc(spacy.blank("en").vocab, words=["Russia", "said", "Ukraine", "attacked", "."],
                            heads=[1, 1, 3, 1, 1], deps=["nsubj", "ROOT", "nsubj", "ccomp", "punct"],
                            pos=["PROPN", "VERB", "PROPN", "VERB", "PUNCT"])
    assert direct_objects(said[1]) == []


def test_extract_parses_lemma_slips_still_find_the_word():
    """Our lemmatizer now and then leaves a stem ("mediat", "ty"): the rules look words up by
    `has_lemma`, which also tries the de-inflected forms."""
    import spacy

    from kg.extract.lexicon import has_lemma

    doc = spacy.tokens.Doc(spacy.blank("en").vocab, words=["mediated", "ties", "fought"],
                           lemmas=["mediat", "ty", "fought"])
    assert has_lemma(doc[0], {"mediate"}) and has_lemma(doc[1], ("tie",)) and has_lemma(doc[2], {"fight"})
    assert not has_lemma(doc[0], {"meditate"})
