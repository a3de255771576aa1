"""Reads with rules about reviews: what a treatment's page says of the reviews that name it.

"Worth it" and the cost come from the reviews of patients who had the treatment (a review based
on a consultation only says nothing of either); the rating, from every review the public sees.
All of it is counted from the reviews in one query, so a review hidden, restored, edited or
deleted with its author's account is counted right at the next page."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from math import ceil

from django.db.models import Count, Q

from doctors.models import CostRange, Experience, Review, ReviewQuerySet, Status, WorthIt
from moderation.models import PUBLISHED

# Fewer answers than these and the page gives the counts as they are, not a share or a typical
# cost: "100% say it's worth it" from one review, or a median of two costs, would mislead.
MIN_WORTH_IT_REVIEWS = 5
MIN_COST_REPORTS = 5

# "Worth it" first, then the doubtful, then the disappointed.
WORTH_IT_ORDER = [WorthIt.YES, WorthIt.NOT_SURE, WorthIt.NO]


# The reviews' doctors whose profile is public (doctors.models.PUBLIC, seen from a review): on
# the doctor's row the cards join anyway, rather than in a subquery of its own.
DOCTOR_PUBLIC = Q(doctor__status__in=(Status.VERIFIED, Status.EXPIRED)) | Q(
    doctor__status=Status.PENDING, doctor__verified_at__isnull=False
)


def treatment_reviews(treatment) -> ReviewQuerySet:
    """The reviews the public sees that name `treatment` (published, of a doctor whose profile
    is public), newest first, with what a review card shows but the treatment, which the
    caller has (with_treatment)."""
    return (
        Review.objects.filter(PUBLISHED, DOCTOR_PUBLIC, treatment=treatment)
        .select_related("author", "doctor__specialty")
        .order_by("-created_at", "-id")
    )


def with_treatment(reviews, treatment) -> list[Review]:
    """The reviews, each told its treatment (the one they were selected by) without a join:
    every table fewer in the query is planning time saved."""
    reviews = list(reviews)
    for review in reviews:
        review.treatment = treatment
    return reviews


@dataclass(frozen=True)
class Share:
    key: str
    label: str
    count: int
    percent: int


@dataclass(frozen=True)
class WorthItFigures:
    total: int  # reviews by patients who had the treatment
    shares: list[Share]  # in WORTH_IT_ORDER, percentages that add up to 100

    @property
    def enough(self) -> bool:
        return self.total >= MIN_WORTH_IT_REVIEWS

    @property
    def worth_it(self) -> Share:
        return self.shares[0]

    @property
    def others(self) -> list[Share]:
        return self.shares[1:]

    @property
    def given(self) -> list[Share]:
        """The answers someone gave, for the counts shown below the minimum."""
        return [share for share in self.shares if share.count]

    @property
    def needed(self) -> int:
        return MIN_WORTH_IT_REVIEWS


@dataclass(frozen=True)
class CostFigures:
    total: int  # reviews by patients who had the treatment and said what it cost
    brackets: list[Share]  # every bracket of CostRange, cheapest first
    median: str = ""  # the bracket's label: "$250 to $500"
    spread: str = ""  # from the first quartile's bracket to the third's: "$250 to $1,000"

    @property
    def enough(self) -> bool:
        return self.total >= MIN_COST_REPORTS

    @property
    def needed(self) -> int:
        return MIN_COST_REPORTS


@dataclass(frozen=True)
class ReviewSummary:
    """What a treatment's page says of its reviews. `review_count` and `rating_average` are
    named as on a doctor, so includes/rating.html phrases them the same way."""

    review_count: int
    rating_average: Decimal | None
    stars: dict[int, int]  # reviews by number of stars
    worth_it: WorthItFigures
    cost: CostFigures

    @property
    def star_counts(self) -> list[tuple[int, int]]:
        """(stars, reviews) from 5 down to 1, for the histogram (as on a doctor)."""
        return [(stars, self.stars.get(stars, 0)) for stars in range(5, 0, -1)]


def review_summary(treatment) -> ReviewSummary:
    """The figures of the reviews the public sees that name `treatment`, in one query: at most
    one row per kind of experience, answer to "worth it?", cost bracket and number of stars
    (3 × 3 × 7 × 5 rows, however many reviews)."""
    rows = (
        treatment_reviews(treatment)
        .order_by()
        .values_list("experience", "worth_it", "cost_range", "rating")
        .annotate(total=Count("pk"))
    )
    return summary_from_rows(list(rows))


def summary_from_rows(rows: list[tuple[str, str, str, int, int]]) -> ReviewSummary:
    """The summary of (experience, worth it, cost range, stars, reviews) rows."""
    review_count = sum(row[4] for row in rows)
    stars: dict[int, int] = {}
    worth_it: dict[str, int] = {}
    costs: dict[str, int] = {}
    for experience, answer, cost_range, rating, total in rows:
        stars[rating] = stars.get(rating, 0) + total
        if experience == Experience.CONSULTATION:
            continue  # had no treatment: neither worth it nor paid for it
        worth_it[answer] = worth_it.get(answer, 0) + total
        if cost_range:
            costs[cost_range] = costs.get(cost_range, 0) + total
    average = None
    if review_count:
        total_stars = sum(rating * total for rating, total in stars.items())
        average = (Decimal(total_stars) / review_count).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return ReviewSummary(
        review_count=review_count,
        rating_average=average,
        stars=stars,
        worth_it=worth_it_figures(worth_it),
        cost=cost_figures(costs),
    )


def worth_it_figures(counts: dict[str, int]) -> WorthItFigures:
    keys = [str(key) for key in WORTH_IT_ORDER]
    percents = whole_percentages([counts.get(key, 0) for key in keys])
    shares = [
        Share(key, WorthIt(key).label, counts.get(key, 0), percent)
        for key, percent in zip(keys, percents, strict=True)
    ]
    return WorthItFigures(total=sum(counts.get(key, 0) for key in keys), shares=shares)


def whole_percentages(counts: list[int]) -> list[int]:
    """Whole percentages of the counts that add up to 100 (the largest remainders get the
    points rounding down left over), or all 0 when there is nothing to share."""
    total = sum(counts)
    if not total:
        return [0] * len(counts)
    exact = [100 * count / total for count in counts]
    shares = [int(value) for value in exact]
    by_remainder = sorted(range(len(counts)), key=lambda i: (shares[i] - exact[i], i))
    for index in by_remainder[: 100 - sum(shares)]:
        shares[index] += 1
    return shares


def cost_figures(counts: dict[str, int]) -> CostFigures:
    """The reported costs by bracket, and once there are MIN_COST_REPORTS of them the median
    bracket and the interquartile spread (nearest rank: the bracket of the k-th cost in order,
    k = ceil(p × n))."""
    ordered = [str(key) for key in CostRange.values]
    total = sum(counts.get(key, 0) for key in ordered)
    percents = whole_percentages([counts.get(key, 0) for key in ordered])
    brackets = [
        Share(key, CostRange(key).label, counts.get(key, 0), percent)
        for key, percent in zip(ordered, percents, strict=True)
    ]
    if total < MIN_COST_REPORTS:
        return CostFigures(total=total, brackets=brackets)
    first, middle, third = (bracket_at(brackets, total, p) for p in (0.25, 0.5, 0.75))
    return CostFigures(
        total=total,
        brackets=brackets,
        median=CostRange(middle).label,
        spread=spread_label(first, third),
    )


def bracket_at(brackets: list[Share], total: int, fraction: float) -> str:
    """The bracket of the ceil(fraction × total)-th cost, cheapest first."""
    rank = max(1, ceil(fraction * total))
    seen = 0
    for bracket in brackets:
        seen += bracket.count
        if seen >= rank:
            return bracket.key
    raise ValueError("rank beyond the total")


def bounds(key: str) -> tuple[int, int | None]:
    """ "250-500" -> (250, 500); "10000+" -> (10000, None)."""
    low, _, high = key.rstrip("+").partition("-")
    return int(low), int(high) if high else None


def spread_label(first: str, third: str) -> str:
    """From the lower end of the first quartile's bracket to the upper end of the third's."""
    if first == third:
        return CostRange(first).label
    low, high = bounds(first)[0], bounds(third)[1]
    if high is None and not low:
        return f"from under ${bounds(first)[1]:,} to over ${bounds(third)[0]:,}"
    if high is None:
        return f"${low:,} or more"
    if not low:
        return f"under ${high:,}"
    return f"${low:,} to ${high:,}"
