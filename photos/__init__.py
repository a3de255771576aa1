"""The photo pipeline. Patients' photos are medical and private, so an upload is decoded in
full, re-encoded without any metadata, and stored under a random name; the uploaded bytes are
never stored or served.
"""

import contextlib
import io
import logging
import os
import secrets
import unicodedata
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pillow_heif
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

pillow_heif.register_heif_opener()
logger = logging.getLogger(__name__)

# Public files up to this size are read into memory, so the page cache can keep them for
# visitors (thumbnails); larger ones stream from storage.
CACHED_BYTES = 256 * 1024
MAX_PHOTOS = 6
MAX_BYTES = 15 * 1024 * 1024
MAX_PIXELS = 40_000_000
FULL_SIDE = 2048
THUMB_SIDES = {"960": 960, "320": 320}
FORMATS = ["JPEG", "PNG", "WEBP", "GIF", "HEIF"]
# The stored files of one photo: size name -> (file name, content type).
SIZES = {
    "full": ("full.jpg", "image/jpeg"),
    "960": ("960.webp", "image/webp"),
    "320": ("320.webp", "image/webp"),
}
ACCEPT = "image/jpeg,image/png,image/webp,image/gif,image/heic,image/heif,.heic,.heif"

# Pillow warns above MAX_IMAGE_PIXELS and refuses above twice that; both become a rejection.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

SRGB = ImageCms.createProfile("sRGB")


def new_key() -> str:
    """A random name for a photo's files: unguessable, and unrelated to the upload's name."""
    return secrets.token_urlsafe(18)


class PhotoRejected(ValueError):
    """An upload that is not a photo we accept; the message names the file for the form."""


@dataclass(frozen=True)
class ProcessedPhoto:
    width: int
    height: int
    files: dict[str, bytes]  # size name ("full", "960", "320") -> encoded bytes


def shown_name(name: str | None) -> str:
    """The uploaded file's name, safe to show: no folders, no control characters, not too long."""
    base = os.path.basename((name or "").replace("\\", "/"))
    base = "".join(char for char in base if unicodedata.category(char)[0] != "C").strip()
    if len(base) > 60:
        base = base[:40] + "…" + base[-15:]
    return base or "unnamed file"


def process(upload) -> ProcessedPhoto:
    """Validate and re-encode one upload, or raise PhotoRejected."""
    name = shown_name(getattr(upload, "name", None))
    if not upload.size:
        raise PhotoRejected(f"“{name}” is empty.")
    if upload.size > MAX_BYTES:
        raise PhotoRejected(f"“{name}” is larger than 15 MB. Please choose a smaller photo.")
    image = decode(upload, name)
    try:
        return encode(to_srgb_rgb(image))
    except Exception:  # broken EXIF, odd modes: whatever Pillow trips on is not a photo for us
        raise unreadable(name) from None


def unreadable(name: str) -> PhotoRejected:
    return PhotoRejected(
        f"“{name}” isn't a photo we can read. Please use JPEG, PNG, WebP, GIF or HEIC."
    )


def decode(upload, name: str) -> Image.Image:
    too_big = PhotoRejected(f"“{name}” has too many pixels (more than 40 megapixels).")
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload, formats=FORMATS)
            if image.width * image.height > MAX_PIXELS:
                raise too_big
            image.seek(0)  # animated GIF or multi-image HEIF: the first frame only
            image.load()  # decode every byte: a truncated or corrupt file fails here
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_big from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise unreadable(name) from None
    return image


def to_srgb_rgb(image: Image.Image) -> Image.Image:
    """Upright, 8-bit sRGB RGB, alpha flattened onto white."""
    image = ImageOps.exif_transpose(image)
    icc = image.info.get("icc_profile")
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = image.convert("RGBA")
        image = Image.new("RGB", rgba.size, "white")
        image.paste(rgba, mask=rgba.getchannel("A"))
    if icc and image.mode in ("RGB", "CMYK", "L"):
        # A broken profile falls back to the plain conversion below.
        with contextlib.suppress(ImageCms.PyCMSError, OSError, ValueError):
            image = ImageCms.profileToProfile(
                image, ImageCms.ImageCmsProfile(io.BytesIO(icc)), SRGB, outputMode="RGB"
            )
    return image.convert("RGB")


def encode(image: Image.Image) -> ProcessedPhoto:
    image.thumbnail((FULL_SIDE, FULL_SIDE), Image.Resampling.LANCZOS, reducing_gap=3.0)
    image.info = {}  # nothing of the original (EXIF, GPS, XMP, comments, ICC) goes along
    files = {"full": save(image, "JPEG", quality=85, progressive=True)}
    for size, side in THUMB_SIDES.items():
        thumb = image.copy()
        thumb.thumbnail((side, side), Image.Resampling.LANCZOS, reducing_gap=3.0)
        files[size] = save(thumb, "WEBP", quality=80, method=4)
    return ProcessedPhoto(width=image.width, height=image.height, files=files)


def save(image: Image.Image, kind: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, kind, **options)
    return out.getvalue()


def store(processed: ProcessedPhoto, name_for: Callable[[str], str]) -> list[str]:
    """Write the files, named by `name_for(size)`; returns the names written (to remove them
    if anything later fails)."""
    written = []
    try:
        for size, data in processed.files.items():
            name = name_for(size)
            written.append(default_storage.save(name, ContentFile(data)))
    except BaseException:
        delete_files(written)
        raise
    return written


class StoredPhoto:
    """What a model with one stored photo shares (a question's photo, a gallery photo): its
    files' names under `folder`, and the sizes and srcset its <img> needs. The model has
    `key`, `width` and `height`, and a `url(size)` to the view that serves the files."""

    SIZES = SIZES
    folder = "photos"

    def url(self, size: str = "full") -> str:
        raise NotImplementedError

    def file_name(self, size: str) -> str:
        return f"{self.folder}/{self.key[:2]}/{self.key}/{self.SIZES[size][0]}"

    def file_names(self) -> list[str]:
        return [self.file_name(size) for size in self.SIZES]

    def fitted(self, side: int) -> tuple[int, int]:
        """Width and height once the long side is at most `side` (for width/height attributes)."""
        scale = min(1, side / max(self.width, self.height))
        return max(1, round(self.width * scale)), max(1, round(self.height * scale))

    @property
    def thumb_url(self) -> str:
        return self.url("960")

    @property
    def small_url(self) -> str:
        return self.url("320")

    @property
    def srcset(self) -> str:
        """Both thumbnails by width, for <img srcset>: a slot of 150 px loads the 320 px file,
        a wide one or a sharp screen the 960 px one."""
        return f"{self.small_url} {self.fitted(320)[0]}w, {self.thumb_url} {self.thumb_width}w"

    @property
    def thumb_width(self) -> int:
        return self.fitted(960)[0]

    @property
    def thumb_height(self) -> int:
        return self.fitted(960)[1]


# Uploaded bytes on the site's own origin: were a file ever to be taken for a page, it could
# run nothing (a sandbox with no scripts, no fetches, no forms), and no other site may embed or
# frame it.
FILE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; sandbox",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
}


def file_response(name: str, content_type: str, *, public: bool) -> HttpResponse:
    """A stored file for a view that has decided who may see it: handed to nginx when
    PHOTO_ACCEL_REDIRECT_PREFIX is set, else streamed from storage, or, small and public,
    read into memory."""
    if settings.PHOTO_ACCEL_REDIRECT_PREFIX:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.PHOTO_ACCEL_REDIRECT_PREFIX.rstrip("/") + "/" + name
    else:
        try:
            file = default_storage.open(name)
        except FileNotFoundError:
            raise Http404("No such photo.") from None
        if public and file.size <= CACHED_BYTES:
            with file:
                response = HttpResponse(file.read(), content_type=content_type)
        else:
            response = FileResponse(file, content_type=content_type)
    for header, value in FILE_HEADERS.items():
        response[header] = value
    return response


@contextlib.contextmanager
def removed_unless_done() -> Iterator[list[str]]:
    """For writes of rows and files together: the block adds the names of the files it stores
    to the list; if it fails (a row, the next photo's files), every one of them is removed.
    Used around the transaction, so that files go when its rows do."""
    written: list[str] = []
    try:
        yield written
    except BaseException:
        delete_files(written)
        raise


def delete_files(names: list[str]) -> None:
    """Remove files (and the folders they leave empty); one failure does not stop the rest."""
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            logger.exception("Could not delete photo file %s", name)
    for folder in {os.path.dirname(name) for name in names}:
        remove_empty_folder(folder)


def remove_empty_folder(folder: str) -> None:
    try:
        path = default_storage.path(folder)
    except NotImplementedError:  # storages without folders (object stores) have nothing to tidy
        return
    with contextlib.suppress(OSError):  # not empty, or already gone
        os.rmdir(path)
