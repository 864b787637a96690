"""When tf.function traces again (retraces), and two ways to avoid it.

Run: python examples/retracing/in_tensorflow.py
"""

import tensorflow as tf


@tf.function
def double(x):
    print(f"  tracing for {x!r}")  # Python: runs only while tracing
    return x * 2


print("tensors of one shape share a trace:")
double(tf.constant(1.0))
double(tf.constant(2.0))
print("a new shape, then each new Python number, trace again:")
double(tf.constant([1.0, 2.0]))
double(3)
double(4)
print(f"traces: {double.experimental_get_tracing_count()}")


@tf.function(input_signature=[tf.TensorSpec(shape=[None])])
def double_any_length(x):
    print(f"  tracing for {x!r}")
    return x * 2


print("with an input_signature, one trace serves every length:")
for n in (1, 2, 3):
    double_any_length(tf.ones([n]))
print(f"traces: {double_any_length.experimental_get_tracing_count()}")


@tf.function(reduce_retracing=True)
def double_relaxed(x):
    print(f"  tracing for {x!r}")
    return x * 2


print("with reduce_retracing=True, the second shape gets a general trace:")
for n in (1, 2, 3):
    double_relaxed(tf.ones([n]))
print(f"traces: {double_relaxed.experimental_get_tracing_count()}")
