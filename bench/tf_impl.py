"""The benchmark models and their steps in TensorFlow, two ways: with Keras 3 layers and
optimizer (what most TensorFlow code uses today), and in plain TensorFlow (tf.Variable,
tf.GradientTape, assign_sub), which shows TensorFlow's own cost without Keras's per-layer work.
Each runs eager, traced with tf.function, or compiled with XLA."""

from __future__ import annotations

import math

import numpy as np
import tensorflow as tf

import common as c

keras = tf.keras
WRAP = {
    "eager": lambda f: f,
    "function": tf.function,
    "xla": lambda f: tf.function(f, jit_compile=True),
}


def causal_scores(q, k, t: int, head_width: int):
    future = 1.0 - tf.linalg.band_part(tf.ones((t, t)), -1, 0)  # 1 above the diagonal
    return tf.matmul(q, k, transpose_b=True) / math.sqrt(head_width) + future * c.MASKED


# Keras 3 models, with the layer names the shared weights use.

def mlp(width: int) -> keras.Model:
    return keras.Sequential([
        keras.Input(shape=(784,)),
        keras.layers.Dense(width, activation="relu", name="dense0"),
        keras.layers.Dense(width, activation="relu", name="dense1"),
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
    """A pre-norm decoder block with causal multi-head self-attention written out."""

    def __init__(self, d, heads, ff, **kwargs):
        super().__init__(**kwargs)
        self.d, self.heads = d, heads
        self.norm1 = keras.layers.LayerNormalization(epsilon=c.LAYER_NORM_EPS, name="norm1")
        self.q, self.k, self.v, self.o = (keras.layers.Dense(d, name=n) for n in "qkvo")
        self.norm2 = keras.layers.LayerNormalization(epsilon=c.LAYER_NORM_EPS, name="norm2")
        self.ff1 = keras.layers.Dense(ff, activation="gelu", name="ff1")  # exact GELU (erf)
        self.ff2 = keras.layers.Dense(d, name="ff2")

    def call(self, x):
        b, t = tf.shape(x)[0], x.shape[1]
        h, dh = self.heads, self.d // self.heads

        def split(y):
            return tf.transpose(tf.reshape(y, (b, t, h, dh)), (0, 2, 1, 3))

        y = self.norm1(x)
        q, k, v = split(self.q(y)), split(self.k(y)), split(self.v(y))
        attention = tf.nn.softmax(causal_scores(q, k, t, dh), axis=-1)
        mixed = tf.reshape(tf.transpose(tf.matmul(attention, v), (0, 2, 1, 3)), (b, t, self.d))
        x = x + self.o(mixed)
        return x + self.ff2(self.ff1(self.norm2(x)))


class Positions(keras.layers.Layer):
    """A learned position embedding added to the token embeddings."""

    def build(self, input_shape):
        self.embeddings = self.add_weight(shape=(c.GPT["context"], c.GPT["width"]),
                                          name="embeddings")

    def call(self, x):
        return x + self.embeddings[: x.shape[1]]


def gpt() -> keras.Model:
    d = c.GPT["width"]
    tokens = keras.Input(shape=(c.GPT["context"],), dtype="int64")
    x = Positions(name="pos")(keras.layers.Embedding(c.GPT["vocab"], d, name="tok")(tokens))
    for layer in range(c.GPT["layers"]):
        x = Block(d, c.GPT["heads"], c.GPT["ff"], name=f"block{layer}")(x)
    x = keras.layers.LayerNormalization(epsilon=c.LAYER_NORM_EPS, name="norm")(x)
    return keras.Model(tokens, keras.layers.Dense(c.GPT["vocab"], name="head")(x))


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


# Plain TensorFlow: the same models as functions of a dict of tf.Variables.

def plain_dense(w, name, x):
    return tf.matmul(x, w[f"{name}.kernel"]) + w[f"{name}.bias"]


def plain_norm(w, name, x):
    mean, variance = tf.nn.moments(x, axes=[-1], keepdims=True)
    return ((x - mean) * tf.math.rsqrt(variance + c.LAYER_NORM_EPS) * w[f"{name}.gamma"]
            + w[f"{name}.beta"])


def plain_forward(model: str, w: dict, x):
    if model == "mlp":
        x = tf.nn.relu(plain_dense(w, "dense0", x))
        return plain_dense(w, "dense2", tf.nn.relu(plain_dense(w, "dense1", x)))
    if model == "cnn":
        for i in range(len(c.CNN_CHANNELS)):
            x = tf.nn.conv2d(x, w[f"conv{i}.kernel"], strides=1, padding="SAME")
            x = tf.nn.max_pool2d(tf.nn.relu(x + w[f"conv{i}.bias"]), 2, 2, "VALID")
        return plain_dense(w, "head", tf.reduce_mean(x, axis=(1, 2)))
    d, h = c.GPT["width"], c.GPT["heads"]
    b, t = tf.shape(x)[0], x.shape[1]
    x = tf.gather(w["tok.embeddings"], x) + w["pos.embeddings"][:t]

    def split(y):
        return tf.transpose(tf.reshape(y, (b, t, h, d // h)), (0, 2, 1, 3))

    for layer in range(c.GPT["layers"]):
        p = f"block{layer}."
        y = plain_norm(w, p + "norm1", x)
        q, k, v = (split(plain_dense(w, p + n, y)) for n in "qkv")
        attention = tf.nn.softmax(causal_scores(q, k, t, d // h), axis=-1)
        mixed = tf.reshape(tf.transpose(tf.matmul(attention, v), (0, 2, 1, 3)), (b, t, d))
        x = x + plain_dense(w, p + "o", mixed)
        y = tf.nn.gelu(plain_dense(w, p + "ff1", plain_norm(w, p + "norm2", x)), approximate=False)
        x = x + plain_dense(w, p + "ff2", y)
    return plain_dense(w, "head", plain_norm(w, "norm", x))


class Runner:
    """Builds one model in one API and mode and exposes a training step and an inference call.
    api: "keras" (Keras 3 layers, loss and optimizer) or "tensorflow" (plain TensorFlow)."""

    def __init__(self, model: str, mode: str, api: str = "keras", width: int = c.MLP_HIDDEN,
                 device: str = "cpu"):
        self.model_name, self.api = model, api
        self.device = "/GPU:0" if device == "cuda" else "/CPU:0"
        weights = c.weights(model, width)
        if api == "keras":
            self.model = mlp(width) if model == "mlp" else {"cnn": cnn, "transformer": gpt}[model]()
            load(self.model, weights)
            self.variables = self.model.trainable_variables
            self.loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
            self.optimizer = keras.optimizers.SGD(learning_rate=c.LEARNING_RATE)
            self.optimizer.build(self.variables)
            step, forward = self._keras_step, lambda x: self.model(x, training=False)
        else:
            self.weights = {name: tf.Variable(array, name=name) for name, array in weights.items()}
            self.variables = list(self.weights.values())
            step, forward = self._plain_step, lambda x: plain_forward(model, self.weights, x)
        self._train, self._infer = WRAP[mode](step), WRAP[mode](forward)

    def data(self, x: np.ndarray, y: np.ndarray):
        # Placed on the device before any timing (an eager tf.constant may stay in host memory),
        # as the PyTorch runner does.
        with tf.device(self.device):
            return tf.identity(tf.constant(x)), tf.identity(tf.constant(y))

    def _keras_step(self, x, y):
        with tf.GradientTape() as tape:
            loss = self.loss_fn(y, self.model(x, training=True))
        grads = tape.gradient(loss, self.variables)
        self.optimizer.apply_gradients(zip(grads, self.variables, strict=True))
        return loss

    def _plain_step(self, x, y):
        with tf.GradientTape() as tape:
            logits = plain_forward(self.model_name, self.weights, x)
            loss = tf.reduce_mean(
                tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
        for variable, grad in zip(self.variables, tape.gradient(loss, self.variables),
                                  strict=True):
            if isinstance(grad, tf.IndexedSlices):  # an embedding: update only the rows used
                variable.scatter_sub(tf.IndexedSlices(c.LEARNING_RATE * grad.values, grad.indices))
            else:
                variable.assign_sub(c.LEARNING_RATE * grad)
        return loss

    def train_step(self, x, y) -> float:
        return float(self._train(x, y))  # waits for the result

    def infer(self, x) -> np.ndarray:
        return np.asarray(self._infer(x))  # waits for the result

    def graph_count(self) -> int:
        """Traces so far (0 in eager mode): a timed window must not change it."""
        return sum(f.experimental_get_tracing_count() for f in (self._train, self._infer)
                   if hasattr(f, "experimental_get_tracing_count"))

    def graph_breaks(self) -> None:
        """Not applicable: tf.function traces a whole function or fails."""
        return None

    def sync(self) -> None:
        """Nothing to wait for: every call above returns a NumPy value or a float."""
