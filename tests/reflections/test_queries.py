"""Pages cost a fixed number of queries: the same with 1 reflection as with 200."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_reflection

pytestmark = pytest.mark.django_db


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def pages(reflection):
    return [
        reverse("reflections:reflection_list"),
        reflection.get_absolute_url(),
        reverse("reflections:reflection_edit", args=[reflection.public_id]),
        reverse("reflections:cpd_record"),
    ]


def test_my_page_and_a_reflection_page_cost_the_same_with_1_or_200_reflections(author_client, practitioner, gibbs):
    first = make_reflection(author=practitioner, reflective_model=gibbs, is_cpd=True)
    with_one = [queries(author_client, url) for url in pages(first)]

    for number in range(199):
        make_reflection(author=practitioner, reflective_model=gibbs, title=f"Reflection {number}", is_cpd=True)
    with_many = [queries(author_client, url) for url in pages(first)]

    assert with_one == with_many
    assert max(with_many) <= 10, with_many
