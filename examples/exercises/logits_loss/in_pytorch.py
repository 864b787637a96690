"""Exercise: the same raw scores (logits) and label go into three losses.
Which of them agree?

Run: python examples/exercises/logits_loss/in_pytorch.py
"""

import keras
import numpy as np
import torch

logits = np.array([[2.0, -1.0, 0.5]], dtype="float32")
label = np.array([0])

losses = {
    "torch.nn.CrossEntropyLoss()": torch.nn.CrossEntropyLoss()(
        torch.from_numpy(logits), torch.from_numpy(label)),
    "keras SparseCategoricalCrossentropy()":
        keras.losses.SparseCategoricalCrossentropy()(label, logits),
    "keras SparseCategoricalCrossentropy(from_logits=True)":
        keras.losses.SparseCategoricalCrossentropy(from_logits=True)(
            label, logits),
}
for name, value in losses.items():
    print(f"{name}: {float(value):.4f}")
