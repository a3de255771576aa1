"""Illustrated headshots for the demo doctors, drawn here with Pillow: no photo of anyone, and
nothing downloaded. Each doctor has a look of their own (skin tone, hair, glasses, clothes,
background), the same every time the demo is seeded; the picture then goes through the
upload pipeline (photos.process) like any doctor's headshot."""

import io
import random
import zlib
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

SIDE = 480  # the stored size (the profile shows it at 160 px); drawn at twice that, scaled down
SCALE = 2
CROP = (150, 150, 850, 850)  # the part of the scene kept: the face fills half the width

SKIN = {
    "porcelain": (248, 222, 200),
    "light": (238, 200, 170),
    "medium": (222, 174, 134),
    "olive": (196, 150, 104),
    "tan": (172, 118, 80),
    "brown": (136, 88, 58),
    "deep": (96, 62, 42),
}
HAIR = {
    "black": (34, 30, 34),
    "dark brown": (66, 44, 32),
    "brown": (104, 70, 44),
    "auburn": (136, 62, 36),
    "blonde": (206, 164, 98),
    "grey": (168, 166, 164),
    "silver": (204, 204, 206),
}
BACKGROUND = {
    "teal": (196, 226, 222),
    "sand": (238, 224, 202),
    "lavender": (222, 214, 238),
    "sky": (204, 224, 242),
    "sage": (212, 228, 206),
    "blush": (242, 216, 212),
    "slate": (212, 218, 228),
    "peach": (246, 222, 200),
}
# What the doctor wears: (outer layer, what shows at the neck).
CLOTHES = {
    "white coat, navy": ((246, 248, 250), (38, 58, 96)),
    "white coat, blue shirt": ((246, 248, 250), (150, 186, 222)),
    "white coat, teal": ((246, 248, 250), (20, 110, 116)),
    "white coat, wine": ((246, 248, 250), (124, 40, 58)),
    "teal scrubs": ((34, 128, 132), (28, 108, 112)),
    "navy scrubs": ((44, 64, 110), (36, 54, 96)),
    "grey blazer": ((96, 104, 116), (236, 238, 242)),
}


@dataclass(frozen=True)
class Look:
    skin: str
    hair: str  # a colour of HAIR
    style: str  # short, side part, buzz, bald, bun, long, bob, curly
    background: str
    clothes: str
    glasses: bool = False
    beard: bool = False
    stethoscope: bool = False


# The demo doctors, each drawn differently (any other doctor gets a look from their name).
LOOKS = {
    "Marco Bellini": Look("medium", "dark brown", "short", "sky", "white coat, navy"),
    "Elliot Varga": Look("light", "brown", "side part", "sand", "white coat, blue shirt", True),
    "Helena Brandt": Look("porcelain", "blonde", "long", "lavender", "white coat, teal"),
    "Adrian Kessler": Look("light", "silver", "side part", "slate", "grey blazer", glasses=True),
    "Nora Lindqvist": Look("porcelain", "auburn", "bob", "sage", "white coat, wine"),
    "Priya Raman": Look("tan", "black", "bun", "blush", "teal scrubs"),
    "Owen Marsh": Look(
        "deep", "black", "buzz", "teal", "white coat, blue shirt", beard=True, stethoscope=True
    ),
    "Samuel Reyes": Look("olive", "black", "curly", "peach", "navy scrubs", stethoscope=True),
    "Theo Lindgren": Look("light", "blonde", "short", "sky", "white coat, teal", beard=True),
    "Irene Walsh": Look("brown", "dark brown", "long", "lavender", "white coat, navy", True),
}


def look_for(name: str) -> Look:
    if name in LOOKS:
        return LOOKS[name]
    rng = random.Random(zlib.crc32(name.encode()))  # noqa: S311 - a drawing, not security
    return Look(
        skin=rng.choice(list(SKIN)),
        hair=rng.choice(list(HAIR)),
        style=rng.choice(["short", "side part", "buzz", "bun", "long", "bob", "curly"]),
        background=rng.choice(list(BACKGROUND)),
        clothes=rng.choice(list(CLOTHES)),
        glasses=rng.random() < 0.3,
    )


def shade(colour: tuple, factor: float) -> tuple:
    return tuple(max(0, min(255, round(channel * factor))) for channel in colour)


def mix(one: tuple, other: tuple, share: float) -> tuple:
    return tuple(round(a * (1 - share) + b * share) for a, b in zip(one, other, strict=True))


def draw_headshot(look: Look) -> Image.Image:
    """The picture, SIDE pixels square: head and shoulders, cut from a scene drawn in
    thousandths of its side."""
    size = round(SIDE * SCALE * 1000 / (CROP[2] - CROP[0]))
    image = Image.new("RGB", (size, size), BACKGROUND[look.background])
    draw = ImageDraw.Draw(image, "RGBA")

    def box(x0, y0, x1, y1):
        return [round(value * size / 1000) for value in (x0, y0, x1, y1)]

    def point(x, y):
        return (round(x * size / 1000), round(y * size / 1000))

    def width(value):
        return max(1, round(value * size / 1000))

    skin, hair = SKIN[look.skin], HAIR[look.hair]
    skin_shadow = shade(skin, 0.86)
    outer, inner = CLOTHES[look.clothes]
    background = BACKGROUND[look.background]

    # A soft light behind the head.
    draw.ellipse(box(170, 90, 830, 750), fill=mix(background, (255, 255, 255), 0.35))

    # Hair that falls behind the head and shoulders.
    if look.style == "long":
        draw.rounded_rectangle(box(300, 250, 700, 800), radius=width(150), fill=shade(hair, 0.9))
    elif look.style == "bob":
        draw.rounded_rectangle(box(305, 250, 695, 650), radius=width(130), fill=shade(hair, 0.9))
    elif look.style == "curly":
        for x, y in [(330, 330), (670, 330), (315, 440), (685, 440), (330, 540), (670, 540)]:
            draw.ellipse(box(x - 75, y - 75, x + 75, y + 75), fill=shade(hair, 0.9))

    # Shoulders and clothes.
    draw.ellipse(box(130, 730, 870, 1330), fill=outer)
    draw.polygon(
        [point(x, y) for x, y in [(415, 720), (585, 720), (500, 900)]],
        fill=inner,
    )
    if "coat" in look.clothes or "blazer" in look.clothes:
        lapel = shade(outer, 0.88)
        draw.line([point(420, 735), point(470, 1000)], lapel, width(9))
        draw.line([point(580, 735), point(530, 1000)], lapel, width(9))
    # The neck, with the shadow of the chin.
    draw.rounded_rectangle(box(430, 560, 570, 780), radius=width(40), fill=skin_shadow)
    draw.polygon(
        [point(x, y) for x, y in [(430, 740), (570, 740), (500, 830)]],
        fill=skin_shadow,
    )
    if look.stethoscope:
        tube = (58, 62, 70)
        draw.arc(box(385, 640, 615, 930), 20, 160, fill=tube, width=width(12))
        draw.line([point(400, 800), point(395, 930)], tube, width(12))
        draw.ellipse(box(365, 915, 425, 975), fill=(176, 182, 190), outline=tube, width=width(8))

    # Hair around the top of the head, then the ears and the face in front of it.
    if look.style not in ("bald", "buzz", "curly"):
        draw.ellipse(box(316, 214, 684, 540), fill=hair)
    for x in (318, 682):
        draw.ellipse(box(x - 32, 400, x + 32, 500), fill=skin_shadow)
    draw.ellipse(box(330, 240, 670, 660), fill=skin)

    if look.beard:
        draw.chord(box(330, 300, 670, 660), 15, 165, fill=(*hair, 115))
        draw.ellipse(box(440, 535, 560, 605), fill=(*hair, 90))  # the moustache

    # Hair on top: a hairline that curves over the forehead.
    if look.style == "short":
        draw.ellipse(box(338, 222, 662, 372), fill=hair)
    elif look.style == "side part":
        draw.ellipse(box(336, 220, 664, 350), fill=hair)
        draw.ellipse(box(336, 235, 560, 395), fill=hair)  # swept to one side
    elif look.style == "bun":
        draw.ellipse(box(435, 135, 565, 260), fill=hair)
        draw.ellipse(box(338, 224, 662, 360), fill=hair)
    elif look.style in ("long", "bob"):
        draw.ellipse(box(338, 222, 662, 350), fill=hair)
        draw.pieslice(box(330, 228, 640, 470), 180, 290, fill=hair)  # a side-swept fringe
    elif look.style == "buzz":
        draw.chord(box(332, 236, 668, 430), 180, 360, fill=mix(hair, skin, 0.3))
    elif look.style == "curly":
        for x, y in [
            (360, 280),
            (430, 235),
            (500, 220),
            (570, 235),
            (640, 280),
            (330, 360),
            (670, 360),
            (400, 270),
            (600, 270),
        ]:
            draw.ellipse(box(x - 62, y - 62, x + 62, y + 62), fill=hair)

    # Brows, eyes, nose, mouth and a little colour in the cheeks.
    brow = shade(hair, 0.7) if look.hair in ("blonde", "silver", "grey") else hair
    for x in (425, 575):
        draw.arc(box(x - 50, 395, x + 50, 445), 200, 340, fill=brow, width=width(11))
        draw.ellipse(box(x - 17, 443, x + 17, 481), fill=(40, 34, 36))
        draw.ellipse(box(x - 5, 450, x + 4, 459), fill=(255, 255, 255, 200))
    draw.arc(box(475, 450, 525, 540), 20, 110, fill=shade(skin, 0.72), width=width(8))
    draw.chord(box(445, 555, 555, 615), 0, 180, fill=(160, 72, 74))
    draw.chord(box(457, 556, 543, 580), 0, 180, fill=(250, 250, 248))  # teeth
    if look.skin not in ("tan", "brown", "deep"):  # on darker skin it reads as a smudge
        for x in (395, 605):
            draw.ellipse(box(x - 38, 520, x + 38, 565), fill=(236, 120, 120, 45))

    if look.glasses:
        frame = (44, 40, 46)
        for x in (425, 575):
            draw.rounded_rectangle(
                box(x - 62, 425, x + 62, 505), radius=width(22), outline=frame, width=width(9)
            )
        draw.arc(box(485, 440, 515, 480), 200, 340, fill=frame, width=width(8))

    return image.crop(box(*CROP)).resize((SIDE, SIDE), Image.Resampling.LANCZOS)


def headshot_upload(name: str) -> SimpleUploadedFile:
    """The drawing of `name`'s look as an upload, to go through photos.process."""
    out = io.BytesIO()
    draw_headshot(look_for(name)).save(out, "JPEG", quality=92)
    return SimpleUploadedFile("headshot.jpg", out.getvalue(), "image/jpeg")
