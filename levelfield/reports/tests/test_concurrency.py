"""Two people saving the same report at the same moment: one new version each time, never
two with the same number, and the slower one is told (their text kept by the page).

Real concurrent connections need PostgreSQL (SQLite serialises every write anyway).
"""

from __future__ import annotations

from levelfield.collectives.tests.threads import CONCURRENCY_MARKS, at_once
from levelfield.reports import services
from levelfield.reports.tests.factories import known_project

pytestmark = CONCURRENCY_MARKS


def test_two_saves_from_the_same_version_make_one_new_version() -> None:
    known = known_project(checkin=False)
    report = services.report_start(place=known.project, actor=known.member)
    if not report.versions.exists():
        services.report_generate(report=report)
    writers = [known.team.public[0], known.team.professionals[1]]
    for round_number in range(3):
        based_on = report.versions.order_by("-number").first().number
        results = at_once(
            2,
            lambda n, based_on=based_on, round_number=round_number: services.section_edit(
                report=report,
                actor=writers[n],
                section="aim",
                text=f"Aim from {writers[n].name}, round {round_number}",
                based_on=based_on,
            ),
        )
        refused = [r for r in results if isinstance(r, services.ReportError)]
        saved = [r for r in results if not isinstance(r, Exception)]
        assert len(saved) == 1 and len(refused) == 1, results
        assert refused[0].code == "outdated"
        assert saved[0].number == based_on + 1
    numbers = list(report.versions.order_by("number").values_list("number", flat=True))
    assert numbers == list(range(1, len(numbers) + 1))


def test_regenerating_twice_at_once_makes_one_version() -> None:
    known = known_project(checkin=False)
    report = services.report_start(place=known.project, actor=known.member)
    if not report.versions.exists():
        services.report_generate(report=report)
    known.entries[0].participations.update(minutes=45)
    before = report.versions.count()
    results = at_once(2, lambda n: services.report_generate(report=report))
    assert not [r for r in results if isinstance(r, Exception)], results
    assert {r.number for r in results} == {before + 1}
    assert report.versions.count() == before + 1
