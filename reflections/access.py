"""Who may open the private pages: decorators shared by the writing, trainer and notification pages."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache


def asks_for_json(request):
    return request.headers.get("Accept", "").startswith("application/json")


def login_needed():
    return JsonResponse(
        {"error": "login", "message": "You are no longer logged in. Log in again to save."}, status=403
    )


def private(view):
    """Logged-in people only, and never kept by a browser or a shared cache (Cache-Control: no-store).

    The page's script gets 403 JSON instead of the login page, so it can say so and keep the text.
    """
    page_view = login_required(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated and asks_for_json(request):
            return login_needed()
        return page_view(request, *args, **kwargs)

    return never_cache(wrapper)


def is_trainer(user):
    return user.is_authenticated and user.has_perm("reflections.teach")


def trainer_only(view):
    """The trainer pages: logged in (else the login page) and a trainer.

    Someone who is not a trainer gets a page saying these pages are for trainers (403), except on
    a page about one object (a cohort, a submission: its id is in the URL), which is a 404 as for
    an id that does not exist, so ids and UUIDs reveal nothing. A trainer's pages then find their
    objects among the trainer's own (`Cohort.objects.run_by`), so another trainer's are 404 too.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_trainer(request.user):
            if args or kwargs:
                raise Http404
            return render(request, "trainer/not_a_trainer.html", status=403)
        return view(request, *args, **kwargs)

    return private(wrapper)
