"""A Keras convolution, Flatten and Dense moved into PyTorch. Keras
flattens a channels-last map (H, W, C); PyTorch a channels-first one
(C, H, W), so the dense kernel's rows must be put in PyTorch's order.

Run: python examples/porting/flatten_order/in_pytorch.py
"""

import keras
import numpy as np
import torch

keras.utils.set_random_seed(0)
x = np.random.default_rng(0).normal(size=(2, 7, 6, 2)).astype("float32")
model = keras.Sequential([keras.Input((7, 6, 2)),
                          keras.layers.Conv2D(3, 3),  # to (5, 4, 3)
                          keras.layers.Flatten(),
                          keras.layers.Dense(2)])
y = np.asarray(model(x))
kernel, bias = model.layers[0].get_weights()
dense_kernel, dense_bias = model.layers[2].get_weights()  # (60, 2)

port = torch.nn.Sequential(torch.nn.Conv2d(2, 3, 3), torch.nn.Flatten(),
                           torch.nn.Linear(60, 2))


def agrees(linear_weight):
    with torch.no_grad():
        port[0].weight.copy_(torch.from_numpy(kernel.transpose(3, 2, 0, 1)))
        port[0].bias.copy_(torch.from_numpy(bias))
        port[2].weight.copy_(torch.from_numpy(linear_weight))
        port[2].bias.copy_(torch.from_numpy(dense_bias))
        out = port(torch.from_numpy(x).permute(0, 3, 1, 2)).numpy()
    return np.allclose(y, out, atol=1e-5)


print("dense kernel transposed only:", agrees(dense_kernel.T))
# Rows in (H, W, C) order, as Keras flattens, to (C, H, W), as PyTorch does.
rows = dense_kernel.reshape(5, 4, 3, 2).transpose(2, 0, 1, 3).reshape(60, 2)
print("rows reordered, then transposed:", agrees(rows.T))
