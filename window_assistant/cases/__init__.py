"""Cases (办件): registration, serial numbers, applicant IDs, rating tokens.

Next here: the lifecycle steps of a case (收件 … 完结) and its ledger.
"""
