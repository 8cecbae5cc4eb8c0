"""The papers a window signs, each first built as plain data (``model``, ``build``), worded
(``wording``, ``content``) and then written: ``docx`` here; PDF and print preview by the Qt
renderer in ``ui.render``, plugged in from the top (see ``writers``)."""
