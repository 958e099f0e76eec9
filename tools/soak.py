#!/usr/bin/env python3
"""make soak: sitrep serve under mixed traffic for a while (10 minutes by default), loopback only.

Readers query every endpoint over keep-alive connections; a poster sends batches drawn from a
pool of 2,000 documents and polls their jobs (the store fills in the first minutes; later posts
are coded and skipped as already stored, so memory that still grows is a leak, not data); slow clients hold idle connections, trickle heads and bodies, and
send the odd hostile request; a `sitrep ingest` into the same database is started now and then
and killed with SIGKILL part-way. Throughout, /api/health is asked on a fresh connection every
quarter second, and the server's memory is sampled.

Passes when: /api/health always answered 200 within 1 s; no read failed with a 5xx; every
document a finished job stored is in the database, and so is every document of the killed
ingests once one clean run completes; the database passes SQLite's integrity_check; resident
memory (anonymous: what the server allocates, not the pages of the gazetteer file it maps) in the
last third of the run stays within 25% (+16 MB) of the first third's; and SIGTERM
stops the server within 10 s with exit code 0.

    python3 tools/soak.py build/sitrep [--seconds 600]
"""
import argparse
import http.client
import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time

TOKEN = "soak-token-0123456789abcdef"
POOL = 2000  # distinct documents the poster sends
# Roles connect from different loopback addresses (all of 127/8 is loopback), so the server's
# per-client limits see them as the different clients they stand for.
READERS, POSTER, HEALTH = "127.0.0.1", "127.0.0.2", "127.0.0.3"
ATTACKERS = ["127.0.0.%d" % i for i in range(10, 14)]


class Conn(http.client.HTTPConnection):
    def __init__(self, port, source, timeout=30):
        super().__init__("127.0.0.1", port, timeout=timeout, source_address=(source, 0))
PLACES = ["Kharkiv", "Kupiansk", "Izium", "Bakhmut", "Kherson", "Mariupol", "Avdiivka",
          "Khartoum", "Omdurman", "El Fasher", "Kunduz", "Herat", "Kandahar", "Mazar-i-Sharif"]
SENTENCES = ["{a} forces captured {p} on Monday, officials said.",
             "Shelling hit {p} overnight, the governor said.",
             "Fighting broke out in {p} on Tuesday.",
             "{a} troops withdrew from {p} after heavy losses.",
             "An airstrike struck a market in {p} on Wednesday."]
ACTORS = ["Russian", "Ukrainian", "Taliban", "RSF", "Sudanese army"]


def document(doc_id, day):
    rnd = random.Random(doc_id)
    text = " ".join(rnd.choice(SENTENCES).format(a=rnd.choice(ACTORS), p=rnd.choice(PLACES))
                    for _ in range(rnd.randint(2, 8)))
    return {"id": doc_id, "date": "2031-%02d-%02d" % (1 + day // 28 % 12, 1 + day % 28),
            "text": text}


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.counts = {}
        self.health = []  # (seconds, status)
        self.rss = []  # (elapsed, kB)
        self.failures = []

    def add(self, key, n=1):
        with self.lock:
            self.counts[key] = self.counts.get(key, 0) + n

    def fail(self, what):
        with self.lock:
            if len(self.failures) < 50:
                self.failures.append(what)


def start_server(binary, db, token_file, log):
    proc = subprocess.Popen([binary, "serve", "--db", db, "--port", "0", "--token-file", token_file,
                             "--store-check-seconds", "30", "--create"],
                            stdout=subprocess.PIPE, stderr=log, text=True)
    line = proc.stdout.readline()
    if not line.startswith("port "):
        raise SystemExit("server did not start: " + line)
    return proc, int(line.split()[1])


def rss_kb(pid):
    """Resident memory the process allocated (RssAnon) and resident pages of files it maps
    (RssFile: the memory-mapped gazetteer, touched page by page as names are looked up, up to
    its size), in kB."""
    anon = file = 0
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("RssAnon:"):
                    anon = int(line.split()[1])
                elif line.startswith("RssFile:"):
                    file = int(line.split()[1])
    except OSError:
        pass
    return anon, file


def reader(port, stop, stats, seed):
    rnd = random.Random(seed)
    conn = None
    paths = ["/api/events?limit=50", "/api/events?type=capture&limit=20",
             "/api/events?since=2031-02-01&until=2031-03-01", "/api/control?at=2031-06-01",
             "/api/control?at=2031-03-15&country=UA", "/api/stats", "/api/documents/soak-1",
             "/api/places/gn:706483/timeline", "/api/health", "/index.html", "/api/nothing"]
    while not stop.is_set():
        path = rnd.choice(paths)
        try:
            if conn is None:
                conn = Conn(port, READERS)
            try:
                conn.request("GET", path)
                r = conn.getresponse()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server may close a keep-alive connection between requests (it closes the
                # idlest when a client holds too many); a client sends the request again on a new
                # one, as RFC 9112 9.3.1 allows for idempotent requests.
                stats.add("read_retries")
                conn.close()
                conn = Conn(port, READERS)
                conn.request("GET", path)
                r = conn.getresponse()
            r.read()
            stats.add("reads")
            if r.status >= 500:
                stats.add("read_5xx")
                stats.fail("GET %s -> %d" % (path, r.status))
            if r.getheader("Connection", "") == "close":
                conn.close()
                conn = None
        except (OSError, http.client.HTTPException) as e:
            stats.add("read_errors")
            stats.fail("GET %s: %s" % (path, e))
            conn = None
        time.sleep(rnd.uniform(0.01, 0.08))


def poster(port, stop, stats, stored, seed):
    rnd = random.Random(seed)
    batch_no = 0
    pending = {}  # job id -> ids
    while not stop.is_set() or pending:
        if not stop.is_set():
            batch_no += 1
            # Ids come from a fixed pool: the store fills in the first minutes and is then sent
            # the same documents again (coded, then skipped as already stored), so memory that
            # still grows afterwards is a leak, not data.
            picks = [rnd.randrange(POOL) for _ in range(rnd.randint(1, 30))]
            docs = [document("soak-%d" % k, k // 30) for k in picks]
            body = "\n".join(json.dumps(d) for d in docs) + "\n"
            if rnd.random() < 0.1:
                body += "not json\n"
            try:
                c = Conn(port, POSTER)
                c.request("POST", "/api/documents", body=body,
                          headers={"Authorization": "Bearer " + TOKEN,
                                   "Content-Type": "application/x-ndjson"})
                r = c.getresponse()
                answer = r.read()
                c.close()
                if r.status == 202:
                    pending[json.loads(answer)["job"]] = [d["id"] for d in docs]
                    stats.add("posts_accepted")
                elif r.status in (429, 503):
                    stats.add("posts_%d" % r.status)
                    time.sleep(int(r.getheader("Retry-After", "1")))
                else:
                    stats.fail("POST -> %d %s" % (r.status, answer[:100]))
            except (OSError, http.client.HTTPException) as e:
                stats.fail("POST: %s" % e)
        for job in list(pending):
            try:
                c = Conn(port, POSTER)
                c.request("GET", "/api/jobs/" + job)
                r = c.getresponse()
                view = json.loads(r.read())
                c.close()
            except (OSError, http.client.HTTPException, ValueError) as e:
                stats.fail("GET job: %s" % e)
                continue
            if view.get("status") in ("done", "failed", "cancelled"):
                ids = pending.pop(job)
                if view["status"] == "done":
                    stored.update(ids)
                    stats.add("jobs_done")
                else:
                    stats.add("jobs_" + view["status"])
                    stats.fail("job %s %s" % (job, view))
        time.sleep(rnd.uniform(0.2, 1.0) if not stop.is_set() else 0.2)


def slow_clients(port, stop, stats, seed):
    rnd = random.Random(seed)
    socks = []
    while not stop.is_set():
        while len(socks) < 150:
            try:
                s = socket.create_connection(("127.0.0.1", port), timeout=5,
                                             source_address=(rnd.choice(ATTACKERS), 0))
                s.setblocking(False)
                # Slow uploads with the token hold an upload slot each (there are 4): at most two
                # at a time, so the poster still gets through. Without the token they cost nothing.
                kinds = ["idle", "trickle_head", "unauth_body", "unauth_chunked"]
                if sum(1 for _, k in socks if k == "trickle_body") < 2:
                    kinds.append("trickle_body")
                kind = rnd.choice(kinds)
                if kind == "trickle_head":
                    s.send(b"GET /api/events HTTP/1.1\r\n")
                elif kind == "trickle_body":
                    s.send(("POST /api/documents HTTP/1.1\r\nAuthorization: Bearer %s\r\n"
                            "Content-Length: 1000000\r\n\r\n" % TOKEN).encode())
                elif kind == "unauth_body":
                    s.send(b"POST /api/documents HTTP/1.1\r\nContent-Length: 100000000\r\n\r\n")
                elif kind == "unauth_chunked":
                    s.send(b"POST /api/documents HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                           b"100000\r\n" + b"x" * 65536)
                socks.append((s, kind))
                stats.add("slow_opened")
            except OSError:
                stats.add("slow_refused")
                break
        alive = []
        for s, kind in socks:
            try:
                if kind.startswith("trickle"):
                    s.send(b"x")
                s.recv(65536)  # closed (b"") or an answer: replace it
                s.close()
            except BlockingIOError:
                alive.append((s, kind))
            except OSError:
                s.close()
        socks = alive
        if rnd.random() < 0.2:  # the odd hostile request
            try:
                s = socket.create_connection(("127.0.0.1", port), timeout=5,
                                             source_address=(rnd.choice(ATTACKERS), 0))
                s.sendall(rnd.choice([
                    b"GET /api/stats HTTP/1.1\r\nRange: bytes=" + b"0-," * 2000 + b"0-\r\n\r\n",
                    b"GET /api/health HTTP/1.1\r\n" + b"X-A: b\r\n" * 300 + b"\r\n",
                    b"DELETE /api/events HTTP/1.1\r\n\r\n",
                    b"POST /api/documents HTTP/1.1\r\nAuthorization: Bearer guess\r\n"
                    b"Content-Length: 5\r\n\r\nhello"]))
                s.settimeout(5)
                s.recv(65536)
                s.close()
                stats.add("hostile")
            except OSError:
                pass
        time.sleep(0.5)
    for s, _ in socks:
        s.close()


def health(port, stop, stats):
    while not stop.is_set():
        start = time.monotonic()
        status = 0
        try:
            c = Conn(port, HEALTH, timeout=10)
            c.request("GET", "/api/health")
            r = c.getresponse()
            r.read()
            status = r.status
            c.close()
        except (OSError, http.client.HTTPException):
            pass
        with stats.lock:
            stats.health.append((time.monotonic() - start, status))
        time.sleep(0.25)


def killer(binary, db, corpus, stop, stats, seed, interval):
    rnd = random.Random(seed)
    while not stop.wait(rnd.uniform(interval / 2, interval)):
        p = subprocess.Popen([binary, "ingest", "--db", db, "--batch", "10", corpus],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rnd.uniform(0.2, 3.0))
        p.send_signal(signal.SIGKILL)
        p.wait()
        stats.add("ingests_killed")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--seconds", type=int, default=600)
    ap.add_argument("--roles", default="read,post,slow,kill",
                    help="which clients run (to look into one of them): read,post,slow,kill")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="sitrep_soak_")
    db = os.path.join(tmp, "soak.db")
    token_file = os.path.join(tmp, "token")
    with open(token_file, "w") as f:
        f.write(TOKEN + "\n")
    corpus = os.path.join(tmp, "corpus")
    os.makedirs(corpus)
    for i in range(400):
        d = document("cli-%d" % i, i)
        with open(os.path.join(corpus, "cli-%d.txt" % i), "w") as f:
            f.write("date %s\n%s\n" % (d["date"], d["text"]))
    log = open(os.path.join(tmp, "server.log"), "w")
    server, port = start_server(args.binary, db, token_file, log)
    stats, stored, stop = Stats(), set(), threading.Event()
    roles = set(args.roles.split(","))
    threads = [threading.Thread(target=health, args=(port, stop, stats))]
    if "read" in roles:
        threads += [threading.Thread(target=reader, args=(port, stop, stats, i)) for i in range(4)]
    if "post" in roles:
        threads.append(threading.Thread(target=poster, args=(port, stop, stats, stored, 7)))
    if "slow" in roles:
        threads.append(threading.Thread(target=slow_clients, args=(port, stop, stats, 8)))
    if "kill" in roles:
        threads.append(threading.Thread(target=killer, args=(args.binary, db, corpus, stop, stats,
                                                              9, min(60, max(4, args.seconds / 10)))))
    for t in threads:
        t.start()
    began = time.monotonic()
    try:
        while time.monotonic() - began < args.seconds:
            time.sleep(2)
            stats.rss.append((time.monotonic() - began, rss_kb(server.pid)))
            if server.poll() is not None:
                stats.fail("the server exited during the soak (code %s)" % server.returncode)
                break
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=120)
    stopped = time.monotonic()
    server.send_signal(signal.SIGTERM)
    try:
        code = server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        code = "timeout"
    stop_seconds = time.monotonic() - stopped
    # One clean run of the ingest that was killed: everything of it must land.
    clean = subprocess.run([args.binary, "ingest", "--db", db, corpus], capture_output=True,
                           text=True)
    con = sqlite3.connect(db)
    ids = {row[0] for row in con.execute("SELECT id FROM documents")}
    integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
    con.close()
    cli_ids = {"cli-%d" % i for i in range(400)}
    lost = sorted(stored - ids)
    lost_cli = sorted(cli_ids - ids)

    latencies = [s for s, _ in stats.health]
    bad_health = [(s, st) for s, st in stats.health if st != 200 or s >= 1.0]
    third = max(1, len(stats.rss) // 3)
    first = [kb[0] for _, kb in stats.rss[:third]]
    last = [kb[0] for _, kb in stats.rss[-third:]]
    rss_ok = bool(first) and max(last) <= 1.25 * max(first) + 16 * 1024
    bad_statuses = {}
    for _, st in bad_health:
        bad_statuses[st] = bad_statuses.get(st, 0) + 1
    checks = [
        ("health always 200 within 1 s (%d probes, max %.3f s, p99 %.3f s)" % (
            len(latencies), max(latencies or [0]),
            sorted(latencies)[int(0.99 * (len(latencies) - 1))] if latencies else 0),
         not bad_health and bool(latencies)),
        ("no read answered 5xx or failed (%d reads)" % stats.counts.get("reads", 0),
         not stats.counts.get("read_5xx") and not stats.counts.get("read_errors")),
        ("every document of a finished job stored (%d documents, %d jobs)" % (
            len(stored), stats.counts.get("jobs_done", 0)),
         not lost and stats.counts.get("jobs_done", 0) >= args.seconds // 10),
        ("killed ingests (%d) then one clean run: all %d documents stored (exit %d)" % (
            stats.counts.get("ingests_killed", 0), len(cli_ids), clean.returncode),
         not lost_cli and clean.returncode in (0, 1)),
        ("integrity_check: %s" % integrity, integrity == "ok"),
        ("RSS (anonymous) flat: first third max %d MB, last third max %d MB" % (
            max(first or [0]) // 1024, max(last or [0]) // 1024), rss_ok),
        ("SIGTERM: exit %s in %.1f s" % (code, stop_seconds), code == 0 and stop_seconds < 10),
        ("no other failure", not stats.failures),
    ]
    print("== soak: %d s, port %d, %s ==" % (args.seconds, port, tmp))
    for k in sorted(stats.counts):
        print("  %-16s %d" % (k, stats.counts[k]))
    if latencies:
        print("  health median %.4f s" % statistics.median(latencies))
    step = max(1, len(stats.rss) // 12)
    print("  RSS MB over time, s:anon+file:", " ".join(
        "%d:%d+%d" % (t, kb[0] // 1024, kb[1] // 1024) for t, kb in stats.rss[::step]))
    ok = True
    for what, good in checks:
        print("%s %s" % ("ok  " if good else "FAIL", what))
        ok = ok and good
    if bad_health:
        print("  health failures by status:", bad_statuses)
    for f in stats.failures[:20]:
        print("  failure:", f)
    if lost:
        print("  lost:", lost[:20])
    if ok:
        shutil.rmtree(tmp, ignore_errors=True)
    else:
        print("kept for inspection:", tmp)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
