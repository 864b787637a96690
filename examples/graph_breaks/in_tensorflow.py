"""tf.function has no graph breaks: Python it cannot turn into graph
operations either runs once, while tracing, or stops the trace with an
error. Same function as in_pytorch.py.

Run: python examples/graph_breaks/in_tensorflow.py
"""

import tensorflow as tf


@tf.function
def double_and_log(x):
    x = x * 2
    print("  print() ran")  # Python: runs while tracing only
    return x + 1


print("three calls of the traced function:")
for value in (1.0, 2.0, 3.0):
    double_and_log(tf.constant([value]))


@tf.function
def double_and_read(x):
    x = x * 2
    print(f"  the value is {x.numpy()}")  # needs a value, not a graph node
    return x + 1


try:
    double_and_read(tf.constant([1.0]))
except AttributeError as error:
    message = str(error).strip().splitlines()[-1].strip()
    print(f"reading a value while tracing: {message}")
