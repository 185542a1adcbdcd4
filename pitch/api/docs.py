"""The API's documentation page: the generated OpenAPI description, rendered on the server.

Rendering here rather than with a JavaScript viewer keeps the page within the CSP and
readable on a phone and by a screen reader. Texts are shown in the user's language
(pitch.api.texts lists them for translation).
"""

import json

from flask import Blueprint, current_app, render_template
from flask_babel import gettext

bp = Blueprint("api_docs", __name__, url_prefix="/api/v1")

METHODS = ("get", "put", "post", "patch", "delete")


def description_texts(description: dict) -> set[str]:
    """Every human text of the description (summaries and descriptions), whitespace folded."""
    found = set()

    def walk(node) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("summary", "description") and isinstance(value, str):
                    found.add(fold(value))
                elif key != "responses":  # status phrases, not shown on the page
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk({"info": description.get("info"), "paths": description.get("paths"),
          "schemas": used_schemas(description)})
    return found


def fold(text: str) -> str:
    return " ".join(text.split())


def translate(text: str | None) -> str:
    return gettext(fold(text)) if text else ""


def used_schemas(description: dict) -> dict:
    """The component schemas the paths refer to, directly or through other schemas."""
    schemas = description.get("components", {}).get("schemas", {})
    used: dict = {}
    pending = [json.dumps(description.get("paths", {}))]
    while pending:
        text = pending.pop()
        for name in schemas:
            if name not in used and f'"#/components/schemas/{name}"' in text:
                used[name] = schemas[name]
                pending.append(json.dumps(schemas[name]))
    # Errors are referred to through the default response, not from the paths.
    used.setdefault("Error", schemas.get("Error", {}))
    used.setdefault("ErrorBody", schemas.get("ErrorBody", {}))
    return dict(sorted(used.items()))


def _ref_name(schema: dict | None) -> str | None:
    """The component name a schema refers to (`#/components/schemas/Name` → Name)."""
    if not schema:
        return None
    target = schema.get("$ref") or schema.get("items", {}).get("$ref")
    return target.rsplit("/", 1)[-1] if target else schema.get("type")


def _operations(description: dict) -> list[dict]:
    found = []
    for path, item in description.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            responses = {
                code: _ref_name(answer.get("content", {}).get("application/json", {})
                                .get("schema"))
                for code, answer in operation.get("responses", {}).items() if code != "default"
            }
            found.append({
                "method": method.upper(), "path": path,
                "summary": translate(operation.get("summary")),
                "description": translate(operation.get("description")),
                "parameters": item.get("parameters", []) + operation.get("parameters", []),
                "body": _ref_name(body["schema"]) if body else None,
                "responses": responses,
                "token": bool(operation.get("security")),
            })
    return found


def _schemas(description: dict) -> dict:
    """The used schemas with their properties' descriptions translated."""
    return {
        name: {**schema, "properties": {
            field: {**prop, "description": translate(prop.get("description"))}
            for field, prop in schema.get("properties", {}).items()}}
        for name, schema in used_schemas(description).items()
    }


@bp.get("/docs")
def docs():
    api = current_app.extensions["flask-smorest"]["apis"][""]["ext_obj"]
    description = api.spec.to_dict()
    return render_template("api/docs.html", info=description["info"],
                           summary=translate(description["info"].get("description")),
                           operations=_operations(description), schemas=_schemas(description))
