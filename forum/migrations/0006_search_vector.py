import django.contrib.postgres.search
from django.db import migrations

# PostgreSQL only: SQLite has no GIN indexes, and its search does without the vector.
CREATE_INDEX = (
    "CREATE INDEX IF NOT EXISTS question_search ON forum_question USING gin (search_vector)"
)
DROP_INDEX = "DROP INDEX IF EXISTS question_search"
FILL = """
UPDATE forum_question AS q SET search_vector =
    setweight(to_tsvector('english', q.title), 'A')
    || setweight(to_tsvector('english', coalesce((
        SELECT string_agg(t.name, ' ') FROM forum_taggedquestion tq
        JOIN forum_treatment t ON t.id = tq.tag_id WHERE tq.content_object_id = q.id
    ), '')), 'B')
    || setweight(to_tsvector('english', q.body), 'C')
    || setweight(to_tsvector('english', coalesce((
        SELECT string_agg(a.headline || ' ' || a.body, ' ') FROM forum_answer a
        WHERE a.question_id = q.id AND a.status = 'published'
    ), '')), 'D')
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FILL)
        schema_editor.execute(CREATE_INDEX)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_INDEX)


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0005_questionfollow"),
    ]

    operations = [
        migrations.AddField(
            model_name="question",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(forwards, backwards),
    ]
