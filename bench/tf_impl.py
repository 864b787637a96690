"""The three benchmark models and their steps in TensorFlow with Keras layers (eager, traced
with tf.function, or compiled with XLA)."""

from __future__ import annotations

import numpy as np
import tensorflow as tf

import common as c

keras = tf.keras


def mlp() -> keras.Model:
    return keras.Sequential([
        keras.Input(shape=(784,)),
        keras.layers.Dense(c.MLP_HIDDEN, activation="relu", name="dense0"),
        keras.layers.Dense(c.MLP_HIDDEN, activation="relu", name="dense1"),
        keras.layers.Dense(c.CLASSES, name="dense2"),
    ])


def cnn() -> keras.Model:
    return keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        keras.layers.Conv2D(c.CNN_CHANNELS[0], 3, padding="same", activation="relu", name="conv0"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Conv2D(c.CNN_CHANNELS[1], 3, padding="same", activation="relu", name="conv1"),
        keras.layers.MaxPooling2D(2),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(c.CLASSES, name="head"),
    ])


class Block(keras.layers.Layer):
    """A post-norm transformer encoder block with multi-head self-attention written out."""

    def __init__(self, d, heads, ff, **kwargs):
        super().__init__(**kwargs)
        self.d, self.heads = d, heads
        self.q, self.k, self.v, self.o = (keras.layers.Dense(d, name=n) for n in "qkvo")
        self.ff1 = keras.layers.Dense(ff, name="ff1")
        self.ff2 = keras.layers.Dense(d, name="ff2")
        self.norm1 = keras.layers.LayerNormalization(epsilon=c.LAYER_NORM_EPS, name="norm1")
        self.norm2 = keras.layers.LayerNormalization(epsilon=c.LAYER_NORM_EPS, name="norm2")

    def call(self, x):
        b, t = tf.shape(x)[0], tf.shape(x)[1]
        h, dh = self.heads, self.d // self.heads

        def split(y):
            return tf.transpose(tf.reshape(y, (b, t, h, dh)), (0, 2, 1, 3))

        q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
        attention = tf.nn.softmax(tf.matmul(q, k, transpose_b=True) / tf.sqrt(float(dh)), axis=-1)
        mixed = tf.reshape(tf.transpose(tf.matmul(attention, v), (0, 2, 1, 3)), (b, t, self.d))
        x = self.norm1(x + self.o(mixed))
        return self.norm2(x + self.ff2(tf.nn.relu(self.ff1(x))))


def transformer() -> keras.Model:
    t, d = c.MODELS["transformer"]["input"]
    inputs = keras.Input(shape=(t, d))
    x = inputs
    for layer in range(c.TRANSFORMER["layers"]):
        x = Block(d, c.TRANSFORMER["heads"], c.TRANSFORMER["ff"], name=f"block{layer}")(x)
    outputs = keras.layers.Dense(c.CLASSES, name="head")(keras.layers.GlobalAveragePooling1D()(x))
    return keras.Model(inputs, outputs)


def load(model: keras.Model, weights: dict[str, np.ndarray]) -> None:
    """Copies the shared starting weights into the Keras variables, matched by their paths
    ('block0/norm1/gamma' is 'block0.norm1.gamma')."""
    assigned = set()
    for variable in model.weights:
        parts = variable.path.split("/")
        suffixes = (".".join(parts[i:]) for i in range(len(parts)))
        name = next(suffix for suffix in suffixes if suffix in weights)
        variable.assign(weights[name])
        assigned.add(name)
    missing = set(weights) - assigned
    if missing:
        raise ValueError(f"weights not assigned: {sorted(missing)}")


class Runner:
    """Builds one model in one mode and exposes a training step and an inference call."""

    def __init__(self, model: str, mode: str):
        self.model = {"mlp": mlp, "cnn": cnn, "transformer": transformer}[model]()
        load(self.model, c.weights(model))
        self.loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
        self.optimizer = keras.optimizers.SGD(learning_rate=c.LEARNING_RATE)
        self.optimizer.build(self.model.trainable_variables)
        wrap = {
            "eager": lambda f: f,
            "function": tf.function,
            "xla": lambda f: tf.function(f, jit_compile=True),
        }[mode]
        self._train = wrap(self._train_step)
        self._infer = wrap(lambda x: self.model(x, training=False))

    def data(self, x: np.ndarray, y: np.ndarray):
        return tf.constant(x), tf.constant(y)

    def _train_step(self, x, y):
        with tf.GradientTape() as tape:
            loss = self.loss_fn(y, self.model(x, training=True))
        grads = tape.gradient(loss, self.model.trainable_variables)
        self.optimizer.apply_gradients(
            zip(grads, self.model.trainable_variables, strict=True))
        return loss

    def train_step(self, x, y) -> float:
        return float(self._train(x, y))  # waits for the result

    def infer(self, x) -> None:
        self._infer(x).numpy()
