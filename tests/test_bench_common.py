"""bench/common.py, which both frameworks' implementations share: the statistics the Performance
page reports, the synthetic data and the starting weights. Fixed expectations, worked out by
hand; the quick benchmark run (tests/test_benchmarks.py) then checks that both frameworks learn
alike from them."""

from __future__ import annotations

import math

import numpy as np
import pytest

import common


def test_summary_is_the_median_interquartile_range_and_tail():
    # Inclusive quartiles of 1..5: q1 = 2, median = 3, q3 = 4; percentile 90 at position
    # 0.9 * 4 = 3.6 (4.6), percentile 99 at 3.96 (4.96).
    assert common.summary([5.0, 1.0, 4.0, 2.0, 3.0]) == {
        "median": 3.0, "q1": 2.0, "q3": 4.0, "p90": 4.6, "p99": 4.96, "n": 5}
    # Of 1, 2, 4, 8: q1 at position 0.75 (1.75), median 3, q3 at 2.25 (5).
    found = common.summary([8.0, 1.0, 2.0, 4.0])
    assert (found["median"], found["q1"], found["q3"], found["n"]) == (3.0, 1.75, 5.0, 4)


def test_summary_rounds_to_four_places():
    found = common.summary([1.000049, 1.000051, 2.123456])
    assert (found["median"], found["q1"], found["q3"]) == (1.0001, 1.0, 1.5618)


@pytest.mark.parametrize("model,shape", [("mlp", (784,)), ("cnn", (28, 28, 1))])
def test_a_batch_has_the_models_input_shape_and_ten_classes(model, shape):
    x, y = common.batch(model, 300, common.rng())
    assert x.shape == (300, *shape) and x.dtype == np.float32
    assert y.shape == (300,) and y.dtype == np.int64
    assert set(np.unique(y)) == set(range(10)), "300 draws cover every one of the ten classes"


def test_the_data_is_the_same_on_every_run():
    first, again = common.batch("mlp", 8, common.rng()), common.batch("mlp", 8, common.rng())
    assert np.array_equal(first[0], again[0]) and np.array_equal(first[1], again[1])
    assert common.SEED == 0


def test_glorot_draws_within_its_limit():
    # Glorot uniform: limit sqrt(6 / (fan_in + fan_out)); here sqrt(6 / 8) = 0.866.
    values = common.glorot(np.random.default_rng(5), 3, 5, (2000,))
    assert values.dtype == np.float32
    assert np.abs(values).max() <= math.sqrt(0.75) + 1e-6
    assert np.abs(values).max() > 0.85 and values.min() < -0.85, "the whole range is drawn"
    assert abs(values.mean()) < 0.05


SHAPES = {
    "mlp": {"dense0.kernel": (784, 256), "dense0.bias": (256,), "dense1.kernel": (256, 256),
            "dense1.bias": (256,), "dense2.kernel": (256, 10), "dense2.bias": (10,)},
    "cnn": {"conv0.kernel": (3, 3, 1, 16), "conv0.bias": (16,), "conv1.kernel": (3, 3, 16, 32),
            "conv1.bias": (32,), "head.kernel": (32, 10), "head.bias": (10,)},
}


@pytest.mark.parametrize("model", ["mlp", "cnn"])
def test_starting_weights_have_tensorflows_layouts_and_zero_biases(model):
    weights = common.weights(model)
    assert {name: w.shape for name, w in weights.items()} == SHAPES[model]
    for name, w in weights.items():
        assert w.dtype == np.float32, name
        if name.endswith(".bias"):
            assert not w.any(), name


def test_a_decoder_batch_is_tokens_and_the_next_token_at_each_position():
    x, y = common.batch("transformer", 4, common.rng())
    assert x.shape == y.shape == (4, 64) and x.dtype == y.dtype == np.int64
    assert (x[:, 1:] == y[:, :-1]).all(), "each label is the input shifted by one"
    assert 0 <= x.min() and max(x.max(), y.max()) < common.GPT["vocab"]


def test_decoder_weights_have_two_blocks_embeddings_and_norms_at_one_and_zero():
    weights = common.weights("transformer")
    assert {name.split(".")[0] for name in weights} == {"tok", "pos", "block0", "block1", "norm",
                                                       "head"}
    assert weights["tok.embeddings"].shape == (256, 128)
    assert weights["pos.embeddings"].shape == (64, 128)
    assert weights["block1.q.kernel"].shape == (128, 128)
    assert weights["block0.ff1.kernel"].shape == (128, 512)
    assert weights["block0.ff2.kernel"].shape == (512, 128)
    assert weights["head.kernel"].shape == (128, 256)
    assert (weights["block0.norm1.gamma"] == 1).all() and not weights["block1.norm2.beta"].any()
    assert len(weights) == 2 + 2 * (2 * 2 + 6 * 2) + 2 + 2
    assert 0.015 < weights["tok.embeddings"].std() < 0.025, "embeddings drawn with sd 0.02"


def test_the_mlp_width_can_change():
    weights = common.weights("mlp", width=64)
    assert weights["dense0.kernel"].shape == (784, 64)
    assert weights["dense2.kernel"].shape == (64, 10)


@pytest.mark.parametrize("model,name,fans", [
    ("cnn", "conv1.kernel", 9 * 16 + 9 * 32),  # a 3x3 kernel's receptive field: 144 in, 288 out
    ("cnn", "conv0.kernel", 9 * 1 + 9 * 16),
    ("cnn", "head.kernel", 32 + 10),
    ("mlp", "dense0.kernel", 784 + 256),
    ("transformer", "block0.ff1.kernel", 128 + 512),
])
def test_each_weight_draws_up_to_its_glorot_limit(model, name, fans):
    """The largest of n uniform draws comes within a few n-ths of the limit, sqrt(6 / (in +
    out)), and never passes it."""
    weights = common.weights(model)[name]
    limit = math.sqrt(6 / fans)
    largest = float(np.abs(weights).max())
    assert limit * (1 - 5 / weights.size) < largest <= limit + 1e-6, (largest, limit)


def test_weights_are_the_same_on_every_run_and_differ_from_the_data():
    a, b = common.weights("mlp"), common.weights("mlp")
    assert all(np.array_equal(a[name], b[name]) for name in a)
    x, _ = common.batch("mlp", 256, common.rng())
    assert not np.array_equal(a["dense0.kernel"][:, 0], x[:, 0]), "weights have their own seed"


def test_an_unknown_model_is_refused():
    with pytest.raises(ValueError, match="unknown model 'resnet'"):
        common.weights("resnet")
