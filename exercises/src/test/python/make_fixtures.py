#!/usr/bin/env python3
"""Makes the PyTorch golden file of the makemore exercises (format 'manual-backprop-golden/1').

Runs the forward pass of ../shared/spec/makemore-exercises.md, verbatim, with real PyTorch (Debian 12's
python3-torch 1.13: `apt-get install python3-torch`), for each exercise and seed, and writes every leaf (the int64
Xb, Yb as JSON integers), every forward value, every autograd gradient and the loss, float32 values as exact bit
patterns ('hex') and shortest decimals ('dec'), with the gradients that are zero in exact arithmetic flagged.

    python3 make_fixtures.py --seed 111111 --out makemore-seed-111111.json
    python3 make_fixtures.py --seed 111111 --check ../resources/fixtures/makemore-seed-111111.json

    python3 make_fixtures.py --seed 0 --seed 7 --leaves-digest makemore-leaves-digest.json

--leaves-digest writes only the sha256 of each leaf's little-endian bytes (float32 or int64) for every seed: a
compact check that the Java generator draws PyTorch's leaves bit for bit for seeds beyond the golden file's.

--check compares what it makes with an existing file, tensor by tensor and bit for bit (the records' leaves,
intermediates, gradients and loss), and exits 1 on any difference. It does not rewrite the file's provenance,
hand-written-formula 'manual' statistics or warnings; the shared fixture carries those from the script that first
made it.

Run it with one thread and the default CPU capability, as the shared fixtures were made:
    OMP_NUM_THREADS=1 python3 make_fixtures.py ...
"""
import argparse
import hashlib
import json
import sys

import numpy as np
import torch
import torch.nn.functional as F

torch.set_num_threads(1)

# The spec's code, verbatim: the shared forward pass, then each exercise's replacement.
FORWARD = '''
def makemore_forward(seed):
    g = torch.Generator().manual_seed(seed)
    n, block_size, n_embd, n_hidden, vocab_size = 32, 3, 10, 64, 27
    # parameters, drawn in this order (non-standard scales on purpose: zeros would hide mistakes)
    C = torch.randn((vocab_size, n_embd), generator=g)
    W1 = torch.randn((n_embd * block_size, n_hidden), generator=g) * (5/3) / ((n_embd * block_size)**0.5)
    b1 = torch.randn(n_hidden, generator=g) * 0.1
    W2 = torch.randn((n_hidden, vocab_size), generator=g) * 0.1
    b2 = torch.randn(vocab_size, generator=g) * 0.1
    bngain = torch.randn((1, n_hidden), generator=g) * 0.1 + 1.0
    bnbias = torch.randn((1, n_hidden), generator=g) * 0.1
    # a batch of contexts and next characters, drawn after the parameters
    Xb = torch.randint(0, vocab_size, (n, block_size), generator=g)   # int64 [32, 3]
    Yb = torch.randint(0, vocab_size, (n,), generator=g)              # int64 [32]
    for p in [C, W1, b1, W2, b2, bngain, bnbias]:
        p.requires_grad = True

    emb = C[Xb]                                            # [32, 3, 10]
    embcat = emb.view(emb.shape[0], -1)                    # [32, 30]
    hprebn = embcat @ W1 + b1                              # [32, 64]
    bnmeani = 1/n * hprebn.sum(0, keepdim=True)            # [1, 64]
    bndiff = hprebn - bnmeani
    bndiff2 = bndiff**2
    bnvar = 1/(n-1) * (bndiff2).sum(0, keepdim=True)       # Bessel's correction
    bnvar_inv = (bnvar + 1e-5)**-0.5
    bnraw = bndiff * bnvar_inv
    HPREACT
    h = torch.tanh(hpreact)
    logits = h @ W2 + b2                                   # [32, 27]
    logit_maxes = logits.max(1, keepdim=True).values
    norm_logits = logits - logit_maxes
    counts = norm_logits.exp()
    counts_sum = counts.sum(1, keepdims=True)
    counts_sum_inv = counts_sum**-1
    probs = counts * counts_sum_inv
    logprobs = probs.log()
    loss = -logprobs[range(n), Yb].mean()
    LOSS
    return locals()
'''
MANUAL_HPREACT = "hpreact = bngain * bnraw + bnbias"
FUSED_HPREACT = ("hpreact = bngain * (hprebn - hprebn.mean(0, keepdim=True)) \\\n"
                 "        / torch.sqrt(hprebn.var(0, keepdim=True, unbiased=True) + 1e-5) + bnbias")
FUSED_LOSS = "loss = F.cross_entropy(logits, Yb)"

LEAVES = ["C", "W1", "b1", "W2", "b2", "bngain", "bnbias"]
INDEX = ["Xb", "Yb"]
INTERMEDIATES = ["emb", "embcat", "hprebn", "bnmeani", "bndiff", "bndiff2", "bnvar", "bnvar_inv", "bnraw",
                 "hpreact", "h", "logits", "logit_maxes", "norm_logits", "counts", "counts_sum", "counts_sum_inv",
                 "probs", "logprobs", "loss"]
MANUAL_CHECKED = ["logprobs", "probs", "counts_sum_inv", "counts_sum", "counts", "norm_logits", "logit_maxes",
                  "logits", "h", "W2", "b2", "hpreact", "bngain", "bnbias", "bnraw", "bnvar_inv", "bnvar",
                  "bndiff2", "bndiff", "bnmeani", "hprebn", "embcat", "W1", "b1", "emb", "C"]
EXERCISES = {
    "makemore-manual": dict(hpreact=MANUAL_HPREACT, loss="", checked=MANUAL_CHECKED, given={"dloss": "loss"}),
    "makemore-cross-entropy": dict(hpreact=MANUAL_HPREACT, loss=FUSED_LOSS, checked=["logits"],
                                   given={"dloss": "loss"}),
    "makemore-batchnorm": dict(hpreact=FUSED_HPREACT, loss="", checked=["hprebn"], given={"dhpreact": "hpreact"}),
}
# Gradients that are 0 in exact arithmetic, and the tensor whose gradient they are summed from.
NOISE = {"b1": "hprebn", "logit_maxes": "norm_logits"}
FULL_LIMIT = 2048


def forward(exercise, seed):
    spec = EXERCISES[exercise]
    code = FORWARD.replace("HPREACT", spec["hpreact"]).replace("LOSS", spec["loss"])
    ns = {"torch": torch, "F": F}
    exec(code, ns)
    return ns["makemore_forward"](seed)


def f32(t):
    return t.detach().contiguous().numpy().astype("<f4")


def tensor_json(t):
    a = f32(t).reshape(-1)
    bits = a.view("<u4")
    out = {"shape": list(t.shape), "numel": int(a.size)}
    if a.size <= FULL_LIMIT:
        out["dec"] = [float(repr(np.float32(v)).replace("np.float32(", "").rstrip(")")) for v in a]
        out["hex"] = ["0x%08x" % b for b in bits]
    else:
        out["hex_packed"] = "".join("%08x" % b for b in bits)
    out["sha256_le_f32"] = hashlib.sha256(a.tobytes()).hexdigest()
    return out


def int_json(t):
    a = t.numpy().astype("<i8").reshape(-1)
    return {"shape": list(t.shape), "numel": int(a.size), "int": [int(v) for v in a],
            "sha256_le_i64": hashlib.sha256(a.tobytes()).hexdigest()}


def record(exercise, seed):
    spec = EXERCISES[exercise]
    v = forward(exercise, seed)
    on_graph = set()
    stack = [v["loss"].grad_fn]
    seen = set()
    while stack:  # every tensor the loss depends on: named values whose grad_fn is reached from the loss
        fn = stack.pop()
        if fn is None or fn in seen:
            continue
        seen.add(fn)
        stack.extend(nf for nf, _ in fn.next_functions)
    for name in INTERMEDIATES:
        if v[name].grad_fn in seen or name == "loss":
            on_graph.add(name)
    wrt = [n for n in LEAVES + INTERMEDIATES if n in LEAVES or (n in on_graph and n != "loss")]
    grads = torch.autograd.grad(v["loss"], [v[n] for n in wrt])
    rec = {"key": "%s@%d" % (exercise, seed), "exercise": exercise, "seed": seed,
           "loss": dict(name="loss", **tensor_json(v["loss"])),
           "leaves": [dict(name=n, requires_grad=True, dtype="float32", **tensor_json(v[n])) for n in LEAVES]
           + [dict(name=n, requires_grad=False, dtype="int64", **int_json(v[n])) for n in INDEX],
           "intermediates": [dict(name=n, on_loss_graph=n in on_graph, **tensor_json(v[n])) for n in INTERMEDIATES],
           "gradients": {n: tensor_json(g) for n, g in zip(wrt, grads)},
           "checked_gradients": spec["checked"],
           "given_upstream": {k: "gradients." + t for k, t in spec["given"].items()}}
    rec["gradients"]["loss"] = tensor_json(torch.ones_like(v["loss"]))
    noise = {}
    by_name = dict(zip(wrt, grads))
    for name, scale in NOISE.items():
        if name in by_name and scale in by_name:
            m = float(by_name[name].abs().max())
            s = float(by_name[scale].abs().max())
            noise[name] = {"scale_of": scale, "max_abs": m, "scale_max_abs": s, "ratio": m / s}
    rec["noise_gradients"] = noise
    return rec


def compare(made, fixture_path):
    with open(fixture_path) as f:
        fixture = json.load(f)
    theirs = {r["key"]: r for r in fixture["records"]}
    problems = 0
    compared = 0

    def same(what, a, b):
        nonlocal problems, compared
        compared += 1
        ka = a.get("hex") or a.get("hex_packed") or a.get("int")
        kb = b.get("hex") or b.get("hex_packed") or b.get("int")
        if a["shape"] != b["shape"] or ka != kb:
            problems += 1
            print("DIFFERENT %s" % what)

    for r in made:
        t = theirs.get(r["key"])
        if t is None:
            print("MISSING record %s in %s" % (r["key"], fixture_path))
            problems += 1
            continue
        same(r["key"] + " loss", r["loss"], t["loss"])
        for group in ("leaves", "intermediates"):
            tb = {x["name"]: x for x in t[group]}
            for x in r[group]:
                same("%s %s %s" % (r["key"], group, x["name"]), x, tb[x["name"]])
        for name, g in r["gradients"].items():
            same("%s gradient %s" % (r["key"], name), g, t["gradients"][name])
        if r["checked_gradients"] != t["checked_gradients"]:
            print("DIFFERENT %s checked_gradients" % r["key"])
            problems += 1
    print("%d tensors compared bit for bit, %d different" % (compared, problems))
    return problems == 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, action="append", required=True)
    ap.add_argument("--out")
    ap.add_argument("--check")
    ap.add_argument("--leaves-digest")
    args = ap.parse_args()
    if args.leaves_digest:
        seeds = {}
        for seed in args.seed:
            v = forward("makemore-manual", seed)
            seeds[str(seed)] = {n: {"shape": list(v[n].shape), "dtype": "float32",
                                    "sha256_le_f32": hashlib.sha256(f32(v[n]).tobytes()).hexdigest()} for n in LEAVES}
            seeds[str(seed)].update({n: {"shape": list(v[n].shape), "dtype": "int64", "sha256_le_i64": hashlib.sha256(
                v[n].numpy().astype("<i8").tobytes()).hexdigest()} for n in INDEX})
        doc = {"format": "makemore-leaves-digest/1",
               "provenance": {"torch": torch.__version__, "numpy": np.__version__,
                              "python": sys.version.split()[0], "command": " ".join(sys.argv[1:])},
               "seeds": seeds}
        with open(args.leaves_digest, "w") as f:
            json.dump(doc, f, indent=1)
        return
    made = [record(e, s) for s in args.seed for e in EXERCISES]
    if args.out:
        doc = {"format": "manual-backprop-golden/1", "seeds": args.seed,
               "provenance": {"torch": torch.__version__, "numpy": np.__version__,
                              "python": sys.version.split()[0], "torch_num_threads": torch.get_num_threads(),
                              "command": " ".join(sys.argv)},
               "records": made}
        with open(args.out, "w") as f:
            json.dump(doc, f)
    if args.check:
        sys.exit(0 if compare(made, args.check) else 1)


if __name__ == "__main__":
    main()
