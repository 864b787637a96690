"""Exercise: a convolution, Flatten and Dense moved from Keras to PyTorch.
The convolution's kernel is permuted correctly and the Dense kernel is
transposed. Do the two models agree, and which fix makes them agree?

Run: python examples/exercises/flatten_order/in_pytorch.py
"""

import keras
import numpy as np
import torch

x = np.random.default_rng(0).normal(size=(1, 4, 4, 1)).astype("float32")
conv = keras.layers.Conv2D(2, 3)
dense = keras.layers.Dense(1)
expected = dense(keras.layers.Flatten()(conv(x))).numpy()

t_conv = torch.nn.Conv2d(1, 2, 3)
t_dense = torch.nn.Linear(8, 1)
kernel = torch.from_numpy(conv.kernel.numpy())
with torch.no_grad():
    t_conv.weight.copy_(kernel.permute(3, 2, 0, 1))
    t_conv.bias.copy_(torch.from_numpy(conv.bias.numpy()))
    t_dense.weight.copy_(torch.from_numpy(dense.kernel.numpy()).T)
    t_dense.bias.copy_(torch.from_numpy(dense.bias.numpy()))
    features = t_conv(torch.from_numpy(x).permute(0, 3, 1, 2))  # N, C, H, W
    as_copied = t_dense(features.flatten(1))
    channels_last = t_dense(features.permute(0, 2, 3, 1).flatten(1))
for name, got in [("flatten(1)", as_copied),
                  ("permute(0, 2, 3, 1).flatten(1)", channels_last)]:
    same = np.allclose(got.numpy(), expected, atol=1e-5)
    print(f"{name}:", "agrees" if same else "differs")
