from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The site's user. Plain for now; a custom model from the start keeps it ours to extend."""
