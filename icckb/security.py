"""Security headers for static hosts: a Content-Security-Policy that allows exactly the
site's own files and the inline scripts the build emitted (by their hashes)."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)


def inline_script_hashes(site_dir: Path) -> list:
    """'sha256-...' sources of every executable inline script in the built pages."""
    found = set()
    for page in sorted(site_dir.rglob("*.html")):
        for attributes, code in _INLINE_SCRIPT.findall(page.read_bytes()):  # bytes: the hash is of the UTF-8 text
            if b"application/json" in attributes:
                continue  # data, never executed
            digest = base64.b64encode(hashlib.sha256(code).digest()).decode()
            found.add(f"'sha256-{digest}'")
    return sorted(found)


def content_security_policy(site_dir: Path) -> str:
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *inline_script_hashes(site_dir)])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def headers_file(site_dir: Path) -> str:
    """A ``_headers`` file (Netlify, Cloudflare Pages and similar static hosts)."""
    return (
        "/*\n"
        f"  Content-Security-Policy: {content_security_policy(site_dir)}\n"
        "  X-Content-Type-Options: nosniff\n"
        "  Referrer-Policy: strict-origin-when-cross-origin\n"
        "  X-Frame-Options: DENY\n"
        "  Permissions-Policy: camera=(), microphone=(), geolocation=()\n"
    )
