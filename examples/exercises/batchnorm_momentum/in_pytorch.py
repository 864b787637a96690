"""Exercise: one training batch whose every value is 2.0 goes through a
fresh batch normalization layer in each framework, with default settings.
What are the moving means afterwards?

Run: python examples/exercises/batchnorm_momentum/in_pytorch.py
"""

import keras
import numpy as np
import torch

x = np.full((8, 1), 2.0, dtype="float32")
keras_bn = keras.layers.BatchNormalization()
keras_bn(x, training=True)
torch_bn = torch.nn.BatchNorm1d(1)  # a new module is in training mode
torch_bn(torch.from_numpy(x))
print(f"Keras moving mean: {float(keras_bn.moving_mean[0]):.2f}")
print(f"PyTorch running mean: {float(torch_bn.running_mean[0]):.2f}")
