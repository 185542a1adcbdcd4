from dataclasses import dataclass

import pytest

from pitch.extensions import db
from pitch.models import Bureau, Challenge, Contest, User
from tests.factories import make_bureau, make_contest, make_user


def add_challenge(contest: Contest, bureau: Bureau, status: str = "published",
                  **fields) -> Challenge:
    challenge = Challenge(contest=contest, bureau=bureau, status=status,
                          title=fields.pop("title", "避難所の混雑を知りたい"),
                          summary=fields.pop("summary", "避難所の混雑状況を共有したい。"),
                          **fields)
    db.session.add(challenge)
    db.session.flush()
    return challenge


@dataclass
class Cast:
    """The people of the role matrix, and a draft and a published challenge of one bureau."""

    contest: Contest
    bureau: Bureau
    staff: User
    other_staff: User
    startup: User
    other_startup: User
    admin: User
    draft: Challenge
    published: Challenge

    def user(self, role: str | None) -> User | None:
        return getattr(self, role) if role else None


@pytest.fixture
def cast(app) -> Cast:
    contest = make_contest(state="open")
    bureau = make_bureau()
    cast = Cast(
        contest=contest, bureau=bureau, staff=make_user("bureau", bureau=bureau),
        other_staff=make_user("bureau"), startup=make_user("startup"),
        other_startup=make_user("startup"), admin=make_user("admin"),
        draft=add_challenge(contest, bureau, "draft", title="下書きの課題"),
        published=add_challenge(contest, bureau, "published", title="公開中の課題"),
    )
    db.session.commit()
    return cast
