"""The window's side of 好差评: its rating server, the news of new ratings, and 评价记录."""
