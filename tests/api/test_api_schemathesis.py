"""schemathesis against the served OpenAPI document: requests made from the schema (its
examples, then generated ones) get no server error and no response that breaks the schema
(its status codes, content types, headers and bodies as documented).

Not checked: whether every request the schema allows is accepted, or every request it
forbids refused. A plan's "3h" or "28C" is a string to the schema and a quantity to the
app, which refuses "abc" with a 422 naming the field; a schema cannot say so.

The app runs in process on a temporary diary (never the user's). Every operation of the
document is tried with a bounded number of examples, so that the run stays short in CI.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from api_support import make_coach
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from crampcoach.api import create_app

_FOLDER = tempfile.TemporaryDirectory(prefix="crampcoach-schemathesis-")
APP = create_app(coach=make_coach(Path(_FOLDER.name)))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    database=None,
)
def test_every_operation_keeps_to_its_schema(case: schemathesis.Case) -> None:
    case.call_and_validate(
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_headers_conformance,
            response_schema_conformance,
        ],
        excluded_checks=[],
    )
