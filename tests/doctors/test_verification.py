import pytest
from django.core import mail
from django.urls import reverse

from doctors.models import DoctorProfile, Status, VerificationDecision
from tests.factories import DoctorProfileFactory

CHANGELIST = reverse("admin:doctors_doctorprofile_changelist")


@pytest.fixture
def pending(db):
    return DoctorProfileFactory(name="Adrian Kessler", status=Status.PENDING, verified_at=None)


def act(client, action: str, profile, **extra):
    return client.post(CHANGELIST, {"action": action, "_selected_action": [profile.pk], **extra})


def test_a_moderator_verifies_a_doctor_and_the_doctor_is_emailed(
    client_as, moderator, pending, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        act(client_as(moderator), "verify", pending)
    pending.refresh_from_db()
    assert pending.status == Status.VERIFIED
    assert pending.slug == "adrian-kessler"
    assert pending.decided_by == moderator
    assert pending.verified_at is not None
    decision = VerificationDecision.objects.filter(profile=pending).first()
    assert (decision.status, decision.decided_by) == (Status.VERIFIED, moderator)
    assert mail.outbox[-1].to == [pending.user.email]
    assert "You are verified" in mail.outbox[-1].subject


def test_rejecting_asks_for_a_reason_then_sends_it(
    client_as, moderator, pending, django_capture_on_commit_callbacks
):
    browser = client_as(moderator)
    page = act(browser, "reject", pending)
    assert page.status_code == 200
    assert "will get an email with your reason" in page.content.decode()
    pending.refresh_from_db()
    assert pending.status == Status.PENDING  # nothing happens without the reason
    with django_capture_on_commit_callbacks(execute=True):
        act(browser, "reject", pending, apply="1", reason="Licence number not found.")
    pending.refresh_from_db()
    assert pending.status == Status.REJECTED
    assert pending.status_reason == "Licence number not found."
    assert "Licence number not found." in mail.outbox[-1].body


def test_suspend_and_reinstate(client_as, moderator, bob, django_capture_on_commit_callbacks):
    profile = bob.doctor_profile
    browser = client_as(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        act(browser, "suspend", profile, apply="1", reason="Complaints under review.")
    profile.refresh_from_db()
    assert profile.status == Status.SUSPENDED
    assert browser.get(reverse("doctors:profile", args=[profile.slug])).status_code == 404
    verified_at = profile.verified_at
    with django_capture_on_commit_callbacks(execute=True):
        act(browser, "reinstate", profile)
    profile.refresh_from_db()
    assert profile.status == Status.VERIFIED
    assert profile.verified_at == verified_at
    assert len(mail.outbox) == 2


def test_the_licence_number_is_for_moderators_only(client, client_as, moderator, bob):
    profile = DoctorProfile.objects.get(user=bob)
    public = client.get(reverse("doctors:profile", args=[profile.slug])).content.decode()
    assert profile.licence_number not in public
    admin = client_as(moderator).get(
        reverse("admin:doctors_doctorprofile_change", args=[profile.pk])
    )
    assert profile.licence_number in admin.content.decode()


def test_patients_cannot_reach_the_verification_admin(client_as, alice, pending):
    response = act(client_as(alice), "verify", pending)
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Status.PENDING


def test_a_moderator_cannot_verify_an_incomplete_or_undecided_profile(client_as, moderator):
    blank = DoctorProfileFactory(name="", status=Status.PENDING, verified_at=None)
    draft = DoctorProfileFactory(name="Draft Doctor", status=Status.DRAFT, verified_at=None)
    browser = client_as(moderator)
    act(browser, "verify", blank)
    act(browser, "verify", draft)
    blank.refresh_from_db()
    draft.refresh_from_db()
    assert (blank.status, draft.status) == (Status.PENDING, Status.DRAFT)
    assert blank.slug is None


def test_staff_who_may_only_view_cannot_decide(client_as, pending):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_doctorprofile"))
    response = act(client_as(viewer), "verify", pending)
    assert response.status_code in {200, 302, 403}
    pending.refresh_from_db()
    assert pending.status == Status.PENDING
