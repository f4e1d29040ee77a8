#!/usr/bin/env python3
"""An OTLP/HTTP receiver that accepts every export and only counts it: the far end of tracing in the benchmark,
so the services pay the whole cost of recording, batching, encoding and sending their spans.
Usage: otlp-sink.py PORT COUNTS_FILE   (COUNTS_FILE gets "requests bytes" on every export)."""
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, counts_file = int(sys.argv[1]), sys.argv[2]
totals = {"requests": 0, "bytes": 0}


class Sink(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(length)
        totals["requests"] += 1
        totals["bytes"] += length
        with open(counts_file, "w") as out:
            out.write(f"{totals['requests']} {totals['bytes']}\n")
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", port), Sink).serve_forever()
