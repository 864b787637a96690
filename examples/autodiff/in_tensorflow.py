"""Derivatives of y = x**3 + 2x at x = 3 with TensorFlow's GradientTape.

Run: python examples/autodiff/in_tensorflow.py
"""

import tensorflow as tf

x = tf.Variable(3.0)  # a tape watches trainable variables automatically
with tf.GradientTape() as outer:
    with tf.GradientTape() as inner:  # nested tapes: higher derivatives
        y = x**3 + 2 * x
    dy_dx = inner.gradient(y, x)
d2y_dx2 = outer.gradient(dy_dx, x)
print(f"y = {y.numpy():.1f}")
print(f"dy/dx = {dy_dx.numpy():.1f}, d2y/dx2 = {d2y_dx2.numpy():.1f}")

# A tape returns gradients instead of storing them, and by default
# it can be used only once.
with tf.GradientTape() as tape:
    z = x**3 + 2 * x
print(f"tape.gradient(): {tape.gradient(z, x).numpy():.1f}")
try:
    tape.gradient(z, x)
except RuntimeError as error:
    print(f"second tape.gradient(): RuntimeError: {error}")
