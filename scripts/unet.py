"""net::models::UNet as a torch.nn module, its parameters under the names
of the `network!` declaration: shared by the fixture generator and the
segmentation comparison."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class UNet(nn.Module):
    def __init__(self):
        super().__init__()
        conv = lambda cin, cout: nn.Conv2d(cin, cout, 3, padding=1)
        self.down1, self.down1b = conv(1, 8), conv(8, 8)
        self.down2, self.down2b = conv(8, 16), conv(16, 16)
        self.bottom, self.bottom_b = conv(16, 32), conv(32, 32)
        self.up2 = nn.ConvTranspose2d(32, 16, 2, stride=2)
        self.up2a, self.up2b = conv(32, 16), conv(16, 16)
        self.up1 = nn.ConvTranspose2d(16, 8, 2, stride=2)
        self.up1a, self.up1b = conv(16, 16), conv(16, 16)
        self.head = nn.Conv2d(16, 11, 1)
        for name in ["down1", "down1b", "down2", "down2b", "bottom", "bottom_b",
                     "up2a", "up2b", "up1a", "up1b"]:
            setattr(self, name + "_bn", nn.BatchNorm2d(getattr(self, name).out_channels))

    def block(self, name, x):
        return F.relu(getattr(self, name + "_bn")(getattr(self, name)(x)))

    def forward(self, x):
        skip1 = self.block("down1b", self.block("down1", x))
        skip2 = self.block("down2b", self.block("down2", F.max_pool2d(skip1, 2)))
        x = self.block("bottom_b", self.block("bottom", F.max_pool2d(skip2, 2)))
        x = torch.cat([self.up2(x), skip2], 1)
        x = self.block("up2b", self.block("up2a", x))
        x = torch.cat([self.up1(x), skip1], 1)
        x = self.block("up1b", self.block("up1a", x))
        return self.head(x)
