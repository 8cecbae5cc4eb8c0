"""The clerk's start of the day as child programs for ``bench_startup.py``: start the program,
sign in at the sign-in dialog, type a query into the search box, read the first results.

Both sides run the same simulated clerk (``CLERK``, pasted into each child): it watches the
whole application through an event filter and types through the event queue, as a keyboard and
an input method do, so a GUI thread that is busy makes the keys wait and the waits are measured.

- When the sign-in dialog first paints, the first character of the login is posted to its first
  field; **ready for input** is the moment that character shows in the field.
- The rest of the login and the PIN follow at ``KEY_MS`` intervals (a brisk clerk: 150 ms a key;
  0 posts them all at once), then Enter. Every key's wait (posted → shown) is noted.
- **Sign-in** is the moment Enter is posted. When a main window shows, the query is posted to
  the widget it focuses, as one input-method commit (the way a Chinese query arrives), and
  **first result** is the first paint of a results view after its text is the query.

The child prints one ``TIMES`` line (time.time() values) and quits.
"""

from __future__ import annotations

CLERK = r'''
def attach_clerk(app):
    """The simulated clerk on ``app`` (Qt imported here: our start-up order stays as it is)."""
    import threading, time
    from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
    from PySide6.QtGui import QInputMethodEvent, QKeyEvent
    from PySide6.QtWidgets import QAbstractItemView, QDialog, QLineEdit, QMainWindow

    _PAINT = QEvent.Type.Paint


    def _commit(text):
        event = QInputMethodEvent()
        event.setCommitString(text)
        return event


    class Clerk(QObject):
        """Signs in with LOGIN and SECRET at KEY_MS a key, then types QUERY (clerk_flow.py).

        It follows the focus (``focusChanged``) and watches only the sign-in dialog and the
        result views: an application-wide event filter would have every object of the program
        wrapped for Python, a cost the program does not have on its own."""

        def __init__(self, app):
            super().__init__()
            self.app = app
            self.dialog = None
            self.fields = []
            self.posted = []  # (time posted, field index, expected length)
            self.waits = []
            self.t_paint = self.t_ready = self.t_enter = self.t_result = None
            self.box = self.window = None
            self.typed = False
            self.views = []
            app.focusChanged.connect(self._focus)

        def _focus(self, _old, new):
            if new is None:
                return
            top = new.window()
            if self.dialog is None and isinstance(top, QDialog):
                self.dialog = top
                top.installEventFilter(self)
            elif self.t_enter is not None and self.box is None and isinstance(top, QMainWindow):
                self.box, self.window = new, top
                self.views = [v for v in top.findChildren(QAbstractItemView) if v.isVisible()]
                for view in self.views:
                    view.viewport().installEventFilter(self)
                top.installEventFilter(self)  # the query is typed once the window is seen

        def eventFilter(self, watched, event):
            if event.type() == _PAINT:
                if watched is self.dialog and self.t_paint is None:
                    self._dialog_painted(watched)
                elif watched is self.window and not self.typed:
                    self.typed = True
                    QCoreApplication.postEvent(self.box, _commit(QUERY))
                elif self.box is not None and self.t_result is None and self._is_result(watched):
                    self.t_result = time.time()
                    view = watched.parent()
                    first = view.model().index(0, 0).data()
                    print(f"TIMES {self.t_ready} {self.t_enter} {self.t_result} "
                          f"{self.t_paint} "
                          f"{max(self.waits)} rows={view.model().rowCount()} first={first}",
                          flush=True)
                    QTimer.singleShot(0, self.app.quit)
            return False

        def _is_result(self, watched):
            view = watched.parent()
            return (isinstance(view, QAbstractItemView) and watched is view.viewport()
                    and self.box.text() == QUERY and view.model() is not None
                    and view.model().rowCount() > 0)

        def _dialog_painted(self, dialog):
            self.dialog = dialog
            self.t_paint = time.time()
            self.fields = [f for f in dialog.findChildren(QLineEdit) if f.isVisible()][:2]
            for index, field in enumerate(self.fields):
                field.textChanged.connect(lambda text, i=index: self._shown(i, text))
            typed = self.fields[0].text() == LOGIN  # this PC remembers the clerk's 工号
            keys = ([] if typed else [(0, c) for c in LOGIN]) + [(1, c) for c in SECRET]
            threading.Thread(target=self._type, args=(keys,), daemon=True).start()

        def _type(self, keys):
            """Post each key at its time, as a keyboard would, whatever the GUI thread is doing."""
            lengths = [0, 0]
            for n, (index, char) in enumerate(keys):
                time.sleep(max(0.0, self.t_paint + n * KEY_MS / 1000 - time.time()))
                lengths[index] += 1
                self.posted.append((time.time(), index, lengths[index]))
                QCoreApplication.postEvent(self.fields[index], _commit(char))
            time.sleep(max(0.0, self.t_paint + len(keys) * KEY_MS / 1000 - time.time()))
            from PySide6.QtCore import Qt
            enter = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
            self.t_enter = time.time()
            QCoreApplication.postEvent(self.fields[1], enter)

        def _shown(self, index, text):
            now = time.time()
            for posted, field, length in self.posted:
                if field == index and length == len(text):
                    self.waits.append(now - posted)
                    if self.t_ready is None:
                        self.t_ready = now
                    break
    return Clerk(app)
'''

# A minimal PySide6 program doing the same: a sign-in dialog with two fields, then a window
# with a search box and a table filled by a substring scan over the same catalog JSON.
MINIMAL = r"""
import json, sys
from PySide6.QtWidgets import (QApplication, QDialog, QFormLayout, QLineEdit, QMainWindow,
    QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)
app = QApplication(sys.argv[:1])
clerk = attach_clerk(app)
dialog = QDialog()
dialog.setWindowTitle("登录")
form = QFormLayout(dialog)
login, secret = QLineEdit(), QLineEdit()
secret.setEchoMode(QLineEdit.EchoMode.Password)
form.addRow("工号", login)
form.addRow("密码", secret)
button = QPushButton("登录")
button.setDefault(True)
button.clicked.connect(dialog.accept)
form.addRow(button)
login.setFocus()
if not dialog.exec():
    sys.exit(1)
window = QMainWindow()
central = QWidget()
layout = QVBoxLayout(central)
box, table = QLineEdit(), QTableWidget(0, 2)
layout.addWidget(box)
layout.addWidget(table)
window.setCentralWidget(central)
with open(CATALOG, encoding="utf-8") as f:
    items = json.load(f)["items"]

def search(text):
    hits = [item for item in items if text in item["name"] or text in str(item["keywords"])]
    table.setRowCount(len(hits))
    for row, item in enumerate(hits):
        table.setItem(row, 0, QTableWidgetItem(item["name"]))
        table.setItem(row, 1, QTableWidgetItem(item["department"]))

box.textChanged.connect(search)
box.setFocus()
window.resize(1366, 768)
window.show()
app.exec()
"""

# 窗口助手 as the clerk starts it (``main.run`` on a set-up database), the clerk attached to the
# application as soon as it exists.
OURS = r"""
import sys
sys.path.insert(0, ROOT)
import main
import ui.app

def create_application(argv, _create=ui.app.create_application):
    app = _create(argv)
    app.clerk = attach_clerk(app)
    return app

ui.app.create_application = create_application
main.run(main.parse_args(["--db", DB]))
"""
