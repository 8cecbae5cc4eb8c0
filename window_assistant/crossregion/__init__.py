"""跨域通办: the cross-region list, partner agreements and the cross-region ledger.
Empty until the ledger issue is built."""
