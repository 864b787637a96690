"""Exercise: a float64 NumPy batch goes into a fresh linear layer. What
happens?

Run: python examples/exercises/float64_input/in_tensorflow.py
"""

import keras
import numpy as np

batch = np.random.default_rng(0).normal(size=(2, 3))  # float64
layer = keras.layers.Dense(1)
output = layer(batch)
print("kernel dtype:", layer.kernel.dtype)
print("output dtype:", output.dtype.name)
