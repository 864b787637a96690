"""One small model written twice, in Keras and in PyTorch, and the two
functions that copy its weights from either into the other.

The model: a convolution and batch normalization, max pooling, a second
convolution ("same" padding) and batch normalization, the 5 x 5 feature map
read as 25 tokens with a learned embedding of each token's position, a
two-head self-attention block with a residual connection and layer
normalization, the mean over the tokens, and a dense classifier with 10
outputs. The position embedding makes the order of the tokens count: read
in another order than the original's, the port gives other numbers. Images
are 12 x 12 with 3 channels: (N, 12, 12, 3) in Keras, (N, 3, 12, 12) in
PyTorch.

The examples in_pytorch.py and in_tensorflow.py import this file.
"""

import numpy as np

# isort: off
import torch
import torch._dynamo  # noqa: F401 (see below)
import torch.nn.functional as F

# PyTorch's optimizers load TorchDynamo; with the pinned wheels, loaded
# after TensorFlow it stops the process ("LLVM ERROR: inconsistency in
# registered CommandLine options"), so it is imported before TensorFlow.
import keras
from keras import layers
# isort: on

# PyTorch's momentum 0.1 is Keras's 0.9; both epsilons set to PyTorch's.
BN = {"momentum": 0.9, "epsilon": 1e-5}


@keras.saving.register_keras_serializable(package="porting")
class AddPositions(layers.Layer):
    """Adds a learned vector to each of the 25 token positions."""

    def build(self, input_shape):
        self.positions = self.add_weight(
            shape=(25, 16), initializer=keras.initializers.RandomNormal(
                stddev=0.5), name="positions")

    def call(self, tokens):
        return tokens + self.positions


def keras_model(seed=None):
    if seed is not None:
        keras.utils.set_random_seed(seed)  # the initial weights
    inputs = keras.Input((12, 12, 3))
    x = layers.Conv2D(8, 3, use_bias=False, name="conv1")(inputs)
    x = layers.ReLU()(layers.BatchNormalization(**BN, name="bn1")(x))
    x = layers.MaxPooling2D(2)(x)
    x = layers.Conv2D(16, 3, padding="same", use_bias=False,
                      name="conv2")(x)
    x = layers.ReLU()(layers.BatchNormalization(**BN, name="bn2")(x))
    tokens = layers.Reshape((25, 16))(x)  # row by row, as PyTorch below
    tokens = AddPositions(name="positions")(tokens)
    attended = layers.MultiHeadAttention(num_heads=2, key_dim=8,
                                         name="attention")(tokens, tokens)
    tokens = layers.Add()([tokens, attended])
    tokens = layers.LayerNormalization(epsilon=1e-5, name="norm")(tokens)
    pooled = layers.GlobalAveragePooling1D()(tokens)
    return keras.Model(inputs, layers.Dense(10, name="head")(pooled))


class TorchModel(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(3, 8, 3, bias=False)
        self.bn1 = torch.nn.BatchNorm2d(8)
        self.conv2 = torch.nn.Conv2d(8, 16, 3, padding=1, bias=False)
        self.bn2 = torch.nn.BatchNorm2d(16)
        self.positions = torch.nn.Parameter(0.5 * torch.randn(25, 16))
        self.attention = torch.nn.MultiheadAttention(16, 2,
                                                     batch_first=True)
        self.norm = torch.nn.LayerNorm(16)
        self.head = torch.nn.Linear(16, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 2)
        x = F.relu(self.bn2(self.conv2(x)))
        # (N, 16, 5, 5) -> (N, 25, 16): the tokens in Keras's order.
        tokens = x.flatten(2).transpose(1, 2) + self.positions
        attended = self.attention(tokens, tokens, tokens,
                                  need_weights=False)[0]
        tokens = self.norm(tokens + attended)
        return self.head(tokens.mean(dim=1))


def _heads(weight, bias):
    """PyTorch (heads * 8, 16) and (heads * 8,) -> Keras (16, heads, 8)
    and (heads, 8)."""
    return weight.T.reshape(16, 2, 8), bias.reshape(2, 8)


def keras_to_torch(source, target):
    """Copy the weights and batch statistics of keras_model() `source`
    into TorchModel `target`."""
    w = {layer.name: layer.get_weights() for layer in source.layers}
    # The key bias adds the same number to every score of a query, which the
    # softmax cancels: a key bias copied wrong changes no output or gradient.
    q, qb, k, kb, v, vb, out, out_b = w["attention"]
    copies = {
        # Kernels (height, width, in, out) -> (out, in, height, width).
        "conv1.weight": w["conv1"][0].transpose(3, 2, 0, 1),
        "conv2.weight": w["conv2"][0].transpose(3, 2, 0, 1),
        # Query, key and value (16, heads, 8) -> one (3 * 16, 16) stack.
        "attention.in_proj_weight": np.concatenate(
            [m.reshape(16, 16).T for m in (q, k, v)]),
        "attention.in_proj_bias": np.concatenate(
            [b.reshape(16) for b in (qb, kb, vb)]),
        "attention.out_proj.weight": out.reshape(16, 16).T,
        "attention.out_proj.bias": out_b,
        "positions": w["positions"][0],
        "norm.weight": w["norm"][0], "norm.bias": w["norm"][1],
        "head.weight": w["head"][0].T,  # Dense (in, out) -> (out, in)
        "head.bias": w["head"][1],
    }
    for bn in ("bn1", "bn2"):
        gamma, beta, mean, variance = w[bn]
        copies |= {f"{bn}.weight": gamma, f"{bn}.bias": beta,
                   f"{bn}.running_mean": mean, f"{bn}.running_var": variance}
    state = target.state_dict()
    with torch.no_grad():
        for name, value in copies.items():
            state[name].copy_(torch.from_numpy(np.ascontiguousarray(value)))


def torch_to_keras(source, target):
    """Copy the weights and batch statistics of TorchModel `source` into
    keras_model() `target`: the inverse of keras_to_torch."""
    s = {name: t.detach().numpy() for name, t in source.state_dict().items()}
    q, k, v = np.split(s["attention.in_proj_weight"], 3)
    qb, kb, vb = np.split(s["attention.in_proj_bias"], 3)
    layer = target.get_layer
    for conv in ("conv1", "conv2"):
        layer(conv).set_weights([s[f"{conv}.weight"].transpose(2, 3, 1, 0)])
    for bn in ("bn1", "bn2"):
        layer(bn).set_weights([s[f"{bn}.{name}"] for name in
                               ("weight", "bias", "running_mean",
                                "running_var")])
    layer("attention").set_weights([
        *_heads(q, qb), *_heads(k, kb), *_heads(v, vb),
        s["attention.out_proj.weight"].T.reshape(2, 8, 16),
        s["attention.out_proj.bias"]])
    layer("positions").set_weights([s["positions"]])
    layer("norm").set_weights([s["norm.weight"], s["norm.bias"]])
    layer("head").set_weights([s["head.weight"].T, s["head.bias"]])


def as_if_trained(keras_or_torch_model, seed=0):
    """Gives the model what a trained one has and a new one lacks: biases
    that are not zero, and batch and layer normalization that are not the
    identity (scales, shifts and moving statistics away from 1 and 0)."""
    rng = np.random.default_rng(seed)

    def shift(values, name):
        if "var" in name:  # a variance: positive
            return rng.uniform(0.5, 1.5, values.shape).astype("float32")
        start = 1.0 if name.endswith(("gamma", "norm.weight", "bn1.weight",
                                      "bn2.weight")) else 0.0
        return (start + rng.normal(0, 0.2, values.shape)).astype("float32")

    if isinstance(keras_or_torch_model, torch.nn.Module):
        model = keras_or_torch_model
        with torch.no_grad():
            for name, values in model.state_dict().items():
                if values.ndim == 1 and values.is_floating_point():
                    values.copy_(torch.from_numpy(shift(values.numpy(), name)))
        return
    for weight in keras_or_torch_model.weights:
        if len(weight.shape) == 1 or weight.path.endswith("bias"):
            name = weight.path.replace("moving_variance", "var")
            weight.assign(shift(np.asarray(weight), name))


def batch(seed=0, size=8):
    """Images in Keras's layout, the same in PyTorch's, and labels."""
    rng = np.random.default_rng(seed)
    images = rng.normal(size=(size, 12, 12, 3)).astype("float32")
    labels = rng.integers(0, 10, size=size)
    return images, torch.from_numpy(images.transpose(0, 3, 1, 2)), labels


def keras_step(model, images, labels, learning_rate=0.1):
    """One SGD step in Keras; returns the loss."""
    model.compile(optimizer=keras.optimizers.SGD(learning_rate),
                  loss=keras.losses.SparseCategoricalCrossentropy(
                      from_logits=True))
    return float(model.train_on_batch(images, labels))


def torch_step(model, images, labels, learning_rate=0.1):
    """One SGD step in PyTorch, in training mode; returns the loss."""
    optimizer = torch.optim.SGD(model.parameters(), lr=learning_rate)
    model.train()
    loss = F.cross_entropy(model(images), torch.from_numpy(labels))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()


def trainable(keras_or_torch_model):
    """How many trainable numbers a model holds."""
    if isinstance(keras_or_torch_model, torch.nn.Module):
        return sum(p.numel() for p in keras_or_torch_model.parameters()
                   if p.requires_grad)
    return sum(int(np.prod(w.shape))
               for w in keras_or_torch_model.trainable_weights)


def largest_difference(keras_output, torch_output):
    return float(np.abs(np.asarray(keras_output)
                        - torch_output.detach().numpy()).max())


def state_agrees(keras_m, torch_m, atol=1e-5):
    """Whether the two models hold the same trainable weights, moving
    means and moving variances (compared in PyTorch's layouts)."""
    copied = TorchModel()
    keras_to_torch(keras_m, copied)
    ours, theirs = torch_m.state_dict(), copied.state_dict()
    kinds = {"trainable weights": [n for n, _ in torch_m.named_parameters()],
             "moving means": [n for n in ours if n.endswith("running_mean")],
             "moving variances": [n for n in ours
                                  if n.endswith("running_var")]}
    return {kind: all(torch.allclose(ours[n], theirs[n], atol=atol)
                      for n in names) for kind, names in kinds.items()}
