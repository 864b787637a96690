"""The check behind every row of the porting equivalence table (data/equivalences.yml).

Each check is registered under its row's id. A row of kind `same` has a check that computes the
same thing in both frameworks on the same inputs and returns (PyTorch result, TensorFlow result):
arrays, or lists of arrays, that tests/test_equivalences.py compares within the row's tolerance.
A row of kind `runs` (a device call, a file format, a random stream) has a check that runs both
sides and asserts what the row's note says; it returns None. Checks assert the defaults the notes
state, so a note cannot drift from the pinned releases unnoticed.
"""

from __future__ import annotations

import contextlib
import inspect
import math
import socket
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

if "tensorflow" in sys.modules:  # see below
    raise ImportError("equivalence_checks must be imported before TensorFlow is loaded")
# isort: off
import torch
import torch._dynamo  # noqa: F401 (see below)
import torch.nn.functional as F  # noqa: N812 (the name PyTorch's own docs use)

# TorchDynamo must load before TensorFlow: the other way round, its compiler's LLVM registers a
# command-line option that TensorFlow's LLVM already has, and the process aborts ("LLVM ERROR:
# inconsistency in registered CommandLine options", torch 2.15.0 with tensorflow-cpu 2.21.0).
import keras
import tensorflow as tf
import tensorflow.experimental.numpy as tnp
# isort: on

CHECKS: dict[str, Callable] = {}


def check(row_id: str):
    """Registers a check under a row id; an id used twice is a mistake in this file."""
    def register(function):
        if row_id in CHECKS:
            raise ValueError(f"two checks for row {row_id!r}")
        CHECKS[row_id] = function
        return function
    return register


def normal(*shape: int, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal(shape).astype("float32")


def pt(array: np.ndarray) -> torch.Tensor:
    return torch.from_numpy(np.ascontiguousarray(array))


def nhwc(array) -> np.ndarray:
    """A PyTorch (N, C, H, W) result in TensorFlow's (N, H, W, C) layout."""
    return np.transpose(np.asarray(array), (0, 2, 3, 1))


# Tensors and dtypes

@check("tensor-from-data")
def _():
    t, k = torch.tensor([[1, 2], [3, 4]]), tf.constant([[1, 2], [3, 4]])
    assert t.dtype == torch.int64 and k.dtype == tf.int32  # Python ints
    assert torch.tensor([1.5]).dtype == torch.float32 and tf.constant([1.5]).dtype == tf.float32
    return t.numpy(), k.numpy()


@check("from-numpy")
def _():
    a = np.arange(4, dtype="float32")
    shared, copied, k = torch.from_numpy(a), torch.tensor(a), tf.convert_to_tensor(a)
    before = (copied.numpy().copy(), k.numpy().copy())
    a[0] = 9.0
    assert shared[0].item() == 9.0 and copied[0].item() == 0.0  # from_numpy shares the memory
    return before


@check("to-numpy")
def _():
    x = torch.ones(2, requires_grad=True)
    try:
        x.numpy()
    except RuntimeError:
        pass
    else:
        raise AssertionError("a tensor that requires grad turned into NumPy without detach()")
    return (x * 2).detach().cpu().numpy(), (tf.ones(2) * 2).numpy()


@check("full-fill")
def _():
    assert torch.full((2,), 7).dtype == torch.int64 and tf.fill([2], 7).dtype == tf.int32
    return torch.full((2, 3), 7.0).numpy(), tf.fill([2, 3], 7.0).numpy()


@check("like-constructors")
def _():
    x = normal(2, 3)
    return ([torch.zeros_like(pt(x)).numpy(), torch.ones_like(pt(x)).numpy()],
            [tf.zeros_like(x).numpy(), tf.ones_like(x).numpy()])


@check("arange-range")
def _():
    t, k = torch.arange(0, 10, 3), tf.range(0, 10, 3)
    assert t.dtype == torch.int64 and k.dtype == tf.int32
    return t.numpy(), k.numpy()


@check("linspace")
def _():
    assert torch.linspace(0, 10, 5).dtype == torch.float32
    assert tf.linspace(0, 10, 5).dtype == tf.float64
    assert tf.linspace(0.0, 10.0, 5).dtype == tf.float32
    return torch.linspace(0, 1, 5).numpy(), tf.linspace(0.0, 1.0, 5).numpy()


@check("cast")
def _():
    t = torch.tensor([-1.7, 1.7]).to(torch.int32)
    k = tf.cast(tf.constant([-1.7, 1.7]), tf.int32)
    assert t.tolist() == [-1, 1]  # toward zero in both, not rounded
    return t.numpy(), k.numpy()


@check("float64-inputs")
def _():
    x = np.random.default_rng(0).standard_normal((2, 3))  # NumPy's default: float64
    linear = torch.nn.Linear(3, 2)
    try:
        linear(torch.from_numpy(x))
    except RuntimeError:
        pass  # float64 input, float32 weights
    else:
        raise AssertionError("torch.nn.Linear accepted float64 input with float32 weights")
    dense = keras.layers.Dense(2)
    assert dense(x).dtype == "float32"  # Keras casts inputs to the layer's dtype
    assert torch.get_default_dtype() == torch.float32 and keras.config.floatx() == "float32"
    # With the same weights, the fixed PyTorch call and Keras's own cast give the same numbers.
    dense.set_weights([linear.weight.detach().numpy().T, linear.bias.detach().numpy()])
    return linear(torch.from_numpy(x).float()).detach().numpy(), dense(x).numpy()


@check("mixed-dtypes")
def _():
    i, f = np.array([1, 2]), np.array([0.5, 0.5], dtype="float32")
    promoted = pt(i) + pt(f)
    assert pt(i).dtype == torch.int64 and promoted.dtype == torch.float32
    try:
        tf.constant(i) + tf.constant(f)
    except tf.errors.InvalidArgumentError:
        pass  # no implicit promotion
    else:
        raise AssertionError("TensorFlow added an int64 and a float32 tensor without a cast")
    try:
        tf.function(lambda a, b: a + b)(tf.constant(i), tf.constant(f))
    except TypeError:
        pass  # raised while tracing
    else:
        raise AssertionError("a tf.function added an int64 and a float32 tensor without a cast")
    # NumPy behavior would promote by NumPy's rules; switching it on changes the whole process,
    # so the rule is read from tnp.result_type, which applies the same rules.
    assert tnp.result_type(tf.int64, tf.float32) == tf.float64
    ti, tf_f = tf.constant(i), tf.constant(f)
    return promoted.numpy(), (tf.cast(ti, tf_f.dtype) + tf_f).numpy()


# Indexing and shapes

@check("reshape")
def _():
    x = normal(2, 3, 4)
    return pt(x).reshape(4, -1).numpy(), tf.reshape(x, (4, -1)).numpy()


@check("permute-transpose")
def _():
    x = normal(2, 3, 4, 5)
    assert torch.transpose(pt(x), 1, 3).shape == (2, 5, 4, 3)  # swaps two dimensions only
    assert tf.transpose(x).shape == (5, 4, 3, 2)  # no perm: reverses all of them
    return pt(x).permute(0, 2, 3, 1).numpy(), tf.transpose(x, perm=[0, 2, 3, 1]).numpy()


@check("unsqueeze-expand-dims")
def _():
    x = normal(3, 4)
    return pt(x).unsqueeze(1).numpy(), tf.expand_dims(x, axis=1).numpy()


@check("squeeze")
def _():
    x = normal(3, 1, 4, 1)
    assert pt(x).squeeze().shape == tf.squeeze(x).shape == (3, 4)
    assert pt(x).squeeze(0).shape == (3, 1, 4, 1)  # size 3: left as it is
    try:
        tf.squeeze(x, axis=0)
    except (ValueError, tf.errors.InvalidArgumentError):
        pass
    else:
        raise AssertionError("tf.squeeze removed a dimension of size 3")
    return pt(x).squeeze(1).numpy(), tf.squeeze(x, axis=1).numpy()


@check("cat-concat")
def _():
    a, b = normal(2, 3), normal(4, 3, seed=1)
    return torch.cat([pt(a), pt(b)], dim=0).numpy(), tf.concat([a, b], axis=0).numpy()


@check("stack")
def _():
    a, b = normal(2, 3), normal(2, 3, seed=1)
    return torch.stack([pt(a), pt(b)], dim=1).numpy(), tf.stack([a, b], axis=1).numpy()


@check("index-select-gather")
def _():
    x, idx = normal(3, 5), [4, 0, 0, 2]
    return (torch.index_select(pt(x), 1, torch.tensor(idx)).numpy(),
            tf.gather(x, idx, axis=1).numpy())


@check("gather-take-along-axis")
def _():
    x = normal(3, 5)
    idx = np.array([[0, 4], [1, 1], [3, 2]])
    return (torch.gather(pt(x), 1, torch.from_numpy(idx)).numpy(),
            tf.experimental.numpy.take_along_axis(x, idx, axis=1).numpy())


@check("boolean-mask")
def _():
    x = normal(3, 4)
    assert torch.equal(pt(x)[pt(x > 0)], torch.masked_select(pt(x), pt(x > 0)))
    return pt(x)[pt(x > 0)].numpy(), tf.boolean_mask(x, x > 0).numpy()


@check("where")
def _():
    a, b = normal(3, 4), normal(3, 4, seed=1)
    rows, columns = torch.where(pt(a > b))  # a condition alone: one index tensor per dimension
    coordinates = tf.where(a > b).numpy()  # one (count, 2) tensor
    assert np.array_equal(np.stack([rows.numpy(), columns.numpy()], 1), coordinates)
    return (torch.where(pt(a > b), pt(a), pt(b)).numpy(), tf.where(a > b, a, b).numpy())


@check("index-update")
def _():
    x = normal(4, 3)
    t = pt(x).clone()
    t[[0, 2]] = 0.0  # in place
    k = tf.tensor_scatter_nd_update(x, [[0], [2]], tf.zeros((2, 3)))  # a new tensor
    return t.numpy(), k.numpy()


@check("flip-reverse")
def _():
    x = normal(3, 4)
    return torch.flip(pt(x), dims=[0, 1]).numpy(), tf.reverse(x, axis=[0, 1]).numpy()


@check("split-chunk")
def _():
    x = normal(6, 2)
    assert [p.shape[0] for p in torch.split(pt(x), 2)] == [2, 2, 2]  # pieces of size 2
    assert [p.shape[0] for p in tf.split(x, 2)] == [3, 3]  # 2 pieces
    assert [p.shape[0] for p in torch.chunk(pt(x), 4)] == [2, 2, 2]  # rounded up: 3, not 4
    try:
        tf.split(x, 4)
    except (ValueError, tf.errors.InvalidArgumentError):
        pass
    else:
        raise AssertionError("tf.split divided 6 rows into 4 pieces")
    return ([p.numpy() for p in torch.chunk(pt(x), 3)] +
            [p.numpy() for p in torch.split(pt(x), [2, 4])],
            [p.numpy() for p in tf.split(x, 3)] + [p.numpy() for p in tf.split(x, [2, 4])])


@check("repeat-tile")
def _():
    x = normal(2, 3)
    return pt(x).repeat(2, 3).numpy(), tf.tile(x, [2, 3]).numpy()


@check("repeat-interleave")
def _():
    x = normal(2, 3)
    return (torch.repeat_interleave(pt(x), 2, dim=1).numpy(),
            tf.repeat(x, repeats=2, axis=1).numpy())


@check("pad")
def _():
    x = normal(2, 3)
    # F.pad: pairs from the last dimension backwards; tf.pad: one pair per dimension, first first
    return (F.pad(pt(x), (1, 2, 0, 1)).numpy(), tf.pad(x, [[0, 1], [1, 2]]).numpy())


# Math and reductions

@check("matmul")
def _():
    a, b = normal(5, 2, 3), normal(5, 3, 4, seed=1)
    return torch.matmul(pt(a), pt(b)).numpy(), tf.linalg.matmul(a, b).numpy()


@check("sum-reduce-sum")
def _():
    x = normal(3, 4)
    return (pt(x).sum(dim=1, keepdim=True).numpy(),
            tf.reduce_sum(x, axis=1, keepdims=True).numpy())


@check("mean-reduce-mean")
def _():
    assert tf.reduce_mean(tf.constant([1, 2])).numpy() == 1  # an integer mean, toward zero
    assert tf.reduce_mean(tf.constant([-1, -2])).numpy() == -1  # toward zero, not down (-2)
    try:
        torch.mean(torch.tensor([1, 2]))
    except RuntimeError:
        pass
    else:
        raise AssertionError("torch.mean accepted an integer tensor")
    x = normal(3, 4)
    return pt(x).mean(dim=0).numpy(), tf.reduce_mean(x, axis=0).numpy()


@check("max-with-indices")
def _():
    x = normal(3, 4)
    values, indices = torch.max(pt(x), dim=1)
    return ([values.numpy(), indices.numpy()],
            [tf.reduce_max(x, axis=1).numpy(), tf.argmax(x, axis=1).numpy()])


@check("std-var")
def _():
    x = normal(5, 3)
    assert not np.allclose(torch.std(pt(x), dim=0).numpy(), tf.math.reduce_std(x, axis=0))
    return ([torch.std(pt(x), dim=0, correction=0).numpy(),
             torch.var(pt(x), dim=0, correction=0).numpy()],
            [tf.math.reduce_std(x, axis=0).numpy(), tf.math.reduce_variance(x, axis=0).numpy()])


@check("einsum")
def _():
    a, b = normal(2, 3, 4), normal(2, 4, 5, seed=1)
    return (torch.einsum("bij,bjk->bik", pt(a), pt(b)).numpy(),
            tf.einsum("bij,bjk->bik", a, b).numpy())


@check("clamp-clip")
def _():
    x = normal(3, 4)
    return torch.clamp(pt(x), -0.5, 0.5).numpy(), tf.clip_by_value(x, -0.5, 0.5).numpy()


@check("logsumexp")
def _():
    x = normal(3, 4) * 50
    return torch.logsumexp(pt(x), dim=1).numpy(), tf.reduce_logsumexp(x, axis=1).numpy()


@check("cumsum")
def _():
    x = normal(3, 4)
    try:
        torch.cumsum(pt(x))
    except TypeError:
        pass
    else:
        raise AssertionError("torch.cumsum ran without a dim")
    assert np.allclose(tf.cumsum(x).numpy(), np.cumsum(x, axis=0), atol=1e-6)
    return torch.cumsum(pt(x), dim=1).numpy(), tf.cumsum(x, axis=1).numpy()


@check("topk")
def _():
    x = normal(3, 6)
    t = torch.topk(pt(x), k=2)
    k = tf.math.top_k(x, k=2)
    assert t.indices.dtype == torch.int64 and k.indices.dtype == tf.int32
    return [t.values.numpy(), t.indices.numpy()], [k.values.numpy(), k.indices.numpy()]


@check("integer-division")
def _():
    a, b = [7, -7], [2, 2]
    true_t = torch.tensor(a) / torch.tensor(b)
    true_k = tf.constant(a) / tf.constant(b)
    assert true_t.dtype == torch.float32 and true_k.dtype == tf.float64  # int32 / int32
    assert torch.div(torch.tensor(a), torch.tensor(b), rounding_mode="trunc").tolist() == [3, -3]
    assert tf.truncatediv(a, b).numpy().tolist() == [3, -3]
    return ([true_t.numpy(), (torch.tensor(a) // torch.tensor(b)).numpy()],
            [true_k.numpy(), (tf.constant(a) // tf.constant(b)).numpy()])


# Random numbers and seeding

@check("seed-global")
def _():
    torch.manual_seed(42)
    t1 = torch.rand(3)
    torch.manual_seed(42)
    t2 = torch.rand(3)
    tf.random.set_seed(42)
    k1 = tf.random.uniform([3])
    tf.random.set_seed(42)
    k2 = tf.random.uniform([3])
    assert torch.equal(t1, t2) and np.array_equal(k1, k2)  # each repeats its own stream
    assert not np.allclose(t1.numpy(), k1.numpy())  # the same seed, other numbers
    keras.utils.set_random_seed(42)  # Python's, NumPy's and the backend's generators at once
    first = np.random.random()
    keras.utils.set_random_seed(42)
    assert np.random.random() == first


@check("normal-sampling")
def _():
    g = torch.Generator().manual_seed(0)
    t = torch.randn(200_000, generator=g)
    k = tf.random.Generator.from_seed(0).normal([200_000])
    return ([t.mean().numpy(), t.std().numpy()],
            [tf.reduce_mean(k).numpy(), tf.math.reduce_std(k).numpy()])


@check("uniform-sampling")
def _():
    g = torch.Generator().manual_seed(0)
    t = torch.rand(200_000, generator=g)
    k = tf.random.Generator.from_seed(0).uniform([200_000])
    assert 0 <= t.min() and t.max() < 1 and 0 <= tf.reduce_min(k) and tf.reduce_max(k) < 1
    return [t.mean().numpy()], [tf.reduce_mean(k).numpy()]


@check("generator-objects")
def _():
    def draw_torch():
        return torch.rand(3, generator=torch.Generator().manual_seed(7))

    def draw_tf():
        return tf.random.Generator.from_seed(7).uniform([3])

    t1 = draw_torch()
    torch.rand(5)  # the global stream moves; the generator's does not
    assert torch.equal(t1, draw_torch())
    k1 = draw_tf()
    tf.random.uniform([5])
    assert np.array_equal(k1, draw_tf())


@check("randperm-shuffle")
def _():
    t = torch.randperm(10, generator=torch.Generator().manual_seed(0))
    k = tf.random.shuffle(tf.range(10), seed=0)
    assert sorted(t.tolist()) == list(range(10)) and sorted(k.numpy().tolist()) == list(range(10))


# Automatic differentiation

@check("backward-gradient-tape")
def _():
    x = normal(3)
    xt = pt(x).requires_grad_()
    (xt ** 2).sum().backward()
    xk = tf.Variable(x)
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(xk ** 2)
    return xt.grad.numpy(), tape.gradient(y, xk).numpy()


@check("autograd-grad")
def _():
    a, b = normal(3), normal(3, seed=1)
    at, bt = pt(a).requires_grad_(), pt(b).requires_grad_()
    gt = torch.autograd.grad((at * bt).sum(), [at, bt])
    ak, bk = tf.constant(a), tf.constant(b)
    with tf.GradientTape() as tape:
        tape.watch([ak, bk])  # constants are not watched unless asked
        y = tf.reduce_sum(ak * bk)
    gk = tape.gradient(y, [ak, bk])
    frozen = tf.Variable(a, trainable=False)
    with tf.GradientTape() as tape:
        z = tf.reduce_sum(frozen * 2)
    assert tape.gradient(z, frozen) is None  # not trainable: not watched
    return [g.numpy() for g in gt], [g.numpy() for g in gk]


@check("detach-stop-gradient")
def _():
    x = normal(3)
    xt = pt(x).requires_grad_()
    (xt * xt.detach()).sum().backward()
    xk = tf.Variable(x)
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(xk * tf.stop_gradient(xk))
    return xt.grad.numpy(), tape.gradient(y, xk).numpy()


@check("no-grad-stop-recording")
def _():
    xt = torch.ones(3, requires_grad=True)
    with torch.no_grad():
        yt = xt * 2
    assert not yt.requires_grad
    xk = tf.Variable(tf.ones(3))
    with tf.GradientTape() as tape:
        with tape.stop_recording():
            yk = xk * 2
    assert tape.gradient(yk, xk) is None


@check("jacobian")
def _():
    x = normal(3)

    def f_torch(v):
        return torch.sin(v) * v.sum()

    jt = torch.autograd.functional.jacobian(f_torch, pt(x))
    xk = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(xk)
        y = tf.sin(xk) * tf.reduce_sum(xk)
    return jt.numpy(), tape.jacobian(y, xk).numpy()


@check("second-derivative")
def _():
    x = normal(3)
    xt = pt(x).requires_grad_()
    (g,) = torch.autograd.grad((xt ** 3).sum(), xt, create_graph=True)
    (h,) = torch.autograd.grad(g.sum(), xt)
    xk = tf.Variable(x)
    with tf.GradientTape() as outer:
        with tf.GradientTape() as inner:
            y = tf.reduce_sum(xk ** 3)
        gk = inner.gradient(y, xk)
    hk = outer.gradient(gk, xk)
    return h.numpy(), hk.numpy()


@check("gradient-accumulation")
def _():
    x = normal(3)
    xt = pt(x).requires_grad_()
    for _ in range(2):
        (xt ** 2).sum().backward()
    assert np.allclose(xt.grad.numpy(), 4 * x)  # two backward calls add up
    xt.grad = None  # what optimizer.zero_grad() does by default
    (xt ** 2).sum().backward()
    xk = tf.Variable(x)
    for _ in range(2):
        with tf.GradientTape() as tape:
            y = tf.reduce_sum(xk ** 2)
        gk = tape.gradient(y, xk)  # a fresh gradient each time
    return xt.grad.numpy(), gk.numpy()


@check("custom-gradient")
def _():
    class ClipGradient(torch.autograd.Function):
        @staticmethod
        def forward(ctx, v):
            return v * 3

        @staticmethod
        def backward(ctx, grad):
            return torch.clamp(grad, -0.1, 0.1)

    @tf.custom_gradient
    def clip_gradient(v):
        def grad(upstream):
            return tf.clip_by_value(upstream, -0.1, 0.1)
        return v * 3, grad

    x = normal(3)
    xt = pt(x).requires_grad_()
    ClipGradient.apply(xt).sum().backward()
    xk = tf.Variable(x)
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(clip_gradient(xk))
    return xt.grad.numpy(), tape.gradient(y, xk).numpy()


@check("retain-graph-persistent")
def _():
    xt = torch.ones(3, requires_grad=True)
    y = (xt.exp()).sum()
    y.backward()
    try:
        y.backward()
    except RuntimeError:
        pass  # the graph was freed by the first call
    else:
        raise AssertionError("a second backward() ran without retain_graph=True")
    xk = tf.Variable(tf.ones(3))
    with tf.GradientTape() as tape:
        yk = tf.reduce_sum(tf.exp(xk))
    tape.gradient(yk, xk)
    try:
        tape.gradient(yk, xk)
    except RuntimeError:
        pass  # a tape answers once unless persistent=True
    else:
        raise AssertionError("a second gradient() ran on a non-persistent tape")
    y = (xt.exp()).sum()
    y.backward(retain_graph=True)
    y.backward()
    with tf.GradientTape(persistent=True) as tape:
        yk = tf.reduce_sum(tf.exp(xk))
    tape.gradient(yk, xk)
    tape.gradient(yk, xk)


# Layers (weights copied from PyTorch into Keras, inputs in each framework's layout)

@check("linear-dense")
def _():
    x = normal(4, 3)
    linear, dense = torch.nn.Linear(3, 2), keras.layers.Dense(2)
    dense.build((None, 3))
    assert tuple(linear.weight.shape) == (2, 3) and tuple(dense.kernel.shape) == (3, 2)
    dense.set_weights([linear.weight.detach().numpy().T, linear.bias.detach().numpy()])
    return linear(pt(x)).detach().numpy(), dense(x).numpy()


@check("conv2d")
def _():
    x = normal(2, 3, 8, 8)  # N, C, H, W
    conv, keras_conv = torch.nn.Conv2d(3, 4, 3), keras.layers.Conv2D(4, 3)
    keras_conv.build((None, 8, 8, 3))
    assert tuple(conv.weight.shape) == (4, 3, 3, 3)  # out, in, H, W
    assert tuple(keras_conv.kernel.shape) == (3, 3, 3, 4)  # H, W, in, out
    keras_conv.set_weights([conv.weight.detach().permute(2, 3, 1, 0).numpy(),
                            conv.bias.detach().numpy()])
    return nhwc(conv(pt(x)).detach()), keras_conv(nhwc(x)).numpy()


@check("depthwise-conv")
def _():
    x = normal(2, 3, 8, 8)
    conv = torch.nn.Conv2d(3, 3, 3, groups=3)
    keras_conv = keras.layers.DepthwiseConv2D(3)
    keras_conv.build((None, 8, 8, 3))
    assert tuple(conv.weight.shape) == (3, 1, 3, 3)  # out, in / groups, H, W
    assert tuple(keras_conv.kernel.shape) == (3, 3, 3, 1)  # H, W, in, multiplier
    keras_conv.set_weights([conv.weight.detach().permute(2, 3, 0, 1).numpy(),
                            conv.bias.detach().numpy()])
    return nhwc(conv(pt(x)).detach()), keras_conv(nhwc(x)).numpy()


@check("transposed-conv")
def _():
    x = normal(2, 4, 5, 5)
    keras_conv = keras.layers.Conv2DTranspose(3, 3, strides=2, padding="same")
    keras_conv.build((None, 5, 5, 4))
    assert tuple(keras_conv.kernel.shape) == (3, 3, 3, 4)  # H, W, out, in
    weight = torch.from_numpy(keras_conv.kernel.numpy()).permute(3, 2, 0, 1)
    bias = torch.from_numpy(keras_conv.bias.numpy())
    assert tuple(torch.nn.ConvTranspose2d(4, 3, 3).weight.shape) == tuple(weight.shape)
    expected = keras_conv(nhwc(x)).numpy()  # (2, 10, 10, 3)
    obvious = torch.nn.functional.conv_transpose2d(pt(x), weight, bias, stride=2, padding=1,
                                                   output_padding=1)
    assert obvious.shape[2:] == expected.shape[1:3]  # the same shape ...
    assert not np.allclose(nhwc(obvious), expected, atol=1e-3)  # ... and other numbers
    assert np.allclose(nhwc(obvious)[:, :-1, :-1], expected[:, 1:, 1:], atol=1e-5)  # shifted
    back = keras_conv.kernel.numpy()
    assert np.array_equal(weight.permute(2, 3, 1, 0).numpy(), back)  # the way back
    full = torch.nn.functional.conv_transpose2d(pt(x), weight, bias, stride=2)
    return nhwc(full[..., :-1, :-1]), expected


@check("conv-padding-same")
def _():
    x = normal(1, 2, 7, 7)
    conv = torch.nn.Conv2d(2, 2, 3, padding="same")
    keras_conv = keras.layers.Conv2D(2, 3, padding="same")
    keras_conv.build((None, 7, 7, 2))
    keras_conv.set_weights([conv.weight.detach().permute(2, 3, 1, 0).numpy(),
                            conv.bias.detach().numpy()])
    even = torch.nn.Conv2d(2, 2, 4, padding="same")  # odd padding: the extra goes bottom, right
    keras_even = keras.layers.Conv2D(2, 4, padding="same")
    keras_even.build((None, 7, 7, 2))
    keras_even.set_weights([even.weight.detach().permute(2, 3, 1, 0).numpy(),
                            even.bias.detach().numpy()])
    assert np.allclose(nhwc(even(pt(x)).detach()), keras_even(nhwc(x)).numpy(), atol=1e-5)
    try:
        torch.nn.Conv2d(2, 2, 3, stride=2, padding="same")
    except ValueError:
        pass  # PyTorch allows padding="same" only with stride 1
    else:
        raise AssertionError("torch.nn.Conv2d accepted padding='same' with stride 2")
    try:
        F.conv2d(pt(x), conv.weight, stride=2, padding="same")
    except RuntimeError:
        pass
    else:
        raise AssertionError("F.conv2d accepted padding='same' with stride 2")
    return nhwc(conv(pt(x)).detach()), keras_conv(nhwc(x)).numpy()


@check("strided-same-padding")
def _():
    x = normal(1, 2, 8, 8)
    conv = torch.nn.Conv2d(2, 3, 3, stride=2)
    keras_conv = keras.layers.Conv2D(3, 3, strides=2, padding="same")
    keras_conv.build((None, 8, 8, 2))
    keras_conv.set_weights([conv.weight.detach().permute(2, 3, 1, 0).numpy(),
                            conv.bias.detach().numpy()])
    keras_out = keras_conv(nhwc(x)).numpy()
    try:
        torch.nn.Conv2d(2, 3, 3, stride=2, padding="same")
    except ValueError:
        pass  # PyTorch's "same" is for stride 1 only
    else:
        raise AssertionError("torch.nn.Conv2d accepted padding='same' with stride 2")
    try:
        F.conv2d(pt(x), conv.weight, stride=2, padding="same")
    except RuntimeError:
        pass
    else:
        raise AssertionError("F.conv2d accepted padding='same' with stride 2")
    symmetric = torch.nn.Conv2d(2, 3, 3, stride=2, padding=1)
    symmetric.load_state_dict(conv.state_dict())
    wrong = nhwc(symmetric(pt(x)).detach())
    assert wrong.shape == keras_out.shape and not np.allclose(wrong, keras_out, atol=1e-3)
    return nhwc(conv(F.pad(pt(x), (0, 1, 0, 1))).detach()), keras_out


@check("flatten-order")
def _():
    x = normal(2, 3, 4, 4)  # N, C, H, W
    dense = keras.Sequential([keras.Input((4, 4, 3)), keras.layers.Flatten(),
                              keras.layers.Dense(5)])
    kernel, bias = dense.layers[-1].get_weights()  # (48, 5), rows in (H, W, C) order
    linear = torch.nn.Linear(48, 5)
    with torch.no_grad():
        linear.weight.copy_(torch.from_numpy(kernel.T))  # transposed, rows not reordered
        linear.bias.copy_(torch.from_numpy(bias))
    keras_out = dense(nhwc(x)).numpy()
    wrong = linear(torch.flatten(pt(x), 1)).detach().numpy()  # fits, and is wrong
    assert wrong.shape == keras_out.shape and not np.allclose(wrong, keras_out, atol=1e-3)
    right = linear(torch.flatten(pt(x).permute(0, 2, 3, 1), 1)).detach().numpy()
    return right, keras_out


@check("interpolate-nearest")
def _():
    x = normal(1, 1, 5, 5)
    size = (7, 7)
    keras_out = tf.image.resize(nhwc(x), size, method="nearest").numpy()
    legacy = nhwc(F.interpolate(pt(x), size=size, mode="nearest"))
    assert not np.allclose(legacy, keras_out)
    row = np.arange(10, dtype="float32").reshape(1, 1, 1, 10)  # shrinking 10 -> 5 pixels
    shrunk_t = F.interpolate(pt(row), size=(1, 5), mode="nearest").numpy().ravel()
    shrunk_k = tf.image.resize(nhwc(row), (1, 5), method="nearest").numpy().ravel()
    assert shrunk_t.tolist() == [0, 2, 4, 6, 8] and shrunk_k.tolist() == [1, 3, 5, 7, 9]
    exact = F.interpolate(pt(row), size=(1, 5), mode="nearest-exact").numpy().ravel()
    assert exact.tolist() == shrunk_k.tolist()
    return nhwc(F.interpolate(pt(x), size=size, mode="nearest-exact")), keras_out


@check("batch-norm")
def _():
    norm, keras_norm = torch.nn.BatchNorm2d(3), keras.layers.BatchNormalization()
    assert norm.momentum == 0.1 and norm.eps == 1e-5
    assert keras_norm.momentum == 0.99 and keras_norm.epsilon == 1e-3
    # PyTorch's momentum weighs the new batch, Keras's the old average: 0.1 there is 0.9 here.
    keras_norm = keras.layers.BatchNormalization(momentum=0.9, epsilon=1e-5)
    keras_norm.build((None, 4, 4, 3))
    rng = np.random.default_rng(0)
    gamma, beta = rng.uniform(0.5, 2, 3), rng.standard_normal(3)
    mean, var = rng.standard_normal(3), rng.uniform(0.5, 2, 3)
    with torch.no_grad():
        for p, v in zip([norm.weight, norm.bias, norm.running_mean, norm.running_var],
                        [gamma, beta, mean, var], strict=True):
            p.copy_(torch.from_numpy(v))
    keras_norm.set_weights([v.astype("float32") for v in (gamma, beta, mean, var)])
    x = normal(2, 3, 4, 4)
    inference = (nhwc(norm.eval()(pt(x)).detach()), keras_norm(nhwc(x), training=False).numpy())
    norm.train()(pt(x))  # one training batch updates the moving statistics
    keras_norm(nhwc(x), training=True)
    n = 2 * 4 * 4  # values per channel in the batch
    batch_var = x.transpose(1, 0, 2, 3).reshape(3, -1).var(axis=1)  # divided by n
    assert np.allclose(norm.running_var.numpy(), 0.9 * var + 0.1 * batch_var * n / (n - 1))
    assert np.allclose(keras_norm.moving_variance.numpy(), 0.9 * var + 0.1 * batch_var)
    return ([inference[0], norm.running_mean.numpy()],
            [inference[1], keras_norm.moving_mean.numpy()])


@check("layer-norm")
def _():
    norm, keras_norm = torch.nn.LayerNorm(4), keras.layers.LayerNormalization()
    assert norm.eps == 1e-5 and keras_norm.epsilon == 1e-3
    keras_norm = keras.layers.LayerNormalization(epsilon=1e-5)
    x = normal(3, 4)
    return norm(pt(x)).detach().numpy(), keras_norm(x).numpy()


@check("embedding")
def _():
    emb, keras_emb = torch.nn.Embedding(10, 4), keras.layers.Embedding(10, 4)
    keras_emb.build((None,))
    keras_emb.set_weights([emb.weight.detach().numpy()])  # the same (rows, size) layout
    ids = np.array([[1, 5, 9], [0, 0, 2]])
    return emb(torch.from_numpy(ids)).detach().numpy(), keras_emb(ids).numpy()


@check("dropout-modes")
def _():
    x = normal(1000) + 3  # all positive, so a zero can only be a dropped unit
    drop, keras_drop = torch.nn.Dropout(p=0.5), keras.layers.Dropout(rate=0.5)
    kept_t = drop.train()(pt(x)).numpy()
    kept_k = keras_drop(x, training=True).numpy()
    for kept in (kept_t, kept_k):  # both scale the kept units by 1 / (1 - p) while training
        assert np.allclose(kept[kept != 0], 2 * x[kept != 0], rtol=1e-6)
    return drop.eval()(pt(x)).numpy(), keras_drop(x, training=False).numpy()


@check("max-pool")
def _():
    x = normal(2, 3, 8, 8)
    return (nhwc(torch.nn.MaxPool2d(2)(pt(x))),
            keras.layers.MaxPooling2D(2)(nhwc(x)).numpy())


@check("avg-pool-padding")
def _():
    def keras_same(x, stride):
        return keras.layers.AveragePooling2D(3, strides=stride, padding="same")(nhwc(x)).numpy()

    def torch_pool(x, stride, **settings):
        return nhwc(torch.nn.AvgPool2d(3, stride=stride, **settings)(pt(x)))

    x, odd = normal(2, 3, 6, 6), normal(2, 3, 7, 7, seed=1)
    same = keras_same(x, 1)
    assert not np.allclose(torch_pool(x, 1, padding=1), same, atol=1e-3)  # zeros pull it down
    symmetric = {"padding": 1, "count_include_pad": False}
    assert np.allclose(torch_pool(x, 1, **symmetric), same, atol=1e-6)
    assert np.allclose(torch_pool(odd, 2, **symmetric), keras_same(odd, 2), atol=1e-6)
    # Stride 2, even size: Keras pads the bottom and right only, so the symmetric fix misses.
    strided = keras_same(x, 2)
    assert not np.allclose(torch_pool(x, 2, **symmetric), strided, atol=1e-3)
    return torch_pool(x, 2, ceil_mode=True), strided


@check("global-average-pool")
def _():
    x = normal(2, 3, 5, 5)
    pooled = torch.flatten(torch.nn.AdaptiveAvgPool2d(1)(pt(x)), 1)
    return pooled.numpy(), keras.layers.GlobalAveragePooling2D()(nhwc(x)).numpy()


@check("lstm")
def _():
    x = normal(2, 5, 3)  # batch, time, features (batch_first=True)
    lstm = torch.nn.LSTM(3, 4, batch_first=True)
    keras_lstm = keras.layers.LSTM(4, return_sequences=True)
    keras_lstm.build((None, 5, 3))
    # Both order the gates input, forget, cell, output; PyTorch keeps two biases, Keras one.
    keras_lstm.set_weights([lstm.weight_ih_l0.detach().numpy().T,
                            lstm.weight_hh_l0.detach().numpy().T,
                            (lstm.bias_ih_l0 + lstm.bias_hh_l0).detach().numpy()])
    return lstm(pt(x))[0].detach().numpy(), keras_lstm(x).numpy()


@check("gru")
def _():
    x = normal(2, 5, 3)
    gru = torch.nn.GRU(3, 4, batch_first=True)
    keras_gru = keras.layers.GRU(4, return_sequences=True)
    assert keras_gru.cell.reset_after  # the default that matches PyTorch's formula
    keras_gru.build((None, 5, 3))

    def keras_order(weight):  # PyTorch's gates (reset, update, new) as Keras's (update, reset, new)
        r, z, n = np.split(weight.detach().numpy(), 3, axis=0)
        return np.concatenate([z, r, n], axis=0)

    keras_gru.set_weights([keras_order(gru.weight_ih_l0).T, keras_order(gru.weight_hh_l0).T,
                           np.stack([keras_order(gru.bias_ih_l0), keras_order(gru.bias_hh_l0)])])
    return gru(pt(x))[0].detach().numpy(), keras_gru(x).numpy()


def attention_pair(embed: int = 8, heads: int = 2):
    """torch.nn.MultiheadAttention and a keras.layers.MultiHeadAttention holding its weights:
    PyTorch's stacked (3 × embed, embed) projection split into Keras's (embed, heads, key_dim)
    kernels, one each for query, key and value, and its output projection likewise."""
    attention = torch.nn.MultiheadAttention(embed, heads, batch_first=True)
    keras_attention = keras.layers.MultiHeadAttention(num_heads=heads, key_dim=embed // heads)
    keras_attention(normal(1, 2, embed), normal(1, 2, embed))  # builds it
    q, k, v = np.split(attention.in_proj_weight.detach().numpy(), 3)
    qb, kb, vb = np.split(attention.in_proj_bias.detach().numpy(), 3)
    out_w = attention.out_proj.weight.detach().numpy()

    def split_heads(weight, bias):  # (heads * key_dim, embed) -> (embed, heads, key_dim)
        return weight.T.reshape(embed, heads, -1), bias.reshape(heads, -1)

    keras_attention.set_weights([*split_heads(q, qb), *split_heads(k, kb), *split_heads(v, vb),
                                 out_w.T.reshape(heads, -1, embed),
                                 attention.out_proj.bias.detach().numpy()])
    return attention, keras_attention


@check("multi-head-attention")
def _():
    sequence_first = torch.nn.MultiheadAttention(8, 2)
    assert sequence_first.batch_first is False  # (sequence, batch, feature)
    # A batch-first tensor fed to it runs, and example 0's output depends on the others.
    batch = torch.from_numpy(normal(3, 5, 8))
    changed = batch.clone()
    changed[1:] += 1.0
    first = sequence_first(batch, batch, batch, need_weights=False)[0][:, 0]
    again = sequence_first(changed, changed, changed, need_weights=False)[0][:, 0]
    assert not torch.allclose(first[0], again[0])
    q, k, v = normal(2, 5, 8), normal(2, 7, 8, seed=1), normal(2, 7, 8, seed=2)
    attention, keras_attention = attention_pair()
    out_t = attention(pt(q), pt(k), pt(v), need_weights=False)[0].detach().numpy()
    # Keras's call is (query, value, key): PyTorch's order, passed as it is, swaps key and value.
    swapped = keras_attention(q, k, v).numpy()
    assert not np.allclose(out_t, swapped, atol=1e-3)
    return out_t, keras_attention(q, v, key=k).numpy()


@check("attention-mask")
def _():
    x = normal(2, 5, 8)
    attention, keras_attention = attention_pair()
    causal_blocked = np.triu(np.ones((5, 5), dtype=bool), k=1)  # True: a future position
    out_t = attention(pt(x), pt(x), pt(x), attn_mask=torch.from_numpy(causal_blocked),
                      need_weights=False)[0].detach().numpy()
    same_mask = keras_attention(x, x, attention_mask=causal_blocked[None]).numpy()
    assert not np.allclose(out_t, same_mask, atol=1e-3)  # the same mask means the opposite
    q = k = v = torch.from_numpy(normal(1, 2, 5, 4))  # batch, heads, positions, size
    allowed = torch.from_numpy(~causal_blocked)
    assert torch.allclose(F.scaled_dot_product_attention(q, k, v, attn_mask=allowed),
                          F.scaled_dot_product_attention(q, k, v, is_causal=True), atol=1e-6)
    # A float mask, added to the scores in PyTorch; Keras reads it as boolean, so 0 blocks.
    additive = torch.nn.Transformer.generate_square_subsequent_mask(5)
    out_float = attention(pt(x), pt(x), pt(x), attn_mask=additive,
                          need_weights=False)[0].detach().numpy()
    assert np.allclose(out_float, out_t, atol=1e-6)
    float_as_is = keras_attention(x, x, attention_mask=additive.numpy()[None]).numpy()
    assert not np.allclose(out_float, float_as_is, atol=1e-3)
    from_float = keras_attention(x, x, attention_mask=(additive.numpy() == 0)[None]).numpy()
    assert np.allclose(out_float, from_float, atol=1e-5)
    return out_t, keras_attention(x, x, attention_mask=~causal_blocked[None]).numpy()


# Activations

@check("relu")
def _():
    x = normal(10)
    return F.relu(pt(x)).numpy(), keras.activations.relu(x).numpy()


@check("gelu")
def _():
    x = normal(10) * 3
    exact_t, exact_k = F.gelu(pt(x)), keras.activations.gelu(x)  # both exact by default
    assert not np.allclose(exact_t.numpy(), F.gelu(pt(x), approximate="tanh").numpy(), atol=1e-6)
    return ([exact_t.numpy(), F.gelu(pt(x), approximate="tanh").numpy()],
            [np.asarray(exact_k), np.asarray(keras.activations.gelu(x, approximate=True))])


@check("softmax")
def _():
    x = normal(3, 4)
    return ([F.softmax(pt(x), dim=-1).numpy(), F.softmax(pt(x), dim=0).numpy()],
            [keras.activations.softmax(x).numpy(), tf.nn.softmax(x, axis=0).numpy()])


@check("leaky-relu")
def _():
    assert torch.nn.LeakyReLU().negative_slope == 0.01
    assert keras.layers.LeakyReLU().negative_slope == 0.3
    x = normal(10)
    default_tf = tf.nn.leaky_relu(x).numpy()
    assert np.allclose(default_tf[x < 0], 0.2 * x[x < 0])  # tf.nn.leaky_relu: alpha 0.2
    default_activation = np.asarray(keras.activations.leaky_relu(x))
    assert np.allclose(default_activation[x < 0], 0.2 * x[x < 0])
    return (torch.nn.LeakyReLU()(pt(x)).numpy(),
            keras.layers.LeakyReLU(negative_slope=0.01)(x).numpy())


@check("silu-swish")
def _():
    x = normal(10)
    return F.silu(pt(x)).numpy(), keras.activations.silu(x).numpy()


@check("elu")
def _():
    x = normal(10)
    return F.elu(pt(x)).numpy(), keras.activations.elu(x).numpy()


# Losses

@check("cross-entropy-logits")
def _():
    logits, labels = normal(4, 5), np.array([0, 3, 4, 1])
    t = torch.nn.CrossEntropyLoss()(pt(logits), torch.from_numpy(labels))
    k = keras.losses.SparseCategoricalCrossentropy(from_logits=True)(labels, logits)
    default = keras.losses.SparseCategoricalCrossentropy()(labels, logits)  # reads probabilities
    assert not np.isclose(float(default), float(t))
    # Targets of -100 are skipped by PyTorch by default, and by Keras only with ignore_class.
    masked = np.array([0, -100, 4, -100])
    t_ignored = torch.nn.CrossEntropyLoss()(pt(logits), torch.from_numpy(masked))
    k_ignored = keras.losses.SparseCategoricalCrossentropy(from_logits=True, ignore_class=-100)(
        masked, logits)
    assert np.isclose(float(t_ignored), float(k_ignored), atol=1e-6)
    return t.numpy(), k.numpy()


@check("binary-cross-entropy-logits")
def _():
    logits = normal(6)
    labels = np.array([0, 1, 1, 0, 1, 0], dtype="float32")
    t = torch.nn.BCEWithLogitsLoss()(pt(logits), pt(labels))
    k = keras.losses.BinaryCrossentropy(from_logits=True)(labels[:, None], logits[:, None])
    return t.numpy(), k.numpy()


@check("mse")
def _():
    a, b = normal(4, 3), normal(4, 3, seed=1)
    return torch.nn.MSELoss()(pt(a), pt(b)).numpy(), keras.losses.MeanSquaredError()(b, a).numpy()


@check("l1-mae")
def _():
    a, b = normal(4, 3), normal(4, 3, seed=1)
    return (torch.nn.L1Loss()(pt(a), pt(b)).numpy(),
            keras.losses.MeanAbsoluteError()(b, a).numpy())


@check("huber")
def _():
    a, b = normal(4, 3) * 3, normal(4, 3, seed=1)
    assert torch.nn.HuberLoss().delta == 1.0
    for beta in (0.5, 2.0):  # SmoothL1Loss is Huber divided by beta
        smooth = torch.nn.SmoothL1Loss(beta=beta)(pt(a), pt(b))
        assert torch.isclose(smooth * beta, torch.nn.HuberLoss(delta=beta)(pt(a), pt(b)))
    return torch.nn.HuberLoss()(pt(a), pt(b)).numpy(), keras.losses.Huber()(b, a).numpy()


@check("kl-divergence")
def _():
    p = tf.nn.softmax(normal(4, 5)).numpy()
    q = tf.nn.softmax(normal(4, 5, seed=1)).numpy()
    # PyTorch takes log-probabilities for the prediction; 'batchmean' is the mathematical KL.
    t = F.kl_div(torch.log(pt(q)), pt(p), reduction="batchmean")
    mean = F.kl_div(torch.log(pt(q)), pt(p))  # default 'mean': divided by all 20 elements
    assert torch.isclose(mean * 5, t)
    return t.numpy(), keras.losses.KLDivergence()(p, q).numpy()


@check("label-smoothing")
def _():
    logits, labels = normal(4, 5), np.array([0, 3, 4, 1])
    # The note: Keras's sparse form has no label_smoothing (a release that adds it fails here).
    assert "label_smoothing" not in inspect.signature(
        keras.losses.SparseCategoricalCrossentropy).parameters
    t = torch.nn.CrossEntropyLoss(label_smoothing=0.1)(pt(logits), torch.from_numpy(labels))
    k = keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=0.1)(
        np.eye(5, dtype="float32")[labels], logits)
    return t.numpy(), k.numpy()


@check("loss-reduction")
def _():
    a, b = normal(4, 3), normal(4, 3, seed=1)
    assert torch.nn.MSELoss().reduction == "mean"
    assert keras.losses.MeanSquaredError().reduction == "sum_over_batch_size"
    per_t = torch.nn.MSELoss(reduction="none")(pt(a), pt(b)).mean(dim=1)  # per element, averaged
    per_k = keras.losses.MeanSquaredError(reduction=None)(b, a)  # per sample already
    return ([per_t.numpy(), torch.nn.MSELoss(reduction="sum")(pt(a), pt(b)).numpy() / 3],
            [per_k.numpy(), keras.losses.MeanSquaredError(reduction="sum")(b, a).numpy()])


# Optimizers and schedules: the same steps from the same start on the same quadratic loss

def torch_steps(optimizer_for, steps: int = 5) -> np.ndarray:
    w = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
    optimizer = optimizer_for([w])
    for _ in range(steps):
        optimizer.zero_grad()
        ((w - 0.5) ** 2).sum().backward()
        optimizer.step()
    return w.detach().numpy()


def keras_steps(optimizer, steps: int = 5) -> np.ndarray:
    w = tf.Variable([1.0, -2.0, 3.0])
    for _ in range(steps):
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum((w - 0.5) ** 2)
        optimizer.apply_gradients([(tape.gradient(loss, w), w)])
    return w.numpy()


@check("sgd-momentum")
def _():
    return (torch_steps(lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9)),
            keras_steps(keras.optimizers.SGD(learning_rate=0.1, momentum=0.9)))


@check("adam")
def _():
    assert torch.optim.Adam([torch.zeros(1, requires_grad=True)]).defaults["eps"] == 1e-8
    assert keras.optimizers.Adam().epsilon == 1e-7
    return (torch_steps(lambda p: torch.optim.Adam(p, lr=0.1)),
            keras_steps(keras.optimizers.Adam(learning_rate=0.1, epsilon=1e-8)))


@check("adamw")
def _():
    assert torch.optim.AdamW([torch.zeros(1, requires_grad=True)]).defaults[
        "weight_decay"] == 0.01
    assert keras.optimizers.AdamW().weight_decay == 0.004
    return (torch_steps(lambda p: torch.optim.AdamW(p, lr=0.1)),
            keras_steps(keras.optimizers.AdamW(learning_rate=0.1, weight_decay=0.01,
                                               epsilon=1e-8)))


@check("weight-decay")
def _():
    l2 = torch_steps(lambda p: torch.optim.Adam(p, lr=0.1, weight_decay=0.1))
    decoupled = torch_steps(lambda p: torch.optim.AdamW(p, lr=0.1, weight_decay=0.1))
    keras_adam = keras_steps(keras.optimizers.Adam(learning_rate=0.1, weight_decay=0.1,
                                                   epsilon=1e-8))
    assert not np.allclose(l2, keras_adam, atol=1e-3)
    return decoupled, keras_adam


@check("rmsprop")
def _():
    defaults = torch.optim.RMSprop([torch.zeros(1, requires_grad=True)]).defaults
    keras_default = keras.optimizers.RMSprop()
    assert defaults["alpha"] == 0.99 and keras_default.rho == 0.9
    assert defaults["lr"] == 1e-2 and np.isclose(float(keras_default.learning_rate), 1e-3)
    assert defaults["eps"] == 1e-8 and keras_default.epsilon == 1e-7
    return (torch_steps(lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.9)),
            keras_steps(keras.optimizers.RMSprop(learning_rate=0.01, rho=0.9, epsilon=1e-8)))


@check("step-decay")
def _():
    w = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=0.1)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=2, gamma=0.5)
    rates_t = []
    for _ in range(6):
        rates_t.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    schedule = keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=2, decay_rate=0.5,
                                                           staircase=True)
    return np.array(rates_t), np.array([float(schedule(step)) for step in range(6)])


@check("cosine-decay")
def _():
    w = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=0.1)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=10)
    rates_t = []
    for _ in range(11):
        rates_t.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    schedule = keras.optimizers.schedules.CosineDecay(0.1, decay_steps=10)
    for _ in range(5):  # past T_max
        optimizer.step()
        scheduler.step()
    assert optimizer.param_groups[0]["lr"] > 0.01 and float(schedule(15)) == 0.0
    return np.array(rates_t), np.array([float(schedule(step)) for step in range(11)])


@check("clip-grad-norm")
def _():
    g1, g2 = normal(3) * 5, normal(2, seed=1) * 5
    a, b = pt(g1).clone().requires_grad_(), pt(g2).clone().requires_grad_()
    a.grad, b.grad = pt(g1).clone(), pt(g2).clone()
    norm_t = torch.nn.utils.clip_grad_norm_([a, b], max_norm=1.0)
    clipped, norm_k = tf.clip_by_global_norm([g1, g2], clip_norm=1.0)
    assert keras.optimizers.SGD(global_clipnorm=1.0).global_clipnorm == 1.0
    return ([a.grad.numpy(), b.grad.numpy(), norm_t.numpy()],
            [clipped[0].numpy(), clipped[1].numpy(), norm_k.numpy()])


# Initializers

@check("default-initializers")
def _():
    linear = torch.nn.Linear(400, 300)
    bound = 1 / math.sqrt(400)  # kaiming_uniform_(a=sqrt(5)) and the bias rule give this bound
    assert linear.weight.abs().max() <= bound and linear.bias.abs().max() <= bound
    assert linear.bias.abs().max() > 0
    dense = keras.layers.Dense(300)
    dense.build((None, 400))
    limit = math.sqrt(6 / (400 + 300))  # glorot_uniform
    kernel = dense.kernel.numpy()
    assert np.abs(kernel).max() <= limit and np.abs(kernel).max() > bound
    assert not dense.bias.numpy().any()  # zeros


@check("xavier-glorot-uniform")
def _():
    w = torch.empty(300, 400)
    torch.nn.init.xavier_uniform_(w, generator=torch.Generator().manual_seed(0))
    k = keras.initializers.GlorotUniform(seed=0)((400, 300)).numpy()
    limit = math.sqrt(6 / 700)
    assert w.abs().max() <= limit and np.abs(k).max() <= limit
    return np.array([w.std().item()]), np.array([k.std()])


@check("kaiming-he-normal")
def _():
    w = torch.empty(300, 400)  # (out, in): fan_in is 400 in both
    torch.nn.init.kaiming_normal_(w, generator=torch.Generator().manual_seed(0))
    k = keras.initializers.HeNormal(seed=0)((400, 300)).numpy()
    std = math.sqrt(2 / 400)
    assert w.abs().max() > 2.5 * std  # a plain normal has tails
    assert np.abs(k).max() <= 2 * std / 0.87962566103423978 + 1e-6  # truncated at 2 sigma
    return np.array([w.std().item()]), np.array([k.std()])


@check("orthogonal")
def _():
    w = torch.empty(6, 6)
    torch.nn.init.orthogonal_(w)
    k = keras.initializers.Orthogonal(seed=0)((6, 6)).numpy()
    return (w.T @ w).numpy(), k.T @ k


@check("lstm-forget-bias")
def _():
    lstm = torch.nn.LSTM(3, 4)
    keras_lstm = keras.layers.LSTM(4)
    keras_lstm.build((None, 5, 3))
    bias = keras_lstm.cell.bias.numpy()
    assert np.all(bias[4:8] == 1) and not bias[:4].any()  # unit_forget_bias=True
    bound = 1 / math.sqrt(4)  # PyTorch: every weight and bias from U(-1/sqrt(hidden), ...)
    forget = lstm.bias_ih_l0[4:8].detach()
    assert forget.abs().max() <= bound and not torch.all(forget == 1)


# Data loading

@check("dataloader-batches")
def _():
    x, y = normal(10, 2), np.arange(10)
    loader = torch.utils.data.DataLoader(
        torch.utils.data.TensorDataset(pt(x), torch.from_numpy(y)), batch_size=4)
    dataset = tf.data.Dataset.from_tensor_slices((x, y)).batch(4)
    t = [np.concatenate([bx.numpy(), by.numpy()[:, None]], 1) for bx, by in loader]
    k = [np.concatenate([bx.numpy(), by.numpy()[:, None]], 1) for bx, by in dataset]
    assert [len(b) for b in t] == [4, 4, 2]
    dropped_t = torch.utils.data.DataLoader(range(10), batch_size=4, drop_last=True)
    dropped_k = tf.data.Dataset.range(10).batch(4, drop_remainder=True)
    assert len(list(dropped_t)) == len(list(dropped_k)) == 2
    return t, k


@check("shuffle")
def _():
    torch_loader = torch.utils.data.DataLoader(
        range(20), batch_size=20, shuffle=True,
        generator=torch.Generator().manual_seed(0))
    tf_dataset = tf.data.Dataset.range(20).shuffle(buffer_size=20, seed=0).batch(20)
    for epochs in ([next(iter(torch_loader)).tolist() for _ in range(2)],
                   [b.numpy().tolist() for _ in range(2) for b in tf_dataset]):
        assert all(sorted(epoch) == list(range(20)) for epoch in epochs)
        assert epochs[0] != epochs[1]  # a new order each epoch
    # A buffer smaller than the dataset mixes only nearby elements: the first out is one of
    # the first 2 in.
    small = [next(iter(tf.data.Dataset.range(20).shuffle(2))).numpy() for _ in range(20)]
    assert set(small) <= {0, 1}


@check("map-transform")
def _():
    class Doubled(torch.utils.data.Dataset):
        def __init__(self, values):
            self.values = values

        def __len__(self):
            return len(self.values)

        def __getitem__(self, i):
            return self.values[i] * 2

    x = normal(6)
    t = [b.numpy() for b in torch.utils.data.DataLoader(Doubled(pt(x)), batch_size=3)]
    dataset = (tf.data.Dataset.from_tensor_slices(x)
               .map(lambda v: v * 2, num_parallel_calls=tf.data.AUTOTUNE)
               .batch(3).prefetch(tf.data.AUTOTUNE))
    return t, [b.numpy() for b in dataset]


# Devices and placement

@check("device-placement")
def _():
    assert torch.ones(2).device.type == "cpu"  # PyTorch creates tensors on the CPU
    device = "cuda" if torch.cuda.is_available() else "cpu"
    t = torch.ones(2).to(device)
    assert t.device.type == device
    with tf.device("/CPU:0"):
        k = tf.ones(2)
    assert k.device.endswith("CPU:0")


@check("tf32")
def _():
    # The defaults the note names, read on the pinned releases (they act only on such a GPU).
    assert torch.backends.cuda.matmul.allow_tf32 is False
    assert torch.backends.cudnn.allow_tf32 is True
    # The newer settings (PyTorch 2.9 on) say the same: unset for matrix products, TF32 for cuDNN.
    assert torch.backends.cuda.matmul.fp32_precision in ("none", "ieee")
    assert torch.backends.cudnn.conv.fp32_precision == "tf32"
    assert tf.config.experimental.tensor_float_32_execution_enabled() is True


@check("list-accelerators")
def _():
    assert isinstance(torch.cuda.device_count(), int)
    gpus = tf.config.list_physical_devices("GPU")
    assert isinstance(gpus, list) and tf.config.list_physical_devices("CPU")


# Saving and loading

def small_models():
    torch_model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU(), torch.nn.Linear(4, 2))
    keras_model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4, activation="relu"),
                                    keras.layers.Dense(2)])
    return torch_model, keras_model


@check("state-dict-weights")
def _(tmp: Path):
    x = normal(5, 3)
    torch_model, keras_model = small_models()
    try:
        keras_model.save_weights(tmp / "model.h5")
    except ValueError:
        pass
    else:
        raise AssertionError("Keras saved weights to a name without .weights.h5")
    torch.save(torch_model.state_dict(), tmp / "weights.pt")
    keras_model.save_weights(tmp / "model.weights.h5")  # Keras 3 wants this suffix
    torch_again, keras_again = small_models()
    torch_again.load_state_dict(torch.load(tmp / "weights.pt"))
    keras_again.load_weights(tmp / "model.weights.h5")
    assert torch.equal(torch_model(pt(x)), torch_again(pt(x)))
    assert np.array_equal(keras_model(x), keras_again(x))


@check("whole-model")
def _(tmp: Path):
    x = normal(5, 3)
    torch_model, keras_model = small_models()
    torch.save(torch_model, tmp / "model.pt")
    try:
        torch.load(tmp / "model.pt")  # weights_only=True by default
    except Exception as error:  # noqa: BLE001 (pickle's UnpicklingError)
        assert "weights_only" in str(error)
    else:
        raise AssertionError("torch.load unpickled a whole module by default")
    torch_again = torch.load(tmp / "model.pt", weights_only=False)
    keras_model.save(tmp / "model.keras")
    keras_again = keras.saving.load_model(tmp / "model.keras")
    assert torch.equal(torch_model(pt(x)), torch_again(pt(x)))
    assert np.array_equal(keras_model(x), keras_again(x))
    with_code = keras.Sequential([keras.Input((3,)), keras.layers.Lambda(lambda t: t * 2)])
    with_code.save(tmp / "lambda.keras")
    try:
        keras.saving.load_model(tmp / "lambda.keras")
    except ValueError as error:
        assert "safe_mode" in str(error)
    else:
        raise AssertionError("a Lambda layer's code loaded with safe_mode on")
    unsafe = keras.saving.load_model(tmp / "lambda.keras", safe_mode=False)
    assert np.allclose(unsafe(x), x * 2)


@check("training-checkpoint")
def _(tmp: Path):
    torch_model, keras_model = small_models()
    optimizer = torch.optim.Adam(torch_model.parameters())
    torch.save({"model": torch_model.state_dict(), "optimizer": optimizer.state_dict(),
                "step": 3}, tmp / "checkpoint.pt")
    state = torch.load(tmp / "checkpoint.pt")
    assert state["step"] == 3 and set(state["optimizer"]) == {"state", "param_groups"}
    keras_optimizer = keras.optimizers.Adam()
    keras_optimizer.build(keras_model.trainable_variables)
    step = tf.Variable(3)
    path = tf.train.Checkpoint(model=keras_model, optimizer=keras_optimizer,
                               step=step).write(str(tmp / "checkpoint"))
    saved = [w.numpy().copy() for w in keras_model.weights + keras_optimizer.variables]
    step.assign(0)
    for w in keras_model.weights + keras_optimizer.variables:  # the objects' variables, zeroed
        w.assign(tf.zeros_like(w))
    tf.train.Checkpoint(model=keras_model, optimizer=keras_optimizer, step=step).read(path)
    assert int(step.numpy()) == 3
    restored = [w.numpy() for w in keras_model.weights + keras_optimizer.variables]
    assert all(np.array_equal(a, b) for a, b in zip(saved, restored, strict=True))


# Mixed precision

@check("autocast-policy")
def _():
    x = normal(4, 3)
    linear = torch.nn.Linear(3, 2)
    with torch.autocast("cpu", dtype=torch.bfloat16):
        out_t = linear(pt(x))
        after = torch.relu(out_t)  # not on the lists: runs in its input's type
    assert out_t.dtype == torch.bfloat16 and linear.weight.dtype == torch.float32
    assert after.dtype == torch.bfloat16
    with torch.autocast("cpu", dtype=torch.bfloat16):  # losses are on the float32 list
        loss = torch.nn.functional.mse_loss(out_t, torch.zeros_like(out_t))
    assert loss.dtype == torch.float32
    dense = keras.layers.Dense(2, dtype="mixed_bfloat16")
    out_k = dense(x)
    assert out_k.dtype == "bfloat16" and dense.kernel.dtype == "float32"
    before = keras.config.dtype_policy()
    keras.config.set_dtype_policy("mixed_bfloat16")
    try:
        assert keras.layers.Dense(2).compute_dtype == "bfloat16"
    finally:
        keras.config.set_dtype_policy(before)


@check("half-precision-cast")
def _():
    x = normal(10) * 100
    return ([pt(x).to(torch.bfloat16).float().numpy(), pt(x).half().float().numpy()],
            [tf.cast(tf.cast(x, tf.bfloat16), tf.float32).numpy(),
             tf.cast(tf.cast(x, tf.float16), tf.float32).numpy()])


@check("loss-scaling")
def _():
    w = torch.ones(3, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=0.1)
    scaler = torch.amp.GradScaler("cpu", init_scale=1024.0)
    scaler.scale((w ** 2).sum()).backward()
    assert torch.allclose(w.grad, torch.full((3,), 2048.0))  # the gradient of the scaled loss
    scaler.step(optimizer)  # unscales first
    scaler.update()
    wk = tf.Variable(tf.ones(3))
    keras_optimizer = keras.optimizers.LossScaleOptimizer(
        keras.optimizers.SGD(learning_rate=0.1), initial_scale=1024.0)
    with tf.GradientTape() as tape:
        scaled = keras_optimizer.scale_loss(tf.reduce_sum(wk ** 2))
    keras_optimizer.apply_gradients([(tape.gradient(scaled, wk), wk)])
    return w.detach().numpy(), wk.numpy()


# Distributed training (one process, one device: the API runs; the arithmetic is unchanged)

@contextlib.contextmanager
def one_process_group():
    """torch.distributed with one process (gloo, on a free local port), torn down after."""
    import torch.distributed as dist

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    dist.init_process_group("gloo", init_method=f"tcp://127.0.0.1:{port}", rank=0,
                            world_size=1)
    try:
        yield dist
    finally:
        dist.destroy_process_group()


@check("data-parallel")
def _():
    with one_process_group():
        model = torch.nn.parallel.DistributedDataParallel(torch.nn.Linear(3, 1, bias=False))
        with torch.no_grad():
            model.module.weight.fill_(1.0)
        model(torch.ones(2, 3)).sum().backward()
        grad_t = model.module.weight.grad.numpy().ravel()
    strategy = tf.distribute.MirroredStrategy(["/CPU:0"])
    with strategy.scope():
        w = tf.Variable(tf.ones((3, 1)))

    @tf.function
    def step():
        def replica():
            with tf.GradientTape() as tape:
                loss = tf.reduce_sum(tf.ones((2, 3)) @ w)
            return tape.gradient(loss, w)
        return strategy.reduce("SUM", strategy.run(replica), axis=None)

    return grad_t, step().numpy().ravel()


@check("all-reduce")
def _():
    with one_process_group() as dist:
        t = torch.tensor([1.0, 2.0])
        dist.all_reduce(t, op=dist.ReduceOp.SUM)  # in place, over every process
    strategy = tf.distribute.MirroredStrategy(["/CPU:0"])

    def replica():
        return tf.distribute.get_replica_context().all_reduce("SUM", tf.constant([1.0, 2.0]))

    k = strategy.experimental_local_results(strategy.run(tf.function(replica)))[0]
    return t.numpy(), k.numpy()


# Compilation and export

@check("compile-function")
def _():
    x = normal(4, 3)

    def f_torch(v):
        return torch.tanh(v) @ v.T

    def f_tf(v):
        return tf.tanh(v) @ tf.transpose(v)

    compiled = torch.compile(f_torch, fullgraph=True)
    assert np.allclose(compiled(pt(x)).numpy(), f_torch(pt(x)).numpy(), atol=1e-5)
    graph, xla = tf.function(f_tf), tf.function(f_tf, jit_compile=True)
    assert np.allclose(graph(x).numpy(), xla(x).numpy(), atol=1e-5)
    return compiled(pt(x)).numpy(), graph(x).numpy()


@check("export-program")
def _(tmp: Path):
    x = normal(5, 3)
    torch_model, keras_model = small_models()
    program = torch.export.export(torch_model, (pt(x),))
    torch.export.save(program, tmp / "model.pt2")
    loaded = torch.export.load(tmp / "model.pt2")
    assert torch.allclose(loaded.module()(pt(x)), torch_model(pt(x)))
    keras_model.export(str(tmp / "saved_model"), verbose=False)  # a TensorFlow SavedModel
    reloaded = tf.saved_model.load(str(tmp / "saved_model"))
    assert np.allclose(reloaded.serve(x).numpy(), keras_model(x).numpy(), atol=1e-6)
