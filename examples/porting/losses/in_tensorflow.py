"""A PyTorch classification loss moved into Keras: logits or
probabilities, how class weights are averaged, and which axis holds the
classes. PyTorch takes (input, target); Keras (labels, predictions).

Run: python examples/porting/losses/in_tensorflow.py
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


want = torch.nn.CrossEntropyLoss()(t_logits, t_labels)  # takes logits
print("default from_logits=False:", same(want, sparse()(labels, logits)))
print("from_logits=True:",
      same(want, sparse(from_logits=True)(labels, logits)))

# Class weights: PyTorch's weighted mean divides by the sum of the
# weights, Keras's default by the batch size.
class_weight = np.array([1.0, 2.0, 0.5, 1.0], dtype="float32")
want = torch.nn.CrossEntropyLoss(weight=torch.from_numpy(class_weight))(
    t_logits, t_labels)
weights = class_weight[labels]  # sum 8.5, batch size 6
print("sample_weight=, default reduction:", same(want, sparse(
    from_logits=True)(labels, logits, sample_weight=weights)))
print('sample_weight=, reduction="mean_with_sample_weight":', same(
    want, sparse(from_logits=True, reduction="mean_with_sample_weight")(
        labels, logits, sample_weight=weights)))

# A sequence: PyTorch reads classes on axis 1, Keras on the last axis.
# Here (N, classes, T) fails on its shape; with T equal to the number of
# classes it would run and give another number.
seq = rng.normal(size=(2, 4, 5)).astype("float32")  # (N, classes, T)
seq_labels = rng.integers(0, 4, size=(2, 5))
want = torch.nn.CrossEntropyLoss()(torch.from_numpy(seq),
                                   torch.from_numpy(seq_labels))
try:
    sparse(from_logits=True)(seq_labels, seq)
except ValueError as error:
    print("(N, classes, T) as is:", type(error).__name__)
print("transposed to (N, T, classes):", same(
    want, sparse(from_logits=True)(seq_labels, seq.transpose(0, 2, 1))))
