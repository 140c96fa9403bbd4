"""The only modules that use another package's internals, one per package, each saying
why and the version it was checked against: ``mkdocs`` (MkDocs 1.6), ``i18n``
(mkdocs-static-i18n 1.3), ``material`` (Material for MkDocs 9.x) and ``frame``
(Material's templates on Jinja 3.1). A move to another
engine, or an upgrade that breaks one of them, touches these and the hooks only.
"""
