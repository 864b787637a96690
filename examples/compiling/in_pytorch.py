"""Compiling a function with torch.compile, compared with eager execution.

Run: python examples/compiling/in_pytorch.py
"""

import numpy as np
import torch

rng = np.random.default_rng(0)  # the same inputs as in_tensorflow.py
x = torch.from_numpy(rng.normal(size=(8, 4)).astype("float32"))
w = torch.from_numpy(rng.normal(size=(4, 3)).astype("float32"))


def relu_sum(x, w):
    return torch.relu(x @ w).sum()


# TorchDynamo captures the graph; TorchInductor generates C++ on a CPU.
compiled = torch.compile(relu_sum)
print(f"eager:    {relu_sum(x, w).item():.4f}")
print(f"compiled: {compiled(x, w).item():.4f}")  # the first call compiles
print(f"same result: {torch.allclose(relu_sum(x, w), compiled(x, w))}")
