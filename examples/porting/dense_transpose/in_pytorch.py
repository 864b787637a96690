"""A Keras Dense layer moved into PyTorch's Linear. Keras stores the
kernel as (in, out); PyTorch stores the weight as (out, in).

Run: python examples/porting/dense_transpose/in_pytorch.py
"""

import keras
import numpy as np
import torch

keras.utils.set_random_seed(0)
x = np.random.default_rng(0).normal(size=(5, 4)).astype("float32")


def port(kernel, bias, features):
    linear = torch.nn.Linear(4, features)
    with torch.no_grad():
        linear.weight.copy_(torch.from_numpy(kernel))
        linear.bias.copy_(torch.from_numpy(bias))
        return linear(torch.from_numpy(x)).numpy()


for features in (3, 4):
    dense = keras.layers.Dense(features)
    y = np.asarray(dense(x))
    kernel, bias = dense.get_weights()
    print(f"Dense({features}): kernel {kernel.shape}")
    try:  # as it is
        print("  copied as is agrees:",
              np.allclose(y, port(kernel, bias, features), atol=1e-5))
    except RuntimeError as error:
        print("  copied as is:", type(error).__name__)
    print("  transposed agrees:",
          np.allclose(y, port(kernel.T, bias, features), atol=1e-5))
