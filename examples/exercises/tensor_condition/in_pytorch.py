"""Exercise: an `if` on a tensor's value inside a compiled function.
What does fullgraph=True do, and what does the default return?

Run: python examples/exercises/tensor_condition/in_pytorch.py
"""

import torch


def magnitude(x):
    if x[0] > 0:
        return x
    return -x


x = torch.tensor([-1.0, -2.0])
try:
    torch.compile(magnitude, fullgraph=True)(x)
except Exception as error:  # noqa: BLE001 - the exercise shows which error
    print("fullgraph=True raises", type(error).__name__)
print("default result:", torch.compile(magnitude)(x))
