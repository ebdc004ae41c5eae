"""Everything a person wrote here, as one JSON document they can keep (/reflections/export.json)."""

from django.db.models import Prefetch
from django.utils import timezone

from .feedback import name_of, released
from .forms import CPD_FIELDS, as_text
from .models import Answer, Feedback, Reflection, ReflectionVersion

FORMAT = "recovery-portal-export/1"


def _when(value):
    return timezone.localtime(value).isoformat() if value else None


def export_for(user):
    reflections = (
        Reflection.objects.owned_by(user)
        .select_related("exercise", "reflective_model")
        .prefetch_related(
            Prefetch("answers", queryset=Answer.objects.order_by("position")),
            Prefetch("versions", queryset=ReflectionVersion.objects.order_by("-saved_at", "-id")),
        )
        .order_by("created", "id")
    )
    return {
        "format": FORMAT,
        "exported_at": _when(timezone.now()),
        "account": {
            "username": user.get_username(),
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "joined": _when(user.date_joined),
        },
        "reflections": [_reflection(reflection) for reflection in reflections],
        # Released feedback only: a trainer's draft is not yet the author's to see.
        "feedback_received": [
            _feedback(item)
            for item in released(Feedback.objects.filter(reflection__author=user)).select_related("reflection")
        ],
    }


def _reflection(reflection):
    return {
        "id": str(reflection.public_id),
        "title": reflection.title,
        "status": reflection.status,
        "created": _when(reflection.created),
        "updated": _when(reflection.updated),
        "submitted_at": _when(reflection.submitted_at),
        "version": reflection.version,
        "exercise": reflection.exercise.title if reflection.exercise else None,
        "reflective_model": reflection.reflective_model.name if reflection.reflective_model else None,
        "answers": [
            {"heading": answer.heading, "question": answer.question, "text": answer.body}
            for answer in reflection.answers.all()
        ],
        "cpd": {"is_cpd": reflection.is_cpd, **{name: as_text(getattr(reflection, name)) for name in CPD_FIELDS}},
        "saved_versions": [
            {"version": version.version, "saved_at": _when(version.saved_at), "fields": version.fields}
            for version in reflection.versions.all()
        ],
    }


def _feedback(item):
    return {
        "reflection": str(item.reflection.public_id),
        "reflection_title": item.reflection.title,
        "from": name_of(item.author),
        "released_at": _when(item.released_at),
        "text": item.body,
    }
