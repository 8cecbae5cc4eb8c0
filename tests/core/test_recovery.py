"""The supervisor's password recovery code (issue 13 §4), on a real temporary database."""

from __future__ import annotations

import pytest

from tests.profiles import SET_UP
from window_assistant.accounts import MAX_FAILURES
from window_assistant.errors import UserError
from window_assistant.recovery import has_code, issue_code, normalise_code, recover_password
from window_assistant.setup import complete_setup


@pytest.fixture
def code(services) -> str:
    """The code the set-up showed (supervisor S01, password ``correct horse``)."""
    return complete_setup(services, SET_UP)


def _audit(services, action: str) -> list[tuple]:
    return services.store.execute(
        "SELECT actor, action, detail FROM audit_log WHERE action = ?", [action]
    ).fetchall()


def test_setup_shows_a_code_and_keeps_only_its_hash(services, code):
    assert len(normalise_code(code)) == 16
    assert has_code(services)
    stored = services.settings.recovery_hash
    assert stored.startswith("scrypt$")
    assert normalise_code(code) not in stored
    dumped = "\n".join(str(r) for r in services.store.execute("SELECT * FROM audit_log"))
    assert normalise_code(code) not in dumped and code not in dumped
    assert _audit(services, "account.recovery_issued")


def test_code_resets_the_password_once_and_a_new_code_is_given(services, code):
    typed = code.lower().replace("-", " ")  # as read off the paper
    new_code = recover_password(services, "S01", typed, "new password 1")
    assert new_code != code
    assert services.accounts.authenticate("S01", "new password 1").login == "S01"
    with pytest.raises(UserError):
        services.accounts.authenticate("S01", "correct horse")
    with pytest.raises(UserError, match="恢复码不正确"):  # used up
        recover_password(services, "S01", code, "another pass 2")
    recover_password(services, "S01", new_code, "another pass 2")
    assert services.accounts.authenticate("S01", "another pass 2")
    actors = [row[0] for row in _audit(services, "account.recovered")]
    assert actors == ["S01", "S01"]


def test_refused_without_change(services, code):
    with pytest.raises(UserError, match="新密码"):
        recover_password(services, "S01", code, "short")
    with pytest.raises(UserError, match="恢复码不正确"):
        recover_password(services, "1003", code, "new password 1")  # a clerk, not a supervisor
    with pytest.raises(UserError, match="恢复码不正确"):
        recover_password(services, "S01", "0000-0000-0000-0000", "new password 1")
    assert services.accounts.authenticate("S01", "correct horse")  # nothing changed


def test_wrong_codes_lock_the_login_like_wrong_passwords(services, code):
    for _ in range(MAX_FAILURES):
        with pytest.raises(UserError, match="恢复码不正确"):
            recover_password(services, "S01", "AAAA-AAAA-AAAA-AAAA", "new password 1")
    with pytest.raises(UserError, match="锁定"):
        recover_password(services, "S01", code, "new password 1")  # even the right code
    with pytest.raises(UserError, match="锁定"):
        services.accounts.authenticate("S01", "correct horse")


def test_a_supervisor_issues_a_new_code_and_the_old_stops_working(services, code):
    boss = services.accounts.authenticate("S01", "correct horse")
    clerk = services.accounts.authenticate("1003", "2580")
    with pytest.raises(UserError):
        issue_code(services, clerk)
    fresh = issue_code(services, boss)
    with pytest.raises(UserError, match="恢复码不正确"):
        recover_password(services, "S01", code, "new password 1")
    recover_password(services, "S01", fresh, "new password 1")
