"""Exercise: an `if` on a tensor's value inside a compiled function.
What does the graph hold, and what does the call return?

Run: python examples/exercises/tensor_condition/in_tensorflow.py
"""

import tensorflow as tf


@tf.function
def magnitude(x):
    if x[0] > 0:
        return x
    return -x


graph = magnitude.get_concrete_function(tf.TensorSpec([2])).graph
ops = {op.type for op in graph.get_operations()}
print("graph has a conditional op:", bool(ops & {"If", "StatelessIf"}))
print("result:", magnitude(tf.constant([-1.0, -2.0])).numpy())
