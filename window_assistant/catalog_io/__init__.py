"""Catalog import and export: the xlsx template, JSON and CSV folders.

Every reader validates the whole file first and reports all problems at once in a
``CatalogFormatError`` naming sheet, row and column; nothing is half-imported. Every writer
produces what the matching reader turns back into the same ``Catalog``.
"""

from __future__ import annotations

from ..models import Catalog
from .errors import CatalogFormatError, CellError
from .jsonfmt import catalog_from_json, catalog_to_json

__all__ = ["CatalogFormatError", "CellError", "read_catalog_text", "catalog_to_json"]


def read_catalog_text(text: str, source: str) -> Catalog:
    """A catalog from JSON text (the bundled catalog, a pasted export); ``source`` names it in errors."""
    return catalog_from_json(text, source)
