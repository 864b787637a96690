"""When torch.compile compiles again (recompiles), counted with a backend
that records each graph it is given.

Run: python examples/retracing/in_pytorch.py
"""

import torch

graphs = []


def recording_backend(graph_module, example_inputs):
    """A torch.compile backend that records each graph it is given."""
    shapes = [tuple(t.shape) for t in example_inputs
              if isinstance(t, torch.Tensor)]
    print(f"  compiling a graph for inputs of shape {shapes}")
    graphs.append(graph_module)
    return graph_module.forward  # run the graph unchanged


@torch.compile(backend=recording_backend)
def double(x):
    return x * 2


print("tensors of one shape share a graph:")
double(torch.ones(2))
double(torch.full((2,), 5.0))
print("a new shape recompiles once, with the size as a symbol:")
double(torch.ones(3))
double(torch.ones(4))
print(f"graphs compiled: {len(graphs)}")
