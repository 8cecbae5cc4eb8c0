"""The Qt renderer of the papers: the PDF writer (``pdf``: QtGui only, the plug-in the core finds
through the ``window_assistant.sheet_writers`` entry point), the print preview (``preview``:
QtPrintSupport and widgets), fonts, and the PDF text-map fix."""
