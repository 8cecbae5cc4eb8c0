"""窗口助手 desktop entry point: ``python main.py [--db PATH] [--lang zh_CN|en]``.

Opens the installation database, runs the first-run set-up if it has not been done, asks the
clerk to sign in and shows the clerk's screen. Dialogs are imported only when they are shown.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from ui.main_window import MainWindow
    from window_assistant.services import Services

LANGUAGES = ("zh_CN", "en")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="window-assistant-gui", description="窗口助手")
    parser.add_argument("--db", help="数据库文件路径(默认在用户数据目录下)")
    parser.add_argument("--lang", choices=LANGUAGES, help="界面语言(默认取设置中的语言)")
    return parser.parse_args(argv)


def start(args: argparse.Namespace) -> tuple[QApplication, Services | None]:
    """The application and the open services (None after telling the user why not).

    The core is imported before PySide6 on purpose: once PySide6 is loaded, its import hook
    reads the source of every module imported after it, which costs ~25 ms of start-up.
    """
    from window_assistant.errors import UserError
    from window_assistant.services import open_services
    from window_assistant.store.damage import DamagedDatabase

    # isort: split
    from ui.app import create_application, warn_if_no_cjk_font
    from ui.i18n import install_translator

    app = create_application(sys.argv[:1])
    try:
        try:
            services = open_services(args.db)
        except DamagedDatabase as exc:
            # Before anything else: the newest good backup, or quitting.
            from ui.signin.damaged import recover

            if not recover(exc):
                return app, None
            services = open_services(args.db)
        if services.store.newer_version:  # the window writes from its first minute (sign-in)
            services.close()
            services.store.refuse_if_newer()
    except UserError as exc:
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, QCoreApplication.translate("app", "无法启动"), str(exc))
        return app, None
    install_translator(app, args.lang or services.settings.language)
    warn_if_no_cjk_font()
    return app, services


def run(args: argparse.Namespace) -> int:
    from window_assistant.store.peek import sign_in_facts

    if args.db:
        db_path = Path(args.db)
    else:
        from window_assistant.paths import default_db_path

        db_path = default_db_path()
    report_errors_to(db_path.parent / "errors.log")
    facts = sign_in_facts(db_path)
    if facts is None:  # not set up, or something to say first: the database opened first
        return _run_opened(args)
    # isort: split
    from ui.app import create_application, warn_if_no_cjk_font
    from ui.i18n import install_translator

    app = create_application(sys.argv[:1])
    install_translator(app, args.lang or facts.language)
    warn_if_no_cjk_font()
    from PySide6.QtWidgets import QDialog

    from ui.signin.login import LoginDialog
    from ui.signin.prepare import Preparation, PreparationFailed

    preparation = Preparation(db_path, app)
    login = LoginDialog(None, facts=facts, preparation=preparation)
    preparation.failed.connect(lambda _exc: login.reject())
    preparation.start_after_paint(login)
    signed_in = login.exec() == QDialog.DialogCode.Accepted and login.user is not None
    try:
        window = preparation.window_for(login.user) if signed_in and login.user else None
    except PreparationFailed:
        window = None
    services = preparation.opened()
    if preparation.failure is not None:
        if services is not None:
            services.close()
        return _run_opened(args)  # opened again, and what is wrong said, as without facts
    if window is None or services is None:
        if services is not None:
            services.close()
        return 0
    return _show(app, services, window)


def _run_opened(args: argparse.Namespace) -> int:
    """The database opened (and what is wrong with it said) before anything is shown; then
    the first-run set-up if it was never done, and the sign-in."""
    app, services = start(args)
    if services is None:
        return 2
    from PySide6.QtWidgets import QDialog

    try:
        if not services.settings.setup_completed:
            from ui.signin.recovery import RecoveryCodeDialog
            from ui.signin.setup_wizard import SetupWizard

            wizard = SetupWizard(services)
            if wizard.exec() != QDialog.DialogCode.Accepted:
                return 0
            RecoveryCodeDialog(wizard.recovery_code).exec()  # shown once, to be written down
        from ui.signin.login import LoginDialog

        login = LoginDialog(services)
        if login.exec() != QDialog.DialogCode.Accepted or login.user is None:
            return 0
        from ui.main_window import MainWindow

        window = MainWindow(services, login.user)
    except BaseException:
        services.close()
        raise
    return _show(app, services, window)


def report_errors_to(log: Path) -> None:
    """A fault of ours from here on is logged to ``log`` and said in Chinese (``ui.errors``),
    which is loaded when the first one happens."""
    reporter = None

    def hook(*exc_info: Any) -> None:
        nonlocal reporter
        if reporter is None:
            from ui.errors import ErrorReporter

            reporter = ErrorReporter(log)
        reporter(*exc_info)

    sys.excepthook = hook


def _show(app: QApplication, services: Services, window: MainWindow) -> int:
    """The clerk's window, until it is closed; the services are closed then."""
    try:
        window.show()
        # The sign-in dialog had the focus: without this the window may open inactive (some
        # window managers, none at all) and its shortcuts (F2, Ctrl+L …) would not fire.
        window.raise_()
        window.activateWindow()
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, lambda: daily_backup(services, window))
        return app.exec()
    finally:
        services.close()


def daily_backup(services: Services, parent: QWidget | None = None) -> None:
    """Today's automatic backup, once the window is up; a failure is shown, never fatal."""
    from window_assistant.errors import UserError
    from window_assistant.store.backup import daily_backup as make_backup

    from PySide6.QtCore import QCoreApplication  # isort: skip
    from PySide6.QtWidgets import QMessageBox  # isort: skip

    try:
        made = make_backup(services.store, keep=services.settings.backup_keep)
    except UserError as exc:
        QMessageBox.warning(parent, QCoreApplication.translate("app", "自动备份失败"), str(exc))
        return
    if made is not None:
        services.audit.record("system", "backup.daily", path=str(made))


def main(argv: Sequence[str] | None = None) -> int:
    return run(parse_args(sys.argv[1:] if argv is None else argv))


if __name__ == "__main__":
    sys.exit(main())
