"""The before-and-after strip on a doctor's profile and a treatment's hub: their latest
pairs, in two queries, through a tag so those apps need not import this one."""

from django import template
from django.urls import reverse

from gallery.models import Pair

register = template.Library()

PROFILE_PAIRS = 4
HUB_PAIRS = 6


@register.inclusion_tag("gallery/partials/strip.html")
def doctor_pairs(doctor):
    """The doctor's latest pairs, for their profile."""
    pairs = Pair.objects.published().filter(doctor=doctor).for_display()[:PROFILE_PAIRS]
    return {"pairs": list(pairs), "more_url": reverse("gallery:doctor", args=[doctor.slug])}


@register.inclusion_tag("gallery/partials/strip.html")
def treatment_pairs(treatment):
    """Doctors' latest pairs of the treatment, for its hub."""
    pairs = Pair.objects.published().filter(treatment=treatment).for_display()[:HUB_PAIRS]
    return {
        "pairs": list(pairs),
        "more_url": reverse("gallery:treatment", args=[treatment.slug]),
        "on_hub": True,
    }
