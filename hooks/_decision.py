"""The decision guide (data/decision.yml): its schema, the rules engine, the static guide for
readers without JavaScript, and the form and data that decision-guide.js makes interactive.

The engine here and the one in docs/assets/javascripts/decision-guide.js apply the same rules;
the browser tests compare them on the same answers.
"""

from __future__ import annotations

import itertools
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


REASON_SCHEMA = {
    "lean": (d.one_of(*LEANS), True),
    "weight": (d.one_of(1, 2, 3), True),
    "text": (d.text, True),
    "evidence": (d.text, True),
    # Where the reason's fact comes from: citation keys, or (for what this site itself shows)
    # the example folder whose executed output shows it. A reason needs one or the other.
    "source": (d.cites, False),
    "shown_by": (example_folder, False),
}
EVIDENCE = re.compile(r"^[\w-]+\.md#[\w-]+$")
ID = re.compile(r"^[a-z][a-z0-9-]*$")


def guide() -> dict:
    raw = d.load_yaml(DECISION)
    if not isinstance(raw, dict) or "questions" not in raw or "scoring" not in raw:
        raise PluginError(f"{DECISION}: expected the fields 'scoring' and 'questions'")
    scoring = raw["scoring"]
    if not (isinstance(scoring, dict) and isinstance(scoring.get("balance"), int)
            and isinstance(scoring.get("strong"), int) and scoring["strong"] > scoring["balance"] >= 0):
        raise PluginError(f"{DECISION}: field 'scoring': needs whole numbers 'balance' < 'strong'")
    questions = raw["questions"]
    if not isinstance(questions, list) or not questions:
        raise PluginError(f"{DECISION}: field 'questions': expected a non-empty list")
    seen = set()
    for q in questions:
        where = f"question '{q.get('id', '?')}'" if isinstance(q, dict) else "question ?"
        if not isinstance(q, dict) or not isinstance(q.get("id"), str) or not ID.match(q["id"]):
            raise PluginError(f"{DECISION}: {where}: field 'id': expected lowercase words joined by hyphens")
        if q["id"] in seen:
            raise PluginError(f"{DECISION}: {where}: the id is used twice")
        seen.add(q["id"])
        if not isinstance(q.get("text"), str):
            _missing(where, "text")
        answers = q.get("answers")
        if not isinstance(answers, list) or len(answers) < 2:
            raise PluginError(f"{DECISION}: {where}: field 'answers': expected at least two answers")
        answer_ids = set()
        for a in answers:
            rule = f"{where}, answer '{a.get('id', '?') if isinstance(a, dict) else '?'}'"
            if not isinstance(a, dict) or not isinstance(a.get("id"), str) or not ID.match(a["id"]):
                raise PluginError(f"{DECISION}: {rule}: field 'id': expected lowercase words joined by hyphens")
            if a["id"] in answer_ids:
                raise PluginError(f"{DECISION}: {rule}: the id is used twice")
            answer_ids.add(a["id"])
            if "text" not in a:
                _missing(rule, "text")
            if not isinstance(a["text"], str):  # YAML reads a bare No or Yes as true or false
                raise PluginError(f"{DECISION}: {rule}: field 'text': must be text (quote it)")
            reasons = a.get("reasons", [])
            if not isinstance(reasons, list):
                raise PluginError(f"{DECISION}: {rule}: field 'reasons': expected a list")
            for number, reason in enumerate(reasons, start=1):
                label = f"{rule}, reason {number}"
                if not isinstance(reason, dict):
                    raise PluginError(f"{DECISION}: {label}: expected a mapping of fields")
                for field, (kind, required) in REASON_SCHEMA.items():
                    if field not in reason:
                        if required:
                            _missing(label, field)
                        continue
                    try:
                        kind(reason[field])
                    except d.Invalid as problem:
                        raise PluginError(f"{DECISION}: {label}: field '{field}': {problem}") from None
                if "source" not in reason and "shown_by" not in reason:
                    raise PluginError(f"{DECISION}: {label}: missing field 'source' (citation keys), "
                                      "or 'shown_by' for an example of this site that shows it")
                unknown = sorted(set(reason) - set(REASON_SCHEMA))
                if unknown:
                    raise PluginError(f"{DECISION}: {label}: unknown field '{unknown[0]}'")
                if not EVIDENCE.match(reason["evidence"]):
                    raise PluginError(f"{DECISION}: {label}: field 'evidence': '{reason['evidence']}' is not page.md#anchor")
    scenarios = raw.get("scenarios", [])
    if not isinstance(scenarios, list):
        raise PluginError(f"{DECISION}: field 'scenarios': expected a list")
    by_id = {q["id"]: {a["id"] for a in q["answers"]} for q in questions}
    for s in scenarios:
        where = f"scenario '{s.get('id', '?')}'" if isinstance(s, dict) else "scenario ?"
        if not isinstance(s, dict) or not isinstance(s.get("id"), str) or not ID.match(s["id"]):
            raise PluginError(f"{DECISION}: {where}: field 'id': expected lowercase words joined by hyphens")
        if not isinstance(s.get("title"), str):
            _missing(where, "title")
        answers = s.get("answers")
        if not isinstance(answers, dict) or not answers:
            raise PluginError(f"{DECISION}: {where}: field 'answers': expected question: answer pairs")
        for question, answer in answers.items():
            if question not in by_id:
                raise PluginError(f"{DECISION}: {where}: unknown question '{question}'")
            if answer not in by_id[question]:
                raise PluginError(f"{DECISION}: {where}: question '{question}' has no answer '{answer}'")
    return raw


def _missing(where: str, field: str):
    raise PluginError(f"{DECISION}: {where}: missing field '{field}'")


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
    if not answered:
        leaning, strength = "none", None
    elif abs(difference) <= scoring["balance"]:
        leaning, strength = "depends", None
    else:
        leaning = "pytorch" if difference > 0 else "tensorflow"
        strength = "strong" if abs(difference) >= scoring["strong"] else "moderate"
    # When the reasons for either framework outweigh both sides, say so: keeping the choice open
    # (for example with Keras 3) is then the guide's suggestion.
    keep_open = answered > 0 and totals["either"] > max(totals["pytorch"], totals["tensorflow"])
    return {"leaning": leaning, "strength": strength, "open": keep_open, "totals": totals, "reasons": reasons}


def evidence_targets() -> list[tuple[str, str, str]]:
    """(rule, page, anchor) for every reason's evidence link."""
    out = []
    for q in guide()["questions"]:
        for a in q["answers"]:
            for number, reason in enumerate(a.get("reasons", []), start=1):
                page, anchor = reason["evidence"].split("#")
                out.append((f"question '{q['id']}', answer '{a['id']}', reason {number}", page, anchor))
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
            raise PluginError(f"{DECISION}: {rule}: evidence link '{page}#{anchor}': no such anchor on {page}")


def scenario_query(scenario: dict) -> str:
    return "?" + "&".join(f"{q}={a}" for q, a in scenario["answers"].items())


def describe(result: dict) -> str:
    text = ("it depends (the reasons balance)" if result["leaning"] == "depends"
            else f"leans {LEANS[result['leaning']]} ({result['strength']})")
    return text + (", and the strongest reasons favor keeping the choice open" if result["open"] else "")


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
    """The share of all possible answer sets that lean each way: a check that the weights, not
    only single reasons, are fair."""
    data = guide()
    options = [[None] + [a["id"] for a in q["answers"]] for q in data["questions"]]
    counts = {"pytorch": 0, "tensorflow": 0, "depends": 0}
    total = 0
    for combination in itertools.product(*options):
        answers = {q["id"]: a for q, a in zip(data["questions"], combination) if a}
        if answers:
            counts[evaluate(answers, data)["leaning"]] += 1
            total += 1
    return total, {k: v / total for k, v in counts.items()}


def render_balance() -> str:
    total, shares = balance()
    return (f"Across all {total:,} possible sets of answers, the guide leans PyTorch for "
            f"{shares['pytorch']:.0%}, TensorFlow for {shares['tensorflow']:.0%} and says \"it depends\" for "
            f"{shares['depends']:.0%}.")


def render_static() -> str:
    """The rules as a readable guide: every question, answer and reason, with its evidence."""
    data = guide()
    scoring = data["scoring"]
    blocks = [
        "Each answer adds reasons, weighted 1 (a consideration), 2 (a strong consideration) or 3 "
        "(usually decisive). The guide adds up the weights for PyTorch and for TensorFlow. If the two "
        f"totals differ by {scoring['balance']} or less, the result is \"it depends\"; a difference of "
        f"{scoring['strong']} or more is a strong leaning, and anything between is a moderate one. Reasons "
        "for either framework, or for Keras 3, are listed but count for neither side.",
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
                blocks.append(f"    - *{LEANS[r['lean']]}*, weight {r['weight']}: {r['text']}{_cited(r)} "
                              f"[Evidence]({r['evidence']}).")
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
            f'<label class="decision-option"><input type="radio" name="{q["id"]}" value="{a["id"]}"> '
            f"{escape(a['text'])}</label>"
            for a in q["answers"]
        )
        help_text = f'<p class="decision-help">{escape(q["help"])}</p>' if q.get("help") else ""
        fieldsets.append(f'<fieldset><legend>{escape(q["text"])}</legend>{help_text}{options}</fieldset>')
    client = {
        "scoring": data["scoring"],
        "leans": LEANS,
        "empty": EMPTY_RESULT,
        "questions": [
            {"id": q["id"], "answers": [
                {"id": a["id"], "reasons": [
                    {"lean": r["lean"], "weight": r["weight"], "text": r["text"], "href": href(r["evidence"]),
                     "sources": sources(r), "shown": "shown_by" in r}
                    for r in a.get("reasons", [])]}
                for a in q["answers"]]}
            for q in data["questions"]
        ],
    }
    # The rules travel in a data attribute: Material's instant navigation re-runs <script>
    # elements in the page as JavaScript, whatever their type.
    # "[" and "@" as character references: a JSON list holding an "@" (an npm package name in a
    # source title) would otherwise look like a citation to mkdocs-bibtex and our check of it.
    payload = escape(json.dumps(client, ensure_ascii=False), quote=True).replace("[", "&#91;").replace("@", "&#64;")
    return (
        f'<div class="decision-guide" id="decision-app" data-guide="{payload}">\n'
        '<form class="decision-form" aria-label="Your situation">\n' + "\n".join(fieldsets) +
        '\n<p class="decision-actions"><button type="reset" class="md-button">Clear answers</button> '
        '<a class="md-button decision-share" href="">Link to these answers</a></p>\n</form>\n'
        '<section class="decision-result" aria-labelledby="decision-result-title">\n'
        '<h2 id="decision-result-title">Your result</h2>\n'
        '<div class="decision-output" role="status" aria-live="polite"><p class="decision-leaning">'
        f"{escape(EMPTY_RESULT)}</p></div>\n"
        "</section>\n</div>\n"
    )
