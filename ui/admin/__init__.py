"""The supervisor's screens: accounts, settings, catalog import and versions."""
