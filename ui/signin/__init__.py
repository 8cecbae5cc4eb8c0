"""Before the window: the first-run set-up wizard and the sign-in dialog."""
