"""Training a Keras model again in PyTorch: PyTorch's default initializers
and optimizer constants differ from Keras's. The initializers and AdamW's
weight decay can be set to Keras's; Adam's epsilon cannot: Keras adds it
before the bias correction and PyTorch after, so the value that matches
changes from step to step (this file runs the first step).

Run: python examples/porting/defaults/in_pytorch.py
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


dense = keras.layers.Dense(256)
dense.build((None, 256))
print("Keras Dense: kernel", bound(dense.kernel), "bias", bound(dense.bias))
linear = torch.nn.Linear(256, 256)
print("PyTorch Linear: weight", bound(linear.weight.detach()),
      "bias", bound(linear.bias.detach()))
torch.nn.init.xavier_uniform_(linear.weight)  # Keras's glorot_uniform
torch.nn.init.zeros_(linear.bias)
print("  xavier_uniform_, zeros_: weight", bound(linear.weight.detach()),
      "bias", bound(linear.bias.detach()))


def keras_step(optimizer, gradient):
    w = keras.Variable(1.0)
    optimizer.apply_gradients([(np.float32(gradient), w)])
    return float(w.numpy())


def torch_step(optimizer_class, gradient, **settings):
    w = torch.nn.Parameter(torch.tensor(1.0))
    optimizer = optimizer_class([w], **settings)
    w.grad = torch.tensor(gradient)
    optimizer.step()
    return w.item()


# One step from the same weight and gradient, learning rate 0.001 in both.
# Keras adds epsilon after folding the bias correction into the step size,
# so its epsilon acts as eps / sqrt(1 - 0.999**t) at step t: for a gradient
# near epsilon, neither default gives Keras's first step.
for gradient in (1.0, 1e-7):
    want = keras_step(keras.optimizers.Adam(), gradient)
    for eps in (1e-8, 1e-7):  # PyTorch's default, Keras's default
        got = torch_step(torch.optim.Adam, gradient, eps=eps)
        print(f"Adam, gradient {gradient:g}, eps={eps:g}: agrees",
              np.isclose(want, got, rtol=0, atol=1e-6))
want = keras_step(keras.optimizers.AdamW(), 0.0)
for decay in (0.01, 0.004):  # PyTorch's default, Keras's default
    got = torch_step(torch.optim.AdamW, 0.0, weight_decay=decay)
    print(f"AdamW, weight_decay={decay:g}: {got:.6f}, Keras {want:.6f}")
