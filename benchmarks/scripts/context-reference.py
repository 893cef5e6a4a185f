#!/usr/bin/env python3
"""One-core references for build-context scans (issue 19):
  hash  - walk the tree and SHA-256 every regular file, reading each once (OpenSSL via hashlib)
  stat  - walk the tree and lstat every entry (what a warm re-plan must at least do)
  make  - write N files of SIZE random bytes, 100 to a directory (the small-file shape: node_modules,
          vendored sources), plus a Dockerfile; files are dated an hour back, like a checked-out tree
Prints one JSON line: {"mode", "files", "wall_ms", "cpu_ms"}.
Usage: context-reference.py hash|stat DIR | make DIR N SIZE
"""
import hashlib
import json
import os
import random
import sys
import time


def make(root, count, size):
    marker = os.path.join(root, ".generated")
    signature = f"{count} {size} v1"
    if os.path.exists(marker) and open(marker).read() == signature:
        return
    rng = random.Random(42)
    old = time.time() - 3600
    for i in range(count):
        directory = os.path.join(root, f"pkg{i // 10000:03d}", f"mod{i // 100 % 100:02d}")
        if i % 100 == 0:
            os.makedirs(directory, exist_ok=True)
        path = os.path.join(directory, f"file{i:07d}.js")
        with open(path, "wb") as f:
            f.write(rng.randbytes(size))
        os.utime(path, (old, old))
    with open(os.path.join(root, "Dockerfile"), "w") as f:
        f.write("FROM scratch\nCOPY . /\n")
    with open(os.path.join(root, ".dockerignore"), "w") as f:
        f.write(".generated\n")
    with open(marker, "w") as f:
        f.write(signature)


def main():
    mode, root = sys.argv[1], sys.argv[2]
    if mode == "make":
        make(root, int(sys.argv[3]), int(sys.argv[4]))
        return
    wall, cpu = time.perf_counter(), time.process_time()
    files = 0
    for directory, dirs, names in os.walk(root):
        for name in names:
            path = os.path.join(directory, name)
            if mode == "hash":
                with open(path, "rb") as f:
                    hashlib.sha256(f.read()).hexdigest()
            else:
                os.lstat(path)
            files += 1
        if mode == "stat":
            for name in dirs:
                os.lstat(os.path.join(directory, name))
    print(json.dumps({"mode": mode, "files": files,
                      "wall_ms": round((time.perf_counter() - wall) * 1000, 1),
                      "cpu_ms": round((time.process_time() - cpu) * 1000, 1)}))


if __name__ == "__main__":
    main()
