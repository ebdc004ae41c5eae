from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .forms import AccountDeleteForm
from .models import Session
from .roles import CURATORS, PRACTITIONERS, TRAINERS
from .services import account_delete

ROLE_NAMES = {CURATORS: "Curator", TRAINERS: "Trainer", PRACTITIONERS: "Practitioner"}


@login_required
def account(request):
    roles = [ROLE_NAMES[group.name] for group in request.user.groups.all() if group.name in ROLE_NAMES]
    elsewhere = Session.objects.elsewhere(request.user, current_key=request.session.session_key).live().count()
    return render(request, "accounts/account.html", {"roles": roles, "elsewhere": elsewhere})


@require_POST
@login_required
def account_sign_out_elsewhere(request):
    ended, _ = Session.objects.elsewhere(request.user, current_key=request.session.session_key).delete()
    if ended:
        plural = pluralize(ended)
        messages.success(request, f"Signed out of {ended} other browser{plural} or device{plural}.")
    else:
        messages.info(request, "You were not signed in anywhere else.")
    return redirect("accounts:account")


@never_cache
@login_required
def account_delete_view(request):
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        account_delete(user=user)
        messages.success(request, "Your account and everything you wrote here have been deleted.")
        return redirect("home")
    return render(request, "registration/account_delete.html", {"form": form}, status=400 if form.errors else 200)
