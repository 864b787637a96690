"""Input sizes 2, 3, 1 and 5 under tf.function: by default each new shape
traces again; reduce_retracing=True and an input_signature with None
trace a general shape instead. Same sizes as in_pytorch.py.

Run: python examples/dynamic_shapes/in_tensorflow.py
"""

import tensorflow as tf


def double(x):
    print(f"  new trace for input shape {x.shape}")  # runs while tracing
    return x * 2


for label, function in (
    ("default", tf.function(double)),
    ("reduce_retracing=True", tf.function(double, reduce_retracing=True)),
    ("input_signature=[TensorSpec([None])]",
     tf.function(double, input_signature=[tf.TensorSpec([None])])),
):
    print(f"{label}:")
    for n in (2, 3, 1, 5):
        function(tf.ones([n]))
    print(f"  traces: {function.experimental_get_tracing_count()}")
