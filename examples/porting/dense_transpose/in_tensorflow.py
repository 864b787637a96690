"""A PyTorch Linear layer moved into Keras's Dense. PyTorch stores the
weight as (out, in); Keras stores the kernel as (in, out).

Run: python examples/porting/dense_transpose/in_tensorflow.py
"""

import keras
import numpy as np
import torch

torch.manual_seed(0)
x = np.random.default_rng(0).normal(size=(5, 4)).astype("float32")

for features in (3, 4):
    linear = torch.nn.Linear(4, features)
    with torch.no_grad():
        y = linear(torch.from_numpy(x)).numpy()
    weight = linear.weight.detach().numpy()
    bias = linear.bias.detach().numpy()
    dense = keras.layers.Dense(features)
    dense.build((None, 4))
    print(f"Linear(4, {features}): weight {weight.shape}")
    try:  # as it is
        dense.set_weights([weight, bias])
        print("  copied as is agrees:",
              np.allclose(y, np.asarray(dense(x)), atol=1e-5))
    except ValueError as error:
        print("  copied as is:", type(error).__name__)
    dense.set_weights([weight.T, bias])
    print("  transposed agrees:",
          np.allclose(y, np.asarray(dense(x)), atol=1e-5))
