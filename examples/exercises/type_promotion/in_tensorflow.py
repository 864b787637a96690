"""Exercise: an integer tensor plus a float tensor. What comes out?

Run: python examples/exercises/type_promotion/in_tensorflow.py
"""

import tensorflow as tf

try:
    result = tf.constant([1, 2]) + tf.constant([0.5, 0.5])
    print("result:", result.numpy(), result.dtype.name)
except tf.errors.InvalidArgumentError as error:
    print("raises", type(error).__name__)
