"""A study design for SCIE's research resources, and an index for "Newest first" (year, undated last).

The index is written per database: PostgreSQL sorts NULLs first in a descending index unless told
otherwise, while SQLite accepts no NULLS LAST in an index and sorts NULLs last there anyway.
"""

from django.db import migrations, models

INDEX = "research_pub_year_idx"
COLUMNS = {
    "postgresql": '"status", "year" DESC NULLS LAST, "title", "id"',
    "default": '"status", "year" DESC, "title", "id"',
}


def create_index(apps, schema_editor):
    columns = COLUMNS.get(schema_editor.connection.vendor, COLUMNS["default"])
    schema_editor.execute(f'CREATE INDEX "{INDEX}" ON "research_publication" ({columns})')


def drop_index(apps, schema_editor):
    schema_editor.execute(f'DROP INDEX "{INDEX}"')


STUDY_DESIGNS = [
    ("", "Not stated"),
    ("qualitative", "Qualitative study"),
    ("narrative", "Narrative investigation"),
    ("quantitative", "Quantitative study"),
    ("mixed_methods", "Mixed methods study"),
    ("systematic_review", "Systematic review"),
    ("knowledge_review", "Knowledge review"),
    ("discussion", "Discussion paper"),
    ("guidance", "Guidance"),
    ("policy", "Policy or position paper"),
    ("textbook", "Textbook"),
    ("research_resource", "Research resource"),
]


def study_design():
    return models.CharField(
        blank=True,
        choices=STUDY_DESIGNS,
        help_text="What kind of evidence this is, as the publication itself describes it.",
        max_length=20,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("research", "0006_pending_import"),
    ]

    operations = [
        migrations.AlterField(model_name="historicalpublication", name="study_design", field=study_design()),
        migrations.AlterField(model_name="publication", name="study_design", field=study_design()),
        migrations.RunPython(create_index, drop_index),
    ]
