"""Joining a cohort by invitation: the link makes a Practitioner account, adds it to the cohort and logs it in.

If an account with the invitation's email exists by the time the link is opened (another cohort's
invitation made it), its owner logs in and joins with it instead.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from .cohorts import InvitationUnusable, invitation_accept, invitation_join, invitation_problem
from .models import Invitation
from .trainer.cohort_forms import InvitationAcceptForm

TEMPLATE = "reflections/invitation_accept.html"


def _unusable(request, invitation, problem):
    return render(
        request, "reflections/invitation_unusable.html", {"invitation": invitation, "problem": problem}, status=410
    )


def _welcome(request, invitation):
    messages.success(request, f"Welcome. You are now a member of {invitation.cohort.name}.")
    return redirect("reflections:reflection_list")


@never_cache
def invitation_accept_page(request, token):
    invitation = get_object_or_404(Invitation.objects.select_related("cohort", "invited_by"), token=token)
    problem = invitation_problem(invitation)
    if problem:
        return _unusable(request, invitation, problem)
    context = {"invitation": invitation}
    user = request.user
    if user.is_authenticated:
        if user.email.lower() != invitation.email.lower():
            return render(request, TEMPLATE, {**context, "someone_else": True})
        if request.method == "POST":
            try:
                invitation_join(invitation=invitation, user=user)
            except InvitationUnusable:
                return _unusable(request, invitation, "used")
            return _welcome(request, invitation)
        return render(request, TEMPLATE, {**context, "join": True})
    if get_user_model().objects.filter(email__iexact=invitation.email).exists():
        return render(request, TEMPLATE, {**context, "log_in": True})
    form = InvitationAcceptForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitation_accept(
                invitation=invitation,
                username=form.cleaned_data["username"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
        except InvitationUnusable:
            return _unusable(request, invitation, "used")
        login(request, user, backend=settings.SIGNED_IN_BACKEND)
        return _welcome(request, invitation)
    return render(request, TEMPLATE, {**context, "form": form}, status=400 if form.errors else 200)
