"""PyTorch's Conv2d with stride=2 and padding=1, moved into Keras. Keras's
padding="same" gives the same shape here, but on an even input it pads
one row and column at the end only, where PyTorch pads both sides.

Run: python examples/porting/same_padding/in_tensorflow.py
"""

import keras
import numpy as np
import torch

torch.manual_seed(0)
x = np.random.default_rng(0).normal(size=(1, 2, 6, 6)).astype("float32")
conv = torch.nn.Conv2d(2, 3, 3, stride=2, padding=1)
with torch.no_grad():
    y = conv(torch.from_numpy(x)).permute(0, 2, 3, 1).numpy()
weights = [conv.weight.detach().numpy().transpose(2, 3, 1, 0),
           conv.bias.detach().numpy()]
x_keras = x.transpose(0, 2, 3, 1)  # NCHW to NHWC
print("PyTorch output", y.shape)

same = keras.layers.Conv2D(3, 3, strides=2, padding="same")
same.build((None, 6, 6, 2))
same.set_weights(weights)
out = np.asarray(same(x_keras))
print(f'padding="same": shape {out.shape}, agrees',
      np.allclose(y, out, atol=1e-5))

# Pad one on each side, as PyTorch does, then convolve unpadded.
padded = keras.Sequential([keras.Input((6, 6, 2)),
                           keras.layers.ZeroPadding2D(1),
                           keras.layers.Conv2D(3, 3, strides=2)])
padded.layers[-1].set_weights(weights)
out = np.asarray(padded(x_keras))
print(f"ZeroPadding2D(1), then valid: shape {out.shape}, agrees",
      np.allclose(y, out, atol=1e-5))
