"""Exercise: how many times does torch.compile compile `total` for these
five calls?

Run: python examples/exercises/torch_compile_recompiles/in_pytorch.py
"""

import torch

compilations = 0


def counting_backend(graph_module, example_inputs):
    """A torch.compile backend that counts the graphs it is given and
    runs each one unchanged."""
    global compilations
    compilations += 1
    return graph_module.forward


@torch.compile(backend=counting_backend)
def total(x):
    return (x * 2).sum()


for length in (4, 4, 8, 16, 32):
    total(torch.ones(length))
print("compilations:", compilations)
