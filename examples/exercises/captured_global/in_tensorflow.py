"""Exercise: the compiled function reads a global that changes between
calls. What does the second call return?

Run: python examples/exercises/captured_global/in_tensorflow.py
"""

import tensorflow as tf

factor = 2.0


@tf.function
def scale(x):
    return x * factor


print("first call:", float(scale(tf.constant(1.0))))
factor = 10.0
print("second call:", float(scale(tf.constant(1.0))))
