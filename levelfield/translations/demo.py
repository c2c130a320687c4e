"""Demo translations into Welsh by Maggie, a member: the collective's public page, the
November update, the Cuppa opportunity and every date of the Cuppa itself, up to date;
and the priority-setting story, whose summary its authors changed after she translated
it, so its translation shows as out of date. Also the Allies Group's open decision and
its options, and the questions of the collective's Winter check-in, easy-read words
included. Through the services, as a member would. Safe to run twice: each part does
nothing once its first object has a translation."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType

from levelfield.collectives.models import Collective
from levelfield.decisions.demo import ALLIES_QUESTION
from levelfield.decisions.models import Decision
from levelfield.events.models import Event
from levelfield.opportunities.models import Opportunity
from levelfield.people.models import User
from levelfield.reflection.demo import WINTER
from levelfield.reflection.models import CheckInRound
from levelfield.stories import services as story_services
from levelfield.stories.demo import NOVEMBER
from levelfield.stories.models import PublicPage, Story
from levelfield.translations import services
from levelfield.translations.models import Translation

WELSH = "cy"
TRANSLATOR = "maggie"
PRIORITIES = "How 140 people chose the questions diabetes research should answer"
CUPPA = "Help plan our monthly Co-Pro Cuppa"

PAGE = {
    "welcome": "Rydyn ni’n gleifion, gofalwyr, ymchwilwyr ac ymarferwyr ym Manceinion Fwyaf "
    "sy’n **cyd-gynhyrchu ymchwil iechyd gyda’n gilydd**: fel pobl gyfartal, o’r syniad "
    "cyntaf hyd at ddweud wrth bobl beth wnaethon ni ei ddarganfod.",
    "about_coproduction": "Mae cyd-gynhyrchu’n golygu rhannu grym. Does neb yma’n “ddim "
    "ond” claf neu’n “ddim ond” ymchwilydd: rydyn ni’n penderfynu gyda’n gilydd, mae "
    "gwybodaeth pawb yn cyfrif, ac rydyn ni’n talu pobl am eu hamser.\n\n"
    "## Beth i’w ddisgwyl\n\n- Iaith glir, bob amser\n- Cyfarfodydd ar adegau ac mewn "
    "lleoedd sy’n gweithio i chi\n- Diwallu eich anghenion mynediad, heb orfod eu hesbonio "
    "ddwywaith\n- Tâl am eich amser, neu daleb, fel y mynnwch",
    "get_involved": "Dewch i’n **Paned Cyd-gynhyrchu** misol, darllenwch gynlluniau "
    "astudiaeth, ymunwch â grŵp llywio prosiect neu adroddwch eich stori. Mae’r rhan fwyaf "
    "o bethau’n cymryd awr neu ddwy, ac rydyn ni’n talu amdanyn nhw.",
}

UPDATE = {
    "title": "Setlo i mewn i fis Tachwedd: beth wnaethon ni, beth sydd i ddod, ymunwch â ni "
    "am Baned",
    "summary": "Deuddeg ohonon ni yn y Baned, tri chwestiwn cyfweliad wedi’u hailysgrifennu, "
    "a lle i chi yn yr un nesaf.",
    "body": """Helo gan bob un ohonon ni. Roedd mis Hydref yn brysur, felly dyma beth
ddigwyddodd, beth sydd i ddod a sut gallwch chi ymuno.

## Beth wnaethon ni

- **Daeth deuddeg ohonon ni i’r Baned Cyd-gynhyrchu** yn y llyfrgell. Buon ni’n siarad am
  sut dylai “bod yn rhan” deimlo, a’i ysgrifennu yn ein geiriau ein hunain.
- Gofynnodd tîm yr astudiaeth adfer ar ôl strôc i ni **ddarllen eu cwestiynau cyfweliad**.
  Ailysgrifennodd Gordon a Dev dri ohonyn nhw mewn iaith glir, a defnyddiodd y tîm y tri.
- Cytunon ni ar ffordd decach o dalu pobl am ddarllen papurau gartref (gweler y log
  penderfyniadau).

## Beth sydd i ddod

- Mae’r Baned nesaf ar ddydd Llun cyntaf y mis, 10am, ar-lein ac wyneb yn wyneb.
- Rydyn ni’n chwilio am ddau berson sydd â phrofiad bywyd o ddiabetes i ymuno â grŵp
  llywio astudiaeth newydd. Mae’n cael ei dalu.

## Ymunwch â ni am Baned

Does dim angen i chi wybod dim am ymchwil. Dewch â chi’ch hun a’ch profiad: fe ddown ni
â’r te. [Dywedwch wrthon ni fod gennych chi ddiddordeb](../../get-involved/) ac fe anfonwn ni’r
manylion atoch chi.
""",
}

PRIORITIES_WELSH = {
    "title": "Sut dewisodd 140 o bobl y cwestiynau y dylai ymchwil diabetes eu hateb",
    "summary": "Ein partneriaeth gosod blaenoriaethau gyntaf, a’r deg uchaf a gytunodd.",
    "body": "Dros chwe wythnos, dywedodd 140 o bobl wrthon ni beth maen nhw eisiau i ymchwil "
    "ar ddiabetes math 2 ei ateb. Fe wnaethon ni grwpio eu cwestiynau, pleidleisio, a "
    "chwrdd i gytuno ar ddeg uchaf.\n\nY cwestiwn a ofynnwyd amlaf: *“Pa ddeietau sy’n "
    "gweithio i bobl sy’n gweithio shifftiau?”*\n\nRoedd pleidlais pawb yn cyfrif yr un "
    "fath, boed yn feddyg ymgynghorol neu’n glaf.",
}

CUPPA_WELSH = {
    "title": "Helpwch i gynllunio ein Paned Cyd-gynhyrchu misol",
    "summary": "Ein Paned fisol yw lle mae pobl yn cwrdd ag ymchwilwyr dros baned. Helpwch "
    "ni i ddewis pynciau, croesawu pobl newydd a gwneud iddi weithio i bawb.",
    "who_for": "Unrhyw un yn Riverside a hoffai gwrdd â phobl a siarad am ymchwil iechyd. "
    "Does dim angen profiad.",
    "time_needed": "Awr y mis",
    "accessibility": "Mae’r llyfrgell yn ddi-gam ac mae ganddi ddolen sain.",
    "payment": "Di-dâl: te, cacen a chostau teithio.",
}


CUPPA_EVENT = "Co-Pro Cuppa"
CUPPA_EVENT_WELSH = {
    "title": "Paned Cyd-gynhyrchu",
    "description": "Sgwrs agored am ymchwil a gofal, dros baned. **Mae croeso i bawb**: does "
    "dim angen profiad, a does dim rhaid troi’r camera ymlaen.\n\n"
    "- Clywed beth mae prosiectau’n ei wneud\n- Rhannu beth sy’n bwysig i chi\n"
    "- Cwrdd â phobl",
}


ALLIES_WELSH = {
    "title": "Sut dylai’r Grŵp Cynghreiriaid wneud penderfyniadau?",
    "background": "Rydyn ni wedi mapio sut mae penderfyniadau’n cael eu gwneud yn y "
    "gydweithfa nawr. Cyn i ni gynnig ffordd newydd i bawb, rydyn ni eisiau rhoi cynnig ar "
    "un ein hunain am chwe mis. Pa ffordd ddylai’r Grŵp Cynghreiriaid roi cynnig arni "
    "gyntaf? Dywedwch pam os gallwch chi: byddwn ni’n darllen pob rheswm yn y cyfarfod "
    "nesaf.",
    "easy_read_question": "Rydyn ni eisiau rhoi cynnig ar ffordd newydd o wneud "
    "penderfyniadau.\nByddwn ni’n rhoi cynnig arni am 6 mis.\nPa ffordd ddylen ni roi "
    "cynnig arni gyntaf?\nGallwch chi ddweud wrthon ni pam.",
}
# By the option's position: its label and its easy-read words, in Welsh.
ALLIES_OPTIONS_WELSH = [
    {
        "label": "Cydsyniad: rydyn ni’n bwrw ymlaen oni bai bod gan rywun wrthwynebiad rhesymol",
        "easy_read_label": "Rydyn ni’n bwrw ymlaen. Gall unrhyw un ein stopio os ydyn nhw’n "
        "dweud pam.",
    },
    {
        "label": "Pleidlais fwyafrif: yr opsiwn y mae’r rhan fwyaf ohonon ni’n ei ddewis",
        "easy_read_label": "Rydyn ni’n pleidleisio. Y syniad gyda’r nifer fwyaf o bleidleisiau "
        "sy’n ennill.",
    },
    {
        "label": "Consensws: rydyn ni’n siarad nes bod pawb yn gallu ei gefnogi",
        "easy_read_label": "Rydyn ni’n dal i siarad nes bod pawb yn cytuno.",
    },
    {
        "label": "Graddfeydd cytuno, yna cydsyniad ar y geiriad terfynol",
        "easy_read_label": "Mae pob un ohonon ni’n dweud faint rydyn ni’n ei hoffi. Yna "
        "rydyn ni’n cytuno ar y geiriau.",
    },
]

THEMES_WELSH = {
    "Sharing power": "Rhannu grym",
    "Including all perspectives and skills": "Cynnwys pob safbwynt a phob sgil",
    "Respecting and valuing everyone's knowledge": "Parchu a gwerthfawrogi gwybodaeth pawb",
    "Reciprocity": "Dwyochredd",
    "Building and maintaining relationships": "Meithrin a chynnal perthnasoedd",
}
# The Winter check-in's questions by position: the words and their easy-read words.
QUESTIONS_WELSH = {
    1: (
        "Mae gan bawb yn y tîm lais go iawn yn y penderfyniadau sy’n llunio’r prosiect.",
        "Mae gan bawb yn y tîm lais.",
    ),
    2: (
        "Mae penderfyniadau’n cael eu gwneud gyda ni, nid yn rhywle arall a’u cyflwyno i ni "
        "i’w cytuno.",
        "Rydyn ni’n gwneud penderfyniadau gyda’n gilydd.",
    ),
    3: (
        "Mae’r bobl y mae’r ymchwil yn ymwneud â’u bywydau yn rhan o’r tîm.",
        "Mae’r bobl y mae’r ymchwil yn sôn amdanyn nhw yn y tîm.",
    ),
    4: (
        "Mae sgiliau pawb yn cael eu defnyddio, nid sgiliau’r gweithwyr proffesiynol yn unig.",
        "Rydyn ni’n defnyddio’r hyn mae pawb yn dda am ei wneud.",
    ),
    5: (
        "Mae’r hyn y mae pobl yn ei wybod o’u bywydau eu hunain yn cyfrif cymaint â’r hyn y "
        "maen nhw’n ei wybod o astudio neu o’u gwaith.",
        "Mae’r hyn rydych chi’n ei wybod o’ch bywyd yn bwysig.",
    ),
    6: (
        "Mae pawb yn cael rhywbeth yn ôl am yr hyn maen nhw’n ei roi: tâl, dysgu, "
        "cydnabyddiaeth neu rywbeth arall sy’n werthfawr iddyn nhw.",
        "Mae pawb yn cael rhywbeth yn ôl.",
    ),
    7: (
        "Mae pobl yn y tîm yn adnabod ei gilydd yn ddigon da i siarad yn agored.",
        "Rydyn ni’n adnabod ein gilydd. Gallwn ni siarad yn rhydd.",
    ),
    8: (
        "Rydyn ni’n cadw mewn cysylltiad rhwng cyfarfodydd, nid dim ond pan fydd rhywbeth "
        "yn ddyledus.",
        "Rydyn ni’n cadw mewn cysylltiad rhwng cyfarfodydd.",
    ),
}


def _translated(obj: Any) -> bool:
    return Translation.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).exists()


def _decision_in_welsh(collective: Collective, translator: User) -> None:
    """The Allies Group's open decision and its options, easy-read words included."""
    decision = Decision.objects.filter(place__collective=collective, title=ALLIES_QUESTION).first()
    if decision is None or _translated(decision):
        return
    _translate(decision, ALLIES_WELSH, translator)
    for option, words in zip(decision.options.all(), ALLIES_OPTIONS_WELSH, strict=False):
        _translate(
            option,
            {
                "label": words["label"],
                "easy_read_label": words["easy_read_label"] if option.easy_read_label else "",
            },
            translator,
        )


def _checkin_in_welsh(collective: Collective, translator: User) -> None:
    """The questions of the collective's current check-in round (Levelfield's own, so
    every collective asking them reads the Welsh too), easy-read words included."""
    checkin = (
        CheckInRound.objects.filter(place__collective=collective, title=WINTER)
        .select_related("version")
        .first()
    )
    if checkin is None:
        return
    for question in checkin.version.questions.all():
        words = QUESTIONS_WELSH.get(question.position)
        if words is None or question.theme not in THEMES_WELSH or _translated(question):
            continue
        text, easy = words
        _translate(
            question,
            {
                "theme": THEMES_WELSH[question.theme],
                "text": text,
                "easy_read_text": easy if question.easy_read_text else "",
            },
            translator,
        )


def _translate(obj: Any, words: dict[str, str], translator: User) -> None:
    if obj is not None:
        services.translation_save(obj=obj, language=WELSH, text=words, actor=translator)


def demo_load(*, collective: Collective, people: dict[str, User]) -> None:
    translator = people.get(TRANSLATOR)
    if collective is None or translator is None:
        return
    _decision_in_welsh(collective, translator)
    _checkin_in_welsh(collective, translator)
    update = Story.objects.filter(collective=collective, title=NOVEMBER).first()
    if update is None:
        return
    if Translation.objects.filter(
        content_type=ContentType.objects.get_for_model(Story), object_id=update.pk
    ).exists():
        return
    _translate(update, UPDATE, translator)
    _translate(PublicPage.objects.filter(collective=collective).first(), PAGE, translator)
    _translate(
        Opportunity.objects.filter(place__collective=collective, title=CUPPA).first(),
        CUPPA_WELSH,
        translator,
    )
    # Every date of the monthly Cuppa, so whichever one a Welsh reader opens is in Welsh.
    for event in Event.objects.filter(place__collective=collective, title=CUPPA_EVENT):
        _translate(event, CUPPA_EVENT_WELSH, translator)
    priorities = Story.objects.filter(collective=collective, title=PRIORITIES).first()
    if priorities is None:
        return
    _translate(priorities, PRIORITIES_WELSH, translator)
    # Its authors change the summary afterwards: the translation is now out of date.
    story_services.story_update(
        story=priorities,
        actor=priorities.author or translator,
        values={
            "summary": "Our first priority-setting partnership, the top ten it agreed and "
            "what has happened since."
        },
        co_authors=list(priorities.co_authors.all()),
        tags=", ".join(tag.name for tag in priorities.tags.all()),
    )
