#!/usr/bin/env bash
# WebGPU engine steps/s at 10⁶, 10⁷ and 10⁸ granule cells, in one go, on a machine with a GPU
# and no network. Everything comes with the repository: it needs node_modules/ (with the
# optional "webgpu" package, Dawn's prebuilt dawn.node) and dist/ (npm run build) carried along.
#
#   bench/gpu.sh [OUT_DIR]        # writes OUT_DIR/gpu-bench.json (default: bench/results)
#   SIZES=1000000,10000000 BENCH_SECONDS=6 MODE=hardware bench/gpu.sh
#
# Dawn reaches an NVIDIA GPU through Vulkan: the machine needs the Vulkan loader
# (libvulkan.so.1) and the driver's Vulkan ICD. MODE=software runs on Mesa instead (slow).
set -u -o pipefail
cd "$(dirname "$0")/.."
out="${1:-${OUT:-bench/results}}"
missing=()
command -v node >/dev/null || missing+=("node (>= 20) on PATH")
[ -f node_modules/webgpu/index.js ] || missing+=("node_modules/webgpu (carry node_modules/ with the tree)")
[ -f "node_modules/webgpu/dist/linux-$(uname -m | sed 's/x86_64/x64/;s/aarch64/arm64/')/dawn.node" ] ||
  missing+=("node_modules/webgpu/dist/<platform>/dawn.node (Dawn's prebuilt binary)")
[ -f node_modules/zod/package.json ] || missing+=("node_modules/zod")
[ -f dist/gpu/engine.js ] || missing+=("dist/gpu/engine.js (run 'npm run build' before carrying dist/)")
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench/gpu.sh: cannot run, missing:" >&2
  for m in "${missing[@]}"; do echo "  - $m" >&2; done
  exit 2
fi
if [ "${MODE:-hardware}" = hardware ] && ! ldconfig -p 2>/dev/null | grep -q 'libvulkan.so.1'; then
  echo "bench/gpu.sh: warning: libvulkan.so.1 not found by ldconfig; Dawn needs it for the GPU" >&2
fi
echo "node $(node --version); $(nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader 2>/dev/null || echo 'nvidia-smi: not available')"
mkdir -p "$out"
# First: does this GPU compute what the CPU reference computes? (10⁶ cells, 200 steps)
node bench/gpu_check.js "${CHECK_N:-1000000}" 200 "${MODE:-hardware}" | tee "$out/gpu-check.json" ||
  echo "bench/gpu.sh: WARNING: the agreement check failed or found no GPU (see above)" >&2
# MODE=hardware: fail rather than fall back to the software rasteriser on a GPU machine.
exec node bench/gpu_bench.js --sizes "${SIZES:-1000000,10000000,100000000}" \
  --seconds "${BENCH_SECONDS:-6}" --mode "${MODE:-hardware}" --json "$out/gpu-bench.json"
