"""Photos and hostile files for the tests, made here (nothing downloaded)."""

import io

import pillow_heif
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms

pillow_heif.register_heif_opener()

GPS_IFD = 0x8825
ORIENTATION = 0x0112
COLOUR = (200, 120, 90)


def image_bytes(kind="JPEG", size=(640, 480), mode="RGB", colour=COLOUR, **options) -> bytes:
    image = Image.new(mode, size, colour)
    out = io.BytesIO()
    image.save(out, kind, **options)
    return out.getvalue()


def jpeg_with_everything(size=(800, 600), orientation=6) -> bytes:
    """A phone-like JPEG: rotated by EXIF, with GPS, camera serial, comment, XMP and ICC."""
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0xA431] = "SERIAL-12345"  # BodySerialNumber
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (52.0, 31.0, 12.0), 3: "E", 4: (13.0, 24.0, 1.0)})
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>secret-location</rdf:RDF></x:xmpmeta>'
    return image_bytes(
        "JPEG", size=size, exif=exif, icc_profile=icc, comment=b"home address", xmp=xmp
    )


def upload(data: bytes, name="photo.jpg", content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type)


def animated_gif() -> bytes:
    frames = [Image.new("P", (200, 200), index) for index in (1, 2, 3)]
    out = io.BytesIO()
    palette = [0, 0, 0, 250, 0, 0, 0, 250, 0, 0, 0, 250] + [0] * 756
    for frame in frames:
        frame.putpalette(palette)
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return out.getvalue()


def heic() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 200), COLOUR).save(out, "HEIF")
    return out.getvalue()


def cmyk_jpeg() -> bytes:
    return image_bytes("JPEG", mode="CMYK", colour=(0, 128, 128, 0))


def png_16_bit() -> bytes:
    return image_bytes("PNG", mode="I;16", colour=40000)


def transparent_png() -> bytes:
    return image_bytes("PNG", mode="RGBA", colour=(255, 0, 0, 0))


def palette_png_with_transparency() -> bytes:
    image = Image.new("P", (100, 100), 0)
    image.putpalette([255, 0, 0] * 256)
    out = io.BytesIO()
    image.save(out, "PNG", transparency=0)
    return out.getvalue()


def decompression_bomb() -> bytes:
    """8,000 × 6,000 = 48 megapixels of one colour: a small file that decodes huge."""
    return image_bytes("PNG", size=(8000, 6000), mode="L", colour=0)


HOSTILE = {
    "empty.jpg": b"",
    "notes.jpg": b"just some text, not a photo at all\n" * 10,
    "page.jpg": b"<!doctype html><html><script>alert(document.cookie)</script></html>",
    "vector.jpg": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>',
    "document.jpg": b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF",
    "shell.php.jpg": b"<?php system($_GET['cmd']); ?>",
}


def truncated_jpeg() -> bytes:
    data = image_bytes("JPEG", size=(1200, 900), quality=95)
    return data[: len(data) // 2]


def jpeg_with_html_appended() -> bytes:
    return image_bytes("JPEG") + b"<html><script>alert('stored xss')</script></html>"
