"""Builds the core services over one database file and passes them around explicitly.

A database that has never been set up is initialised on first use with the bundled
demonstration catalog and a default centre profile (one window, one clerk), so the CLI and
tests work on a fresh file; the window's first-run set-up then replaces those defaults.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from window_assistant.accounts import INSTALLER, Accounts, User
from window_assistant.audit import AuditLog
from window_assistant.catalog.model import Catalog
from window_assistant.catalog.repository import CatalogRepository
from window_assistant.catalog.search import SearchIndex
from window_assistant.errors import UserError
from window_assistant.paths import BUNDLED_CATALOG, catalog_file, default_db_path
from window_assistant.settings import Settings
from window_assistant.store.database import Store
from window_assistant.vocab import Role

if TYPE_CHECKING:
    from window_assistant.store.backup import RestoreResult
    from window_assistant.workdays import WorkdayCalendar


def bundled_catalog() -> Catalog:
    """The demonstration catalog shipped in ``catalog/``, validated like any import."""
    from window_assistant.catalog.io import (
        read_catalog_text,  # here, not at start-up: it loads openpyxl
    )

    text = catalog_file(BUNDLED_CATALOG).read_text(encoding="utf-8")
    return read_catalog_text(text, source=BUNDLED_CATALOG)


@dataclass
class Services:
    store: Store
    settings: Settings
    accounts: Accounts
    catalog: CatalogRepository
    audit: AuditLog
    _search: SearchIndex | None = field(default=None, repr=False)
    _synonyms: str | None = field(default=None, repr=False)  # as stored when _search was built
    _workdays: WorkdayCalendar | None = field(default=None, repr=False)

    @property
    def search(self) -> SearchIndex:
        """The in-memory search index, built on first use, after each catalog import and when
        a supervisor's synonyms (setting ``search.synonyms``) changed, here or in another
        program on the same file (one indexed read of the stored text per call)."""
        row = self.store.execute(
            "SELECT value FROM settings WHERE key = ?", [Settings.search_synonyms.key]
        ).fetchone()
        synonyms = row[0] if row else None
        if self._search is None or synonyms != self._synonyms:
            self._search = SearchIndex.from_store(self.store)
            self._synonyms = synonyms
        return self._search

    def catalog_changed(self) -> None:
        self._search = None

    @property
    def workdays(self) -> WorkdayCalendar:
        """The working-day calendar (bundled years plus imported ones), loaded on first use."""
        if self._workdays is None:
            from window_assistant.workdays import load_calendar

            self._workdays = load_calendar(self.store)
        return self._workdays

    def holidays_changed(self) -> None:
        self._workdays = None

    def current_window_id(self) -> int:
        window_id = self.settings.current_window
        if self.accounts.window(window_id) is None:
            windows = self.accounts.windows()
            window_id = windows[0].id if windows else 0
        return window_id

    def default_clerk(self) -> User:
        clerks = [u for u in self.accounts.users(Role.CLERK) if u.active]
        return clerks[0]

    def on_default_profile(self) -> bool:
        """Whether nobody has set this installation up: the first-run set-up never ran and no
        account has a PIN or password, so there is nobody to sign in as."""
        return not self.settings.setup_completed and not self.accounts.has_credentials()

    def act_as(
        self,
        login: str | None,
        secret: Callable[[], str],
        fallback: Callable[[], User] | None = None,
    ) -> User:
        """The account a command acts as: ``login``, signed in with the secret ``secret()``
        gives (asked only when needed; a wrong one counts toward the lock-out).

        On the default profile nobody can sign in yet, so scripts and tests on a fresh file
        work without credentials: ``login`` then names the account the audit log records (it
        must exist and be active), and without one the command acts as ``fallback()`` (e.g.
        the default clerk, for registering a case) or else as ``INSTALLER``."""
        if self.on_default_profile():
            if not login:
                return fallback() if fallback else INSTALLER
            user = self.accounts.user(login)
            if user is None or not user.active:
                raise UserError(f"没有在用的账号 {login},请检查工号。")
            return user
        if not login:
            raise UserError(
                "此数据库已启用登录,写入数据须由具名账号操作:请用 --as 指明工号,并提供其密码或 PIN。"
            )
        return self.accounts.authenticate(login, secret())

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Services:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_services(
    db_path: str | Path | None = None,
    *,
    seed: bool = True,
    write_lock: threading.Lock | None = None,
) -> Services:
    """Open (creating if needed) the database and return the services over it; threads of one
    program that each open their own pass the same ``write_lock`` (see ``Store``)."""
    store = Store(db_path or default_db_path(), write_lock=write_lock)
    services = Services(
        store=store,
        settings=Settings(store),
        accounts=Accounts(store),
        catalog=CatalogRepository(store),
        audit=AuditLog(store),
    )
    if seed:
        initialise(services)
    return services


def initialised(services: Services) -> bool:
    """Whether ``initialise`` has nothing to do, found out without the write lock: a command
    that only reads must neither wait for another program's write nor write itself."""
    return (
        services.accounts.has_defaults()
        and bool(services.settings.centre_secret)
        and not (services.store.is_empty() and services.catalog.latest_version() is None)
    )


def initialise(services: Services) -> None:
    """Give a never-set-up database its defaults; idempotent."""
    if initialised(services):
        return
    with services.store.transaction():
        services.accounts.ensure_defaults()
        services.settings.ensure_secret()
        if services.store.is_empty() and services.catalog.latest_version() is None:
            version = services.catalog.replace(
                bundled_catalog(), source=f"内置示例目录 {BUNDLED_CATALOG}", actor="system"
            )
            services.audit.record(
                "system", "catalog.import", source=BUNDLED_CATALOG, version=version.id
            )


def restore_database(
    db_path: str | Path, backup_file: str | Path, login: str | None, secret: Callable[[], str]
) -> RestoreResult:
    """Replace the database at ``db_path`` with a checked backup, as the account ``login``.

    The acting account is signed in on the database being replaced, and must be allowed to
    restore; the restored database records who restored it. A database that is missing or
    damaged has no accounts to ask, so then anyone at the machine may restore (that is what a
    restore over a damaged file is for); any other reason it cannot be opened (busy, a newer
    version) stops the restore. Returns what the restore did (safety copy, cases the restored
    file lacks, serial counters carried forward).
    """
    from window_assistant.permissions import Action
    from window_assistant.store.backup import check_backup, restore
    from window_assistant.store.damage import DamagedDatabase

    db_path = Path(db_path)
    check_backup(backup_file)  # a bad backup is refused before anyone is asked for a secret
    actor = INSTALLER
    if db_path.exists():
        try:
            current = open_services(db_path, seed=False)
        except DamagedDatabase:
            current = None  # damaged: nothing to sign in against
        if current is not None:
            with current:
                actor = current.accounts.authorise(
                    current.act_as(login, secret), Action.RESTORE_BACKUP
                )
    result = restore(db_path, backup_file)
    with open_services(db_path, seed=False) as restored:
        restored.audit.record(
            actor.login,
            "backup.restore",
            source=str(backup_file),
            safety_copy=str(result.safety or ""),
            replaced_damaged=result.damaged,
            missing=result.missing,
            carried=[f"{k} {y}: {old} → {new}" for k, y, old, new in result.carried],
        )
    return result
