"""Training a PyTorch model again in Keras: Keras's default initializers
and optimizer constants differ from PyTorch's. The initializers and AdamW's
weight decay can be set to PyTorch's; Adam's epsilon cannot: Keras adds it
before the bias correction and PyTorch after, so the value that matches
changes from step to step (this file runs the first step).

Run: python examples/porting/defaults/in_tensorflow.py
"""

import numpy as np

# isort: off
import torch
import torch._dynamo  # noqa: F401 (see below)

# PyTorch's optimizers load TorchDynamo; with the pinned wheels, loaded
# after TensorFlow it stops the process ("LLVM ERROR: inconsistency in
# registered CommandLine options"), so it is imported before TensorFlow.
import keras
# isort: on

keras.utils.set_random_seed(0)
torch.manual_seed(0)


def bound(w):  # the largest weight drawn: near the uniform draw's bound
    return f"{float(np.abs(np.asarray(w)).max()):.2f}"


linear = torch.nn.Linear(256, 256)
print("PyTorch Linear: weight", bound(linear.weight.detach()),
      "bias", bound(linear.bias.detach()))
dense = keras.layers.Dense(256)
dense.build((None, 256))
print("Keras Dense: kernel", bound(dense.kernel), "bias", bound(dense.bias))
# PyTorch draws both from a uniform distribution of bound 1 / sqrt(fan_in).
dense = keras.layers.Dense(
    256, kernel_initializer=keras.initializers.VarianceScaling(
        1 / 3, mode="fan_in", distribution="uniform"),
    bias_initializer=keras.initializers.RandomUniform(-1 / 16, 1 / 16))
dense.build((None, 256))
print("  VarianceScaling(1/3), RandomUniform: kernel", bound(dense.kernel),
      "bias", bound(dense.bias))


def torch_step(optimizer_class, gradient):
    w = torch.nn.Parameter(torch.tensor(1.0))
    optimizer = optimizer_class([w])
    w.grad = torch.tensor(gradient)
    optimizer.step()
    return w.item()


def keras_step(optimizer, gradient):
    w = keras.Variable(1.0)
    optimizer.apply_gradients([(np.float32(gradient), w)])
    return float(w.numpy())


# One step from the same weight and gradient, learning rate 0.001 in both.
# Keras adds epsilon after folding the bias correction into the step size,
# so PyTorch's eps acts as Keras's epsilon * sqrt(1 - 0.999**t) at step t:
# for a gradient near epsilon, neither default gives PyTorch's first step.
for gradient in (1.0, 1e-7):
    want = torch_step(torch.optim.Adam, gradient)
    for epsilon in (1e-7, 1e-8):  # Keras's default, PyTorch's default
        got = keras_step(keras.optimizers.Adam(epsilon=epsilon), gradient)
        print(f"Adam, gradient {gradient:g}, epsilon={epsilon:g}: agrees",
              np.isclose(want, got, rtol=0, atol=1e-6))
want = torch_step(torch.optim.AdamW, 0.0)
for decay in (0.004, 0.01):  # Keras's default, PyTorch's default
    got = keras_step(keras.optimizers.AdamW(weight_decay=decay), 0.0)
    print(f"AdamW, weight_decay={decay:g}: {got:.6f}, PyTorch {want:.6f}")
