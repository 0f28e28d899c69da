#!/bin/bash
# Peak heap of one CSV catalog import under -Xmx1g (docs/benchmarks.md, "Catalog import memory").
# usage: [FORMAT=json] bash bench/import-heap.sh [MiB] — builds a CSV (or JSON) file of just under MiB (default 16, the import limit) with
# unique EAN-13 products, starts skanna.jar on a fresh embedded H2 with the demo chain, posts the file to
# /api/v1/catalog/imports and reports the largest heap occupancy any GC pause saw during the import.
set -eu
MIB=${1:-16}
JAR=${SKANNA_JAR:-skanna-app/target/skanna.jar}
PORT=${BENCH_PORT:-18391}
FORMAT=${FORMAT:-csv}
DIR=$(mktemp -d /tmp/skanna-import-heap-XXXX)
python3 - "$MIB" "$DIR/import.$FORMAT" "$FORMAT" <<'PY'
import json, sys
def ean13(body):
    s = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - s % 10) % 10)
limit, out = int(sys.argv[1]) * 1024 * 1024 - 1024, sys.argv[2]
lines, size, i = ["gtin,name,brand,unit,vatRate,price,deposit,ageLimit\n"], 0, 0
nouns = ["Mjölk", "Yoghurt", "Ost", "Bröd", "Kaffe", "Pasta", "Juice", "Choklad"]
size = len(lines[0])
while True:
    line = (f"{ean13('73%010d' % (5000000000 + i))},{nouns[i % 8]} {i % 997} 500 g,Märke {i % 311},EACH,"
            f"{600 if i % 10 else 2500},{1000 + i % 5000},0,\n")
    if size + len(line.encode()) > limit:
        break
    lines.append(line); size += len(line.encode()); i += 1
if sys.argv[3] == "json":
    products, size = [], 16
    for line in lines[1:]:
        g, n, b, u, v, p, d, _ = line.rstrip("\n").split(",")
        entry = json.dumps({"gtin": g, "name": n, "brand": b, "unit": u, "vatRate": int(v), "price": int(p),
                            "deposit": int(d), "ageLimit": None}, ensure_ascii=False)
        if size + len(entry.encode()) + 1 > limit:
            break
        products.append(entry); size += len(entry.encode()) + 1
    open(out, "w").write('{"products":[' + ",".join(products) + "]}")
    print(f"{len(products)} products, {size} bytes of JSON")
else:
    open(out, "w").write("".join(lines))
    print(f"{i} products, {size} bytes")
PY
SKANNA_DATA_DIR=$DIR/data SKANNA_ADMIN_PASSWORD='Bench-import-pw-2026!' SKANNA_LOG_FORMAT= \
  java -Xmx1g -Xlog:gc:file=$DIR/gc.log -jar "$JAR" --server.port=$PORT > $DIR/app.log 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf http://127.0.0.1:$PORT/actuator/health/readiness > /dev/null && break; sleep 1; done
FROM=$(grep -c Pause $DIR/gc.log || true)
curl -s -o $DIR/answer.json -w "status %{http_code}, %{time_total} s\n" -u 'admin:Bench-import-pw-2026!' \
  -H "Content-Type: $([ "$FORMAT" = json ] && echo application/json || echo text/csv)" --data-binary @$DIR/import.$FORMAT http://127.0.0.1:$PORT/api/v1/catalog/imports
sleep 2
head -c 200 $DIR/answer.json; echo
echo "peak heap during the import: $(tail -n +$((FROM + 1)) $DIR/gc.log | grep -o '[0-9]*M->[0-9]*M' | cut -d- -f1 | tr -d M | sort -n | tail -1) MB (largest before-GC occupancy; -Xmx1g)"
echo "largest after-GC (live) occupancy: $(tail -n +$((FROM + 1)) $DIR/gc.log | grep -o '[0-9]*M->[0-9]*M' | cut -d'>' -f2 | tr -d M | sort -n | tail -1) MB"
grep -m1 OutOfMemory $DIR/app.log || echo "no OutOfMemoryError"
echo "logs: $DIR"
