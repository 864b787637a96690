"""Derivatives of y = x**3 + 2x at x = 3 with PyTorch autograd: the same
calls as in_tensorflow.py, side by side.

Run: python examples/autodiff/in_pytorch.py
"""

import torch

x = torch.tensor(3.0, requires_grad=True)  # autograd records ops on x

# One gradient. backward() frees the recorded graph (retain_graph defaults
# to create_graph, False here), as a tape with persistent=False frees its
# record after gradient().
y = x**3 + 2 * x
y.backward()
print(f"dy/dx = {x.grad.item():.1f}")
try:
    y.backward()  # the graph is gone
except RuntimeError as error:
    print(f"second backward(): RuntimeError: {str(error).split('. ')[0]}")

# Keeping the graph: retain_graph=True, like persistent=True. The real
# difference: backward() adds into x.grad, a tape returns fresh gradients.
x.grad = None
y = x**3 + 2 * x
y.backward(retain_graph=True)
y.backward()
print(f"x.grad after two backward() calls: {x.grad.item():.1f}")

# The second derivative: create_graph=True records the gradient itself.
y = x**3 + 2 * x
(dy_dx,) = torch.autograd.grad(y, x, create_graph=True)
(d2y_dx2,) = torch.autograd.grad(dy_dx, x)
print(f"d2y/dx2 = {d2y_dx2.item():.1f}")
