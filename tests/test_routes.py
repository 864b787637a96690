"""The migration routes on the Porting page: a quick run of bench/routes.py still finds each
route running, or failing, with the weights the published file shows; the published file is a
full run on the pinned releases; and what the page says of each route holds in that file."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import version

import pytest

import _routes
import routes
from conftest import ROOT

PUBLISHED = {route["id"]: route for route in _routes.load()["routes"]}


@pytest.fixture(scope="module")
def quick(tmp_path_factory):
    out = tmp_path_factory.mktemp("routes") / "quick.json"
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
    for name, recorded in doc["machine"]["versions"].items():
        if recorded is not None:  # bump a pin, run bench/routes.py again
            assert recorded == version(name), f"{name}: routes measured on {recorded}"


@pytest.mark.parametrize("route", list(routes.ROUTES))
def test_a_quick_run_finds_each_route_as_published(quick, route):
    now, then = quick[route], PUBLISHED[route]
    assert now["runs"] == then["runs"], (
        f"{route}: runs now {now['runs']} ({now.get('error')}), published {then['runs']}")
    if not now["runs"]:
        assert now["error"] == then["error"], f"{route}: fails otherwise now: {now['error']}"
        return
    assert (now["before"], now["after"]) == (then["before"], then["after"]), (
        f"{route}: trainable numbers now {now['before']} -> {now['after']}, published "
        f"{then['before']} -> {then['after']}")
    assert now["difference"] < 1e-5, f"{route}: outputs differ by {now['difference']:.1e}"
    for key in ("kind", "batch_norm_layers", "trainable_layers", "is_torch_module"):
        assert now.get(key) == then.get(key), f"{route}: {key} now {now.get(key)!r}"


def test_what_the_page_says_of_each_route_holds_in_the_published_file():
    r = PUBLISHED
    full = r["keras-original"]["after"]
    assert full == r["torch-original"]["after"] == 2706  # "2,706 trainable numbers in all"
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

