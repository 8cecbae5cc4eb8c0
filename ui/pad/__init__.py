"""The counter's pad in the clerk's window: the second-screen pad, 邀请评价, the scanner, pairing."""
