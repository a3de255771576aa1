import time
from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import MODERATORS_GROUP, Role, User
from doctors.models import DoctorProfile, Specialty, Status

PASSWORD = "correct-horse-battery-staple"  # noqa: S105
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - staff's authenticator in tests


def totp_code(secret: str = TOTP_SECRET) -> str:
    """The code an authenticator app would show now. Within the last two seconds of a 30-second
    window it waits for the next one, so the code is still valid when the server checks it."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    now = timezone.now().timestamp()
    if now % 30 > 28:
        time.sleep(30 - now % 30 + 0.1)
        now = timezone.now().timestamp()
    counter = int(now) // 30
    return format_hotp_value(hotp_value(secret, counter))


class UserFactory(factory.django.DjangoModelFactory):
    """A patient whose email address is verified, as after a normal sign-up."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@example.com")
    display_name = factory.Sequence(lambda n: f"Member {n}")
    role = Role.PATIENT
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(
                user=self, email=self.email, primary=True, verified=extracted is not False
            )

    @factory.post_generation
    def mfa(self, create, extracted, **kwargs):
        """Staff and doctors have an authenticator app (TOTP_SECRET) unless mfa=False; patients
        only with mfa=True."""
        if create and (extracted if extracted is not None else self.is_staff or self.is_doctor):
            from allauth.mfa.totp.internal.auth import TOTP

            TOTP.activate(self, TOTP_SECRET)


class PatientFactory(UserFactory):
    role = Role.PATIENT


class DoctorFactory(UserFactory):
    role = Role.DOCTOR


class ModeratorFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def moderator_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name=MODERATORS_GROUP))


class QuestionFactory(factory.django.DjangoModelFactory):
    """A question with treatments (and, with photos=N, N stored photos)."""

    class Meta:
        model = "forum.Question"
        skip_postgeneration_save = True

    author = factory.SubFactory(PatientFactory)
    title = factory.Sequence(lambda n: f"Is swelling normal on day {n} after filler?")
    body = "I had filler in my lips and the swelling has not gone down yet. Is that normal?"

    @factory.post_generation
    def treatments(self, create, extracted, **kwargs):
        if create:
            from forum.services import recount_treatments_of

            self.treatments.set(extracted if extracted is not None else ["Lip filler"])
            recount_treatments_of([self.pk])

    @factory.post_generation
    def photos(self, create, extracted, **kwargs):
        if create and extracted:
            import photos as pipeline
            from forum.services import _add_photos
            from tests.forum.images import image_bytes, upload

            processed = pipeline.process(upload(image_bytes("JPEG", size=(400, 300))))
            _add_photos(self, [(processed, "")] * extracted, 0, [])
            self.photo_count = extracted
            self.save(update_fields=["photo_count"])

    @factory.post_generation
    def indexed(self, create, extracted, **kwargs):
        """Searchable on PostgreSQL, as after question_create."""
        if create:
            from forum import search

            search.refresh([self.pk])


class DoctorProfileFactory(factory.django.DjangoModelFactory):
    """A verified doctor's profile (status=... for the other states)."""

    class Meta:
        model = "doctors.DoctorProfile"
        skip_postgeneration_save = True

    user = factory.SubFactory(DoctorFactory)
    name = factory.Sequence(lambda n: f"Doctor Person {n}")
    credentials = factory.LazyFunction(lambda: ["MD"])
    specialty = factory.LazyFunction(lambda: Specialty.objects.get(slug="dermatologist"))
    city = "Seattle"
    region = "WA"
    country = "United States"
    licence_number = factory.Sequence(lambda n: f"LIC-{n:05d}")
    licence_jurisdiction = "Washington State Department of Health"
    licence_expires_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=730))
    status = "verified"
    verified_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == "verified" else None
    )

    @factory.post_generation
    def slugged(self, create, extracted, **kwargs):
        if create and self.status == "verified":
            self.ensure_slug()
            self.save(update_fields=["slug"])


def many_verified_doctors(count: int, **fields_of) -> list:
    """`count` verified dermatologists in two bulk inserts (for query bounds at scale);
    `fields_of(n)` callables give each doctor's other fields."""
    specialty = Specialty.objects.get(slug="dermatologist")
    users = User.objects.bulk_create(
        User(email=f"d{n}@example.com", display_name=f"Doc Person {n}", role=Role.DOCTOR)
        for n in range(count)
    )
    return DoctorProfile.objects.bulk_create(
        DoctorProfile(
            user=user,
            name=f"Doctor {n}",
            slug=f"doctor-{n}",
            specialty=specialty,
            status=Status.VERIFIED,
            **{name: value(n) for name, value in fields_of.items()},
        )
        for n, user in enumerate(users)
    )


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "forum.Answer"
        skip_postgeneration_save = True

    question = factory.SubFactory(QuestionFactory)
    doctor = factory.SubFactory(DoctorProfileFactory)
    headline = "Swelling for two weeks is common"
    body = "Swelling after lip filler usually settles within two weeks; cold packs help early on."

    @factory.post_generation
    def indexed(self, create, extracted, **kwargs):
        if create:
            from forum import search

            search.refresh([self.question_id])


class ReviewFactory(factory.django.DjangoModelFactory):
    """A published review by a new patient; call doctor.refresh_rating() after making some."""

    class Meta:
        model = "doctors.Review"

    doctor = factory.SubFactory(DoctorProfileFactory)
    author = factory.SubFactory(PatientFactory)
    rating = 5
    title = "Clear and kind"
    body = "The doctor explained every step and the result looks natural."
    worth_it = "yes"
    experience = "treatment"
