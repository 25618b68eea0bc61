#!/usr/bin/env bash
# Seedbank rng-cuda GPU check: device-API cuRAND == host-API cuRAND == Java streams for every format, and device
# fill throughput next to the card's device-to-device copy bandwidth. Prints markdown; takes 1-3 minutes.
#
# Needs: Java 17+, an NVIDIA GPU and driver, libcurand.so.10 and libcudart.so.11.0 (CUDA 11.x; Debian non-free
# libcurand10 libcudart11.0, or a CUDA 11 toolkit on LD_LIBRARY_PATH). No Maven, no network.
#
#   build (a machine with Maven):  mvn -o -pl rng-cuda -am package -DskipTests
#   run   (the GPU machine):       rng-cuda/gpu-check/run.sh [--quick] [--bytes N]
#
# Classpath: $SEEDBANK_GPU_CHECK_JAR, else rng-cuda/target/rng-cuda-*-gpu-check.jar (~8 MB, made by the package
# phase; -DskipTests is fine, -Dmaven.test.skip=true is not: GpuCheck is in the test sources), else the built
# classes plus the jars in ~/.m2. The markdown also goes to $OUT/gpu-check.md when $OUT is set.
# Exit status: 0 equal, 1 differences, 2 cannot run (no GPU / library: one line on stderr).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="${SEEDBANK_GPU_CHECK_JAR:-}"
if [ -z "$jar" ]; then
  jar="$(ls "$root"/rng-cuda/target/rng-cuda-*-gpu-check.jar 2>/dev/null | head -n 1 || true)"
fi
if [ -n "$jar" ]; then
  cp="$jar"
else
  m2="${M2_REPO:-$HOME/.m2/repository}"
  # GpuCheck is a tool in rng-cuda's test sources; UlpCounter comes from rng-core's
  cp="$root/rng-cuda/target/test-classes:$root/rng-cuda/target/classes:$root/rng-core/target/test-classes"
  cp="$cp:$root/rng-core/target/classes"
  for j in org/bytedeco/javacpp/1.5.7/javacpp-1.5.7.jar org/bytedeco/javacpp/1.5.7/javacpp-1.5.7-linux-x86_64.jar \
           org/bytedeco/cuda/11.6-8.3-1.5.7/cuda-11.6-8.3-1.5.7.jar \
           org/bytedeco/cuda/11.6-8.3-1.5.7/cuda-11.6-8.3-1.5.7-linux-x86_64.jar \
           org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar; do
    if [ ! -f "$m2/$j" ]; then
      echo "gpu-check: missing $m2/$j: build the shaded jar (mvn -pl rng-cuda -am package -DskipTests) and copy it" >&2
      exit 2
    fi
    cp="$cp:$m2/$j"
  done
  if [ ! -f "$root/rng-cuda/target/test-classes/dev/seedbank/cuda/GpuCheck.class" ]; then
    echo "gpu-check: rng-cuda is not built: run mvn -pl rng-cuda -am package -DskipTests first" >&2
    exit 2
  fi
fi
# CUDA toolkit locations, in case the libraries are not in the loader's default path
export LD_LIBRARY_PATH="${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}/usr/local/cuda/lib64:/usr/local/cuda-11/lib64"
if [ -n "${OUT:-}" ] && [ -d "$OUT" ]; then
  set +e
  java -cp "$cp" dev.seedbank.cuda.GpuCheck "$@" | tee "$OUT/gpu-check.md"
  status=${PIPESTATUS[0]}
  set -e
  exit "$status"
fi
exec java -cp "$cp" dev.seedbank.cuda.GpuCheck "$@"
