"""The decision guide (data/decision.yml): its schema, the rules engine, the static guide for
readers without JavaScript, and the form and data that decision-guide.js makes interactive.

The engine here and the one in docs/assets/javascripts/decision-guide.js apply the same rules;
the browser tests compare them on the same answers.
"""

from __future__ import annotations

import collections
import json
import re
from html import escape

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

import _bib
import _data as d

DECISION = "data/decision.yml"
LEANS = {"pytorch": "PyTorch", "tensorflow": "TensorFlow", "either": "Either, or Keras 3"}


def example_folder(value):
    """An example topic under examples/, whose files the tests run."""
    if not isinstance(value, str) or not re.fullmatch(r"examples/[\w-]+", value) \
            or not any((d.ROOT / value).glob("*.py")):
        raise d.Invalid(f"'{value}' is not an example folder (examples/<topic> with .py files)")
    return value


def evidence_link(value):
    """The section of this site that holds a reason's evidence, as page.md#anchor."""
    if not isinstance(value, str) or not EVIDENCE.match(value):
        raise d.Invalid(f"'{value}' is not page.md#anchor")
    return value


def as_is(value):
    """A nested list, checked on its own with check_entries."""
    return value


def pairs(value):
    if not isinstance(value, dict) or not value:
        raise d.Invalid("expected question: answer pairs")
    return value


REASON_SCHEMA = {
    "lean": (d.one_of(*LEANS), True),
    "weight": (d.one_of(1, 2, 3), True),
    "text": (d.text, True),
    "evidence": (evidence_link, True),
    # Where the reason's fact comes from: citation keys, or (for what this site itself shows)
    # the example folder whose executed output shows it. A reason needs one or the other.
    "source": (d.cites, False),
    "shown_by": (example_folder, False),
}
ANSWER_SCHEMA = {"id": (d.slug, True), "text": (d.text, True), "reasons": (as_is, False)}
QUESTION_SCHEMA = {"id": (d.slug, True), "text": (d.text, True), "help": (d.text, False),
                   "answers": (as_is, True)}
SCENARIO_SCHEMA = {"id": (d.slug, True), "title": (d.text, True), "answers": (pairs, True)}
EVIDENCE = re.compile(r"^[\w-]+\.md#[\w-]+$")


def guide() -> dict:
    """data/decision.yml, checked: every problem stops the build with one line naming the
    question, answer or scenario and the field, as for every data file (_data.check_entries)."""
    raw = d.load_yaml(DECISION)
    if not isinstance(raw, dict) or "questions" not in raw or "scoring" not in raw:
        raise PluginError(f"{DECISION}: expected the fields 'scoring' and 'questions'")
    scoring = raw["scoring"]
    if not (isinstance(scoring, dict) and isinstance(scoring.get("balance"), int)
            and isinstance(scoring.get("strong"), int)
            and scoring["strong"] > scoring["balance"] >= 0):
        raise PluginError(f"{DECISION}: field 'scoring': needs whole numbers 'balance' < 'strong'")
    questions = d.check_entries(DECISION, raw["questions"], QUESTION_SCHEMA, "id", noun="question",
                                unique=("id",))
    for qn, q in enumerate(questions, start=1):
        where = f"question {qn} ({q['id']}): "
        if not isinstance(q["answers"], list) or len(q["answers"]) < 2:
            raise PluginError(f"{DECISION}: {where}field 'answers': expected at least two answers")
        q["answers"] = d.check_entries(DECISION, q["answers"], ANSWER_SCHEMA, "id", where=where,
                                       noun="answer", unique=("id",))
        for an, a in enumerate(q["answers"], start=1):
            if a.get("reasons", []) == []:  # an answer may add no reason ("Nothing yet")
                continue
            rule = f"{where}answer {an} ({a['id']}): "
            a["reasons"] = d.check_entries(DECISION, a["reasons"], REASON_SCHEMA, "", where=rule,
                                           noun="reason")
            for rn, reason in enumerate(a["reasons"], start=1):
                if "source" not in reason and "shown_by" not in reason:
                    raise PluginError(f"{DECISION}: {rule}reason {rn}: missing field 'source' "
                                      "(citation keys), or 'shown_by' for an example of this site "
                                      "that shows it")
    by_id = {q["id"]: {a["id"] for a in q["answers"]} for q in questions}

    def scenario_answers(value):
        for question, answer in pairs(value).items():
            if question not in by_id:
                raise d.Invalid(f"unknown question '{question}'")
            if answer not in by_id[question]:
                raise d.Invalid(f"question '{question}' has no answer '{answer}'")
        return value

    schema = dict(SCENARIO_SCHEMA, answers=(scenario_answers, True))
    scenarios = d.check_entries(DECISION, raw.get("scenarios"), schema, "id", noun="scenario",
                                unique=("id",))
    return {"scoring": scoring, "questions": questions, "scenarios": scenarios}


def leaning_of(difference: int, scoring: dict) -> str:
    """The leaning of answered questions whose PyTorch total exceeds the TensorFlow total by
    difference (negative when TensorFlow's is larger)."""
    if abs(difference) <= scoring["balance"]:
        return "depends"
    return "pytorch" if difference > 0 else "tensorflow"


def evaluate(answers: dict[str, str], data: dict | None = None) -> dict:
    """The guide's result for a set of answers (question id -> answer id). Unknown ids are
    ignored. Returns the leaning (pytorch, tensorflow, depends, or none when nothing is
    answered), its strength, the totals and the reasons that produced them."""
    data = data or guide()
    totals = {lean: 0 for lean in LEANS}
    reasons, answered = [], 0
    for q in data["questions"]:
        chosen = next((a for a in q["answers"] if a["id"] == answers.get(q["id"])), None)
        if chosen is None:
            continue
        answered += 1
        for reason in chosen.get("reasons", []):
            totals[reason["lean"]] += reason["weight"]
            reasons.append(reason)
    difference = totals["pytorch"] - totals["tensorflow"]
    scoring = data["scoring"]
    leaning = leaning_of(difference, scoring) if answered else "none"
    strength = None
    if leaning in ("pytorch", "tensorflow"):
        strength = "strong" if abs(difference) >= scoring["strong"] else "moderate"
    # When the reasons for either framework outweigh both sides, say so: keeping the choice open
    # (for example with Keras 3) is then the guide's suggestion.
    keep_open = answered > 0 and totals["either"] > max(totals["pytorch"], totals["tensorflow"])
    return {
        "leaning": leaning,
        "strength": strength,
        "open": keep_open,
        "totals": totals,
        "reasons": reasons,
    }


def evidence_targets() -> list[tuple[str, str, str]]:
    """(rule, page, anchor) for every reason's evidence link."""
    out = []
    for qn, q in enumerate(guide()["questions"], start=1):
        for an, a in enumerate(q["answers"], start=1):
            for rn, reason in enumerate(a.get("reasons", []), start=1):
                page, anchor = reason["evidence"].split("#")
                rule = f"question {qn} ({q['id']}): answer {an} ({a['id']}): reason {rn}"
                out.append((rule, page, anchor))
    return out


def check_evidence(files) -> None:
    """Every evidence link must reach an element with that id on a built page."""
    ids: dict[str, set[str]] = {}
    for file in files.documentation_pages():
        if file.page is not None and file.page.content is not None:
            ids[file.src_uri] = set(re.findall(r'\sid="([^"]+)"', file.page.content))
    for rule, page, anchor in evidence_targets():
        if page not in ids:
            raise PluginError(f"{DECISION}: {rule}: evidence page '{page}' does not exist")
        if anchor not in ids[page]:
            raise PluginError(f"{DECISION}: {rule}: evidence link '{page}#{anchor}': no such "
                              f"anchor on {page}")


def scenario_query(scenario: dict) -> str:
    return "?" + "&".join(f"{q}={a}" for q, a in scenario["answers"].items())


def describe(result: dict) -> str:
    text = ("it depends (the reasons balance)" if result["leaning"] == "depends"
            else f"leans {LEANS[result['leaning']]} ({result['strength']})")
    return text + (
        ", and the strongest reasons favor keeping the choice open" if result["open"] else ""
    )


def render_scenarios() -> str:
    """Ready-made scenarios with the result each gets, so readers without JavaScript see
    results too, and instructors can copy the links."""
    data = guide()
    lines = []
    for s in data.get("scenarios", []):
        result = evaluate(s["answers"], data)
        totals = result["totals"]
        lines.append(
            f"- [{s['title']}]({scenario_query(s)}): {describe(result)}; weights PyTorch "
            f"{totals['pytorch']}, TensorFlow {totals['tensorflow']}, either {totals['either']}."
        )
    return "\n".join(lines)


def balance() -> tuple[int, dict[str, float]]:
    """The share of all possible answer sets (each question answered in any way, or skipped, at
    least one answered) that lean each way: a check that the weights, not only single reasons,
    are fair. A set's leaning depends only on its PyTorch total minus its TensorFlow total, so
    the sets are counted by that difference, one question at a time, instead of one by one."""
    data = guide()
    by_difference = collections.Counter({0: 1})
    for q in data["questions"]:
        steps = [0] + [sum(r["weight"] * {"pytorch": 1, "tensorflow": -1}.get(r["lean"], 0)
                           for r in a.get("reasons", [])) for a in q["answers"]]
        counted = collections.Counter()
        for difference, count in by_difference.items():
            for step in steps:
                counted[difference + step] += count
        by_difference = counted
    by_difference[0] -= 1  # the set with no question answered
    counts = {"pytorch": 0, "tensorflow": 0, "depends": 0}
    for difference, count in by_difference.items():
        counts[leaning_of(difference, data["scoring"])] += count
    total = sum(counts.values())
    return total, {k: v / total for k, v in counts.items()}


def render_balance() -> str:
    total, shares = balance()
    return (f"Across all {total:,} possible sets of answers, the guide leans PyTorch for "
            f"{shares['pytorch']:.0%}, TensorFlow for {shares['tensorflow']:.0%} and says \"it "
            f"depends\" for {shares['depends']:.0%}.")


def render_static() -> str:
    """The rules as a readable guide: every question, answer and reason, with its evidence."""
    data = guide()
    scoring = data["scoring"]
    blocks = [
        "Each answer adds reasons, weighted 1 (a consideration), 2 (a strong consideration) or 3 "
        "(usually decisive). The guide adds up the weights for PyTorch and for TensorFlow. If the "
        f"two totals differ by {scoring['balance']} or less, the result is \"it depends\"; a "
        f"difference of {scoring['strong']} or more is a strong leaning, and anything between is a "
        "moderate one. Reasons for either framework, or for Keras 3, are listed but count for "
        "neither side.",
        "",
    ]
    for q in data["questions"]:
        # Excluded from search: each reason restates evidence from another page, and a search
        # for a topic (say "TorchServe") should land on that evidence, not on this summary.
        blocks.append(f"### {q['text']} {{#rules-{q['id']} data-search-exclude}}\n")
        if q.get("help"):
            blocks.append(f"{q['help']}\n")
        for a in q["answers"]:
            reasons = a.get("reasons", [])
            if not reasons:
                blocks.append(f"- **{a['text']}**: no reason for either side.")
                continue
            blocks.append(f"- **{a['text']}**:")
            for r in reasons:
                blocks.append(f"    - *{LEANS[r['lean']]}*, weight {r['weight']}: "
                              f"{r['text']}{_cited(r)} [Evidence]({r['evidence']}).")
        blocks.append("")
    return "\n".join(blocks)


def _cited(reason: dict) -> str:
    """The reason's citations as Markdown, or a note that this site's own example shows it."""
    if "source" in reason:
        return " [" + "; ".join(f"@{key}" for key in d.cites(reason["source"])) + "]"
    return " (shown by this site's executed example)"


def sources(reason: dict) -> list[dict]:
    """Title and address of each source of a reason, for the interactive guide."""
    entries = _bib.load().entries
    out = []
    for key in d.cites(reason.get("source", [])):
        fields = entries[key].fields
        url = fields.get("url") or f"https://doi.org/{fields['doi']}"
        out.append({"title": _bib.plain_title(key), "url": url})
    return out


# What the result says before any answer (in the page, and in the data for decision-guide.js).
EMPTY_RESULT = "Answer any of the questions to see a leaning and the reasons for it."


def render_interactive(page, files) -> str:
    """The form (hidden by CSS on pages without JavaScript) and the data it works from."""
    data = guide()

    def href(evidence: str) -> str:
        target, anchor = evidence.split("#")
        file = files.get_file_from_path(target)
        return f"{get_relative_url(file.url, page.url)}#{anchor}" if file else evidence

    fieldsets = []
    for q in data["questions"]:
        options = "".join(
            f'<label class="decision-option"><input type="radio" name="{q["id"]}" '
            f'value="{a["id"]}"> '
            f"{escape(a['text'])}</label>"
            for a in q["answers"]
        )
        help_text = f'<p class="decision-help">{escape(q["help"])}</p>' if q.get("help") else ""
        fieldsets.append(
            f"<fieldset><legend>{escape(q['text'])}</legend>{help_text}{options}</fieldset>"
        )
    client = {
        "scoring": data["scoring"],
        "leans": LEANS,
        "empty": EMPTY_RESULT,
        "questions": [
            {
                "id": q["id"],
                "answers": [
                    {
                        "id": a["id"],
                        "reasons": [
                            {
                                "lean": r["lean"],
                                "weight": r["weight"],
                                "text": r["text"],
                                "href": href(r["evidence"]),
                                "sources": sources(r),
                                "shown": "shown_by" in r,
                            }
                            for r in a.get("reasons", [])
                        ],
                    }
                    for a in q["answers"]
                ],
            }
            for q in data["questions"]
        ],
    }
    # The rules travel in a data attribute: Material's instant navigation re-runs <script>
    # elements in the page as JavaScript, whatever their type.
    # "[" and "@" as character references: a JSON list holding an "@" (an npm package name in a
    # source title) would otherwise look like a citation to mkdocs-bibtex and our check of it.
    payload = (
        escape(json.dumps(client, ensure_ascii=False), quote=True)
        .replace("[", "&#91;")
        .replace("@", "&#64;")
    )
    return (
        f'<div class="decision-guide" id="decision-app" data-guide="{payload}">\n'
        '<form class="decision-form" aria-label="Your situation">\n' + "\n".join(fieldsets) +
        '\n<p class="decision-actions"><button type="reset" class="md-button">Clear '
        'answers</button> '
        '<a class="md-button decision-share" href="">Link to these answers</a></p>\n</form>\n'
        '<section class="decision-result" aria-labelledby="decision-result-title">\n'
        '<h2 id="decision-result-title">Your result</h2>\n'
        '<div class="decision-output" role="status" aria-live="polite"><p class="decision-leaning">'
        f"{escape(EMPTY_RESULT)}</p></div>\n"
        "</section>\n</div>\n"
    )
