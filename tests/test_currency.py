"""scripts/check_currency.py against a local HTTP server that answers as PyPI's JSON interface
and npm's registry do (the suite makes no outside request): a package that is current, one
with a newer release, one that vanished, and a malformed answer."""

from __future__ import annotations

import json
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import check_currency
from conftest import ROOT


def pypi(*releases: tuple[str, str]) -> dict:
    """A PyPI answer: version -> one file uploaded on that day."""
    return {"info": {}, "releases": {v: [{"upload_time": f"{day}T10:00:00", "yanked": False}]
                                     for v, day in releases}}


ANSWERS = {
    "/pypi/torch/json": pypi(("2.14.1", "2026-09-30"), ("2.15.0", "2026-10-28"),
                             ("2.16.0rc1", "2026-11-20")),  # a release candidate is not newer
    "/pypi/tensorflow/json": pypi(("2.21.0", "2026-03-06"), ("2.22.0", "2026-11-30")),
    "/pypi/keras/json": pypi(("3.15.1", "2026-07-29")),
    "/pypi/tensorflow-cpu/json": pypi(("2.21.0", "2026-03-06"), ("2.22.0", "2026-11-30")),
    "/pypi/executorch/json": pypi(("1.5.1", "2026-09-22"), ("1.10.0", "2026-11-02")),
    "/pypi/broken/json": "<html>Service unavailable</html>",
    "/@tensorflow%2Ftfjs": {"versions": {"4.22.0": {}, "4.23.0-rc.0": {}},
                            "time": {"4.22.0": "2024-10-21T00:00:00Z",
                                     "4.23.0-rc.0": "2026-01-15T00:00:00Z"}},
}


class Registry(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (the name http.server calls)
        answer = ANSWERS.get(self.path)
        if answer is None:
            self.send_error(404)
            return
        body = (answer if isinstance(answer, str) else json.dumps(answer)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def registry():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Registry)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def project(tmp_path):
    """A small project: a release table, a lock file and a matrix with four tools."""
    (tmp_path / "data").mkdir()
    (tmp_path / "requirements").mkdir()
    (tmp_path / "data/releases.yml").write_text(
        "checked: 2026-11-25\npackages:\n"
        "  - name: torch\n    releases:\n"
        "      - \"2.14.1 2026-09-30\"\n      - \"2.15.0 2026-10-28\"\n"
        "  - name: tensorflow\n    releases:\n      - \"2.21.0 2026-03-06\"\n", encoding="utf-8")
    (tmp_path / "requirements/test.txt").write_text(
        "keras==3.15.1 \\\n    --hash=sha256:00\nnumpy==2.3.0 \\\n    --hash=sha256:00\n",
        encoding="utf-8")
    tools = [("ExecuTorch", "executorch", "1.5.1"), ("TensorFlow.js", "npm:@tensorflow/tfjs",
                                                      "4.22.0"),
             ("Gone", "vanished-package", "0.1.0"), ("Broken", "broken", "1.0.0")]
    (tmp_path / "data/ecosystem.yml").write_text(
        "- job: Things\n  id: things\n  tensorflow: []\n  pytorch:\n" + "".join(
            f"    - name: {name}\n      status: active\n      note: Version {newest}.\n"
            f"      checked: 2026-12-01\n      package: \"{package}\"\n"
            f"      newest: \"{newest}\"\n" for name, package, newest in tools),
        encoding="utf-8")
    return tmp_path


def statuses(capsys) -> dict[str, tuple[str, str]]:
    """where -> (registry says, status), from the printed table."""
    rows = [line.split(" | ") for line in capsys.readouterr().out.splitlines()
            if line.startswith("| ") and not line.startswith(("| package", "|---"))]
    return {f"{r[0][2:]} @ {r[1]}": (r[3], r[5].rstrip(" |")) for r in rows}


def test_the_four_cases_each_get_their_status(registry, project, capsys):
    code = check_currency.main(["--root", str(project), "--pypi", f"{registry}/pypi",
                                "--npm", registry])
    found = statuses(capsys)
    assert code == 1, "something is behind"
    assert found["torch @ data/releases.yml"] == ("2.15.0 (2026-10-28)", "current")
    assert found["tensorflow @ data/releases.yml"] == ("2.22.0 (2026-11-30)", "newer release")
    assert found["keras @ requirements/test.txt"] == ("3.15.1 (2026-07-29)", "current")
    assert "numpy @ requirements/test.txt" not in found, "only the framework pins"
    # 1.10.0 is newer than 1.5.1 as versions, not as strings
    assert found["executorch @ data/ecosystem.yml: things, ExecuTorch"][1] == "newer release"
    assert found["npm:@tensorflow/tfjs @ data/ecosystem.yml: things, TensorFlow.js"] == (
        "4.22.0 (2024-10-21)", "current"), "an npm release candidate is not a final release"
    gone = found["vanished-package @ data/ecosystem.yml: things, Gone"]
    assert gone[1] == "not found" and "404" in gone[0]
    broken = found["broken @ data/ecosystem.yml: things, Broken"]
    assert broken[1] == "bad answer" and "not JSON" in broken[0]


def test_a_current_project_exits_0(registry, project, capsys):
    (project / "data/ecosystem.yml").write_text(
        "- job: Things\n  id: things\n  tensorflow: []\n  pytorch:\n"
        "    - name: ExecuTorch\n      status: active\n      note: Version 1.10.0.\n"
        "      checked: 2026-12-01\n      package: executorch\n      newest: \"1.10.0\"\n",
        encoding="utf-8")
    check_currency.main(["--root", str(project), "--pypi", f"{registry}/pypi", "--write"])
    assert "wrote data/releases.yml" in capsys.readouterr().out
    table = (project / "data/releases.yml").read_text(encoding="utf-8")
    assert '"2.22.0 2026-11-30"' in table and "2.16.0rc1" not in table
    code = check_currency.main(["--root", str(project), "--pypi", f"{registry}/pypi"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.rstrip().endswith("5 of 5 current")


def test_a_malformed_answer_is_one_line_without_a_traceback(registry, project, capsys):
    releases = project / "data/releases.yml"
    releases.write_text(releases.read_text().replace("name: torch", "name: broken"))
    code = check_currency.main(["--root", str(project), "--pypi", f"{registry}/pypi",
                                "--npm", registry])
    out = capsys.readouterr().out
    assert code == 1
    assert "Traceback" not in out
    line = next(row for row in out.splitlines() if row.startswith("| broken | data/releases"))
    assert "not JSON" in line and line.endswith("| bad answer |")


def test_unreadable_site_data_is_one_clear_line(project, capsys):
    (project / "data/ecosystem.yml").write_text("- job: [unclosed\n", encoding="utf-8")
    assert check_currency.main(["--root", str(project), "--pypi", "http://127.0.0.1:9"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("check_currency: cannot read the site's data:") and "\n" not in err


def test_the_projects_own_data_yields_every_kind_of_claim(tmp_path):
    """The real data files parse, and each source of claims contributes."""
    for part in ("data", "requirements"):
        shutil.copytree(ROOT / part, tmp_path / part)
    found = check_currency.claims(tmp_path)
    wheres = {c.where.split(":")[0] for c in found}
    assert {"data/releases.yml", "requirements/test.txt", "data/ecosystem.yml"} <= wheres
    pins = {c.package: c.says for c in found if c.where.startswith("requirements/")}
    assert set(pins) == set(check_currency.FRAMEWORK_PINS)
    assert sum(c.where.startswith("data/ecosystem.yml") for c in found) >= 20
