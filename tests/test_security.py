"""The CSP stage: inline scripts become files, every page gets the same policy."""

from __future__ import annotations

from builder import security

PAGE = (
    '<html><head><meta charset="utf-8"><title>t</title>'
    '<script>__md_scope=new URL("..",location)</script>'
    '<script id="__config" type="application/json">{"a": 1}</script>'
    '<script src="x.js"></script></head><body><script>var a=1</script></body></html>'
)


def test_policy_has_the_required_directives() -> None:
    policy = security.policy()
    for directive in ("default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'",
                      "connect-src 'self'", "worker-src 'self'", "object-src 'none'",
                      "base-uri 'none'", "form-action 'none'"):
        assert directive in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval'" not in policy.replace("wasm-unsafe-eval", "")


def test_inline_scripts_become_files_and_json_stays() -> None:
    html, files = security.externalize_scripts(PAGE, "../../")
    assert security.inline_scripts(html) == []
    assert '<script id="__config" type="application/json">{"a": 1}</script>' in html
    assert sorted(files.values()) == ['__md_scope=new URL("..",location)', "var a=1"]
    for name in files:
        assert f'src="../../{name}"' in html
        assert name.startswith(security.INLINE_DIR)


def test_same_script_gets_the_same_file() -> None:
    one = security.script_file_name("var a=1")
    assert one == security.script_file_name("var a=1")
    assert one != security.script_file_name("var a=2")


def test_meta_comes_right_after_charset() -> None:
    html = security.add_security_meta(PAGE)
    charset_end = html.index('<meta charset="utf-8">') + len('<meta charset="utf-8">')
    assert html[charset_end:].startswith('<meta http-equiv="Content-Security-Policy"')
    assert '<meta name="referrer" content="no-referrer">' in html
