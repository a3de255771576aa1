"""Every URL pattern of the project, for every role, by GET and by POST: the answer is the
expected one and never a 500. The patterns are read from the URL conf, so a new view fails
this test until its expected answers are written down below."""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts import notifications
from accounts.models import DataExport
from consultations.models import MessagePhoto
from doctors import services as doctor_services
from forum import services
from forum.models import PhotoVisibility
from moderation.services import ban
from tests.consultations.conftest import processed, start
from tests.factories import QuestionFactory
from tests.gallery.conftest import make_pair
from treatments.models import Treatment

ROLES = ["anonymous", "patient", "pending_doctor", "verified_doctor", "moderator", "banned"]

# name: (GET answers, POST answers), one per role in ROLES' order: anonymous, patient, doctor
# waiting for verification, verified doctor, moderator, banned member. The POSTs carry no
# data: 400 is a form that says what is missing. A banned member gets the banned page (403)
# everywhere, and is logged out. Members who are not staff are sent from the admin to its
# login (302), which refuses them (403); moderators see what their group allows.
EXPECTED = {
    "account_change_password": ("302 200 200 200 200 403", "302 200 200 200 200 403"),
    "account_confirm_email": ("200 200 200 200 200 403", "404 404 404 404 404 403"),
    "account_confirm_login_code": ("302 302 302 302 302 403", "302 302 302 302 302 403"),
    "account_email": ("302 200 200 200 200 403", "302 302 302 302 302 403"),
    "account_email_verification_sent": ("200 200 200 200 200 403", "405 405 405 405 405 403"),
    "account_inactive": ("200 200 200 200 200 403", "405 405 405 405 405 403"),
    "account_login": ("200 302 302 302 302 403", "200 302 302 302 302 403"),
    "account_logout": ("302 200 200 200 200 403", "302 302 302 302 302 403"),
    # allauth 65.22: reauthenticating with a code sent by email instead of the password.
    "account_request_reauthentication_code": (
        "302 200 200 200 200 403",
        "302 200 200 200 200 403",
    ),
    "account_confirm_reauthentication_code": (
        "302 302 302 302 302 403",
        "302 302 302 302 302 403",
    ),
    "account_reauthenticate": ("302 200 200 200 200 403", "302 200 200 200 200 403"),
    "account_reset_password": ("200 200 200 200 200 403", "200 200 200 200 200 403"),
    "account_reset_password_done": ("200 200 200 200 200 403", "405 405 405 405 405 403"),
    "account_reset_password_from_key": ("200 200 200 200 200 403", "200 200 200 200 200 403"),
    "account_reset_password_from_key_done": ("200 200 200 200 200 403", "405 405 405 405 405 403"),
    "account_set_password": ("302 302 302 302 302 403", "302 302 302 302 302 403"),
    "account_signup": ("200 302 302 302 302 403", "200 302 302 302 302 403"),
    "accounts:notifications": ("302 200 200 200 200 403", "302 200 200 200 200 403"),
    "accounts:notification_list": ("302 200 200 200 200 403", "302 405 405 405 405 403"),
    "accounts:profile": ("302 200 200 200 200 403", "302 400 400 400 400 403"),
    "accounts:unsubscribe": ("200 200 200 200 200 403", "200 200 200 200 200 403"),
    "admin:account_emailaddress_add": ("302 302 302 302 403 403", "302 302 302 302 403 403"),
    "admin:account_emailaddress_changelist": ("302 302 302 302 403 403", "302 302 302 302 403 403"),
    "admin:accounts_user_add": ("302 302 302 302 403 403", "302 302 302 302 403 403"),
    "admin:accounts_user_changelist": ("302 302 302 302 200 403", "302 302 302 302 200 403"),
    "admin:app_list": ("302 302 302 302 200 403", "302 302 302 302 200 403"),
    "admin:auth_group_add": ("302 302 302 302 403 403", "302 302 302 302 403 403"),
    "admin:auth_group_changelist": ("302 302 302 302 403 403", "302 302 302 302 403 403"),
    "admin:django_tasks_database_dbtaskresult_add": (
        "302 302 302 302 403 403",
        "302 302 302 302 403 403",
    ),
    "admin:django_tasks_database_dbtaskresult_changelist": (
        "302 302 302 302 403 403",
        "302 302 302 302 403 403",
    ),
    "admin:doctors_doctorprofile_add": ("302 302 302 302 403 403", "302 302 302 302 403 403"),
    "admin:doctors_doctorprofile_changelist": (
        "302 302 302 302 200 403",
        "302 302 302 302 200 403",
    ),
    "admin:doctors_review_add": ("302 302 302 302 403 403", "302 302 302 302 403 403"),
    "admin:doctors_review_changelist": ("302 302 302 302 200 403", "302 302 302 302 200 403"),
    "admin:doctors_specialty_add": ("302 302 302 302 403 403", "302 302 302 302 403 403"),
    "admin:doctors_specialty_changelist": ("302 302 302 302 200 403", "302 302 302 302 200 403"),
    "admin:doctors_verificationdecision_add": (
        "302 302 302 302 403 403",
        "302 302 302 302 403 403",
    ),
    "admin:doctors_verificationdecision_changelist": (
        "302 302 302 302 200 403",
        "302 302 302 302 200 403",
    ),
    "admin:forum_answer_add": ("302 302 302 302 403 403", "302 302 302 302 403 403"),
    "admin:forum_answer_changelist": ("302 302 302 302 200 403", "302 302 302 302 200 403"),
    "admin:forum_answervote_add": ("302 302 302 302 403 403", "302 302 302 302 403 403"),
    "admin:forum_answervote_changelist": ("302 302 302 302 403 403", "302 302 302 302 403 403"),
    "admin:forum_photo_add": ("302 302 302 302 403 403", "302 302 302 302 403 403"),
    "admin:forum_photo_changelist": ("302 302 302 302 200 403", "302 302 302 302 200 403"),
    "admin:forum_question_add": ("302 302 302 302 403 403", "302 302 302 302 403 403"),
    "admin:forum_question_changelist": ("302 302 302 302 200 403", "302 302 302 302 200 403"),
    "admin:forum_urgentrule_add": ("302 302 302 302 200 403", "302 302 302 302 200 403"),
    "admin:forum_urgentrule_changelist": ("302 302 302 302 200 403", "302 302 302 302 200 403"),
    "admin:index": ("302 302 302 302 200 403", "302 302 302 302 200 403"),
    "admin:jsi18n": ("302 302 302 302 200 403", "302 302 302 302 405 403"),
    "admin:login": ("302 403 403 403 403 403", "302 403 403 403 403 403"),
    "admin:logout": ("302 302 302 302 405 403", "302 302 302 302 200 403"),
    "admin:consultations_consultation_add": ("302 302 302 302 403 403", "302 302 302 302 403 403"),
    "admin:consultations_consultation_changelist": (
        "302 302 302 302 200 403",
        "302 302 302 302 200 403",
    ),
    "admin:gallery_pair_add": ("302 302 302 302 403 403", "302 302 302 302 403 403"),
    "admin:gallery_pair_changelist": ("302 302 302 302 200 403", "302 302 302 302 200 403"),
    "admin:mfa_authenticator_add": ("302 302 302 302 403 403", "302 302 302 302 403 403"),
    "admin:mfa_authenticator_changelist": ("302 302 302 302 403 403", "302 302 302 302 403 403"),
    "admin:moderation_moderationaction_add": ("302 302 302 302 403 403", "302 302 302 302 403 403"),
    "admin:moderation_moderationaction_changelist": (
        "302 302 302 302 200 403",
        "302 302 302 302 200 403",
    ),
    "admin:moderation_report_add": ("302 302 302 302 403 403", "302 302 302 302 403 403"),
    "admin:moderation_report_changelist": ("302 302 302 302 200 403", "302 302 302 302 200 403"),
    "admin:treatments_treatment_add": ("302 302 302 302 403 403", "302 302 302 302 403 403"),
    "admin:treatments_treatment_changelist": (
        "302 302 302 302 200 403",
        "302 302 302 302 200 403",
    ),
    "admin:usersessions_usersession_add": ("302 302 302 302 403 403", "302 302 302 302 403 403"),
    "admin:usersessions_usersession_changelist": (
        "302 302 302 302 403 403",
        "302 302 302 302 403 403",
    ),
    "doctors:apply": ("302 403 200 200 403 403", "302 403 302 302 403 403"),
    "doctors:directory": ("200 200 200 200 200 403", "405 405 405 405 405 403"),
    "doctors:headshot": ("404 404 404 404 404 403", "405 405 405 405 405 403"),
    "doctors:profile": ("200 200 200 200 200 403", "405 405 405 405 405 403"),
    "doctors:review": ("302 200 403 403 200 403", "302 400 403 403 400 403"),
    "doctors:review_reply": ("302 403 405 405 403 403", "302 403 403 302 403 403"),
    "doctors:reviews": ("200 200 200 200 200 403", "405 405 405 405 405 403"),
    "forum:answer_agree": ("302 403 403 405 403 403", "302 403 403 403 403 403"),
    "forum:answer_helped": ("302 405 405 405 405 403", "302 302 403 403 403 403"),
    "forum:answer_post": ("302 403 403 405 403 403", "302 403 403 400 403 403"),
    "forum:answer_vote": ("302 405 405 405 405 403", "302 302 302 403 302 403"),
    "forum:doctor_dashboard": ("302 403 200 200 403 403", "302 403 405 405 403 403"),
    "forum:doctor_follow": ("302 403 405 405 403 403", "302 403 302 302 403 403"),
    "forum:my_activity": ("302 200 200 200 200 403", "302 405 405 405 405 403"),
    "forum:feed_atom": ("200 200 200 200 200 403", "405 405 405 405 405 403"),
    "forum:feed_rss": ("200 200 200 200 200 403", "405 405 405 405 405 403"),
    "forum:photo": ("404 200 200 200 200 403", "405 405 405 405 405 403"),
    "forum:question_ask": ("302 200 403 403 200 403", "302 400 403 403 400 403"),
    "forum:question_delete": ("302 200 403 403 404 403", "302 302 403 403 404 403"),
    "forum:question_detail": ("200 200 200 200 200 403", "405 405 405 405 405 403"),
    "forum:question_detail_short": ("301 301 301 301 301 403", "405 405 405 405 405 403"),
    "forum:question_edit": ("302 200 403 403 404 403", "302 400 403 403 404 403"),
    "forum:question_follow": ("302 405 405 405 405 403", "302 403 302 302 302 403"),
    "forum:question_list": ("200 200 200 200 200 403", "405 405 405 405 405 403"),
    "forum:search": ("200 200 200 200 200 403", "405 405 405 405 405 403"),
    "forum:treatment_detail": ("200 200 200 200 200 403", "405 405 405 405 405 403"),
    "forum:treatment_feed_atom": ("200 200 200 200 200 403", "405 405 405 405 405 403"),
    "forum:treatment_feed_rss": ("200 200 200 200 200 403", "405 405 405 405 405 403"),
    "forum:treatment_follow": ("302 405 403 403 405 403", "302 302 403 403 302 403"),
    "forum:treatment_reviews": ("200 200 200 200 200 403", "405 405 405 405 405 403"),
    "forum:triage_check": ("302 405 403 403 405 403", "302 200 403 403 200 403"),
    "healthz": ("200 200 200 200 200 403", "405 405 405 405 405 403"),
    "home": ("200 200 200 200 200 403", "405 405 405 405 405 403"),
    "mfa_activate_totp": ("302 302 302 302 302 403", "302 302 302 302 302 403"),
    "mfa_authenticate": ("302 302 302 302 302 403", "302 302 302 302 302 403"),
    "mfa_deactivate_totp": ("302 404 302 302 302 403", "302 404 302 302 302 403"),
    "mfa_download_recovery_codes": ("302 404 404 404 404 403", "302 404 404 404 404 403"),
    "mfa_generate_recovery_codes": ("302 302 302 302 302 403", "302 302 302 302 302 403"),
    "mfa_index": ("302 200 200 200 200 403", "302 405 405 405 405 403"),
    "mfa_reauthenticate": ("302 302 200 200 200 403", "302 302 200 200 200 403"),
    "mfa_view_recovery_codes": ("302 404 404 404 404 403", "302 405 405 405 405 403"),
    "consultations:inbox": ("302 200 200 200 200 403", "302 405 405 405 405 403"),
    "consultations:photo": ("404 200 404 200 404 403", "405 405 405 405 405 403"),
    "consultations:request": ("302 200 403 403 200 403", "302 400 403 403 400 403"),
    # Alice's consultation with Bob: theirs alone; moderators only once it is reported.
    "consultations:thread": ("302 200 404 200 404 403", "302 400 404 400 404 403"),
    "gallery:delete": ("302 403 404 200 403 403", "302 403 404 302 403 403"),
    "gallery:doctor": ("200 200 200 200 200 403", "405 405 405 405 405 403"),
    "gallery:new": ("302 403 403 200 403 403", "302 403 403 400 403 403"),
    "gallery:photo": ("200 200 200 200 200 403", "405 405 405 405 405 403"),
    "gallery:treatment": ("200 200 200 200 200 403", "405 405 405 405 405 403"),
    "moderation:report": ("302 403 200 200 200 403", "302 403 200 200 200 403"),
    "pages:about": ("200 200 200 200 200 403", "405 405 405 405 405 403"),
    "pages:contact": ("200 200 200 200 200 403", "400 400 400 400 400 403"),
    "pages:privacy": ("200 200 200 200 200 403", "405 405 405 405 405 403"),
    "pages:terms": ("200 200 200 200 200 403", "405 405 405 405 405 403"),
    # Signed-in members are asked for their password again first (302 to allauth's page).
    "privacy:account_delete": ("302 302 302 302 302 403", "302 302 302 302 302 403"),
    "privacy:data_download": ("302 302 302 302 302 403", "302 302 302 302 302 403"),
    "privacy:data_export": ("302 200 200 200 200 403", "302 302 302 302 302 403"),
    "robots_txt": ("200 200 200 200 200 403", "405 405 405 405 405 403"),
    "sitemap": ("200 200 200 200 200 403", "405 405 405 405 405 403"),
    "sitemap_section": ("200 200 200 200 200 403", "405 405 405 405 405 403"),
    "usersessions_list": ("302 200 200 200 200 403", "302 302 302 302 302 403"),
    "admin:forum_questionupdate_add": ("302 302 302 302 403 403", "302 302 302 302 403 403"),
    "admin:forum_questionupdate_changelist": ("302 302 302 302 200 403", "302 302 302 302 200 403"),
    "forum:question_deidentify": ("302 200 403 403 404 403", "302 302 403 403 404 403"),
    "forum:update_add": ("302 405 403 403 405 403", "302 400 403 403 404 403"),
    "forum:update_delete": ("302 200 403 403 404 403", "302 302 403 403 404 403"),
}


# The admin's views for one object (change, delete, history) are left out here; each model's
# list and add pages, and the site's own pages, are in. tests/moderation covers the rest.
ADMIN_PER_OBJECT = ("_change", "_delete", "_history", "view_on_site", "autocomplete")


def walk(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in [namespace, pattern.namespace or ""] if part)
            yield from walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            if name.startswith("admin:") and (
                name.endswith(ADMIN_PER_OBJECT) or "headshot" in name or "password" in name
            ):
                continue
            yield name


def all_names() -> list[str]:
    return sorted(set(walk(get_resolver().url_patterns)))


@pytest.fixture
def world(alice, bob, carol, mallory, moderator):
    question = QuestionFactory(author=alice, photos=1, photo_visibility=PhotoVisibility.MEMBERS)
    answer, _ = services.answer_submit(
        question=question, doctor=bob.doctor_profile, headline="It settles",
        body="Swelling after filler settles within two weeks for most people.", notify=False,
    )  # fmt: skip
    review, _ = doctor_services.review_submit(
        doctor=bob.doctor_profile, author=alice,
        fields={"rating": 4, "title": "Kind", "body": "Careful and kind.", "worth_it": "yes"},
    )  # fmt: skip
    update = services.update_add(
        question=question, body="Three weeks later it is softer.", status_set="", new_photos=[]
    )
    export = DataExport.objects.create(user=alice)
    ban(user=mallory, actor=moderator, reason="Spam")
    slug = bob.doctor_profile.slug
    pair = make_pair(bob.doctor_profile, Treatment.objects.get(slug="lip-filler"))
    consultation = start(alice, bob, pictures=[(processed(), "")])
    args = {
        "sitemap_section": {"section": "questions"},
        "forum:question_detail_short": {"pk": question.pk},
        "forum:question_edit": {"pk": question.pk},
        "forum:question_delete": {"pk": question.pk},
        "forum:answer_post": {"pk": question.pk},
        "forum:question_follow": {"pk": question.pk},
        "forum:update_add": {"pk": question.pk},
        "forum:update_delete": {"pk": update.pk},
        "forum:question_deidentify": {"pk": question.pk},
        "forum:question_detail": {"pk": question.pk, "slug": question.slug},
        "forum:answer_vote": {"pk": answer.pk},
        "forum:answer_helped": {"pk": answer.pk},
        "forum:answer_agree": {"pk": answer.pk},
        "forum:treatment_detail": {"slug": "lip-filler"},
        "forum:treatment_feed_rss": {"slug": "lip-filler"},
        "forum:treatment_feed_atom": {"slug": "lip-filler"},
        "forum:treatment_follow": {"slug": "lip-filler"},
        "forum:treatment_reviews": {"slug": "lip-filler"},
        "forum:photo": {"key": question.photos.get().key, "size": "320"},
        "doctors:profile": {"slug": slug},
        "doctors:headshot": {"slug": slug, "size": "320"},
        "doctors:review": {"slug": slug},
        "doctors:reviews": {"slug": slug},
        "doctors:review_reply": {"slug": slug, "pk": review.pk},
        "moderation:report": {"kind": "question", "pk": question.pk},
        "consultations:request": {"slug": slug},
        "consultations:thread": {"pk": consultation.pk},
        "consultations:photo": {"key": MessagePhoto.objects.get().key, "size": "320"},
        "gallery:delete": {"pk": pair.pk},
        "gallery:photo": {"key": pair.photos.first().key, "size": "320"},
        "gallery:doctor": {"slug": slug},
        "gallery:treatment": {"slug": "lip-filler"},
        "account_confirm_email": {"key": "not-a-real-key"},
        "account_reset_password_from_key": {"uidb36": "zz", "key": "not-a-real-key"},
        "privacy:data_download": {"pk": export.pk},
        "accounts:unsubscribe": {"token": notifications.unsubscribe_token(alice, "answers")},
        "admin:app_list": {"app_label": "forum"},
    }
    users = {
        "patient": alice,
        "pending_doctor": carol,
        "verified_doctor": bob,
        "moderator": moderator,
        "banned": mallory,
    }
    return args, users


def client_for(role: str, users: dict) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(users[role])
    return client


def observe(world) -> dict[str, tuple[str, str]]:
    args, users = world
    seen = {}
    for name in all_names():
        url = reverse(name, kwargs=args.get(name, {}))
        answers = []
        for method in ("get", "post"):
            codes = []
            for role in ROLES:
                # A new client each time, and every request rolled back: nothing one request
                # does (a POST that deletes, votes or bans) changes what the next one sees.
                with transaction.atomic():
                    response = getattr(client_for(role, users), method)(url)
                    transaction.set_rollback(True)
                codes.append(str(response.status_code))
            answers.append(" ".join(codes))
        seen[name] = tuple(answers)
    return seen


def test_every_url_answers_every_role_as_expected(world):
    seen = observe(world)
    assert not [name for name, answers in seen.items() if "500" in " ".join(answers)]
    assert seen == EXPECTED
