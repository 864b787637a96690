"""Exercise: how many lines does this print in three calls?

Run: python examples/exercises/print_in_compiled/in_pytorch.py
"""

import torch


@torch.compile
def step(x):
    print("print")
    return x + 1


for value in (1.0, 2.0, 3.0):
    step(torch.tensor(value))
