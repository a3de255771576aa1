from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.models import MODERATORS_GROUP, Role, User


def test_the_moderators_group_holds_exactly_what_moderators_need(db):
    group = Group.objects.get(name=MODERATORS_GROUP)
    held = {(p.content_type.app_label, p.codename) for p in group.permissions.all()}
    view_and_change = {
        ("forum", "question"),
        ("forum", "photo"),
        ("forum", "answer"),
        ("treatments", "treatment"),
        ("doctors", "review"),
        ("doctors", "doctorprofile"),
        ("doctors", "specialty"),
        ("moderation", "report"),
        ("forum", "questionupdate"),  # the askers' follow-ups (issue 9)
        ("gallery", "pair"),  # doctors' before-and-after photos (issue 17)
        ("consultations", "consultation"),  # reported ones only (issue 17)
    }
    assert held == {
        *(
            (app, f"{verb}_{model}")
            for app, model in view_and_change
            for verb in ("view", "change")
        ),
        ("doctors", "view_verificationdecision"),
        ("moderation", "view_moderationaction"),
        ("gallery", "view_pairphoto"),
        ("consultations", "view_message"),
        ("consultations", "view_messagephoto"),
        ("accounts", "view_user"),
        ("accounts", "ban_user"),
        # The urgent-care rules (issue 9): moderators keep them up to date.
        ("forum", "view_urgentrule"),
        ("forum", "add_urgentrule"),
        ("forum", "change_urgentrule"),
    }
    codenames = {codename for _, codename in held}
    assert not any(codename.startswith("delete_") for codename in codenames)
    assert {c for c in codenames if c.startswith("add_")} == {"add_urgentrule"}
    assert not codenames & {"change_user", "change_group", "change_permission", "view_group"}


def test_moderators_can_look_members_up_but_not_change_them(client_as, moderator, alice):
    client = client_as(moderator)
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 200
    page = client.get(reverse("admin:accounts_user_change", args=[alice.pk]))
    assert page.status_code == 200
    assert 'name="display_name"' not in page.content.decode()  # read-only
    assert client.get(reverse("admin:accounts_user_delete", args=[alice.pk])).status_code == 403
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_roles(alice, bob, moderator):
    assert alice.is_patient and not alice.is_doctor and not alice.is_moderator
    assert bob.is_doctor and not bob.is_patient and not bob.is_moderator
    assert moderator.is_moderator and moderator.is_staff


def test_new_users_are_patients_by_default(db):
    user = User.objects.create_user("new@example.com", "pw", display_name="New Member")
    assert user.role == Role.PATIENT
    assert str(user) == "New Member"


def test_emails_are_stored_in_lower_case(db):
    user = User.objects.create_user("Mixed@Example.COM", "pw", display_name="Mixed")
    assert user.email == "mixed@example.com"
