"""The benchmark models and their steps in PyTorch: eager, or with the whole training step
(forward, loss, backward and optimizer) compiled by torch.compile."""

from __future__ import annotations

import math

import numpy as np
import torch
from torch import nn

import common as c

# mode -> torch.compile settings. "compile" is the default; "compile-tuned" asks Inductor to
# benchmark its kernel choices (the CUDA-graph part of max-autotune does not apply on a CPU).
COMPILE = {"compile": {}, "compile-tuned": {"mode": "max-autotune-no-cudagraphs"}}


class MLP(nn.Module):
    def __init__(self, width=c.MLP_HIDDEN):
        super().__init__()
        self.dense0 = nn.Linear(784, width)
        self.dense1 = nn.Linear(width, width)
        self.dense2 = nn.Linear(width, c.CLASSES)

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
    """A pre-norm decoder block with causal multi-head self-attention written out."""

    def __init__(self, d, heads, ff):
        super().__init__()
        self.heads = heads
        self.norm1 = nn.LayerNorm(d, eps=c.LAYER_NORM_EPS)
        self.q, self.k, self.v, self.o = (nn.Linear(d, d) for _ in range(4))
        self.norm2 = nn.LayerNorm(d, eps=c.LAYER_NORM_EPS)
        self.ff1, self.ff2 = nn.Linear(d, ff), nn.Linear(ff, d)

    def forward(self, x):
        b, t, d = x.shape
        h = self.heads

        def split(y):
            return y.view(b, t, h, d // h).transpose(1, 2)

        y = self.norm1(x)
        q, k, v = split(self.q(y)), split(self.k(y)), split(self.v(y))
        future = torch.triu(torch.ones(t, t, dtype=torch.bool, device=x.device), diagonal=1)
        scores = q @ k.transpose(-1, -2) / math.sqrt(d // h) + future * c.MASKED
        mixed = (torch.softmax(scores, dim=-1) @ v).transpose(1, 2).reshape(b, t, d)
        x = x + self.o(mixed)
        return x + self.ff2(nn.functional.gelu(self.ff1(self.norm2(x))))


class GPT(nn.Module):
    def __init__(self):
        super().__init__()
        d = c.GPT["width"]
        self.tok = nn.Embedding(c.GPT["vocab"], d)
        self.pos = nn.Parameter(torch.zeros(c.GPT["context"], d))
        self.blocks = nn.ModuleList(Block(d, c.GPT["heads"], c.GPT["ff"])
                                    for _ in range(c.GPT["layers"]))
        self.norm = nn.LayerNorm(d, eps=c.LAYER_NORM_EPS)
        self.head = nn.Linear(d, c.GPT["vocab"])

    def forward(self, tokens):
        x = self.tok(tokens) + self.pos[: tokens.shape[1]]
        for block in self.blocks:
            x = block(x)
        return self.head(self.norm(x))


def torch_name(name: str) -> str:
    """'block0.norm1.gamma' -> 'blocks.0.norm1.weight'; 'dense0.kernel' -> 'dense0.weight'."""
    if name == "pos.embeddings":
        return "pos"
    if name.startswith("block"):
        name = "blocks." + name.removeprefix("block")
    for tf_suffix, torch_suffix in ((".kernel", ".weight"), (".gamma", ".weight"),
                                    (".beta", ".bias"), (".embeddings", ".weight")):
        name = name.removesuffix(tf_suffix) + torch_suffix if name.endswith(tf_suffix) else name
    return name


def load(module: nn.Module, weights: dict[str, np.ndarray]) -> None:
    """Copies the shared starting weights, given in TensorFlow's layouts, into PyTorch's."""
    state = {}
    for name, array in weights.items():
        if array.ndim == 2 and not name.endswith(".embeddings"):
            array = array.T  # dense: (in, out) -> (out, in)
        elif array.ndim == 4:
            array = array.transpose(3, 2, 0, 1)  # conv: (h, w, in, out) -> (out, in, h, w)
        state[torch_name(name)] = torch.from_numpy(np.ascontiguousarray(array))
    module.load_state_dict(state)  # strict: every parameter must be given, and no other


def build(model: str, width: int) -> nn.Module:
    if model == "mlp":
        return MLP(width)
    return {"cnn": CNN, "transformer": GPT}[model]()


class Runner:
    """Builds one model in one mode and exposes a training step and an inference call."""

    def __init__(self, model: str, mode: str, device: str = "cpu", width: int = c.MLP_HIDDEN):
        torch.manual_seed(c.SEED)
        self.model_name, self.device = model, torch.device(device)
        self.module = build(model, width)
        load(self.module, c.weights(model, width))
        self.module.to(self.device)
        self.loss_fn = nn.CrossEntropyLoss()
        self.optimizer = torch.optim.SGD(self.module.parameters(), lr=c.LEARNING_RATE)
        if mode in COMPILE:
            # Fixed shapes (dynamic=False): each batch size gets its own graph, compiled during
            # the warm-up, so that no timed call compiles.
            options = dict(COMPILE[mode], dynamic=False)
            self._train = torch.compile(self._train_step, **options)
            self._forward = torch.compile(self.module, **options)
        else:
            self._train, self._forward = self._train_step, self.module

    def data(self, x: np.ndarray, y: np.ndarray):
        x = torch.from_numpy(x)
        if self.model_name == "cnn":
            x = x.permute(0, 3, 1, 2).contiguous()  # NHWC -> NCHW
        return x.to(self.device), torch.from_numpy(y).to(self.device)

    def _train_step(self, x, y):
        self.optimizer.zero_grad(set_to_none=True)
        logits = self.module(x)
        loss = self.loss_fn(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))
        loss.backward()
        self.optimizer.step()
        return loss.detach()

    def train_step(self, x, y) -> float:
        return self._train(x, y).item()  # .item() waits for the result, on any device

    def infer(self, x) -> np.ndarray:
        with torch.no_grad():
            return self._forward(x).cpu().numpy()  # copying to NumPy waits for the result

    def graph_count(self) -> int:
        """Graphs compiled so far in this process (0 in eager mode): a timed window must not
        change it."""
        from torch._dynamo.utils import counters

        return int(counters["stats"]["unique_graphs"])

    def graph_breaks(self) -> int:
        """Where Dynamo split the step into separate graphs so far (0 in eager mode): the step
        is one compiled function, but Dynamo breaks it where it cannot trace, for example at
        loss.backward()."""
        from torch._dynamo.utils import counters

        return int(sum(counters["graph_break"].values()))

    def sync(self) -> None:
        if self.device.type == "cuda":
            torch.cuda.synchronize()
