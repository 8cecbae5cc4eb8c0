"""The command-line front end (``python -m window_assistant``). A front end: it calls the core's
use cases and is never imported by the core."""
