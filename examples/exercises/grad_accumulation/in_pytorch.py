"""Exercise: the gradient of x ** 2 at x = 3 is computed twice in a row.
What does the second computation report?

Run: python examples/exercises/grad_accumulation/in_pytorch.py
"""

import torch

x = torch.tensor(3.0, requires_grad=True)
for attempt in (1, 2):
    (x**2).backward()
    print(f"attempt {attempt}: x.grad = {x.grad.item()}")
