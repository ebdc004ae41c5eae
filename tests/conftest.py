import pytest

from recovery_portal.content import (
    EXERCISES_FILE,
    REFLECTIVE_MODELS_FILE,
    load_content,
    load_exercises,
    load_reflective_models,
    read_content,
)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_pages(settings):
    """Tests see each page as rendered now; tests/site/test_page_cache.py turns the cache on."""
    from django.core.cache import cache

    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    cache.clear()


@pytest.fixture
def shipped_content(db):
    """The real shipped content, loaded as `make run` loads it."""
    load_content(read_content())
    load_reflective_models(read_content(REFLECTIVE_MODELS_FILE))
    load_exercises(read_content(EXERCISES_FILE))


@pytest.fixture
def curator(db, django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("cora", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Curators"))
    return user


@pytest.fixture
def practitioner(db, django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("pat", password="pw")
    user.groups.add(Group.objects.get(name="Practitioners"))
    return user
