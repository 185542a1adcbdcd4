"""The public challenges as open data (CSV and JSON) under CC BY 4.0."""

import csv
import io
from datetime import datetime

from pitch.models import Challenge

LICENSE = {
    "name": "CC BY 4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}
COLUMNS = ("id", "contest_id", "contest_title", "bureau_code", "bureau_name", "status",
           "title", "title_en", "summary", "situation", "wanted", "outcome", "budget_yen",
           "pilot_period", "data_links", "tags", "published_at", "url")


def row(challenge: Challenge, url: str) -> dict:
    published: datetime | None = challenge.published_at
    return {
        "id": challenge.id,
        "contest_id": challenge.contest_id,
        "contest_title": challenge.contest.title_ja,
        "bureau_code": challenge.bureau.code,
        "bureau_name": challenge.bureau.name_ja,
        "status": challenge.status,
        "title": challenge.title,
        "title_en": challenge.title_en,
        "summary": challenge.summary,
        "situation": challenge.situation,
        "wanted": challenge.wanted,
        "outcome": challenge.outcome,
        "budget_yen": challenge.budget_yen,
        "pilot_period": challenge.pilot_period,
        "data_links": challenge.data_links.splitlines(),
        "tags": challenge.tag_list,
        "published_at": published.isoformat() if published else None,
        "url": url,
    }


def to_csv(rows: list[dict]) -> str:
    """Lists are joined with "|"; a BOM leads so that Japanese Excel reads the file as UTF-8."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for item in rows:
        writer.writerow({key: "|".join(value) if isinstance(value, list)
                         else "" if value is None else value for key, value in item.items()})
    return "\ufeff" + buffer.getvalue()


def to_json(rows: list[dict], generated_at: datetime) -> dict:
    return {
        "license": LICENSE,
        "generated_at": generated_at.isoformat(),
        "challenges": rows,
    }
