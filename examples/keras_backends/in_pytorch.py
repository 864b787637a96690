"""Runs the Keras model in _train.py on the PyTorch backend.

Run: python examples/keras_backends/in_pytorch.py
"""

import os

# The backend must be chosen before Keras is first imported.
os.environ["KERAS_BACKEND"] = "torch"

from _train import main  # noqa: E402

main()
