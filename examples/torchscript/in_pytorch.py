"""TorchScript in the pinned PyTorch: torch.jit.script and torch.jit.trace
still run, and warn that they are deprecated; torch.export captures the
same function as a graph that runs without Python.

Run: python examples/torchscript/in_pytorch.py
"""

import warnings

import torch


def double(x: torch.Tensor) -> torch.Tensor:
    return x * 2


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")  # every warning, not once per place
    scripted = torch.jit.script(double)
    # check_trace=False: by default trace() traces once more to check
    # itself, which issues the warning a second time.
    traced = torch.jit.trace(double, torch.ones(2), check_trace=False)
for warning in caught:
    print(f"{warning.category.__name__}: {warning.message}")
print(f"scripted: {scripted(torch.ones(2)).tolist()}")
print(f"traced:   {traced(torch.ones(2)).tolist()}")


class Double(torch.nn.Module):
    def forward(self, x):
        return double(x)


exported = torch.export.export(Double(), (torch.ones(2),))
print(f"exported: {exported.module()(torch.ones(2)).tolist()}")
