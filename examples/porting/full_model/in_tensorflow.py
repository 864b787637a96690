"""A whole PyTorch model moved into Keras: torch_to_keras (in _port.py)
copies every weight and batch statistic into the same model written in
Keras. The outputs agree in inference, and one training step from the same
state gives the same loss and weights; only the moving variances part, as
the batch normalization trap says.

Run: python examples/porting/full_model/in_tensorflow.py
"""

import torch
from _port import (
    TorchModel,
    as_if_trained,
    batch,
    keras_model,
    keras_step,
    largest_difference,
    state_agrees,
    torch_step,
    torch_to_keras,
    trainable,
)

torch.manual_seed(0)
original = TorchModel()
as_if_trained(original)  # non-zero biases, normalization not the identity
port = keras_model()
torch_to_keras(original, port)
print("trainable numbers: PyTorch", trainable(original),
      "Keras", trainable(port))

images, images_nchw, labels = batch()


def outputs_agree():
    original.eval()
    with torch.no_grad():
        return largest_difference(port(images, training=False),
                                  original(images_nchw)) < 1e-5


print("inference outputs agree:", outputs_agree())

# One SGD step on the same batch, from the same state, in both.
torch_loss = torch_step(original, images_nchw, labels)
keras_loss = keras_step(port, images, labels)
print("loss of the step agrees:", abs(keras_loss - torch_loss) < 1e-5)
for kind, same in state_agrees(port, original).items():
    print(f"{kind} after the step agree:", same)
# In training mode both normalize with the batch's own statistics.
print("training-mode outputs after the step agree:", largest_difference(
    port(images, training=True), original.train()(images_nchw)) < 1e-5)
print("inference outputs after the step agree:", outputs_agree())

# Keras averages in the batch variance divided by n, PyTorch by n - 1.
# Copying PyTorch's moving variances in closes the gap.
for bn in ("bn1", "bn2"):
    gamma, beta, mean, _ = port.get_layer(bn).get_weights()
    variance = getattr(original, bn).running_var.numpy()
    port.get_layer(bn).set_weights([gamma, beta, mean, variance])
print("... with PyTorch's moving variances copied in:", outputs_agree())
