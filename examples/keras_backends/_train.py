"""One Keras 3 model and training run. in_tensorflow.py and in_pytorch.py
choose the backend before importing this module."""

import keras
import numpy as np


def main():
    # The same data and weights as the training_step examples.
    rng = np.random.default_rng(0)
    x = rng.normal(size=(16, 4)).astype("float32")
    y = rng.integers(0, 3, size=16)
    w1 = rng.normal(scale=0.5, size=(4, 8)).astype("float32")
    w2 = rng.normal(scale=0.5, size=(8, 3)).astype("float32")

    model = keras.Sequential([
        keras.Input(shape=(4,)),
        keras.layers.Dense(8, activation="relu"),
        keras.layers.Dense(3),
    ])
    model.layers[0].set_weights([w1, np.zeros(8, "float32")])
    model.layers[1].set_weights([w2, np.zeros(3, "float32")])
    model.compile(
        optimizer=keras.optimizers.SGD(learning_rate=0.1),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    )
    # Count how often the Python body of the training step runs.
    python_runs = []
    train_step = model.train_step

    def counted_train_step(data):
        python_runs.append(1)
        return train_step(data)

    model.train_step = counted_train_step
    history = model.fit(
        x, y, batch_size=16, epochs=5, shuffle=False, verbose=0
    )
    print(f"backend: {keras.backend.backend()}")
    print(f"jit_compile resolved to: {model.jit_compile}")  # "auto" asked
    print(f"train_step ran as Python in {len(python_runs)} of 5 steps")
    for epoch, loss in enumerate(history.history["loss"], start=1):
        print(f"epoch {epoch}: loss {loss:.4f}")
