"""The demo's treatment pages have figures: its reviews name treatments and most say what
they cost (doctors/demo_treatments.py)."""

import pytest
from django.core.management import call_command

from doctors.models import Review


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", "--quiet")


def test_the_demo_botox_page_has_every_part_of_the_hub(seeded, client):
    html = client.get("/treatments/botox/").content.decode()
    assert "say it's worth it" in html
    assert "The median of" in html and "reported costs" in html
    assert "All " in html and " reviews of Botox</a>" in html
    assert "answers about Botox" in html
    assert "Most answered questions" in html


def test_seeding_again_changes_no_review(seeded, settings):
    before = list(Review.objects.order_by("pk").values_list("treatment_id", "cost_range"))
    call_command("seed_demo", "--quiet")
    assert list(Review.objects.order_by("pk").values_list("treatment_id", "cost_range")) == before
    assert not Review.objects.filter(treatment__isnull=True).exists()
    consultations = Review.objects.filter(experience="consultation")
    assert consultations.exists() and not consultations.exclude(cost_range="").exists()
