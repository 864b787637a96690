"""Three debugging tools for tf.function: tf.print, which runs on every
call; tf.debugging checks, which stop a graph at a bad value; and the
debug mode that runs tf.data functions eagerly.

Run: python examples/debugging/in_tensorflow.py
"""

import sys

import tensorflow as tf


@tf.function
def halve(x):
    print("  print(): while tracing")  # Python: once
    tf.print("  tf.print():", x, output_stream=sys.stdout)  # every call
    return x / 2


for value in (1.0, 2.0):
    halve(tf.constant(value))


@tf.function
def log_of(x):
    y = tf.math.log(x)
    return tf.debugging.check_numerics(y, message="log_of")


try:
    log_of(tf.constant(-1.0))
except tf.errors.InvalidArgumentError as error:
    lines = error.message.splitlines()
    reason = next(line for line in lines if "Tensor had" in line)
    print(f"check_numerics: {reason.strip()}")

# run_functions_eagerly does not reach functions that tf.data traces;
# tf.data has its own debug mode, enabled before any pipeline is built.
tf.data.experimental.enable_debug_mode()
runs = []  # map's function: traced once, then run as Python per element
dataset = tf.data.Dataset.range(3).map(lambda x: runs.append(1) or x)
list(dataset)
print(f"under tf.data debug mode: map ran Python {len(runs)} time(s)")
