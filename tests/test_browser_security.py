"""The Content-Security-Policy holds in the browser, and Python still runs under it."""

from __future__ import annotations

import pytest

from tests.conftest import wait_for_python

pytestmark = pytest.mark.browser


def test_injected_inline_script_and_eval_are_blocked_while_python_runs(
        page, site_url, watch) -> None:
    page.goto(site_url + "werkbladen/doelen/")
    wait_for_python(page)
    page.evaluate("""() => {
        const script = document.createElement('script');
        script.textContent = 'window.__injected = "ran"';
        document.body.append(script);
    }""")
    # eval tried from a same-origin script file (allowed), as page code would do it.
    page.route("**/__csp-probe.js", lambda route: route.fulfill(
        content_type="text/javascript",
        body="try { window.__eval = eval('\"ran\"'); } catch (e) { window.__eval = e.name; }"))
    page.evaluate("""() => new Promise((resolve) => {
        const probe = document.createElement('script');
        probe.src = '__csp-probe.js';
        probe.onload = resolve;
        document.body.append(probe);
    })""")
    outcome = page.evaluate("window.__eval")
    timer = page.evaluate("""() => new Promise((resolve) => {
        try { setTimeout('window.__timer = "ran"', 0); } catch (error) { resolve(error.name); }
        setTimeout(() => resolve(window.__timer || 'blocked'), 200);
    })""")
    assert page.evaluate("window.__injected") is None
    assert outcome == "EvalError"
    assert timer == "blocked"
    violations = page.evaluate("window.__rgCsp")
    assert any(v.startswith("script-src") for v in violations), violations
    # Python in the worker is unaffected: it still computes the summary.
    page.fill("#ws-doelen-moeilijk-0", "Nog steeds Python")
    page.locator('[data-rg="summary"]').get_by_text("1. Nog steeds Python").wait_for()


def test_policy_is_the_first_thing_in_every_page_head(page, site_url) -> None:
    page.goto(site_url)
    first = page.evaluate("document.head.children[1].outerHTML")
    assert first.startswith('<meta http-equiv="Content-Security-Policy"')
    policy = page.evaluate(
        "document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content")
    for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'none'",
                      "form-action 'none'", "connect-src 'self'"):
        assert directive in policy
