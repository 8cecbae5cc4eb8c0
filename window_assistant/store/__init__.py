"""Storage: the SQLite connection and its transactions, numbered migrations, backup and restore.

Next here: the hash chain that makes the rating log tamper-evident.
"""
