"""Trains net::models::UNet's twin in PyTorch on the canvases that
`cargo run --release --example segment` trains on, as that example trains
it, and prints its test IoU and training time, for the README's comparison.

The same: architecture (3x3 convolutions with batch norm and ReLU, two max
poolings, two 2x2 transposed convolutions, Concat skips, a 1x1 head), its
initialisation (PyTorch's defaults, which net's follow), the canvases (read
from the example's export), the per-pixel cross-entropy (the mean over every
pixel of the batch), Adam with PyTorch's defaults, the learning rate
cosine-annealed per epoch to a thirtieth, the epochs, the batch size, and
the thread count (two). Batches are shuffled each epoch.

Run from the repository root:
  cargo run --release --example segment -- --export out/canvases.safetensors
  python3 scripts/segment_pytorch.py out/canvases.safetensors
(needs torch and safetensors: pip install torch safetensors)
"""
import argparse
import time

import torch
import torch.nn.functional as F
from safetensors.torch import load_file

from unet import UNet

CLASSES = 11


def iou_per_class(predicted, truth):
    """IoU of each class over every pixel of the test set (None where the
    class is neither predicted nor true), as net::Confusion counts it."""
    scores = []
    for c in range(CLASSES):
        both = ((predicted == c) & (truth == c)).sum().item()
        union = ((predicted == c) | (truth == c)).sum().item()
        scores.append(both / union if union else None)
    return scores


def mean(values):
    values = [v for v in values if v is not None]
    return sum(values) / len(values)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("canvases", help="the segment example's --export file")
    # net_lab::segment::Training::default()
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    data = load_file(args.canvases)
    x_train, y_train = data["train_images"], data["train_labels"].long()
    x_test, y_test = data["test_images"], data["test_labels"].long()

    model = UNet()
    optimizer = torch.optim.Adam(model.parameters(), args.lr)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, args.epochs, args.lr / 30)
    started = time.perf_counter()
    for epoch in range(args.epochs):
        model.train()
        order = torch.randperm(len(x_train))
        total = 0.0
        for first in range(0, len(x_train), args.batch_size):
            batch = order[first:first + args.batch_size]
            loss = F.cross_entropy(model(x_train[batch]), y_train[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(batch)
        schedule.step()
        print(f"epoch {epoch + 1}: loss {total / len(x_train):.4f}, "
              f"{time.perf_counter() - started:.1f} s", flush=True)
    seconds = time.perf_counter() - started

    model.eval()
    with torch.no_grad():
        predicted = torch.cat([model(x_test[i:i + 100]).argmax(1) for i in range(0, len(x_test), 100)])
    scores = iou_per_class(predicted, y_test)
    print(f"torch {torch.__version__}, {args.threads} threads: {args.epochs} epochs of "
          f"{len(x_train)} canvases in batches of {args.batch_size} in {seconds:.1f} s "
          f"({args.epochs * len(x_train) / seconds:.0f} canvases/s)")
    print("IoU per class:", " ".join("-" if s is None else f"{s:.3f}" for s in scores))
    print(f"mean IoU, 11 classes: {mean(scores):.3f}; 10 digits: {mean(scores[1:]):.3f}; "
          f"pixel accuracy {(predicted == y_test).float().mean().item():.3f}")


if __name__ == "__main__":
    main()
