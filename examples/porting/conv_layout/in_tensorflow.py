"""A PyTorch Conv2d, plain and depthwise (groups = in), moved into Keras.
PyTorch stores (out, in / groups, H, W); Keras stores (H, W, in, out).

Run: python examples/porting/conv_layout/in_tensorflow.py
"""

import keras
import numpy as np
import torch

torch.manual_seed(0)
x = np.random.default_rng(0).normal(size=(2, 4, 6, 6)).astype("float32")
x_keras = x.transpose(0, 2, 3, 1)  # NCHW to NHWC


def agrees(torch_layer, keras_out):
    with torch.no_grad():
        torch_nhwc = torch_layer(torch.from_numpy(x)).permute(0, 2, 3, 1)
    return np.allclose(torch_nhwc.numpy(), np.asarray(keras_out), atol=1e-5)


conv = torch.nn.Conv2d(4, 8, 3)
weight = conv.weight.detach().numpy()
bias = conv.bias.detach().numpy()
port = keras.layers.Conv2D(8, 3)
port.build((None, 6, 6, 4))
print("PyTorch weight", weight.shape, "Keras kernel", port.kernel.shape)
# Same size, so reshape raises no error, but the numbers land wrongly.
port.set_weights([weight.reshape(3, 3, 4, 8), bias])
print("reshaped weight agrees:", agrees(conv, port(x_keras)))
port.set_weights([weight.transpose(2, 3, 1, 0), bias])
print("transposed weight agrees:", agrees(conv, port(x_keras)))

# Depthwise: a grouped convolution in PyTorch, DepthwiseConv2D in Keras,
# whose kernel is (H, W, in, multiplier).
depthwise = torch.nn.Conv2d(4, 8, 3, groups=4, bias=False)
weight = depthwise.weight.detach().numpy()
port = keras.layers.DepthwiseConv2D(3, depth_multiplier=2, use_bias=False)
port.build((None, 6, 6, 4))
print("PyTorch depthwise weight", weight.shape,
      "Keras kernel", port.kernel.shape)
try:  # the Conv2d recipe gives (3, 3, 1, 8)
    port.set_weights([weight.transpose(2, 3, 1, 0)])
except ValueError as error:
    print("Conv2d recipe:", type(error).__name__)
port.set_weights([weight.reshape(4, 2, 3, 3).transpose(2, 3, 0, 1)])
print("depthwise recipe agrees:", agrees(depthwise, port(x_keras)))
