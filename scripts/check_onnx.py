"""Checks the ONNX files that `cargo test --test onnx` writes against the real
thing: each must pass onnx.checker.check_model(model, full_check=True), and
onnxruntime must give the outputs of net's `forward` on the same inputs
(stored beside each model as <name>.io.safetensors) to 1e-5.

Run from the repository root, after the tests:
  cargo test --release --test onnx
  python3 scripts/check_onnx.py target/tmp/onnx
(needs onnx, onnxruntime, numpy and safetensors:
 pip install onnx onnxruntime numpy safetensors)
"""
import argparse
import pathlib
import sys

import numpy as np
import onnx
import onnxruntime
from safetensors.numpy import load_file

TOLERANCE = 1e-5


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=pathlib.Path)
    args = parser.parse_args()
    models = sorted(args.directory.glob("*.onnx"))
    if not models:
        sys.exit(f"no .onnx files in {args.directory}: run cargo test --test onnx first")
    print(f"onnx {onnx.__version__}, onnxruntime {onnxruntime.__version__}")
    failures, largest = [], 0.0
    for path in models:
        name = path.stem
        model = onnx.load(path)
        try:
            onnx.checker.check_model(model, full_check=True)
        except onnx.checker.ValidationError as e:
            failures.append(f"{name}: the checker rejects it: {e}")
            continue
        io = load_file(args.directory / f"{name}.io.safetensors")
        options = onnxruntime.SessionOptions()
        # Without graph rewrites the operators run as written.
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_DISABLE_ALL
        session = onnxruntime.InferenceSession(
            str(path), options, providers=["CPUExecutionProvider"]
        )
        (got,) = session.run(["output"], {"input": io["input"]})
        want = io["output"]
        if got.shape != want.shape:
            failures.append(f"{name}: output shape {got.shape}, forward's {want.shape}")
            continue
        # Relative to the outputs' scale, as the kernels' own tests compare.
        scale = max(1.0, float(np.abs(want).max()))
        difference = float(np.abs(got - want).max()) / scale
        largest = max(largest, difference)
        verdict = "ok" if difference <= TOLERANCE else "FAILS"
        print(f"{name:20} {len(model.graph.node):3} nodes  largest difference {difference:.2e}  {verdict}")
        if difference > TOLERANCE:
            failures.append(f"{name}: onnxruntime differs from forward by {difference:.2e}")
    print(f"{len(models)} models, largest difference {largest:.2e} (tolerance {TOLERANCE:g})")
    if failures:
        sys.exit("\n".join(failures))


if __name__ == "__main__":
    main()
