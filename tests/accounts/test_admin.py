from django.urls import reverse

from accounts.models import User
from tests.factories import UserFactory


def test_admin_user_pages_work_for_a_superuser(client_as, alice, django_assert_max_num_queries):
    admin = UserFactory(display_name="Site Owner", is_staff=True, is_superuser=True)
    UserFactory.create_batch(20)
    client = client_as(admin)
    with django_assert_max_num_queries(10):
        changelist = client.get(reverse("admin:accounts_user_changelist"))
    assert changelist.status_code == 200
    assert "DocAnswers moderation" in changelist.content.decode()
    assert client.get(reverse("admin:accounts_user_change", args=[alice.pk])).status_code == 200
    assert client.get(reverse("admin:accounts_user_changelist") + "?q=alice").status_code == 200


def test_admin_adds_a_user(client_as, db):
    admin = UserFactory(display_name="Site Owner", is_staff=True, is_superuser=True)
    response = client_as(admin).post(
        reverse("admin:accounts_user_add"),
        {
            "email": "new.doctor@example.com",
            "display_name": "New Doctor Person",
            "role": "doctor",
            "usable_password": "true",
            "password1": "a-long-unusual-passphrase",
            "password2": "a-long-unusual-passphrase",
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert User.objects.get(email="new.doctor@example.com").is_doctor


def test_patients_cannot_open_the_admin(client_as, alice):
    response = client_as(alice).get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_moderators_see_no_member_email_addresses(client_as, moderator, alice, bob):
    client = client_as(moderator)
    changelist = reverse("admin:accounts_user_changelist")
    for url in (
        changelist,
        changelist + "?q=Alice",
        reverse("admin:accounts_user_change", args=[alice.pk]),
        reverse("admin:doctors_doctorprofile_change", args=[bob.doctor_profile.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "@example.com" not in response.content.decode(), url


def test_moderators_cannot_look_a_member_up_by_email(client_as, moderator, alice, bob):
    client = client_as(moderator)
    found = client.get(reverse("admin:accounts_user_changelist") + "?q=alice@example")
    assert list(found.context["cl"].result_list) == []
    doctors = client.get(reverse("admin:doctors_doctorprofile_changelist") + "?q=bob@example")
    assert list(doctors.context["cl"].result_list) == []
    autocomplete = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "doctors",
            "model_name": "doctorprofile",
            "field_name": "user",
            "term": "bob@",
        },
    )
    assert autocomplete.status_code == 200
    assert autocomplete.json()["results"] == []


def test_superusers_still_see_and_search_email_addresses(client_as, alice):
    admin = UserFactory(display_name="Site Owner", is_staff=True, is_superuser=True)
    client = client_as(admin)
    found = client.get(reverse("admin:accounts_user_changelist") + "?q=alice@example")
    assert list(found.context["cl"].result_list) == [alice]
    assert "alice@example.com" in found.content.decode()
    change = client.get(reverse("admin:accounts_user_change", args=[alice.pk]))
    assert 'value="alice@example.com"' in change.content.decode()
