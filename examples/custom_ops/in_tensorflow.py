"""Code that needs concrete values, here Python's math.gamma on each
element, cannot run while tf.function traces. Wrapped with
tf.numpy_function, it is one operation in the graph that calls back into
Python each time the graph runs. Same function as in_pytorch.py.

Run: python examples/custom_ops/in_tensorflow.py
"""

import math

import numpy as np
import tensorflow as tf


def gamma_of_each(x):
    return np.array([math.gamma(v) for v in x.tolist()], np.float32)


@tf.function
def plain(x):
    return gamma_of_each(x * 1) + 1


try:
    plain(tf.constant([3.0]))
except AttributeError as error:
    lines = str(error).splitlines()
    reason = next(line for line in lines if "has no attribute" in line)
    print(f"without a wrapper: {reason.strip()}")


@tf.function
def wrapped(x):
    return tf.numpy_function(gamma_of_each, [x * 1], tf.float32) + 1


results = [float(wrapped(tf.constant([v]))[0]) for v in (3.0, 4.0, 5.0)]
print(f"with tf.numpy_function, one graph: {results}")
