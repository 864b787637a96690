"""The exercises (data/exercises.yml): each one a question, the example files it runs
(examples/exercises/<id with underscores>/in_pytorch.py and in_tensorflow.py), the lines each file
prints that answer it, and why. Rendered twice from the same data: the worksheet
(docs/exercises.md), whose answers fold away and are left off on paper, and the answer key
(docs/exercises-key.md), whose answers are open and printed."""

from __future__ import annotations

import _data as d

EXERCISES = "data/exercises.yml"
FOLDER = "examples/exercises"
FRAMEWORKS = {"pytorch": ("PyTorch", "in_pytorch"), "tensorflow": ("TensorFlow", "in_tensorflow")}
GROUP_SCHEMA = {"id": (d.slug, True), "title": (d.text, True)}


def answer_lines(value):
    """{framework: [line, ...]}: the lines a reader predicts, each printed by that file."""
    if not isinstance(value, dict) or not value or not set(value) <= set(FRAMEWORKS):
        raise d.Invalid(f"must map {' and/or '.join(FRAMEWORKS)} to the lines its file prints")
    clean = {}
    for framework in FRAMEWORKS:  # PyTorch first, as the tabs are
        if framework not in value:
            continue
        lines = value[framework]
        if not isinstance(lines, list) or not lines:
            raise d.Invalid(f"{framework}: must be a non-empty list of lines")
        for line in lines:
            if not isinstance(line, str) or not line.strip() or "\n" in line or "`" in line:
                raise d.Invalid(f"{framework}: '{line}' must be one line of text without "
                                "backticks")
        clean[framework] = lines
    return clean


SCHEMA = {
    "id": (d.slug, True),
    "group": (d.slug, True),
    "title": (d.text, True),
    "question": (d.text, True),
    "answer": (answer_lines, True),
    "explanation": (d.text, True),
}


def folder(exercise: dict) -> str:
    return f"{FOLDER}/{exercise['id'].replace('-', '_')}"


def files(exercise: dict) -> dict[str, str]:
    """{framework: path of its file, from the project root}, for the frameworks it answers."""
    return {f: f"{folder(exercise)}/{FRAMEWORKS[f][1]}.py" for f in exercise["answer"]}


def load() -> tuple[list[dict], list[dict]]:
    """(groups, exercises), checked: known groups, none empty, unique ids; each answered file
    exists, each file in the folder is answered, and each answer line is in the output recorded
    for its file (the tests check that recording against a fresh run)."""
    raw = d.load_yaml(EXERCISES)
    if not isinstance(raw, dict) or set(raw) != {"groups", "exercises"}:
        raise d.PluginError(f"{EXERCISES}: expected exactly two keys, 'groups' and 'exercises'")
    groups = d.check_entries(EXERCISES, raw["groups"], GROUP_SCHEMA, "title", noun="group",
                             unique=("id",))
    exercises = d.check_entries(EXERCISES, raw["exercises"], SCHEMA, "id", noun="exercise",
                                unique=("id",))
    group_ids = {g["id"] for g in groups}
    for number, exercise in enumerate(exercises, start=1):
        name = f"{EXERCISES}: exercise {number} ({exercise['id']})"
        if exercise["group"] not in group_ids:
            raise d.PluginError(f"{name}: field 'group': unknown group '{exercise['group']}'")
        present = {p.stem for p in (d.ROOT / folder(exercise)).glob("in_*.py")}
        for framework, (_, stem) in FRAMEWORKS.items():
            if stem in present and framework not in exercise["answer"]:
                raise d.PluginError(f"{name}: field 'answer': no lines for "
                                    f"{folder(exercise)}/{stem}.py")
        for framework, path in files(exercise).items():
            if not (d.ROOT / path).is_file():
                raise d.PluginError(f"{name}: field 'answer': {framework}: no file {path}")
            recorded = d.ROOT / path.replace(".py", ".out")
            if not recorded.is_file():
                raise d.PluginError(f"{name}: no recorded output {recorded.relative_to(d.ROOT)} "
                                    "(run scripts/run_examples.py)")
            printed = recorded.read_text(encoding="utf-8").splitlines()
            found = in_order(exercise["answer"][framework], printed)
            if isinstance(found, str):
                raise d.PluginError(f"{name}: field 'answer': {framework}: '{found}' is not a "
                                    f"line of {recorded.relative_to(d.ROOT)} (after the lines "
                                    "before it)")
            exercise.setdefault("lines", {})[framework] = found
    empty = sorted(group_ids - {e["group"] for e in exercises})
    if empty:
        raise d.PluginError(f"{EXERCISES}: group '{empty[0]}' has no exercises")
    return groups, exercises


def in_order(wanted: list[str], printed: list[str]) -> list[int] | str:
    """The line numbers (from 1) at which the wanted lines appear in the printed ones, in the
    same order; or the first wanted line that does not."""
    numbers, start = [], 0
    for line in wanted:
        try:
            start = printed.index(line, start) + 1
        except ValueError:
            return line
        numbers.append(start)
    return numbers


def indent(text: str, by: int = 4) -> str:
    pad = " " * by
    return "\n".join(f"{pad}{line}" if line else "" for line in text.splitlines())


def code_tabs(exercise: dict) -> str:
    """Linked content tabs, one per file. Kept out of the search index, as the examples are: the
    question says what they show."""
    out = []
    for framework, path in files(exercise).items():
        block = (f'``` {{ .python title="{path}" data-search-exclude="" }}\n'
                 f'--8<-- "{path}"\n```')
        out.append(f'=== "{FRAMEWORKS[framework][0]}"\n\n{indent(block)}\n')
    return "\n".join(out)


def outputs(exercise: dict) -> str:
    """What each file prints, one block after another (an answer that compares the two needs
    both in view), with the lines that answer the question highlighted."""
    out = []
    for framework, path in files(exercise).items():
        label, stem = FRAMEWORKS[framework]
        lines = " ".join(map(str, exercise["lines"][framework]))
        out.append(f'``` {{ .text title="Output of {stem}.py ({label})" hl_lines="{lines}" '
                   f'data-search-exclude="" }}\n--8<-- "{path.replace(".py", ".out")}"\n```\n')
    return "\n".join(out)


def answer(exercise: dict) -> str:
    return "\n".join([outputs(exercise), f"{exercise['explanation']}\n"])


def render(key: bool) -> str:
    """The worksheet (key=False: answers folded, class `answer`, left off in print) or the answer
    key (key=True: answers open, class `answer-key`, printed)."""
    groups, exercises = load()
    number = {e["id"]: n for n, e in enumerate(exercises, start=1)}
    fold = '???+ answer-key "Answer"' if key else '??? answer "Answer"'
    out = []
    for group in groups:
        out.append(f"## {group['title']} {{#{group['id']}}}\n")
        for exercise in (e for e in exercises if e["group"] == group["id"]):
            out += [
                f"### {number[exercise['id']]}. {exercise['title']} {{#{exercise['id']}}}\n",
                f"{exercise['question']}\n",
                code_tabs(exercise),
                f"{fold}\n\n{indent(answer(exercise))}\n",
            ]
    return "\n".join(out)


def count() -> str:
    return str(len(load()[1]))
