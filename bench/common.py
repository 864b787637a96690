"""What both implementations share: the models' sizes, the synthetic data and starting weights
(drawn once with NumPy, so both frameworks start from the same numbers), and the statistics."""

from __future__ import annotations

import itertools
import statistics

import numpy as np

SEED = 0
CLASSES = 10
# Each model: the shape of one input example, and the batch sizes for training, latency and
# throughput. Small enough to run on a 2-core CPU; the Performance page says so.
MODELS = {
    "mlp": {"input": (784,), "train_batch": 64, "throughput_batch": 512},
    "cnn": {"input": (28, 28, 1), "train_batch": 32, "throughput_batch": 256},
    "transformer": {"input": (32, 64), "train_batch": 16, "throughput_batch": 128},
}
MLP_HIDDEN = 256
CNN_CHANNELS = (16, 32)
TRANSFORMER = {"heads": 4, "ff": 128, "layers": 2}
LEARNING_RATE = 0.05
LAYER_NORM_EPS = 1e-5


def rng() -> np.random.Generator:
    return np.random.default_rng(SEED)


def batch(model: str, size: int, generator: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    x = generator.normal(size=(size, *MODELS[model]["input"])).astype("float32")
    y = generator.integers(0, CLASSES, size=size).astype("int64")
    return x, y


def glorot(generator: np.random.Generator, fan_in: int, fan_out: int,
           shape: tuple[int, ...]) -> np.ndarray:
    """Glorot-uniform weights, the Keras default, used for both frameworks."""
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return generator.uniform(-limit, limit, size=shape).astype("float32")


def weights(model: str) -> dict[str, np.ndarray]:
    """Starting weights in TensorFlow's layouts: dense (in, out), conv (height, width, in, out).
    The PyTorch implementation transposes them into its own layouts."""
    g = np.random.default_rng(SEED + 1)
    w: dict[str, np.ndarray] = {}
    if model == "mlp":
        sizes = [784, MLP_HIDDEN, MLP_HIDDEN, CLASSES]
        for i, (a, b) in enumerate(itertools.pairwise(sizes)):
            w[f"dense{i}.kernel"] = glorot(g, a, b, (a, b))
            w[f"dense{i}.bias"] = np.zeros(b, "float32")
    elif model == "cnn":
        channels = [1, *CNN_CHANNELS]
        for i, (a, b) in enumerate(itertools.pairwise(channels)):
            w[f"conv{i}.kernel"] = glorot(g, 9 * a, 9 * b, (3, 3, a, b))
            w[f"conv{i}.bias"] = np.zeros(b, "float32")
        w["head.kernel"] = glorot(g, channels[-1], CLASSES, (channels[-1], CLASSES))
        w["head.bias"] = np.zeros(CLASSES, "float32")
    elif model == "transformer":
        d = MODELS["transformer"]["input"][1]
        for layer in range(TRANSFORMER["layers"]):
            for name in ("q", "k", "v", "o"):
                w[f"block{layer}.{name}.kernel"] = glorot(g, d, d, (d, d))
                w[f"block{layer}.{name}.bias"] = np.zeros(d, "float32")
            w[f"block{layer}.ff1.kernel"] = glorot(g, d, TRANSFORMER["ff"], (d, TRANSFORMER["ff"]))
            w[f"block{layer}.ff1.bias"] = np.zeros(TRANSFORMER["ff"], "float32")
            w[f"block{layer}.ff2.kernel"] = glorot(g, TRANSFORMER["ff"], d, (TRANSFORMER["ff"], d))
            w[f"block{layer}.ff2.bias"] = np.zeros(d, "float32")
            for norm in ("norm1", "norm2"):
                w[f"block{layer}.{norm}.gamma"] = np.ones(d, "float32")
                w[f"block{layer}.{norm}.beta"] = np.zeros(d, "float32")
        w["head.kernel"] = glorot(g, d, CLASSES, (d, CLASSES))
        w["head.bias"] = np.zeros(CLASSES, "float32")
    else:
        raise ValueError(f"unknown model {model!r}")
    return w


def summary(samples_ms: list[float]) -> dict[str, float]:
    """Median and interquartile range of a list of timings, in milliseconds."""
    q1, median, q3 = statistics.quantiles(samples_ms, n=4, method="inclusive")
    return {
        "median": round(median, 4),
        "q1": round(q1, 4),
        "q3": round(q3, 4),
        "n": len(samples_ms),
    }
