"""A peer confirms a CPD reflection they discussed with its author: a signed link by email, no account needed.

The link carries the request's id, signed (django.core.signing, with the time it was made) and good for
VALID_FOR. It opens a page showing only the CPD summary (type, title, date, description), never the
answers or anything else the author wrote, and a "Yes, we discussed this" button. A link works once.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Min, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst

from .models import NotificationKind, PeerConfirmation
from .notifications import absolute, email, notify

SALT = "reflections.peer-confirmation"
VALID_FOR = timedelta(days=30)
# Requests one reflection may send in a day: enough to fix a mistyped address, too few to spam anyone.
REQUESTS_PER_DAY = 3


class LinkInvalid(Exception):
    """The link was altered, or its request no longer exists."""


class LinkExpired(Exception):
    """The link is older than VALID_FOR."""


def make_token(confirmation):
    return signing.dumps(confirmation.pk, salt=SALT)


def confirmation_for(token):
    """The request a link names, with its reflection and author; raises LinkExpired or LinkInvalid."""
    try:
        pk = signing.loads(token, salt=SALT, max_age=VALID_FOR)
    except signing.SignatureExpired:
        raise LinkExpired from None
    except signing.BadSignature:
        raise LinkInvalid from None
    confirmation = (
        PeerConfirmation.objects.select_related("reflection__author").filter(pk=pk, reflection__is_cpd=True).first()
    )
    if confirmation is None:  # the reflection was deleted, or is no longer a CPD record
        raise LinkInvalid
    return confirmation


def author_name(author):
    """How a peer sees the author named: their full name, else "a colleague". Never their username (unlike
    User.display_name, which is for people on the site): the peer may not know it, and it is the author's login."""
    return author.get_full_name() or "a colleague"


def can_ask(reflection):
    return reflection.is_cpd and bool(reflection.peer_reflection.strip())


def request_confirmation(*, reflection, by, peer_email):
    """Email `peer_email` a link to confirm the discussion; return the request."""
    if reflection.author_id != by.pk:
        raise PermissionDenied("Only its author may ask a peer to confirm a reflection.")
    if not can_ask(reflection):
        raise ValidationError("Record this as CPD and write what you learnt from the peer discussion first.")
    recent = reflection.peer_confirmations.filter(requested_at__gte=timezone.now() - timedelta(days=1)).count()
    if recent >= REQUESTS_PER_DAY:
        raise ValidationError(f"You have asked {REQUESTS_PER_DAY} times today. Try again tomorrow.")
    confirmation = PeerConfirmation.objects.create(reflection=reflection, email=peer_email)
    author = capfirst(author_name(by))
    link = absolute(reverse("reflections:peer_confirm", args=[make_token(confirmation)]))
    email(
        to=peer_email,
        subject=f"{author} asks you to confirm a CPD discussion",
        body="\n\n".join(
            [
                f"{author} uses Recovery Portal to keep their record of continuing professional development (CPD) "
                "for Social Work England. They say they discussed a piece of their CPD with you, and ask you to "
                "confirm it.",
                f"Open this link to see what it was about and confirm (no account needed): {link}",
                f"The link works for {VALID_FOR.days} days. If you did not have this discussion, ignore this email.",
            ]
        ),
    )
    return confirmation


def confirm(confirmation):
    """Record the peer's confirmation (once: a second click changes nothing) and tell the author.

    Returns True if this confirmed it, False if it was confirmed before."""
    now = timezone.now()
    if not PeerConfirmation.objects.filter(pk=confirmation.pk, confirmed_at__isnull=True).update(confirmed_at=now):
        return False
    confirmation.confirmed_at = now
    reflection = confirmation.reflection
    notify(
        recipient=reflection.author,
        kind=NotificationKind.PEER_CONFIRMED,
        message="A peer confirmed that you discussed one of your CPD records with them.",
        link=reflection.get_absolute_url(),
        key=f"peer-confirmed:{confirmation.pk}",
    )
    return True


def confirmed_at():
    """An annotation: when a reflection was first confirmed by a peer (None: not yet)."""
    return Subquery(
        PeerConfirmation.objects.filter(reflection=OuterRef("pk"), confirmed_at__isnull=False)
        .values("reflection")
        .annotate(first=Min("confirmed_at"))
        .values("first")
    )


@dataclass(frozen=True)
class PeerStatus:
    confirmed_at: object
    waiting: list
    can_ask: bool


def status(reflection):
    """What the reflection's page says about peer confirmation (one query), or None for a reflection not CPD."""
    if not reflection.is_cpd:
        return None
    requests = list(reflection.peer_confirmations.all())
    confirmed = sorted(request.confirmed_at for request in requests if request.confirmed_at)
    since = timezone.now() - VALID_FOR
    waiting = [r for r in requests if r.confirmed_at is None and r.requested_at >= since]
    return PeerStatus(confirmed_at=confirmed[0] if confirmed else None, waiting=waiting, can_ask=can_ask(reflection))
