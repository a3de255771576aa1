"""Doctors near a place: a ZIP code, "City, ST" or the browser's location, within a radius,
the nearest or the best rated first, from the ZIP code table the zipcodes package ships."""

import math

import pytest
from django.urls import reverse

from doctors import places
from doctors.models import DoctorProfile
from tests.factories import DoctorProfileFactory, many_verified_doctors

DIRECTORY = reverse("doctors:directory")


@pytest.fixture
def seattle_area(db):
    """Downtown Seattle (98101), Bellevue (98004, about 8 miles), Tacoma (98402, about 25)
    and Portland (97205, about 145): Bellevue's doctor has the best rating."""
    made = {}
    for name, code, score in [
        ("Dana Downtown", "98101", 4.0),
        ("Bela Bellevue", "98004", 4.8),
        ("Tom Tacoma", "98402", 4.2),
        ("Polly Portland", "97205", 4.9),
    ]:
        made[name] = DoctorProfileFactory(name=name, postal_code=code)
        DoctorProfile.objects.filter(pk=made[name].pk).update(ranking_score=score)
    return made


def names(html: str, among) -> list[str]:
    return sorted((name for name in among if name in html), key=html.index)


def test_saving_a_zip_code_puts_the_practice_on_the_map(db):
    doctor = DoctorProfileFactory(postal_code="98109")
    assert (doctor.latitude, doctor.longitude) == (47.6339, -122.3476)
    doctor.postal_code = ""
    doctor.save(update_fields=["postal_code"])
    doctor.refresh_from_db()
    assert doctor.latitude is None and doctor.longitude is None


def test_near_a_zip_code_nearest_first_with_distances(client, seattle_area):
    html = client.get(DIRECTORY, {"near": "98101", "radius": "50"}).content.decode()
    assert names(html, seattle_area) == ["Dana Downtown", "Bela Bellevue", "Tom Tacoma"]
    assert "within 50 miles of 98101 (Seattle, WA), the nearest first" in html
    assert "Under 1 mile away" in html
    assert "Polly Portland" not in html


def test_the_radius_narrows_and_rating_sorts(client, seattle_area):
    html = client.get(DIRECTORY, {"near": "98101", "radius": "10"}).content.decode()
    assert names(html, seattle_area) == ["Dana Downtown", "Bela Bellevue"]
    html = client.get(DIRECTORY, {"near": "98101", "radius": "50", "sort": "rating"})
    assert names(html.content.decode(), seattle_area) == [
        "Bela Bellevue",
        "Tom Tacoma",
        "Dana Downtown",
    ]
    html = client.get(DIRECTORY, {"near": "Portland, OR", "radius": "100"}).content.decode()
    assert names(html, seattle_area) == ["Polly Portland"]


def test_near_the_browsers_location(client, seattle_area):
    html = client.get(DIRECTORY, {"lat": "47.61", "lng": "-122.20", "radius": "10"})
    html = html.content.decode()
    assert names(html, seattle_area)[0] == "Bela Bellevue"
    assert "of your location" in html


def test_the_distance_is_the_great_circle_distance(seattle_area):
    seattle = places.locate("98101")
    bellevue = DoctorProfile.objects.near(seattle, 25).get(name="Bela Bellevue")
    lat1, lng1 = map(math.radians, (seattle.latitude, seattle.longitude))
    lat2, lng2 = map(math.radians, (bellevue.latitude, bellevue.longitude))
    expected = (
        2
        * 3958.8
        * math.asin(
            math.sqrt(
                math.sin((lat2 - lat1) / 2) ** 2
                + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
            )
        )
    )
    assert 5 < expected < 7  # Bellevue is across the lake from downtown Seattle
    assert bellevue.distance == pytest.approx(expected, rel=1e-6)


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ({"near": "00000"}, "We could not find “00000”"),
        ({"near": "Atlantis, ZZ"}, "We could not find “Atlantis, ZZ”"),
        ({"near": "<b>x</b>"}, "We could not find “&lt;b&gt;x&lt;/b&gt;”"),
        ({"lat": "91", "lng": "0"}, "Your location could not be read"),
        ({"lat": "nan", "lng": "1"}, "Your location could not be read"),
        ({"near": "98101", "radius": "5000"}, "Showing doctors within 25 miles"),
        ({"near": "9" * 10_000}, "We could not find “" + "9" * 80 + "”"),
        ({"lat": "1" * 5000, "lng": "0"}, "Your location could not be read"),
        ({"lat": "4\x007", "lng": ""}, "Your location could not be read"),
    ],
)
def test_bad_places_are_said_plainly(client, seattle_area, query, said):
    response = client.get(DIRECTORY, query)
    assert response.status_code == 200
    assert said in response.content.decode()


def test_the_zip_table_knows_real_codes_only():
    assert places.zip_point("98109-1234") == (47.6339, -122.3476)
    assert places.zip_point("00000") is None
    assert places.zip_point("9810") is None


def test_near_is_bounded_with_500_doctors(client, db, django_assert_max_num_queries):
    many_verified_doctors(500, latitude=lambda n: 47.6 + n / 10_000, longitude=lambda n: -122.3)
    with django_assert_max_num_queries(6):
        response = client.get(DIRECTORY, {"near": "98101", "page": 3})
    assert response.status_code == 200 and "miles away" in response.content.decode()


def test_near_a_zip_code_is_cached_but_a_visitors_location_never_is(client, seattle_area):
    query = {"near": "98101", "radius": "50"}
    assert client.get(DIRECTORY, query)["X-Page-Cache"] == "miss"
    assert client.get(DIRECTORY, query)["X-Page-Cache"] == "hit"
    located = {"lat": "47.61", "lng": "-122.20"}
    client.get(DIRECTORY, located)
    assert client.get(DIRECTORY, located).get("X-Page-Cache") != "hit"


def test_the_next_page_asks_for_the_same_place(client, seattle_area):
    typed = client.get(DIRECTORY, {"near": "98101", "radius": "50"}).context["filter_query"]
    assert typed == "near=98101&radius=50&sort=distance"
    # The browser's location wins over a typed ZIP code, on this page and the next.
    both = {"near": "97205", "lat": "47.61", "lng": "-122.20", "radius": "10"}
    response = client.get(DIRECTORY, both)
    assert names(response.content.decode(), seattle_area)[0] == "Bela Bellevue"
    assert response.context["filter_query"] == "lat=47.61&lng=-122.20&radius=10&sort=distance"
