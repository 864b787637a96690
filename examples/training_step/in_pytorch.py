"""The same small model and training step as in_tensorflow.py, in PyTorch.

Run: python examples/training_step/in_pytorch.py
"""

import numpy as np
import torch
from torch import nn

# The same data and starting weights as in_tensorflow.py.
rng = np.random.default_rng(0)
x = rng.normal(size=(16, 4)).astype("float32")
y = rng.integers(0, 3, size=16)
w1 = rng.normal(scale=0.5, size=(4, 8)).astype("float32")
w2 = rng.normal(scale=0.5, size=(8, 3)).astype("float32")

model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))
with torch.no_grad():  # nn.Linear stores (out, in): transpose
    model[0].weight.copy_(torch.from_numpy(w1.T))
    model[0].bias.zero_()
    model[2].weight.copy_(torch.from_numpy(w2.T))
    model[2].bias.zero_()

loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
inputs, labels = torch.from_numpy(x), torch.from_numpy(y)


def train_step(inputs, labels):
    optimizer.zero_grad()  # gradients accumulate in .grad unless cleared
    loss = loss_fn(model(inputs), labels)
    loss.backward()  # autograd walks back through the ops that just ran
    optimizer.step()
    return loss.item()


for step in range(1, 6):
    print(f"step {step}: loss {train_step(inputs, labels):.4f}")
