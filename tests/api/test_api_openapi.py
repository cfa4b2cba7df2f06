"""The OpenAPI document: valid in structure, every response and error described, every
request body with an example the API accepts, and every endpoint in docs/api.md."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from api_support import API, client_for, make_coach
from fastapi.testclient import TestClient
from pydantic import BaseModel

from crampcoach.api import create_app
from crampcoach.api.models.team import DeleteRequest, InvitationRequest

ROOT = Path(__file__).resolve().parents[2]
METHODS = {"get", "put", "post", "delete", "patch", "head", "options"}
# The document only: the diary (in memory) is never opened.
SPEC: dict[str, Any] = create_app(coach=make_coach(Path("unused"))).openapi()


def operations() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, item in SPEC["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    """A schema, its $ref followed."""
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/components/schemas/")
        found: dict[str, Any] = SPEC["components"]["schemas"][name]
        return found
    return schema


def test_the_document_is_openapi_3_with_info_and_paths(client: TestClient) -> None:
    served = client.get("/openapi.json")
    assert served.status_code == 200
    assert served.json()["paths"].keys() == SPEC["paths"].keys()
    assert re.fullmatch(r"3\.\d+\.\d+", SPEC["openapi"])
    assert SPEC["info"]["title"] == "crampcoach API" and SPEC["info"]["version"]
    assert all(path.startswith(f"{API}/") for path in SPEC["paths"])
    assert len(operations()) == 40  # 21, accounts' token, logout and me, and 16 of the team
    assert client.get("/docs").status_code == 200


def test_every_ref_points_at_a_schema() -> None:
    refs = set(re.findall(r'"\$ref": "#/components/schemas/([^"]+)"', str(SPEC).replace("'", '"')))
    assert refs and refs <= set(SPEC["components"]["schemas"])


@pytest.mark.parametrize(("path", "method", "operation"), operations())
def test_every_operation_describes_its_success_and_its_problems(
    path: str, method: str, operation: dict[str, Any]
) -> None:
    responses = operation["responses"]
    success = [code for code in responses if code in ("200", "201")]
    assert len(success) == 1, responses
    content = responses[success[0]]["content"]
    assert content and all("schema" in media for media in content.values())
    for kind in ("4XX", "5XX"):
        problem = responses[kind]["content"]["application/problem+json"]["schema"]
        assert resolve(problem)["required"] == ["type", "title", "status", "detail", "instance"]
    assert "422" not in responses  # no HTTPValidationError: errors are problem details
    assert operation["summary"] and operation.get("description")


def test_the_problem_schema_names_the_fields_at_fault() -> None:
    problem = SPEC["components"]["schemas"]["Problem"]
    assert set(problem["properties"]) == {"type", "title", "status", "detail", "instance", "errors"}
    item = resolve(problem["properties"]["errors"]["items"])
    assert set(item["properties"]) == {"field", "message"}


def body_examples() -> list[tuple[str, str, Any]]:
    """(path, media type, example) for every example of every request body."""
    found = []
    for path, _method, operation in operations():
        for media, content in operation.get("requestBody", {}).get("content", {}).items():
            examples = [e["value"] for e in content.get("examples", {}).values()]
            examples += resolve(content["schema"]).get("examples", [])
            assert examples, f"{path}: no example for {media}"
            found += [(path, media, example) for example in examples]
    return found


EXAMPLES = body_examples()
# The bodies of endpoints only a multi-user server has: their examples fit their models.
MULTI_USER_BODIES: dict[str, type[BaseModel]] = {
    f"{API}/team/invitations": InvitationRequest,
    f"{API}/account/delete": DeleteRequest,
}


def test_every_request_body_has_an_example() -> None:
    with_body = {path for path, _, op in operations() if "requestBody" in op}
    assert with_body == {path for path, _, _ in EXAMPLES}
    assert len(with_body) == 12  # 9, the token's form, an invitation and a deletion


@pytest.mark.parametrize(
    ("path", "example"),
    [(path, example) for path, media, example in EXAMPLES if media == "application/json"],
)
def test_every_json_example_is_accepted(path: str, example: Any, tmp_path: Path) -> None:
    if path in MULTI_USER_BODIES:  # accepted over HTTP in tests/api/test_api_team.py
        MULTI_USER_BODIES[path].model_validate(example)
        return
    with client_for(make_coach(tmp_path)) as client:
        if path != f"{API}/restore":  # a restore needs an empty diary; a cramp a session
            session = {"sport": "rowing", "start": "2026-05-01T06:00:00Z", "duration_s": 7200}
            assert client.post(f"{API}/sessions", json=session).status_code == 201
        method = "PUT" if path.endswith("/profile") else "POST"
        response = client.request(method, path, json=example)
        assert response.status_code in (200, 201), response.text


def test_every_endpoint_is_in_the_api_docs() -> None:
    docs = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    missing = [
        f"{method.upper()} {path.removeprefix(API)}"
        for path, method, _ in operations()
        if f"{method.upper()} {path.removeprefix(API)}" not in docs
    ]
    assert missing == []
