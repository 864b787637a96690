"""Exercise: a fresh model with dropout is called twice on the same input.
Are the two outputs equal?

Run: python examples/exercises/dropout_calls/in_tensorflow.py
"""

import keras
import numpy as np

keras.utils.set_random_seed(0)
model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(4),
                          keras.layers.Dropout(0.5)])
x = np.ones((1, 4), dtype="float32")
print("equal outputs:", bool(np.array_equal(model(x), model(x))))
