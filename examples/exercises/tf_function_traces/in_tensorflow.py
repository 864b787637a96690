"""Exercise: how many times does `scale` trace?

Run: python examples/exercises/tf_function_traces/in_tensorflow.py
"""

import tensorflow as tf

traces = 0


@tf.function
def scale(x, factor):
    global traces
    traces += 1  # Python code in the body runs only while tf.function traces
    return x * factor


x = tf.constant([1.0, 2.0])
scale(x, 2)
scale(x, 3)
scale(x, tf.constant(2.0))
scale(x, tf.constant(3.0))
scale(x * 2, tf.constant(4.0))
print("traces:", traces)
