"""The stored rating always equals what the reviews say: whatever happens, and at once."""

import threading

import pytest
from django.db import connection
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doctors import services
from doctors.models import RATING_FIELDS, Review
from moderation.services import set_hidden
from tests.factories import DoctorProfileFactory, PatientFactory

authors = st.integers(min_value=0, max_value=3)
ratings = st.integers(min_value=1, max_value=5)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("write"), authors, ratings),
        st.tuples(st.just("hide"), authors, st.just(0)),
        st.tuples(st.just("restore"), authors, st.just(0)),
        st.tuples(st.just("delete"), authors, st.just(0)),
    ),
    max_size=12,
)


def stored(doctor) -> dict:
    doctor.refresh_from_db()
    return {name: getattr(doctor, name) for name in RATING_FIELDS}


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=operations)
def test_any_sequence_of_changes_keeps_the_figures_right(steps):
    doctor = DoctorProfileFactory()
    patients = [PatientFactory() for _ in range(4)]
    for action, who, rating in steps:
        review = Review.objects.filter(doctor=doctor, author=patients[who]).first()
        if action == "write":
            fields = {"rating": rating, "title": "A title", "body": "x" * 40, "worth_it": "yes"}
            services.review_submit(doctor=doctor, author=patients[who], fields=fields)
        elif review and action == "hide":
            set_hidden(review, hidden=True, actor=None, reason="Spam")
        elif review and action == "restore":
            set_hidden(review, hidden=False, actor=None)
        elif review and action == "delete":
            services.review_delete(review=review)
        assert stored(doctor) == doctor.rating_figures()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL (CI runs it)"
)
@pytest.mark.django_db(transaction=True)
def test_twenty_reviews_and_twenty_edits_at_once(reference_data):
    doctor = DoctorProfileFactory()
    patients = [PatientFactory() for _ in range(20)]
    url = f"/doctors/{doctor.slug}/review/"
    base = {
        "title": "At the same time",
        "body": "x" * 40,
        "worth_it": "yes",
        "experience": "treatment",
    }

    def all_at_once(rating_for) -> list[int]:
        statuses = [0] * len(patients)
        start = threading.Barrier(len(patients))

        def post(index: int) -> None:
            client = Client()
            client.force_login(patients[index])
            start.wait()
            statuses[index] = client.post(url, base | {"rating": rating_for(index)}).status_code
            connection.close()

        threads = [threading.Thread(target=post, args=(i,)) for i in range(len(patients))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return statuses

    assert all_at_once(lambda index: 1 + index % 5) == [302] * 20
    assert Review.objects.filter(doctor=doctor).count() == 20
    assert stored(doctor) == doctor.rating_figures()
    assert all_at_once(lambda index: 5) == [302] * 20
    assert Review.objects.filter(doctor=doctor).count() == 20
    figures = stored(doctor)
    assert figures == doctor.rating_figures()
    assert (figures["review_count"], figures["stars_5"], str(figures["rating_average"])) == (
        20,
        20,
        "5.00",
    )
