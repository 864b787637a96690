"""The migration routes on the Porting page: a quick run of bench/routes.py still finds each
route running, or failing, with the weights the published file shows; the published file is a
full run on the pinned releases; and what the page says of each route holds in that file."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import version

import _routes
import routes
from conftest import ROOT

PUBLISHED = {route["id"]: route for route in _routes.load()["routes"]}


def quick_run(tmp_path) -> dict[str, dict]:
    out = tmp_path / "quick.json"
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "routes.py"), "--quick",
                           "--out", str(out)], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return {route["id"]: route for route in json.loads(out.read_text())["routes"]}


def test_the_published_file_is_a_full_run_of_every_route_on_the_pinned_releases():
    doc = _routes.load()
    assert list(PUBLISHED) == list(routes.ROUTES)
    assert doc["settings"] == routes.FULL | {"quick": False, "batch": 8}
    assert all(route["repeats"] == routes.FULL["repeats"] for route in PUBLISHED.values())
    for route, (direction, how, _, by_hand) in routes.ROUTES.items():  # the page's words
        assert (PUBLISHED[route]["direction"], PUBLISHED[route]["how"],
                PUBLISHED[route]["by_hand"]) == (direction, how, by_hand), (
            f"{route}: bench/routes.py describes it otherwise now; run it again")
    for name, recorded in doc["machine"]["versions"].items():
        if recorded is not None:  # bump a pin, run bench/routes.py again
            assert recorded == version(name), f"{name}: routes measured on {recorded}"


def differences(now: dict, then: dict) -> list[str]:
    """How a route found by a quick run differs from the published one."""
    if now["runs"] != then["runs"]:
        return [f"runs now {now['runs']} ({now.get('error')}), published {then['runs']}"]
    if not now["runs"]:
        return [] if now["error"] == then["error"] else [f"fails otherwise now: {now['error']}"]
    found = []
    if (now["before"], now["after"]) != (then["before"], then["after"]):
        found.append(f"trainable numbers now {now['before']} -> {now['after']}, published "
                     f"{then['before']} -> {then['after']}")
    if not now["difference"] < 1e-5:
        found.append(f"outputs differ by {now['difference']:.1e}")
    for key in ("kind", "batch_norm_layers", "trainable_layers", "is_torch_module"):
        if now.get(key) != then.get(key):
            found.append(f"{key} now {now.get(key)!r}, published {then.get(key)!r}")
    return found


def test_a_quick_run_finds_every_route_as_published(tmp_path):
    # One test, not one per route: the quick run takes about two minutes, and test workers
    # would each run it for their share of the routes.
    now = quick_run(tmp_path)
    assert list(now) == list(PUBLISHED)
    problems = [f"{route}: {problem}" for route in now
                for problem in differences(now[route], PUBLISHED[route])]
    assert not problems, "\n".join(problems)


def test_what_the_page_says_of_each_route_holds_in_the_published_file():
    r = PUBLISHED
    full = r["keras-original"]["after"]
    assert full == r["torch-original"]["after"] == 3106  # "3,106 trainable numbers in all"
    # The backend switch: a torch.nn.Module with every weight trainable.
    assert r["keras-backend"]["is_torch_module"] and r["keras-backend"]["after"] == full
    # ONNX to PyTorch: batch normalization folded, only the convolutions keep parameters.
    assert r["tf2onnx-onnx2torch"]["batch_norm_layers"] == 0
    assert r["tf2onnx-onnx2torch"]["trainable_layers"] == ["Conv2d"]
    assert 0 < r["tf2onnx-onnx2torch"]["after"] < full
    assert r["tf2onnx-onnxruntime"]["after"] == r["torch-onnx-onnxruntime"]["after"] == 0
    assert r["tf2onnx-onnxruntime"]["kind"] == "inference"
    # nobuco stops at its import, on Keras 2's internals.
    assert not r["nobuco"]["runs"] and "keras.src.engine" in r["nobuco"]["error"]
    for route in ("torch-module-wrapper", "rewrite-keras-to-torch", "rewrite-torch-to-keras"):
        assert r[route]["runs"] and r[route]["after"] == full, route
    for route in PUBLISHED.values():
        if route["runs"]:
            assert route["difference"] < 1e-5, route["id"]

