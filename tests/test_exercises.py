"""The exercises: at least 12, each file of each one runs under the pinned releases and prints
what the page shows, and each answer's lines are among what it prints, in order; the worksheet
folds its answers away and the answer key opens them. (Bad exercise data: test_bad_input.py.)"""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

import _exercises
import run_examples
from conftest import ROOT

GROUPS, EXERCISES = _exercises.load()


def test_there_are_at_least_12_exercises_comparing_the_frameworks():
    assert len(EXERCISES) >= 12, f"only {len(EXERCISES)} exercises"
    both = [e["id"] for e in EXERCISES if set(e["answer"]) == set(_exercises.FRAMEWORKS)]
    assert len(both) >= 6, f"only {len(both)} exercises run in both frameworks: {both}"


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e["id"])
def test_the_answer_is_what_the_code_prints_under_the_pinned_releases(exercise):
    name = f"exercise '{exercise['id']}' ({exercise['title']})"
    for framework, path in _exercises.files(exercise).items():
        result = run_examples.run(ROOT / path)
        problem = run_examples.problem(result)
        assert problem is None, f"{name}: {problem}"
        wanted = exercise["answer"][framework]
        missing = _exercises.in_order(wanted, result.stdout.splitlines())
        assert not isinstance(missing, str), (
            f"{name}: the answer says {path} prints {missing!r}, but it does not (in that order) "
            f"under the pinned releases; it printed:\n{result.stdout}"
        )


def article(site, page):
    html = (site / page / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "lxml").select_one("article")


def test_the_worksheet_folds_each_answer_and_the_key_opens_it(site):
    for page, kind, is_open in [("exercises", "answer", False), ("exercises-key", "answer-key",
                                                                  True)]:
        body = article(site, page)
        for exercise in EXERCISES:
            heading = body.find(id=exercise["id"])
            assert heading is not None and heading.name == "h3", f"{page}: no #{exercise['id']}"
            answer = heading.find_next("details")
            assert kind in answer["class"], f"{page}: #{exercise['id']} has no {kind} block"
            assert answer.has_attr("open") is is_open, f"{page}: #{exercise['id']}"
            shown = [line.get_text() for line in answer.select(".hll")]
            wanted = [line for lines in exercise["answer"].values() for line in lines]
            assert [line.rstrip("\n") for line in shown] == wanted, (
                f"{page}: #{exercise['id']}: highlighted lines {shown} are not the answer")


def test_the_answer_key_is_left_out_of_the_search_index(site):
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert not [d["location"] for d in index["docs"] if d["location"].startswith("exercises-key/")]
    assert [d for d in index["docs"] if d["location"] == "exercises/#tf-function-traces"]
