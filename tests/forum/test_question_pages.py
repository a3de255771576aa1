import pytest
from django.urls import reverse

from forum.models import PhotoVisibility
from tests.factories import QuestionFactory


def test_question_page_shows_the_question(client, question):
    response = client.get(question.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Facial pain after two treatments of Botox in jaw? (photo) · DocAnswers" in html
    assert '<span class="question__photo-note">(photo)</span>' in html
    assert "Asked by <strong>Alice</strong>" in html
    assert 'href="/treatments/botox/"' in html
    assert "Doctor Answers 0" in html
    assert "No doctor has answered yet." in html
    assert "should not be relied upon as a substitute for medical advice" in html


def test_body_is_plain_text_with_paragraphs_and_nofollow_links(client, alice):
    question = QuestionFactory(
        author=alice,
        body="First <b>para</b> & more\nsame paragraph\n\nSecond: see https://example.com/x",
    )
    html = client.get(question.get_absolute_url()).content.decode()
    assert "<p>First &lt;b&gt;para&lt;/b&gt; &amp; more<br>same paragraph</p>" in html
    assert (
        '<p>Second: see <a href="https://example.com/x" rel="nofollow ugc noopener">'
        "https://example.com/x</a></p>"
    ) in html


def test_a_wrong_or_missing_slug_redirects_permanently(client, question):
    for path in [
        reverse("forum:question_detail", args=[question.pk, "old-title"]),
        reverse("forum:question_detail_short", args=[question.pk]),
    ]:
        response = client.get(path)
        assert response.status_code == 301
        assert response.url == question.get_absolute_url()


def test_missing_and_deleted_questions_are_404(client, question):
    assert client.get(reverse("forum:question_detail_short", args=[999])).status_code == 404
    question.deleted_at = question.created_at
    question.save()
    assert client.get(question.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    ("visibility", "viewer", "sees_photos"),
    [
        (PhotoVisibility.EVERYONE, None, True),
        (PhotoVisibility.MEMBERS, None, False),
        (PhotoVisibility.MEMBERS, "mallory", True),
        (PhotoVisibility.DOCTORS, "mallory", False),
        (PhotoVisibility.DOCTORS, "bob", True),  # a verified doctor
        (PhotoVisibility.DOCTORS, "carol", False),  # a doctor still waiting for verification
        (PhotoVisibility.DOCTORS, "alice", True),  # the asker
        (PhotoVisibility.DOCTORS, "moderator", True),
    ],
)
def test_photos_show_only_to_those_the_asker_chose(
    request, client, client_as, question, visibility, viewer, sees_photos
):
    question.photo_visibility = visibility
    question.save()
    browser = client_as(request.getfixturevalue(viewer)) if viewer else client
    html = browser.get(question.get_absolute_url()).content.decode()
    photos = list(question.photos.all())
    assert (photos[0].thumb_url in html) is sees_photos
    assert ("photo photo--hidden" in html) is not sees_photos
    for photo in photos:
        response = browser.get(photo.url("full"))
        assert response.status_code == (200 if sees_photos else 404)


def test_placeholders_say_who_can_see_the_photo(client, question):
    html = client.get(question.get_absolute_url()).content.decode()
    assert "Only signed-in members can see this photo." in html
    assert "Log in to see it" in html
    question.photo_visibility = PhotoVisibility.DOCTORS
    question.save()
    html = client.get(question.get_absolute_url()).content.decode()
    assert "Only verified doctors can see this photo." in html


def test_thumbnails_offer_the_small_file_for_small_slots(client, question):
    question.photo_visibility = PhotoVisibility.EVERYONE
    question.save()
    html = client.get(question.get_absolute_url()).content.decode()
    for photo in question.photos.all():
        small, large = photo.fitted(320)[0], photo.fitted(960)[0]
        assert (
            f'src="{photo.url("320")}" srcset="{photo.url("320")} {small}w, '
            f'{photo.url("960")} {large}w" sizes="(max-width: 30rem) calc(50vw - 1.5rem), 12rem"'
        ) in html


def test_a_restricted_photo_is_served_privately(client_as, question, mallory):
    photo = question.photos.first()
    response = client_as(mallory).get(photo.url("full"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"
    thumb = client_as(mallory).get(photo.url("320"))
    assert thumb["Content-Type"] == "image/webp"


def test_a_public_photo_may_be_cached(client, question):
    question.photo_visibility = PhotoVisibility.EVERYONE
    question.save()
    response = client.get(question.photos.first().url("960"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, no-cache"


SANDBOXED = {
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; sandbox",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
}


def sandboxed(response) -> dict:
    return {name: response.headers.get(name) for name in SANDBOXED}


@pytest.mark.parametrize("accel", [False, True])
def test_photo_files_can_run_nothing_and_are_embedded_by_no_other_site(
    client, client_as, question, mallory, settings, accel
):
    settings.PHOTO_ACCEL_REDIRECT_PREFIX = "/protected-media/" if accel else ""
    photo = question.photos.first()
    private = client_as(mallory).get(photo.url("full"))  # streamed
    question.photo_visibility = PhotoVisibility.EVERYONE
    question.save()
    public = client.get(photo.url("320"))  # small and public: from memory
    for response in (private, public):
        assert response.status_code == 200
        assert sandboxed(response) == SANDBOXED


def test_unknown_photo_sizes_and_keys_are_404(client, question):
    photo = question.photos.first()
    assert client.get(reverse("forum:photo", args=[photo.key, "5000"])).status_code == 404
    assert client.get(reverse("forum:photo", args=["nokey", "full"])).status_code == 404


def test_nginx_can_serve_photos_after_the_check(client_as, question, mallory, settings):
    settings.PHOTO_ACCEL_REDIRECT_PREFIX = "/protected-media/"
    photo = question.photos.first()
    response = client_as(mallory).get(photo.url("full"))
    assert response["X-Accel-Redirect"] == f"/protected-media/{photo.file_name('full')}"
    assert response.content == b""


@pytest.mark.parametrize("photo_count", [1, 6])
@pytest.mark.parametrize("treatment_count", [1, 5])
def test_question_page_query_count_is_bounded(
    client_as, mallory, django_assert_max_num_queries, photo_count, treatment_count
):
    question = QuestionFactory(
        photos=photo_count, treatments=[f"Treatment {n}" for n in range(treatment_count)]
    )
    browser = client_as(mallory)
    with django_assert_max_num_queries(9):  # the follow-ups are one, related questions one
        assert browser.get(question.get_absolute_url()).status_code == 200


def test_question_pages_only_answer_get_and_head(client, question):
    assert client.post(question.get_absolute_url()).status_code == 405


def test_no_one_sees_the_photos_of_a_deleted_question(question, moderator):
    from forum.permissions import can_view_photos

    assert can_view_photos(question.author, question)
    question.deleted_at = question.created_at
    assert not can_view_photos(question.author, question)
    assert not can_view_photos(moderator, question)


@pytest.mark.parametrize(
    "path",
    [
        "/questions/?treatment=%00",
        "/questions/?treatment=a%00b",
        "/treatments/%00/",
        "/photos/%00/full/",
        "/photos/" + "k" * 40 + "/full/",
    ],
)
def test_hostile_slugs_and_keys_are_404(client, db, path):
    assert client.get(path).status_code == 404


def test_unicode_treatment_slugs_work(client, alice):
    QuestionFactory(author=alice, treatments=["Ботокс"])
    response = client.get(reverse("forum:treatment_detail", args=["ботокс"]))
    assert response.status_code == 200
    assert "<h1>Ботокс</h1>" in response.content.decode()
