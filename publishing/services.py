"""Publishing, unpublishing, deleting, and any other write to public content.

Each function owns everything the change implies, so no caller can leave a part out: the permission
check, edit history (who, when, old and new values), the modified time, search (stored vectors and
the "did you mean" words) and the anonymous page cache, on every app instance.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from . import page_cache, search_index
from .models import Status, permission


def publish(*, items, by, permission=None):
    """Publish the drafts among `items` (a queryset); returns how many were published.

    `by` needs `permission`: by default, change on the kind. A page that lets people publish their own
    items only (trainers their exercises) narrows `items` to those and names the permission it checked.
    """
    return _set_status(items=items, status=Status.PUBLISHED, by=by, reason="Published", permission=permission)


def unpublish(*, items, by, permission=None):
    """Move the published among `items` (a queryset) back to draft; returns how many moved (`permission`: as
    for publish)."""
    return _set_status(items=items, status=Status.DRAFT, by=by, reason="Unpublished", permission=permission)


def delete(*, items, by):
    """Delete `items` (a queryset), each with a history record naming `by`; returns how many went."""
    model = items.model
    _require(by, "delete", model)
    with transaction.atomic():
        doomed = list(model._base_manager.filter(pk__in=items.values("pk")))
        ids = [item.pk for item in doomed]
        for item in doomed:
            item._history_user = by
            item.delete()
        content_changed(model=model, ids=ids)
    return len(doomed)


def content_changed(*, model, ids=None):
    """After any write to public content: these items of `model` (all when None), saved with their relations
    and tags, or deleted. Refreshes their search entries (when the model is searchable) and moves the
    anonymous page cache on. Returns the number of stored search vectors updated."""
    updated = search_index.refresh(model, ids)
    page_cache.bump()
    return updated


def _set_status(*, items, status, by, reason, permission=None):
    model = items.model
    _require(by, "change", model, permission)
    with transaction.atomic():
        changing = list(
            model._base_manager.filter(pk__in=items.values("pk"))
            .exclude(status=status)
            .defer("search_vector")
            .select_for_update()
        )
        now = timezone.now()
        for item in changing:
            item.status, item.updated = status, now
        # With history, unlike a bare queryset.update(): each item's record says who and when, old and new.
        bulk_update_with_history(
            changing, model, ["status", "updated"], default_user=by, default_change_reason=reason, default_date=now
        )
        content_changed(model=model, ids=[item.pk for item in changing])
    return len(changing)


def _require(user, action, model, needed=None):
    if not user.has_perm(needed or permission(action, model)):
        raise PermissionDenied(f"You may not {action} {model._meta.verbose_name_plural}.")
