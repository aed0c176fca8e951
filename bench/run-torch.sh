#!/usr/bin/env bash
# PyTorch's side of the engine benchmark (bench/torch_mlp.py: mlp-softmax-max forward + the gradients of its 18
# checked tensors, seed 111111, one thread), once with OpenBLAS and once with the reference BLAS when each is
# installed. Writes bench-results/torch.json, which bench/run-jmh.sh's report sets against JMH's
# MlpForwardBackward.forwardAndAutograd. When PyTorch is not installed it says so and writes the reason instead.
#
# Debian: apt-get install -y python3-torch libopenblas0-pthread. Debian's torch calls whatever libblas.so.3 the
# dynamic linker finds (its BLAS_INFO is "generic"), so each run points LD_LIBRARY_PATH at one BLAS's directory;
# the report names the library that was actually mapped into the process.
# Environment: PYTHON (default: Debian's /usr/bin/python3, where python3-torch installs), ROUNDS, PASSES.
set -euo pipefail
cd "$(dirname "$0")/.."

out=bench-results/torch.json
mkdir -p bench-results
python=${PYTHON:-/usr/bin/python3}
[[ -x "$python" ]] || python=python3

skip() {
    echo "PyTorch side not measured: $1" >&2
    printf '{"skipped": "%s"}\n' "$1" > "$out"
    exit 0
}
command -v "$python" > /dev/null 2>&1 || skip "no python3"
"$python" -c 'import torch' > /dev/null 2>&1 || skip "python3-torch is not installed (apt-get install -y python3-torch libopenblas0-pthread)"

arch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2> /dev/null || gcc -print-multiarch 2> /dev/null || echo "$(uname -m)-linux-gnu")
lib=/usr/lib/$arch
openblas=
for d in openblas-pthread openblas-openmp openblas-serial; do
    if [[ -f $lib/$d/libblas.so.3 ]]; then openblas=$lib/$d; break; fi
done

# run NAME LIBRARY_PATH: one timing run of torch_mlp.py with that BLAS first on the library path.
runs=()
run() {
    echo "timing PyTorch + $1 ..." >&2
    local json
    json=$(OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 LD_LIBRARY_PATH=$2 \
        "$python" bench/torch_mlp.py "${ROUNDS:-15}" "${PASSES:-30}")
    runs+=("\"$1\": $json")
}
if [[ -n "$openblas" ]]; then
    run OpenBLAS "$openblas"
else
    runs+=("\"OpenBLAS\": {\"skipped\": \"OpenBLAS is not installed (apt-get install -y libopenblas0-pthread)\"}")
fi
if [[ -f $lib/blas/libblas.so.3 ]]; then
    run "reference BLAS" "$lib/blas:$lib/lapack"
fi

version=$("$python" -c 'import torch; print(torch.__version__)')
{
    printf '{"torch": "%s", "runs": {' "$version"
    (IFS=,; printf '%s' "${runs[*]}")
    printf '}}\n'
} > "$out"
# Fails here, not in the report, if a run printed something that is not JSON.
"$python" -c 'import json, sys; json.load(open(sys.argv[1]))' "$out"
echo "wrote $out" >&2
