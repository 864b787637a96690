"""One Python side effect (appending to a list) in eager code, under
torch.compile with and without fullgraph=True, and in an exported program,
each called three times. Same calls as in_tensorflow.py.

Run: python examples/side_effects/in_pytorch.py
"""

import torch

log = []


def double(x):
    log.append("ran")  # a Python side effect
    return x * 2


def calls_three_times(function, label):
    log.clear()
    for value in (1.0, 2.0, 3.0):
        function(torch.tensor([value]))
    print(f"{label}: {len(log)} of 3 calls")


calls_three_times(double, "eager")
# On every call, TorchDynamo's frame hook checks the guards, then runs the
# rewritten bytecode: it calls the compiled graph, then replays the append.
# (backend="eager" runs the captured graph without generating code; the
# capture, and so the side effect, is the same as with the default.)
calls_three_times(torch.compile(double, backend="eager"), "torch.compile")
calls_three_times(torch.compile(double, backend="eager", fullgraph=True),
                  "torch.compile(fullgraph=True)")


class Double(torch.nn.Module):
    def forward(self, x):
        return double(x)


log.clear()
exported = torch.export.export(Double(), (torch.tensor([1.0]),))
print(f"torch.export.export: {len(log)}, while exporting")
# The exported graph holds tensor operations only: the append is gone.
calls_three_times(exported.module(), "exported program")
