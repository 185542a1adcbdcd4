"""The API's documentation page: the generated OpenAPI description, rendered on the server.

Rendering here rather than with a JavaScript viewer keeps the page within the CSP and
readable on a phone and by a screen reader.
"""

from flask import Blueprint, current_app, render_template

bp = Blueprint("api_docs", __name__, url_prefix="/api/v1")

METHODS = ("get", "put", "post", "patch", "delete")


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
                "summary": operation.get("summary", ""),
                "description": operation.get("description", ""),
                "parameters": item.get("parameters", []) + operation.get("parameters", []),
                "body": _ref_name(body["schema"]) if body else None,
                "responses": responses,
                "token": bool(operation.get("security")),
            })
    return found


@bp.get("/docs")
def docs():
    api = current_app.extensions["flask-smorest"]["apis"][""]["ext_obj"]
    description = api.spec.to_dict()
    return render_template("api/docs.html", info=description["info"],
                           operations=_operations(description),
                           schemas=description.get("components", {}).get("schemas", {}))
