"""The colours Qt needs as values (a model's ``ForegroundRole``, an item's brush), named by what
they mean. Everything a style sheet can colour is in ``resources/style.qss`` (widgets) or
``resources/guide.css`` (the 办事指南); this is the only other place a colour is written, so the
screens stay one scheme (a test keeps hex colours out of the rest of ``ui``).

The values match the style sheet's: an error here is the red of an error line there.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

ERROR = QColor("#b3261e")  # what is wrong or missing (缺); the style sheet's error red
WARNING = QColor("#b35c00")  # allowed for now, due later (容缺后补)
SHARED = QColor("#2e6b9e")  # nobody brings it: shared as an electronic licence (免提交)
DONE = QColor("#2e7d32")  # handed in (已提交)
MUTED = QColor("#5f6368")  # secondary text: not tracked, not tickable
INACTIVE = QColor("#8a8a8a")  # a disabled account
BUNDLE_TAG = QColor("#9a4a00")  # the tags of a 一件事 in the results
ITEM_TAG = QColor("#2f6b9a")  # the tags of an item in the results
BAD_RATING = QColor("#b3261e")  # a 差评 in 评价记录 (不满意, 非常不满意)
OVERDUE = QColor("#b3261e")  # a 差评 follow-up past a deadline with its step not taken (台账)
