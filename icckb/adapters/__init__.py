"""The only modules that use another package's internals, one per package, each saying
why and the version it was checked against: ``mkdocs`` (MkDocs 1.6), ``i18n``
(mkdocs-static-i18n 1.3) and ``material`` (Material for MkDocs 9.x). A move to another
engine, or an upgrade that breaks one of them, touches these and the hooks only.
"""
