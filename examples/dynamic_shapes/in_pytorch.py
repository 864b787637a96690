"""Input sizes 2, 3, 1 and 5 under torch.compile: the first graph is for
size 2 only, a new size recompiles with the size as a symbol, and size 1
gets a graph of its own (sizes 0 and 1 are specialized by default). Same
sizes as in_tensorflow.py.

Run: python examples/dynamic_shapes/in_pytorch.py
"""

import torch


def recording_backend(graph_module, example_inputs):
    """A torch.compile backend that prints the input sizes it is given."""
    sizes = [tuple(node.meta["example_value"].shape)
             for node in graph_module.graph.nodes
             if node.op == "placeholder"
             and isinstance(node.meta["example_value"], torch.Tensor)]
    print(f"  new graph for input size {sizes[0]}")
    return graph_module.forward  # run the graph unchanged


@torch.compile(backend=recording_backend)
def double(x):
    return x * 2


for n in (2, 3, 1, 5):
    print(f"size {n}:")
    double(torch.ones(n))

print("mark_dynamic before the first call: symbolic from the start")
torch._dynamo.reset()  # forget the graphs above
x = torch.ones(4)
torch._dynamo.mark_dynamic(x, 0)
double(x)
double(torch.ones(7))
