from django.core.management import call_command

from gallery.models import Pair


def test_the_demo_has_pairs_of_botox_and_fillers_and_seeding_again_adds_none(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", quiet=True)
    names = set(Pair.objects.values_list("treatment__name", flat=True))
    assert Pair.objects.count() == 7 and {"Botox", "Lip filler"} <= names
    assert all(pair.photos.count() == 2 for pair in Pair.objects.all())
    call_command("seed_demo", quiet=True)
    assert Pair.objects.count() == 7
