"""Parse rate of python-hl7 (Debian python3-hl7) on the same corpus as the C# benchmark.

Usage: hl7_parse_python.py CORPUS_FOLDER SECONDS
Prints one JSON object: messages per second for the ADT^A01 alone and for the whole corpus in turn.
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
    count = 0
    start = time.perf_counter()
    deadline = start + seconds
    while True:
        for _, data, encoding in items:
            message = hl7.parse(data, encoding=encoding)
            assert message.segment("MSH")
        count += len(items)
        now = time.perf_counter()
        if now >= deadline:
            return count / (now - start)


def main():
    folder, seconds = sys.argv[1], float(sys.argv[2])
    corpus = load(folder)
    admission = [item for item in corpus if item[0] == "ADT_A01.hl7"]
    rate(corpus, 0.5)  # warm-up
    print(json.dumps({
        "python": sys.version.split()[0],
        "python_hl7": getattr(hl7, "__version__", "unknown"),
        "messages": len(corpus),
        "admission_per_second": rate(admission, seconds),
        "corpus_per_second": rate(corpus, seconds),
    }))


if __name__ == "__main__":
    main()
