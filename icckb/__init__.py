"""ICC Knowledge Base: records, validation and cross-index for the Intercultural Cities site.

The modules here are plain Python: they know nothing of MkDocs, so the build hooks,
the ``icckb`` command and the tests all share one implementation.
"""
