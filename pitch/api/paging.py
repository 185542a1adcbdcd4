"""One page of a query, in the envelope every list of the API shares."""

from sqlalchemy import Select

from pitch.extensions import db


def paged(statement: Select, args: dict) -> dict:
    page = db.paginate(statement, page=args["page"], per_page=args["per_page"],
                       max_per_page=100, error_out=False)
    return {"items": page.items, "page": page.page, "per_page": page.per_page,
            "total": page.total}
