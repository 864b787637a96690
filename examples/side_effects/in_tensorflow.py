"""One Python side effect (appending to a list) in eager code and under
tf.function, each called three times, beside a TensorFlow operation that
counts the calls. Same calls as in_pytorch.py.

Run: python examples/side_effects/in_tensorflow.py
"""

import tensorflow as tf

log = []
counted = tf.Variable(0)  # updated by a TensorFlow operation


def double(x):
    log.append("ran")  # a Python side effect
    counted.assign_add(1)  # a TensorFlow operation: part of the graph
    return x * 2


def calls_three_times(function, label):
    log.clear()
    counted.assign(0)
    for value in (1.0, 2.0, 3.0):
        function(tf.constant([value]))
    print(f"{label}: {len(log)} of 3 calls; "
          f"assign_add ran {counted.numpy()} of 3")


calls_three_times(double, "eager")
# Python runs only while tracing; later calls run the graph alone.
calls_three_times(tf.function(double), "tf.function")
calls_three_times(tf.function(double, jit_compile=True),
                  "tf.function(jit_compile=True)")

# For debugging: run every tf.function as plain Python.
tf.config.run_functions_eagerly(True)
calls_three_times(tf.function(double), "run_functions_eagerly(True)")
tf.config.run_functions_eagerly(False)
