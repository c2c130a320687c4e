"""Benchmarks: `make bench` (or `.venv/bin/python bench/run.py` from the repository root).

Each benchmark is a function returning rows of (what was timed, how many, milliseconds,
and for pages the SQL queries and HTML size). The runner prints each table and writes it
to bench/results/<name>.txt (git-ignored). Add a benchmark by writing such a function and
listing it in BENCHMARKS; list it in DEFAULT too if `make bench` should run it (keep the
default run under about three minutes on a 2-core machine). Benchmarks marked
`needs_database` run inside one throwaway database (bench_django.py): a temporary SQLite
file, or `test_<name>` on the server DATABASE_URL names. See bench/README.md.

    python bench/run.py                 # the default benchmarks
    python bench/run.py pref-voting     # named ones (see --help)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/levelfield_bench python bench/run.py
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"

# Run as a script, so make the project importable without installing it.
for path in (ROOT, BENCH_DIR):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import bench_deliberation  # noqa: E402
import bench_django  # noqa: E402
import bench_polis_import  # noqa: E402
import bench_pref_voting  # noqa: E402
import bench_tallies  # noqa: E402
from bench_common import Row  # noqa: E402


@dataclass(frozen=True)
class Benchmark:
    title: str
    run: Callable[[], list[Row]]
    naming: str = "method"  # what the first column names
    counting: str = "responses"  # what the number column counts
    needs_database: bool = False  # runs inside a throwaway database (bench_django.py)


def _opportunities_pages() -> list[Row]:  # opportunities
    import bench_opportunities

    return bench_opportunities.opportunity_pages()


def _partners_pages() -> list[Row]:  # partners
    import bench_partners

    return bench_partners.partner_pages()


def _pages(name: str) -> Callable[[], list[Row]]:
    """bench_pages imports the app's models, so only once Django is set up."""

    def run() -> list[Row]:
        import bench_pages

        return getattr(bench_pages, name)()

    return run


def _pages_of(module: str, name: str) -> Callable[[], list[Row]]:
    """Like `_pages`, for a benchmark module of its own."""

    def run() -> list[Row]:
        import importlib

        return getattr(importlib.import_module(module), name)()

    return run


def _events(name: str) -> Callable[[], list[Row]]:
    def run() -> list[Row]:
        import bench_events

        return getattr(bench_events, name)()

    return run


def _payments() -> list[Row]:
    import bench_payments

    return bench_payments.payment_pages()


def _documents_pages() -> list[Row]:
    import bench_documents

    return bench_documents.document_pages()


def _resources_pages() -> list[Row]:
    import bench_resources

    return bench_resources.resource_pages()


def _inbox_pages() -> list[Row]:
    import bench_inbox

    return bench_inbox.inbox_pages()


def _learning_pages() -> list[Row]:  # learning
    import bench_learning

    return bench_learning.learning_pages()


def _reviews_pages() -> list[Row]:  # reviews
    import bench_reviews

    return bench_reviews.review_pages()


def _priorities_pages() -> list[Row]:  # priorities
    import bench_priorities

    return bench_priorities.priority_pages()


def _stories_pages() -> list[Row]:  # stories
    import bench_stories

    return bench_stories.story_pages()


def _threads_pages() -> list[Row]:  # threads
    import bench_threads

    return bench_threads.thread_pages()


def _cohort_pages() -> list[Row]:  # learning cohorts
    import bench_cohort

    return bench_cohort.cohort_pages()


def _tasks_pages() -> list[Row]:  # tasks
    import bench_tasks

    return bench_tasks.task_pages()


def _reports_pages() -> list[Row]:  # reports
    import bench_reports

    return bench_reports.report_pages()


def _outputs_pages() -> list[Row]:  # outputs
    import bench_outputs

    return bench_outputs.output_pages()


def _impact_pages() -> list[Row]:  # impact
    import bench_impact

    return bench_impact.impact_pages()


def _analysis_pages() -> list[Row]:  # analysis
    import bench_analysis

    return bench_analysis.analysis_pages()


BENCHMARKS: dict[str, Benchmark] = {
    "tallies": Benchmark(
        "Tallying 10,000 responses with levelfield.decisions.tallies (best of 5)",
        bench_tallies.run,
    ),
    "decision-pages": Benchmark(
        "The decision page of a project of 10,000 members who all responded (GET\n"
        "decisions:detail as a member; best of 3 after a warm-up). Closed: 3 of the 9\n"
        "methods, to keep `make bench` short; `decision-pages-closed` times all nine",
        _pages("decision_pages"),
        needs_database=True,
    ),
    "decision-pages-closed": Benchmark(
        "The closed decision page, every method (results hidden until closing; 10,000\n"
        "members who all responded; best of 3 after a warm-up)",
        _pages("decision_pages_closed"),
        needs_database=True,
    ),
    "decision-log": Benchmark(
        "The decision log of a project with many decisions (best of 3 after a warm-up)",
        _pages("decision_log"),
        naming="page",
        counting="decisions",
        needs_database=True,
    ),
    "project-pages": Benchmark(
        "Project pages with many members and involvement entries (best of 3 after a warm-up)",
        _pages("project_pages"),
        naming="page",
        counting="entries",
        needs_database=True,
    ),
    "reflection-pages": Benchmark(
        "Check-in results, the evidence view and closing a round, for a project of 1,000\n"
        "members with 8 closed rounds and 5,000 entries (best of 3 after a warm-up)",
        _pages_of("bench_reflection", "reflection_pages"),
        naming="page",
        counting="rows",
        needs_database=True,
    ),
    "event-pages": Benchmark(
        "Events pages: 1,000 events in a collective of 2,000, one with 500 registrations\n"
        "and 200 agenda items, a feed of 200 events (best of 3 after a warm-up)",
        _events("event_pages"),
        naming="page",
        counting="rows",
        needs_database=True,
    ),
    "payment-pages": Benchmark(
        "Payment pages of a collective with 5,000 claims in every state (best of 3 after a\n"
        "warm-up): the approvers' queue, a claim, a contributor's payments page, the policy",
        _payments,
        naming="page",
        counting="claims",
        needs_database=True,
    ),
    "resource-pages": Benchmark(
        "A collective's resource map with 2,000 resources: the map, filtered, and the\n"
        "searchable list (best of 3 after a warm-up)",
        _resources_pages,
        naming="page",
        counting="resources",
        needs_database=True,
    ),
    "pref-voting": Benchmark(
        "pref-voting's cost in a fresh process, beside the plain-Python tallies",
        bench_pref_voting.run,
    ),
    "deliberation": Benchmark(
        "The conversation analysis beside red-dwarf on the same synthetic votes (best of\n"
        "2-3; import excluded; peak memory by tracemalloc; ARI: agreement of the groups)",
        bench_deliberation.run,
        counting="votes",
    ),
    "polis-import": Benchmark(
        "A Pol.is export (2,000 people x 1,000 statements, 250,000 votes) imported through\n"
        "the web page in the background, analysed, and red-dwarf's time on the same votes",
        bench_polis_import.run,
        counting="votes",
        needs_database=True,
    ),
    "reactions": Benchmark(
        "Recording reactions (one transaction each, with the log and the debounce)",
        bench_deliberation.reactions,
        counting="reactions",
        needs_database=True,
    ),
    "inbox-pages": Benchmark(
        "A collective's invitation list with 2,000 invitations, and a person's notices page\n"
        "with 5,000 notifications (best of 3 after a warm-up)",
        _inbox_pages,
        naming="page",
        counting="rows",
        needs_database=True,
    ),
    # learning
    "learning-pages": Benchmark(
        "A course with 2,000 learners part-way through 6 modules of 5 pages: the course,\n"
        "the facilitators' progress page, a page, a circle (best of 3 after a warm-up)",
        _learning_pages,
        naming="page",
        counting="learners",
        needs_database=True,
    ),
    # learning cohorts
    "cohort-pages": Benchmark(
        "A course run as a cohort with 2,000 participants, 10 sessions and an assignment\n"
        "2,000 handed in: the cohort's page, the assignment's page (best of 3 after a warm-up)",
        _cohort_pages,
        naming="page",
        counting="participants",
        needs_database=True,
    ),
    # reviews
    "review-pages": Benchmark(
        "A review group of 12 with 2,000 requests (300 open): the group page with its\n"
        "queue and loads, and one request (best of 3 after a warm-up)",
        _reviews_pages,
        naming="page",
        counting="requests",
        needs_database=True,
    ),
    # documents
    "document-pages": Benchmark(
        "A document of 700 paragraphs in two versions with 6,000 comments and 600\n"
        "amendments from 300 people: the document, its busiest paragraph, comparing the\n"
        "versions, the CSV export and publishing (best of 3 after a warm-up)",
        _documents_pages,
        naming="page",
        counting="rows",
        needs_database=True,
    ),
    # priorities
    "priorities": Benchmark(
        "A priority-setting partnership with 5,000 submitted questions, 250 on the long\n"
        "list and 3,000 interim answers; and suggesting similar questions for all 5,000",
        _priorities_pages,
        naming="page",
        counting="questions",
        needs_database=True,
    ),
    # stories
    "story-pages": Benchmark(
        "A collective's public pages as a visitor: 2,000 stories, 200 public events, a story\n"
        "with 1,000 comments; the home page without and with its cached fragment; the story\n"
        "and the list again for a reader of Welsh, every story translated by a member; the\n"
        "newest story's easy-read version",
        _stories_pages,
        naming="page",
        counting="stories",
        needs_database=True,
    ),
    # threads
    "thread-pages": Benchmark(
        "A place's threads as a member: 2,000 threads (pinned first, unread counts, a\n"
        "search) and a thread with 1,000 replies paged 25 top-level replies at a time",
        _threads_pages,
        naming="page",
        counting="threads",
        needs_database=True,
    ),
    # tasks
    "task-pages": Benchmark(
        "A project's tasks: 5,000 in every status and research stage, 40 members; the list\n"
        "grouped by stage (open, mine, done), a task's page and the new-task form",
        _tasks_pages,
        naming="page",
        counting="tasks",
        needs_database=True,
    ),
    # reports
    "report-pages": Benchmark(
        "A collective's year with 20,000 involvement entries (about 59,000 participations by\n"
        "300 people, 12 projects) and 600 paid claims: generating the annual report, its\n"
        "page, versions and exports (best of 3 after a warm-up; the PDF once)",
        _reports_pages,
        naming="page",
        counting="entries",
        needs_database=True,
    ),
    # outputs
    "output-pages": Benchmark(
        "A project's 3,000 outputs with 4 contributors each and 2 CRediT roles per\n"
        "contributor: the list, one output and the CSL-JSON and BibTeX downloads",
        _outputs_pages,
        naming="page",
        counting="outputs",
        needs_database=True,
    ),
    # impact
    "impact-pages": Benchmark(
        "A project's 3,000 impact records, each linked to 2 outputs and 3 involvement\n"
        "entries: the list (and filtered), one impact, an output linked to about 600 impacts",
        _impact_pages,
        naming="page",
        counting="impacts",
        needs_database=True,
    ),
    # opportunities
    "opportunity-pages": Benchmark(
        "The public board with 5,000 live opportunities (a visitor; with a filter), an\n"
        "opportunity page, the feeds, and the writer's list of 2,000 people interested,\n"
        "its finished selection and its reach totals",
        _opportunities_pages,
        naming="page",
        counting="opportunities",
        needs_database=True,
    ),
    # partners
    "partner-pages": Benchmark(
        "A collective's 3,000 partner organisations with 12,000 pieces of work: the list,\n"
        "filtered, an organisation with 400 pieces of work, the annual report's partner figures",
        _partners_pages,
        naming="page",
        counting="organisations",
        needs_database=True,
    ),
    # analysis
    "analysis-pages": Benchmark(
        "A source of 50,000 words with 2,000 coded segments by 5 coders: the coding page\n"
        "(everyone's coding shown) and the agreement page",
        _analysis_pages,
        naming="page",
        counting="segments",
        needs_database=True,
    ),
    "record-entry": Benchmark(
        "Recording an involvement entry in a project of 10,000 members: the one form as\n"
        "it was, then choosing who took part and their time (best of 3 after a warm-up)",
        _pages_of("bench_choosing", "record_entry"),
        naming="page",
        counting="members",
        needs_database=True,
    ),
}
DEFAULT = [
    "tallies",
    "decision-pages",
    "decision-log",
    "project-pages",
    "inbox-pages",
    "payment-pages",
    "resource-pages",
    "learning-pages",  # learning
    "cohort-pages",  # learning cohorts
    "review-pages",  # reviews
    "event-pages",  # events
    "story-pages",  # stories
    "report-pages",  # reports
    "output-pages",  # outputs
    "impact-pages",  # impact
    "task-pages",  # tasks
    "thread-pages",  # threads
    "opportunity-pages",  # opportunities
    "partner-pages",  # partners
    "analysis-pages",  # analysis
]

PAGE_NOTE = (
    "queries: SQL queries for one request of the page. small: the same page with little\n"
    "data (a handful of responses, decisions or entries); the two should match.\n"
    "KB: size of the HTML."
)


def format_table(
    title: str, rows: list[Row], naming: str = "method", counting: str = "responses"
) -> str:
    """A plain-text table: what was timed, how many responses, milliseconds, and for
    pages the SQL queries and the size of the HTML."""
    columns: list[tuple[str, Callable[[Row], str]]] = [
        (naming, lambda row: row.method),
        (counting, lambda row: f"{row.responses:,}" if row.responses else "-"),
        ("ms", lambda row: f"{row.ms:,.2f}"),
    ]
    optional: list[tuple[str, Callable[[Row], object]]] = [
        ("queries", lambda row: row.queries),
        ("small", lambda row: row.small_queries),
        ("KB", lambda row: None if row.kb is None else f"{row.kb:,.0f}"),
    ]
    for header, value in optional:
        if any(value(row) is not None for row in rows):
            columns.append((header, lambda row, value=value: _cell(value(row))))
    cells = [tuple(header for header, _ in columns)] + [
        tuple(cell(row) for _, cell in columns) for row in rows
    ]
    widths = [max(len(line[i]) for line in cells) for i in range(len(columns))]
    lines = [title, ""]
    for number, line in enumerate(cells):
        first = f"{line[0]:<{widths[0]}}"
        rest = [f"{cell:>{width}}" for cell, width in zip(line[1:], widths[1:], strict=True)]
        lines.append("  ".join([first, *rest]).rstrip())
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    if len(columns) > 3:
        lines += ["", PAGE_NOTE]
    return "\n".join(lines) + "\n"


def _cell(value: object) -> str:
    return "-" if value is None else str(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "names",
        nargs="*",
        help=f"benchmarks to run (default: {', '.join(DEFAULT)}; all: {', '.join(BENCHMARKS)})",
    )
    names = parser.parse_args(argv).names or DEFAULT
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown:
        parser.error(f"no benchmark called {', '.join(unknown)}")
    RESULTS_DIR.mkdir(exist_ok=True)
    started = time.perf_counter()
    with ExitStack() as stack:
        database = ""
        for name in names:
            benchmark = BENCHMARKS[name]
            if benchmark.needs_database and not database:
                database = stack.enter_context(bench_django.test_database())
            title = benchmark.title + (f"\nOn {database}." if benchmark.needs_database else "")
            table = format_table(title, benchmark.run(), benchmark.naming, benchmark.counting)
            print(table, flush=True)
            (RESULTS_DIR / f"{name.replace('-', '_')}.txt").write_text(table)
    print(f"Done in {time.perf_counter() - started:.1f} s; tables saved in {RESULTS_DIR}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
