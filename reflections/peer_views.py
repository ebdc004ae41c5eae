"""Asking a peer to confirm a CPD reflection, and the public page where the peer confirms it."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from . import peer
from .access import private
from .models import Reflection


class PeerRequestForm(forms.Form):
    email = forms.EmailField(label="The peer's email address", max_length=254)


@private
@require_POST
def peer_request(request, public_id):
    # Anyone but the author gets the same 404 as for a reflection that does not exist.
    reflection = get_object_or_404(Reflection.objects.owned_by(request.user), public_id=public_id)
    form = PeerRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Not sent: enter the peer's email address, like name@example.org.")
        return redirect(reflection)
    try:
        peer.request_confirmation(reflection=reflection, by=request.user, peer_email=form.cleaned_data["email"])
    except ValidationError as error:
        messages.error(request, "Not sent: " + " ".join(error.messages))
    else:
        messages.success(
            request,
            f"We have emailed {form.cleaned_data['email']} a link to confirm your discussion. "
            f"It works for {peer.VALID_FOR.days} days.",
        )
    return redirect(reflection)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def peer_confirm(request, token):
    """Public (the link is the key): the CPD summary only, and the peer's "Yes, we discussed this"."""
    try:
        confirmation = peer.confirmation_for(token)
    except peer.LinkExpired:
        return _problem(request, "expired", status=410)
    except peer.LinkInvalid:
        return _problem(request, "invalid", status=404)
    just_confirmed = False
    if request.method == "POST":
        just_confirmed = peer.confirm(confirmation)
        if not just_confirmed:
            confirmation.refresh_from_db(fields=["confirmed_at"])
    reflection = confirmation.reflection
    author = peer.author_name(reflection.author)
    return render(
        request,
        "reflections/peer_confirm.html",
        {
            "confirmation": confirmation,
            "author": author,
            "summary": {
                "type": reflection.cpd_type,
                "title": reflection.cpd_title,
                "date": reflection.cpd_date,
                "description": reflection.cpd_description,
            },
            "just_confirmed": just_confirmed,
        },
    )


def _problem(request, problem, *, status):
    return render(
        request, "reflections/peer_problem.html", {"problem": problem, "days": peer.VALID_FOR.days}, status=status
    )
