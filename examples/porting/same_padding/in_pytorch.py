"""Keras's padding="same" with a stride of 2, moved into PyTorch. On an
even input, Keras pads one row and column at the end only; PyTorch's
padding=1 pads both sides, and padding="same" refuses a stride.

Run: python examples/porting/same_padding/in_pytorch.py
"""

import keras
import numpy as np
import torch
import torch.nn.functional as F

keras.utils.set_random_seed(0)
x = np.random.default_rng(0).normal(size=(1, 6, 6, 2)).astype("float32")
x_torch = torch.from_numpy(x).permute(0, 3, 1, 2)  # NHWC to NCHW
conv = keras.layers.Conv2D(3, 3, strides=2, padding="same")
y = np.asarray(conv(x))
kernel, bias = conv.get_weights()
print("Keras output", y.shape)


def port(padding, inputs):
    layer = torch.nn.Conv2d(2, 3, 3, stride=2, padding=padding)
    with torch.no_grad():
        layer.weight.copy_(torch.from_numpy(kernel.transpose(3, 2, 0, 1)))
        layer.bias.copy_(torch.from_numpy(bias))
        out = layer(inputs).permute(0, 2, 3, 1).numpy()
    return out.shape, np.allclose(y, out, atol=1e-5)


try:
    port("same", x_torch)
except ValueError as error:
    print('padding="same":', str(error).split(",")[0])
print("padding=1: shape {}, agrees {}".format(*port(1, x_torch)))
# Pad (left, right, top, bottom) as Keras does, then convolve unpadded.
# This padding fits this size only: Keras pads
# max((ceil(n / s) - 1) * s + k - n, 0) in all, the smaller half first.
print("F.pad 0, 1, 0, 1: shape {}, agrees {}".format(
    *port(0, F.pad(x_torch, (0, 1, 0, 1)))))
