"""Exporting a model with torch.export, saving it, and calling it back
without its Python class.

Run: python examples/export/in_pytorch.py
"""

import os
import tempfile

import torch


class Scale(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.w = torch.nn.Parameter(torch.tensor([[2.0], [3.0]]))

    def forward(self, x):
        return x @ self.w


batch = torch.export.Dim("batch")  # the first dimension may vary
exported = torch.export.export(
    Scale(), (torch.ones(2, 2),), dynamic_shapes={"x": {0: batch}}
)
with tempfile.TemporaryDirectory() as folder:
    path = os.path.join(folder, "scale.pt2")
    torch.export.save(exported, path)  # the graph plus the weights
    restored = torch.export.load(path).module()  # no Scale class needed
    result = restored(torch.tensor([[1.0, 1.0], [2.0, 0.0], [0.0, 1.0]]))
print(f"restored output: {result.detach().ravel().tolist()}")
