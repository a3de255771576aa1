"""A corpus of hostile uploads, made here by code (nothing downloaded): files that are not
photos, photos carrying payloads, decoders' edge cases and dangerous names.

Each entry: name -> (bytes, content type the browser claims, what must happen: "reject" or
"clean", i.e. accepted only as a re-encoded copy)."""

import io
import struct
import zlib

from PIL import Image

from tests.forum import images


def _png_with_text_chunk(text: bytes) -> bytes:
    data = images.image_bytes("PNG", size=(64, 64))
    chunk = b"tEXt" + b"Comment\x00" + text
    packed = struct.pack(">I", len(text) + 8) + chunk + struct.pack(">I", zlib.crc32(chunk))
    return data[:33] + packed + data[33:]  # after the IHDR chunk


def _huge_declared_png() -> bytes:
    """A PNG header claiming 100,000 × 100,000 pixels with almost no data."""
    ihdr = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", len(ihdr))
        + chunk
        + struct.pack(">I", zlib.crc32(chunk))
        + b"\x00\x00\x00\x00IEND\xaeB`\x82"
    )


def _tiff() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 32), (10, 20, 30)).save(out, "TIFF")
    return out.getvalue()


def _zip_named_jpeg() -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("evil.html", "<script>alert(1)</script>")
    return out.getvalue()


def corpus() -> dict[str, tuple[bytes, str, str]]:
    files = {name: (data, "image/jpeg", "reject") for name, data in images.HOSTILE.items()}
    files |= {
        "truncated.jpg": (images.truncated_jpeg(), "image/jpeg", "reject"),
        "bomb.png": (images.decompression_bomb(), "image/png", "reject"),
        "declared-huge.png": (_huge_declared_png(), "image/png", "reject"),
        "windows.exe.jpg": (b"MZ\x90\x00" + b"\x00" * 200, "image/jpeg", "reject"),
        "archive.jpg": (_zip_named_jpeg(), "image/jpeg", "reject"),
        "scan.tiff": (_tiff(), "image/tiff", "reject"),
        "gifar.gif": (
            b"GIF89a/*\x01\x00\x01\x00*/=alert(1)//" + b"\x00" * 20,
            "image/gif",
            "reject",
        ),
        "real.svg": (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "image/svg+xml",
            "reject",
        ),
        "gps.jpg": (images.jpeg_with_everything(), "image/jpeg", "clean"),
        "html-tail.jpg": (images.jpeg_with_html_appended(), "image/jpeg", "clean"),
        "comment.png": (_png_with_text_chunk(b"<script>alert(1)</script>"), "image/png", "clean"),
        "animated.gif": (images.animated_gif(), "image/gif", "clean"),
        "cmyk.jpg": (images.cmyk_jpeg(), "image/jpeg", "clean"),
        "deep.png": (images.png_16_bit(), "image/png", "clean"),
        "phone.heic": (images.heic(), "image/heic", "clean"),
        "../../../../etc/passwd.jpg": (images.image_bytes("JPEG"), "image/jpeg", "clean"),
        "photo\u202egpj.exe": (images.image_bytes("JPEG"), "image/jpeg", "clean"),
        "<script>alert(1)</script>.jpg": (b"not a photo", "image/jpeg", "reject"),
        ("x" * 300) + ".jpg": (images.image_bytes("PNG"), "image/jpeg", "clean"),
    }
    return files


PAYLOADS = [b"<script", b"<?php", b"<svg", b"alert(", b"GPS", b"Exif", b"MZ\x90"]
