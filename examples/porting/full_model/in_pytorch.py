"""A whole Keras model moved into PyTorch: keras_to_torch (in _port.py)
copies every weight and batch statistic into the same model written in
PyTorch. The outputs agree in inference, and one training step from the
same state gives the same loss and weights; only the moving variances part,
as the batch normalization trap says.

Run: python examples/porting/full_model/in_pytorch.py
"""

import torch
from _port import (
    TorchModel,
    as_if_trained,
    batch,
    keras_model,
    keras_step,
    keras_to_torch,
    largest_difference,
    state_agrees,
    torch_step,
    trainable,
)

original = keras_model(seed=0)
as_if_trained(original)  # non-zero biases, normalization not the identity
port = TorchModel()
keras_to_torch(original, port)
print("trainable numbers: Keras", trainable(original),
      "PyTorch", trainable(port))

images, images_nchw, labels = batch()


def outputs_agree():
    port.eval()
    with torch.no_grad():
        return largest_difference(original(images, training=False),
                                  port(images_nchw)) < 1e-5


print("inference outputs agree:", outputs_agree())

# One SGD step on the same batch, from the same state, in both.
keras_loss = keras_step(original, images, labels)
torch_loss = torch_step(port, images_nchw, labels)
print("loss of the step agrees:", abs(keras_loss - torch_loss) < 1e-5)
for kind, same in state_agrees(original, port).items():
    print(f"{kind} after the step agree:", same)
# In training mode both normalize with the batch's own statistics.
print("training-mode outputs after the step agree:", largest_difference(
    original(images, training=True), port.train()(images_nchw)) < 1e-5)
print("inference outputs after the step agree:", outputs_agree())

# PyTorch averages in the batch variance divided by n - 1, Keras by n.
# Copying Keras's moving variances in closes the gap.
copied = TorchModel()
keras_to_torch(original, copied)
with torch.no_grad():
    for bn in ("bn1", "bn2"):
        getattr(port, bn).running_var.copy_(getattr(copied, bn).running_var)
print("... with Keras's moving variances copied in:", outputs_agree())
