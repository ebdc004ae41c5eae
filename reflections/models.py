import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from publishing.models import Publishable, PublishableQuerySet
from research.models import Publication
from themes.models import Theme


class ReflectiveModel(models.Model):
    """A way of structuring a reflection (Gibbs, Kolb, ...): curator-editable data, shipped in the content file."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    source = models.CharField(max_length=200, blank=True, help_text="Who described it, e.g. “Gibbs (1988)”.")
    summary = models.TextField(blank=True, help_text="One or two sentences, in our own words.")
    position = models.PositiveSmallIntegerField(default=0, help_text="Models are offered in this order.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class ReflectiveStage(models.Model):
    class CpdUse(models.TextChoices):
        NONE = "", "Not used"
        LEARNING = "learning", "Suggests “what I learnt”"
        IMPACT = "impact", "Suggests “the impact on my practice”"

    model = models.ForeignKey(ReflectiveModel, on_delete=models.CASCADE, related_name="stages")
    title = models.CharField(max_length=100)
    prompt = models.TextField(help_text="The short question the writer answers.")
    guidance = models.TextField(blank=True, help_text="One line of help shown with the question.")
    position = models.PositiveSmallIntegerField(default=0)
    cpd_use = models.CharField(
        "use in the CPD record",
        max_length=10,
        choices=CpdUse.choices,
        blank=True,
        help_text="Answers to this stage are offered as a first draft of this part of the CPD record.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["model", "position", "id"]

    def __str__(self):
        return f"{self.model}: {self.title}"


class TaggedExercise(TaggedItemBase):
    content_object = models.ForeignKey("Exercise", on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_tag_per_exercise"),
        ]


class ExerciseQuerySet(PublishableQuerySet):
    def for_listing(self):
        """What the exercise list shows of each, in a fixed number of queries."""
        return self.select_related("reflective_model").prefetch_related(
            "tags", models.Prefetch("themes", queryset=Theme.objects.published().order_by("position"))
        )

    def for_writing(self):
        """What starting an exercise needs (its model's stages, its prompts with theirs), in a fixed number of
        queries."""
        return self.select_related("reflective_model").prefetch_related(
            "reflective_model__stages", models.Prefetch("prompts", queryset=Prompt.objects.select_related("stage"))
        )

    def for_theme(self, theme, user):
        """The exercises a theme's page lists (drafts too, labelled, for curators), in one query."""
        return list(self.visible_to(user).filter(themes=theme).select_related("reflective_model"))


class Exercise(Publishable):
    """A guided reflection: instructions, a reflective model, its own prompts, the themes and readings it builds on."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    summary = models.TextField(blank=True, help_text="One or two sentences for lists and search results.")
    instructions = models.TextField(blank=True, help_text="Markdown, in our own words.")
    themes = models.ManyToManyField(Theme, blank=True, related_name="exercises")
    readings = models.ManyToManyField(Publication, blank=True, related_name="exercises")
    reflective_model = models.ForeignKey(ReflectiveModel, on_delete=models.PROTECT, related_name="exercises")
    estimated_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="exercises"
    )
    tags = TaggableManager(through=TaggedExercise, blank=True)

    objects = ExerciseQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reflections:exercise_detail", args=[self.slug])

    @property
    def replaces_stages(self):
        """Whether its prompts replace its model's stages (some prompt rewords a stage); uses prefetched prompts."""
        return any(prompt.stage_id for prompt in self.prompts.all())


class Prompt(models.Model):
    """A question an exercise asks: on top of its reflective model's stages, or in their place (see `stage`)."""

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="prompts")
    text = models.TextField()
    guidance = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    # The model's stage this prompt rewords (the trainer pages fill them in). Once any prompt of an
    # exercise has one, its prompts replace the model's stages; its answers keep the stage (CPD suggestions).
    stage = models.ForeignKey(
        ReflectiveStage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The reflective model's stage this prompt asks in its own words.",
    )

    class Meta:
        ordering = ["exercise", "position", "id"]

    def __str__(self):
        return self.text


class ReflectionQuerySet(models.QuerySet):
    def owned_by(self, user):
        """A person's own reflections: the only ones anyone may open (trainers get theirs with assignments)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(author=user)

    def readable_by_trainer(self, user):
        """Submitted reflections for assignments in cohorts `user` runs: all a trainer may ever read."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(status=Reflection.Status.SUBMITTED, assignment__cohort__trainers=user)

    def drafts(self):
        return self.filter(status=Reflection.Status.DRAFT)

    def for_page(self):
        """What a reflection's own pages show, in a fixed number of queries."""
        return self.select_related("exercise", "reflective_model").prefetch_related(
            models.Prefetch("answers", queryset=Answer.objects.select_related("stage"))
        )


class Reflection(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections")
    # A reflection outlives what it was written for: its answers keep their own copy of each prompt.
    exercise = models.ForeignKey(
        Exercise, null=True, blank=True, on_delete=models.SET_NULL, related_name="reflections"
    )
    reflective_model = models.ForeignKey(
        ReflectiveModel, null=True, blank=True, on_delete=models.SET_NULL, related_name="reflections"
    )
    # Set when written for an assignment; then its cohort's trainers may read it once submitted.
    assignment = models.ForeignKey(
        "Assignment", null=True, blank=True, on_delete=models.SET_NULL, related_name="reflections"
    )
    title = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # Submitted after the assignment's due date (the writer's own, extension included), as it was then.
    submitted_late = models.BooleanField(default=False)
    # A trainer sent it back for revision: a draft again, with the trainer's note.
    reopened_at = models.DateTimeField(null=True, blank=True)
    reopen_note = models.TextField(blank=True)
    # Goes up by one on every save; a save made from an older version is refused (reflections.services).
    version = models.PositiveIntegerField(default=1)

    # The CPD record, in the order of Social Work England's form.
    is_cpd = models.BooleanField("record this as CPD", default=False)
    cpd_type = models.CharField("type of CPD", max_length=200, blank=True)
    cpd_title = models.CharField("title", max_length=200, blank=True)
    cpd_date = models.DateField("date", null=True, blank=True)
    cpd_description = models.TextField("description and why it is relevant", blank=True)
    cpd_learning = models.TextField("what I learnt", blank=True)
    cpd_impact = models.TextField("impact on my practice and the people I work with", blank=True)
    peer_reflection = models.TextField("what I learnt from discussing this with a peer", blank=True)
    peer_role = models.CharField("the peer's role", max_length=200, blank=True)
    peer_date = models.DateField("date of the discussion", null=True, blank=True)

    created = models.DateTimeField(auto_now_add=True)
    # Set by the services (their conditional UPDATE bypasses auto_now).
    updated = models.DateTimeField(auto_now_add=True)

    objects = ReflectionQuerySet.as_manager()

    class Meta:
        ordering = ["-updated", "-id"]
        indexes = [models.Index(fields=["author", "status", "updated"]), models.Index(fields=["author", "is_cpd"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(submitted_at__isnull=False),
                name="submitted_reflection_has_time",
            ),
            # Starting an assignment twice opens the reflection already begun.
            models.UniqueConstraint(
                fields=["author", "assignment"],
                condition=models.Q(assignment__isnull=False),
                name="one_reflection_per_assignment",
            ),
        ]

    def __str__(self):
        # Never the title: str() shows up where the author is not the reader (admin's deletion summaries, logs).
        return f"Reflection {self.public_id}"

    def get_absolute_url(self):
        return reverse("reflections:reflection_detail", args=[self.public_id])

    @property
    def display_title(self):
        return self.title or "Untitled reflection"

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT


class Answer(models.Model):
    """The text written for one prompt, with a copy of the prompt as it was asked."""

    reflection = models.ForeignKey(Reflection, on_delete=models.CASCADE, related_name="answers")
    position = models.PositiveSmallIntegerField()
    stage = models.ForeignKey(ReflectiveStage, null=True, blank=True, on_delete=models.SET_NULL)
    prompt = models.ForeignKey(Prompt, null=True, blank=True, on_delete=models.SET_NULL)
    heading = models.CharField(max_length=100, blank=True)
    question = models.TextField()
    guidance = models.TextField(blank=True)
    body = models.TextField(blank=True)

    class Meta:
        ordering = ["reflection", "position"]
        constraints = [
            models.UniqueConstraint(fields=["reflection", "position"], name="one_answer_per_position"),
        ]

    def __str__(self):
        return f"Answer {self.position} of {self.reflection}"

    @property
    def field_name(self):
        """The answer's name in the writing form and in the autosave contract."""
        return f"answer_{self.position}"

    @property
    def label(self):
        """The answer's name as the writer knows it: the stage's heading, or else the question."""
        return self.heading or self.question


class ReflectionVersion(models.Model):
    """A saved snapshot of a reflection's form fields, thinned to one per few minutes (reflections.services)."""

    reflection = models.ForeignKey(Reflection, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField(help_text="The reflection's version this snapshot holds.")
    page = models.CharField(max_length=32, blank=True, help_text="The writing page (a tab) that saved it.")
    started = models.DateTimeField(help_text="When this snapshot was first taken.")
    saved_at = models.DateTimeField(help_text="When it was last brought up to date.")
    fields = models.JSONField(help_text="Form field name -> text.")

    class Meta:
        ordering = ["-saved_at", "-id"]
        indexes = [models.Index(fields=["reflection", "-saved_at"])]

    def __str__(self):
        return f"Version {self.version} of {self.reflection_id}"


def new_answers(*, reflective_model=None, exercise=None):
    """The empty answers a new reflection starts with: its model's stages, then the exercise's own prompts;
    or, when the exercise rewords its model's stages (Prompt.stage), its prompts alone, in their order.

    Uses prefetched stages and prompts (with their stages: ExerciseQuerySet.for_writing) when there are
    some. Without any model (none loaded yet) a reflection still gets one free answer.
    """
    slots = []
    prompts = list(exercise.prompts.all()) if exercise is not None else []
    if reflective_model is not None and not any(prompt.stage_id for prompt in prompts):
        slots += [
            {"stage": stage, "heading": stage.title, "question": stage.prompt, "guidance": stage.guidance}
            for stage in reflective_model.stages.all()
        ]
    slots += [
        {
            "prompt": prompt,
            "stage": prompt.stage,
            "heading": prompt.stage.title if prompt.stage else "",
            "question": prompt.text,
            "guidance": prompt.guidance,
        }
        for prompt in prompts
    ]
    if not slots:
        slots = [{"heading": "Your reflection", "question": "What happened, and what do you make of it now?"}]
    return [Answer(position=position, **slot) for position, slot in enumerate(slots, start=1)]


# Recovery language: the phrases the writing checks (checks.py) point out.


class LanguageGuideQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class LanguageGuide(models.Model):
    """A phrase the writing checks point out, with the wording to prefer and why."""

    phrase = models.CharField(
        max_length=100,
        help_text="The words to point out, e.g. “suffering from”. Matched on whole words, in any case, "
        "with simple endings (suffers, suffered, suffering).",
    )
    preferred = models.CharField(
        "preferred wording",
        max_length=200,
        blank=True,
        help_text="What to write instead, e.g. “living with”. Leave empty where no one phrase fits; "
        "then say what to do in “why”.",
    )
    why = models.TextField(help_text="A sentence or two, in plain words, shown to the writer.")
    active = models.BooleanField(
        default=True,
        help_text="Untick to stop pointing this phrase out. (A shipped phrase that is deleted comes back "
        "the next time the shipped content is loaded; unticking keeps it off.)",
    )
    history = HistoricalRecords()

    objects = LanguageGuideQuerySet.as_manager()

    class Meta:
        ordering = ["phrase"]
        verbose_name = "language guide entry"
        verbose_name_plural = "language guide"
        constraints = [
            models.UniqueConstraint(
                Lower("phrase"),
                name="languageguide_unique_phrase",
                violation_error_message="This phrase is already in the language guide.",
            )
        ]

    def __str__(self):
        return self.phrase

    def clean(self):
        self.phrase = " ".join(self.phrase.split())
        if not any(character.isalpha() for character in self.phrase):
            raise ValidationError({"phrase": "A phrase needs at least one word."})


# Trainers: cohorts of practitioners, assignments with due dates, feedback, and the notifications they send.


class CohortQuerySet(models.QuerySet):
    def run_by(self, user):
        """The cohorts a trainer runs: the only ones they may see or change (anyone else gets 404)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(trainers=user)


class Cohort(models.Model):
    """A group of practitioners that one or more trainers set exercises for."""

    name = models.CharField(max_length=200)
    trainers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="cohorts_run")
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="cohorts")
    created = models.DateTimeField(auto_now_add=True)

    objects = CohortQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        permissions = [("teach", "Can write exercises and run cohorts on the trainer pages")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("trainer:cohort_detail", args=[self.pk])


class Invitation(models.Model):
    """An invitation to join a cohort, sent to an email address with no account yet; used once, within 14 days."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    # 32 random bytes (secrets' default), URL-safe: the link's only secret, so it cannot be guessed.
    token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self):
        return f"Invitation to {self.cohort} for {self.email}"


class AssignmentQuerySet(models.QuerySet):
    def for_member(self, user):
        """The assignments set for the cohorts `user` belongs to."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(cohort__members=user)


class Assignment(models.Model):
    """An exercise set for a cohort, due at a moment (kept in UTC, shown in Europe/London)."""

    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="assignments")
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="assignments")
    due_at = models.DateTimeField("due")
    note = models.TextField(blank=True, help_text="Shown to the cohort with the assignment.")
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="assignments_set"
    )
    created = models.DateTimeField(auto_now_add=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [models.Index(fields=["cohort", "due_at"])]

    def __str__(self):
        return f"{self.exercise} for {self.cohort}"

    def start_url(self):
        """One click to start it (or to go on with the reflection already begun): pages and emails link here."""
        return f"{reverse('reflections:reflection_new')}?assignment={self.pk}"


class Extension(models.Model):
    """A later due date for one member of the cohort."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="extensions")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="extensions")
    due_at = models.DateTimeField("due")
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assignment", "member"], name="one_extension_per_member"),
        ]

    def __str__(self):
        return f"Extension of {self.assignment} for user {self.member_id}"


class Feedback(models.Model):
    """A trainer's answer to a submitted reflection: a draft until released, then the author sees it."""

    reflection = models.ForeignKey(Reflection, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="feedback_given"
    )
    body = models.TextField(help_text="Markdown.")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created", "id"]

    def __str__(self):
        return f"Feedback {self.pk} on {self.reflection}"

    @property
    def is_released(self):
        return self.released_at is not None


class PeerConfirmation(models.Model):
    """A request to the peer a CPD reflection was discussed with to confirm it, by a signed link; no account."""

    reflection = models.ForeignKey(Reflection, on_delete=models.CASCADE, related_name="peer_confirmations")
    email = models.EmailField()
    requested_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self):
        return f"Peer confirmation {self.pk} of {self.reflection}"


class NotificationKind(models.TextChoices):
    ASSIGNED = "assigned", "An exercise is assigned to me"
    REMINDER = "reminder", "A reminder before work is due"
    FEEDBACK = "feedback", "Feedback is released on my reflection"
    REOPENED = "reopened", "My reflection is reopened for revision"
    SUBMISSIONS = "submissions", "Submissions arrive in a cohort I run (one email a day)"
    PEER_CONFIRMED = "peer_confirmed", "A peer confirms our discussion"


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """A line on someone's notifications page (and, unless they turned it off, an email). Never reflection text."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    message = models.CharField(max_length=300)
    link = models.CharField(max_length=300, blank=True)
    # What this notification is about (e.g. "reminder-7:42"): the same key is never notified twice.
    key = models.CharField(max_length=100, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Kinds emailed in a daily digest (submissions): when the digest took this one. Others are emailed at once.
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"], condition=~models.Q(key=""), name="one_notification_per_key"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for user {self.recipient_id}"


class EmailOptOut(models.Model):
    """A kind of notification someone does not want by email (they still see it on the site)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_opt_outs")
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_opt_out_per_kind")]

    def __str__(self):
        return f"No {self.kind} emails for user {self.user_id}"
