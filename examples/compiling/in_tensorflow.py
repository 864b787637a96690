"""Compiling a function with tf.function, with and without XLA, compared
with eager execution.

Run: python examples/compiling/in_tensorflow.py
"""

import numpy as np
import tensorflow as tf

rng = np.random.default_rng(0)  # the same inputs as in_pytorch.py
x = tf.constant(rng.normal(size=(8, 4)).astype("float32"))
w = tf.constant(rng.normal(size=(4, 3)).astype("float32"))


def relu_sum(x, w):
    return tf.reduce_sum(tf.nn.relu(tf.matmul(x, w)))


graph = tf.function(relu_sum)  # traced into a graph on the first call
xla = tf.function(relu_sum, jit_compile=True)  # compiled whole by XLA
print(f"eager:    {relu_sum(x, w).numpy():.4f}")
print(f"graph:    {graph(x, w).numpy():.4f}")
print(f"XLA:      {xla(x, w).numpy():.4f}")
print(f"traces so far: {graph.experimental_get_tracing_count()}")
