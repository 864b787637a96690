"""Exercise: a fresh model with dropout is called twice on the same input.
Are the two outputs equal?

Run: python examples/exercises/dropout_calls/in_pytorch.py
"""

import torch

torch.manual_seed(0)
model = torch.nn.Sequential(torch.nn.Linear(4, 4), torch.nn.Dropout(0.5))
x = torch.ones(1, 4)
print("equal outputs:", torch.equal(model(x), model(x)))
