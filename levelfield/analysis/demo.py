"""The demo's analysis: the young people's mental health project's analysis team (Jade,
a young peer researcher, Sam, a researcher, and Priya), two short interview transcripts
written for the demo (already de-identified), a codebook, coding by Jade and Sam, and
two themes. Safe to run again."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from levelfield.analysis import queries, services
from levelfield.analysis.models import Source, TeamMember
from levelfield.collectives.models import Collective
from levelfield.people.models import User
from levelfield.projects.models import Project

PROJECT_TITLE = "Young people's voices in mental health services"

TRANSCRIPTS = [
    (
        "Interview 1: first appointment",
        "CF-001",
        True,
        "Interviewer: Can you tell me about your first appointment with the team?\n"
        "Participant: I waited about four months, which felt like forever. When I got there "
        "the receptionist was kind, she asked if I wanted water. Then the doctor read my "
        "notes out loud like I wasn't in the room.\n"
        "Interviewer: How did that feel?\n"
        "Participant: Like they had already decided what was wrong with me. I had practised "
        "what to say on the bus and I never got to say it. I just wanted someone to believe "
        "me the first time.\n"
        "Interviewer: What would have made it better?\n"
        "Participant: Being asked what I wanted from the appointment. And knowing what would "
        "happen next, even if the answer was more waiting. My mum came with me and they "
        "talked to her more than to me.",
    ),
    (
        "Interview 2: being believed",
        "CF-002",
        False,
        "Interviewer: What do you remember most from your first appointment?\n"
        "Participant: That the nurse said she believed me. Nobody had said that before, not "
        "at school, not at [name]'s surgery. I cried in the car after, but good crying.\n"
        "Interviewer: What else helped?\n"
        "Participant: She explained the plan in writing, so I could read it again when I was "
        "calmer. She asked me what I call my anxiety instead of using her words.\n"
        "Interviewer: Was anything hard?\n"
        "Participant: The waiting room was full of adults and it was really loud. I nearly "
        "walked out before they called me. A quieter room would help a lot of young people.",
    ),
]

# name, definition, example, theme (or "")
CODES = [
    (
        "Being believed",
        "The young person says they were, or were not, believed about how they feel.",
        "I just wanted someone to believe me the first time.",
        "Believed first time",
    ),
    (
        "Spoken over",
        "Staff talk about or over the young person, or to someone with them, instead of to them.",
        "They talked to her more than to me.",
        "Believed first time",
    ),
    (
        "Knowing what happens next",
        "The young person knows, or does not know, what comes after the appointment.",
        "She explained the plan in writing.",
        "A first appointment that feels safe",
    ),
    (
        "Waiting",
        "Time waited for the appointment or in the waiting room.",
        "I waited about four months.",
        "A first appointment that feels safe",
    ),
    (
        "The room",
        "What the place itself is like: noise, who else is there, privacy.",
        "The waiting room was full of adults.",
        "A first appointment that feels safe",
    ),
]

THEMES = [
    (
        "Believed first time",
        "Young people judge a first appointment above all by whether "
        "they were believed and spoken to directly.",
    ),
    (
        "A first appointment that feels safe",
        "Knowing what happens next, a short wait and a "
        "calm room make it possible to speak at all.",
    ),
]

# (coder key, transcript index, sentence fragment, [codes], memo)
CODING = [
    (
        "jade",
        0,
        "I just wanted someone to believe",
        ["Being believed"],
        "This is the heart of it.",
    ),
    ("sam", 0, "I just wanted someone to believe", ["Being believed"], ""),
    ("jade", 0, "Then the doctor read my notes", ["Spoken over"], "Felt invisible."),
    ("sam", 0, "Like they had already decided", ["Being believed"], ""),
    ("jade", 0, "My mum came with me", ["Spoken over"], ""),
    (
        "sam",
        0,
        "My mum came with me",
        ["Spoken over"],
        "Parents present: ask the young person first?",
    ),
    ("jade", 0, "I waited about four months", ["Waiting"], ""),
    ("sam", 0, "I waited about four months", ["Waiting"], ""),
    ("sam", 0, "And knowing what would happen next", ["Knowing what happens next"], ""),
    ("jade", 1, "That the nurse said she believed me", ["Being believed"], ""),
    ("sam", 1, "That the nurse said she believed me", ["Being believed"], ""),
    ("jade", 1, "She explained the plan in writing", ["Knowing what happens next"], ""),
    (
        "jade",
        1,
        "The waiting room was full of adults",
        ["The room", "Waiting"],
        "Jade: we heard this in nearly every interview.",
    ),
    ("sam", 1, "The waiting room was full of adults", ["The room"], ""),
    ("jade", 1, "A quieter room would help", ["The room"], ""),
]


def demo_load(*, collective: Collective, people: dict[str, User]) -> None:
    project = (
        Project.objects.filter(collective=collective, title=PROJECT_TITLE)
        .select_related("place")
        .first()
    )
    if project is None or not {"jade", "sam", "priya"} <= set(people):
        return
    place = project.place
    if Source.objects.in_place(place).exists():
        return
    for key in ("jade", "sam", "priya"):
        if not TeamMember.objects.filter(place=place, person=people[key]).exists():
            services.team_join(place=place, person=people[key])
    jade, sam = people["jade"], people["sam"]
    sources = []
    for title, consent, quotes, text in TRANSCRIPTS:
        upload = SimpleUploadedFile(f"{title}.txt", text.encode(), "text/plain")
        source = services.source_upload(
            actor=jade,
            place=place,
            title=title,
            upload=upload,
            text=text,
            consent=services.Consent(consent, quotes),
        )
        sources.append(services.source_confirm(actor=jade, source=source, chosen=[], extra=[]))
    themes = {
        name: services.theme_create(actor=jade, place=place, name=name, description=about)
        for name, about in THEMES
    }
    codes = {
        name: services.code_create(
            actor=sam if index % 2 else jade,
            place=place,
            name=name,
            definition=definition,
            example=example,
            theme=themes.get(theme),
        )
        for index, (name, definition, example, theme) in enumerate(CODES)
    }
    coders = {"jade": jade, "sam": sam}
    for key, index, fragment, names, memo in CODING:
        source = sources[index]
        _, sentences = queries.cut(source)
        start = source.text.index(fragment)
        span = next((s, e) for s, e in sentences if s <= start < e)
        services.segments_code(
            actor=coders[key],
            source=source,
            spans=[span],
            codes=[codes[name] for name in names],
            memo=memo,
        )
