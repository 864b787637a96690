"""Exercise: an integer tensor plus a float tensor. What comes out?

Run: python examples/exercises/type_promotion/in_pytorch.py
"""

import torch

result = torch.tensor([1, 2]) + torch.tensor([0.5, 0.5])
print("result:", result, result.dtype)
