"""The shared topic vocabulary: health and care areas people choose to hear about."""

from __future__ import annotations

from django.db import migrations

TOPICS = [
    ("mental-health", "Mental health"),
    ("young-people", "Children and young people"),
    ("older-people", "Older people and ageing"),
    ("stroke", "Stroke"),
    ("heart-and-circulation", "Heart and circulation"),
    ("diabetes", "Diabetes"),
    ("cancer", "Cancer"),
    ("long-term-conditions", "Long-term conditions"),
    ("long-covid", "Long COVID"),
    ("dementia", "Dementia"),
    ("disability", "Disability"),
    ("carers", "Carers"),
    ("maternity", "Pregnancy, birth and maternity"),
    ("social-care", "Social care"),
    ("public-health", "Public health and inequalities"),
    ("digital-health", "Digital health and technology"),
]


def add(apps, schema_editor):
    Topic = apps.get_model("opportunities", "Topic")
    for position, (slug, name) in enumerate(TOPICS):
        Topic.objects.update_or_create(slug=slug, defaults={"name": name, "position": position})


class Migration(migrations.Migration):
    dependencies = [("opportunities", "0001_initial")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
