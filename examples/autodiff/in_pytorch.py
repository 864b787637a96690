"""Derivatives of y = x**3 + 2x at x = 3 with PyTorch autograd.

Run: python examples/autodiff/in_pytorch.py
"""

import torch

x = torch.tensor(3.0, requires_grad=True)  # autograd records ops on x
y = x**3 + 2 * x
# create_graph=True records the gradient computation as well,
# so that the gradient can be differentiated again.
(dy_dx,) = torch.autograd.grad(y, x, create_graph=True)
(d2y_dx2,) = torch.autograd.grad(dy_dx, x)
print(f"y = {y.item():.1f}")
print(f"dy/dx = {dy_dx.item():.1f}, d2y/dx2 = {d2y_dx2.item():.1f}")

# The training-loop form: backward() adds the gradient into x.grad.
z = x**3 + 2 * x
z.backward()
print(f"x.grad after backward(): {x.grad.item():.1f}")
z = x**3 + 2 * x
z.backward()
print(f"x.grad after a second backward(): {x.grad.item():.1f}")
