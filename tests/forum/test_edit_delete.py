import pytest
from django.urls import reverse

from forum import services
from forum.models import Photo, PhotoVisibility, Question
from tests.forum import images
from tests.forum.conftest import media_files


def edit_data(question, **overrides) -> dict:
    data = {
        "title": question.title,
        "body": question.body,
        "treatments": "Botox, Jaw pain",
        "photo_visibility": question.photo_visibility,
    }
    return data | overrides


def test_only_the_asker_can_edit_or_delete(client, client_as, question, mallory, bob):
    edit = reverse("forum:question_edit", args=[question.pk])
    delete = reverse("forum:question_delete", args=[question.pk])
    assert client.get(edit).status_code == 302  # to log in
    assert client_as(mallory).get(edit).status_code == 404
    assert client_as(mallory).post(delete).status_code == 404
    assert client_as(bob).post(delete).status_code == 403
    question.refresh_from_db()
    assert question.deleted_at is None


def test_the_asker_edits_text_treatments_and_visibility(client_as, question):
    response = client_as(question.author).post(
        reverse("forum:question_edit", args=[question.pk]),
        edit_data(
            question,
            title="Jaw pain after Botox: is it reversible?",
            treatments="Masseter reduction",
            photo_visibility=PhotoVisibility.DOCTORS,
        ),
    )
    question.refresh_from_db()
    assert response.status_code == 302
    assert response.url == question.get_absolute_url()
    assert question.slug == "jaw-pain-after-botox-is-it-reversible"
    assert list(question.treatments.names()) == ["Masseter reduction"]
    assert question.photo_visibility == PhotoVisibility.DOCTORS


def test_the_asker_removes_one_photo_adds_two_and_renames_one(client_as, question, settings):
    first, second = question.photos.all()
    data = edit_data(
        question,
        remove_photo=[str(first.pk)],
        **{f"alt_existing_{second.pk}": "Right side, six weeks later", "alt_0": "New close-up"},
    )
    data["photos"] = [
        images.upload(images.image_bytes("JPEG"), "a.jpg"),
        images.upload(images.image_bytes("PNG"), "b.png", "image/png"),
    ]
    with_commit = client_as(question.author)
    response = with_commit.post(reverse("forum:question_edit", args=[question.pk]), data)
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.photo_count == 3
    kept, new_one, new_two = question.photos.all()
    assert kept.pk == second.pk and kept.alt_text == "Right side, six weeks later"
    assert [kept.position, new_one.position, new_two.position] == [0, 1, 2]
    assert new_one.alt_text == "New close-up"
    assert not Photo.objects.filter(pk=first.pk).exists()


def test_removed_photo_files_leave_storage_after_commit(
    client_as, question, settings, django_capture_on_commit_callbacks
):
    first = question.photos.first()
    with django_capture_on_commit_callbacks(execute=True):
        client_as(question.author).post(
            reverse("forum:question_edit", args=[question.pk]),
            edit_data(question, remove_photo=[str(first.pk)]),
        )
    names = {str(path.relative_to(settings.MEDIA_ROOT)) for path in media_files(settings)}
    assert not set(first.file_names()) & names
    assert len(names) == 3


def test_more_than_six_photos_in_total_is_refused(client_as, question):
    data = edit_data(question)
    data["photos"] = [images.upload(images.image_bytes("JPEG"), f"{n}.jpg") for n in range(5)]
    response = client_as(question.author).post(
        reverse("forum:question_edit", args=[question.pk]), data
    )
    assert response.status_code == 400
    assert "at most 6 photos; you chose 7" in response.content.decode()
    assert question.photos.count() == 2


def test_delete_asks_first_then_removes_the_question_and_its_photo_files(
    client, client_as, question, settings, django_capture_on_commit_callbacks
):
    url = reverse("forum:question_delete", args=[question.pk])
    asker = client_as(question.author)
    page = asker.get(url)
    assert "Delete your question?" in page.content.decode()
    photo_urls = [photo.url() for photo in question.photos.all()]
    with django_capture_on_commit_callbacks(execute=True):
        response = asker.post(url)
    assert response.status_code == 302
    question = Question.objects.get(pk=question.pk)  # kept, soft-deleted
    assert question.deleted_at is not None
    assert not question.photos.exists()
    assert media_files(settings) == []
    assert client.get(question.get_absolute_url()).status_code == 404
    for photo_url in photo_urls:
        assert asker.get(photo_url).status_code == 404


def test_the_edit_form_shows_the_current_treatments(client_as, question):
    html = (
        client_as(question.author)
        .get(reverse("forum:question_edit", args=[question.pk]))
        .content.decode()
    )
    assert 'value="Botox, Jaw pain"' in html
    assert "Remove photo 2" in html


def test_another_questions_photos_cannot_be_touched(client_as, question, alice):
    from tests.factories import QuestionFactory

    other = QuestionFactory(photos=1)
    foreign = other.photos.get()
    client_as(alice).post(
        reverse("forum:question_edit", args=[question.pk]),
        edit_data(
            question,
            remove_photo=[str(foreign.pk)],
            **{f"alt_existing_{foreign.pk}": "hijacked"},
        ),
    )
    foreign.refresh_from_db()
    assert foreign.alt_text != "hijacked"
    assert other.photos.count() == 1


def update_unchanged(question, **changes):
    """The edit service called as the form would, for a form that changed only `changes`."""
    unchanged = {
        "title": question.title,
        "body": question.body,
        "treatments": ["Botox"],
        "photo_visibility": question.photo_visibility,
        "new_photos": [],
        "removed_photos": [],
        "alt_texts": {},
    }
    return services.question_update(question=question, **(unchanged | changes))


def test_an_edit_started_before_a_delete_does_not_bring_the_question_back(question):
    services.question_delete(question=question)
    with pytest.raises(services.QuestionGone):
        update_unchanged(question)
    question.refresh_from_db()
    assert question.deleted_at is not None


def test_a_description_for_a_photo_removed_meanwhile_is_ignored(question):
    first, second = question.photos.all()
    Photo.objects.filter(pk=first.pk).delete()
    update_unchanged(question, alt_texts={first: "gone", second: "still here"})
    second.refresh_from_db()
    assert second.alt_text == "still here"
    assert Question.objects.get(pk=question.pk).photo_count == 1


def test_a_failed_edit_leaves_no_new_files_and_keeps_the_old_photos(
    client_as, question, settings, monkeypatch
):
    before = media_files(settings)
    original_save = Photo.save

    def fail_for_new_photos(photo, *args, **kwargs):
        if photo.pk is None:
            raise RuntimeError("disk full")
        original_save(photo, *args, **kwargs)

    monkeypatch.setattr(Photo, "save", fail_for_new_photos)
    first = question.photos.first()
    data = edit_data(question, remove_photo=[str(first.pk)])
    data["photos"] = [images.upload(images.image_bytes("JPEG"), "new.jpg")]
    with pytest.raises(RuntimeError):
        client_as(question.author).post(reverse("forum:question_edit", args=[question.pk]), data)
    assert media_files(settings) == before
    assert question.photos.count() == 2


def test_deleting_leaves_no_empty_folders(
    client_as, question, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_as(question.author).post(reverse("forum:question_delete", args=[question.pk]))
    leftovers = [path for path in (settings.MEDIA_ROOT / "photos").rglob("*") if path.is_dir()]
    assert all(path.parent == settings.MEDIA_ROOT / "photos" for path in leftovers)
