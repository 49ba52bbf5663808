"""A real SMTP server for the tests (aiosmtpd, pinned in requirements.txt).

    python smtp_sink.py PORT DIR [DELAY]

Listens on 127.0.0.1:PORT and writes every message it accepts to DIR as one JSON file (from, to,
subject, the decoded plain-text body, attachments with name, type and text), renamed into place so that a reader never sees half a
file. With DELAY (seconds) it waits that long after writing a message before it answers
"250": a window in which a test can kill the sender mid-send. Prints "ready" once listening
and runs until its standard input closes.
"""

import asyncio
import email
import email.policy
import json
import os
import sys
import time

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, out, delay):
        self.out = out
        self.delay = delay
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        body = message.get_body(("plain",))
        record = {
            "from": envelope.mail_from,
            "to": envelope.rcpt_tos,
            "subject": str(message["subject"]),
            "body": body.get_content() if body is not None else "",
            "attachments": [
                {
                    "filename": part.get_filename(),
                    "content_type": part.get_content_type(),
                    "content": part.get_content(),
                }
                for part in message.iter_attachments()
            ],
        }
        path = os.path.join(self.out, f"{time.time_ns()}-{self.count}.json")
        with open(path + ".part", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.rename(path + ".part", path)
        if self.delay:
            await asyncio.sleep(self.delay)
        return "250 Message accepted for delivery"


def main():
    port, out = int(sys.argv[1]), sys.argv[2]
    delay = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
    controller = Controller(Sink(out, delay), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    sys.stdin.read()
    controller.stop()


if __name__ == "__main__":
    main()
