from django.shortcuts import render

from ..access import trainer_only
from ..feedback import waiting_for_feedback
from ..models import Cohort, Exercise


@trainer_only
def dashboard(request):
    cohorts = Cohort.objects.run_by(request.user).order_by("name")
    exercises = Exercise.objects.filter(author=request.user).order_by("title")
    waiting = waiting_for_feedback(request.user)
    return render(request, "trainer/dashboard.html", {"cohorts": cohorts, "exercises": exercises, "waiting": waiting})
