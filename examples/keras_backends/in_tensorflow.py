"""Runs the Keras model in _train.py on the TensorFlow backend.

Run: python examples/keras_backends/in_tensorflow.py
"""

import os

# The backend must be chosen before Keras is first imported.
os.environ["KERAS_BACKEND"] = "tensorflow"

from _train import main  # noqa: E402

main()
