"""Exercise: which of these rearrangements of a Keras Conv2D kernel gives a
PyTorch Conv2d that computes the same outputs?

Run: python examples/exercises/conv_kernel_layout/in_pytorch.py
"""

import keras
import numpy as np
import torch

x = np.random.default_rng(0).normal(size=(1, 6, 6, 2)).astype("float32")
conv = keras.layers.Conv2D(4, 3, use_bias=False)
expected = conv(x).numpy()  # Keras: channels last, NHWC
kernel = torch.from_numpy(conv.kernel.numpy())
print("Keras kernel shape:", tuple(kernel.shape))

candidates = {
    "reshape(4, 2, 3, 3)": kernel.reshape(4, 2, 3, 3),
    "permute(3, 2, 0, 1)": kernel.permute(3, 2, 0, 1),
    "permute(3, 2, 1, 0)": kernel.permute(3, 2, 1, 0),
}
port = torch.nn.Conv2d(2, 4, 3, bias=False)
for name, weight in candidates.items():
    with torch.no_grad():
        port.weight.copy_(weight)
        got = port(torch.from_numpy(x).permute(0, 3, 1, 2))  # NCHW
    same = np.allclose(got.permute(0, 2, 3, 1).numpy(), expected, atol=1e-5)
    print(f"{name}:", "same outputs" if same else "different outputs")
