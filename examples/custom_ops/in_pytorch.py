"""Code that needs concrete values, here Python's math.gamma on each
element, stops torch.compile with a graph break (an error under
fullgraph=True). Wrapped as a custom operator, it is one opaque operation
that torch.compile does not look inside. Same function as in_tensorflow.py.

Run: python examples/custom_ops/in_pytorch.py
"""

import math

import torch


def gamma_of_each(x):
    return torch.tensor([math.gamma(v) for v in x.tolist()])


@torch.compile(fullgraph=True, backend="eager")  # a break is an error
def plain(x):
    return gamma_of_each(x * 1) + 1


try:
    plain(torch.tensor([3.0]))
except torch._dynamo.exc.Unsupported as error:
    print(f"without a custom operator: {str(error).splitlines()[0]}")


@torch.library.custom_op("demo::gamma_of_each", mutates_args=())
def gamma_op(x: torch.Tensor) -> torch.Tensor:
    return gamma_of_each(x)  # a pure function: same input, same output


@gamma_op.register_fake
def _(x):
    return torch.empty_like(x)  # the output's shape and dtype, for tracing


@torch.compile(fullgraph=True, backend="eager")
def wrapped(x):
    return gamma_op(x * 1) + 1


results = [wrapped(torch.tensor([value])).item() for value in (3.0, 4.0, 5.0)]
print(f"with a custom operator, one graph: {results}")
