"""Measures the routes that move one model between the frameworks: the full-port model of
examples/porting/full_model/_port.py, written once in Keras and once in PyTorch. For each route
it records whether it runs, the largest difference of its outputs from the original's on the
same batch, the trainable numbers before and after, and the time of one step of what the moved
model can do (a training step, or inference where it cannot be trained). Writes
data/porting-routes.json, which the Porting page renders.

    .venv/bin/python bench/routes.py                           # full run, about 5 minutes
    .venv/bin/python bench/routes.py --quick --out /tmp/r.json  # one repeat, few steps: tests

Every route runs in fresh processes of its own (the Keras backend is chosen at import, and a
failing converter must not take the others with it), repeated in a random order; step times are
summarized across those repeats. First, an untimed process for each original exports what the
other routes start from (a .keras file, the ONNX files) into a scratch folder they share.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import run
import stats

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PORT = ROOT / "examples" / "porting" / "full_model"
OUTPUT = ROOT / "data" / "porting-routes.json"
PACKAGES = ["torch", "keras", "tensorflow-cpu", "numpy", "onnx", "onnxruntime", "tf2onnx",
            "onnx2torch", "onnxscript", "torchvision", "nobuco"]
FULL = {"repeats": 5, "warmup": 3, "steps": 30}
QUICK = {"repeats": 1, "warmup": 1, "steps": 2}

# The routes, in page order: id -> (direction, what the reader runs, the Keras backend the
# process needs or None, what the reader must still do by hand). "original" rows time the
# model in the framework it was written in, for scale.
ROUTES = {
    "keras-original": ("Keras to PyTorch", "The original: the Keras model on TensorFlow",
                       "tensorflow", "Nothing: it is the model being moved."),
    "keras-backend": ("Keras to PyTorch", "Keras 3 with its backend switched to PyTorch: "
                      "`keras.saving.load_model` on the `.keras` file, with "
                      "`KERAS_BACKEND=torch`", "torch",
                      "Nothing for a model of built-in Keras layers. Custom layers must be "
                      "registered to load, `Lambda` layers need `safe_mode=False`, and code "
                      "that calls TensorFlow directly (`tf.*`) must first be rewritten with "
                      "`keras.ops`. The model stays a Keras model, channels-last, and is also "
                      "a `torch.nn.Module`."),
    "tf2onnx-onnx2torch": ("Keras to PyTorch", "ONNX: `tf2onnx.convert.from_keras`, then "
                           "`onnx2torch.convert`", "torch",
                           "Make the weights trainable again: only the convolutions, with "
                           "batch normalization folded into them, keep parameters, and the "
                           "other weights become buffers. The module still takes Keras's "
                           "channels-last input."),
    "tf2onnx-onnxruntime": ("Keras to PyTorch", "ONNX: `tf2onnx.convert.from_keras`, then "
                            "ONNX Runtime", None,
                            "Nothing for inference; it cannot train, and it is not PyTorch."),
    "rewrite-keras-to-torch": ("Keras to PyTorch", "A rewrite in PyTorch with the weights "
                               "copied: `keras_to_torch` (the full port above)", "tensorflow",
                               "Write the model again and a function that copies each weight "
                               "in the other layout."),
    "torch-original": ("PyTorch to Keras", "The original: the PyTorch model", "torch",
                       "Nothing: it is the model being moved."),
    "nobuco": ("PyTorch to Keras", "nobuco: `nobuco.pytorch_to_keras`", "tensorflow",
               "It does not run with Keras 3: nobuco supports Keras 2 only, which needs "
               "TensorFlow 2.15 or earlier in an environment of its own."),
    "torch-onnx-onnxruntime": ("PyTorch to Keras", "ONNX: `torch.onnx.export`, then ONNX "
                               "Runtime", None,
                               "Nothing for inference; it cannot train, and it is not Keras "
                               "or TensorFlow."),
    "torch-module-wrapper": ("PyTorch to Keras", "The PyTorch module inside a Keras model: "
                             "`keras.layers.TorchModuleWrapper`, with `KERAS_BACKEND=torch`",
                             "torch",
                             "Give the output shape (`output_shape=`). The module still runs "
                             "in PyTorch, so the model cannot move to the TensorFlow backend."),
    "rewrite-torch-to-keras": ("PyTorch to Keras", "A rewrite in Keras with the weights copied: "
                               "`torch_to_keras` (the full port above)", "tensorflow",
                               "Write the model again and a function that copies each weight "
                               "in the other layout."),
}


# --- one route, in its own process -------------------------------------------------------------

def timed(step, settings: dict) -> float:
    """Median milliseconds of one call of step() after the warm-up calls."""
    for _ in range(settings["warmup"]):
        step()
    samples = []
    for _ in range(settings["steps"]):
        start = time.perf_counter()
        step()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def torch_training(module, images, labels):
    """A training step (SGD, cross-entropy from logits) on a PyTorch module, as _port does."""
    import torch
    import torch.nn.functional as F
    trainable = [p for p in module.parameters() if p.requires_grad]
    optimizer = torch.optim.SGD(trainable, lr=0.1) if trainable else None
    target = torch.from_numpy(labels)

    def step():
        module.train()
        loss = F.cross_entropy(module(images), target)
        if optimizer:
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return step


def keras_training(model, images, labels):
    import keras
    model.compile(optimizer=keras.optimizers.SGD(0.1),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    return lambda: model.train_on_batch(images, labels)


def measure(route: str, scratch: Path, settings: dict, export: bool = False) -> dict:
    """Runs one route in this process and returns what it found; with export, an original's
    first process writes the files the other routes start from, and times nothing."""
    import numpy as np

    keras_file, keras_onnx, torch_onnx = (scratch / "model.keras", scratch / "keras.onnx",
                                          scratch / "torch.onnx")
    found: dict = {}

    def difference(output, framework: str) -> float:
        output = output.detach().numpy() if hasattr(output, "detach") else output
        reference = np.load(scratch / f"{framework}-reference.npy")
        return float(np.abs(np.asarray(output) - reference).max())

    if route.endswith("onnxruntime"):  # ONNX Runtime alone: neither framework is imported
        import onnxruntime
        keras_side = route.startswith("tf2onnx")
        inputs = np.load(scratch / "batch.npz")["images" if keras_side else "images_nchw"]
        session = onnxruntime.InferenceSession(str(keras_onnx if keras_side else torch_onnx),
                                               providers=["CPUExecutionProvider"])
        name = session.get_inputs()[0].name
        found.update(difference=difference(session.run(None, {name: inputs})[0],
                                           "keras" if keras_side else "torch"),
                     after=0, kind="inference")
        found["step_ms"] = timed(lambda: session.run(None, {name: inputs}), settings)
        return found

    sys.path.insert(0, str(PORT))
    import torch  # before Keras: see examples/porting/full_model/_port.py
    import torch._dynamo  # noqa: F401
    from _port import (
        TorchModel,
        as_if_trained,
        batch,
        keras_model,
        keras_to_torch,
        torch_to_keras,
        trainable,
    )

    images, images_nchw, labels = batch()

    def keras_original():
        model = keras_model(seed=0)
        as_if_trained(model)  # non-zero biases, normalization not the identity
        return model

    def torch_original():
        torch.manual_seed(0)
        model = TorchModel()
        as_if_trained(model)
        return model.eval()

    if route == "keras-original" and export:
        import tensorflow as tf
        import tf2onnx
        model = keras_original()
        np.savez(scratch / "batch.npz", images=images, images_nchw=images_nchw.numpy())
        np.save(scratch / "keras-reference.npy", model(images, training=False).numpy())
        model.save(keras_file)
        spec = (tf.TensorSpec((None, 12, 12, 3), tf.float32, name="images"),)
        tf2onnx.convert.from_keras(model, input_signature=spec, output_path=str(keras_onnx))
    elif route == "torch-original" and export:
        model = torch_original()
        with torch.no_grad():
            np.save(scratch / "torch-reference.npy", model(images_nchw).numpy())
        torch.onnx.export(model, (images_nchw,), str(torch_onnx), dynamo=True,
                          input_names=["images"], dynamic_shapes=None, verbose=False)
    elif route == "keras-original":
        model = keras_original()
        found.update(after=trainable(model), difference=0.0, kind="training")
        found["step_ms"] = timed(keras_training(model, images, labels), settings)
    elif route == "torch-original":
        model = torch_original()
        found.update(after=trainable(model), difference=0.0, kind="training")
        found["step_ms"] = timed(torch_training(model, images_nchw, labels), settings)
    elif route == "keras-backend":
        import keras
        model = keras.saving.load_model(keras_file)
        found.update(is_torch_module=isinstance(model, torch.nn.Module),
                     backend=keras.backend.backend(), kind="training")
        found["difference"] = difference(
            keras.ops.convert_to_numpy(model(images, training=False)), "keras")
        found["after"] = sum(p.numel() for p in model.parameters() if p.requires_grad)
        found["step_ms"] = timed(keras_training(model, images, labels), settings)
    elif route == "tf2onnx-onnx2torch":
        import onnx
        import onnx2torch
        module = onnx2torch.convert(onnx.load(keras_onnx)).eval()
        with torch.no_grad():
            found["difference"] = difference(module(torch.from_numpy(images)), "keras")
        found.update(after=trainable(module), kind="training",
                     batch_norm_layers=sum(isinstance(m, torch.nn.modules.batchnorm._BatchNorm)
                                           for m in module.modules()),
                     # the kinds of layer that hold the parameters left
                     trainable_layers=sorted({type(m).__name__ for m in module.modules() if any(
                         p.requires_grad for p in m.parameters(recurse=False))}))
        found["step_ms"] = timed(torch_training(module, torch.from_numpy(images), labels),
                                 settings)
    elif route == "rewrite-keras-to-torch":
        port = TorchModel()
        keras_to_torch(keras_original(), port)
        with torch.no_grad():
            found["difference"] = difference(port.eval()(images_nchw), "keras")
        found.update(after=trainable(port), kind="training")
        found["step_ms"] = timed(torch_training(port, images_nchw, labels), settings)
    else:  # from PyTorch
        original = torch_original()
        if route == "nobuco":
            import nobuco
            converted = nobuco.pytorch_to_keras(original, args=[images_nchw])
            found["difference"] = difference(converted(images_nchw.numpy()).numpy(), "torch")
            found.update(after=trainable(converted), kind="inference")
        elif route == "torch-module-wrapper":
            import keras
            inputs = keras.Input((3, 12, 12))
            wrapped = keras.layers.TorchModuleWrapper(original, output_shape=(None, 10))
            model = keras.Model(inputs, wrapped(inputs))
            found["difference"] = difference(
                keras.ops.convert_to_numpy(model(images_nchw.numpy(), training=False)), "torch")
            found.update(after=trainable(model), kind="training")
            found["step_ms"] = timed(keras_training(model, images_nchw.numpy(), labels),
                                     settings)
        else:
            port = keras_model()
            torch_to_keras(original, port)
            found["difference"] = difference(port(images, training=False).numpy(), "torch")
            found.update(after=trainable(port), kind="training")
            found["step_ms"] = timed(keras_training(port, images, labels), settings)
    return found


def child(route: str, scratch: Path, settings: dict, export: bool) -> None:
    """Entry point of a route's process: prints one JSON line, the result or the error."""
    try:
        out = {"runs": True, **measure(route, scratch, settings, export)}
    except Exception as error:  # a route that fails is a result, not a crash
        frames = traceback.extract_tb(error.__traceback__)
        out = {"runs": False, "error": f"{type(error).__name__}: {error}".splitlines()[0][:300],
               "raised_in": f"{Path(frames[-1].filename).name}:{frames[-1].lineno}"}
    print(json.dumps(out))


# --- the run: every route, repeated, in random order -------------------------------------------

def spawn(route: str, scratch: Path, quick: bool, export: bool = False) -> dict:
    backend = ROUTES[route][2]
    env = {k: v for k, v in os.environ.items() if k != "KERAS_BACKEND"}
    env |= {"TF_CPP_MIN_LOG_LEVEL": "3", "CUDA_VISIBLE_DEVICES": "", "PYTHONHASHSEED": "0"}
    if backend:
        env["KERAS_BACKEND"] = backend
    command = [sys.executable, str(Path(__file__).resolve()), "--child", route,
               "--scratch", str(scratch)] + (["--quick"] if quick else []) + (
                   ["--export"] if export else [])
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"runs": False, "error": f"process exited with code {done.returncode}: {last}"}
    return json.loads(lines[-1])


def installed() -> dict:
    out = {}
    for name in PACKAGES:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = None
    return out


def summarize(route: str, repeats: list[dict], before: int | None) -> dict:
    """One route's entry: what every repeat found, step times across the repeats; `before` is
    the trainable numbers of the original it starts from."""
    direction, how, _, by_hand = ROUTES[route]
    first = repeats[0]
    entry = {"id": route, "direction": direction, "how": how, "by_hand": by_hand,
             "runs": all(r["runs"] for r in repeats), "repeats": len(repeats),
             "before": before}
    if not entry["runs"]:
        failed = next(r for r in repeats if not r["runs"])
        return entry | {"error": failed["error"], "raised_in": failed.get("raised_in")}
    for key in ("after", "kind", "batch_norm_layers", "trainable_layers", "is_torch_module",
                "backend"):
        if key in first:
            entry[key] = first[key]
    entry["difference"] = max(r["difference"] for r in repeats)
    times = [r["step_ms"] for r in repeats]
    entry["step_ms"] = (dict(zip(("mean", "low", "high"), stats.interval(times), strict=True))
                        if len(times) >= 2 else {"mean": times[0], "low": None, "high": None})
    entry["step_ms"]["samples"] = times
    return entry


def original_size(results: dict[str, list[dict]], direction: str) -> int | None:
    """The trainable numbers of the model a direction starts from, as its original measured."""
    first = results["keras-original" if direction.startswith("Keras") else "torch-original"][0]
    return first.get("after")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", type=Path, default=OUTPUT)
    parser.add_argument("--child", choices=list(ROUTES), help=argparse.SUPPRESS)
    parser.add_argument("--scratch", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--export", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    settings = QUICK if args.quick else FULL
    if args.child:
        child(args.child, args.scratch, settings, args.export)
        return 0

    started = time.time()
    before = run.load_and_steal()
    results: dict[str, list[dict]] = {route: [] for route in ROUTES}
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        # Each original's first process writes the files every other route starts from (the
        # .keras file, the ONNX files, the reference outputs), in an untimed process of its own.
        for route in ("keras-original", "torch-original"):
            done = spawn(route, scratch, args.quick, export=True)
            if not done["runs"]:
                sys.exit(f"{route}: the export the other routes need failed: {done['error']}")
        order = [route for route in ROUTES for _ in range(settings["repeats"])]
        random.Random(started).shuffle(order)
        for number, route in enumerate(order, start=1):
            print(f"[{number}/{len(order)}] {route}", file=sys.stderr, flush=True)
            results[route].append(spawn(route, scratch, args.quick))
    doc = {
        "date": dt.date.today().isoformat(),
        "settings": settings | {"quick": args.quick, "batch": 8},
        "machine": {"cpu": run.cpu_info(), "python": sys.version.split()[0],
                    "virtualization": run.virtualization(), "versions": installed(),
                    "harness": run.git_state(("bench", str(PORT))), "load_before": before,
                    "load_after": run.load_and_steal()},
        "minutes": round((time.time() - started) / 60, 1),
        "routes": [summarize(route, repeats, original_size(results, ROUTES[route][0]))
                   for route, repeats in results.items()],
    }
    args.out.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    for entry in doc["routes"]:
        figure = (f"{entry['step_ms']['mean']:.2f} ms, difference {entry['difference']:.1e}, "
                  f"trainable {entry.get('before')} -> {entry.get('after')}"
                  if entry["runs"] else f"fails: {entry['error']}")
        print(f"{entry['id']:24} {figure}")
    print(f"wrote {args.out} in {doc['minutes']} minutes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
