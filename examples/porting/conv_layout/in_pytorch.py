"""A Keras Conv2D and DepthwiseConv2D moved into PyTorch. Keras stores a
kernel as (H, W, in, out); PyTorch stores (out, in / groups, H, W).

Run: python examples/porting/conv_layout/in_pytorch.py
"""

import keras
import numpy as np
import torch

keras.utils.set_random_seed(0)
x = np.random.default_rng(0).normal(size=(2, 6, 6, 4)).astype("float32")
x_torch = torch.from_numpy(x).permute(0, 3, 1, 2)  # NHWC to NCHW


def agrees(keras_out, torch_out):
    torch_nhwc = torch_out.detach().permute(0, 2, 3, 1).numpy()
    return np.allclose(np.asarray(keras_out), torch_nhwc, atol=1e-5)


conv = keras.layers.Conv2D(8, 3)
y = conv(x)
kernel, bias = conv.get_weights()
port = torch.nn.Conv2d(4, 8, 3)
print("Keras kernel", kernel.shape, "PyTorch weight", tuple(port.weight.shape))
with torch.no_grad():
    port.bias.copy_(torch.from_numpy(bias))
    # Same size, so reshape raises no error, but the numbers land wrongly.
    port.weight.copy_(torch.from_numpy(kernel.reshape(8, 4, 3, 3)))
    print("reshaped kernel agrees:", agrees(y, port(x_torch)))
    port.weight.copy_(torch.from_numpy(kernel.transpose(3, 2, 0, 1)))
    print("transposed kernel agrees:", agrees(y, port(x_torch)))

# Depthwise: Keras (H, W, in, multiplier); PyTorch a grouped convolution,
# groups = in, with weight (in * multiplier, 1, H, W).
depthwise = keras.layers.DepthwiseConv2D(3, depth_multiplier=2,
                                         use_bias=False)
y = depthwise(x)
(kernel,) = depthwise.get_weights()
port = torch.nn.Conv2d(4, 8, 3, groups=4, bias=False)
print("Keras depthwise kernel", kernel.shape,
      "PyTorch weight", tuple(port.weight.shape))
with torch.no_grad():
    try:  # the Conv2D recipe gives (2, 4, 3, 3)
        port.weight.copy_(torch.from_numpy(kernel.transpose(3, 2, 0, 1)))
    except RuntimeError as error:
        print("Conv2D recipe:", type(error).__name__)
    weight = kernel.transpose(2, 3, 0, 1).reshape(8, 1, 3, 3)
    port.weight.copy_(torch.from_numpy(weight))
    print("depthwise recipe agrees:", agrees(y, port(x_torch)))
