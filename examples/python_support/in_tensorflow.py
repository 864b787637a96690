"""Which Python versions the installed TensorFlow and Keras declare.

Run: python examples/python_support/in_tensorflow.py
"""

import importlib.metadata

for package in ("tensorflow-cpu", "keras"):
    wheel = importlib.metadata.metadata(package)
    versions = [c.rsplit(" :: ", 1)[1] for c in wheel.get_all("Classifier")
                if c.startswith("Programming Language :: Python :: 3.")]
    print(f"{package} {wheel['Version']}: "
          f"Requires-Python {wheel['Requires-Python']}")
    print(f"classifiers: Python {', '.join(versions)}")
