"""Saving a model as a SavedModel: the signature says which sizes may
vary, a call outside it fails, and the saved program runs without its
Python class.

Run: python examples/export/in_tensorflow.py
"""

import tempfile

import tensorflow as tf


class Scale(tf.Module):
    def __init__(self):
        self.w = tf.Variable([[2.0], [3.0]])

    # None: the first dimension (the batch) may vary
    @tf.function(input_signature=[tf.TensorSpec([None, 2], tf.float32)])
    def __call__(self, x):
        return tf.matmul(x, self.w)


with tempfile.TemporaryDirectory() as folder:
    tf.saved_model.save(Scale(), folder)  # the graph plus the variables
    restored = tf.saved_model.load(folder)  # no Scale class needed
    try:
        restored(tf.ones([3, 3]))  # three features instead of two
    except TypeError as error:
        reason = str(error).split("`")[1]  # the part that names the shapes
        print(f"outside the signature: TypeError: {reason}")
    result = restored(tf.constant([[1.0, 1.0], [2.0, 0.0], [0.0, 1.0]]))
print(f"restored output: {result.numpy().ravel().tolist()}")
