import pytest
from django.contrib.auth.models import Group

from recovery_portal.content import REFLECTIVE_MODELS_FILE, load_reflective_models, read_content


@pytest.fixture
def reflective_models(db):
    """The shipped reflective models, loaded as load_recovery_content loads them."""
    load_reflective_models(read_content(REFLECTIVE_MODELS_FILE))
    from reflections.models import ReflectiveModel

    return {model.slug: model for model in ReflectiveModel.objects.prefetch_related("stages")}


@pytest.fixture
def gibbs(reflective_models):
    return reflective_models["gibbs"]


@pytest.fixture
def other_practitioner(db, django_user_model):
    user = django_user_model.objects.create_user("sam", password="pw")
    user.groups.add(Group.objects.get(name="Practitioners"))
    return user


@pytest.fixture
def trainer(db, django_user_model):
    """A trainer who runs no cohort."""
    user = django_user_model.objects.create_user("tess", password="pw")
    user.groups.add(Group.objects.get(name="Trainers"))
    return user


@pytest.fixture
def author_client(client, practitioner):
    client.force_login(practitioner)
    return client
