"""Parse rate of python-hl7 (Debian python3-hl7) on the same corpus as the C# benchmark.

Usage: hl7_parse_python.py CORPUS_FOLDER SECONDS
Prints one JSON object: messages per second of CPU time and of wall-clock time, for the ADT^A01 alone and for
the whole corpus in turn.
Each file's LF line ends become CR (as in the C# benchmark), and the bytes are decoded inside the timed loop
with the character set their MSH-18 declares, since the C# parser decodes bytes too.
"""
import json
import os
import sys
import time

import hl7

CHARSETS = {b"": "ascii", b"ASCII": "ascii", b"8859/1": "latin-1", b"8859/15": "iso-8859-15", b"UNICODE UTF-8": "utf-8"}


def load(folder):
    corpus = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".hl7"):
            with open(os.path.join(folder, name), "rb") as handle:
                data = handle.read().replace(b"\n", b"\r")
            msh = data.split(b"\r", 1)[0].split(b"|")
            charset = msh[17].split(b"~")[0] if len(msh) > 17 else b""
            corpus.append((name, data, CHARSETS.get(charset, "latin-1")))
    return corpus


def rate(items, seconds):
    """Messages per second of CPU time, and per second of wall-clock time."""
    count = 0
    start, cpu_start = time.perf_counter(), time.process_time()
    deadline = start + seconds
    while True:
        for _, data, encoding in items:
            message = hl7.parse(data, encoding=encoding)
            assert message.segment("MSH")
        count += len(items)
        now = time.perf_counter()
        if now >= deadline:
            return count / (time.process_time() - cpu_start), count / (now - start)


def main():
    folder, seconds = sys.argv[1], float(sys.argv[2])
    corpus = load(folder)
    admission = [item for item in corpus if item[0] == "ADT_A01.hl7"]
    rate(corpus, 0.5)  # warm-up
    admission_cpu, admission_wall = rate(admission, seconds)
    corpus_cpu, corpus_wall = rate(corpus, seconds)
    print(json.dumps({
        "python": sys.version.split()[0],
        "python_hl7": getattr(hl7, "__version__", "unknown"),
        "messages": len(corpus),
        "admission_per_cpu_second": admission_cpu,
        "admission_per_second": admission_wall,
        "corpus_per_cpu_second": corpus_cpu,
        "corpus_per_second": corpus_wall,
    }))


if __name__ == "__main__":
    main()
