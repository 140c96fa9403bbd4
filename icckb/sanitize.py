"""One allowlist for every HTML fragment that comes from content.

Record bodies, site pages and translations are rendered from Markdown, then cleaned
here with nh3 (the binding to the Rust ``ammonia`` sanitizer): only the elements,
attributes and URL schemes listed below survive. ammonia parses as a browser does
(html5ever), so entities, mixed case and the whitespace browsers ignore inside a URL
scheme are judged as a browser would judge them. ``clean`` is the guarantee;
``removals`` explains to editors, in ``icckb validate``, what ``clean`` takes out.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from typing import Any

import nh3

# Elements Markdown and its extensions write (tables, admonitions, abbreviations,
# footnotes, definition lists), and a few more that carry only meaning.
TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time",
    "tr", "u", "ul", "var",
})

# Elements removed with everything inside them: their content is code, not text.
DROPPED_WITH_CONTENT = frozenset({
    "script", "style", "template", "iframe", "object", "embed", "noscript", "noembed", "noframes",
    "svg", "math", "textarea", "select", "xmp", "plaintext", "title",
})

ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "hreflang", "rel"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "time": {"datetime"},
}

# Markdown tables align their columns with ``style="text-align: ..."``: nothing else.
STYLE_PROPERTIES = frozenset({"text-align"})

SCHEMES = frozenset({"http", "https", "mailto"})
URL_ATTRIBUTES = frozenset({"href", "src"})

# Ids and classes stay plain names, so content cannot impersonate the page's own
# globals or script hooks (DOM clobbering): the theme's start with "__" or hold "$".
_NAME = re.compile(r"^(?!__)[A-Za-z0-9_][A-Za-z0-9_:.-]*$")
_CLEANER_OPTIONS: dict[str, Any] = dict(
    tags=set(TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    url_schemes=set(SCHEMES),
    filter_style_properties=set(STYLE_PROPERTIES),
    link_rel=None,
    strip_comments=True,
)


def _filter(tag: str, attribute: str, value: str):
    if attribute == "id" and not _NAME.match(value):
        return None
    if attribute == "class":
        kept = " ".join(name for name in value.split() if _NAME.match(name))
        return kept or None
    return value


_cleaner = nh3.Cleaner(attribute_filter=_filter, **_CLEANER_OPTIONS)


def clean(html: str) -> str:
    """``html`` with everything outside the allowlist removed."""
    return _cleaner.clean(html)


_text_only = nh3.Cleaner(tags=set(), clean_content_tags=set(DROPPED_WITH_CONTENT), attributes={}, strip_comments=True)


def text_of(html: str) -> str:
    """The text of a fragment, without any element (entities stay encoded)."""
    return _text_only.clean(html)


# -- what clean removes, in words --------------------------------------------------

# Characters browsers drop from a URL before reading its scheme: leading and trailing
# C0 controls and spaces, and tabs and newlines anywhere (WHATWG URL standard).
_URL_EDGES = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")
_URL_INSIDE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def url_scheme(value: str) -> str | None:
    """The scheme a browser reads in an (entity-decoded) URL, lower case; None if relative."""
    match = _SCHEME.match(_URL_INSIDE.sub("", _URL_EDGES.sub("", value)))
    return match.group(1).lower() if match else None


class _Inventory(HTMLParser):
    """Every element and attribute of a fragment, as (tag, attribute, value) triples
    (attribute None for the element itself), attribute values entity-decoded, styles
    compacted; nothing inside an element that ``clean`` drops with its content."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items = []
        self.dropped = 0  # depth inside elements removed with their content

    def handle_starttag(self, tag, attrs):
        if not self.dropped:
            self.items.append((tag, None, None))
            self.items += [(tag, name, _compact(name, value or "")) for name, value in attrs]
        if tag in DROPPED_WITH_CONTENT:
            self.dropped += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in DROPPED_WITH_CONTENT:
            self.dropped -= 1

    def handle_endtag(self, tag):
        if tag in DROPPED_WITH_CONTENT and self.dropped:
            self.dropped -= 1


def _compact(name: str, value: str) -> str:
    return re.sub(r"\s+", "", value).rstrip(";").lower() if name == "style" else value


def _inventory(html: str) -> list:
    parser = _Inventory()
    parser.feed(html)
    parser.close()
    return parser.items


# Elements a browser knows beyond the allowlist (HTML, SVG and MathML), so that the
# permissive pass below keeps them wherever the parser puts them.
_KNOWN = frozenset("""
address applet area article aside audio base basefont bdi bdo bgsound big blink body button canvas
center command content data datalist dialog dir element embed fieldset font footer form frame
frameset head header hgroup html image input isindex keygen label legend link listing main map
marquee menu menuitem meta meter multicol nav nextid nobr noembed noframes noscript object optgroup
option output param picture plaintext portal progress rb rp rt rtc ruby search section select
shadow slot source spacer strike template textarea title track tt video wbr xmp
animate animatemotion animatetransform circle clippath defs desc ellipse feimage filter
foreignobject g handler line lineargradient listener marker mask metadata mpath path pattern
polygon polyline radialgradient rect set stop switch symbol text textpath tspan use view
annotation annotation-xml maction maligngroup malignmark menclose merror mfenced mfrac mglyph mi
mlabeledtr mlongdiv mmultiscripts mn mo mover mpadded mphantom mprescripts mroot mrow ms mscarries
mscarry msgroup msline mspace msqrt msrow mstack mstyle msub msubsup msup mtable mtd mtext mtr
munder munderover none semantics
""".split()) | TAGS | DROPPED_WITH_CONTENT
_KNOWN_SCHEMES = frozenset("""
javascript vbscript livescript mocha data blob file filesystem ftp about view-source ws wss tel sms
feed intent chrome jar res ms-its mhtml
""".split()) | SCHEMES


def _keep_all(html: str) -> nh3.Cleaner:
    """A cleaner that keeps everything but comments: what ``clean`` gets to judge,
    parsed the way ``clean`` parses it (so parser tricks show in both)."""
    seen = _inventory(html)
    tags = _KNOWN | {tag for tag, attribute, _ in seen if attribute is None}
    schemes = set(_KNOWN_SCHEMES) | {s for s in (url_scheme(v) for _, a, v in seen if a in URL_ATTRIBUTES) if s}
    return nh3.Cleaner(tags=set(tags), clean_content_tags=set(), attributes={"*": set()}, generic_attribute_prefixes={""},
                       url_schemes=schemes, link_rel=None, strip_comments=True)


def removals(html: str) -> list:
    """(what was written, message) for each element or attribute of ``html`` that
    ``clean`` removes, in document order. ``what`` is the text to look for in the source."""
    kept = _inventory(clean(html))
    # Elements a browser's parser drops on its own in a fragment (<frameset>, <html>)
    # are gone from both passes below: name them from the text as written.
    found = [_element_removal(tag) for tag, attribute, _ in _inventory(html) if attribute is None and tag not in TAGS]
    for tag, attribute, value in _inventory(_keep_all(html).clean(html)):
        item = (tag, attribute, value)
        if item in kept:
            kept.remove(item)
        elif attribute is None:
            found.append(_element_removal(tag))
        elif tag not in DROPPED_WITH_CONTENT:  # else the element's own message says it all
            found.append(_attribute_removal(tag, attribute, value))
    return list(dict.fromkeys(item for item in found if item))


def _element_removal(tag: str):
    if tag in DROPPED_WITH_CONTENT:
        return f"<{tag}", f"the HTML element <{tag}> is not allowed; it is removed with its content (remove it)"
    if tag in TAGS:
        return None  # kept; an attribute of it was removed
    return f"<{tag}", f"the HTML element <{tag}> is not allowed; only its text is kept (remove the tag, or use Markdown)"


SCHEME_MESSAGE = "'{0}:' addresses are not allowed in links and images (link to an https:// address instead)"

# What the submission form checks in the browser, which cannot run the sanitizer: its
# sections are plain text, so any tag, and any link that is not a web address, is
# refused there with the validator's words (the validator still checks the file).
FORM_CHECKS = (
    (r"<\s*/?\s*([a-zA-Z!][^\s>/]*)", "the HTML element <{0}> is not allowed; write the section as plain text (remove the tag)"),
    (r"\]\(\s*<?\s*(?!https?:|mailto:|#|/|\.)([a-zA-Z][a-zA-Z0-9+.\-]*)\s*:", SCHEME_MESSAGE),
)


def _attribute_removal(tag: str, attribute: str, value: str):
    if attribute.startswith("on"):
        return attribute, f"HTML event attributes ({attribute}=) are not allowed (remove the attribute)"
    if attribute in URL_ATTRIBUTES and attribute in ATTRIBUTES.get(tag, ()):
        scheme = url_scheme(value)
        if scheme and scheme not in SCHEMES:
            return value.strip()[:20], SCHEME_MESSAGE.format(scheme)
    if attribute == "style":
        return attribute, "inline styles (style=) are not allowed, but for text-align in tables (the site's own styles apply)"
    if attribute in ("id", "class"):
        return value, f'the {attribute} "{value[:40]}" is not a plain name (use letters, digits and hyphens)'
    return attribute, f"the attribute {attribute}= is not allowed on <{tag}> (remove it)"


# -- in a Markdown body -------------------------------------------------------------

# Without one of these, Markdown writes no element or address a reader did not see as
# text: raw HTML, entities, links and images, attribute lists ({: ...}).
_SUSPECT = re.compile(r"[<&{]|\]\s*[(:\[]")


def body_problems(body: str, render) -> list:
    """(line offset, message) for what ``clean`` would remove from a Markdown body once
    ``render`` (the site's Markdown) has made it HTML. The line is the first that holds
    what was written, else the body's first line."""
    if not _SUSPECT.search(body):
        return []
    found = removals(render(body))
    lines = body.split("\n")
    return [(_line_of(lines, what), message) for what, message in found]


def _line_of(lines: list, what: str) -> int:
    wanted = what.lower()
    for offset, line in enumerate(lines):
        if wanted in line.lower():
            return offset
    # An address written with entities or hidden characters: compare without them.
    wanted = _INVISIBLE.sub("", wanted)
    for offset, line in enumerate(lines):
        if wanted and wanted in _INVISIBLE.sub("", unescape(line)).lower():
            return offset
    return 0


_INVISIBLE = re.compile(r"[\x00-\x20]")
