"""Someone's own notifications: the list, marking them read, and which kinds they get by email."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .access import is_trainer, private
from .models import EmailOptOut, Notification, NotificationKind

PER_PAGE = 20

PRACTITIONER_KINDS = (
    NotificationKind.ASSIGNED,
    NotificationKind.REMINDER,
    NotificationKind.FEEDBACK,
    NotificationKind.REOPENED,
    NotificationKind.PEER_CONFIRMED,
)


def kinds_for(user):
    """The kinds of notification `user` can get, so the kinds of email they can choose."""
    if is_trainer(user):
        return (*PRACTITIONER_KINDS, NotificationKind.SUBMISSIONS)
    return PRACTITIONER_KINDS


def _mine(request, pk):
    # Someone else's notification is a 404, the same as one that does not exist.
    return get_object_or_404(Notification.objects.filter(recipient=request.user), pk=pk)


def _back_to_list(request):
    """The page of the list the form was posted from."""
    page = request.POST.get("page", "")
    url = reverse("notifications:notification_list")
    return redirect(f"{url}?page={page}" if page.isdigit() and page != "1" else url)


@private
def notification_list(request):
    notifications = Notification.objects.filter(recipient=request.user)
    page = Paginator(notifications, per_page=PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/notification_list.html",
        {"page": page, "unread_count": _unread(request.user).count()},
    )


def _unread(user):
    return Notification.objects.filter(recipient=user).unread()


@private
@require_POST
def notification_read(request, pk):
    notification = _mine(request, pk)
    Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())
    return _back_to_list(request)


@private
@require_POST
def notification_read_all(request):
    count = _unread(request.user).update(read_at=timezone.now())
    if count:
        messages.success(request, f"Marked {count} notification{'' if count == 1 else 's'} as read.")
    return _back_to_list(request)


@private
def notification_open(request, pk):
    """Follow a notification's link, marking it read on the way."""
    notification = _mine(request, pk)
    Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())
    # Links are site paths made by our own code; anything else goes back to the list.
    if notification.link and url_has_allowed_host_and_scheme(
        notification.link, allowed_hosts=None, require_https=False
    ):
        return redirect(notification.link)
    return redirect("notifications:notification_list")


@private
def email_settings(request):
    kinds = kinds_for(request.user)
    if request.method == "POST":
        wanted = set(request.POST.getlist("email"))
        unwanted = [kind for kind in kinds if kind.value not in wanted]
        EmailOptOut.objects.filter(user=request.user).exclude(kind__in=unwanted).delete()
        EmailOptOut.objects.bulk_create(
            [EmailOptOut(user=request.user, kind=kind) for kind in unwanted], ignore_conflicts=True
        )
        messages.success(request, "Your email choices are saved.")
        return redirect("notifications:email_settings")
    opted_out = set(EmailOptOut.objects.filter(user=request.user).values_list("kind", flat=True))
    choices = [{"value": kind.value, "label": kind.label, "checked": kind.value not in opted_out} for kind in kinds]
    return render(request, "notifications/email_settings.html", {"choices": choices})
