"""Render 好差评 supervision to PNGs, for the docs:
``python docs/tools/supervision_screenshots.py [OUT_DIR]`` (default ``docs/screenshots``);
with ``QT_SCALE_FACTOR=1.5`` in the environment the files are named ``…-150pct.png``.

A fresh temporary database with the bundled catalog, three clerks and three weeks of ratings
(some 差评 with tags, one comment typed as markup, follow-ups at several stages). Writes the main
window with the sign-in notice, the 差评整改台账, 评价记录 filtered to those with a comment, and the statistics
table and charts, each at 1366×768. Runs headless (QT_QPA_PLATFORM=offscreen unless a display
is set).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere

SIZE = (1366, 768)
ITEMS = ("000920001000", "001701001000")
DAYS = 21


def build(services) -> None:
    """Three weeks of ratings by three clerks; the 差评 at several stages of their follow-up."""
    from window_assistant.accounts import INSTALLER
    from window_assistant.cases.model import CaseRequest
    from window_assistant.cases.registration import CaseService
    from window_assistant.ratings.followups import record_step
    from window_assistant.ratings.log import record_rating
    from window_assistant.vocab import FollowUpStep, RatingChannel, RatingLevel

    chance = random.Random(10)
    clerks = [
        services.default_clerk(),
        services.accounts.add_account(INSTALLER, "1009", "赵丽", "clerk", "1357"),
        services.accounts.add_account(INSTALLER, "1012", "孙伟", "clerk", "2468"),
    ]
    boss = services.accounts.add_account(INSTALLER, "S01", "王主任", "supervisor", "pw-123456")
    levels = list(RatingLevel)
    weights = (55, 25, 10, 6, 4)
    bad_tags = services.settings.rating_bad_tags
    good_tags = services.settings.rating_good_tags
    start = datetime.combine(date.today() - timedelta(days=DAYS), datetime.min.time())
    bad_cases = []
    for day in range(DAYS + 1):
        when = start + timedelta(days=day, hours=9)
        if when.weekday() >= 5:
            continue
        for n in range(chance.randint(4, 9)):
            at = when + timedelta(minutes=37 * n)
            clerk = clerks[n % 3]
            request = CaseRequest("item", ITEMS[n % 2], kind="notice")
            case = CaseService(services, clock=lambda at=at: at).register(request, clerk)
            if chance.random() < 0.15:
                continue  # not rated
            level = chance.choices(levels, weights)[0]
            bad = level in (RatingLevel.DISSATISFIED, RatingLevel.VERY_DISSATISFIED)
            tags = chance.sample(list(bad_tags if bad else good_tags), chance.randint(0, 2))
            comment = ""
            if bad and not bad_cases:
                comment = "<b>x</b><img src=http://example/> 窗口让我跑了三次"
            elif chance.random() < 0.2:
                comment = "等了四十分钟" if bad else "办得很快,谢谢"
            channel = RatingChannel.PAD if n % 2 else RatingChannel.QR_CODE
            rated = at + timedelta(minutes=20)
            record_rating(services, case.token, level, tags, comment, channel, "d", now=rated)
            if bad:
                bad_cases.append((case.serial, rated))
    steps = [
        [(FollowUpStep.VERIFY, {"finding": "属实,等候时间过长"}),
         (FollowUpStep.FIX_NOW, {"action": "增开一个窗口"}),
         (FollowUpStep.UNREACHABLE, {"reason": "未留联系电话"}), (FollowUpStep.CLOSE, {})],
        [(FollowUpStep.VERIFY, {"finding": "材料清单未一次告知"}),
         (FollowUpStep.RECTIFY_PLAN, {"plan": "更新一次性告知单"})],
        [(FollowUpStep.VERIFY, {"finding": "属实"}), (FollowUpStep.SUPERVISE, {"note": "请尽快"})],
    ]  # fmt: skip
    for (serial, rated), plan in zip(bad_cases, steps, strict=False):
        for k, (step, fields) in enumerate(plan):
            record_step(services, boss, serial, step, fields, now=rated + timedelta(hours=k + 1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?", default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    scale = os.environ.get("QT_SCALE_FACTOR", "")
    suffix = f"-{round(float(scale) * 100)}pct" if scale and float(scale) != 1 else ""

    from PySide6.QtCore import QDate

    from ui import worker  # isort: skip
    from ui.app import create_application  # isort: skip
    from ui.main_window import MainWindow  # isort: skip
    from window_assistant.services import open_services

    worker.RUN_SYNC = True  # the figures are there when the picture is taken
    app = create_application(sys.argv[:1])
    args.out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def shoot(widget, name: str) -> None:
        widget.resize(*SIZE)
        widget.show()
        for _ in range(3):
            app.processEvents()
        written.append(args.out / f"supervision-{name}-{SIZE[0]}x{SIZE[1]}{suffix}.png")
        widget.grab().save(str(written[-1]))

    with tempfile.TemporaryDirectory() as tmp:
        services = open_services(Path(tmp) / "shot.db")
        try:
            build(services)
            boss = services.accounts.user("S01")
            window = MainWindow(services, boss)
            window.ratings.check_attention()
            shoot(window, "notice")
            window.ratings.show_board()
            board = window.ratings.board
            board.set_view("all")
            board.table.selectRow(2)
            shoot(board, "board")
            window.ratings.show_list()
            log = window.ratings.dialog
            bar = log.filters
            bar.comment_combo.setCurrentIndex(bar.comment_combo.findData(True))
            bar.from_edit.setDate(QDate.currentDate().addDays(-DAYS))
            shoot(log, "log")
            window.ratings.show_stats()
            stats = window.ratings.stats
            stats.from_edit.setDate(QDate.currentDate().addDays(-DAYS))
            stats.refresh()
            shoot(stats, "figures")
            stats.show_charts()
            shoot(stats, "charts")
            window.close()
        finally:
            services.close()
    for path in written:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
