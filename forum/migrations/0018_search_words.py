import re

from django.db import migrations, models

# PostgreSQL only: a trigram index finds the words nearest a misspelt one (pg_trgm, created by
# doctors' migration 0007; created here too in case this runs first). SQLite has none.
CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS search_word_trgm ON forum_searchword "
    "USING gin (word gin_trgm_ops)",
]
DROP = ["DROP INDEX IF EXISTS search_word_trgm"]
WORD = re.compile(r"[^\W\d_]{3,40}")  # as forum.search.WORD


def fill(apps, schema_editor):
    """The words of the titles and treatments there are, as forum.search.remember_words."""
    Question = apps.get_model("forum", "Question")
    Treatment = apps.get_model("treatments", "Treatment")
    SearchWord = apps.get_model("forum", "SearchWord")
    if schema_editor.connection.vendor == "postgresql":
        for sql in CREATE:
            schema_editor.execute(sql)
    words = set()
    for model, name in ((Question, "title"), (Treatment, "name")):
        for text in model.objects.values_list(name, flat=True).iterator(chunk_size=5000):
            words.update(word.lower() for word in WORD.findall(text))
    SearchWord.objects.bulk_create(
        [SearchWord(word=word) for word in sorted(words)], ignore_conflicts=True, batch_size=2000
    )


def unfill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0017_removed_answer_count"),
        ("treatments", "0003_treatment_follow"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("word", models.CharField(max_length=40, unique=True)),
            ],
        ),
        migrations.RunPython(fill, unfill),
    ]
