from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .roles import CURATORS, PRACTITIONERS, TRAINERS

ROLE_NAMES = {CURATORS: "Curator", TRAINERS: "Trainer", PRACTITIONERS: "Practitioner"}


@login_required
def account(request):
    roles = [ROLE_NAMES[group.name] for group in request.user.groups.all() if group.name in ROLE_NAMES]
    return render(request, "accounts/account.html", {"roles": roles})
