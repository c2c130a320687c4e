"""Background work: suggesting similar questions (run by `manage.py db_worker`)."""

from __future__ import annotations

from django_tasks import task

from levelfield.priorities import services
from levelfield.priorities.models import Partnership


@task()
def priorities_find_pairs_task(partnership_pk: int) -> int:
    partnership = Partnership.objects.filter(pk=partnership_pk).first()
    return services.pairs_find(partnership=partnership) if partnership else 0
