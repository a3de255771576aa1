import random
import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client, override_settings
from django.utils import timezone

from accounts.models import User
from doctors.models import DoctorProfile, Specialty
from forum import search
from forum.models import Answer, Question, TaggedQuestion
from forum.services import recount_all_treatments
from treatments.models import Treatment

TREATMENTS = [
    "Botox", "Lip filler", "Cheek filler", "Masseter reduction", "Rhinoplasty",
    "Laser resurfacing", "Chemical peel", "Microneedling", "Tummy tuck", "Liposuction",
    "Breast augmentation", "Facelift", "Blepharoplasty", "CoolSculpting", "Tear trough filler",
    "Jaw pain", "Acne scars", "Hair transplant", "Veneers", "Thread lift",
]  # fmt: skip
OPENINGS = [
    "I had {t} {w} weeks ago and", "Three months after {t}", "My doctor suggested {t} but",
    "After my second session of {t}", "I am thinking about {t} because",
]  # fmt: skip
PROBLEMS = [
    "the swelling has not gone down", "I see small lumps under the skin",
    "one side looks higher than the other", "my smile feels uneven",
    "there is redness that will not fade", "I feel a dull ache when chewing",
    "the scar is raised and itchy", "my eyelid seems to droop",
    "the skin looks bruised and shiny", "I have headaches every evening",
]  # fmt: skip
QUESTIONS = [
    "Is this normal?", "Should I see my injector again?", "Will it wear off on its own?",
    "Can this be corrected?", "How long should I wait before another session?",
]  # fmt: skip
ANSWER_TEXT = [
    "This is common in the first weeks and usually settles with time and cold compresses.",
    "Please see the doctor who treated you; an examination will tell whether it needs treatment.",
    "Massage and patience help in most cases; hyaluronidase can dissolve filler if needed.",
    "Asymmetry after treatment can often be balanced with a small touch-up after two weeks.",
]  # fmt: skip
QUERIES = [
    "botox", "botox jaw", "lip filler swelling", '"lip filler" -botox', "laser redness",
    "rhinoplasty", "tummy tuck scar", "eyelid droop", "filler lumps massage",
    "chemical peel redness", "breast augmentation", "acne scars microneedling",
    "headaches botox", "uneven smile", "hyaluronidase", "thread lift bruised",
    "veneers", "coolsculpting ache", "facelift scar itchy", "zeppelin",
]  # fmt: skip


class Command(BaseCommand):
    help = (
        "Fill a scratch PostgreSQL database with questions and time the search page. "
        "Writes a lot of rows: never run it against a real site's database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--questions", type=int, default=100_000)
        parser.add_argument("--repeat", type=int, default=5, help="Times each query is run.")
        parser.add_argument(
            "--no-build", action="store_true", help="Time only, with the data already there."
        )

    def handle(self, *args, questions: int, repeat: int, no_build: bool, **options):
        if connection.vendor != "postgresql":
            raise CommandError("search_benchmark measures PostgreSQL's search: set DATABASE_URL.")
        if not settings.DEBUG:
            raise CommandError("Run it with DEBUG=1 on a scratch database.")
        if not no_build:
            started = time.perf_counter()
            self.build(questions)
            self.stdout.write(
                f"Built {questions:,} questions in {time.perf_counter() - started:.0f} s"
            )
        self.measure(repeat)

    def build(self, count: int) -> None:
        rng = random.Random(7)  # noqa: S311 - made-up data, the same each run
        with transaction.atomic():
            treatments = [
                Treatment.objects.get_or_create(
                    name=name, defaults={"slug": name.lower().replace(" ", "-")}
                )[0]
                for name in TREATMENTS
            ]
            askers = User.objects.bulk_create(
                User(email=f"bench-asker-{n}@example.invalid", display_name=f"Bench asker {n}")
                for n in range(500)
            )
            doctor_users = User.objects.bulk_create(
                User(
                    email=f"bench-doc-{n}@example.invalid",
                    display_name=f"Bench doctor {n}",
                    role="doctor",
                )
                for n in range(50)
            )
            specialty = Specialty.objects.first()
            doctors = DoctorProfile.objects.bulk_create(
                DoctorProfile(
                    user=user,
                    name=f"Bench Doctor {n}",
                    slug=f"bench-doctor-{n}",
                    status="verified",
                    specialty=specialty,
                    city="Springfield",
                )
                for n, user in enumerate(doctor_users)
            )
        now = timezone.now()
        batch = 5_000
        for start in range(0, count, batch):
            with transaction.atomic():
                rows, tags = [], []
                for _ in range(start, min(count, start + batch)):
                    picked = rng.sample(treatments, 2)
                    name = picked[0].name.lower()
                    body = " ".join([
                        rng.choice(OPENINGS).format(t=name, w=rng.randint(1, 8)),
                        rng.choice(PROBLEMS) + ".",
                        rng.choice(PROBLEMS).capitalize() + " as well.",
                        rng.choice(QUESTIONS),
                    ])  # fmt: skip
                    title = f"{picked[0].name}: {rng.choice(PROBLEMS)}?"[:150]
                    rows.append(
                        Question(
                            author=rng.choice(askers),
                            title=title,
                            slug="q",
                            body=body,
                            created_at=now,
                        )
                    )
                made = Question.objects.bulk_create(rows)
                for question in made:
                    tags += [
                        TaggedQuestion(content_object=question, tag=t)
                        for t in rng.sample(treatments, 2)
                    ]
                TaggedQuestion.objects.bulk_create(tags, ignore_conflicts=True)
                answers = [
                    Answer(
                        question=question,
                        doctor=rng.choice(doctors),
                        headline="It usually settles",
                        body=rng.choice(ANSWER_TEXT),
                    )
                    for question in made
                    if rng.random() < 0.5
                ]
                Answer.objects.bulk_create(answers, ignore_conflicts=True)
            self.stdout.write(f"  {min(count, start + batch):,} questions", ending="\r")
        self.stdout.write("")
        search.refresh_all()
        recount_all_treatments()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    def measure(self, repeat: int) -> None:
        client = Client()
        timings = {}
        with override_settings(ALLOWED_HOSTS=["testserver"], DEBUG=False):
            for query in QUERIES:
                client.get("/search/", {"q": query})  # warm the plan and the cache of pages
                runs = []
                for _ in range(repeat):
                    started = time.perf_counter()
                    response = client.get("/search/", {"q": query})
                    runs.append((time.perf_counter() - started) * 1000)
                    if response.status_code != 200:
                        raise CommandError(f"{query!r} answered {response.status_code}")
                timings[query] = statistics.median(runs)
        total = Question.objects.count()
        self.stdout.write(f"Search page over {total:,} questions, median of {repeat} runs each:")
        for query, ms in timings.items():
            self.stdout.write(f"  {ms:7.1f} ms  {query}")
        values = sorted(timings.values())
        self.stdout.write(
            f"Median {statistics.median(values):.1f} ms, slowest {values[-1]:.1f} ms "
            f"over {len(values)} queries (whole page: search, count, doctors, treatments, HTML)."
        )
