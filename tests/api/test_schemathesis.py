"""A property-based run of the whole description against the app (schemathesis).

Every operation gets generated requests, valid and invalid, with a judge's token so the token
routes are exercised past authentication. Every response must be a non-500 that matches the
description (status, content type, schema); invalid requests must be refused.
"""

import tempfile

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from pitch import create_app
from tests.api.conftest import bearer
from tests.conftest import make_app


def _description() -> dict:
    """The generated description; it depends on the code only, so a bare app gives it."""
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://",
                      "UPLOAD_FOLDER": tempfile.mkdtemp(prefix="pitch-api-")})
    return app.extensions["flask-smorest"]["apis"][""]["ext_obj"].spec.to_dict()


schema = schemathesis.openapi.from_dict(_description())
# Every request holding NUL is refused with 400 before any view (pitch.input_guard), which
# schemathesis would count as a valid request refused; tests/foundation/test_input_guard.py
# covers NUL in the query, forms, uploads and JSON bodies instead.
schema.config.generation.update(allow_x00=False)


@pytest.fixture
def api_app(app_config, published):
    """The app under test, holding the scene's records and published results."""
    # schemathesis's werkzeug client asks for localhost, not the tests' server name.
    return make_app({**app_config, "SERVER_NAME": None})


@pytest.fixture
def token_for(published):
    """The secretariat's token for its exports, a judge's for the rest."""
    judge, admin = bearer(published.judges[0]), bearer(published.admin)
    return lambda path: admin if path.startswith("/api/v1/rounds/") else judge


@schema.parametrize()
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_api_conforms_to_its_description(case, api_app, token_for):
    # The description is shared by every test; the app (and its database) is this test's.
    case.operation.app = case.operation.schema.app = api_app
    # A scorecard's criteria and ranges belong to its round, which no static schema can
    # state: a schema-valid card may still be refused with 422 and the reason per criterion.
    excluded = [positive_data_acceptance] if case.method == "PUT" else []
    case.call_and_validate(headers=token_for(case.path), excluded_checks=excluded)
