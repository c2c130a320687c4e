"""Everything that changes a decision, by the decision's life: starting it
(starting.py), talking it through (talking.py), responding (responding.py), closing
(closing.py), reminding (reminding.py) and writing the outcome (outcomes.py).

Each function runs in one transaction together with its entry in the change history,
and checks again that the acting person may act (access.py). Responses lock the
decision row, so two submissions from one person (a double click, two tabs) leave
exactly one response; the database's unique constraints are the last line of defence.
Nothing here runs because a page was opened: closing on time is the task's and the
`close_due_decisions` command's job.
"""

from __future__ import annotations

from levelfield.decisions.services.closing import (
    decision_close,
    decision_close_early,
    decisions_close_due,
)
from levelfield.decisions.services.common import (
    DecisionError,
    ProposedTime,
    decision_record,
    time_label,
    zone_for,
)
from levelfield.decisions.services.outcomes import outcome_write
from levelfield.decisions.services.reminding import decision_remind, decisions_remind_due
from levelfield.decisions.services.responding import (
    ballot_of,
    reason_problem_for,
    response_submit,
)
from levelfield.decisions.services.starting import (
    REMINDER_BEFORE,
    decision_create,
    decision_tasks_schedule,
    decision_times_check,
    unique_labels,
)
from levelfield.decisions.services.talking import option_add, point_add
from levelfield.decisions.services.tallying import (
    tallies_rebuild,
    tallies_wrong,
    tally_fresh,
    tally_read,
)

__all__ = [
    "REMINDER_BEFORE",
    "DecisionError",
    "ProposedTime",
    "ballot_of",
    "decision_close",
    "decision_close_early",
    "decision_create",
    "decision_record",
    "decision_remind",
    "decision_tasks_schedule",
    "decision_times_check",
    "decisions_close_due",
    "decisions_remind_due",
    "option_add",
    "outcome_write",
    "point_add",
    "reason_problem_for",
    "response_submit",
    "tallies_rebuild",
    "tallies_wrong",
    "tally_fresh",
    "tally_read",
    "time_label",
    "unique_labels",
    "zone_for",
]
