#!/usr/bin/env python3
"""Seeds a leaderboard through the public API: N guests, each applying one or two click commands of distinct sizes.

usage: seed_boards.py GATEWAY PLAYERS TOKENS_FILE
Writes one access token per line to TOKENS_FILE and waits until the totalWool board counts every player.
"""
import concurrent.futures
import json
import sys
import time
import urllib.error
import urllib.request
import uuid

gateway, players, tokens_file = sys.argv[1], int(sys.argv[2]), sys.argv[3]


def call(method, path, body=None, token=None):
    key = str(uuid.uuid4())
    for attempt in range(20):
        request = urllib.request.Request(gateway + path, method=method, data=None if body is None else json.dumps(body).encode())
        request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", "Bearer " + token)
            # The same key on a retry: a command is applied once whatever happened to the first answer.
            request.add_header("Idempotency-Key", key)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            # 503 OVERLOADED (backpressure) or a slow worker on a busy machine, 429: wait as told and send again.
            if error.code not in (429, 503) or attempt == 19:
                raise
            time.sleep(float(error.headers.get("Retry-After") or 1))


def seed(i):
    token = call("POST", "/api/v1/auth/guest", {"deviceId": "boards-bench-%d-%s" % (i, uuid.uuid4().hex)})["data"]["accessToken"]
    # Sizes 1..100, a second click for two players in three: scores spread over ~300 values, ties broken by time.
    call("POST", "/api/v1/game/actions", {"type": "click", "quantity": 1 + i % 100}, token)
    if i % 3:
        call("POST", "/api/v1/game/actions", {"type": "click", "quantity": 1 + (i * 7) % 100}, token)
    return token


with concurrent.futures.ThreadPoolExecutor(16) as pool:
    tokens = list(pool.map(seed, range(players)))
with open(tokens_file, "w") as out:
    out.write("\n".join(tokens) + "\n")

deadline = time.time() + 120
while True:
    total = call("GET", "/api/v1/leaderboards/totalWool?limit=1", token=tokens[0])["data"]["total"]
    if total >= players:
        break
    if time.time() > deadline:
        sys.exit("the board counts %d of %d players after 120 s" % (total, players))
    time.sleep(0.5)
print("seeded %d players" % players)
