import pytest

from recovery_portal.content import REFLECTIVE_MODELS_FILE, load_reflective_models, read_content
from tests.factories import make_user


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
def other_practitioner(db):
    return make_user("sam", role="Practitioners")


@pytest.fixture
def trainer(db):
    """A trainer who runs no cohort."""
    return make_user("tess", role="Trainers")


@pytest.fixture
def author_client(client, practitioner):
    client.force_login(practitioner)
    return client
