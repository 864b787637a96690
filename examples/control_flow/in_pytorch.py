"""A tensor-dependent `if` under torch.compile: a Python `if` cannot be
captured in one graph, while torch.cond puts both branches in one graph.

Run: python examples/control_flow/in_pytorch.py
"""

import torch

graphs = []


def recording_backend(graph_module, example_inputs):
    """A torch.compile backend that records each graph it is given."""
    graphs.append(graph_module)
    return graph_module.forward  # run the graph unchanged


def sign_scale(x):
    if x.sum() > 0:  # Python decides, from a tensor's value
        return x * 2
    return -x


strict = torch.compile(sign_scale, fullgraph=True, backend=recording_backend)
try:
    strict(torch.tensor([1.0, 2.0]))
except torch._dynamo.exc.Unsupported as error:
    reason = str(error).splitlines()[0]
    print(f"Python if, fullgraph=True: Unsupported: {reason}")


@torch.compile(fullgraph=True, backend=recording_backend)
def sign_scale_cond(x):
    return torch.cond(x.sum() > 0, lambda x: x * 2, lambda x: -x, (x,))


print(f"positive input: {sign_scale_cond(torch.tensor([1.0, 2.0])).numpy()}")
print(f"negative input: {sign_scale_cond(torch.tensor([-1.0, -2.0])).numpy()}")
print(f"graphs compiled for torch.cond: {len(graphs)}")
