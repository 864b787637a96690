"""Keyboard-only reading in Chromium: the skip link, the framework tabs, footnotes and search.
(The decision guide's keyboard test lives with its other tests.)"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def focused(page) -> str:
    """A short description of the focused element: tag, id or class, and text."""
    return page.evaluate("""() => {
        const e = document.activeElement;
        const text = (e.innerText || e.value || '').trim().slice(0, 40);
        return `${e.tagName.toLowerCase()}#${e.id}.${e.className} ${text}`;
    }""")


def test_the_first_tab_reaches_a_skip_link_to_the_content(open_page):
    page = open_page("background/")
    page.keyboard.press("Tab")
    skip = page.locator("a.md-skip")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    assert page.url.endswith("#background")


def test_arrow_keys_switch_the_framework_tabs_and_the_choice_is_linked(open_page):
    page = open_page("graph-models/")
    first_set = page.locator(".tabbed-set").first
    # Material links tab sets only once its script has mounted them; it then sets the indicator.
    page.wait_for_function(
        "() => document.querySelector('.tabbed-set').style.getPropertyValue('--md-indicator-width')"
    )
    first_set.locator("input").first.focus()
    page.keyboard.press("ArrowRight")
    expect(first_set.locator("input").nth(1)).to_be_checked()
    expect(first_set.locator(".tabbed-block").nth(1)).to_be_visible()
    expect(first_set.locator(".tabbed-block").nth(1)).to_contain_text("in_tensorflow.py")
    # content.tabs.link: every other PyTorch/TensorFlow tab set on the page follows the choice
    sets = page.locator(".tabbed-set")
    assert sets.count() >= 5
    for i in range(1, sets.count()):
        expect(sets.nth(i).locator(".tabbed-labels label").nth(1)).to_have_text("TensorFlow")
        expect(sets.nth(i).locator("input").nth(1)).to_be_checked()
    # and it survives a reload
    page.reload(wait_until="networkidle")
    expect(page.locator(".tabbed-set").last.locator("input").nth(1)).to_be_checked()


def test_a_footnote_is_reached_and_left_with_the_keyboard(open_page):
    page = open_page("background/")
    ref = page.locator("a.footnote-ref").first
    ref.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"#fn:[\w-]+$"))
    target = page.url.rsplit("#", 1)[1]
    note = page.locator(f"li[id='{target}']")
    expect(note).to_be_in_viewport()
    assert "Torch7" in note.inner_text()
    # A source cited several times has one back link per citation; take the one to this citation.
    ref_id = ref.evaluate("a => a.parentElement.id")
    note.locator(f"a.footnote-backref[href$='#{ref_id}']").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**#{ref_id}")
    expect(ref).to_be_in_viewport()


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_search_opens_with_its_shortcut_and_a_result_opens_with_enter(open_page, server, width):
    page = open_page("", width=width, height=900 if width > 600 else 844)
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    expect(box).to_be_focused()
    page.keyboard.type("retracing", delay=20)
    expect(page.locator(".md-search-result__meta")).to_have_text(
        re.compile(r"\d+ matching"), timeout=10_000
    )
    expect(page.locator(".md-search-result__link").first).to_have_attribute(
        "href", re.compile("graph-models")
    )
    page.wait_for_timeout(300)  # results of earlier keystrokes may still replace the list
    page.keyboard.press("ArrowDown")
    assert "md-search-result__link" in focused(page), focused(page)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/graph-models/"))
    page.keyboard.press("Escape")
    assert not page.watch.console_errors and not page.watch.page_errors
