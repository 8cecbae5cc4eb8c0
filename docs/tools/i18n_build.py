"""Refresh the English translation: ``python docs/tools/i18n_build.py``.

1. ``pyside6-lupdate`` collects every ``tr()``/``translate()`` string of ui/ and main.py into
   ``resources/translations/window_assistant_en.ts`` (keeping translations already there);
2. entries still unfinished are filled from ``resources/translations/en.json`` (Chinese source →
   English), the dictionary kept in the repository;
3. ``pyside6-lrelease`` compiles the ``.qm`` that ``ui.i18n`` loads.

Prints how many entries remain untranslated, so a missing dictionary entry is noticed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "window_assistant_en.ts"
QM = TS.with_suffix(".qm")
DICTIONARY = ROOT / "resources" / "translations" / "en.json"


def _tool(name: str) -> str:
    """The Qt tool next to this Python (a virtualenv's bin/) or on PATH."""
    local = Path(sys.executable).parent / name
    found = str(local) if local.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6-Essentials in this environment")
    return found


def sources() -> list[Path]:
    files = sorted((ROOT / "ui").rglob("*.py"))
    main = ROOT / "main.py"
    if main.exists():
        files.append(main)
    return files


def fill_from_dictionary(ts_path: Path, dictionary: dict[str, str]) -> tuple[int, list[str]]:
    """Translate unfinished entries found in ``dictionary``; return (filled, still missing)."""
    tree = ET.parse(ts_path)
    filled, missing = 0, []
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        if translation.get("type") == "obsolete" or translation.get("type") == "vanished":
            continue
        if translation.get("type") != "unfinished" and (translation.text or "").strip():
            continue
        if source in dictionary:
            translation.text = dictionary[source]
            translation.attrib.pop("type", None)
            filled += 1
        else:
            missing.append(source)
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    return filled, missing


def main() -> int:
    TS.parent.mkdir(parents=True, exist_ok=True)
    files = [str(f.relative_to(ROOT)) for f in sources()]
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            "-locations",
            "none",
            "-no-obsolete",
            "-source-language",
            "zh_CN",
            "-target-language",
            "en",
            *files,
            "-ts",
            str(TS.relative_to(ROOT)),
        ],
        cwd=ROOT,
        check=True,
    )
    dictionary = json.loads(DICTIONARY.read_text(encoding="utf-8")) if DICTIONARY.exists() else {}
    filled, missing = fill_from_dictionary(TS, dictionary)
    subprocess.run(
        [_tool("pyside6-lrelease"), str(TS.relative_to(ROOT)), "-qm", str(QM.relative_to(ROOT))],
        cwd=ROOT,
        check=True,
    )
    print(f"filled {filled} from {DICTIONARY.name}; {len(missing)} untranslated")
    for source in missing:
        print("  untranslated:", source.replace("\n", "\\n"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
