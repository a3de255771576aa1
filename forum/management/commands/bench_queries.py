import json
import re
import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from consultations.models import Consultation
from doctors.models import DoctorProfile
from forum.management.commands.bench_data import SHOWCASE_TITLE
from forum.models import Photo, Question

RENDERS = 5  # renders of each page, uncached; the median is reported
SMALL_TABLE = 1_000


def bench_pages() -> dict[str, tuple[str, User | None]]:
    """The pages the benchmark loads, by name, and who is signed in (None: an anonymous
    visitor): the same pages whatever the amount of data."""
    showcase = Question.objects.select_related("author").get(title=SHOWCASE_TITLE)
    doctor = (
        DoctorProfile.objects.verified()
        .filter(answers__question=showcase)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    photo = Photo.objects.filter(question=showcase).order_by("position").first()
    # A patient reading someone else's question, and the asker on their own pages.
    reader = User.objects.filter(role="patient").exclude(pk=showcase.author_id).order_by("pk")[0]
    anonymous = {
        "healthz": "/healthz",
        "home": "/",
        "question list": "/questions/",
        "question page": showcase.get_absolute_url(),
        "treatment page": "/treatments/botox/",
        "treatment reviews": "/treatments/botox/reviews/",
        "doctor profile": doctor.get_absolute_url(),
        "directory": "/doctors/",
        "search": "/search/?q=botox+jaw",
        "search, misspelt": "/search/?q=botx+jaw+pian",
        "search, a question": "/search/?q=how+much+does+masseter+botox+cost+uk",
        "doctors near a ZIP code": "/doctors/?near=98101&radius=25",
        "photo thumbnail": photo.url("320"),
        "doctor's before-and-after": reverse("gallery:doctor", args=[doctor.slug]),
        "treatment's before-and-after": reverse("gallery:treatment", args=["botox"]),
    }
    # The doctor's latest consultation: the doctor's inbox and the thread, and the patient's.
    consultation = (
        Consultation.objects.filter(doctor=doctor).select_related("patient").order_by("pk").first()
    )
    members = {
        "question page, patient": (showcase.get_absolute_url(), reader),
        "home, patient": ("/", reader),
        "my activity": (reverse("forum:my_activity"), showcase.author),
        "notifications": (reverse("accounts:notification_list"), showcase.author),
        "doctor dashboard": (reverse("forum:doctor_dashboard"), doctor.user),
    }
    if consultation is None:
        raise CommandError("The bench database has no consultations: build it with --go-on.")
    members |= {
        "consultations, doctor": (reverse("consultations:inbox"), doctor.user),
        "consultation thread": (consultation.get_absolute_url(), doctor.user),
        "consultations, patient": (reverse("consultations:inbox"), consultation.patient),
    }
    return {name: (url, None) for name, url in anonymous.items()} | members


def signed_in(user: User | None) -> Client:
    client = Client()
    if user:
        client.force_login(user, backend=settings.AUTHENTICATION_BACKENDS[0])
    return client


def session_cookie(client: Client) -> str:
    """The Cookie header the load client sends: the same session, a row in the sessions
    table that the server reads as it would a member's."""
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}"


class Command(BaseCommand):
    help = (
        "Print, as JSON, the benchmark's pages and the SQL queries each makes for an anonymous "
        "visitor (--explain FILE also writes PostgreSQL's plan of every query)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--explain", help="Write EXPLAIN of every page's queries here.")

    def handle(self, *args, explain: str | None = None, **options):
        if explain and connection.vendor != "postgresql":
            raise CommandError("--explain needs PostgreSQL.")
        pages = bench_pages()
        clients: dict[int | None, Client] = {}
        result, plans = {}, []
        # What a page costs when it is rendered: the page cache is off here.
        with override_settings(
            ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False, PAGE_CACHE_SECONDS=0
        ):
            for name, (url, user) in pages.items():
                key = user.pk if user else None
                if key not in clients:
                    clients[key] = signed_in(user)
                client = clients[key]
                client.get(url)  # a first visit warms the connection and the template cache
                timings = []
                for _ in range(RENDERS):
                    with CaptureQueriesContext(connection) as queries:
                        started = time.perf_counter()
                        response = client.get(url)
                        timings.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise CommandError(f"{name} ({url}) answered {response.status_code}")
                result[name] = {
                    "url": url,
                    "cookie": session_cookie(client) if user else "",
                    "queries": len(queries),
                    "render_ms": round(statistics.median(timings), 1),
                }
                if explain:
                    result[name]["seq_scans"] = []
                for query in queries if explain else []:
                    plan = self.plan(query["sql"])
                    plans.append(f"-- {name}: {url}\n{query['sql']}\n{plan}\n")
                    result[name]["seq_scans"] += self.big_seq_scans(plan)
        if explain:
            with open(explain, "w") as out:
                out.write("\n".join(plans))
        self.stdout.write(json.dumps(result))

    @staticmethod
    def big_seq_scans(plan: str) -> list[str]:
        """Tables of more than SMALL_TABLE rows that the plan reads from end to end (a small
        table is read whole faster than through an index, and the planner rightly does so)."""
        found = []
        for table in set(re.findall(r"Seq Scan on (\w+)", plan)):
            with connection.cursor() as cursor:
                cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
                rows = cursor.fetchone()[0]
            if rows > SMALL_TABLE:
                found.append(f"{table} ({rows:,.0f} rows)")
        return found

    @staticmethod
    def plan(sql: str) -> str:
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN " + sql)
            return "\n".join(row[0] for row in cursor.fetchall())
