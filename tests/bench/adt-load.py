#!/usr/bin/env python3
"""ADT load over MLLP, as an EAI sends it: N connections, each sending one message and waiting for its ACK.

Every message is an IHE PAM France movement (A01 INSERT with its ZBE) for a patient of its own (its own IPP
and INS), so that each one creates a patient, a movement and a journal row. Prints one line: messages, seconds,
messages per second, ACK codes, and the CPU the sender itself used.

  tests/bench/adt-load.py --port 2575 --connections 8 --messages 20000 [--acked acked.txt] [--only ids.txt]

--acked appends the control id of every message acknowledged AA (the kill test uses it to resend the others);
--only sends just the control ids listed in the file (one per line), with the same content as the first run.
"""
import argparse
import socket
import sys
import threading
import time
import zlib

SB, EB, CR = b"\x0b", b"\x1c", b"\r"


def ins(run, n):
    """A well-formed INS (NIR form: 13 digits and their key) of its own for every patient, as real identities have."""
    body = f"2790351{zlib.crc32(run.encode()) % 10}{n % 100000:05d}"
    return f"{body}{97 - int(body) % 97:02d}"


def message(run, n):
    control = f"{run}{n:08d}"
    ipp = f"B{run}{n:08d}"
    return control, (
        f"MSH|^~\\&|GAM_LOAD|GHT-LOAD|TELESURV|GHT-LOAD|20260310120000||ADT^A01^ADT_A01|{control}|P|2.5^FRA^2.11|||||FRA|UNICODE UTF-8|FR||2.11^IHE_FRANCE-2.11-PAM\r"
        f"EVN||20260310115955\r"
        f"PID|1||{ipp}^^^CHRIV&1.2.250.1.71.4.2.2&ISO^PI~{ins(run, n)}^^^ASIP-SANTE-INS-NIR&1.2.250.1.213.1.4.10&ISO^INS||"
        f"ROUSSEAU^HÉLÈNE^HÉLÈNE MARIE^^^^L~DURAND^HÉLÈNE^^^^^D||19790328|F|||12 rue de l'Église^^Rivemont^^69001^FRA^H||"
        f"^PRN^PH^^^^^^^^^0478000000|||||||||||||||||||VALI\r"
        f"PV1|1|V|4012^^^CHRIV&1.2.250.1.71.4.2.2&ISO||||||||ONC|||||||||V{control}^^^CHRIV&1.2.250.1.71.4.2.2&ISO^VN\r"
        f"ZBE|M{control}^GAM_LOAD|202603101030||INSERT|N||Oncologie médicale^^^^^CHRIV&1.2.250.1.71.4.2.2&ISO^UF^^^4012||HMS\r"
    ).encode("utf-8")


def read_ack(sock, buffer):
    while EB + CR not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("connection closed before the acknowledgement")
        buffer += chunk
    end = buffer.index(EB + CR)
    frame, rest = buffer[:end], buffer[end + 2:]
    return frame.lstrip(SB).decode("utf-8", "replace"), rest


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=2575)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--messages", type=int, default=10000)
    parser.add_argument("--run", default=time.strftime("%H%M%S"), help="prefix of control ids and IPPs (the same to resend)")
    parser.add_argument("--acked", help="file to append acknowledged (AA) control ids to")
    parser.add_argument("--only", help="send only the control ids listed in this file")
    args = parser.parse_args()

    numbers = list(range(args.messages))
    if args.only:
        wanted = {line.strip() for line in open(args.only) if line.strip()}
        numbers = [n for n in numbers if f"{args.run}{n:08d}" in wanted]

    lock = threading.Lock()
    codes = {}
    acked = open(args.acked, "a") if args.acked else None
    errors = []

    def worker(slice_):
        try:
            sock = socket.create_connection((args.host, args.port))
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            buffer = b""
            for n in slice_:
                control, payload = message(args.run, n)
                sock.sendall(SB + payload + EB + CR)
                ack, buffer = read_ack(sock, buffer)
                code = next((s.split("|")[1] for s in ack.split("\r") if s.startswith("MSA|")), "??")
                with lock:
                    codes[code] = codes.get(code, 0) + 1
                    if code == "AA" and acked:
                        acked.write(control + "\n")
                        acked.flush()
            sock.close()
        except Exception as exc:  # the kill test stops the portal under our feet
            with lock:
                errors.append(repr(exc))

    slices = [numbers[i::args.connections] for i in range(args.connections)]
    threads = [threading.Thread(target=worker, args=(s,)) for s in slices]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    done = sum(codes.values())
    rate = done / elapsed if elapsed else 0
    print(f"{done} messages in {elapsed:.1f} s: {rate:.0f} msg/s over {args.connections} connections; ACK codes {codes}; "
          f"sender CPU {time.process_time():.1f} s"
          + (f"; {len(errors)} connection(s) broken: {errors[0]}" if errors else ""))
    if acked:
        acked.close()
    sys.exit(0 if not errors and set(codes) <= {"AA"} else 1)


if __name__ == "__main__":
    main()
