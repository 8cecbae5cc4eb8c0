"""好差评: the rating log (append-only, hash-chained per window), the rating page's use cases,
差评 follow-ups, the figures, exports and merges. Empty until the rating issues are built."""
