"""The asker's privacy choices per question: keep it out of search engines, and later remove
their name and photos from it while the doctors' answers stay."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import FORMER_MEMBER
from forum import services
from forum.models import Photo, PhotoVisibility, Question
from privacy.export import collect
from tests.factories import AnswerFactory, QuestionFactory
from tests.forum import images

ASK = {
    "title": "Is this bump after lip filler normal?",
    "body": "Two weeks after lip filler I still feel a small bump on the upper lip when I smile.",
    "treatments": "Lip filler",
    "photo_visibility": PhotoVisibility.MEMBERS,
}


def test_the_asker_keeps_a_question_out_of_search_engines(client, client_as, alice):
    response = client_as(alice).post(reverse("forum:question_ask"), ASK | {"noindex": "on"})
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.noindex
    page = client.get(question.get_absolute_url()).content.decode()
    assert '<meta name="robots" content="noindex">' in page
    assert "application/ld+json" not in page  # no QAPage for search engines either
    assert (
        question.get_absolute_url()
        not in client.get(reverse("sitemap_section", args=["questions"])).content.decode()
    )
    for feed in ("forum:feed_rss", "forum:feed_atom"):
        assert question.title not in client.get(reverse(feed)).content.decode()
    listing = client.get(reverse("forum:question_list")).content.decode()
    row = listing[listing.rindex("<div", 0, listing.index(question.title)) :]
    assert row.startswith('<div class="question-row__main" data-nosnippet>')
    home = client.get("/").content.decode()
    assert f"<span data-nosnippet>{question.title}</span>" in home  # "Waiting for an answer"


def test_a_question_is_shown_to_search_engines_unless_the_asker_says_not(client, client_as, alice):
    client_as(alice).post(reverse("forum:question_ask"), ASK)
    question = Question.objects.get()
    assert not question.noindex
    assert '<meta name="robots"' not in client.get(question.get_absolute_url()).content.decode()
    assert (
        question.get_absolute_url()
        in client.get(reverse("sitemap_section", args=["questions"])).content.decode()
    )
    edit = reverse("forum:question_edit", args=[question.pk])
    assert client_as(alice).post(edit, ASK | {"noindex": "on"}).status_code == 302
    question.refresh_from_db()
    assert question.noindex  # and the edit form can change it back
    assert 'id="id_noindex" checked' in client_as(alice).get(edit).content.decode()


@pytest.fixture
def shared(alice, bob):
    """Alice's question with two photos, a follow-up with one more, and Bob's answer."""
    question = QuestionFactory(author=alice, photos=2, title="Swelling after cheek filler?")
    processed = [(services.photos.process(images.upload(images.image_bytes())), "")]
    services.update_add(
        question=question, body="A week later.", status_set="", new_photos=processed
    )
    AnswerFactory(question=question, doctor=bob.doctor_profile, headline="Swelling settles")
    return question


def test_the_asker_removes_their_name_and_photos_and_the_answers_stay(
    client, client_as, alice, shared, settings, django_capture_on_commit_callbacks
):
    files = [settings.MEDIA_ROOT / name for p in Photo.objects.all() for name in p.file_names()]
    assert len(files) == 3 * len(Photo.SIZES) and all(path.exists() for path in files)
    url = reverse("forum:question_deidentify", args=[shared.pk])
    confirm = client_as(alice).get(url).content.decode()
    assert "Former member" in confirm and "3 photos" in confirm
    with django_capture_on_commit_callbacks(execute=True):
        assert client_as(alice).post(url).status_code == 302
    shared.refresh_from_db()
    assert shared.author is None and shared.photo_count == 0
    assert not Photo.objects.exists() and not any(path.exists() for path in files)
    page = client.get(shared.get_absolute_url()).content.decode()
    assert f"Asked by <strong>{FORMER_MEMBER}</strong>" in page and "Alice" not in page
    assert "Swelling settles" in page and "A week later." in page
    # No longer hers: she can't edit, delete or update it, and it is not in her data.
    for name in ("forum:question_edit", "forum:question_delete", "forum:question_deidentify"):
        assert client_as(alice).get(reverse(name, args=[shared.pk])).status_code == 404
    assert not collect(alice)[0]["questions"]


def test_only_the_asker_removes_their_name(client, client_as, bob, mallory, shared):
    url = reverse("forum:question_deidentify", args=[shared.pk])
    assert client_as(mallory).post(url).status_code == 404
    assert client_as(bob).post(url).status_code == 403
    assert Client().post(url).status_code == 302  # to the login page
    shared.refresh_from_db()
    assert shared.author_id is not None and shared.photo_count == 3


def test_nothing_ties_a_de_identified_question_to_its_asker(
    client_as, alice, moderator, shared, django_capture_on_commit_callbacks
):
    from forum.models import Answer, AnswerVote
    from moderation.models import ModerationAction, Report
    from moderation.services import report_submit
    from tests.factories import PatientFactory

    answer = Answer.objects.get(question=shared)
    services.vote_set(answer=answer, user=alice, helpful=True)
    photo = shared.photos.first()
    Photo.objects.filter(pk=photo.pk).update(alt_text="Alice Smith's left cheek")
    photo.refresh_from_db()
    report_submit(reporter=PatientFactory(), item=photo, reason="privacy", details="Her name")
    from moderation import audit

    audit.photo_viewed(moderator, photo)
    with django_capture_on_commit_callbacks(execute=True):
        client_as(alice).post(reverse("forum:question_deidentify", args=[shared.pk]))
    answer.refresh_from_db()
    assert not AnswerVote.objects.filter(user=alice).exists() and answer.helpful_count == 0
    assert "Alice Smith" not in " ".join(
        ModerationAction.objects.values_list("item_label", flat=True)
    )
    assert not Report.objects.filter(status="open").exists()
    assert not collect(alice)[0]["helpful_votes"]


def test_a_second_tab_cannot_update_or_de_identify_again(alice, shared):
    stale = Question.objects.get(pk=shared.pk)  # as the other tab loaded it
    services.question_deidentify(question=shared)
    with pytest.raises(services.QuestionGone):
        services.question_deidentify(question=stale)
    with pytest.raises(services.QuestionGone):
        services.update_add(question=stale, body="Too late.", status_set="", new_photos=[])
