from pitch.extensions import db
from pitch.models import User


def test_create_admin_asks_for_the_password(runner):
    result = runner.invoke(args=["create-admin", "--email", "Boss@Example.jp", "--name", "Boss"],
                           input="a-secret-password\na-secret-password\n")
    assert result.exit_code == 0, result.output
    assert "a-secret-password" not in result.output
    user = User.by_email("boss@example.jp")
    assert user.role == "admin" and user.check_password("a-secret-password")


def test_create_admin_refuses_a_short_password(runner):
    result = runner.invoke(args=["create-admin", "--email", "b@example.jp", "--name", "B"],
                           input="short\nshort\n")
    assert result.exit_code != 0
    assert User.by_email("b@example.jp") is None


def test_create_admin_refuses_a_taken_email(runner):
    runner.invoke(args=["create-admin", "--email", "b@example.jp", "--name", "B",
                        "--password", "long-password-1"])
    result = runner.invoke(args=["create-admin", "--email", "B@example.jp", "--name", "B",
                                 "--password", "long-password-2"])
    assert result.exit_code != 0 and "already exists" in result.output


def test_demo_prints_the_logins_and_is_deterministic(runner):
    result = runner.invoke(args=["demo", "--seed", "3"])
    assert result.exit_code == 0, result.output
    assert "admin@example.jp" in result.output
    first = sorted(db.session.scalars(db.select(User.email)).all())
    assert db.session.scalar(db.select(User).where(User.email == "admin@example.jp")).is_admin
    again = runner.invoke(args=["demo", "--seed", "3"])
    assert again.exit_code != 0 and "empty" in again.output
    assert sorted(db.session.scalars(db.select(User.email)).all()) == first


def test_console_script_help_lists_the_commands():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "flask", "--app", "pitch", "--help"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    for command in ("create-admin", "demo", "db", "run"):
        assert command in result.stdout
