"""Precision and recall of the identifiable-details check on our corpus (tests/reflections/checks_corpus.py).

Floors, chosen so that one or two new mistakes fail the build while the known
misses (a lower-case name, a name on no list) do not: overall precision at
least 0.95 and recall at least 0.90; for each kind, precision at least 0.90
and recall at least 0.80.
"""

from tests.reflections.checks_corpus import CORPUS, HELD_OUT, LOOK_ALIKES, WITH_DETAILS, measure, scores, table

OVERALL_PRECISION, OVERALL_RECALL = 0.95, 0.90
KIND_PRECISION, KIND_RECALL = 0.90, 0.80


def test_corpus_is_at_least_sixty_sentences_half_with_details_half_look_alikes():
    with_details = [sentence for sentence, expected in CORPUS if expected]
    assert len(CORPUS) >= 60
    assert len(with_details) == len(CORPUS) - len(with_details)
    assert len(WITH_DETAILS) == len(LOOK_ALIKES)


def test_precision_and_recall_stay_above_the_floors(capsys):
    counts, mistakes = measure()
    held_out, _ = measure(HELD_OUT)
    with capsys.disabled():
        print("\n" + table(counts, f"All {len(CORPUS)} sentences"))
        print(*mistakes, sep="\n")
        print(table(held_out, f"The {len(HELD_OUT)} held-out sentences alone"))

    results = scores(counts)
    precision, recall, *_ = results.pop("overall")
    assert precision >= OVERALL_PRECISION, mistakes
    assert recall >= OVERALL_RECALL, mistakes
    for kind, (precision, recall, *_) in results.items():
        assert precision >= KIND_PRECISION, (kind, mistakes)
        assert recall >= KIND_RECALL, (kind, mistakes)
