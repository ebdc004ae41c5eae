"""Carry the corrected shipped content (issue 7) into a database that loaded the first version.

`load_recovery_content` only adds, so a correction to text it shipped earlier reaches an existing
site here. Each field changes only while it still holds exactly the text first shipped (compared
by its SHA-256), so anything a curator has edited is left alone; likewise a shipped item's tags
change only while they are still the tags it was shipped with. New installs load the corrected
content file and find nothing to do here. Every change is recorded in the item's history.

The corrections: summaries and theme bodies without hard line breaks, "Practice pointers" as a
heading, the facts as the source briefing gives them (meaning 3, themes 12 and 13, the three SCIE
titles, Fox's abstract), a study design for Research resource 03, a link from theme 12 to
Stanhope and Solomon, and a tidier tag set shown by name.

Everything needed is copied here, not read from the content file or imported, so this migration
does the same thing whatever later versions of the code and content say. Stored search vectors
still hold the old words afterwards: run `manage.py refresh_search` once on PostgreSQL.
"""

import hashlib

from django.db import migrations
from django.utils import timezone
from django.utils.text import slugify

REASON = "Shipped content corrected against the source briefing (issue 7)"

# (app, model, key, field) -> the first 16 hex digits of the SHA-256 of the text first shipped.
SHIPPED = {
    ("themes", "RecoveryMeaning", 3, "text"): "dd77fbd5d2c2da60",
    ("research", "Publication", "stanhope-solomon-2008-getting-to-the-heart-of-recovery", "summary"): "32d9d739978f5c1a",
    ("research", "Publication", "fox-2007-experience-of-mental-health-recovery", "summary"): "4f6587317c444f5e",
    ("research", "Publication", "nimhe-emerging-best-practices-in-mental-health-recovery", "summary"): "024e59529e028a90",
    ("research", "Publication", "hall-wren-kirby-care-planning-in-mental-health", "summary"): "003f77d2545abbad",
    ("research", "Publication", "scottish-recovery-network-recovering-mental-health-in-scotland", "summary"): "1d6c31ad1e156bc3",
    ("research", "Publication", "scie-kr21-supporting-people-in-accessing-meaningful-work", "summary"): "d73666c744811cf1",
    ("research", "Publication", "scie-pp08-a-common-purpose", "summary"): "9dc478876bd7e1ec",
    ("research", "Publication", "scie-rr03-recovery-approach-in-vocational-and-training-day-services", "summary"): "23f91cb989aa9932",
    ("themes", "Theme", "values-of-living", "body"): "fb05ee2b1cc92f4b",
    ("themes", "Theme", "health-and-strengths", "body"): "43baa8f9fb452410",
    ("themes", "Theme", "hope", "body"): "8e1fd4590204ec1d",
    ("themes", "Theme", "empowerment-and-control", "body"): "b41ebd36692f33ff",
    ("themes", "Theme", "meaning-and-spirituality", "body"): "2901a677bf9fda35",
    ("themes", "Theme", "diversity-and-belonging", "body"): "8b65298d2e9d486e",
    ("themes", "Theme", "resolving-problems", "body"): "ef516d62ae64faac",
    ("themes", "Theme", "social-inclusion", "body"): "50e565b2d06467d1",
    ("themes", "Theme", "identity-beyond-illness", "body"): "6e3be0bdecb810e4",
    ("themes", "Theme", "language-and-stories", "body"): "b05188802064583c",
    ("themes", "Theme", "negotiated-treatment", "body"): "1b66dbcad9c00fe6",
    ("themes", "Theme", "staff-qualities", "summary"): "5f7a124d8cfee1e2",
    ("themes", "Theme", "staff-qualities", "body"): "f912169f29dbb068",
    ("themes", "Theme", "beyond-risk-avoidance", "summary"): "c4df8c8602d67893",
    ("themes", "Theme", "beyond-risk-avoidance", "body"): "7e6d98b674fad6ce",
    ("themes", "Theme", "beyond-risk-avoidance", "question"): "c2a8aebbbbd611e4",
    ("themes", "Evidence", ("values-of-living", "scie-pp08-a-common-purpose"), "note"): "ac361ee7c8bc0d94",
    ("themes", "Evidence", ("social-inclusion", "scie-kr21-supporting-people-in-accessing-meaningful-work"), "note"): "064dae7b759aaacb",
    ("themes", "Evidence", ("social-inclusion", "scie-rr03-recovery-approach-in-vocational-and-training-day-services"), "note"): "ae41a74ec125e685",
}

# After unwrapping, each shipped text that still matches gets these replacements (each phrase occurs in one text).
REPLACEMENTS = [
    ("Practice pointers:", "## Practice pointers"),
    (
        "This is the meaning that shapes much current thinking about how services should work.",
        "This is the meaning behind some current thinking about the direction services should take.",
    ),
    (
        "She reflects on how research carried out from her position can be made trustworthy and rigorous, using a "
        "planned study of carers' part in recovery as her example.",
        "She considers how research done from her position can be acceptable, reliable and credible, taking as her "
        "example a research proposal on the part carers play in the recovery of people with schizophrenia.",
    ),
    (
        "A SCIE knowledge review on how adult mental health services working in the community can use recovery ideas "
        "to help people find and keep meaningful work. The briefing lists only its title, so nothing is said here "
        "about its findings.",
        "A SCIE knowledge review. Its title names its subject: recovery approaches that support people in accessing "
        "meaningful work, in community-based adult mental health services. The briefing lists only the title, so "
        "nothing is said here about what the review found.",
    ),
    (
        "A SCIE position paper on the place of recovery in the future of mental health services, presenting recovery "
        "as a purpose that services share. The briefing gives only its title, so its conclusions are not described "
        "here.",
        "A SCIE position paper, titled “A Common Purpose”, about recovery in future mental health services. The "
        "briefing gives only its title, so its arguments and conclusions are not described here.",
    ),
    (
        "A SCIE research resource looking at how recovery thinking applies in adult mental health day services in the "
        "community that offer vocational and training activities. The briefing lists only its title, so its contents "
        "are not summarised here.",
        "A SCIE research resource. Its title names its subject: the recovery approach in community-based adult mental "
        "health day services that offer vocational and training activities. The briefing lists only the title, so "
        "its contents are not summarised here.",
    ),
    (
        "such as hope, creativity, compassion, acceptance and resilience,",
        "such as hope, creativity, care and compassion, acceptance and resilience,",
    ),
    ("towards positive risk-taking and what", "towards creative risk-taking and what"),
    (
        "- Record the reasoning behind positive risk-taking decisions.",
        "- Record the reasoning behind a decision to take a risk, and who shared in it.",
    ),
    (
        "When did you last support someone to take a positive risk, and what helped or hindered you?",
        "When did you last support someone to take a creative risk for something that mattered to them, and what "
        "helped or hindered you?",
    ),
    (
        "Its title presents recovery as a purpose shared across future mental health services, which speaks to "
        "recovery as a guiding set of values rather than a single intervention. The briefing gives only the title, "
        "so this link rests on its stated subject.",
        "The briefing gives only its title, which puts “a common purpose” beside recovery in future mental health "
        "services. Read that way, it treats recovery as a value that guides services rather than a single treatment, "
        "which is this theme's subject; the link rests on the title alone.",
    ),
    (
        "This knowledge review is about recovery approaches that help people into meaningful work, one of the most "
        "valued social roles.",
        "Its title puts recovery approaches alongside supporting people in accessing meaningful work, and work is one "
        "of the social roles this theme is about. The briefing gives only the title, so the link rests on that.",
    ),
    (
        "It looks at the recovery approach in day services offering vocational and training activities, which are a "
        "common route into work, learning and wider community life.",
        "Its subject, as its title gives it, is the recovery approach in day services offering vocational and "
        "training activities: a route into work and learning, roles this theme is about. The briefing gives only the "
        "title, so the link rests on that.",
    ),
]

NEW_LINK = {
    "theme": "staff-qualities",
    "publication": "stanhope-solomon-2008-getting-to-the-heart-of-recovery",
    "note": (
        "Its abstract says recovery places weight on the therapeutic relationship, and asks researchers to look at "
        "what happens between workers and the people they support rather than only at how services are structured. "
        "It is about research methods rather than staff qualities as such, but the qualities this theme names are "
        "the ones that show in that relationship."
    ),
}

# Shipped tags whose name was their slug, and the name a reader should see.
TAG_NAMES = {
    "lived-experience": "lived experience",
    "evidence-based-practice": "evidence-based practice",
    "care-planning": "care planning",
}
# (app, model, slug) -> (the tag slugs it was shipped with, the tag names it has now).
RETAGGED = {
    ("research", "Publication", "stanhope-solomon-2008-getting-to-the-heart-of-recovery"): (
        {"qualitative-research", "evidence-based-practice", "collaboration"},
        ["research methods", "evidence-based practice", "collaboration"],
    ),
    ("research", "Publication", "fox-2007-experience-of-mental-health-recovery"): (
        {"lived-experience", "research-ethics", "carers"},
        ["lived experience", "research methods", "family and carers"],
    ),
    ("research", "Publication", "scie-kr21-supporting-people-in-accessing-meaningful-work"): (
        {"employment", "social-inclusion"},
        ["employment"],
    ),
    ("research", "Publication", "scie-pp08-a-common-purpose"): ({"values", "service-development"}, ["values"]),
    ("research", "Publication", "scie-rr03-recovery-approach-in-vocational-and-training-day-services"): (
        {"employment", "social-inclusion", "day-services"},
        ["employment"],
    ),
    ("themes", "Theme", "values-of-living"): ({"values", "strengths"}, ["values", "strengths", "wellbeing"]),
    ("themes", "Theme", "hope"): ({"hope", "peer-support", "lived-experience"}, ["hope", "lived experience"]),
    ("themes", "Theme", "empowerment-and-control"): (
        {"self-management", "self-advocacy", "care-planning"},
        ["self-advocacy", "care planning"],
    ),
    ("themes", "Theme", "meaning-and-spirituality"): (
        {"spirituality", "lived-experience", "narrative"},
        ["lived experience", "narrative"],
    ),
    ("themes", "Theme", "diversity-and-belonging"): ({"diversity", "identity"}, ["identity"]),
    ("themes", "Theme", "resolving-problems"): ({"relationships", "family"}, ["family and carers"]),
    ("themes", "Theme", "social-inclusion"): ({"social-inclusion", "employment", "housing"}, ["employment"]),
    ("themes", "Theme", "staff-qualities"): ({"workforce", "hope"}, ["hope"]),
    ("themes", "Theme", "beyond-risk-avoidance"): (
        {"risk", "evidence-based-practice", "collaboration"},
        ["evidence-based practice", "collaboration", "family and carers"],
    ),
}
# Shipped tags no longer in the set: deleted once nothing carries them (a curator's use keeps them).
RETIRED_TAGS = [
    "carers",
    "day-services",
    "diversity",
    "family",
    "housing",
    "peer-support",
    "qualitative-research",
    "relationships",
    "research-ethics",
    "risk",
    "self-management",
    "service-development",
    "social-inclusion",
    "spirituality",
    "workforce",
]
THROUGH = {"Publication": ("research", "TaggedPublication"), "Theme": ("themes", "TaggedTheme")}


def fingerprint(text):
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def unwrap(text):
    """Join the lines of each paragraph into one; a list keeps one item per line."""
    paragraphs = []
    for paragraph in text.split("\n\n"):
        lines = [line.strip() for line in paragraph.split("\n")]
        if all(line.startswith("- ") for line in lines):
            paragraphs.append("\n".join(lines))
        else:
            paragraphs.append(" ".join(lines))
    return "\n\n".join(paragraphs)


def corrected(text):
    text = unwrap(text)
    for old, new in REPLACEMENTS:
        text = text.replace(old, new)
    return text


def record_history(apps, app_label, obj, history_type):
    """What django-simple-history records on save; historical models here send no signals."""
    Historical = apps.get_model(app_label, f"Historical{obj.__class__.__name__}")
    values = {
        field.attname: getattr(obj, field.attname)
        for field in Historical._meta.fields
        if not field.name.startswith("history_")
    }
    Historical.objects.create(
        **values,
        history_date=timezone.now(),
        history_type=history_type,
        history_change_reason=REASON,
        history_user=None,
    )


def find(apps, app_label, model_name, key):
    if model_name == "RecoveryMeaning":
        return apps.get_model(app_label, model_name).objects.filter(position=key).order_by("pk").first()
    if model_name == "Evidence":
        theme_slug, publication_slug = key
        return (
            apps.get_model(app_label, model_name)
            .objects.filter(theme__slug=theme_slug, publication__slug=publication_slug)
            .first()
        )
    return apps.get_model(app_label, model_name).objects.filter(slug=key).first()


def correct_texts(apps):
    changed = {}
    for (app_label, model_name, key, field), shipped in SHIPPED.items():
        obj = changed.get((model_name, key)) or find(apps, app_label, model_name, key)
        if obj is None or fingerprint(getattr(obj, field)) != shipped:
            continue
        setattr(obj, field, corrected(getattr(obj, field)))
        changed[(model_name, key)] = obj
    Publication = apps.get_model("research", "Publication")
    resource = Publication.objects.filter(
        slug="scie-rr03-recovery-approach-in-vocational-and-training-day-services", study_design=""
    ).first()
    if resource is not None:
        resource = changed.get(("Publication", resource.slug), resource)
        resource.study_design = "research_resource"
        changed[("Publication", resource.slug)] = resource
    for (model_name, _), obj in changed.items():
        obj.save()  # bumps `updated` where the model has it
        record_history(apps, obj._meta.app_label, obj, "~")


def add_link(apps):
    Theme = apps.get_model("themes", "Theme")
    Evidence = apps.get_model("themes", "Evidence")
    theme = Theme.objects.filter(slug=NEW_LINK["theme"]).first()
    publication = apps.get_model("research", "Publication").objects.filter(slug=NEW_LINK["publication"]).first()
    if theme is None or publication is None or Evidence.objects.filter(theme=theme, publication=publication).exists():
        return
    position = max(Evidence.objects.filter(theme=theme).values_list("position", flat=True), default=0) + 1
    link = Evidence.objects.create(theme=theme, publication=publication, note=NEW_LINK["note"], position=position)
    record_history(apps, "themes", link, "+")


def tag_named(Tag, name):
    tag = Tag.objects.filter(name__iexact=name).first() or Tag.objects.filter(slug=slugify(name)).first()
    return tag or Tag.objects.create(name=name, slug=slugify(name))


def tidy_tags(apps):
    Tag = apps.get_model("taggit", "Tag")
    for slug, name in TAG_NAMES.items():
        Tag.objects.filter(slug=slug, name=slug).update(name=name)
    for (app_label, model_name, slug), (shipped, names) in RETAGGED.items():
        obj = apps.get_model(app_label, model_name).objects.filter(slug=slug).first()
        if obj is None:
            continue
        Through = apps.get_model(*THROUGH[model_name])
        if set(Through.objects.filter(content_object=obj).values_list("tag__slug", flat=True)) != shipped:
            continue
        Through.objects.filter(content_object=obj).delete()
        for name in names:
            Through.objects.create(content_object=obj, tag=tag_named(Tag, name))
    carried = set()
    for app_label, model_name in [*THROUGH.values(), ("taggit", "TaggedItem")]:
        carried.update(apps.get_model(app_label, model_name).objects.values_list("tag_id", flat=True).distinct())
    Tag.objects.filter(slug__in=RETIRED_TAGS).exclude(pk__in=carried).delete()


def correct(apps, schema_editor):
    correct_texts(apps)
    add_link(apps)
    tidy_tags(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("recovery_portal", "0002_curators_edit_site_details"),
        ("research", "0007_year_sort_and_research_resource"),
        ("themes", "0005_reserved_slugs"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(correct, migrations.RunPython.noop)]
