"""窗口助手 desktop entry point: ``python main.py [--db PATH] [--lang zh_CN|en]``.

Opens the installation database, runs the first-run set-up if it has not been done, asks the
clerk to sign in and shows the clerk's screen. Dialogs are imported only when they are shown.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

LANGUAGES = ("zh_CN", "en")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="window-assistant-gui", description="窗口助手")
    parser.add_argument("--db", help="数据库文件路径(默认在用户数据目录下)")
    parser.add_argument("--lang", choices=LANGUAGES, help="界面语言(默认取设置中的语言)")
    return parser.parse_args(argv)


def run(args: argparse.Namespace, qt_argv: Sequence[str] | None = None) -> int:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QDialog, QMessageBox

    from ui.app import create_application, warn_if_no_cjk_font
    from window_assistant.errors import UserError
    from window_assistant.services import open_services

    app = create_application(qt_argv if qt_argv is not None else sys.argv[:1])
    try:
        services = open_services(args.db)
    except UserError as exc:
        QMessageBox.critical(None, QCoreApplication.translate("app", "无法启动"), str(exc))
        return 2
    try:
        from ui.i18n import install_translator

        install_translator(app, args.lang or services.settings.get("ui.language"))
        warn_if_no_cjk_font()

        if not services.settings.get("setup.completed"):
            from ui.dialogs.setup_wizard import SetupWizard

            if SetupWizard(services).exec() != QDialog.DialogCode.Accepted:
                return 0
        from ui.dialogs.login import LoginDialog

        login = LoginDialog(services)
        if login.exec() != QDialog.DialogCode.Accepted or login.user is None:
            return 0

        from ui.main_window import MainWindow

        window = MainWindow(services, login.user)
        window.show()
        return app.exec()
    finally:
        services.close()


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
