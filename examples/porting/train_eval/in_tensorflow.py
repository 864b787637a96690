"""A PyTorch model with batch normalization and dropout moved into Keras.
PyTorch switches with train() and eval(); Keras runs a model in inference
mode unless it is called with training=True (fit() passes it).

Run: python examples/porting/train_eval/in_tensorflow.py
"""

import keras
import numpy as np
import torch

keras.utils.set_random_seed(0)
torch.manual_seed(0)
x = np.random.default_rng(0).normal(size=(4, 3)).astype("float32")
model = torch.nn.Sequential(torch.nn.Linear(3, 8), torch.nn.BatchNorm1d(8),
                            torch.nn.Dropout(0.5), torch.nn.Linear(8, 2))
model(torch.from_numpy(x))  # a training batch moves the BN statistics
model.eval()
with torch.no_grad():
    y = model(torch.from_numpy(x)).numpy()
p = {name: w.detach().numpy() for name, w in model.state_dict().items()}
statistics = [p["1.weight"], p["1.bias"], p["1.running_mean"],
              p["1.running_var"]]


def ported():
    """A fresh copy each time: a call with training=True also moves the
    moving statistics of the BN layer."""
    port = keras.Sequential([keras.Input((3,)), keras.layers.Dense(8),
                             keras.layers.BatchNormalization(epsilon=1e-5),
                             keras.layers.Dropout(0.5), keras.layers.Dense(2)])
    port.layers[0].set_weights([p["0.weight"].T, p["0.bias"]])
    port.layers[1].set_weights(statistics)
    port.layers[3].set_weights([p["3.weight"].T, p["3.bias"]])
    return port


def agrees(want, got):
    return np.allclose(want, np.asarray(got), atol=1e-5)


print("training=True:", agrees(y, ported()(x, training=True)))
print("no training= (inference):", agrees(y, ported()(x)))

# Fine-tuning with the BN layer frozen: PyTorch needs eval() on it (and
# again after every model.train()); in Keras, trainable=False also makes
# it use its moving statistics.
h = x[:, :1].repeat(8, 1)
with torch.no_grad():
    frozen = model[1](torch.from_numpy(h)).numpy()  # model is in eval()
print("trainable=True, training=True:",
      agrees(frozen, ported().layers[1](h, training=True)))
bn = ported().layers[1]
bn.trainable = False
print("trainable=False, training=True:",
      agrees(frozen, bn(h, training=True)))
