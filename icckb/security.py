"""The site's Content-Security-Policy: exactly the site's own files and the inline
scripts the build emitted (by their hashes).

Every page carries its own policy in a ``<meta http-equiv>``, so that every host
enforces it, GitHub Pages included; hosts that read a ``_headers`` file (Netlify,
Cloudflare Pages and similar) also get it as a header, with what a ``<meta>`` cannot
carry (``frame-ancestors``) and the other security headers.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)
_HEAD = re.compile(r"<head>\s*")

REFERRER_POLICY = "strict-origin-when-cross-origin"


def script_hashes(html: str) -> set:
    """'sha256-...' sources of the executable inline scripts of a page."""
    found = set()
    for attributes, code in _INLINE_SCRIPT.findall(html):
        if "application/json" in attributes:
            continue  # data, never executed
        digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode()
        found.add(f"'sha256-{digest}'")
    return found


_META_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*?script-src ([^;"]*)')


def inline_script_hashes(site_dir: Path) -> list:
    """The script hashes the built pages' own policies allow (each page's theme scripts)."""
    found = set()
    for page in sorted(site_dir.rglob("*.html")):
        match = _META_POLICY.search(page.read_text(encoding="utf-8"))
        found |= {source for source in (match.group(1).split() if match else ()) if source.startswith("'sha256-")}
    return sorted(found)


def content_security_policy(hashes, header: bool = True) -> str:
    """The policy allowing ``hashes``; ``header=False`` leaves out what a ``<meta>``
    cannot carry."""
    directives = [
        "default-src 'self'",
        "script-src " + " ".join(["'self'", "'wasm-unsafe-eval'", *sorted(hashes)]),
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return "; ".join(directives + (["frame-ancestors 'none'"] if header else []))


def with_policy(html: str, content: str = "") -> str:
    """A built page with its own policy and referrer policy first in ``<head>``, before
    anything a browser could run or fetch. The scripts of ``content`` (the page's body
    as rendered, sanitized and never meant to hold one) stay out of the policy, so one
    that slipped into it would not run."""
    policy = content_security_policy(script_hashes(html.replace(content, "") if content else html), header=False)
    tags = (f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
            f'<meta name="referrer" content="{REFERRER_POLICY}">\n')
    return _HEAD.sub(lambda match: match.group() + tags, html, count=1)


# Folders whose files are named after their content (the theme's bundles, Pagefind's
# index, fragments and filters): a new version has a new name, so browsers keep them.
# Other files get the host's default (revalidated): hosts join the values of a header
# that several matching rules set, so no other rule sets Cache-Control.
IMMUTABLE = ("/assets/javascripts/*", "/assets/stylesheets/*", "/pagefind/index/*", "/pagefind/fragment/*", "/pagefind/filter/*")
CACHE_FOREVER = "public, max-age=31536000, immutable"


def headers_file(site_dir: Path) -> str:
    """A ``_headers`` file (Netlify, Cloudflare Pages and similar static hosts)."""
    return (
        "/*\n"
        f"  Content-Security-Policy: {content_security_policy(inline_script_hashes(site_dir))}\n"
        "  X-Content-Type-Options: nosniff\n"
        f"  Referrer-Policy: {REFERRER_POLICY}\n"
        "  X-Frame-Options: DENY\n"
        "  Permissions-Policy: camera=(), microphone=(), geolocation=()\n"
    ) + "".join(f"{path}\n  Cache-Control: {CACHE_FOREVER}\n" for path in IMMUTABLE)
