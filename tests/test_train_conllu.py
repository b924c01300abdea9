"""kg.train.conllu / kg.train.convert on small CoNLL-U snippets written for these tests."""

from __future__ import annotations

import spacy

from kg.train.conllu import named_mentions, read_conllu, read_iob2, spans_to_iob
from kg.train.convert import chunk, make_doc

CONLLU = """# newdoc id = doc1
# newpar
# sent_id = doc1-1
# text = Velmora's envoy didn't come.
1-2\tVelmora's\t_\t_\t_\t_\t_\t_\t_\t_
1\tVelmora\tVelmora\tPROPN\tNNP\tNumber=Sing\t3\tnmod:poss\t_\tEntity=(1-place-new-sn-cf1-1-coref-Velmora)
2\t's\t's\tPART\tPOS\t_\t1\tcase\t_\t_
3\tenvoy\tenvoy\tNOUN\tNN\tNumber=Sing\t6\tnsubj\t_\t_
4-5\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_
4\tdid\tdo\tAUX\tVBD\t_\t6\taux\t_\t_
5\tn't\tnot\tPART\tRB\t_\t6\tadvmod\t_\t_
6\tcome\tcome\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No
7\t.\t.\tPUNCT\t.\t_\t6\tpunct\t_\t_

# newpar
# sent_id = doc1-2
# text = President Ardan Voss of Ostrana spoke.
1\tPresident\tPresident\tPROPN\tNNP\t_\t3\tcompound\t_\tEntity=(2-person-new-sn-cf1-3-coref-Ardan_Voss
2\tArdan\tArdan\tPROPN\tNNP\t_\t3\tcompound\t_\t_
3\tVoss\tVoss\tPROPN\tNNP\t_\t6\tnsubj\t_\t_
4\tof\tof\tADP\tIN\t_\t5\tcase\t_\t_
5\tOstrana\tOstrana\tPROPN\tNNP\t_\t3\tnmod\t_\tEntity=(3-place-new-sn-cf1-1-coref-Ostrana)2)
6\tspoke\tspeak\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No
7\t.\t.\tPUNCT\t.\t_\t6\tpunct\t_\t_

"""


def _sents(tmp_path):
    path = tmp_path / "t.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    return list(read_conllu(path))


def test_multiword_tokens_and_spacing(tmp_path):
    first = _sents(tmp_path)[0]
    assert first.words == ["Velmora", "'s", "envoy", "did", "n't", "come", "."]
    assert first.spaces == [False, True, True, False, True, False, True]
    assert first.heads[5] == 5 and first.deps[5] == "ROOT"
    assert first.newpar and first.doc_id == "doc1"


def test_named_mentions_trim_titles(tmp_path):
    sents = _sents(tmp_path)
    assert named_mentions(sents[0]) == [(0, 1, "LOC")]
    spans = named_mentions(sents[1])
    assert (1, 3, "PERSON") in spans and (4, 5, "LOC") in spans
    assert spans_to_iob(7, spans)[:3] == ["O", "B-PERSON", "I-PERSON"]


MENTIONS = """# sent_id = doc2-1
# text = Ostrana spokesperson Lia Moor thanked the Interior minister.
1\tOstrana\tOstrana\tPROPN\tNNP\t_\t2\tcompound\t_\tEntity=(4-person-new-sn-cf1-1-sgl(5-place-new-sn-cf1-1-coref-Ostrana)
2\tspokesperson\tspokesperson\tNOUN\tNN\t_\t5\tnsubj\t_\t_
3\tLia\tLia\tPROPN\tNNP\t_\t2\tflat\t_\t_
4\tMoor\tMoor\tPROPN\tNNP\t_\t3\tflat\t_\tEntity=4)
5\tthanked\tthank\tVERB\tVBD\t_\t0\troot\t_\t_
6\tthe\tthe\tDET\tDT\t_\t8\tdet\t_\tEntity=(6-person-new-sn-cf1-1-coref-Dara_Quell
7\tInterior\tInterior\tPROPN\tNNP\t_\t8\tcompound\t_\t_
8\tminister\tminister\tNOUN\tNN\t_\t5\tobj\t_\tEntity=6)|SpaceAfter=No
9\t.\t.\tPUNCT\t.\t_\t5\tpunct\t_\t_

"""


def test_named_mentions_find_the_name_not_the_office(tmp_path):
    path = tmp_path / "m.conllu"
    path.write_text(MENTIONS, encoding="utf-8")
    spans = named_mentions(next(iter(read_conllu(path))))
    assert (2, 4, "PERSON") in spans  # "spokesperson [Lia Moor]": the name hangs off the noun
    assert (0, 1, "LOC") in spans
    # "the Interior minister" is Dara Quell, but "Interior" is not her name
    assert not any(label == "PERSON" and a <= 6 < b for a, b, label in spans)


def test_make_doc_keeps_parse_and_paragraphs(tmp_path):
    sents = _sents(tmp_path)
    for sent in sents:
        sent.ents = spans_to_iob(len(sent.words), named_mentions(sent))
    nlp = spacy.blank("en")
    (group,) = list(chunk(sents))
    doc = make_doc(nlp.vocab, group, newlines=True)
    assert doc.text == "Velmora's envoy didn't come.\nPresident Ardan Voss of Ostrana spoke."
    assert [s.text.strip() for s in doc.sents] == [
        "Velmora's envoy didn't come.", "President Ardan Voss of Ostrana spoke."]
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Velmora", "LOC"), ("Ardan Voss", "PERSON"), ("Ostrana", "LOC")]
    assert doc[7].text == "\n" and doc[7].tag_ == "_SP" and not doc[8].is_space
    flat = make_doc(nlp.vocab, group, newlines=False)
    assert "\n" not in flat.text


def test_read_iob2_maps_labels(tmp_path):
    path = tmp_path / "t.iob2"
    path.write_text("# sent_id = s1\n# text = Voss saw Ostrana\n1\tVoss\tB-PER\t-\tx\n"
                    "2\tsaw\tO\t-\tx\n3\tOstrana\tB-LOC\t-\tx\n\n", encoding="utf-8")
    assert read_iob2(path) == {"s1": (["Voss", "saw", "Ostrana"], ["B-PERSON", "O", "B-LOC"])}
