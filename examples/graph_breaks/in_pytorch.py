"""Code that torch.compile cannot capture, here a print(), causes a graph
break: the code before and after it becomes two graphs, and the print runs
as ordinary Python between them on every call. fullgraph=True turns the
break into an error.

Run: python examples/graph_breaks/in_pytorch.py
"""

import torch


def double_and_log(x):
    x = x * 2
    print("  print() ran")
    return x + 1


print("torch._dynamo.explain runs the function once:")
explanation = torch._dynamo.explain(double_and_log)(torch.tensor([1.0]))
print(f"graphs: {explanation.graph_count}")
print(f"graph breaks: {explanation.graph_break_count}")
print(f"reason: {explanation.break_reasons[0].reason.splitlines()[0]}")

strict = torch.compile(double_and_log, fullgraph=True, backend="eager")
try:
    strict(torch.tensor([1.0]))
except torch._dynamo.exc.Unsupported as error:
    reason = str(error).splitlines()[0]
    print(f"with fullgraph=True: Unsupported: {reason}")

print("three calls of the compiled function:")
compiled = torch.compile(double_and_log, backend="eager")
for value in (1.0, 2.0, 3.0):
    compiled(torch.tensor([value]))
