"""A PyTorch convolution, Flatten and Linear moved into Keras. PyTorch
flattens a channels-first map (C, H, W); Keras a channels-last one
(H, W, C), so the dense kernel's rows must be put in Keras's order.

Run: python examples/porting/flatten_order/in_tensorflow.py
"""

import keras
import numpy as np
import torch

torch.manual_seed(0)
x = np.random.default_rng(0).normal(size=(2, 2, 7, 6)).astype("float32")
model = torch.nn.Sequential(torch.nn.Conv2d(2, 3, 3),  # to (3, 5, 4)
                            torch.nn.Flatten(), torch.nn.Linear(60, 2))
with torch.no_grad():
    y = model(torch.from_numpy(x)).numpy()
weight = model[0].weight.detach().numpy()
bias = model[0].bias.detach().numpy()
linear_weight = model[2].weight.detach().numpy()  # (2, 60)
linear_bias = model[2].bias.detach().numpy()

port = keras.Sequential([keras.Input((7, 6, 2)), keras.layers.Conv2D(3, 3),
                         keras.layers.Flatten(), keras.layers.Dense(2)])


def agrees(dense_kernel):
    port.layers[0].set_weights([weight.transpose(2, 3, 1, 0), bias])
    port.layers[2].set_weights([dense_kernel, linear_bias])
    out = np.asarray(port(x.transpose(0, 2, 3, 1)))
    return np.allclose(y, out, atol=1e-5)


print("weight transposed only:", agrees(linear_weight.T))
# Rows in (C, H, W) order, as PyTorch flattens, to (H, W, C), as Keras does.
rows = linear_weight.T.reshape(3, 5, 4, 2).transpose(1, 2, 0, 3)
print("transposed, then rows reordered:", agrees(rows.reshape(60, 2)))
