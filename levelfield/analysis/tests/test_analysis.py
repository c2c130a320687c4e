"""A project's analysis team uploads and de-identifies transcripts, codes them with the
keyboard (checkboxes, no JavaScript), compares readings, builds themes and exports;
nobody outside the team learns anything; bad input is refused with a message naming
the field."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from levelfield.analysis import exports, personal, queries, services
from levelfield.analysis.models import Segment, Source, TeamMember, Theme
from levelfield.analysis.tests.factories import (
    client_for,
    code_make,
    source_make,
    team_of,
    upload,
)
from levelfield.history.models import Change
from levelfield.jobs.testing import prepared
from levelfield.learning.models import Course, Enrolment
from levelfield.people.models import Perspective, Visibility

pytestmark = pytest.mark.django_db


def _home(world) -> str:
    return reverse("analysis:home", args=[world.project_place.pk])


def _code(client, source, sentences, codes, **extra):
    return client.post(
        reverse("analysis:source", args=[source.pk]),
        {"sentences": sentences, "codes": [c.pk for c in codes], **extra},
    )


# The team


def test_a_project_member_opts_in_and_a_coordinator_adds_another(world) -> None:
    member = client_for(world.member)
    page = member.get(_home(world)).content.decode()
    assert "Join the analysis team" in page
    response = member.post(reverse("analysis:join", args=[world.project_place.pk]))
    assert response.status_code == 302
    assert TeamMember.objects.filter(place=world.project_place, person=world.member).exists()
    assert "Upload a transcript" in member.get(_home(world)).content.decode()

    # The coordinator is not on the team: they see who is, and add someone, nothing more.
    coordinator = client_for(world.coordinator)
    team = reverse("analysis:team", args=[world.project_place.pk])
    assert coordinator.get(team).status_code == 200
    assert coordinator.post(team, {"person": ""}).status_code == 400
    assert coordinator.post(team, {"person": str(world.coordinator.pk)}).status_code == 302
    assert Change.objects.filter(action="analysis_team_joined").count() == 2


def test_outsiders_former_members_and_people_not_on_the_team_get_404(world) -> None:
    team_of(world.project_place, world.member)
    source = source_make(place=world.project_place, actor=world.member)
    code = code_make(place=world.project_place, actor=world.member)
    urls = [
        reverse("analysis:codebook", args=[world.project_place.pk]),
        reverse("analysis:source", args=[source.pk]),
        reverse("analysis:agreement", args=[source.pk]),
        reverse("analysis:quotes", args=[code.pk]),
        reverse("analysis:qdpx", args=[world.project_place.pk]),
    ]
    for person in (world.coordinator, world.outsider, world.former, world.group_member):
        client = client_for(person)
        for url in urls:
            assert client.get(url).status_code == 404, (person, url)
    assert client_for(world.outsider).get(_home(world)).status_code == 404
    # Only projects have an analysis.
    group_home = reverse("analysis:home", args=[world.group.pk])
    assert client_for(world.member).get(group_home).status_code == 404


def test_where_the_project_asks_for_training_people_join_after_finishing_it(world) -> None:
    team_of(world.project_place, world.member)
    course = Course.objects.create(
        collective=world.collective, title="Peer research", is_open=True, created_at=timezone.now()
    )
    services.settings_update(
        actor=world.member, place=world.project_place, share_coding=False, training_course=course
    )
    with pytest.raises(services.AnalysisError):
        services.team_join(place=world.project_place, person=world.coordinator)
    now = timezone.now()
    enrolment = Enrolment.objects.create(
        course=course, person=world.coordinator, enrolled_at=now, completed_at=now
    )
    joined = services.team_join(place=world.project_place, person=world.coordinator)
    assert joined.training == enrolment


# Sources and de-identification


def test_an_upload_is_only_the_uploaders_until_they_confirm_what_to_remove(world) -> None:
    team_of(world.project_place, world.member, world.coordinator)
    client = client_for(world.member)
    response = client.post(
        reverse("analysis:source_upload", args=[world.project_place.pk]),
        {
            "title": "Interview 1",
            "file": upload(),
            "consent_reference": "CF-001",
            "quotes_allowed": "yes",
            "delete_original_on": "",
        },
    )
    source = Source.objects.get()
    assert response["Location"] == reverse("analysis:deidentify", args=[source.pk])
    assert not source.is_confirmed
    other = client_for(world.coordinator)
    assert other.get(reverse("analysis:deidentify", args=[source.pk])).status_code == 404
    assert other.get(reverse("analysis:source", args=[source.pk])).status_code == 404
    assert "Interview 1" not in other.get(_home(world)).content.decode()

    page = client.get(reverse("analysis:deidentify", args=[source.pk])).content.decode()
    assert "[hospital]" in page and "[name]" in page
    proposals = services.source_proposals(source)
    response = client.post(
        reverse("analysis:deidentify", args=[source.pk]),
        {"chosen": [str(i) for i in range(len(proposals))], "extra": "four months"},
    )
    source.refresh_from_db()
    assert source.is_confirmed
    assert "Patel" not in source.text and "St Mary" not in source.text
    assert "[removed]" in source.text and "four months" not in source.text
    # Nobody is named to keep originals: the original text and file are gone.
    assert source.original_text == "" and not source.file
    assert other.get(reverse("analysis:source", args=[source.pk])).status_code == 200


def test_the_original_is_kept_only_for_people_the_project_names(world, clock) -> None:
    team_of(world.project_place, world.member, world.coordinator)
    keeper = TeamMember.objects.get(person=world.coordinator)
    services.keeper_set(actor=world.coordinator, member=keeper, keeps=True)
    source = source_make(place=world.project_place, actor=world.member)
    source.refresh_from_db()
    assert source.original_text and source.file
    original = reverse("analysis:original", args=[source.pk])
    assert client_for(world.member).get(original).status_code == 404
    response = client_for(world.coordinator).get(original)
    assert response.status_code == 200
    assert b"Dr Patel" in b"".join(response.streaming_content)

    Source.objects.filter(pk=source.pk).update(delete_original_on=timezone.localdate())
    call_command("analysis_delete_originals", stdout=io.StringIO())
    source.refresh_from_db()
    assert source.original_text == "" and not source.file and source.original_deleted_at
    assert services.originals_delete_due(today=timezone.localdate()) == 0


def test_a_file_that_is_not_a_transcript_is_refused_naming_the_field(world) -> None:
    team_of(world.project_place, world.member)
    client = client_for(world.member)
    url = reverse("analysis:source_upload", args=[world.project_place.pk])
    response = client.post(
        url,
        {
            "title": "",
            "file": upload("\x89PNG\r\n\x1a\n" + "\x00" * 50, "picture.txt"),
            "consent_reference": "",
            "delete_original_on": "31 2 2027",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter a name for the source" in page
    assert "Enter the consent form reference" in page
    assert "Say whether the person agreed to be quoted" in page
    assert "Delete the original on must be a real date" in page
    assert "govuk-error-message" in page
    assert not Source.objects.exists()


def test_the_team_word_list_is_proposed_for_replacement(world) -> None:
    team_of(world.project_place, world.member)
    client = client_for(world.member)
    words = reverse("analysis:words", args=[world.project_place.pk])
    assert client.post(words, {"word": "Oakfield"}).status_code == 302
    assert client.post(words, {"word": "oakfield"}).status_code == 400
    assert client.post(words, {"word": ""}).status_code == 400
    source = source_make(
        place=world.project_place,
        actor=world.member,
        text="I went to the Oakfield drop-in.",
        confirm=False,
    )
    assert [p.found for p in services.source_proposals(source)] == ["Oakfield"]


# Codebook, coding and agreement


def test_codes_are_added_changed_and_their_history_kept(world) -> None:
    team_of(world.project_place, world.member)
    client = client_for(world.member)
    new = reverse("analysis:code_create", args=[world.project_place.pk])
    assert client.post(new, {"name": "", "definition": ""}).status_code == 400
    response = client.post(new, {"name": "Waiting", "definition": "Time waited."})
    assert response.status_code == 302
    code = world.project_place.analysis_codes.get()
    duplicate = client.post(new, {"name": "waiting", "definition": "Again."})
    assert "There is already a code called" in duplicate.content.decode()
    edit = reverse("analysis:code_edit", args=[code.pk])
    client.post(edit, {"name": "Waiting", "definition": "Time waited, anywhere.", "theme": ""})
    history = client.get(reverse("analysis:code_history", args=[code.pk])).content.decode()
    assert "changed the code" in history and "Time waited." in history


def test_a_coder_selects_sentences_and_paragraphs_and_applies_codes(world) -> None:
    team_of(world.project_place, world.member, world.coordinator)
    source = source_make(place=world.project_place, actor=world.member)
    believed = code_make(place=world.project_place, actor=world.member)
    waiting = code_make(place=world.project_place, actor=world.member, name="Waiting")
    client = client_for(world.member)
    page = client.get(reverse("analysis:source", args=[source.pk])).content.decode()
    assert 'type="checkbox"' in page and "I wanted to be believed." in page

    _, sentences = queries.cut(source)
    wanted = next(i for i, (s, e) in enumerate(sentences) if "believed" in source.text[s:e])
    response = _code(client, source, [wanted, wanted + 1], [believed], memo="Said twice.")
    assert response.status_code == 302
    segment = Segment.objects.get()
    assert "I wanted to be believed." in source.text[segment.start : segment.end]
    assert list(segment.codes.all()) == [believed]

    # A whole paragraph at once.
    client.post(
        reverse("analysis:source", args=[source.pk]),
        {"paragraphs": ["0"], "codes": [waiting.pk]},
    )
    assert Segment.objects.count() == 2

    # Nothing chosen, or no code: the message names what to choose.
    response = _code(client, source, [], [believed])
    assert response.status_code == 400
    assert "Select at least one sentence or paragraph to code" in response.content.decode()
    response = _code(client, source, [wanted], [])
    assert "Select at least one code to apply" in response.content.decode()
    response = _code(client, source, [99999], [believed])
    assert "Choose sentences shown on this page" in response.content.decode()


def test_each_sees_their_own_coding_unless_the_team_shares_it(world) -> None:
    team_of(world.project_place, world.member, world.coordinator)
    source = source_make(place=world.project_place, actor=world.member)
    code = code_make(place=world.project_place, actor=world.member)
    services.segments_code(
        actor=world.member, source=source, spans=[(0, 10)], codes=[code], memo="Mine"
    )
    url = reverse("analysis:source", args=[source.pk])
    other = client_for(world.coordinator)
    assert "Being believed (Mo)" not in other.get(url).content.decode()
    services.settings_update(
        actor=world.member, place=world.project_place, share_coding=True, training_course=None
    )
    assert "Being believed (Mo)" in other.get(url).content.decode()


def test_the_kept_text_shows_each_viewer_their_own_codes_and_new_codes_at_once(world) -> None:
    team_of(world.project_place, world.member, world.coordinator)
    source = source_make(place=world.project_place, actor=world.member)
    believed = code_make(place=world.project_place, actor=world.member)
    url = reverse("analysis:source", args=[source.pk])
    mine, other = client_for(world.member), client_for(world.coordinator)
    assert "Being believed (you)" not in mine.get(url).content.decode()
    assert "Waiting" not in other.get(url).content.decode()

    # Coding shows on the coder's next view of the same kept page, and only theirs.
    _, sentences = queries.cut(source)
    assert _code(mine, source, [1], [believed]).status_code == 302
    page = mine.get(url).content.decode()
    assert f'for="s-1">{source.text[slice(*sentences[1])]} <span' in page
    assert "[Being believed (you)]" in page
    assert "Being believed" not in other.get(url).content.decode().split("Apply the codes")[0]

    # A new code and a renamed one are offered at once.
    code_make(place=world.project_place, actor=world.member, name="Waiting")
    services.code_update(
        actor=world.member, code=believed, name="Believed", definition="", example="", theme=None
    )
    page = other.get(url).content.decode()
    assert "Waiting</label>" in page and "Believed</label>" in page
    assert "Being believed" not in page

    # A problem with the sentences marks every sentence's checkbox as described by it.
    page = _code(mine, source, [], [believed]).content.decode()
    assert page.count('aria-describedby="id_sentences-error"') == len(sentences)
    assert 'aria-describedby="id_sentences-error"' not in mine.get(url).content.decode()


def test_the_kept_coding_rows_show_each_change_at_once_and_take_off_with_a_valid_token(
    world,
) -> None:
    """The list of coding under the text is kept under a digest of what it shows: a
    renamed code, a renamed coder, a coding taken off and the team choosing to share all
    show on the next view, and each "Take off" form carries the viewer's own token."""
    from django.test import Client

    team_of(world.project_place, world.member, world.coordinator)
    source = source_make(place=world.project_place, actor=world.member)
    code = code_make(place=world.project_place, actor=world.member)
    services.segments_code(
        actor=world.member, source=source, spans=[(0, 10)], codes=[code], memo="Said twice"
    )
    url = reverse("analysis:source", args=[source.pk])
    mine = Client(enforce_csrf_checks=True)
    mine.force_login(world.member)
    passage = source.text[0:10]
    page = mine.get(url).content.decode()
    assert f"“{passage}” coded Being believed by you: " in page and "Said twice" in page
    assert page.count(">Take off<") == 1

    services.code_update(
        actor=world.member, code=code, name="Believed", definition="", example="", theme=None
    )
    page = mine.get(url).content.decode()
    assert f"“{passage}” coded Believed by you" in page

    # Another member sees it once the team shares its coding, by name and with no form.
    other = client_for(world.coordinator)
    assert "Coding in this part" not in other.get(url).content.decode()
    services.settings_update(
        actor=world.member, place=world.project_place, share_coding=True, training_course=None
    )
    page = other.get(url).content.decode()
    assert f"“{passage}” coded Believed by {world.member.name}" in page
    assert ">Take off<" not in page
    world.member.display_name = "Morwenna"
    world.member.save(update_fields=["display_name"])
    assert "coded Believed by Morwenna" in other.get(url).content.decode()

    # The kept row's form works: the token put in is the viewer's.
    page = mine.get(url).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[-1].split('"')[0]
    segment = Segment.objects.get()
    remove = reverse("analysis:segment_remove", args=[segment.pk])
    assert mine.post(remove, {"csrfmiddlewaretoken": token}).status_code == 302
    assert not Segment.objects.exists()
    assert "Coding in this part" not in mine.get(url).content.decode()


def test_agreement_is_shown_per_code_as_a_prompt_for_discussion(world) -> None:
    team_of(world.project_place, world.member, world.coordinator)
    source = source_make(place=world.project_place, actor=world.member)
    code = code_make(place=world.project_place, actor=world.member)
    _, sentences = queries.cut(source)
    for person in (world.member, world.coordinator):
        services.segments_code(actor=person, source=source, spans=[sentences[1]], codes=[code])
    services.segments_code(actor=world.member, source=source, spans=[sentences[3]], codes=[code])
    page = client_for(world.coordinator).get(reverse("analysis:agreement", args=[source.pk]))
    text = page.content.decode()
    assert "a prompt for discussion, not a score of people" in text
    assert "Cohen’s kappa" in text
    coders, results = queries.agreement_for(source)
    assert len(coders) == 2 and results[0].value is not None and results[0].value < 1

    third = world.group_member
    from levelfield.projects.tests.factories import ProjectMembershipFactory

    ProjectMembershipFactory(project=world.project, person=third)
    team_of(world.project_place, third)
    services.segments_code(actor=third, source=source, spans=[sentences[1]], codes=[code])
    assert queries.agreement_for(source)[1][0].measure == "Krippendorff’s alpha"


def test_coding_and_agreement_pages_ask_the_same_number_of_queries_however_much_coding(
    world,
) -> None:
    team_of(world.project_place, world.member, world.coordinator)
    source = source_make(place=world.project_place, actor=world.member)
    codes = [
        code_make(place=world.project_place, actor=world.member, name=f"C{i}") for i in (1, 2)
    ]
    client = client_for(world.member)
    urls = [
        reverse("analysis:source", args=[source.pk]),
        reverse("analysis:agreement", args=[source.pk]),
    ]

    def counts() -> list[int]:
        found = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries_run:
                assert client.get(url).status_code == 200
            found.append(len(queries_run))
        return found

    _, sentences = queries.cut(source)
    services.segments_code(actor=world.member, source=source, spans=[sentences[0]], codes=codes)
    client.get(urls[0])  # The first view renders and keeps the page's text and fields.
    before = counts()
    for person in (world.member, world.coordinator):
        for span in sentences:
            services.segments_code(actor=person, source=source, spans=[span], codes=codes)
    # The first view after new coding reads the text once for all its new passages.
    with CaptureQueriesContext(connection) as first:
        client.get(urls[0])
    assert len(first) == before[0] + 1
    assert counts() == before


def test_a_second_view_of_the_coding_page_does_not_read_the_transcript(world) -> None:
    """A transcript is hundreds of kilobytes and a page of it a few: its cut, the page's
    text and the coded passages are kept, so a second view reads none of the text."""
    team_of(world.project_place, world.member)
    source = source_make(place=world.project_place, actor=world.member)
    code = code_make(place=world.project_place, actor=world.member)
    _, sentences = queries.cut(source)
    services.segments_code(actor=world.member, source=source, spans=[sentences[0]], codes=[code])
    client = client_for(world.member)
    url = reverse("analysis:source", args=[source.pk])
    assert source.text[slice(*sentences[0])] in client.get(url).content.decode()
    with CaptureQueriesContext(connection) as second:
        page = client.get(url).content.decode()
    assert f"“{source.text[slice(*sentences[0])]}” coded Being believed by you" in page
    assert not [q for q in second.captured_queries if '"analysis_source"."text"' in q["sql"]]


# Themes, quotes and exports


def test_a_theme_shows_whose_perspectives_coded_the_passages_behind_it(world) -> None:
    team_of(world.project_place, world.member, world.coordinator)
    world.member.perspectives_visibility = Visibility.MY_TEAMS
    world.member.save()
    Perspective.objects.create(person=world.member, kind="young_person")
    source = source_make(place=world.project_place, actor=world.member)
    code = code_make(place=world.project_place, actor=world.member)
    client = client_for(world.member)
    response = client.post(
        reverse("analysis:theme_create", args=[world.project_place.pk]),
        {"name": "Believed first time", "description": "", "codes": [code.pk]},
    )
    theme = Theme.objects.get()
    assert response["Location"] == reverse("analysis:theme", args=[theme.pk])
    _, sentences = queries.cut(source)
    for span in sentences[:3]:
        services.segments_code(actor=world.member, source=source, spans=[span], codes=[code])
    services.segments_code(
        actor=world.coordinator, source=source, spans=[sentences[0]], codes=[code]
    )
    page = client.get(reverse("analysis:theme", args=[theme.pk])).content.decode()
    assert "seen mostly by people with the perspective “Young person”" in page
    assert "75%" in page


def test_a_theme_page_asks_the_same_number_of_queries_with_one_code_or_ten(world) -> None:
    team_of(world.project_place, world.member, world.coordinator)
    agreed = source_make(place=world.project_place, actor=world.member)
    refused = source_make(
        place=world.project_place, actor=world.member, title="Interview 2", quotes_allowed=False
    )
    _, sentences = queries.cut(agreed)
    client = client_for(world.member)

    def theme_queries(count: int) -> tuple[int, str]:
        codes = [
            code_make(place=world.project_place, actor=world.member, name=f"{count}-{i}")
            for i in range(count)
        ]
        theme = services.theme_create(
            actor=world.member, place=world.project_place, name=f"Theme {count}", codes=codes
        )
        for source in (agreed, refused):
            for person in (world.member, world.coordinator):
                services.segments_code(
                    actor=person, source=source, spans=sentences[:2], codes=codes
                )
        with CaptureQueriesContext(connection) as queries_run:
            response = client.get(reverse("analysis:theme", args=[theme.pk]))
        assert response.status_code == 200
        # Each code still shows the first five of its quotes, as its quotes page does.
        assert exports.quotes_by_code(codes, limit=5) == {
            code.pk: exports.quotes_for(code)[:5] for code in codes
        }
        return len(queries_run), response.content.decode()

    one, page = theme_queries(1)
    ten, page_of_ten = theme_queries(10)
    assert one == ten
    assert "(not for quotation)" in page_of_ten
    assert "“Interviewer: Tell me about your first appointment.”" in page


def test_a_quote_whose_speaker_did_not_agree_is_refused(world) -> None:
    team_of(world.project_place, world.member)
    agreed = source_make(place=world.project_place, actor=world.member)
    refused = source_make(
        place=world.project_place, actor=world.member, title="Interview 2", quotes_allowed=False
    )
    code = code_make(place=world.project_place, actor=world.member)
    for source in (agreed, refused):
        services.segments_code(actor=world.member, source=source, spans=[(0, 30)], codes=[code])
    with pytest.raises(exports.QuoteRefused):
        exports.quote(Segment.objects.get(source=refused))
    client = client_for(world.member)
    page = client.get(reverse("analysis:quotes", args=[code.pk])).content.decode()
    assert "Interview 1, paragraph 1, consent CF-001" in page
    assert "cannot be quoted" in page
    text = client.get(reverse("analysis:quotes_file", args=[code.pk])).content.decode()
    assert "Interview 1" in text and "Interview 2" not in text


def test_the_codebook_and_coding_download_as_csv_and_xlsx(world) -> None:
    team_of(world.project_place, world.member)
    source = source_make(place=world.project_place, actor=world.member)
    code = code_make(place=world.project_place, actor=world.member, name="=SUM(A1)")
    services.segments_code(actor=world.member, source=source, spans=[(0, 12)], codes=[code])
    client = client_for(world.member)
    place = world.project_place.pk
    csv = prepared(client, reverse("analysis:codebook_file", args=[place, "csv"])).content.decode()
    assert "'=SUM(A1)" in csv  # never a formula
    segments = prepared(
        client, reverse("analysis:segments_file", args=[place, "csv"])
    ).content.decode()
    assert "Interview 1" in segments and "Interviewer:" in segments
    xlsx = prepared(client, reverse("analysis:segments_file", args=[place, "xlsx"])).content
    assert zipfile.ZipFile(io.BytesIO(xlsx)).testzip() is None
    assert client.get(reverse("analysis:codebook_file", args=[place, "pdf"])).status_code == 404


def test_needs_export_and_erasure(world) -> None:
    team_of(world.project_place, world.member, world.coordinator)
    waiting = source_make(place=world.project_place, actor=world.member, confirm=False)
    assert [need.kind for need in personal.needs(world.member)] == ["analysis_source"]
    assert personal.needs(world.coordinator) == []
    source = source_make(place=world.project_place, actor=world.member, title="Interview 2")
    code = code_make(place=world.project_place, actor=world.member)
    services.segments_code(
        actor=world.coordinator, source=source, spans=[(0, 12)], codes=[code], memo="Cora's"
    )
    mine = personal.export(world.member)
    assert len(mine["analysis_sources_you_uploaded"]) == 2
    assert mine["analysis_your_coding"] == []  # the coordinator's coding is not theirs
    assert "Dr Patel" not in str(mine)  # no interview text in anyone's download
    theirs = personal.export(world.coordinator)
    assert theirs["analysis_your_coding"][0]["memo"] == "Cora's"
    assert waiting.title in str(mine)


def test_a_person_leaving_the_project_leaves_the_team(world) -> None:
    from levelfield.projects import services as project_services

    team_of(world.project_place, world.member)
    project_services.project_leave(project=world.project, person=world.member)
    assert not TeamMember.objects.exists()


def test_a_source_is_deleted_after_a_confirm_page(world) -> None:
    team_of(world.project_place, world.member)
    source = source_make(place=world.project_place, actor=world.member)
    client = client_for(world.member)
    url = reverse("analysis:source_delete", args=[source.pk])
    assert "Delete this source?" in client.get(url).content.decode()
    assert Source.objects.exists()
    client.post(url)
    assert not Source.objects.exists()


def test_the_demo_gives_the_young_peoples_project_its_analysis(demo: None, db) -> None:
    from levelfield.projects.models import Project

    place = Project.objects.get(title="Young people's voices in mental health services").place
    assert place.analysis_sources.filter(confirmed_at__isnull=False).count() == 2
    assert place.analysis_themes.count() == 2
    coders = set(
        Segment.objects.filter(source__place=place).values_list("coder__email", flat=True)
    )
    assert len(coders) == 2
    call_command("load_demo", stdout=io.StringIO())  # again: nothing doubles
    assert place.analysis_sources.count() == 2
    assert datetime.date  # keep the import for clock-based tests


def test_the_whole_analysis_downloads_as_a_qdpx_that_reads_back(world) -> None:
    from levelfield.analysis import qdpx

    team_of(world.project_place, world.member)
    source = source_make(place=world.project_place, actor=world.member)
    code = code_make(place=world.project_place, actor=world.member)
    services.theme_create(actor=world.member, place=world.project_place, name="T", codes=[code])
    services.segments_code(
        actor=world.member, source=source, spans=[(0, 12)], codes=[code], memo="Why"
    )
    response = prepared(
        client_for(world.member), reverse("analysis:qdpx", args=[world.project_place.pk])
    )
    project = qdpx.read(response.content)
    assert [user.name for user in project.users] == ["Mo"]
    assert project.codes[0].name == "T" and project.codes[0].children[0].name == code.name
    (read_source,) = project.sources
    assert read_source.text == source.text
    (selection,) = read_source.selections
    assert (selection.start, selection.end, selection.memo) == (0, 12, "Why")
    assert selection.code_guids == [exports.guid("code", code.pk)]


@pytest.mark.parametrize("seed", range(20))
def test_alpha_from_counts_is_exactly_krippendorffs_alpha_of_the_whole_table(seed) -> None:
    import random
    from collections import Counter

    from levelfield.analysis import agreement

    rng = random.Random(seed)
    coders, units = rng.randint(2, 6), rng.randint(1, 60)
    chance = rng.random()
    table = [[rng.random() < chance for _ in range(units)] for _ in range(coders)]
    yes = Counter(sum(column) for column in zip(*table, strict=True) if any(column))
    assert queries.alpha_from_counts(coders, yes, units) == pytest.approx(
        agreement.krippendorff_alpha(table), abs=1e-12
    ) or (
        queries.alpha_from_counts(coders, yes, units) is None
        and agreement.krippendorff_alpha(table) is None
    )
