"""A tensor-dependent `if` inside tf.function: AutoGraph turns it into a
conditional op, so one graph holds both branches.

Run: python examples/control_flow/in_tensorflow.py
"""

import tensorflow as tf


@tf.function
def sign_scale(x):
    if tf.reduce_sum(x) > 0:  # a tensor condition: becomes tf.cond
        return x * 2
    return -x


print(f"positive input: {sign_scale(tf.constant([1.0, 2.0])).numpy()}")
print(f"negative input: {sign_scale(tf.constant([-1.0, -2.0])).numpy()}")
print(f"traces: {sign_scale.experimental_get_tracing_count()}")
spec = tf.TensorSpec([2], tf.float32)
ops = sign_scale.get_concrete_function(spec).graph.get_operations()
print(f"conditional ops: {sorted({op.type for op in ops if 'If' in op.type})}")
