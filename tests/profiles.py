"""The centre profile the first-run set-up tests enter, and the ``set_up`` fixture uses."""

from __future__ import annotations

from window_assistant.setup import SetupData

# Supervisor S01 (password ``correct horse``) and clerk 1003 (PIN 2580) at window 3.
SET_UP = SetupData(
    centre_name="鞍山市铁西区政务服务中心",
    centre_abbrev="铁西政服",
    centre_address="鞍山市铁西区人民路 100 号",
    centre_phone="0412-8888123",
    centre_complaint_phone="12345",
    window_number="3",
    window_name="3号综合窗口",
    supervisor_login="S01",
    supervisor_name="王主任",
    supervisor_password="correct horse",
    clerk_login="1003",
    clerk_name="李明",
    clerk_pin="2580",
)
