"""Demo bureaus, the secretariat and bureau staff."""

import random
from dataclasses import dataclass, field

from werkzeug.security import generate_password_hash

from pitch.extensions import db
from pitch.models import Bureau, Role, User

BUREAUS = [
    ("soumu", "総務局", "Bureau of General Affairs"),
    ("toshi", "都市整備局", "Bureau of Urban Development"),
    ("kensetsu", "建設局", "Bureau of Construction"),
    ("fukushi", "福祉局", "Bureau of Social Welfare"),
    ("digital", "デジタルサービス局", "Bureau of Digital Services"),
]


@dataclass
class DemoPeople:
    admin: User
    bureaus: list[Bureau]
    staff: dict[str, User]
    logins: list[tuple[str, str]] = field(default_factory=list)


def build(rng: random.Random, password: str) -> DemoPeople:
    # One hash for every demo account: hashing is slow on purpose.
    password_hash = generate_password_hash(password)
    admin = User(email="admin@example.jp", name="事務局 管理者", role=Role.ADMIN,
                 password_hash=password_hash)
    db.session.add(admin)
    bureaus, staff = [], {}
    for code, name_ja, name_en in BUREAUS:
        bureau = Bureau(code=code, name_ja=name_ja, name_en=name_en)
        member = User(email=f"{code}@example.jp", name=f"{name_ja} 担当者", role=Role.BUREAU,
                      bureau=bureau, password_hash=password_hash)
        db.session.add_all([bureau, member])
        bureaus.append(bureau)
        staff[code] = member
    db.session.flush()
    logins = [("admin", admin.email)] + [("bureau", u.email) for u in staff.values()]
    return DemoPeople(admin=admin, bureaus=bureaus, staff=staff, logins=logins)
