"""What a treatment's reviews add up to: the share who say it was worth it, the typical cost
and its spread, and nothing but counts below the minimum."""

from doctors.selectors import (
    MIN_COST_REPORTS,
    cost_figures,
    spread_label,
    summary_from_rows,
    whole_percentages,
)


def test_whole_percentages_add_up_to_a_hundred():
    assert whole_percentages([1, 1, 1]) == [34, 33, 33]
    assert whole_percentages([87, 8, 5]) == [87, 8, 5]
    assert whole_percentages([2, 1, 0]) == [67, 33, 0]
    assert whole_percentages([0, 0, 0]) == [0, 0, 0]
    assert sum(whole_percentages([7, 11, 13])) == 100


def test_the_typical_cost_is_the_median_bracket_and_the_spread_its_quartiles():
    counts = {"0-250": 1, "250-500": 4, "500-1000": 2, "1000-3000": 1}  # 8 costs
    figures = cost_figures(counts)
    # In order: <250, 250-500 ×4, 500-1000 ×2, 1000-3000. Nearest rank: the 2nd, 4th and 6th.
    assert (figures.total, figures.median, figures.spread) == (8, "$250 to $500", "$250 to $1,000")
    assert [bracket.count for bracket in figures.brackets] == [1, 4, 2, 1, 0, 0]
    assert cost_figures({"3000-10000": 5}).spread == "$3,000 to $10,000"
    assert spread_label("0-250", "500-1000") == "under $1,000"
    assert spread_label("1000-3000", "10000+") == "$1,000 or more"
    assert spread_label("0-250", "10000+") == "from under $250 to over $10,000"


def test_below_the_minimum_no_typical_cost_is_given():
    figures = cost_figures({"250-500": MIN_COST_REPORTS - 1})
    assert figures.total == MIN_COST_REPORTS - 1 and not figures.enough
    assert (figures.median, figures.spread) == ("", "")


def test_consultations_count_in_the_rating_only():
    summary = summary_from_rows(
        [
            ("treatment", "yes", "250-500", 5, 4),
            ("", "no", "", 2, 1),  # written before the form asked: taken as a treatment
            ("consultation", "no", "10000+", 1, 3),
        ]
    )
    assert (summary.review_count, str(summary.rating_average)) == (8, "3.13")  # 25 / 8
    assert summary.star_counts == [(5, 4), (4, 0), (3, 0), (2, 1), (1, 3)]
    assert (summary.worth_it.total, summary.cost.total) == (5, 4)
    assert [share.count for share in summary.worth_it.shares] == [4, 0, 1]
    assert not summary.cost.enough and summary.worth_it.enough
