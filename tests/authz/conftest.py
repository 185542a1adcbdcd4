import pytest

from tests.authz.session import close_world, open_world


@pytest.fixture(scope="module")
def shared_world(database_url, tmp_path_factory):
    """The demo world with CSRF on, as in production, shared by the module's cases."""
    shared = open_world(database_url, str(tmp_path_factory.mktemp("uploads")))
    yield shared
    close_world(shared)


@pytest.fixture
def fresh_world(shared_world):
    """The shared world, put back as it was if the case before changed it."""
    shared_world.restore()
    return shared_world
