"""窗口助手 desktop entry point: ``python main.py [--db PATH] [--lang zh_CN|en]``.

Opens the installation database, runs the first-run set-up if it has not been done, asks the
clerk to sign in and shows the clerk's screen. Dialogs are imported only when they are shown.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

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
    app, services = start(args)
    if services is None:
        return 2
    from PySide6.QtWidgets import QDialog

    from ui.errors import ErrorReporter

    sys.excepthook = ErrorReporter(services.store.path.parent / "errors.log")
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
