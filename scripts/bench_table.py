#!/usr/bin/env python3
"""Prints the criterion results of `cargo bench --bench kernels` as a Markdown
table: median time, GFLOP/s, and the fraction of the SGEMM yardstick."""
import json
import pathlib
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/criterion")
rows = []
for bench in sorted(root.glob("*/*/new/benchmark.json")):
    meta = json.loads(bench.read_text())
    est = json.loads((bench.parent / "estimates.json").read_text())
    seconds = est["median"]["point_estimate"] * 1e-9
    flops = (meta.get("throughput") or {}).get("Elements")
    rows.append((meta["group_id"], meta["function_id"], seconds, flops / seconds / 1e9 if flops else None))

yardstick = next((g for grp, name, _, g in rows if name == "sgemm_256"), None)
print("| benchmark | median time | GFLOP/s | of SGEMM 256 |")
print("|---|---|---|---|")
for group, name, seconds, gflops in rows:
    time = f"{seconds * 1e6:.1f} us" if seconds < 1e-2 else f"{seconds * 1e3:.2f} ms"
    share = f"{gflops / yardstick:.0%}" if gflops and yardstick else ""
    print(f"| {group}/{name} | {time} | {gflops:.1f} | {share} |")
