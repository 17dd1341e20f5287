"""The case store: encryption, the case database, blobs and the custody ledger."""
