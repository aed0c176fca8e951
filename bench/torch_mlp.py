"""PyTorch's side of the engine benchmark: mlp-softmax-max forward + the gradients of its 18 checked tensors.

The same graph, shapes and seed (111111) as the JMH benchmark MlpForwardBackward.forwardAndAutograd, on one thread:
the leaves are drawn once, then each timed pass runs the forward graph from them and torch.autograd.grad of the loss
with respect to the same 18 tensors. Prints one JSON object: the median and spread of ms per pass over repeated
timing rounds, in wall time and in CPU time of the whole process (time.process_time(), every thread), torch's version,
the loss (seed 111111's is 0.1231392... in the exercises' fixture, up to BLAS rounding) and the BLAS library actually
mapped into the process (torch's Debian build calls whatever libblas.so.3 the dynamic linker finds, so
LD_LIBRARY_PATH picks reference BLAS or OpenBLAS).

Usage: python3 bench/torch_mlp.py [ROUNDS] [PASSES_PER_ROUND]
"""
import json
import os
import statistics
import sys
import time

import torch


def leaves(seed):
    g = torch.Generator().manual_seed(seed)
    shapes = [(100, 10), (10, 200), (200,), (200, 300), (300,), (300, 100), (100,)]
    return [torch.randn(s, generator=g).requires_grad_() for s in shapes]


def forward_and_gradients(X, W1, b1, W2, b2, W3, b3):
    h1_preact = X @ W1 + b1
    h1 = torch.relu(h1_preact)
    h2_preact = h1 @ W2 + b2
    h2 = torch.sigmoid(h2_preact)
    h3_preact = h2 @ W3 + b3
    h3 = h3_preact.exp()
    h3_sum = h3.sum(1, keepdim=True)
    h3_sum_inv = h3_sum ** -1
    probs = h3 * h3_sum_inv
    outputs = probs.max(1, keepdim=True).values
    logits = outputs.log()
    loss = -logits.mean()
    wrt = [logits, outputs, probs, h3_sum_inv, h3_sum, h3, h3_preact, h2, W3, b3, h2_preact, h1, W2, b2,
           h1_preact, X, W1, b1]
    return loss, torch.autograd.grad(loss, wrt)


def blas_library():
    with open("/proc/self/maps") as maps:
        names = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
    return sorted(os.path.realpath(n) for n in names)


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    passes = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    torch.set_num_threads(1)
    X, W1, b1, W2, b2, W3, b3 = leaves(111111)
    loss, _ = forward_and_gradients(X, W1, b1, W2, b2, W3, b3)
    for _ in range(passes):  # warm-up
        forward_and_gradients(X, W1, b1, W2, b2, W3, b3)
    per_pass_ms = []
    per_pass_cpu_ms = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        c0 = time.process_time()
        for _ in range(passes):
            forward_and_gradients(X, W1, b1, W2, b2, W3, b3)
        per_pass_cpu_ms.append((time.process_time() - c0) * 1e3 / passes)
        per_pass_ms.append((time.perf_counter() - t0) * 1e3 / passes)
    per_pass_ms.sort()
    per_pass_cpu_ms.sort()
    print(json.dumps({
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "blas": blas_library(),
        "loss": float(loss),
        "rounds": rounds,
        "passesPerRound": passes,
        "medianMs": statistics.median(per_pass_ms),
        "minMs": per_pass_ms[0],
        "maxMs": per_pass_ms[-1],
        "cpuMedianMs": statistics.median(per_pass_cpu_ms),
        "cpuMinMs": per_pass_cpu_ms[0],
        "cpuMaxMs": per_pass_cpu_ms[-1],
    }))


if __name__ == "__main__":
    main()
