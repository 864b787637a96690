"""The same small model and training step as in_pytorch.py, in TensorFlow
with Keras layers.

Run: python examples/training_step/in_tensorflow.py
"""

import numpy as np
import tensorflow as tf

# The same data and starting weights as in_pytorch.py.
rng = np.random.default_rng(0)
x = rng.normal(size=(16, 4)).astype("float32")
y = rng.integers(0, 3, size=16)
w1 = rng.normal(scale=0.5, size=(4, 8)).astype("float32")
w2 = rng.normal(scale=0.5, size=(8, 3)).astype("float32")

model = tf.keras.Sequential([
    tf.keras.Input(shape=(4,)),
    tf.keras.layers.Dense(8, activation="relu"),
    tf.keras.layers.Dense(3),
])
# Dense stores its kernel as (in, out), like the NumPy arrays.
model.layers[0].set_weights([w1, np.zeros(8, "float32")])
model.layers[1].set_weights([w2, np.zeros(3, "float32")])

loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
optimizer = tf.keras.optimizers.SGD(learning_rate=0.1)
inputs, labels = tf.constant(x), tf.constant(y)


def train_step(inputs, labels):
    with tf.GradientTape() as tape:  # records the ops run inside
        loss = loss_fn(labels, model(inputs))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(
        zip(grads, model.trainable_variables, strict=True)
    )
    return float(loss)


for step in range(1, 6):
    print(f"step {step}: loss {train_step(inputs, labels):.4f}")
