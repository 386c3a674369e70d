"""The verify stage names the file that breaks a rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder import security
from builder.errors import VerifyError
from builder.verify import check_css, check_html, verify_site

GOOD = security.add_security_meta(
    '<html><head><meta charset="utf-8"><link rel="stylesheet" href="a.css"></head>'
    '<body><script src="b.js"></script><a href="https://example.org/">link</a></body></html>'
)


def test_good_page_passes() -> None:
    check_html(Path("index.html"), GOOD)


@pytest.mark.parametrize("html, reason", [
    ("<html><head><script src='a.js'></script></head></html>", "no Content-Security-Policy"),
    (GOOD.replace('src="b.js"', 'src="https://cdn.example/b.js"'), "another origin"),
    (GOOD.replace('href="a.css"', 'href="//fonts.example/a.css"'), "another origin"),
    (GOOD.replace("</body>", "<script>alert(1)</script></body>"), "inline script"),
])
def test_bad_pages_fail_with_the_file_named(html: str, reason: str) -> None:
    with pytest.raises(VerifyError, match=reason) as caught:
        check_html(Path("site/x/index.html"), html)
    assert "site/x/index.html" in str(caught.value)


def test_canonical_link_is_not_a_load() -> None:
    check_html(Path("index.html"), GOOD.replace(
        "</head>", '<link rel="canonical" href="http://127.0.0.1:8000/x/"></head>'))


def test_css_from_another_origin_fails() -> None:
    check_css(Path("ok.css"), "a { background: url(../img/a.svg) }")
    with pytest.raises(VerifyError, match="another origin"):
        check_css(Path("bad.css"), "@import 'https://fonts.example/css';")


def test_missing_required_file_fails(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(GOOD)
    assert verify_site(tmp_path, ["index.html"]) == 1
    with pytest.raises(VerifyError, match=r"py/worksheets\.zip"):
        verify_site(tmp_path, ["py/worksheets.zip"])
