"""The demo target of docker-compose.yml: answers every request with 200 and a JSON echo of what it received.

Credential headers are echoed by name only: the echo becomes the execution's recorded response body, which the API
shows, and a runbook's secret must not come back that way.
"""
import json
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HIDDEN = {"authorization", "proxy-authorization", "cookie", "x-api-key"}


class Echo(BaseHTTPRequestHandler):
    def answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        try:
            body = json.loads(body) if body else None
        except ValueError:
            pass
        headers = {name: ("(sent)" if name.lower() in HIDDEN else value) for name, value in self.headers.items()}
        reply = json.dumps({"method": self.command, "path": self.path, "headers": headers, "body": body}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = answer


if __name__ == "__main__":
    ThreadingHTTPServer((os.environ.get("ECHO_BIND", "0.0.0.0"), int(os.environ.get("ECHO_PORT", "8080"))), Echo).serve_forever()
