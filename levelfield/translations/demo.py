"""Demo translations into Welsh by Maggie, a member: the collective's public page, the
November update, the Cuppa opportunity and every date of the Cuppa itself, up to date;
and the priority-setting story, whose summary its authors changed after she translated
it, so its translation shows as out of date. Through the services, as a member would.
Safe to run twice: it does nothing once the November update has a translation."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType

from levelfield.collectives.models import Collective
from levelfield.events.models import Event
from levelfield.opportunities.models import Opportunity
from levelfield.people.models import User
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


def _translate(obj: Any, words: dict[str, str], translator: User) -> None:
    if obj is not None:
        services.translation_save(obj=obj, language=WELSH, text=words, actor=translator)


def demo_load(*, collective: Collective, people: dict[str, User]) -> None:
    translator = people.get(TRANSLATOR)
    if collective is None or translator is None:
        return
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
