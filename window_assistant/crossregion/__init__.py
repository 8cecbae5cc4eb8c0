"""跨域通办: the cross-region list (the catalog's cross-region items with their partner
agreements: ``model``, ``io``, ``diff``, ``service``), its public list (``publish``); the
cross-region case flows (the ledger) come with the case lifecycle and read the agreements' step
limits through ``service.limit_for``."""
