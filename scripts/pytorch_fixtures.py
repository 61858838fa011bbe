"""Writes the PyTorch fixtures that tests/pytorch.rs checks `net` against.

For LeNet-5 and a small residual network with batch norm, built as torch.nn
modules whose parameter names match the `network!` declarations in
tests/pytorch.rs, it saves:
  <name>.safetensors         the state_dict after initialisation
  <name>_io.safetensors      inputs, labels, inference logits, training-mode
                             outputs and input gradients of the mean
                             cross-entropy, and the running statistics after
                             that training step
  <name>_grads.safetensors   the parameter gradients of that step

Run from the repository root: python3 scripts/pytorch_fixtures.py
(needs torch and safetensors: pip install torch safetensors)
"""
import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import save_file


class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(256, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


class BnNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, padding=1)
        self.bn0 = nn.BatchNorm2d(8)
        self.c1 = nn.Conv2d(8, 8, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(8, eps=1e-3, momentum=0.2)
        self.c2 = nn.Conv2d(8, 8, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(8)
        self.up = nn.ConvTranspose2d(8, 4, 2, stride=2)
        self.head = nn.Linear(4 * 4 * 4, 5)

    def forward(self, x):
        x = F.relu(self.bn0(self.stem(x)))
        x = x + self.bn2(self.c2(F.relu(self.bn1(self.c1(x)))))
        x = F.avg_pool2d(F.relu(x), 4)
        x = torch.sigmoid(self.up(x))
        return self.head(torch.flatten(x, 1))


def fixtures(name, model, inputs, labels):
    state = {k: v.detach().clone().contiguous() for k, v in model.state_dict().items()}
    save_file(state, f"tests/fixtures/{name}.safetensors")
    model.eval()
    with torch.no_grad():
        logits = model(inputs)
    model.train()
    x = inputs.clone().requires_grad_(True)
    outputs = model(x)
    F.cross_entropy(outputs, labels).backward()
    io = {
        "inputs": inputs,
        "labels": labels.to(torch.int64),
        "logits": logits,
        "train_outputs": outputs.detach(),
        "input_grads": x.grad,
    }
    for key, value in model.state_dict().items():
        if "running" in key:
            io[f"after_step.{key}"] = value.detach().clone()
    save_file({k: v.contiguous() for k, v in io.items()}, f"tests/fixtures/{name}_io.safetensors")
    grads = {k: p.grad.contiguous() for k, p in model.named_parameters()}
    save_file(grads, f"tests/fixtures/{name}_grads.safetensors")


torch.manual_seed(0)
fixtures("lenet5", LeNet5(), torch.rand(4, 1, 28, 28), torch.tensor([3, 1, 4, 1]))
torch.manual_seed(1)
fixtures("bnnet", BnNet(), torch.randn(3, 3, 8, 8), torch.tensor([0, 4, 2]))
print("wrote tests/fixtures/{lenet5,bnnet}{,_io,_grads}.safetensors with torch", torch.__version__)
