"""Demo stage: the secretariat, the bureaus and their staff."""

from pitch.extensions import db
from pitch.models import Bureau, Role, User

BUREAUS = [
    ("soumu", "総務局", "Bureau of General Affairs"),
    ("toshi", "都市整備局", "Bureau of Urban Development"),
    ("kensetsu", "建設局", "Bureau of Construction"),
    ("fukushi", "福祉局", "Bureau of Social Welfare"),
    ("digital", "デジタルサービス局", "Bureau of Digital Services"),
]


def build(world) -> None:
    admin = User(email="admin@example.jp", name="事務局 管理者", role=Role.ADMIN,
                 password_hash=world.password_hash)
    db.session.add(admin)
    bureaus, staff = [], {}
    for code, name_ja, name_en in BUREAUS:
        bureau = Bureau(code=code, name_ja=name_ja, name_en=name_en)
        member = User(email=f"{code}@example.jp", name=f"{name_ja} 担当者", role=Role.BUREAU,
                      bureau=bureau, password_hash=world.password_hash)
        db.session.add_all([bureau, member])
        bureaus.append(bureau)
        staff[code] = member
    world.objects.update(admin=admin, bureaus=bureaus, bureau_staff=staff)
    world.logins.append(("admin", admin.email))
    world.logins.extend(("bureau", member.email) for member in staff.values())
