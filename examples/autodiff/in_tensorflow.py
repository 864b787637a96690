"""Derivatives of y = x**3 + 2x at x = 3 with TensorFlow's GradientTape:
the same calls as in_pytorch.py, side by side.

Run: python examples/autodiff/in_tensorflow.py
"""

import tensorflow as tf

x = tf.Variable(3.0)  # a tape watches trainable variables automatically

# One gradient. A tape (persistent=False) frees its record after
# gradient(), as backward() frees the graph (unless retain_graph=True).
with tf.GradientTape() as tape:
    y = x**3 + 2 * x
print(f"dy/dx = {tape.gradient(y, x).numpy():.1f}")
try:
    tape.gradient(y, x)  # the record is gone
except RuntimeError as error:
    print(f"second gradient(): RuntimeError: {error}")

# Keeping the record: persistent=True, like retain_graph=True. The real
# difference: a tape returns fresh gradients, backward() adds into .grad.
with tf.GradientTape(persistent=True) as tape:
    y = x**3 + 2 * x
first, second = tape.gradient(y, x), tape.gradient(y, x)
print(f"two gradient() calls: {first.numpy():.1f} and {second.numpy():.1f}")
del tape  # a persistent tape holds its record until it is deleted

# The second derivative: nested tapes record the gradient itself.
with tf.GradientTape() as outer:
    with tf.GradientTape() as inner:
        y = x**3 + 2 * x
    dy_dx = inner.gradient(y, x)
print(f"d2y/dx2 = {outer.gradient(dy_dx, x).numpy():.1f}")
