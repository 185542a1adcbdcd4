import csv
import io

from pitch.extensions import db
from pitch.judging.operations import save_scorecard
from pitch.models import Assignment, Conflict, Invitation, PanelMember, RoundEntry, ScoreAudit
from tests.factories import make_user
from tests.judging.helpers import make_judge, make_scene


def _admin(scene, auth):
    db.session.commit()
    auth.login(scene.admin)


def test_pages_need_the_secretariat(app, client, auth):
    scene = make_scene()
    db.session.commit()
    urls = ["/judging/manage", f"/judging/contests/{scene.contest.id}/panel",
            f"/judging/contests/{scene.contest.id}/conflicts.csv",
            f"/judging/rounds/{scene.screening.id}/assignments",
            f"/judging/rounds/{scene.screening.id}/progress",
            f"/judging/rounds/{scene.screening.id}/audit",
            f"/judging/rounds/{scene.screening.id}/audit.csv",
            f"/judging/rounds/{scene.screening.id}/live/{scene.pitches[0].id}.json"]
    for url in urls:
        assert client.get(url).status_code == 302, url  # to the login page
    for role in ("startup", "bureau", "expert"):
        user = make_user(role=role)
        db.session.commit()
        auth.login(user)
        for url in urls:
            assert client.get(url).status_code == 403, (role, url)
        auth.logout()
    auth.login(scene.judges[0])  # a judge is not the secretariat
    assert client.get(urls[1]).status_code == 403
    auth.logout()
    auth.login(scene.admin)
    for url in urls:
        assert client.get(url).status_code == 200, url
    assert client.get("/judging/rounds/999999/progress").status_code == 404


def test_invite_existing_and_new_judges(app, client, auth, outbox):
    scene = make_scene()
    staff = make_user(role="bureau", email="staff@metro.tokyo.jp")
    _admin(scene, auth)
    response = client.post(f"/judging/contests/{scene.contest.id}/panel/invite",
                           data={"invite-emails": "Staff@metro.tokyo.jp, expert@example.org"})
    assert response.status_code == 302
    member = db.session.scalars(db.select(PanelMember).filter_by(user_id=staff.id)).one()
    assert member.status == "invited"
    invitation = db.session.scalars(db.select(Invitation)).one()
    assert invitation.contest_id == scene.contest.id and invitation.role == "expert"
    assert sorted(mail.to for mail in outbox) == ["expert@example.org", "staff@metro.tokyo.jp"]


def test_invite_refuses_startup_members_who_compete(app, client, auth, outbox):
    scene = make_scene()
    founder = make_user(role="startup", email="founder@startup.example", locale="en")
    _admin(scene, auth)
    response = client.post(f"/judging/contests/{scene.contest.id}/panel/invite",
                           data={"invite-emails": "founder@startup.example, expert@example.org"},
                           follow_redirects=True)
    assert "founder@startup.example" in response.get_data(as_text=True)
    assert "スタートアップ" in response.get_data(as_text=True)  # the refusal, in Japanese
    assert db.session.scalars(db.select(PanelMember).filter_by(user_id=founder.id)).all() == []
    assert [mail.to for mail in outbox] == ["expert@example.org"]


def test_invite_refuses_bad_addresses_and_keeps_them(app, client, auth, outbox):
    scene = make_scene()
    _admin(scene, auth)
    response = client.post(f"/judging/contests/{scene.contest.id}/panel/invite",
                           data={"invite-emails": "good@example.org, not-an-email"})
    assert response.status_code == 400
    assert "not-an-email" in response.get_data(as_text=True)
    assert outbox == []


def test_secretariat_records_a_conflict_and_exports_the_register(app, client, auth):
    scene = make_scene(startup_names=("みらい防災株式会社",))
    _admin(scene, auth)
    judge, pitch = scene.judges[0], scene.pitches[0]
    response = client.post(f"/judging/contests/{scene.contest.id}/panel/conflicts",
                           data={"conflict-judge_id": judge.id,
                                 "conflict-startup_id": pitch.startup_id,
                                 "conflict-kind": "family_or_personal", "conflict-note": "兄弟"})
    assert response.status_code == 302
    conflict = db.session.scalars(db.select(Conflict)).one()
    assert conflict.declared_by_id == scene.admin.id
    assert db.session.scalar(db.select(Assignment.id).filter_by(
        judge_id=judge.id, pitch_id=pitch.id)) is None
    response = client.get(f"/judging/contests/{scene.contest.id}/conflicts.csv")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0]["startup_name"] == "みらい防災株式会社"
    assert rows[0]["kind"] == "family_or_personal" and rows[0]["declared_by"] == "secretariat"


def test_open_round_enters_submitted_pitches_and_assignment_runs(app, client, auth):
    scene = make_scene(judges=4, state="pending")
    db.session.execute(db.delete(Assignment))
    db.session.execute(db.delete(RoundEntry))
    _admin(scene, auth)
    round_id = scene.screening.id
    client.post(f"/judging/rounds/{round_id}/state", data={"to": "open"})
    assert db.session.scalar(db.select(db.func.count()).select_from(RoundEntry)) == 3
    response = client.post(f"/judging/rounds/{round_id}/assignments/run", data={"run-seed": "7"})
    assert response.status_code == 302
    pairs = db.session.execute(db.select(Assignment.judge_id, Assignment.pitch_id)).all()
    assert len(pairs) == 3 * scene.contest.judges_per_pitch
    html = client.get(f"/judging/rounds/{round_id}/assignments").get_data(as_text=True)
    assert scene.judges[0].name in html


def test_infeasible_assignment_is_explained(app, client, auth):
    scene = make_scene(judges=2)
    db.session.execute(db.delete(Assignment))
    _admin(scene, auth)
    response = client.post(f"/judging/rounds/{scene.screening.id}/assignments/run",
                           data={"run-seed": "1"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "3" in html and ("審査員" in html or "judges" in html)
    assert db.session.scalar(db.select(db.func.count()).select_from(Assignment)) == 0


def test_manual_add_and_remove(app, client, auth):
    scene = make_scene(judges=1)
    extra = make_judge(scene.contest)
    _admin(scene, auth)
    url = f"/judging/rounds/{scene.screening.id}/assignments"
    response = client.post(url + "/add", data={"add-judge_id": extra.id,
                                               "add-pitch_id": scene.pitches[0].id})
    assert response.status_code == 302
    again = client.post(url + "/add", data={"add-judge_id": extra.id,
                                            "add-pitch_id": scene.pitches[0].id})
    assert again.status_code == 400
    assignment = db.session.scalars(db.select(Assignment).filter_by(judge_id=extra.id)).one()
    assert client.post(f"{url}/{assignment.id}/remove").status_code == 302
    assert db.session.scalar(db.select(Assignment.id).filter_by(id=assignment.id)) is None


def test_dropout_keeps_submitted_scorecards(app, client, auth):
    scene = make_scene(pitches=4, judges=1)
    leaving = scene.judges[0]
    others = [make_judge(scene.contest) for _ in range(3)]
    save_scorecard(scene.screening, leaving, scene.pitches[0],
                   {"novelty": 3, "feasibility": 3, "impact": 3}, "", "", True, leaving)
    save_scorecard(scene.screening, leaving, scene.pitches[1], {"novelty": 3}, "", "", False,
                   leaving)
    _admin(scene, auth)
    response = client.post(f"/judging/rounds/{scene.screening.id}/assignments/dropout",
                           data={"dropout-judge_id": leaving.id, "dropout-seed": "3"})
    assert response.status_code == 302
    kept = db.session.scalars(db.select(Assignment.pitch_id).filter_by(judge_id=leaving.id)).all()
    assert kept == [scene.pitches[0].id]
    moved = db.session.scalars(db.select(Assignment.pitch_id).where(
        Assignment.judge_id.in_([o.id for o in others]))).all()
    assert sorted(moved) == sorted(p.id for p in scene.pitches[1:])
    # The dropout's draft is gone, with a trace in the audit trail.
    assert db.session.scalars(db.select(ScoreAudit.action).order_by(ScoreAudit.id)).all()[-1] \
        == "removed"


def test_progress_reminders_and_live_view(app, client, auth, outbox):
    scene = make_scene(judges=2)
    done, lagging = scene.judges
    for pitch in scene.pitches:
        save_scorecard(scene.screening, done, pitch, {"novelty": 3, "feasibility": 3,
                                                      "impact": 3}, "", "", True, done)
    save_scorecard(scene.screening, lagging, scene.pitches[0], {"novelty": 2}, "", "", False,
                   lagging)
    _admin(scene, auth)
    html = client.get(f"/judging/rounds/{scene.screening.id}/progress").get_data(as_text=True)
    assert lagging.name in html and "live.js" in html
    response = client.post(f"/judging/rounds/{scene.screening.id}/reminders")
    assert response.status_code == 302
    assert [mail.to for mail in outbox] == [lagging.email]
    assert "3" in outbox[0].body
    live = client.get(f"/judging/rounds/{scene.screening.id}/live/{scene.pitches[0].id}.json")
    states = {row["judge"]: row["status"] for row in live.get_json()["judges"]}
    assert states == {done.name: "submitted", lagging.name: "draft"}
    assert live.get_json()["submitted"] == 1


def test_audit_page_and_csv_show_old_and_new_values(app, client, auth):
    scene = make_scene()
    judge, pitch = scene.judges[0], scene.pitches[0]
    save_scorecard(scene.screening, judge, pitch, {"novelty": 1, "feasibility": 2, "impact": 3},
                   "", "", True, judge)
    save_scorecard(scene.screening, judge, pitch, {"novelty": 5, "feasibility": 2, "impact": 3},
                   "", "", True, judge)
    _admin(scene, auth)
    html = client.get(f"/judging/rounds/{scene.screening.id}/audit").get_data(as_text=True)
    assert "novelty=1" in html and "novelty=5" in html
    response = client.get(f"/judging/rounds/{scene.screening.id}/audit.csv")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) == 2 and rows[1]["judge_email"] == judge.email
    assert '"novelty": 1' in rows[1]["old"] and '"novelty": 5' in rows[1]["new"]


def test_closing_the_round(app, client, auth):
    scene = make_scene()
    _admin(scene, auth)
    client.post(f"/judging/rounds/{scene.screening.id}/state", data={"to": "closed"})
    db.session.refresh(scene.screening)
    assert scene.screening.state == "closed"


def test_a_new_judge_joins_through_the_invitation_and_is_asked_to_declare(app, client, auth,
                                                                          outbox):
    import re

    scene = make_scene()
    _admin(scene, auth)
    client.post(f"/judging/contests/{scene.contest.id}/panel/invite",
                data={"invite-emails": "newjudge@example.org"})
    link = re.search(r"http://pitch\.test(/auth/invitation/\S+)", outbox[-1].body).group(1)
    auth.logout()
    response = client.post(link, data={"name": "審査 花子", "password": "judge-password-1",
                                        "confirm": "judge-password-1"})
    assert response.status_code == 302
    auth.login("newjudge@example.org", "judge-password-1")
    html = client.get("/judging/").get_data(as_text=True)
    assert f"/judging/contests/{scene.contest.id}/conflicts" in html
    assert "利益相反を申告" in html
