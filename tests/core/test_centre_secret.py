"""The centre's secret shared by the window PCs of one centre: exported at one, imported at
another, so the second PC's QR codes and comment digests match the first's."""

from __future__ import annotations

import json
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.profiles import SET_UP
from window_assistant.cases.registration import CaseRequest, CaseService
from window_assistant.cases.tokens import TokenError, verify_token
from window_assistant.centre_secret import (
    FORMAT,
    PendingTokens,
    export_centre_secret,
    import_at_setup,
    import_centre_secret,
)
from window_assistant.errors import UserError
from window_assistant.permissions import PermissionDenied
from window_assistant.ratings.log import record_rating
from window_assistant.services import Services, open_services
from window_assistant.setup import complete_setup
from window_assistant.vocab import RatingChannel, RatingLevel

ITEM = "000920001000"  # 用人单位社保登记
OTHER_SECRET = "ab" * 32


def supervisor(svc: Services):
    return svc.accounts.authenticate("S01", "correct horse")


def clerk(svc: Services):
    return svc.accounts.authenticate("1003", "2580")


def register(svc: Services, at: datetime | None = None):
    service = CaseService(svc, clock=lambda: at or datetime.now())
    return service.register(CaseRequest("item", ITEM, kind="notice"), clerk(svc))


def audit(svc: Services, action: str) -> list[str]:
    rows = svc.store.execute("SELECT detail FROM audit_log WHERE action = ?", [action])
    return [row[0] for row in rows]


def write_file(path: Path, **fields) -> Path:
    data = {"format": FORMAT, "centre_name": "铁西区政务服务中心", "secret": OTHER_SECRET}
    data["exported_at"] = "2026-03-05T09:00:00"
    data.update(fields)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def second_pc(tmp_path: Path):
    """Another window PC of the same centre, set up on its own database."""
    svc = open_services(tmp_path / "b" / "wa.db")
    complete_setup(svc, SET_UP)
    yield svc
    svc.close()


def test_a_token_issued_at_one_pc_verifies_at_another_after_the_import(set_up, second_pc, tmp_path):
    case = register(set_up)
    with pytest.raises(TokenError):  # two installations: two secrets
        verify_token(second_pc.settings.centre_secret, case.token, datetime.now())
    path = export_centre_secret(set_up, supervisor(set_up), tmp_path / "中心密钥.json")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600

    done = import_centre_secret(second_pc, supervisor(second_pc), path)

    assert done.changed and done.pending == 0
    assert done.centre_name == SET_UP.centre_name
    claims = verify_token(second_pc.settings.centre_secret, case.token, datetime.now())
    assert claims.serial.text(SET_UP.centre_abbrev) == case.serial
    secret = set_up.settings.centre_secret
    (exported,) = audit(set_up, "centre.secret_export")
    (imported,) = audit(second_pc, "centre.secret_import")
    assert "中心密钥.json" in exported and SET_UP.centre_name in imported
    for svc in (set_up, second_pc):
        details = [row[0] for row in svc.store.execute("SELECT detail FROM audit_log")]
        assert not [d for d in details if secret in d]


def test_importing_the_secret_this_pc_already_has_changes_nothing(set_up, tmp_path):
    path = export_centre_secret(set_up, supervisor(set_up), tmp_path / "key.json")
    done = import_centre_secret(set_up, supervisor(set_up), path)
    assert not done.changed
    assert audit(set_up, "centre.secret_import") == []


def test_a_clerk_may_neither_export_nor_import_and_nothing_changes(set_up, tmp_path):
    before = set_up.settings.centre_secret
    with pytest.raises(PermissionDenied, match="导出或导入中心密钥"):
        export_centre_secret(set_up, clerk(set_up), tmp_path / "key.json")
    assert not (tmp_path / "key.json").exists()
    with pytest.raises(PermissionDenied, match="导出或导入中心密钥"):
        import_centre_secret(set_up, clerk(set_up), write_file(tmp_path / "k.json"))
    assert set_up.settings.centre_secret == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "是一个文件夹"),
        (b"\xff\xfe\x00{not utf-8", "不是 UTF-8"),
        (b"format = 1", "不是 JSON"),
        (b"[]", "格式不对"),
        (json.dumps({"format": "window-assistant/ratings/2"}).encode(), "格式不对"),
        (json.dumps({"format": FORMAT, "secret": OTHER_SECRET}).encode(), "缺少中心名称"),
        ("ab" * 8, "32–128 位"),  # 16 hex digits: 8 bytes, too short to sign with
        ("AB" * 32, "十六进制小写"),
        ("xyz" * 16, "十六进制"),
    ],
)
def test_a_bad_file_is_refused_with_its_reason_and_nothing_changes(
    set_up, tmp_path, content, message
):
    path = tmp_path / "key.json"
    if content is None:
        path.mkdir()
    elif isinstance(content, str):
        write_file(path, secret=content)
    else:
        path.write_bytes(content)
    before = set_up.settings.centre_secret
    with pytest.raises(UserError, match=message):
        import_centre_secret(set_up, supervisor(set_up), path)
    assert set_up.settings.centre_secret == before
    assert audit(set_up, "centre.secret_import") == []


def test_a_missing_file_is_named(set_up, tmp_path):
    with pytest.raises(UserError, match="找不到中心密钥文件"):
        import_centre_secret(set_up, supervisor(set_up), tmp_path / "nowhere.json")


def test_a_pc_with_ratings_refuses_another_secret(set_up, tmp_path):
    case = register(set_up)
    record_rating(set_up, case.token, RatingLevel.SATISFIED, [], "", RatingChannel.QR_CODE, "phone")
    before = set_up.settings.centre_secret
    with pytest.raises(UserError, match="已有 1 条评价记录"):
        import_centre_secret(
            set_up, supervisor(set_up), write_file(tmp_path / "k.json"), confirm=True
        )
    assert set_up.settings.centre_secret == before


def test_unrated_cases_within_the_period_need_a_confirmation(set_up, tmp_path):
    now = datetime.now().replace(microsecond=0)
    register(set_up, now - timedelta(days=set_up.settings.rating_period_days + 1))  # expired
    register(set_up, now - timedelta(hours=1))
    register(set_up, now - timedelta(minutes=5))
    path = write_file(tmp_path / "k.json")
    with pytest.raises(PendingTokens, match="2 件办件") as refused:
        import_centre_secret(set_up, supervisor(set_up), path, now=now)
    assert refused.value.count == 2
    assert set_up.settings.centre_secret != OTHER_SECRET

    done = import_centre_secret(set_up, supervisor(set_up), path, confirm=True, now=now)

    assert done.changed and done.pending == 2
    assert set_up.settings.centre_secret == OTHER_SECRET
    (entry,) = audit(set_up, "centre.secret_import")
    assert json.loads(entry)["invalidated"] == 2


def test_the_set_up_imports_before_anyone_signs_in_and_never_after(services, tmp_path):
    path = write_file(tmp_path / "k.json")
    assert import_at_setup(services, path).changed
    assert services.settings.centre_secret == OTHER_SECRET
    complete_setup(services, SET_UP)
    with pytest.raises(UserError, match="已完成首次设置"):
        import_at_setup(services, write_file(tmp_path / "k2.json", secret="cd" * 32))
    assert services.settings.centre_secret == OTHER_SECRET


def test_an_export_names_a_folder_or_the_database_and_writes_nothing(set_up, tmp_path, db_path):
    with pytest.raises(UserError, match="是一个文件夹"):
        export_centre_secret(set_up, supervisor(set_up), tmp_path)
    with pytest.raises(UserError, match="正在使用的数据库文件"):
        export_centre_secret(set_up, supervisor(set_up), db_path)
    assert set_up.store.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not list(tmp_path.glob("*.part"))
    assert audit(set_up, "centre.secret_export") == []
