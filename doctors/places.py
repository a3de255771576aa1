"""Where a place is, from the US ZIP code table the `zipcodes` package ships (no network): a
practice's ZIP code puts it on the map, and a patient's ZIP code, "City, ST" or browser location
is where "doctors near me" measures from."""

import math
import re
from dataclasses import dataclass

import zipcodes

ZIP = re.compile(r"(\d{5})(?:-\d{4})?")
CITY_STATE = re.compile(r"(?P<city>[^\W\d_][\w .'-]*?)\s*,?\s+(?P<state>[A-Za-z]{2})")
EARTH_RADIUS_MILES = 3958.8
MILES_PER_DEGREE = 69.05  # of latitude, and of longitude at the equator


@dataclass(frozen=True)
class Place:
    latitude: float
    longitude: float
    label: str  # how the page names it: "98109 (Seattle, WA)", "Seattle, WA", "your location"


def zip_point(code: str) -> tuple[float, float] | None:
    """The latitude and longitude of a US ZIP code ("98109" or "98109-1234"), or None."""
    match = ZIP.fullmatch((code or "").strip())
    if not match:
        return None
    found = zipcodes.matching(match.group(1))
    return (float(found[0]["lat"]), float(found[0]["long"])) if found else None


def locate(text: str) -> Place | None:
    """A ZIP code or "City, ST" as a place, or None when the table does not know it."""
    text = " ".join((text or "").split())[:80]
    if match := ZIP.fullmatch(text):
        found = zipcodes.matching(match.group(1))
        if not found:
            return None
        place = found[0]
        label = f"{match.group(1)} ({place['city']}, {place['state']})"
        return Place(float(place["lat"]), float(place["long"]), label)
    if match := CITY_STATE.fullmatch(text):
        city, state = match.group("city").strip().title(), match.group("state").upper()
        found = [place for place in zipcodes.filter_by(city=city, state=state) if place["lat"]]
        if not found:
            return None
        # The middle of the city's ZIP codes.
        latitude = sum(float(place["lat"]) for place in found) / len(found)
        longitude = sum(float(place["long"]) for place in found) / len(found)
        return Place(latitude, longitude, f"{city}, {state}")
    return None


def point(latitude: str, longitude: str) -> Place | None:
    """Coordinates a browser sent ("Use my location"), or None if they are not coordinates."""
    try:
        lat, lng = float(latitude), float(longitude)
    except (TypeError, ValueError):
        return None
    if not (math.isfinite(lat) and math.isfinite(lng) and -90 <= lat <= 90 and -180 <= lng <= 180):
        return None
    return Place(round(lat, 4), round(lng, 4), "your location")


def bounding_box(place: Place, miles: float) -> tuple[float, float, float, float]:
    """(south, north, west, east): a box around the place that holds every point within
    `miles`, so an index on latitude and longitude narrows the doctors before the exact
    distance is worked out."""
    dlat = miles / MILES_PER_DEGREE
    cos = max(math.cos(math.radians(place.latitude)), 0.01)
    dlng = min(miles / (MILES_PER_DEGREE * cos), 180)
    lat, lng = place.latitude, place.longitude
    return lat - dlat, lat + dlat, lng - dlng, lng + dlng
