import io
import statistics
import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from PIL import Image, ImageDraw

import photos

# The budget for one phone photo, checked against the best run: the slower ones measure
# whatever else the machine was doing.
BUDGET_SECONDS = 1.0


def phone_jpeg(width: int = 4000, height: int = 3000) -> bytes:
    """A 12-megapixel JPEG like a phone's: sensor-like noise, shapes, EXIF rotation and GPS."""
    image = Image.effect_noise((width, height), 40).convert("RGB")
    draw = ImageDraw.Draw(image)
    draw.ellipse((width // 5, height // 6, width * 4 // 5, height * 5 // 6), fill=(214, 170, 140))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated 90°
    exif.get_ifd(0x8825).update({1: "N", 2: (52.0, 31.0, 12.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92, exif=exif)
    return out.getvalue()


class Command(BaseCommand):
    help = "Time the photo pipeline (decode, clean, re-encode, thumbnails) on a 12 MP JPEG."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=7)

    def handle(self, *args, runs: int, **options):
        data = phone_jpeg()
        upload = SimpleUploadedFile("IMG_0001.jpg", data, "image/jpeg")
        photos.process(upload)  # warm up
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            processed = photos.process(upload)
            timings.append(time.perf_counter() - started)
        sizes = ", ".join(
            f"{name} {len(blob) // 1024} KB" for name, blob in processed.files.items()
        )
        self.stdout.write(
            f"12 MP JPEG ({len(data) / 1e6:.1f} MB) -> {processed.width}x{processed.height}; "
            f"{sizes}\n"
            f"{runs} runs: median {statistics.median(timings):.3f} s, "
            f"min {min(timings):.3f} s, max {max(timings):.3f} s; "
            f"budget {BUDGET_SECONDS:g} s: {'met' if min(timings) < BUDGET_SECONDS else 'OVER'}"
        )
