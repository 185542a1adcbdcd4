import re

from pitch.extensions import db
from pitch.models import Invitation, User
from tests.factories import make_bureau, make_user


def _invite_link(outbox) -> str:
    match = re.search(r"http://pitch\.test(/auth/invitation/\S+)", outbox[-1].body)
    assert match, outbox[-1].body
    return match.group(1)


def _admin_client(app, client, auth):
    admin = make_user(role="admin")
    db.session.commit()
    auth.login(admin)
    return admin


def test_admin_invites_bureau_staff_who_joins_their_bureau(app, client, auth, outbox):
    _admin_client(app, client, auth)
    bureau = make_bureau(code="kensetsu")
    db.session.commit()
    response = client.post("/admin/users/invite",
                           data={"email": "Staff@Example.JP", "role": "bureau",
                                 "bureau_id": bureau.id})
    assert response.status_code == 302
    assert outbox[-1].to == "staff@example.jp"
    link = _invite_link(outbox)
    auth.logout()
    response = client.post(link, data={"name": "建設 太郎", "password": "bureau-password",
                                        "confirm": "bureau-password"})
    assert response.status_code == 302
    user = User.by_email("staff@example.jp")
    assert user.role == "bureau" and user.bureau_id == bureau.id
    # Used once: the same link no longer works.
    auth.logout()
    assert client.get(link).status_code == 400


def test_bureau_invitation_needs_a_bureau(app, client, auth, outbox):
    _admin_client(app, client, auth)
    response = client.post("/admin/users/invite",
                           data={"email": "x@example.jp", "role": "bureau", "bureau_id": 0})
    assert response.status_code == 400
    assert outbox == []
    assert db.session.scalar(db.select(db.func.count()).select_from(Invitation)) == 0


def test_expired_invitation_is_refused(app, client, auth, outbox):
    _admin_client(app, client, auth)
    client.post("/admin/users/invite", data={"email": "e@example.jp", "role": "expert",
                                              "bureau_id": 0})
    link = _invite_link(outbox)
    auth.logout()
    app.config["INVITATION_MAX_AGE"] = -1
    response = client.get(link)
    assert response.status_code == 400
    assert "expired" in response.get_data(as_text=True) or "期限" in response.get_data(as_text=True)


def test_tampered_invitation_is_refused(app, client, auth, outbox):
    _admin_client(app, client, auth)
    client.post("/admin/users/invite", data={"email": "e@example.jp", "role": "admin",
                                              "bureau_id": 0})
    link = _invite_link(outbox)
    auth.logout()
    assert client.get(link[:-4] + "AAAA").status_code == 400


def test_startup_member_invites_a_teammate(app, client, auth, outbox):
    founder = make_user(role="startup")
    db.session.commit()
    auth.login(founder)
    response = client.post("/account/startup/invite", data={"invite-email": "mate@example.jp"})
    assert response.status_code == 302
    link = _invite_link(outbox)
    auth.logout()
    client.post(link, data={"name": "Mate", "password": "teammate-pass",
                            "confirm": "teammate-pass"})
    mate = User.by_email("mate@example.jp")
    assert mate.role == "startup" and mate.startup_id == founder.startup_id


def test_non_admin_cannot_invite(client, auth, outbox):
    user = make_user(role="bureau")
    db.session.commit()
    auth.login(user)
    response = client.post("/admin/users/invite", data={"email": "x@example.jp", "role": "admin"})
    assert response.status_code == 403
    assert outbox == []
