"""Exercise: Keras Conv2D(padding="same", strides=2) on a 6 x 6 image. What
does PyTorch's padding="same" do with stride 2, and which padding gives
Keras's outputs?

Run: python examples/exercises/same_padding_stride/in_pytorch.py
"""

import keras
import numpy as np
import torch
import torch.nn.functional as F

x = np.random.default_rng(0).normal(size=(1, 6, 6, 1)).astype("float32")
conv = keras.layers.Conv2D(1, 3, strides=2, padding="same", use_bias=False)
expected = conv(x).numpy()[..., 0]
weight = torch.from_numpy(conv.kernel.numpy()).permute(3, 2, 0, 1)
image = torch.from_numpy(x).permute(0, 3, 1, 2)

try:
    F.conv2d(image, weight, stride=2, padding="same")
except (RuntimeError, ValueError) as error:
    print("padding='same':", type(error).__name__, "-", error)
for name, padded, padding in [
    ("padding=1", image, 1),
    ("F.pad(x, (1, 0, 1, 0))", F.pad(image, (1, 0, 1, 0)), 0),
    ("F.pad(x, (0, 1, 0, 1))", F.pad(image, (0, 1, 0, 1)), 0),
]:
    got = F.conv2d(padded, weight, stride=2, padding=padding)[0]
    same = np.allclose(got.numpy(), expected, atol=1e-5)
    print(f"{name}:", "same as Keras" if same else "different")
