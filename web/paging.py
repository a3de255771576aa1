"""Pages of question lists whose cost does not grow with the number of questions."""

from functools import cached_property

from django.core.paginator import Paginator

# Counting every visible question costs a scan of a million index entries at a million
# questions; past this many, a list says "more than 10,000" and offers its first 500 pages,
# more than anyone reads (search engines follow the sitemap, not the pages).
COUNT_CAP = 10_000


class ListPaginator(Paginator):
    """Counts at most COUNT_CAP + 1 rows, or takes a count kept elsewhere (a treatment's stored
    total) as given; pages past COUNT_CAP rows are not offered."""

    def __init__(self, object_list, per_page: int, *, known_count: int | None = None):
        super().__init__(object_list, per_page)
        self.known_count = known_count

    @cached_property
    def count(self) -> int:
        if self.known_count is not None:
            return self.known_count
        return self.object_list[: COUNT_CAP + 1].count()

    @property
    def capped(self) -> bool:
        """The count stopped at the cap: there are more rows than it says."""
        return self.known_count is None and self.count > COUNT_CAP

    @property
    def truncated(self) -> bool:
        """Some rows lie past the last page offered."""
        return self.count > COUNT_CAP

    @property
    def cap(self) -> str:
        return f"{COUNT_CAP:,}"

    @cached_property
    def num_pages(self) -> int:
        return max(1, -(-min(self.count, COUNT_CAP) // self.per_page))
