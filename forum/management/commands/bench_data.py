"""Fill an empty scratch database with a realistic amount of made-up data for the benchmark."""

import random
import time
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify

import photos
from accounts.models import User
from consultations.models import Consultation, Message
from doctors import places
from doctors.models import CostRange, DoctorProfile, Review, Specialty, rating_figures_from
from forum import search
from forum.management.commands.search_benchmark import (
    ANSWER_TEXT,
    OPENINGS,
    PROBLEMS,
    QUESTIONS,
    TREATMENTS,
)
from forum.models import Answer, Photo, PhotoVisibility, Question, TaggedQuestion
from forum.services import recount_all_treatments, recount_doctor_answers
from gallery.models import Pair, PairPhoto, Side, TimeAfter
from treatments.models import Treatment

CITIES = ["Seattle", "Tampa", "Las Vegas", "Birmingham", "Portland", "Chicago", "Boston", "Austin"]
# Each city's ZIP codes the bench doctors practise at, for "doctors near".
ZIP_CODES = {
    "Seattle": ["98101", "98104", "98109", "98115", "98004"],
    "Tampa": ["33602", "33606", "33609"],
    "Las Vegas": ["89101", "89109", "89117"],
    "Birmingham": ["35203", "35205", "35209"],
    "Portland": ["97201", "97205", "97209"],
    "Chicago": ["60601", "60611", "60614"],
    "Boston": ["02108", "02115", "02116"],
    "Austin": ["78701", "78704", "78731"],
}
BATCH = 5_000
# The question the benchmark opens: 4 answers and 2 photos that everyone may see.
SHOWCASE_TITLE = "Bench showcase: facial pain after two treatments of Botox in jaw?"
# Photos with real files (the others are rows only: pages show them, nobody fetches them).
PHOTOS_WITH_FILES = 20


class Command(BaseCommand):
    help = (
        "Fill an EMPTY scratch database with made-up questions, answers, doctors, reviews and "
        "photos for `make bench`. Never run it against a real site's database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--questions", type=int, default=10_000)
        parser.add_argument("--answers", type=int, default=40_000)
        parser.add_argument("--doctors", type=int, default=500)
        parser.add_argument("--reviews", type=int, default=20_000)
        parser.add_argument("--photos", type=int, default=5_000)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument(
            "--go-on",
            action="store_true",
            help="Go on with a build that was cut off: fill only the tables still empty.",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "bench_data writes a lot of made-up rows: it runs only with DEBUG=1, on a scratch "
                "database (`make bench` makes one)."
            )
        goes_on = options["go_on"]
        if Question.objects.exists() and not goes_on:
            raise CommandError("The database already has questions: use an empty one.")
        started = time.perf_counter()
        # Pairs are the last posts built: with them there, only what came later is missing.
        posts_were_there = goes_on and Pair.objects.exists()
        self.rng = random.Random(options["seed"])  # noqa: S311 - made-up data
        self.now = timezone.now()
        if not Question.objects.exists():
            with transaction.atomic():
                self.treatments()
                self.patients(max(2_000, options["reviews"] // 10))
                self.doctors(options["doctors"])
            self.questions(options["questions"], list(Treatment.objects.all()), self.patient_ids())
        doctors = list(DoctorProfile.objects.select_related("specialty").order_by("pk"))
        if not Answer.objects.exists():
            self.answers(options["answers"], doctors)
        if not Review.objects.exists():
            self.reviews(options["reviews"], doctors, self.patient_ids())
        if not Photo.objects.exists():
            self.photos(options["photos"])
        if not DoctorProfile.objects.exclude(postal_code="").exists():
            self.practices()
        if not Pair.objects.exists():
            self.gallery_pairs(doctors)
        if not Consultation.objects.exists():
            self.consultations(doctors, self.patient_ids())
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # plans for the counts from the rows now there
                cursor.execute("ANALYZE")
        if not posts_were_there:  # consultations change no count and no search entry
            self.recount()
            search.refresh_all()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        self.stdout.write(
            f"Built {Question.objects.count():,} questions, {Answer.objects.count():,} answers, "
            f"{DoctorProfile.objects.count():,} doctors, {Review.objects.count():,} reviews, "
            f"{Photo.objects.count():,} photos, {Pair.objects.count():,} before-and-after pairs, "
            f"{Consultation.objects.count():,} consultations "
            f"in {time.perf_counter() - started:.0f} s"
        )

    def treatments(self) -> list[Treatment]:
        return [
            Treatment.objects.get_or_create(
                name=name, defaults={"slug": name.lower().replace(" ", "-")}
            )[0]
            for name in TREATMENTS
        ]

    def patients(self, count: int) -> list[User]:
        return verified(
            User.objects.bulk_create(
                User(email=f"bench-patient-{n}@example.invalid", display_name=f"Patient {n}")
                for n in range(count)
            )
        )

    def doctors(self, count: int) -> list[DoctorProfile]:
        users = verified(
            User.objects.bulk_create(
                User(
                    email=f"bench-doctor-{n}@example.invalid",
                    display_name=f"Doctor {n}",
                    role="doctor",
                )
                for n in range(count)
            )
        )
        specialties = list(Specialty.objects.all())
        return DoctorProfile.objects.bulk_create(
            DoctorProfile(
                user=user,
                name=f"Bench Doctor {n}",
                slug=f"bench-doctor-{n}",
                credentials=["MD"],
                status="verified",
                verified_at=self.now - timedelta(days=400),
                specialty=self.rng.choice(specialties),
                city=self.rng.choice(CITIES),
                country="United States",
                licence_number=f"BENCH-{n:06d}",
                licence_jurisdiction="Bench medical board",
                licence_expires_on=(self.now + timedelta(days=700)).date(),
                bio="A made-up doctor for the benchmark.",
            )
            for n, user in enumerate(users)
        )

    def questions(self, count: int, treatments, patients) -> None:
        rng = self.rng
        botox = next(treatment for treatment in treatments if treatment.slug == "botox")
        for start in range(0, count, BATCH):
            rows, tags = [], []
            for number in range(start, min(count, start + BATCH)):
                picked = rng.sample(treatments, 2)
                if number == 0:  # the showcase: Botox and the jaw
                    picked = [botox, *[t for t in picked if t != botox][:1]]
                tags.append(picked)
                name = picked[0].name.lower()
                body = " ".join([
                    rng.choice(OPENINGS).format(t=name, w=rng.randint(1, 8)),
                    rng.choice(PROBLEMS) + ".",
                    rng.choice(PROBLEMS).capitalize() + " as well.",
                    rng.choice(QUESTIONS),
                ])  # fmt: skip
                title = (
                    SHOWCASE_TITLE if number == 0 else f"{picked[0].name}: {rng.choice(PROBLEMS)}?"
                )
                rows.append(
                    Question(
                        author_id=rng.choice(patients),
                        title=title,
                        slug=slugify(title)[:80].strip("-") or "question",
                        body=body,
                        photo_visibility=PhotoVisibility.EVERYONE,
                        # The newest first: the showcase is the newest question.
                        created_at=self.now - timedelta(minutes=10 * number + 1),
                        noindex=rng.random() < 0.05,
                    )
                )
            with transaction.atomic():
                made = save_rows(Question, rows)
                save_rows(
                    TaggedQuestion,
                    [
                        TaggedQuestion(content_object=question, tag=tag)
                        for question, picked in zip(made, tags, strict=True)
                        for tag in picked
                    ],
                )
            self.progress("questions", start + len(rows), count)

    def patient_ids(self) -> list[int]:
        return list(User.objects.filter(role="patient").values_list("pk", flat=True))

    def answers(self, count: int, doctors) -> None:
        """About `count` answers, none twice by one doctor on one question; the showcase gets 4."""
        if connection.vendor == "postgresql":
            return self.answers_in_sql(count, doctors)
        rng = self.rng
        ids = list(Question.objects.order_by("created_at").values_list("pk", flat=True))
        showcase = Question.objects.get(title=SHOWCASE_TITLE).pk
        per_question = count / max(1, len(ids))
        made = 0
        rows = []
        for question_id in ids:
            if question_id == showcase:
                total = 4
            else:  # 0 to 2 × the mean, so some questions wait for an answer
                total = min(len(doctors), int(rng.random() * 2 * per_question + 0.5))
            for doctor in rng.sample(doctors, total):
                rows.append(
                    Answer(
                        question_id=question_id,
                        doctor=doctor,
                        headline="It usually settles",
                        body=rng.choice(ANSWER_TEXT),
                        signed_name=doctor.display_name,
                        signed_line=f"{doctor.city} {doctor.specialty.name}",
                        helpful_count=rng.randint(0, 12),
                        created_at=self.now - timedelta(minutes=rng.randint(0, 5_000)),
                    )
                )
            if len(rows) >= BATCH:
                save_rows(Answer, rows)
                made += len(rows)
                rows = []
                self.progress("answers", made, count)
        save_rows(Answer, rows)

    def answers_in_sql(self, count: int, doctors) -> None:
        """The same answers, made by PostgreSQL itself: four million rows in minutes. Question
        q gets (q × a large odd number) mod (2 × mean + 1) answers, from doctors spread by a
        stride that never repeats one within a question."""
        per_question = 2 * round(count / max(1, Question.objects.count())) + 1
        showcase = Question.objects.get(title=SHOWCASE_TITLE).pk
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMPORARY TABLE bench_doctor (n int PRIMARY KEY, id bigint, "
                "signed_name text, signed_line text)"
            )
            with cursor.cursor.copy("COPY bench_doctor FROM STDIN") as copy:
                for n, doctor in enumerate(doctors):
                    line = f"{doctor.city} {doctor.specialty.name}"
                    copy.write_row([n, doctor.pk, doctor.display_name, line])
            cursor.execute(
                """
                INSERT INTO forum_answer (headline, body, status, helpful_count, helped_asker,
                    created_at, updated_at, doctor_id, question_id, hidden_reason, signed_line,
                    signed_name)
                SELECT 'It usually settles', (%(bodies)s::text[])[1 + (q.id + k) %% %(kinds)s],
                    'published', (q.id * 7 + k) %% 13, false,
                    %(now)s - ((q.id * 13 + k * 17) %% 5000) * interval '1 minute', %(now)s,
                    d.id, q.id, '', d.signed_line, d.signed_name
                FROM forum_question q
                CROSS JOIN LATERAL generate_series(1, CASE WHEN q.id = %(showcase)s THEN 4
                    ELSE ((q.id * 2654435761) %% %(spread)s)::int END) AS k
                JOIN bench_doctor d ON d.n = (q.id * 31 + k * 97) %% %(doctors)s
                """,
                {
                    "bodies": ANSWER_TEXT,
                    "kinds": len(ANSWER_TEXT),
                    "now": self.now,
                    "showcase": showcase,
                    "spread": per_question,
                    "doctors": len(doctors),
                },
            )
            cursor.execute("DROP TABLE bench_doctor")

    def reviews(self, count: int, doctors, patients) -> None:
        """About `count` reviews, each naming a treatment (the treatment pages' figures), most
        with a cost."""
        rng = self.rng
        per_doctor = max(1, count // max(1, len(doctors)))
        treatments = list(Treatment.objects.values_list("pk", flat=True))
        costs = [*CostRange.values, ""]
        rows = []
        for doctor in doctors:
            for author_id in rng.sample(patients, min(per_doctor, len(patients))):
                rows.append(
                    Review(
                        doctor=doctor,
                        author_id=author_id,
                        rating=rng.choices([5, 4, 3, 2, 1], weights=[60, 20, 8, 5, 7])[0],
                        title="A made-up review",
                        body="The doctor explained every step and the result looks natural.",
                        worth_it=rng.choices(["yes", "not_sure", "no"], weights=[8, 1, 1])[0],
                        experience=rng.choice(["treatment", "treatment", "consultation"]),
                        treatment_id=rng.choice(treatments),
                        cost_range=rng.choice(costs),
                        created_at=self.now - timedelta(days=rng.randint(0, 700)),
                    )
                )
            if len(rows) >= BATCH:
                save_rows(Review, rows)
                rows = []
        save_rows(Review, rows)
        for doctor in doctors:  # the stored figures, as the review services keep them
            counts = dict(
                doctor.reviews.values_list("rating")
                .annotate(n=Count("pk"))
                .values_list("rating", "n")
            )
            DoctorProfile.objects.filter(pk=doctor.pk).update(**rating_figures_from(counts))

    def photos(self, count: int) -> None:
        """Two photos on the showcase and on a few others, each with real files; the rest rows."""
        processed = photos.process(SimpleUploadedFile("bench.jpg", bench_jpeg(), "image/jpeg"))
        ids = list(
            Question.objects.order_by("-created_at").values_list("pk", flat=True)[: count // 2]
        )
        rows = []
        for index, question_id in enumerate(ids):
            for position in range(2):
                photo = Photo(
                    question_id=question_id,
                    position=position,
                    alt_text=f"Photo {position + 1}",
                    width=processed.width,
                    height=processed.height,
                )
                if index * 2 + position < PHOTOS_WITH_FILES:
                    photos.store(processed, photo.file_name)
                rows.append(photo)
        for start in range(0, len(rows), BATCH):
            save_rows(Photo, rows[start : start + BATCH])

    def gallery_pairs(self, doctors) -> None:
        """A before-and-after pair for every doctor, a third of them Botox; the first few with
        real files (all of them the same two photos' bytes), the rest rows only."""
        processed = photos.process(SimpleUploadedFile("bench.jpg", bench_jpeg(), "image/jpeg"))
        treatments = list(Treatment.objects.order_by("pk"))
        botox = Treatment.objects.get(slug="botox")
        pairs = [
            Pair(
                doctor=doctor,
                treatment=botox if index % 3 == 0 else treatments[index % len(treatments)],
                caption=f"Bench pair {index}: what was done and what the photos show.",
                time_after=TimeAfter.MONTH_1,
                consent_given=True,
                consent_recorded_by_id=doctor.user_id,
                consent_recorded_at=self.now - timedelta(days=index % 300),
                created_at=self.now - timedelta(days=index % 300),
            )
            for index, doctor in enumerate(doctors)
        ]
        pairs = save_rows(Pair, pairs)
        rows = []
        for index, pair in enumerate(pairs):
            for side in Side:
                photo = PairPhoto(
                    pair_id=pair.pk, side=side, width=processed.width, height=processed.height
                )
                if index < PHOTOS_WITH_FILES:
                    photos.store(processed, photo.file_name)
                rows.append(photo)
        for start in range(0, len(rows), BATCH):
            save_rows(PairPhoto, rows[start : start + BATCH])

    def consultations(self, doctors, patient_ids: list[int]) -> None:
        """Two private threads for every doctor, of four messages each (the patient's request,
        the doctor's reply, then one each), the last unread by the doctor."""
        threads, messages = [], []
        for index, doctor in enumerate(doctors):
            for n in range(2):
                started = self.now - timedelta(days=(index + n) % 200, hours=n)
                threads.append(
                    Consultation(
                        patient_id=patient_ids[(2 * index + n) % len(patient_ids)],
                        doctor=doctor,
                        subject=f"Bench consultation {index}-{n}: a dose for jaw clenching",
                        created_at=started,
                        last_message_at=started + timedelta(hours=3),
                        doctor_unread=1,
                    )
                )
        threads = save_rows(Consultation, threads)
        for thread in threads:
            for step in range(4):
                author = thread.patient_id if step % 2 == 0 else thread.doctor.user_id
                messages.append(
                    Message(
                        consultation_id=thread.pk,
                        author_id=author,
                        body=ANSWER_TEXT[step % len(ANSWER_TEXT)],
                        created_at=thread.created_at + timedelta(hours=step),
                    )
                )
        for start in range(0, len(messages), BATCH):
            save_rows(Message, messages[start : start + BATCH])

    def practices(self) -> None:
        """A ZIP code of its city for every doctor, placed on the map as save() would."""
        for city, codes in ZIP_CODES.items():
            ids = list(DoctorProfile.objects.filter(city=city).values_list("pk", flat=True))
            for n, code in enumerate(codes):
                latitude, longitude = places.zip_point(code)
                DoctorProfile.objects.filter(pk__in=ids[n :: len(codes)]).update(
                    postal_code=code, latitude=latitude, longitude=longitude
                )

    def recount(self) -> None:
        """The denormalised counts, as the services keep them."""
        answers = (
            Answer.objects.filter(question=OuterRef("pk"))
            .values("question")
            .annotate(n=Count("pk"))
            .values("n")
        )
        pictures = (
            Photo.objects.filter(question=OuterRef("pk"))
            .values("question")
            .annotate(n=Count("pk"))
            .values("n")
        )
        Question.objects.update(
            answer_count=Coalesce(Subquery(answers), 0), photo_count=Coalesce(Subquery(pictures), 0)
        )
        recount_doctor_answers(DoctorProfile.objects.values_list("pk", flat=True))
        recount_all_treatments()

    def progress(self, noun: str, done: int, total: int) -> None:
        self.stdout.write(f"  {done:,} / {total:,} {noun}", ending="\r")
        self.stdout.flush()


def verified(users: list[User]) -> list[User]:
    """Members whose address is verified, as allauth records it: the benchmark's members sign
    in and open pages that ask for a verified address."""
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users
    )
    return users


def save_rows(model, rows: list) -> list:
    """Insert model instances: COPY on PostgreSQL (ids given here, so related rows can point at
    them before they exist in the database), bulk_create elsewhere."""
    if connection.vendor != "postgresql" or not rows:
        return model.objects.bulk_create(rows)
    fields = list(model._meta.concrete_fields)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {model._meta.db_table}")  # noqa: S608
        next_id = cursor.fetchone()[0] + 1
        for offset, row in enumerate(rows):
            row.pk = next_id + offset
        columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
        with cursor.cursor.copy(f"COPY {model._meta.db_table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(
                    [
                        field.get_db_prep_save(field.pre_save(row, True), connection)
                        for field in fields
                    ]
                )
        sequence = f"pg_get_serial_sequence('{model._meta.db_table}', 'id')"
        cursor.execute(f"SELECT setval({sequence}, %s)", [next_id + len(rows) - 1])  # noqa: S608
    return rows


def bench_jpeg() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.effect_noise((1200, 900), 30).convert("RGB").save(out, "JPEG", quality=85)
    return out.getvalue()
