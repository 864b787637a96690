"""Python side effects inside tf.function run only while tracing;
TensorFlow operations, such as updating a variable, run on every call.

Run: python examples/side_effects/in_tensorflow.py
"""

import tensorflow as tf

python_calls = []  # appended to by Python code
graph_calls = tf.Variable(0)  # updated by a TensorFlow operation


@tf.function
def double(x):
    python_calls.append(1)  # Python: runs while tracing, then never again
    graph_calls.assign_add(1)  # TensorFlow: in the graph, runs every call
    return x * 2


for value in (1.0, 2.0, 3.0):
    double(tf.constant(value))
print("calls: 3")
print(f"Python side effect ran: {len(python_calls)}")
print(f"variable counted: {graph_calls.numpy()}")

# For debugging: run every tf.function as plain Python.
tf.config.run_functions_eagerly(True)
double(tf.constant(4.0))
tf.config.run_functions_eagerly(False)
print(f"after one eager call, Python side effect ran: {len(python_calls)}")
