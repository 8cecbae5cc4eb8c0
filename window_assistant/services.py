"""Builds the core services over one database file and passes them around explicitly.

A database that has never been set up is initialised on first use with the bundled
demonstration catalog and a default centre profile (one window, one clerk), so the CLI and
tests work on a fresh file; the window's first-run set-up then replaces those defaults.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from window_assistant.accounts import Accounts, User
from window_assistant.audit import AuditLog
from window_assistant.catalog.model import Catalog
from window_assistant.catalog.repository import CatalogRepository
from window_assistant.catalog.search import SearchIndex
from window_assistant.paths import BUNDLED_CATALOG, catalog_file, default_db_path
from window_assistant.settings import Settings
from window_assistant.store.database import Store

if TYPE_CHECKING:
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
    _workdays: WorkdayCalendar | None = field(default=None, repr=False)

    @property
    def search(self) -> SearchIndex:
        """The in-memory search index, built on first use and after each catalog import."""
        if self._search is None:
            self._search = SearchIndex.from_store(self.store)
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
        window_id = int(self.settings.get("window.current"))
        if self.accounts.window(window_id) is None:
            windows = self.accounts.windows()
            window_id = windows[0].id if windows else 0
        return window_id

    def default_clerk(self) -> User:
        clerks = [u for u in self.accounts.users("clerk") if u.active]
        return clerks[0]

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Services:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_services(db_path: str | Path | None = None, *, seed: bool = True) -> Services:
    """Open (creating if needed) the database and return the services over it."""
    store = Store(db_path or default_db_path())
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


def initialise(services: Services) -> None:
    """Give a never-set-up database its defaults; idempotent."""
    with services.store.transaction():
        services.accounts.ensure_defaults()
        if not services.settings.get("centre.secret"):
            import secrets

            services.settings.set("centre.secret", secrets.token_hex(32))
        if services.store.is_empty() and services.catalog.latest_version() is None:
            version = services.catalog.replace(
                bundled_catalog(), source=f"内置示例目录 {BUNDLED_CATALOG}", actor="system"
            )
            services.audit.record(
                "system", "catalog.import", source=BUNDLED_CATALOG, version=version.id
            )
