import pytest

from pitch.extensions import db
from tests.factories import make_user


@pytest.mark.parametrize("number,ok", [
    ("7000012050002", True),
    ("７０００－０１２０５－０００２", True),
    ("7000012050003", False),
    ("123", False),
])
def test_startup_profile_checks_the_corporate_number(client, auth, number, ok):
    user = make_user(role="startup")
    db.session.commit()
    auth.login(user)
    response = client.post("/account/startup", data={"name": "X", "corporate_number": number})
    assert (response.status_code == 302) is ok
    db.session.refresh(user.startup)
    assert (user.startup.corporate_number == "7000012050002") is ok


@pytest.mark.parametrize("website,ok", [
    ("https://bousai.example.jp", True),
    ("javascript://example.com/%0aalert(1)", False),
    ("ftp://example.com/", False),
])
def test_startup_website_must_be_a_web_address(client, auth, website, ok):
    user = make_user(role="startup")
    db.session.commit()
    auth.login(user)
    response = client.post("/account/startup", data={"name": "X", "website": website})
    assert (response.status_code == 302) is ok
    db.session.refresh(user.startup)
    assert (user.startup.website == website) is ok
