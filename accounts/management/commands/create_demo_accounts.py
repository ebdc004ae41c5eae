from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from accounts.roles import CURATORS, PRACTITIONERS, TRAINERS

# Local demo only: the command refuses to run unless DJANGO_DEBUG=1.
DEMO_ACCOUNTS = [
    # username, role, is_staff (admin access), password
    ("curator", CURATORS, True, "curator-demo-password"),
    ("trainer", TRAINERS, False, "trainer-demo-password"),
    ("practitioner", PRACTITIONERS, False, "practitioner-demo-password"),
]


class Command(BaseCommand):
    help = "Create a demo curator, trainer and practitioner for local use (DJANGO_DEBUG=1 only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo accounts have published passwords; create them only with DJANGO_DEBUG=1.")
        User = get_user_model()
        self.stdout.write("Demo accounts (local use only):")
        for username, role, is_staff, password in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(username=username, defaults={"is_staff": is_staff})
            if created:
                user.set_password(password)
                user.save()
                user.groups.add(Group.objects.get(name=role))
            note = "" if created else " (already existed; password left as it was)"
            self.stdout.write(f"  {role[:-1]:<13} username {username:<13} password {password}{note}")
