"""A Python side effect that torch.compile cannot capture causes a graph
break: the code before and after it becomes two graphs, and the print runs
as ordinary Python between them.

Run: python examples/side_effects/in_pytorch.py
"""

import torch


def double_and_log(x):
    x = x * 2
    print("  print() runs as ordinary Python, between two graphs")
    return x + 1


explanation = torch._dynamo.explain(double_and_log)(torch.tensor([1.0, 2.0]))
print(f"graphs: {explanation.graph_count}")
print(f"graph breaks: {explanation.graph_break_count}")
print(f"reason: {explanation.break_reasons[0].reason.splitlines()[0]}")

strict = torch.compile(double_and_log, fullgraph=True, backend="eager")
try:
    strict(torch.tensor([1.0, 2.0]))
except torch._dynamo.exc.Unsupported as error:
    reason = str(error).splitlines()[0]
    print(f"with fullgraph=True: Unsupported: {reason}")
