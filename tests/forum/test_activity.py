"""A member's own page of what they posted and follow, the notifications list with the bell,
and what members hear when moderators remove an answer."""

from django.core import mail
from django.urls import reverse

from accounts.models import Notification
from doctors import services as doctor_services
from forum import services
from moderation.services import set_hidden
from tests.factories import QuestionFactory
from treatments.models import Treatment

INBOX = reverse("accounts:notification_list")
ACTIVITY = reverse("forum:my_activity")


def answer(question, doctor, headline="Swelling settles in two weeks"):
    answer, _ = services.answer_submit(
        question=question,
        doctor=doctor.doctor_profile,
        headline=headline,
        body="Swelling after filler usually settles within two weeks; ice helps.",
    )
    return answer


def test_an_answer_is_listed_for_the_asker_and_followers_whatever_their_email_choice(
    client_as, alice, bob, mallory, django_capture_on_commit_callbacks
):
    alice.notify_answers = False
    alice.save()
    question = QuestionFactory(author=alice, title="Swelling after lip filler")
    services.follow_set(question=question, user=mallory, follow=True)
    with django_capture_on_commit_callbacks(execute=True):
        posted = answer(question, bob)
    assert [message.to for message in mail.outbox] == [["mallory@example.com"]]  # alice: none
    (note,) = Notification.objects.filter(user=alice)
    assert note.text == "Bob Stone, MD, FACS answered your question “Swelling after lip filler”"
    assert note.url == posted.get_absolute_url()
    assert Notification.objects.get(user=mallory).text.endswith("a question you follow")
    alice.refresh_from_db()
    assert alice.unread_notifications == 1


def test_the_bell_counts_until_the_list_is_opened(
    client_as, alice, bob, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answer(QuestionFactory(author=alice), bob)
    client = client_as(alice)
    assert "Notifications, 1 new" in client.get(reverse("home")).content.decode()
    html = client.get(INBOX).content.decode()
    assert 'class="notification notification--new"' in html
    assert "Notifications, 1 new" not in html
    assert "Notifications, 1 new" not in client.get(reverse("home")).content.decode()
    # Seen once: no longer new.
    assert "notification--new" not in client.get(INBOX).content.decode()
    alice.refresh_from_db()
    assert alice.unread_notifications == 0
    assert Notification.objects.get(user=alice).read_at is not None


def test_the_list_is_the_members_own_and_bounded(
    client_as, alice, mallory, django_assert_max_num_queries
):
    for number in range(45):
        Notification.objects.create(user=alice, text=f"Note {number}", url="/")
    Notification.objects.create(user=mallory, text="Mallory's own", url="/")
    client = client_as(alice)
    # Session, user, page count and rows, marking them read and recounting, in a transaction.
    with django_assert_max_num_queries(9):
        html = client.get(INBOX).content.decode()
    assert "Note 44" in html and "Note 15" in html and "Note 14" not in html  # 30 a page
    assert "Mallory's own" not in html
    assert "Note 14" in client.get(INBOX + "?page=2").content.decode()
    assert client.get(INBOX + "?page=zz").status_code == 200


def test_a_removed_answer_tells_the_doctor_why_and_the_asker_that_it_went(
    client, client_as, alice, bob, moderator, django_capture_on_commit_callbacks
):
    question = QuestionFactory(author=alice, title="Botox for jaw clenching")
    with django_capture_on_commit_callbacks(execute=True):
        posted = answer(question, bob, headline="Double the dose")
    mail.outbox.clear()
    reason = "Recommends a prescription dose without an examination."
    with django_capture_on_commit_callbacks(execute=True):
        set_hidden(posted, hidden=True, actor=moderator, reason=reason)
    (email,) = mail.outbox
    assert email.to == ["bob@example.com"]
    assert "removed" in email.subject and reason in email.body
    assert "Unsubscribe" not in email.body  # a notice about their own standing
    assert Notification.objects.get(user=bob).text == (
        f"Moderators removed your answer to “Botox for jaw clenching”: {reason}"
    )
    assert (
        Notification.objects.filter(user=alice)
        .latest("id")
        .text.startswith("Moderators removed an answer")
    )
    removed = "An answer to this question was removed by our moderators"
    for browser in (client_as(alice), client):
        html = browser.get(question.get_absolute_url()).content.decode()
        assert removed in html
        assert "Double the dose" not in html
        assert "No doctor has answered yet" not in html
    # The doctor sees their own answer marked as hidden, so no second notice for them.
    assert removed not in client_as(bob).get(question.get_absolute_url()).content.decode()
    set_hidden(posted, hidden=False, actor=moderator)
    assert removed not in client.get(question.get_absolute_url()).content.decode()


def test_hiding_after_reports_alone_tells_nobody_until_a_moderator_decides(
    alice, bob, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        posted = answer(QuestionFactory(author=alice), bob)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        set_hidden(posted, hidden=True, actor=None, reason="Reported by several members")
    assert mail.outbox == []
    assert not Notification.objects.filter(user=bob).exists()


def test_my_activity_shows_what_the_member_posted_and_follows(
    client, client_as, alice, bob, mallory, django_assert_max_num_queries
):
    own = QuestionFactory(author=alice, title="Tear trough filler bruising")
    services.update_add(
        question=own, body="Ten days later the bruise is yellow.", status_set="",
        new_photos=[], notify=False,
    )  # fmt: skip
    followed = QuestionFactory(author=mallory, title="Lip flip or filler?")
    services.follow_set(question=followed, user=alice, follow=True)
    doctor_services.review_submit(
        doctor=bob.doctor_profile, author=alice,
        fields={"rating": 5, "title": "Careful and kind", "body": "Explained every step.",
                "worth_it": "yes", "experience": "treatment"},
    )  # fmt: skip
    services.treatment_follow_set(
        treatment=Treatment.objects.create(name="Lip flip"), user=alice, follow=True
    )
    QuestionFactory(author=mallory, title="Mallory's own question")
    QuestionFactory.create_batch(25, author=alice)
    browser = client_as(alice)
    with django_assert_max_num_queries(8):
        html = browser.get(ACTIVITY).content.decode()
    for text in (
        "Ten days later the bruise is yellow.",
        "Lip flip or filler?",
        "Careful and kind",
        "5 out of 5 stars for Bob Stone",
        "Your 20 latest.",
        ">Lip flip</a>",
    ):
        assert text in html, text
    assert "Mallory's own question" not in html
    assert client.get(ACTIVITY).status_code == 302


def test_my_activity_for_a_new_member_says_where_to_start(client_as, mallory):
    html = client_as(mallory).get(ACTIVITY).content.decode()
    assert "You haven't asked anything yet." in html
    assert "You follow no questions." in html
    assert "You follow no treatments." in html
