"""Importers: one module per export format, found by ``registry``."""
