"""PyTorch LSTM and GRU layers moved into Keras. The LSTM's gates are in
the same order, but PyTorch has two biases; the GRU's gates are in
another order (PyTorch: reset, update, new; Keras: update, reset, new).

Run: python examples/porting/recurrent/in_tensorflow.py
"""

import keras
import numpy as np
import torch

torch.manual_seed(0)
x = np.random.default_rng(0).normal(size=(2, 7, 3)).astype("float32")


def agrees(layer, port, weights):
    with torch.no_grad():
        y = layer(torch.from_numpy(x))[0][:, -1].numpy()
    port.set_weights(weights)
    return np.allclose(y, np.asarray(port(x)), atol=1e-5)


def numpy(layer):
    return {name: w.detach().numpy() for name, w in layer.named_parameters()}


lstm = torch.nn.LSTM(3, 5, batch_first=True)
w = numpy(lstm)
port = keras.layers.LSTM(5)
port.build((None, 7, 3))
kernels = [w["weight_ih_l0"].T, w["weight_hh_l0"].T]
print("LSTM, bias_ih only:",
      agrees(lstm, port, kernels + [w["bias_ih_l0"]]))
print("LSTM, the two biases added:",
      agrees(lstm, port, kernels + [w["bias_ih_l0"] + w["bias_hh_l0"]]))


def keras_order(w):  # (reset, update, new) to (update, reset, new)
    reset, update, new = np.split(w, 3, axis=-1)
    return np.concatenate([update, reset, new], axis=-1)


gru = torch.nn.GRU(3, 5, batch_first=True)
w = numpy(gru)
port = keras.layers.GRU(5)  # reset_after=True: two biases, as PyTorch
port.build((None, 7, 3))
as_is = [w["weight_ih_l0"].T, w["weight_hh_l0"].T,
         np.stack([w["bias_ih_l0"], w["bias_hh_l0"]])]
print("GRU, gates as stored:", agrees(gru, port, as_is))
print("GRU, gates reordered:",
      agrees(gru, port, [keras_order(v) for v in as_is]))
