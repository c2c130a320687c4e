"""Where a learner is on a course, and how a course's learners are doing in aggregate.

Computed from what people did (pages marked done, reflections saved), never written
when a page is opened. The facilitators' view counts people only when at least
`settings.MINIMUM_ANONYMOUS_GROUP` are enrolled, so a count never points at one person.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, QuerySet

from levelfield.learning.models import Course, Enrolment, Module, Page, PageDone, Reflection


@dataclass
class Step:
    """One thing to do on a course: read a page, or answer a module's question."""

    module: Module
    page: Page | None  # None: the module's question
    done: bool


@dataclass
class ModuleProgress:
    module: Module
    pages: list[tuple[Page, bool]]
    answered: bool | None  # None when the module asks no question
    done: bool


@dataclass
class LearnerProgress:
    modules: list[ModuleProgress]
    steps_done: int
    steps_total: int
    next_step: Step | None

    @property
    def percent(self) -> int:
        return round(100 * self.steps_done / self.steps_total) if self.steps_total else 0

    @property
    def started(self) -> bool:
        return self.steps_done > 0


def course_outline(course: Course) -> list[Module]:
    """The course's modules in order, each with its pages prefetched (two queries)."""
    return list(Module.objects.filter(course=course).prefetch_related("pages"))


def learner_progress(modules: list[Module], enrolment: Enrolment | None) -> LearnerProgress:
    done_pages: set[int] = set()
    answered: set[int] = set()
    if enrolment is not None:
        done_pages = set(
            PageDone.objects.filter(enrolment=enrolment).values_list("page_id", flat=True)
        )
        answered = set(
            Reflection.objects.filter(enrolment=enrolment).values_list("module_id", flat=True)
        )
    rows, steps = [], []
    for module in modules:
        pages = [(page, page.pk in done_pages) for page in module.pages.all()]
        steps += [Step(module, page, done) for page, done in pages]
        has_question = bool(module.question)
        if has_question:
            steps.append(Step(module, None, module.pk in answered))
        module_answered = (module.pk in answered) if has_question else None
        rows.append(
            ModuleProgress(
                module=module,
                pages=pages,
                answered=module_answered,
                done=all(done for _, done in pages) and module_answered is not False,
            )
        )
    done = sum(1 for step in steps if step.done)
    next_step = next((step for step in steps if not step.done), None)
    return LearnerProgress(rows, done, len(steps), next_step)


def neighbours(modules: list[Module], page: Page) -> tuple[Page | None, Page | None]:
    """The pages before and after `page` across the whole course."""
    pages = [p for module in modules for p in module.pages.all()]
    index = next(i for i, p in enumerate(pages) if p.pk == page.pk)
    before = pages[index - 1] if index > 0 else None
    after = pages[index + 1] if index + 1 < len(pages) else None
    return before, after


@dataclass
class ModuleCounts:
    module: Module
    finished: int
    shared: int


@dataclass
class CourseProgress:
    enrolled: int
    minimum: int = settings.MINIMUM_ANONYMOUS_GROUP
    completed: int = 0
    started: int = 0
    modules: list[ModuleCounts] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return self.enrolled >= self.minimum


def course_progress(course: Course, modules: list[Module]) -> CourseProgress:
    """How many people enrolled, started, finished each module and the course. Three
    queries, whatever the number of learners: the enrolments (how many, how many
    completed, and whose), the pages done per learner and module, and the reflections
    (answered, and shared with the facilitators)."""
    enrolments = list(
        Enrolment.objects.filter(course=course).values_list("pk", "completed_at").order_by()
    )
    progress = CourseProgress(enrolled=len(enrolments))
    if not progress.shown:
        return progress
    progress.completed = sum(1 for _, completed_at in enrolments if completed_at is not None)
    done = {
        (row["enrolment_id"], row["page__module_id"]): row["done"]
        for row in PageDone.objects.filter(enrolment__course=course)
        .values("enrolment_id", "page__module_id")
        .annotate(done=Count("pk"))
    }
    reflections = list(
        Reflection.objects.filter(enrolment__course=course)
        .values_list("enrolment_id", "module_id", "shared_with_facilitators")
        .order_by()
    )
    answered = {(enrolment_id, module_id) for enrolment_id, module_id, _ in reflections}
    progress.started = len({enrolment_id for enrolment_id, _ in done} | {e for e, _ in answered})
    shared = Counter(module_id for _, module_id, is_shared in reflections if is_shared)
    enrolment_ids = [pk for pk, _ in enrolments]
    for module in modules:
        page_count = len(module.pages.all())
        finished = sum(
            1
            for enrolment_id in enrolment_ids
            if done.get((enrolment_id, module.pk), 0) >= page_count
            and (not module.question or (enrolment_id, module.pk) in answered)
        )
        progress.modules.append(ModuleCounts(module, finished, shared[module.pk]))
    return progress


def shared_reflections(course: Course) -> QuerySet[Reflection]:
    """The reflections learners chose to share with the facilitators, by module (the
    caller pages them)."""
    return (
        Reflection.objects.filter(enrolment__course=course, shared_with_facilitators=True)
        .select_related("enrolment__person", "module")
        .order_by("module__position", "written_at", "pk")
    )
