"""One dated-text document of KB kilobytes cut from a JSON Lines corpus (reports joined as
paragraphs), and one of dense place names of the same size: bench/run.sh's docsize section."""
import json
import sys

src, kb, out, dense = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
n, parts, size = kb * 1024, [], 0
with open(src) as f:
    for line in f:
        parts.append(json.loads(line)["text"])
        size += len(parts[-1]) + 2
        if size >= n:
            break
with open(out, "w") as f:
    f.write("date 2021-08-11\n" + "\n\n".join(parts)[:n])
unit = "Kabul Kandahar Herat "
with open(dense, "w") as f:
    f.write("date 2021-08-11\n" + (unit * (n // len(unit) + 1))[:n])
