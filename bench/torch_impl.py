"""The three benchmark models and their steps in PyTorch (eager, or compiled with torch.compile)."""

from __future__ import annotations

import math
import re

import numpy as np
import torch
from torch import nn

import common as c


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.dense0 = nn.Linear(784, c.MLP_HIDDEN)
        self.dense1 = nn.Linear(c.MLP_HIDDEN, c.MLP_HIDDEN)
        self.dense2 = nn.Linear(c.MLP_HIDDEN, c.CLASSES)

    def forward(self, x):
        return self.dense2(torch.relu(self.dense1(torch.relu(self.dense0(x)))))


class CNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv0 = nn.Conv2d(1, c.CNN_CHANNELS[0], 3, padding=1)
        self.conv1 = nn.Conv2d(c.CNN_CHANNELS[0], c.CNN_CHANNELS[1], 3, padding=1)
        self.head = nn.Linear(c.CNN_CHANNELS[1], c.CLASSES)

    def forward(self, x):  # x: (batch, channels, height, width)
        x = nn.functional.max_pool2d(torch.relu(self.conv0(x)), 2)
        x = nn.functional.max_pool2d(torch.relu(self.conv1(x)), 2)
        return self.head(x.mean(dim=(2, 3)))  # global average pooling


class Block(nn.Module):
    """A post-norm transformer encoder block with multi-head self-attention written out."""

    def __init__(self, d, heads, ff):
        super().__init__()
        self.heads = heads
        self.q, self.k, self.v, self.o = (nn.Linear(d, d) for _ in range(4))
        self.ff1, self.ff2 = nn.Linear(d, ff), nn.Linear(ff, d)
        self.norm1 = nn.LayerNorm(d, eps=c.LAYER_NORM_EPS)
        self.norm2 = nn.LayerNorm(d, eps=c.LAYER_NORM_EPS)

    def forward(self, x):
        b, t, d = x.shape
        h = self.heads

        def split(y):
            return y.view(b, t, h, d // h).transpose(1, 2)

        q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
        attention = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(d // h), dim=-1)
        mixed = (attention @ v).transpose(1, 2).reshape(b, t, d)
        x = self.norm1(x + self.o(mixed))
        return self.norm2(x + self.ff2(torch.relu(self.ff1(x))))


class Transformer(nn.Module):
    def __init__(self):
        super().__init__()
        d = c.MODELS["transformer"]["input"][1]
        self.blocks = nn.ModuleList(
            Block(d, c.TRANSFORMER["heads"], c.TRANSFORMER["ff"])
            for _ in range(c.TRANSFORMER["layers"])
        )
        self.head = nn.Linear(d, c.CLASSES)

    def forward(self, x):
        for block in self.blocks:
            x = block(x)
        return self.head(x.mean(dim=1))


def torch_name(name: str) -> str:
    """'block0.norm1.gamma' -> 'blocks.0.norm1.weight'; 'dense0.kernel' -> 'dense0.weight'."""
    name = re.sub(r"^block(\d+)\.", r"blocks.\1.", name)
    return name.replace(".kernel", ".weight").replace(".gamma", ".weight").replace(".beta", ".bias")


def load(module: nn.Module, weights: dict[str, np.ndarray]) -> None:
    """Copies the shared starting weights, given in TensorFlow's layouts, into PyTorch's."""
    state = {}
    for name, array in weights.items():
        if array.ndim == 2:
            array = array.T  # dense: (in, out) -> (out, in)
        elif array.ndim == 4:
            array = array.transpose(3, 2, 0, 1)  # conv: (h, w, in, out) -> (out, in, h, w)
        state[torch_name(name)] = torch.from_numpy(np.ascontiguousarray(array))
    module.load_state_dict(state)  # strict: every parameter must be given, and no other


def to_input(model: str, x: np.ndarray) -> torch.Tensor:
    tensor = torch.from_numpy(x)
    return tensor.permute(0, 3, 1, 2).contiguous() if model == "cnn" else tensor


class Runner:
    """Builds one model in one mode and exposes a training step and an inference call."""

    def __init__(self, model: str, mode: str):
        torch.manual_seed(c.SEED)
        self.model_name = model
        self.module = {"mlp": MLP, "cnn": CNN, "transformer": Transformer}[model]()
        load(self.module, c.weights(model))
        self.forward = torch.compile(self.module) if mode == "compile" else self.module
        self.loss_fn = nn.CrossEntropyLoss()
        self.optimizer = torch.optim.SGD(self.module.parameters(), lr=c.LEARNING_RATE)

    def data(self, x: np.ndarray, y: np.ndarray):
        return to_input(self.model_name, x), torch.from_numpy(y)

    def train_step(self, x, y) -> float:
        self.optimizer.zero_grad()
        loss = self.loss_fn(self.forward(x), y)
        loss.backward()
        self.optimizer.step()
        return loss.item()  # waits for the result

    def infer(self, x) -> None:
        with torch.no_grad():
            self.forward(x).numpy()
