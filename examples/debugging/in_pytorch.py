"""Two debugging switches of torch.compile: logging why a function
recompiles (what TORCH_LOGS="recompiles" turns on), and a stance that
runs compiled functions eagerly without removing torch.compile.

Run: python examples/debugging/in_pytorch.py
"""

import logging
import os

import torch


class PrintHandler(logging.Handler):
    """Prints log messages to standard output, so that this page shows them,
    without this file's folder, which differs from machine to machine."""

    def emit(self, record):
        folder = os.path.dirname(os.path.abspath(__file__)) + os.sep
        print(record.getMessage().replace(folder, ""))


# The same as running with TORCH_LOGS="recompiles", printed here.
torch._logging.set_logs(recompiles=True)
logging.getLogger("torch._dynamo").addHandler(PrintHandler())

compiles = []


def counting_backend(graph_module, example_inputs):
    compiles.append(graph_module)
    return graph_module.forward


@torch.compile(backend=counting_backend)
def double(x):
    return x * 2


double(torch.ones(2))
double(torch.ones(2, dtype=torch.float64))  # a new dtype fails a guard
print(f"graphs compiled: {len(compiles)}")

torch._logging.set_logs(recompiles=False)
torch.compiler.set_stance("force_eager")  # ignore torch.compile for now
double(torch.ones(2, dtype=torch.int64))
print(f"after a call under force_eager: {len(compiles)}")
torch.compiler.set_stance("default")
