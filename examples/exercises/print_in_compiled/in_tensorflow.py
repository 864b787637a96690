"""Exercise: how many lines does this print in three calls?

Run: python examples/exercises/print_in_compiled/in_tensorflow.py
"""

import sys

import tensorflow as tf


@tf.function
def step(x):
    print("print")
    tf.print("tf.print", output_stream=sys.stdout)
    return x + 1


for value in (1.0, 2.0, 3.0):
    step(tf.constant(value))
