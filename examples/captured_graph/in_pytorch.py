"""The graph torch.export captures for a small function.

Run: python examples/captured_graph/in_pytorch.py
"""

import torch


class AffineReLU(torch.nn.Module):
    def forward(self, x, w):
        return torch.relu(x @ w + 1.0).sum()


example_inputs = (torch.ones(2, 4), torch.ones(4, 3))
exported = torch.export.export(AffineReLU(), example_inputs)
for node in exported.graph.nodes:  # an FX graph: one node per operation
    print(f"{node.op:<14} {node.target}")
