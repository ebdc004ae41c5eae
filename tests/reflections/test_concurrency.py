"""Two saves made from the same version at the same moment: exactly one wins (PostgreSQL, real connections)."""

import threading

import pytest
from django.db import connection, connections, transaction

from reflections.models import Reflection
from reflections.services import StaleVersion, reflection_save
from tests.factories import make_reflection

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("role_groups"),  # a transactional test before this one may have flushed them
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks between connections: PostgreSQL"),
]


def test_of_two_simultaneous_saves_from_one_version_exactly_one_wins(practitioner, gibbs):
    reflection = make_reflection(author=practitioner, reflective_model=gibbs, answers={1: "Start"})
    first_saved_uncommitted = threading.Event()
    second_started = threading.Event()
    outcomes = {}

    def first_tab():
        # Saves, then holds its transaction open while the second tab tries, so the two truly overlap.
        try:
            with transaction.atomic():
                reflection_save(reflection=reflection, by=practitioner, version=1, values={"answer_1": "First tab"})
                first_saved_uncommitted.set()
                second_started.wait(timeout=10)
                threading.Event().wait(0.5)  # the second tab's UPDATE is now waiting on the row
            outcomes["first"] = "saved"
        finally:
            connections.close_all()

    def second_tab():
        try:
            first_saved_uncommitted.wait(timeout=10)
            second_started.set()
            reflection_save(reflection=reflection, by=practitioner, version=1, values={"answer_1": "Second tab"})
            outcomes["second"] = "saved"
        except StaleVersion:
            outcomes["second"] = "refused"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first_tab), threading.Thread(target=second_tab)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert outcomes == {"first": "saved", "second": "refused"}
    stored = Reflection.objects.get()
    assert stored.version == 2
    assert stored.answers.get(position=1).body == "First tab"


def test_two_saves_released_together_never_both_win(practitioner, gibbs):
    reflection = make_reflection(author=practitioner, reflective_model=gibbs, answers={1: "Start"})
    barrier = threading.Barrier(2)
    outcomes = []

    def tab(text):
        try:
            barrier.wait(timeout=10)
            reflection_save(reflection=reflection, by=practitioner, version=1, values={"answer_1": text})
            outcomes.append(text)
        except StaleVersion:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=tab, args=(text,)) for text in ("Tab A", "Tab B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes).count("refused") == 1
    [winner] = [text for text in outcomes if text != "refused"]
    stored = Reflection.objects.get()
    assert stored.version == 2 and stored.answers.get(position=1).body == winner
