"""Which Python versions the installed PyTorch declares, and whether
torch.compile accepts the running interpreter: TorchDynamo works on
CPython's bytecode, so each new Python version needs its own support.

Run: python examples/python_support/in_pytorch.py
"""

import importlib.metadata
import sys

import torch

wheel = importlib.metadata.metadata("torch")
versions = [c.rsplit(" :: ", 1)[1] for c in wheel.get_all("Classifier")
            if c.startswith("Programming Language :: Python :: 3.")]
print(f"torch {wheel['Version']}: Requires-Python {wheel['Requires-Python']}")
print(f"classifiers: Python {', '.join(versions)}")
running = f"{sys.version_info.major}.{sys.version_info.minor}"
supported = torch._dynamo.is_dynamo_supported()
print(f"torch.compile on this Python ({running}): {supported}")
