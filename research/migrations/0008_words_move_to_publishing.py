""""Did you mean" moves to publishing's word list, counted exactly from each published publication.

Frozen on purpose: the fields and the rule for a word are copied here as they were when this was
written, so the migration keeps doing what it did whatever publishing.search_index becomes.
"""

import re
from collections import Counter, defaultdict

from django.db import migrations

KIND = "research.publication"
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
    Publication = apps.get_model("research", "Publication")
    Authorship = apps.get_model("research", "Authorship")
    TaggedPublication = apps.get_model("research", "TaggedPublication")
    texts = defaultdict(list)
    published = Publication.objects.filter(status="published")
    for pk, *fields in published.values_list("pk", "title", "container_title", "series", "publisher", "summary"):
        texts[pk] += fields
    people = Authorship.objects.filter(publication__status="published")
    for pk, given, family in people.values_list("publication_id", "contributor__given_names", "contributor__family_name"):
        texts[pk] += [given, family]
    tags = TaggedPublication.objects.filter(content_object__status="published")
    for pk, name in tags.values_list("content_object_id", "tag__name"):
        texts[pk].append(name)
    save_words(apps, KIND, texts)


def backwards(apps, schema_editor):
    apps.get_model("publishing", "SearchEntry").objects.filter(kind=KIND).delete()
    apps.get_model("publishing", "SearchWord").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ('publishing', '0001_initial'),
        ('research', '0007_year_sort_and_research_resource'),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(
            name='SearchWord',
        ),
    ]
