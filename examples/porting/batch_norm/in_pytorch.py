"""Keras BatchNormalization moved into PyTorch's BatchNorm1d: the momentum
means the opposite, the epsilon differs, and the moving variance is
averaged from another estimate of the batch's variance.

Run: python examples/porting/batch_norm/in_pytorch.py
"""

import keras
import numpy as np
import torch

x = np.random.default_rng(0).normal(2, 3, size=(32, 3)).astype("float32")
bn = keras.layers.BatchNormalization()
bn.build((None, 3))
print(f"Keras: momentum {bn.momentum}, epsilon {bn.epsilon}")
bn(x, training=True)  # one training batch updates the moving statistics
keras_mean = bn.moving_mean.numpy()
keras_var = bn.moving_variance.numpy()


def close(a, b):
    return np.allclose(np.asarray(a), np.asarray(b), atol=1e-5)


# One training batch from the same fresh state (mean 0, variance 1).
for label, settings in [("defaults (momentum 0.1)", {}),
                        ("momentum=0.99, copied as is", {"momentum": 0.99}),
                        ("momentum=0.01 (1 - 0.99)", {"momentum": 0.01})]:
    port = torch.nn.BatchNorm1d(3, **settings)
    port(torch.from_numpy(x))  # a new module is in training mode
    print(f"{label}: moving mean agrees",
          close(keras_mean, port.running_mean))
# PyTorch puts the batch variance divided by n - 1 into its average.
print("momentum=0.01: moving variance agrees",
      close(keras_var, port.running_var))

# Inference: copy Keras's statistics; eval() uses them, as training=False.
y = bn(x, training=False)
for label, settings in [("eps default 1e-05", {}),
                        ("eps=1e-3", {"eps": 1e-3})]:
    port = torch.nn.BatchNorm1d(3, **settings).eval()
    with torch.no_grad():
        port.running_mean.copy_(torch.from_numpy(keras_mean))
        port.running_var.copy_(torch.from_numpy(keras_var))
        print(f"inference, {label}: output agrees",
              close(y, port(torch.from_numpy(x))))
