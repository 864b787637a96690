"""Exercise: a float64 NumPy batch goes into a fresh linear layer. What
happens?

Run: python examples/exercises/float64_input/in_pytorch.py
"""

import numpy as np
import torch

batch = np.random.default_rng(0).normal(size=(2, 3))  # float64
layer = torch.nn.Linear(3, 1)
print("weight dtype:", layer.weight.dtype)
try:
    print("output dtype:", layer(torch.from_numpy(batch)).dtype)
except RuntimeError as error:
    print("raises RuntimeError:", error)
