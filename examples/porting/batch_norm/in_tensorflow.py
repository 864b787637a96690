"""PyTorch's BatchNorm1d moved into Keras BatchNormalization: the momentum
means the opposite, the epsilon differs, and the moving variance is
averaged from another estimate of the batch's variance.

Run: python examples/porting/batch_norm/in_tensorflow.py
"""

import keras
import numpy as np
import torch

x = np.random.default_rng(0).normal(2, 3, size=(32, 3)).astype("float32")
bn = torch.nn.BatchNorm1d(3)
print(f"PyTorch: momentum {bn.momentum}, eps {bn.eps}")
bn(torch.from_numpy(x))  # a new module is in training mode
torch_mean = bn.running_mean.numpy()
torch_var = bn.running_var.numpy()


def close(a, b):
    return np.allclose(np.asarray(a), np.asarray(b), atol=1e-5)


# One training batch from the same fresh state (mean 0, variance 1).
for label, settings in [("defaults (momentum 0.99)", {}),
                        ("momentum=0.1, copied as is", {"momentum": 0.1}),
                        ("momentum=0.9 (1 - 0.1)", {"momentum": 0.9})]:
    port = keras.layers.BatchNormalization(**settings)
    port(x, training=True)
    print(f"{label}: moving mean agrees", close(torch_mean, port.moving_mean))
# Keras puts the batch variance divided by n into its average.
print("momentum=0.9: moving variance agrees",
      close(torch_var, port.moving_variance))

# Inference: copy PyTorch's statistics; training=False uses them, as eval().
bn.eval()
with torch.no_grad():
    y = bn(torch.from_numpy(x))
for label, settings in [("epsilon default 0.001", {}),
                        ("epsilon=1e-5", {"epsilon": 1e-5})]:
    port = keras.layers.BatchNormalization(**settings)
    port.build((None, 3))
    port.moving_mean.assign(torch_mean)
    port.moving_variance.assign(torch_var)
    print(f"inference, {label}: output agrees", close(y, port(x)))
