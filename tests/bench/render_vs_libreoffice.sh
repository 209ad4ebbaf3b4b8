#!/usr/bin/env bash
# PDF documents per second for the typical six-page local agreement:
# fcavtal's engine (fcavtal-bench-render) and the service over ZeroMQ
# (fcavtal-bench-render-service), beside what users do today in the same
# run: `libreoffice --headless --convert-to pdf` of the same text (the
# agreement's HTML written to a file), one document per process and a
# batch of 20 in one process. Each kind warms up first; the rounds
# alternate the four kinds; medians and their ratios are printed last.
# Figures and method: docs/performance.md, "Render".
#
#   tests/bench/render_vs_libreoffice.sh BUILD_DIR [--rounds 5] [--seconds 5]
#                                        [--docs 60] [--single 5] [--batch 20]
#
# LibreOffice is not a dependency of fcavtal: when soffice is missing this
# script installs libreoffice-writer-nogui (Debian) for the comparison.
set -euo pipefail

BUILD=${1:?usage: render_vs_libreoffice.sh BUILD_DIR [options]}
shift
ROUNDS=5 SECONDS_ENGINE=5 DOCS=60 SINGLE=5 BATCH=20
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift 2 ;;
    --seconds) SECONDS_ENGINE=$2; shift 2 ;;
    --docs) DOCS=$2; shift 2 ;;
    --single) SINGLE=$2; shift 2 ;;
    --batch) BATCH=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

ENGINE=$BUILD/tests/fcavtal-bench-render
SERVICE=$BUILD/tests/bench/fcavtal-bench-render-service
for b in "$ENGINE" "$SERVICE"; do
  [ -x "$b" ] || { echo "missing $b: cmake --build $BUILD --target bench-render" >&2; exit 1; }
done

if ! command -v soffice >/dev/null; then
  echo "== installing LibreOffice for the comparison (libreoffice-writer-nogui)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui >/dev/null
fi

WORK=$(mktemp -d /tmp/fcavtal-bench-render-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
PROFILE="file://$WORK/lo-profile"
now() { date +%s.%N; }
rate() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%.3f", n / (b - a) }'; }

# The same text the engine lays out: the sample agreement as HTML.
"$ENGINE" --seconds 0 --format html --out "$WORK/agreement.html" >/dev/null
"$ENGINE" --seconds 0 --format pdf --out "$WORK/engine.pdf" >/dev/null

lo_convert() {   # lo_convert OUTDIR FILE...: one soffice process
  local out=$1; shift
  soffice -env:UserInstallation="$PROFILE" --headless --norestore --convert-to pdf \
    --outdir "$out" "$@" >/dev/null 2>&1
}

lo_single() {    # SINGLE documents, one process each
  local out="$WORK/single" start end
  rm -rf "$out"; mkdir -p "$out"
  start=$(now)
  for i in $(seq 1 "$SINGLE"); do
    cp "$WORK/agreement.html" "$out/agreement-$i.html"
    lo_convert "$out" "$out/agreement-$i.html"
  done
  end=$(now)
  [ "$(ls "$out"/*.pdf | wc -l)" -eq "$SINGLE" ] || { echo "LibreOffice made no PDF" >&2; exit 1; }
  rate "$SINGLE" "$start" "$end"
}

lo_batch() {     # BATCH documents in one process
  local out="$WORK/batch" start end files=()
  rm -rf "$out"; mkdir -p "$out"
  for i in $(seq 1 "$BATCH"); do
    cp "$WORK/agreement.html" "$out/agreement-$i.html"
    files+=("$out/agreement-$i.html")
  done
  start=$(now)
  lo_convert "$out" "${files[@]}"
  end=$(now)
  [ "$(ls "$out"/*.pdf | wc -l)" -eq "$BATCH" ] || { echo "LibreOffice missed some PDFs" >&2; exit 1; }
  rate "$BATCH" "$start" "$end"
}

engine_rate() {
  "$ENGINE" --seconds "$SECONDS_ENGINE" --format pdf | awk '/documents\/s/ { print $6 }'
}

service_rate() {
  "$SERVICE" --docs "$DOCS" | awk '/documents\/s/ { print $(NF - 1) }'
}

echo "== warm-up"
lo_convert "$WORK" "$WORK/agreement.html"
LO_PAGES=$(pdfinfo "$WORK/agreement.pdf" | awk '/^Pages:/ { print $2 }')
ENGINE_PAGES=$(pdfinfo "$WORK/engine.pdf" | awk '/^Pages:/ { print $2 }')
"$ENGINE" --seconds 1 --format pdf >/dev/null
"$SERVICE" --docs 6 >/dev/null
echo "engine PDF: $ENGINE_PAGES pages; LibreOffice's PDF of the same HTML: $LO_PAGES pages"

declare -a E S L B
printf '\n%-6s %14s %14s %16s %16s\n' round "engine doc/s" "service doc/s" "LO 1/proc doc/s" \
  "LO batch doc/s"
for r in $(seq 1 "$ROUNDS"); do
  # Alternate the order so that no kind always runs on a warm or cold cache.
  if [ $((r % 2)) -eq 1 ]; then
    e=$(engine_rate); s=$(service_rate); l=$(lo_single); b=$(lo_batch)
  else
    b=$(lo_batch); l=$(lo_single); s=$(service_rate); e=$(engine_rate)
  fi
  E+=("$e"); S+=("$s"); L+=("$l"); B+=("$b")
  printf '%-6s %14s %14s %16s %16s\n' "$r" "$e" "$s" "$l" "$b"
done

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
  print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ME=$(median "${E[@]}"); MS=$(median "${S[@]}"); ML=$(median "${L[@]}"); MB=$(median "${B[@]}")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (r >= t) ? "PASS" : "MISS" }'; }

printf '\nmedians over %s rounds: engine %s, service %s, LibreOffice one per process %s, ' \
  "$ROUNDS" "$ME" "$MS" "$ML"
printf 'LibreOffice batch of %s %s documents/s\n' "$BATCH" "$MB"
R1=$(ratio "$ME" "$ML"); R2=$(ratio "$ME" "$MB"); R3=$(ratio "$MS" "$ML"); R4=$(ratio "$MS" "$MB")
echo "engine  / LO one per process: ${R1}x (target 50x: $(verdict "$R1" 50))"
echo "engine  / LO batch:           ${R2}x (target 10x: $(verdict "$R2" 10))"
echo "service / LO one per process: ${R3}x (target 50x: $(verdict "$R3" 50))"
echo "service / LO batch:           ${R4}x (target 10x: $(verdict "$R4" 10))"
