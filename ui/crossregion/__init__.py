"""跨域通办: the list of cross-region items and their partner agreements."""
