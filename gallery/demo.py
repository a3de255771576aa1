"""Demo before-and-after pairs, with illustrations drawn here with Pillow: an abstract face
region (a soft oval on a gradient), lined or uneven before and smoother after. No photo of
anyone; the consent records are fictional. Each picture goes through the upload pipeline."""

import io
import random
import zlib
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFilter

import photos
from gallery import services
from gallery.models import Pair
from treatments.models import Treatment

WIDTH, HEIGHT = 720, 540

# (doctor's name, treatment, when the after photo was taken, caption, days ago)
DEMO_PAIRS = [
    (
        "Nora Lindqvist",
        "Botox",
        "weeks_2",
        "Frown lines between the brows, 20 units. Two weeks "
        "later the lines at rest have softened; expression is kept.",
        6,
    ),
    (
        "Nora Lindqvist",
        "Lip filler",
        "weeks_2",
        "Hyaluronic acid filler, 0.5 ml, for balance "
        "between the upper and lower lip. Swelling had settled by the after photo.",
        18,
    ),
    (
        "Elliot Varga",
        "Botox",
        "month_1",
        "Crow's feet, 12 units each side. Fine lines at the outer eye are lighter when smiling.",
        9,
    ),
    (
        "Elliot Varga",
        "Lip filler",
        "month_1",
        "A first, conservative treatment of 1 ml for a defined border; no change in lip length.",
        27,
    ),
    (
        "Helena Brandt",
        "Tear trough filler",
        "months_3",
        "Tear trough hollows, 0.4 ml each side "
        "with a cannula. Less shadow under the eyes in daylight.",
        14,
    ),
    (
        "Adrian Kessler",
        "Botox",
        "month_1",
        "Masseter treatment for jaw clenching, 25 units each "
        "side; the lower face looks a little slimmer at one month.",
        21,
    ),
    (
        "Helena Brandt",
        "Botox",
        "weeks_2",
        "Horizontal forehead lines, 10 units, kept light so the brows do not drop.",
        33,
    ),
]

SKIN = [(236, 196, 166), (214, 168, 128), (190, 142, 102), (150, 100, 68)]
BACKDROP = [(204, 224, 242), (222, 214, 238), (196, 226, 222), (238, 224, 202)]


def illustration(seed: str, *, after: bool) -> SimpleUploadedFile:
    """A face region: a skin-toned oval on a soft gradient, with lines drawn across it before
    treatment and fewer, fainter ones after. The same seed draws the same pair every time."""
    rng = random.Random(zlib.crc32(seed.encode()))  # noqa: S311 - drawing, not secrets
    skin, backdrop = rng.choice(SKIN), rng.choice(BACKDROP)
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    for y in range(HEIGHT):  # a vertical gradient, lighter at the top
        shade = 1 - 0.25 * y / HEIGHT
        draw.line([(0, y), (WIDTH, y)], fill=tuple(round(c * shade) for c in backdrop))
    draw.ellipse((150, 40, 570, 620), fill=skin)
    lines = rng.randint(5, 8)
    strength = 0.55 if after else 0.8
    line_colour = tuple(round(c * strength + 255 * (1 - strength) * 0.3) for c in skin)
    for index in range(lines if not after else lines // 3):
        y = 150 + index * 28 + rng.randint(-6, 6)
        x = rng.randint(230, 290)
        draw.arc((x, y, x + 200, y + 40), 200, 340, fill=line_colour, width=4 if after else 6)
    image = image.filter(ImageFilter.GaussianBlur(1.5 if after else 0.8))
    out = io.BytesIO()
    image.save(out, "PNG")
    return SimpleUploadedFile(f"{slugify(seed)}.png", out.getvalue(), "image/png")


def seed_gallery(doctors: dict) -> int:
    """Create the demo pairs that do not exist yet; returns how many were made."""
    created = 0
    for name, treatment_name, time_after, caption, days in DEMO_PAIRS:
        doctor = doctors[name]
        if Pair.objects.filter(doctor=doctor, caption=caption).exists():
            continue
        treatment, _ = Treatment.objects.get_or_create(
            name=treatment_name, defaults={"slug": slugify(treatment_name)}
        )
        seed = f"{name} {treatment_name} {days}"
        pair = services.pair_create(
            doctor=doctor,
            treatment=treatment,
            before=photos.process(illustration(seed, after=False)),
            after=photos.process(illustration(seed, after=True)),
            caption=caption,
            time_after=time_after,
        )
        when = timezone.now() - timedelta(days=days)
        Pair.objects.filter(pk=pair.pk).update(created_at=when, consent_recorded_at=when)
        created += 1
    return created
