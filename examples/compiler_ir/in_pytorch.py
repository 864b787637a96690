"""What a back end receives: the graphs that AOTAutograd hands to a custom
torch.compile back end, forward and backward, as ATen operators (before
any decompositions of the back end's own). Same function as
in_tensorflow.py, which shows the forward computation only.

Run: python examples/compiler_ir/in_pytorch.py
"""

import torch
from functorch.compile import make_boxed_func
from torch._functorch.aot_autograd import aot_module_simplified


def operators(graph_module):
    return [str(node.target).removeprefix("aten.").removesuffix(".default")
            for node in graph_module.graph.nodes
            if node.op == "call_function"]


def printing_backend(graph_module, example_inputs):
    """A back end that prints the ATen graphs and runs them unchanged."""

    def compiler(label):
        def compile_graph(graph, inputs):
            print(f"{label}: {operators(graph)}")
            return make_boxed_func(graph.forward)
        return compile_graph

    return aot_module_simplified(
        graph_module, example_inputs,
        fw_compiler=compiler("forward"), bw_compiler=compiler("backward"),
    )


@torch.compile(backend=printing_backend)
def relu_sum(x, w):
    return torch.relu(x @ w).sum()


x = torch.ones(8, 4)
w = torch.ones(4, 3, requires_grad=True)
relu_sum(x, w).backward()  # the backward graph compiles on first use
