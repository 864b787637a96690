"""A Keras classification loss moved into PyTorch: logits or
probabilities, how class weights are averaged, and which axis holds the
classes. Keras takes (labels, predictions); PyTorch (input, target).

Run: python examples/porting/losses/in_pytorch.py
"""

import keras
import numpy as np
import torch

rng = np.random.default_rng(0)
logits = rng.normal(size=(6, 4)).astype("float32")
labels = np.array([0, 1, 2, 3, 1, 1])
t_logits, t_labels = torch.from_numpy(logits), torch.from_numpy(labels)
sparse = keras.losses.SparseCategoricalCrossentropy


def same(a, b):
    return bool(np.isclose(float(a), float(b), atol=1e-5))


# A Keras model that ends in a softmax, with the default from_logits=False.
probabilities = np.asarray(keras.activations.softmax(logits))
want = sparse()(labels, probabilities)
ce = torch.nn.CrossEntropyLoss()  # reads its input as logits
print("CrossEntropyLoss on the softmax output:",
      same(want, ce(torch.from_numpy(probabilities), t_labels)))
print("CrossEntropyLoss on the logits:", same(want, ce(t_logits, t_labels)))

# Class weights: Keras's default divides the weighted sum by the batch
# size, PyTorch's weighted mean by the sum of the weights.
class_weight = np.array([1.0, 2.0, 0.5, 1.0], dtype="float32")
weights = class_weight[labels]  # sum 8.5, batch size 6
want = sparse(from_logits=True)(labels, logits, sample_weight=weights)
weighted = torch.nn.CrossEntropyLoss(weight=torch.from_numpy(class_weight),
                                     reduction="sum")
print("weight=, default mean:", same(want, torch.nn.CrossEntropyLoss(
    weight=torch.from_numpy(class_weight))(t_logits, t_labels)))
print("weight=, sum / batch size:",
      same(want, weighted(t_logits, t_labels) / len(labels)))

# A sequence: Keras reads classes on the last axis, PyTorch on axis 1.
# Here (N, T, classes) fails on its shape; with T equal to the number of
# classes it would run and give another number.
seq = rng.normal(size=(2, 5, 4)).astype("float32")  # (N, T, classes)
seq_labels = rng.integers(0, 4, size=(2, 5))
want = sparse(from_logits=True)(seq_labels, seq)
try:
    ce(torch.from_numpy(seq), torch.from_numpy(seq_labels))
except RuntimeError as error:
    print("(N, T, classes) as is:", type(error).__name__)
print("permuted to (N, classes, T):", same(want, ce(
    torch.from_numpy(seq).permute(0, 2, 1), torch.from_numpy(seq_labels))))
