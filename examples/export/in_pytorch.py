"""Exporting a model with torch.export: which sizes may vary, which graph
level you get, what a call outside the exported shapes does, and calling
the saved program back without its Python class.

Run: python examples/export/in_pytorch.py
"""

import os
import tempfile

import torch
from torch.export import Dim


class Scale(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.w = torch.nn.Parameter(torch.tensor([[2.0], [3.0]]))

    def forward(self, x):
        return x @ self.w


def operators(program):
    return [str(node.target) for node in program.graph.nodes
            if node.op == "call_function"]


# Dim.AUTO: export works out whether the batch dimension may vary.
exported = torch.export.export(
    Scale(), (torch.ones(2, 2),), dynamic_shapes={"x": {0: Dim.AUTO}}
)
print(f"batch size range: {list(exported.range_constraints.values())[0]}")
# Export assumed sizes of at least 2, yet the program still accepts a
# batch of 1 when it runs.
one_row = exported.module()(torch.ones(1, 2))
print(f"a batch of 1 runs anyway: {one_row.detach().ravel().tolist()}")
print(f"operators as exported: {operators(exported)}")
core_aten = exported.run_decompositions()
print(f"after run_decompositions(): {operators(core_aten)}")

# No dynamic_shapes: the batch size is fixed at 2.
fixed = torch.export.export(Scale(), (torch.ones(2, 2),))
try:
    fixed.module()(torch.ones(3, 2))
except AssertionError as error:
    print(f"fixed-size program, batch of 3: {error}")

with tempfile.TemporaryDirectory() as folder:
    path = os.path.join(folder, "scale.pt2")
    torch.export.save(exported, path)  # the graph plus the weights
    restored = torch.export.load(path).module()  # no Scale class needed
    result = restored(torch.tensor([[1.0, 1.0], [2.0, 0.0], [0.0, 1.0]]))
print(f"restored output: {result.detach().ravel().tolist()}")
