"""Dialogs: first-run set-up, sign-in, accounts, settings, catalog import and versions.

Each is a thin view: it collects input, asks the core (``window_assistant``) to check and do
the work, and shows the result. None holds a business rule.
"""

from .accounts_dialog import AccountsDialog
from .import_dialog import ImportDialog
from .login import LoginDialog
from .settings_dialog import SettingsDialog
from .setup_wizard import SetupWizard
from .versions_dialog import VersionsDialog

__all__ = [
    "AccountsDialog",
    "ImportDialog",
    "LoginDialog",
    "SettingsDialog",
    "SetupWizard",
    "VersionsDialog",
]
