"""Keras LSTM and GRU layers moved into PyTorch. The LSTM's gates are in
the same order, but PyTorch has two biases; the GRU's gates are in
another order (Keras: update, reset, new; PyTorch: reset, update, new).

Run: python examples/porting/recurrent/in_pytorch.py
"""

import keras
import numpy as np
import torch

keras.utils.set_random_seed(0)
x = np.random.default_rng(0).normal(size=(2, 7, 3)).astype("float32")


def agrees(layer, port, weights):
    y = np.asarray(layer(x))  # the last step's output
    with torch.no_grad():
        for name, value in weights.items():
            getattr(port, name).copy_(torch.from_numpy(value))
        out = port(torch.from_numpy(x))[0][:, -1].numpy()
    return np.allclose(y, out, atol=1e-5)


lstm = keras.layers.LSTM(5)
lstm.build((None, 7, 3))
kernel, recurrent, bias = lstm.get_weights()
port = torch.nn.LSTM(3, 5, batch_first=True)
both = {"weight_ih_l0": kernel.T, "weight_hh_l0": recurrent.T,
        "bias_ih_l0": bias, "bias_hh_l0": bias}
print("LSTM, bias in both biases:", agrees(lstm, port, both))
print("LSTM, bias_hh zero:",
      agrees(lstm, port, both | {"bias_hh_l0": np.zeros_like(bias)}))


def pytorch_order(w):  # (update, reset, new) to (reset, update, new)
    update, reset, new = np.split(w, 3, axis=-1)
    return np.concatenate([reset, update, new], axis=-1)


gru = keras.layers.GRU(5)  # reset_after=True by default
gru.build((None, 7, 3))
kernel, recurrent, bias = gru.get_weights()  # bias: (2, 15)
port = torch.nn.GRU(3, 5, batch_first=True)
as_is = {"weight_ih_l0": kernel.T, "weight_hh_l0": recurrent.T,
         "bias_ih_l0": bias[0], "bias_hh_l0": bias[1]}
print("GRU, gates as stored:", agrees(gru, port, as_is))
print("GRU, gates reordered:", agrees(gru, port, {
    name: pytorch_order(w.T).T if "weight" in name else pytorch_order(w)
    for name, w in as_is.items()}))
