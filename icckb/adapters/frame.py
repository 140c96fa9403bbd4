"""Material's frame rendered once for each place it can differ (checked against
Material 9.8 on Jinja 3.1).

The theme renders its navigation, tabs, logo and palette switch for every page, though
within one language they differ only by their relative links and by which items are
active: a fifth of the build's time at 3,000 practices in 11 languages. And each of its
words (``lang.t(key)``) builds the language's whole dictionary to look one key up.

``install(env)`` puts a loader in front of the theme's: the theme's includes of those
partials then render each one once per (links, active items) and reuse the result,
and its words are looked up once per key. The output is the theme's own, byte for
byte: the partials are rendered by the theme's templates (served under ``ORIGINAL``),
and a page the navigation itself lists (whose entry holds its table of contents) is
always rendered afresh. The environment is made anew for every build and language pass,
so the renders it keeps never outlive them.
"""

from __future__ import annotations

import jinja2

ORIGINAL = "icckb-original/"
# Partials that depend on the page only through the links and active items of the
# navigation (and the logo's link, where the logo is an image).
BY_PLACE = ("partials/nav.html", "partials/tabs.html", "partials/logo.html")
# Partials that are the same on every page of a pass.
CONSTANT = ("partials/palette.html",)
WORDS = "partials/language.html"
_WORDS_SOURCE = "{% macro t(key) %}{{ icckb_word(key) }}{% endmacro %}"


def install(env: jinja2.Environment) -> None:
    """Serve the partials above through the renders kept for this environment."""
    theme = env.loader
    if theme is None:
        raise RuntimeError("the theme's environment has no template loader")
    kept: dict[tuple, str] = {}
    last: list = [None, None]  # the page whose place was worked out last, and its place

    def place_of(context) -> tuple | None:
        # Worked out once per page: its navigation, tabs and logo all ask.
        if last[0] is not context.get("page"):
            last[:] = [context.get("page"), _place(context)]
        return last[1]

    def source(name: str):
        if name.startswith(ORIGINAL):
            return theme.get_source(env, name[len(ORIGINAL):])
        if name in BY_PLACE or name in CONSTANT:
            return "{{ icckb_frame(" + repr(name) + ") }}"
        return _WORDS_SOURCE if name == WORDS else None

    @jinja2.pass_context
    def frame(context, name: str) -> str:
        # One render per partial and place; a page listed in the navigation gets its own.
        place = () if name in CONSTANT else place_of(context)
        if place is None:
            return _render(env, name, context)
        key = (name, place)
        if key not in kept:
            kept[key] = _render(env, name, context)
        return kept[key]

    @jinja2.pass_context
    def word(context, key: str) -> str:
        # The theme's word for ``key`` in this pass's language, worked out once.
        entry = ("word", context["config"].theme["language"], key)
        if entry not in kept:
            words = env.get_template(ORIGINAL + WORDS).make_module(context.get_all())
            kept[entry] = str(words.t(key))  # type: ignore[attr-defined]  # the theme's macro
        return kept[entry]

    env.loader = jinja2.ChoiceLoader([jinja2.FunctionLoader(source), theme])
    env.globals.update(icckb_frame=frame, icckb_word=word)


def _render(env: jinja2.Environment, name: str, context) -> str:
    return env.get_template(ORIGINAL + name).render(context.get_all())


def _place(context) -> tuple | None:
    """What the navigation's rendering depends on for this page: the relative link to
    every entry and to the home page, and which entries are active; None for a page the
    navigation lists (or no page)."""
    page, nav = context.get("page"), context.get("nav")
    if page is None or nav is None:
        return None
    entries = list(_walk(nav.items))
    if any(entry is page for entry in entries):
        return None
    url = context.environment.filters["url"]
    homepage = context["config"].extra.get("homepage") or (nav.homepage.url if nav.homepage else "")
    links = tuple(url(context, entry.url) for entry in entries if getattr(entry, "url", None) is not None)
    theme = context["config"].theme
    logo = url(context, theme["logo"]) if "logo" in theme and theme["logo"] else ""
    return (links, url(context, homepage), logo, tuple(bool(entry.active) for entry in entries))


def _walk(items):
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or ())
