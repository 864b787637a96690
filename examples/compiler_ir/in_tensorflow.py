"""What the compiler receives: the XLA HLO operations of a function under
tf.function(jit_compile=True), before and after XLA's optimizations, each
kind listed once. Same function as in_pytorch.py, forward only.

Run: python examples/compiler_ir/in_tensorflow.py
"""

import re

import tensorflow as tf


@tf.function(jit_compile=True)
def relu_sum(x, w):
    return tf.reduce_sum(tf.nn.relu(tf.matmul(x, w)))


def operations(hlo_text):
    """The HLO operation of each instruction in the entry computation."""
    entry = hlo_text[hlo_text.index("\nENTRY"):]
    found = re.findall(r"= \S+ ([a-z-]+)\(", entry)
    return list(dict.fromkeys(found))  # in order, without repeats


x, w = tf.ones([8, 4]), tf.ones([4, 3])
ir = relu_sum.experimental_get_compiler_ir(x, w)
print(f"HLO: {operations(ir(stage='hlo'))}")
print(f"optimized HLO: {operations(ir(stage='optimized_hlo'))}")
