"""Python numbers as arguments: torch.compile specializes on the first
value, then compiles once more with the number as a symbol (an int) or as
a tensor input (a float). Same calls as in_tensorflow.py; a backend that
records each graph counts the compiles.

Run: python examples/python_scalars/in_pytorch.py
"""

import torch

graphs = []


def recording_backend(graph_module, example_inputs):
    """A torch.compile backend that records each graph it is given."""
    graphs.append(graph_module)
    return graph_module.forward  # run the graph unchanged


@torch.compile(backend=recording_backend)
def scale(x, k):
    return x * k


def k_input(graph):
    """How k reaches a graph: not at all (a constant), or as an input."""
    inputs = [n for n in graph.graph.nodes if n.op == "placeholder"]
    if len(inputs) < 2:
        return "a constant"
    return type(inputs[-1].meta["example_value"]).__name__


for values in ((2, 3, 4, 5), (2.5, 3.5, 4.5)):
    torch._dynamo.reset()  # a fresh cache for each run of calls
    graphs.clear()
    for k in values:
        scale(torch.ones(2), k)
    kinds = ", ".join(k_input(g) for g in graphs)
    print(f"k = {values}: {len(graphs)} graphs; k in each: {kinds}")

torch._dynamo.reset()
graphs.clear()
for k in (2.0, 3.0, 4.0, 5.0):
    scale(torch.ones(2), torch.tensor(k))  # a tensor, not a Python number
print(f"k as a float32 tensor: {len(graphs)} graph")
