"""A Keras model with batch normalization and dropout moved into PyTorch.
Keras runs a model in inference mode unless called with training=True; a
new PyTorch module is in training mode until eval() is called.

Run: python examples/porting/train_eval/in_pytorch.py
"""

import copy

import keras
import numpy as np
import torch

keras.utils.set_random_seed(0)
torch.manual_seed(0)
x = np.random.default_rng(0).normal(size=(4, 3)).astype("float32")
model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(8),
                          keras.layers.BatchNormalization(epsilon=1e-5),
                          keras.layers.Dropout(0.5), keras.layers.Dense(2)])
model(x, training=True)  # a training batch moves the BN statistics
y = np.asarray(model(x))  # no training=: inference mode
port = torch.nn.Sequential(torch.nn.Linear(3, 8), torch.nn.BatchNorm1d(8),
                           torch.nn.Dropout(0.5), torch.nn.Linear(8, 2))
dense1, bn, _, dense2 = model.layers
gamma, beta, mean, var = bn.get_weights()
with torch.no_grad():
    for layer, (kernel, bias) in [(port[0], dense1.get_weights()),
                                  (port[3], dense2.get_weights())]:
        layer.weight.copy_(torch.from_numpy(kernel.T))
        layer.bias.copy_(torch.from_numpy(bias))
    for name, value in [("weight", gamma), ("bias", beta),
                        ("running_mean", mean), ("running_var", var)]:
        getattr(port[1], name).copy_(torch.from_numpy(value))


def agrees(module, inputs, want):
    with torch.no_grad():  # no gradients, but training mode still
        out = module(torch.from_numpy(inputs)).numpy()  # moves BN stats
    return np.allclose(want, out, atol=1e-5)


print("port.training:", port.training)
# On a copy: in training mode the call also moves the copied statistics.
print("called as built:", agrees(copy.deepcopy(port), x, y))
print("after eval():", agrees(port.eval(), x, y))

# Fine-tuning with the BN layer frozen: in Keras, trainable=False also
# makes it use its moving statistics; requires_grad_(False) does not.
h = x[:, :1].repeat(8, 1)
bn.trainable = False
frozen = np.asarray(bn(h, training=True))
norm = copy.deepcopy(port[1]).train().requires_grad_(False)
print("requires_grad_(False), train():",
      agrees(copy.deepcopy(norm).train(), h, frozen))
# model.train() would put it back in training mode: call eval() after it.
print("requires_grad_(False), eval():", agrees(norm.eval(), h, frozen))
