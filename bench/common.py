"""What both implementations share: the models' sizes, the synthetic data and starting weights
(drawn once with NumPy, so both frameworks start from the same numbers), and the statistics of
one measurement window."""

from __future__ import annotations

import itertools
import statistics

import numpy as np

SEED = 0
CLASSES = 10
# Each model: the shape of one input example, and the batch sizes for training and throughput
# (latency is always batch 1). Small enough to run on a 2-core CPU; the Performance page says so.
MODELS = {
    "mlp": {"input": (784,), "train_batch": 64, "throughput_batch": 512},
    "cnn": {"input": (28, 28, 1), "train_batch": 32, "throughput_batch": 256},
    # A GPT-style decoder: token and position embeddings, pre-norm blocks with causal
    # self-attention, next-token loss at every position.
    "transformer": {"input": (64,), "train_batch": 8, "throughput_batch": 32},
}
MLP_HIDDEN = 256
CNN_CHANNELS = (16, 32)
GPT = {"vocab": 256, "context": 64, "width": 128, "heads": 4, "ff": 512, "layers": 2}
LEARNING_RATE = 0.05
LAYER_NORM_EPS = 1e-5
MASKED = -1e9  # added to attention scores of future positions before the softmax
# The sweeps: training-step time and memory against batch size, and against the MLP's width.
SWEEP_BATCHES = (1, 16, 64, 256, 1024)
SWEEP_WIDTHS = (64, 256, 1024, 2048)


def rng() -> np.random.Generator:
    return np.random.default_rng(SEED)


def batch(model: str, size: int, generator: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Inputs and integer labels; for the decoder, tokens and the next token at each position."""
    if model == "transformer":
        tokens = generator.integers(0, GPT["vocab"], size=(size, GPT["context"] + 1))
        return tokens[:, :-1].astype("int64"), tokens[:, 1:].astype("int64")
    x = generator.normal(size=(size, *MODELS[model]["input"])).astype("float32")
    y = generator.integers(0, CLASSES, size=size).astype("int64")
    return x, y


def glorot(generator: np.random.Generator, fan_in: int, fan_out: int,
           shape: tuple[int, ...]) -> np.ndarray:
    """Glorot-uniform weights, the Keras default, used for both frameworks."""
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return generator.uniform(-limit, limit, size=shape).astype("float32")


def dense(w: dict, g: np.random.Generator, name: str, a: int, b: int) -> None:
    w[f"{name}.kernel"] = glorot(g, a, b, (a, b))
    w[f"{name}.bias"] = np.zeros(b, "float32")


def norm(w: dict, name: str, size: int) -> None:
    w[f"{name}.gamma"] = np.ones(size, "float32")
    w[f"{name}.beta"] = np.zeros(size, "float32")


def weights(model: str, width: int = MLP_HIDDEN) -> dict[str, np.ndarray]:
    """Starting weights in TensorFlow's layouts: dense (in, out), conv (height, width, in, out),
    embeddings (rows, width). The PyTorch implementation transposes them into its own layouts.
    `width` is the MLP's hidden size (the width sweep changes it)."""
    g = np.random.default_rng(SEED + 1)
    w: dict[str, np.ndarray] = {}
    if model == "mlp":
        for i, (a, b) in enumerate(itertools.pairwise([784, width, width, CLASSES])):
            dense(w, g, f"dense{i}", a, b)
    elif model == "cnn":
        channels = [1, *CNN_CHANNELS]
        for i, (a, b) in enumerate(itertools.pairwise(channels)):
            w[f"conv{i}.kernel"] = glorot(g, 9 * a, 9 * b, (3, 3, a, b))
            w[f"conv{i}.bias"] = np.zeros(b, "float32")
        dense(w, g, "head", channels[-1], CLASSES)
    elif model == "transformer":
        d, ff = GPT["width"], GPT["ff"]
        w["tok.embeddings"] = (0.02 * g.normal(size=(GPT["vocab"], d))).astype("float32")
        w["pos.embeddings"] = (0.02 * g.normal(size=(GPT["context"], d))).astype("float32")
        for layer in range(GPT["layers"]):
            norm(w, f"block{layer}.norm1", d)
            for name in ("q", "k", "v", "o"):
                dense(w, g, f"block{layer}.{name}", d, d)
            norm(w, f"block{layer}.norm2", d)
            dense(w, g, f"block{layer}.ff1", d, ff)
            dense(w, g, f"block{layer}.ff2", ff, d)
        norm(w, "norm", d)
        dense(w, g, "head", d, GPT["vocab"])
    else:
        raise ValueError(f"unknown model {model!r}")
    return w


def summary(samples_ms: list[float]) -> dict[str, float]:
    """Median, interquartile range and tail percentiles of one window's timings, in ms."""
    q1, median, q3 = statistics.quantiles(samples_ms, n=4, method="inclusive")
    cuts = statistics.quantiles(samples_ms, n=100, method="inclusive")
    return {
        "median": round(median, 4),
        "q1": round(q1, 4),
        "q3": round(q3, 4),
        "p90": round(cuts[89], 4),
        "p99": round(cuts[98], 4),
        "n": len(samples_ms),
    }
