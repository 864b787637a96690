"""The graph tf.function captures for a small function.

Run: python examples/captured_graph/in_tensorflow.py
"""

import tensorflow as tf


@tf.function
def affine_relu(x, w):
    return tf.reduce_sum(tf.nn.relu(tf.matmul(x, w) + 1.0))


# One trace, for one input signature, gives one concrete function.
concrete = affine_relu.get_concrete_function(
    tf.TensorSpec([2, 4], tf.float32), tf.TensorSpec([4, 3], tf.float32)
)
for op in concrete.graph.get_operations():  # one operation per node
    print(f"{op.type:<14} {op.name}")
