from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The site's user. Plain for now; a custom model from the start keeps it ours to extend."""

    @property
    def display_name(self):
        """How the site names someone to others: their full name, else their username."""
        return self.get_full_name() or self.get_username()
