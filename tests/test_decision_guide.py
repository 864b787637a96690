"""The decision guide: its rules engine, its static form, and the interactive guide in Chromium
(clicks, shared links, reloads, keyboard only, no JavaScript, instant navigation)."""

from __future__ import annotations

import itertools
import random
import re
from urllib.parse import urlencode

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from playwright.sync_api import expect

import _decision

DATA = _decision.guide()
HEADLINE = ".decision-output .decision-leaning"
# What each scenario in data/decision.yml gets, worked out by hand from its reasons' weights
# (balance 1, strong 4), and what the interactive guide's headline says for it.
SCENARIO_RESULTS = {
    "research-lab": ("leans PyTorch (strong); weights PyTorch 4, TensorFlow 0, either 0.",
                     "Leaning PyTorch (strong)."),
    "tensorflow-shop": ("leans TensorFlow (strong); weights PyTorch 2, TensorFlow 6, either 0.",
                        "Leaning TensorFlow (strong)."),
    "mobile-app": ("it depends (the reasons balance); weights PyTorch 2, TensorFlow 2, either 1.",
                   "It depends: the reasons balance."),
    "keras-open": ("it depends (the reasons balance), and the strongest reasons favor keeping the "
                   "choice open; weights PyTorch 0, TensorFlow 0, either 5.",
                   "It depends: the reasons balance."),
    "student": ("leans PyTorch (moderate); weights PyTorch 2, TensorFlow 0, either 1.",
                "Leaning PyTorch (moderate)."),
}


# The rules engine, in Python (the static guide and the scenario results use it).

def test_engine_weighs_the_answers():
    research = _decision.evaluate(
        {"building": "research", "team": "pytorch", "models": "huggingface"}, DATA
    )
    assert (research["leaning"], research["strength"]) == ("pytorch", "strong")
    assert research["totals"]["tensorflow"] == 0 and len(research["reasons"]) == 3

    shop = _decision.evaluate({"building": "service", "team": "tensorflow"}, DATA)
    assert (shop["leaning"], shop["strength"]) == ("tensorflow", "strong")

    service = _decision.evaluate({"building": "service"}, DATA)
    assert (service["leaning"], service["totals"]["tensorflow"] - service["totals"]["pytorch"]) == (
        "depends",
        1,
    )

    mobile = _decision.evaluate({"building": "mobile"}, DATA)
    assert mobile["leaning"] == "depends" and mobile["strength"] is None

    keras = _decision.evaluate({"backend": "keras"}, DATA)
    assert keras["leaning"] == "depends" and keras["open"]

    assert _decision.evaluate({}, DATA)["leaning"] == "none"


def test_engine_ignores_unknown_questions_and_answers():
    assert (
        _decision.evaluate({"colour": "blue", "building": "spaceship"}, DATA)["leaning"] == "none"
    )


def test_every_reason_has_one_sentence_and_a_weight():
    for q in DATA["questions"]:
        for a in q["answers"]:
            for r in a.get("reasons", []):
                assert r["text"].endswith(".") and r["text"].count(". ") == 0, r["text"]
                assert r["weight"] in (1, 2, 3)
                assert r.get("source") or r.get("shown_by"), f"no source for: {r['text']}"


def test_every_evidence_link_reaches_an_anchor_in_the_built_site(site):
    checked = 0
    for _, page, anchor in _decision.evidence_targets():
        html = (site / page.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        assert BeautifulSoup(html, "lxml").find(id=anchor), f"{page}#{anchor}"
        checked += 1
    assert checked >= 20


def test_static_guide_lists_every_question_answer_and_scenario(soups):
    body = soups["decision-guide.md"].select_one("article")
    for q in DATA["questions"]:
        assert body.find(id=f"rules-{q['id']}"), q["id"]
    text = body.get_text(" ")
    for q in DATA["questions"]:
        for a in q["answers"]:
            assert a["text"] in text
    # Every reason carries its citations as footnotes (or says that an example here shows it).
    reasons = [r for q in DATA["questions"] for a in q["answers"] for r in a.get("reasons", [])]
    items = [
        li
        for q in DATA["questions"]
        for li in body.find(id=f"rules-{q['id']}").find_next("ul").select("li li")
    ]
    assert len(items) == len(reasons)
    for li, reason in zip(items, reasons, strict=True):
        cited = [a["href"].removeprefix("#fn:") for a in li.select("a.footnote-ref")]
        if "source" in reason:
            keys = reason["source"] if isinstance(reason["source"], list) else [reason["source"]]
            assert cited == keys, (reason["text"], cited)
            assert all(body.find("li", id=f"fn:{key}") for key in keys)
        else:
            assert not cited and "shown by this site's executed example" in li.get_text(), (
                li.get_text()
            )
    scenarios = body.find(id="scenarios").find_next("ul").find_all("li")
    assert [s["id"] for s in DATA["scenarios"]] == list(SCENARIO_RESULTS)
    for li, (result, _) in zip(scenarios, SCENARIO_RESULTS.values(), strict=True):
        assert li.get_text().endswith(result), li.get_text()


# The interactive guide in Chromium.

def guide_page(open_page, query: str = "", **kwargs):
    page = open_page(f"decision-guide/{query}", **kwargs)
    page.locator("#decision-app").wait_for(state="visible")
    return page


def headline(page) -> str:
    return page.locator(HEADLINE).inner_text()


def expected_headline(answers: dict) -> str:
    result = _decision.evaluate(answers, DATA)
    if result["leaning"] == "none":
        return "Answer any of the questions"
    if result["leaning"] == "depends":
        return "It depends: the reasons balance."
    return f"Leaning {_decision.LEANS[result['leaning']]} ({result['strength']})."


@pytest.mark.browser
def test_clicking_answers_shows_leaning_reasons_and_evidence_links(open_page, server):
    page = guide_page(open_page)
    assert headline(page).startswith("Answer any of the questions")
    page.get_by_label("Research prototypes or new model architectures").check()
    page.get_by_label("Hugging Face Transformers").check()
    assert headline(page) == "Leaning PyTorch (strong)."
    links = page.locator(".decision-output a", has_text="Evidence")
    assert links.count() == 2
    # each reason also names its primary source, linked to it
    reason = page.locator(".decision-output li", has_text="In a 2019 count")
    source = reason.get_by_role("link", name="The State of Machine Learning Frameworks in 2019")
    expect(source).to_have_attribute(
        "href", re.compile(r"^https://thegradient\.pub/state-of-ml-frameworks-2019")
    )
    assert page.locator(".decision-output li a").count() == 4
    href = links.first.get_attribute("href")
    links.first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.startswith(server + "applications/") and "#research-papers" in page.url
    assert (
        not page.watch.console_errors and not page.watch.page_errors and not page.watch.outside
    ), href


@pytest.mark.browser
def test_answers_are_kept_in_the_url_and_restored_on_reload(open_page):
    page = guide_page(open_page)
    page.get_by_label("A model served from servers in production").check()
    page.get_by_label("TensorFlow, including Keras on the TensorFlow backend").check()
    assert "building=service" in page.url and "team=tensorflow" in page.url
    before = headline(page)
    page.reload(wait_until="networkidle")
    page.locator("#decision-app").wait_for(state="visible")
    assert page.get_by_label("TensorFlow, including Keras on the TensorFlow backend").is_checked()
    assert headline(page) == before == "Leaning TensorFlow (strong)."
    assert (
        page.locator(".decision-share")
        .get_attribute("href")
        .endswith("?building=service&team=tensorflow")
    )


@pytest.mark.browser
def test_a_preset_link_from_a_course_page_fills_in_the_form(open_page):
    page = guide_page(open_page)
    for scenario in DATA["scenarios"]:
        page.goto(page.url.split("?")[0] + "?" + urlencode(scenario["answers"]), wait_until="load")
        page.locator("#decision-app").wait_for(state="visible")
        for question, answer in scenario["answers"].items():
            assert page.locator(f'input[name="{question}"][value="{answer}"]').is_checked()
        assert headline(page) == SCENARIO_RESULTS[scenario["id"]][1], scenario["id"]


@pytest.mark.browser
def test_a_malformed_link_leaves_the_form_blank_without_errors(open_page):
    page = guide_page(open_page, "?building=spaceship&team=pytorch&utm=x")
    assert page.locator("#decision-app input:checked").count() == 0
    assert headline(page).startswith("Answer any of the questions")
    assert not page.watch.console_errors and not page.watch.page_errors


@pytest.mark.browser
def test_balanced_reasons_say_it_depends(open_page):
    page = guide_page(open_page, "?building=mobile")
    assert headline(page) == "It depends: the reasons balance."
    page = guide_page(open_page, "?backend=keras")
    assert "keeping the choice open" in page.locator(".decision-output").inner_text()


@pytest.mark.browser
def test_the_guide_works_with_the_keyboard_alone(open_page):
    page = guide_page(open_page)
    page.locator("input[name=building]").first.focus()
    page.keyboard.press("ArrowDown")  # moves to, and selects, the second answer
    assert page.locator('input[name="building"][value="service"]').is_checked()
    page.keyboard.press("Tab")  # to the next question
    page.keyboard.press("Space")
    assert page.locator('input[name="team"]:checked').count() == 1
    assert not headline(page).startswith("Answer any")
    page.locator(".decision-actions button[type=reset]").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('#decision-app input:checked').length === 0")
    # The answer is redrawn after the form's reset event; wait for it rather than racing it.
    expect(page.locator(HEADLINE)).to_have_text(re.compile(r"^Answer any of the questions"))
    assert "building=" not in page.url


@pytest.mark.browser
def test_without_javascript_the_static_guide_is_shown_and_the_form_hidden(open_page):
    page = open_page("decision-guide/?building=research", javascript=False)
    assert page.locator("#decision-app").is_hidden()
    assert page.locator("#rules-building").is_visible()
    assert page.get_by_text("A research group that builds on Hugging Face models").is_visible()
    assert page.locator("#rules").is_visible()


@pytest.mark.browser
def test_the_guide_starts_after_instant_navigation(open_page):
    page = open_page("")
    page.locator(".md-tabs__link", has_text="Decide").click()
    page.wait_for_url("**/decision-guide/")
    page.locator("#decision-app").wait_for(state="visible")
    page.get_by_label("Research prototypes or new model architectures").check()
    page.get_by_label("Hugging Face Transformers").check()
    assert headline(page).startswith("Leaning PyTorch")
    assert not page.watch.page_errors


@pytest.mark.browser
def test_javascript_and_python_engines_agree(open_page):
    questions = DATA["questions"]
    combos = [s["answers"] for s in DATA["scenarios"]]
    rng = random.Random(0)
    for _ in range(25):
        combos.append(
            {q["id"]: rng.choice(q["answers"])["id"] for q in questions if rng.random() < 0.7}
        )
    buildings, teams = ["research", "mobile", "tpu"], ["pytorch", "tensorflow", "jax"]
    for building, team in itertools.product(buildings, teams):
        combos.append({"building": building, "team": team})
    page = open_page("decision-guide/")
    for number, answers in enumerate(combos):
        if number < len(DATA["scenarios"]):  # the scenarios arrive as links, as from a course page
            page.goto(page.url.split("?")[0] + "?" + urlencode(answers), wait_until="load")
            page.locator("#decision-app").wait_for(state="visible")
        else:  # the rest are filled in, as a reader would, without reloading the page
            page.evaluate(
                """answers => {
                const form = document.querySelector("#decision-app form");
                form.reset();
                for (const [question, answer] of Object.entries(answers)) {
                    const input = `input[name="${question}"][value="${answer}"]`;
                    form.querySelector(input).checked = true;
                }
                form.dispatchEvent(new Event("change"));
            }""",
                answers,
            )
        assert headline(page).startswith(expected_headline(answers)), answers
        totals = _decision.evaluate(answers, DATA)["totals"]
        assert (f"PyTorch {totals['pytorch']}, TensorFlow {totals['tensorflow']}" in
                page.locator(".decision-totals").inner_text()), answers


@pytest.mark.browser
@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_the_answered_guide_has_no_accessibility_violations(open_page, color_scheme):
    page = guide_page(
        open_page, "?building=research&team=pytorch&models=keras", color_scheme=color_scheme
    )
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.browser
def test_the_form_and_the_result_are_named_for_screen_readers(open_page):
    """axe-core accepts a label that points to no element (the region is then simply unnamed), so
    the names are checked here: a screen reader announces "Your situation" and "Your result"."""
    page = guide_page(open_page, "?building=research")
    expect(page.get_by_role("form", name="Your situation")).to_be_visible()
    expect(page.get_by_role("region", name="Your result")).to_be_visible()
    # One reason of weight 1 for PyTorch: a difference within the balance of 1.
    expect(page.get_by_role("status")).to_contain_text("It depends: the reasons balance.")
