"""The published themes' words join publishing's "did you mean" list (see research 0006).

Frozen on purpose: the fields and the rule for a word are copied here as they were when this was
written, so the migration keeps doing what it did whatever publishing.search_index becomes.
"""

import re
from collections import Counter, defaultdict

from django.db import migrations, models

KIND = "themes.theme"
TOKEN = re.compile(r"[^\W_]+")


def words_of(text):
    return {token for token in TOKEN.findall(text.lower()) if 3 <= len(token) <= 40 and token.isalpha()}


def save_words(apps, kind, texts):
    """Record each item's words (SearchEntry) and add them to the counts (SearchWord)."""
    SearchEntry = apps.get_model("publishing", "SearchEntry")
    SearchWord = apps.get_model("publishing", "SearchWord")
    documents = Counter(dict(SearchWord.objects.values_list("word", "documents")))
    entries = []
    for pk, parts in texts.items():
        words = words_of(" ".join(part for part in parts if part))
        if words:
            entries.append(SearchEntry(kind=kind, object_id=pk, words=" ".join(sorted(words))))
            documents.update(words)
    SearchEntry.objects.bulk_create(entries, batch_size=500)
    SearchWord.objects.all().delete()
    SearchWord.objects.bulk_create([SearchWord(word=w, documents=n) for w, n in documents.items()], batch_size=500)


def forwards(apps, schema_editor):
    Theme = apps.get_model("themes", "Theme")
    TaggedTheme = apps.get_model("themes", "TaggedTheme")
    texts = defaultdict(list)
    for pk, *fields in Theme.objects.filter(status="published").values_list("pk", "title", "summary", "body", "question"):
        texts[pk] += fields
    tags = TaggedTheme.objects.filter(content_object__status="published")
    for pk, name in tags.values_list("content_object_id", "tag__name"):
        texts[pk].append(name)
    save_words(apps, KIND, texts)


def backwards(apps, schema_editor):
    SearchEntry = apps.get_model("publishing", "SearchEntry")
    SearchWord = apps.get_model("publishing", "SearchWord")
    for entry in SearchEntry.objects.filter(kind=KIND):
        SearchWord.objects.filter(word__in=entry.words.split()).update(documents=models.F("documents") - 1)
    SearchWord.objects.filter(documents__lte=0).delete()
    SearchEntry.objects.filter(kind=KIND).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('research', '0008_words_move_to_publishing'),
        ('themes', '0005_reserved_slugs'),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
