"""Exercise: the compiled function reads a global that changes between
calls. What does the second call return?

Run: python examples/exercises/captured_global/in_pytorch.py
"""

import torch

factor = 2.0


@torch.compile
def scale(x):
    return x * factor


print("first call:", float(scale(torch.tensor(1.0))))
factor = 10.0
print("second call:", float(scale(torch.tensor(1.0))))
