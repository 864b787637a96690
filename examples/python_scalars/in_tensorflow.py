"""Python numbers as arguments: tf.function traces once for every new
value, int or float. Same calls as in_pytorch.py.

Run: python examples/python_scalars/in_tensorflow.py
"""

import tensorflow as tf

for values in ((2, 3, 4, 5), (2.5, 3.5, 4.5)):

    @tf.function
    def scale(x, k):
        return x * k

    for k in values:
        scale(tf.ones([2]), k)
    count = scale.experimental_get_tracing_count()
    print(f"k = {values}: {count} traces")


@tf.function
def scale_tensor(x, k):
    return x * k


for k in (2.0, 3.0, 4.0, 5.0):
    scale_tensor(tf.ones([2]), tf.constant(k))  # a tensor: float32
count = scale_tensor.experimental_get_tracing_count()
print(f"k as a float32 tensor: {count} trace")
