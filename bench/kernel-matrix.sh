#!/usr/bin/env bash
# Runs the test suites that touch native BLAS under several OpenBLAS kernels and JDKs, and prints a table.
# Run it before submitting: a result that holds only on the developer's kernel (e.g. bit-identity across thread
# counts, or a tolerance tuned on one CPU) fails here. .ci/run and the tests themselves keep the machine's own
# settings; this script is the only place that forces kernels.
#
#   bench/kernel-matrix.sh [--kernels "default Haswell ..."] [--jdks "/path/jdk17 /path/jdk25"]
#                          [--modules ntpgeo-core,ntpgeo-neural] [--tests PATTERN]
#
# The bundled OpenBLAS (bytedeco, DYNAMIC_ARCH) picks its kernel at run time; OPENBLAS_CORETYPE forces one.
# Kernel "env" runs with the environment as it is (some machines set OPENBLAS_CORETYPE themselves), "detect"
# without OPENBLAS_CORETYPE (OpenBLAS's own choice for this CPU), any other name forces that kernel. Each kernel is first probed with a small dgemm (OPENBLAS_VERBOSE=2 prints the core that loaded): a kernel this
# CPU cannot run (SIGILL) or that this build lacks (OpenBLAS falls back and says "Core not found") is reported
# and skipped. Defaults: every x86-64 kernel name OpenBLAS 0.3.31 accepts that is not an alias of another, the
# JDK of JAVA_HOME (or PATH) plus Temurin 25 when installed, modules ntpgeo-core and ntpgeo-neural (everything
# that calls OpenBLAS; ntpgeo-cli and ntpgeo-spark run it only through them). Takes about 3 minutes per cell on
# an idle 2-core machine. Logs: target/kernel-matrix/.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
KERNELS="env detect SapphireRapids Cooperlake SkylakeX Zen Haswell Sandybridge Bulldozer Piledriver Steamroller Excavator Nehalem Core2 Barcelona Prescott"
JDKS="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && [ "$JDKS" != /usr/lib/jvm/temurin-25-jdk-amd64 ] && JDKS="$JDKS /usr/lib/jvm/temurin-25-jdk-amd64"
MODULES="ntpgeo-core,ntpgeo-neural"
TESTS=""
while [ $# -gt 0 ]; do
  case "$1" in
    --kernels) KERNELS="$2"; shift 2 ;;
    --jdks) JDKS="$2"; shift 2 ;;
    --modules) MODULES="$2"; shift 2 ;;
    --tests) TESTS="$2"; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "kernel-matrix: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
LOGS="$ROOT/target/kernel-matrix"
mkdir -p "$LOGS"

# compile once per JDK run below (the reactor is rebuilt by each test run anyway); the probe needs core's classes
./mvnw -B -q -o compile dependency:build-classpath -pl ntpgeo-core -Dmdep.outputFile="$LOGS/core.cp" >/dev/null 2>&1 \
  || { echo "kernel-matrix: cannot compile ntpgeo-core (run ./mvnw -B -o compile to see why)" >&2; exit 1; }
PROBE="$LOGS/KernelProbe.java"
cat >"$PROBE" <<'EOF'
public class KernelProbe {
    public static void main(String[] args) {
        java.util.Random r = new java.util.Random(1);
        org.ntpgeo.linalg.Matrix a = org.ntpgeo.linalg.Matrix.gaussian(300, 200, 1, r);
        org.ntpgeo.linalg.Matrix b = org.ntpgeo.linalg.Matrix.gaussian(200, 300, 1, r);
        double s = 0;
        for (double v : org.ntpgeo.linalg.Blas.multiply(a, b).data) s += v;
        System.out.println("probe-ok " + s);
    }
}
EOF
CP="ntpgeo-core/target/classes:$(cat "$LOGS/core.cp")"

# runs "$@" with the OpenBLAS kernel $1
with_kernel() {
  local kernel="$1"; shift
  case "$kernel" in
    env) "$@" ;;
    detect) env -u OPENBLAS_CORETYPE "$@" ;;
    *) OPENBLAS_CORETYPE="$kernel" "$@" ;;
  esac
}

# prints the core OpenBLAS loads for kernel $1 with JDK $2, or "n/a: reason"
probe() {
  local kernel="$1" jdk="$2" out
  out="$(with_kernel "$kernel" env OPENBLAS_VERBOSE=2 "$jdk/bin/java" -cp "$CP" "$PROBE" 2>&1)"
  if ! grep -q '^probe-ok' <<<"$out"; then
    if grep -q SIGILL <<<"$out"; then echo "n/a: SIGILL (CPU lacks its instructions)"; else echo "n/a: probe failed"; fi
    rm -f hs_err_pid*.log
  elif grep -q "Core not found: $kernel" <<<"$out"; then
    echo "n/a: not in this OpenBLAS build (falls back to $(grep -o 'Core: [A-Za-z0-9_]*' <<<"$out" | head -1 | cut -d' ' -f2))"
  else
    grep -o 'Core: [A-Za-z0-9_]*' <<<"$out" | head -1 | cut -d' ' -f2
  fi
}

declare -A CELL
declare -A CORE
for jdk in $JDKS; do
  jv="$("$jdk/bin/java" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')"
  for kernel in $KERNELS; do
    core="$(probe "$kernel" "$jdk")"
    CORE[$kernel]="$core"
    if [[ "$core" == n/a* ]]; then
      CELL[$kernel,$jdk]="-"
      echo "# $kernel: $core" >&2
      continue
    fi
    log="$LOGS/$kernel-java$jv.log"
    echo "# JDK $jv, kernel $kernel (loads $core): ./mvnw -B -o test -pl $MODULES -am ${TESTS:+-Dtest=$TESTS}" >&2
    args=(-B -o test -pl "$MODULES" -am)
    [ -n "$TESTS" ] && args+=("-Dtest=$TESTS" -Dsurefire.failIfNoSpecifiedTests=false)
    with_kernel "$kernel" env JAVA_HOME="$jdk" ./mvnw "${args[@]}" >"$log" 2>&1
    rc=$?
    # sum the per-module "Tests run" summary lines
    read -r run fail err skip < <(grep -E '^\[(INFO|ERROR|WARNING)\] Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$' "$log" \
      | sed -E 's/.*Tests run: ([0-9]+), Failures: ([0-9]+), Errors: ([0-9]+), Skipped: ([0-9]+)/\1 \2 \3 \4/' \
      | awk '{r+=$1; f+=$2; e+=$3; s+=$4} END {print r+0, f+0, e+0, s+0}')
    if [ "$rc" -eq 0 ]; then CELL[$kernel,$jdk]="pass $run (skip $skip)"; else CELL[$kernel,$jdk]="FAIL $((fail + err))/$run"; fi
    echo "#   -> ${CELL[$kernel,$jdk]}  ($log)" >&2
  done
done

echo
echo "OpenBLAS kernels x JDKs, modules $MODULES${TESTS:+, tests $TESTS} ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
printf '| kernel (OPENBLAS_CORETYPE) | core loaded |'
for jdk in $JDKS; do printf ' %s |' "$("$jdk/bin/java" -version 2>&1 | awk -F'"' '/version/ {print "JDK " $2; exit}')"; done
echo
printf '|---|---|'; for jdk in $JDKS; do printf -- '---|'; done; echo
status=0
for kernel in $KERNELS; do
  label="$kernel"
  [ "$kernel" = env ] && label="env (OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset})"
  printf '| %s | %s |' "$label" "${CORE[$kernel]}"
  for jdk in $JDKS; do
    printf ' %s |' "${CELL[$kernel,$jdk]}"
    [[ "${CELL[$kernel,$jdk]}" == FAIL* ]] && status=1
  done
  echo
done
exit $status
