"""Writes the PyTorch fixtures that tests/pytorch.rs checks `net` against.

For LeNet-5, a small residual network with batch norm, and net::models'
ResNet-8, DS-CNN, MobileNetV1, anomaly-detection autoencoder and U-Net, built
as torch.nn modules whose parameter names match the `network!` declarations,
it saves:
  <name>.safetensors         the state_dict after initialisation
  <name>_io.safetensors      inputs, inference logits, training-mode outputs,
                             the input gradients of one backward pass, and the
                             running statistics after that training step; the
                             classifiers' backward pass is that of the mean
                             cross-entropy of `labels`, the others' that of a
                             fixed random output gradient `output_grads`
  <name>_grads.safetensors   the parameter gradients of that step

TensorFlow's "same" padding, asymmetric at stride 2 and for DS-CNN's 10x4
stem, is an explicit F.pad before an unpadded convolution. Batch norm starts
from the statistics of a calibration batch and a random affine map, so that
every layer still matters to the logits after MobileNetV1's 27.

Run from the repository root: python3 scripts/pytorch_fixtures.py
(needs torch and safetensors: pip install torch safetensors)
"""
import copy

import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import save_file

from unet import UNet


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


def same_pad(x, kernel, stride):
    """TensorFlow's "same" padding of a [N, C, H, W] tensor: ceil(size / stride)
    outputs, the odd cell of padding after."""
    pads = []
    for size, k, s in reversed(list(zip(x.shape[2:], kernel, stride))):
        total = max((-(-size // s) - 1) * s + k - size, 0)
        pads += [total // 2, total - total // 2]
    return F.pad(x, pads)


class Resnet8(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(16)
        for stack, (cin, cout, stride) in enumerate([(16, 16, 1), (16, 32, 2), (32, 64, 2)], 1):
            setattr(self, f"s{stack}_conv1", nn.Conv2d(cin, cout, 3, stride=stride, padding=1))
            setattr(self, f"s{stack}_bn1", nn.BatchNorm2d(cout))
            setattr(self, f"s{stack}_conv2", nn.Conv2d(cout, cout, 3, padding=1))
            setattr(self, f"s{stack}_bn2", nn.BatchNorm2d(cout))
            if cin != cout:
                setattr(self, f"s{stack}_project", nn.Conv2d(cin, cout, 1, stride=stride))
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        for stack in (1, 2, 3):
            layer = lambda name: getattr(self, f"s{stack}_{name}")
            body = layer("bn2")(layer("conv2")(F.relu(layer("bn1")(layer("conv1")(x)))))
            shortcut = layer("project")(x) if stack > 1 else x
            x = F.relu(body + shortcut)
        return self.fc(x.mean((2, 3)))


class Separable(nn.Module):
    """The depthwise-separable blocks of DS-CNN and MobileNetV1: depthwise 3x3
    with "same" padding, pointwise 1x1, each with batch norm and ReLU."""

    def __init__(self, stem, blocks):
        super().__init__()
        self.conv1 = nn.Conv2d(*stem)
        self.bn1 = nn.BatchNorm2d(self.conv1.out_channels)
        self.strides = []
        channels = self.conv1.out_channels
        for i, (cout, stride) in enumerate(blocks, 1):
            setattr(self, f"dw{i}", nn.Conv2d(channels, channels, 3, stride=stride, groups=channels))
            setattr(self, f"dw{i}_bn", nn.BatchNorm2d(channels))
            setattr(self, f"pw{i}", nn.Conv2d(channels, cout, 1))
            setattr(self, f"pw{i}_bn", nn.BatchNorm2d(cout))
            self.strides.append(stride)
            channels = cout

    def features(self, x):
        x = F.relu(self.bn1(self.conv1(same_pad(x, self.conv1.kernel_size, self.conv1.stride))))
        for i, stride in enumerate(self.strides, 1):
            dw, pw = getattr(self, f"dw{i}"), getattr(self, f"pw{i}")
            x = F.relu(getattr(self, f"dw{i}_bn")(dw(same_pad(x, (3, 3), (stride, stride)))))
            x = F.relu(getattr(self, f"pw{i}_bn")(pw(x)))
        return x.mean((2, 3))


class DsCnn(Separable):
    def __init__(self):
        super().__init__((1, 64, (10, 4), 2), [(64, 1)] * 4)
        self.fc = nn.Linear(64, 12)

    def forward(self, x):
        return self.fc(self.features(x))


class MobileNetV1(Separable):
    def __init__(self):
        blocks = [(16, 1), (32, 2), (32, 1), (64, 2), (64, 1), (128, 2)]
        blocks += [(128, 1)] * 5 + [(256, 2), (256, 1)]
        super().__init__((3, 8, 3, 2), blocks)
        self.fc = nn.Linear(256, 2)

    def forward(self, x):
        return self.fc(self.features(x))


class AnomalyAutoencoder(nn.Module):
    LAYERS = ["enc1", "enc2", "enc3", "enc4", "code", "dec1", "dec2", "dec3", "dec4"]

    def __init__(self):
        super().__init__()
        width = 640
        for name in self.LAYERS:
            out = 8 if name == "code" else 128
            setattr(self, name, nn.Linear(width, out))
            setattr(self, f"{name}_bn", nn.BatchNorm1d(out))
            width = out
        self.out = nn.Linear(128, 640)

    def forward(self, x):
        for name in self.LAYERS:
            x = F.relu(getattr(self, f"{name}_bn")(getattr(self, name)(x)))
        return self.out(x)


def calibrate(model, batch):
    """Batch norm's running statistics set to those of `batch`, its affine map
    drawn at random; the step counters start again at 0."""
    norms = [m for m in model.modules() if isinstance(m, nn.modules.batchnorm._BatchNorm)]
    for norm in norms:
        norm.momentum = 1.0
        with torch.no_grad():
            norm.weight.uniform_(0.5, 1.5)
            norm.bias.uniform_(-0.25, 0.25)
    with torch.no_grad():
        model(batch)
    for norm in norms:
        norm.momentum = 0.1
        norm.num_batches_tracked.zero_()
    return model


def away_from_kinks(model, draw, margin=1e-5):
    """The first inputs from `draw()` for which every batch norm output (each
    feeds a ReLU) in a training-mode pass lies at least `margin` from zero.
    At the kink, f32 rounding alone can put a value on the other side, and
    one pixel's gradient then moves its batch norm's whole gradient: the
    U-Net's first draw had a value 2.8e-7 from zero, which `net` saw as
    negative."""
    probe = copy.deepcopy(model).double().train()
    closest = []
    for norm in probe.modules():
        if isinstance(norm, nn.modules.batchnorm._BatchNorm):
            norm.register_forward_hook(lambda m, i, o: closest.append(o.abs().min().item()))
    while True:
        inputs = draw()
        closest.clear()
        with torch.no_grad():
            probe(inputs.double())
        if min(closest) >= margin:
            return inputs


def fixtures(name, model, inputs, labels=None):
    """The f32 state and inputs, and what PyTorch computes from them in f64
    (rounded to f32), so that the reference carries no rounding of its own."""
    state = {k: v.detach().clone().contiguous() for k, v in model.state_dict().items()}
    save_file(state, f"tests/fixtures/{name}.safetensors")
    model = model.double()
    model.eval()
    with torch.no_grad():
        logits = model(inputs.double())
    model.train()
    x = inputs.double().requires_grad_(True)
    outputs = model(x)
    io = {"inputs": inputs, "logits": logits, "train_outputs": outputs.detach()}
    if labels is None:
        io["output_grads"] = torch.randn(outputs.shape)
        outputs.backward(io["output_grads"].double())
    else:
        io["labels"] = labels.to(torch.int64)
        F.cross_entropy(outputs, labels).backward()
    io["input_grads"] = x.grad
    for key, value in model.state_dict().items():
        if "running" in key:
            io[f"after_step.{key}"] = value.detach().clone()
    to_f32 = lambda t: (t.float() if t.is_floating_point() else t).contiguous()
    save_file({k: to_f32(v) for k, v in io.items()}, f"tests/fixtures/{name}_io.safetensors")
    grads = {k: to_f32(p.grad) for k, p in model.named_parameters()}
    save_file(grads, f"tests/fixtures/{name}_grads.safetensors")


torch.manual_seed(0)
fixtures("lenet5", LeNet5(), torch.rand(4, 1, 28, 28), torch.tensor([3, 1, 4, 1]))
torch.manual_seed(1)
fixtures("bnnet", BnNet(), torch.randn(3, 3, 8, 8), torch.tensor([0, 4, 2]))
torch.manual_seed(2)
fixtures("resnet8", calibrate(Resnet8(), torch.randn(8, 3, 32, 32)), torch.randn(3, 3, 32, 32), torch.tensor([7, 0, 3]))
torch.manual_seed(3)
fixtures("dscnn", calibrate(DsCnn(), torch.randn(8, 1, 49, 10)), torch.randn(3, 1, 49, 10), torch.tensor([11, 2, 5]))
torch.manual_seed(4)
fixtures("mobilenetv1", calibrate(MobileNetV1(), torch.randn(4, 3, 96, 96)), torch.randn(2, 3, 96, 96), torch.tensor([1, 0]))
torch.manual_seed(5)
fixtures("anomaly_autoencoder", calibrate(AnomalyAutoencoder(), torch.randn(64, 640)), torch.randn(16, 640))
torch.manual_seed(6)
unet = calibrate(UNet(), torch.rand(4, 1, 64, 84))
fixtures("unet", unet, away_from_kinks(unet, lambda: torch.rand(2, 1, 64, 84)))
print("wrote tests/fixtures/*{,_io,_grads}.safetensors with torch", torch.__version__)
