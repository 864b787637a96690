"""Exercise: the gradient of x ** 2 at x = 3 is computed twice in a row.
What does the second computation report?

Run: python examples/exercises/grad_accumulation/in_tensorflow.py
"""

import tensorflow as tf

x = tf.Variable(3.0)
for attempt in (1, 2):
    with tf.GradientTape() as tape:
        y = x**2
    print(f"attempt {attempt}: gradient = {float(tape.gradient(y, x))}")
