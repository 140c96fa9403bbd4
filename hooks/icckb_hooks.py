"""MkDocs adapter for the knowledge base: thin glue around ``icckb.build``.

All state lives on the build's config object, so it is shared by the i18n plugin's
per-language passes and gone at the next build (``mkdocs serve`` reloads the config).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from icckb import build

log = get_plugin_logger("icckb")


def on_config(config):
    # Load, validate and stage once per build; later language passes reuse it.
    if getattr(config, "icckb_site", None) is None:
        try:
            site = build.prepare(Path(config.config_file_path))
        except build.BuildError as error:
            raise PluginError(f"the knowledge base has problems:\n{error}") from None
        config.icckb_site = site
        config.docs_dir = str(site.staging)
        log.info(f"{site.corpus.checked} files checked, no problems found")
    return config


def on_page_markdown(markdown, page, config, files):
    # Put the heading and facts box above a record's body, its resources below.
    parts = build.page_parts(config.icckb_site, page.file.src_uri, _language(config))
    if parts is None:
        return markdown
    before, after = parts
    return f"{before}\n\n{markdown}\n\n{after}\n"


def _language(config) -> str:
    i18n = config.plugins.get("i18n")
    return (i18n.current_language if i18n else None) or "en"
