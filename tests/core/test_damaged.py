"""A damaged database file is recognised when it is opened, whatever the damage, and the error
names the way out: the newest backup that passes the check, and the command that restores it."""

from __future__ import annotations

import os
import time

import pytest

from tests.damage import DAMAGES, garble_pages
from window_assistant.paths import backup_dir
from window_assistant.services import open_services
from window_assistant.store.backup import backup
from window_assistant.store.damage import DamagedDatabase


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_opening_a_damaged_file_says_so_names_the_newest_good_backup_and_changes_nothing(
    services, damage
):
    folder = backup_dir(services.store.path)
    older = backup(services.store, folder / "older.db")
    newer = backup(services.store, folder / "newer.db")
    os.utime(older, (time.time() - 3600,) * 2)
    garble_pages(newer)  # the newest backup is bad too: it must not be offered
    db = services.store.path
    services.close()
    DAMAGES[damage](db)
    damaged = db.read_bytes()

    with pytest.raises(DamagedDatabase) as caught:
        open_services(db)
    error = caught.value
    assert error.backup == older
    message = str(error)
    assert f"数据库文件 {db} 已损坏" in message
    assert f"--db {db} restore {older}" in message
    assert db.read_bytes() == damaged  # looking did not write
    assert not list(db.parent.glob(db.name + "-*"))  # nor leave a journal behind


def test_without_a_good_backup_the_message_says_to_keep_the_file(services):
    db = services.store.path
    services.close()
    garble_pages(db)
    with pytest.raises(DamagedDatabase, match="没有找到完好的备份。请不要删除或覆盖这个文件"):
        open_services(db)
