-- New guests: POST /api/v1/auth/guest with a device id never seen before on every request (a per-run random
-- prefix, the thread and a counter), so each answer creates an account (201).
dofile(os.getenv("BENCH_HTTP") .. "/signin-summary.lua")
local count = 0
local n = 0
local prefix = ""

function setup(thread)
  thread:set("id", count)
  count = count + 1
end

function init(args)
  math.randomseed(os.time() * 131 + id)
  prefix = string.format("bench-new-%08x-%d-", math.random(0, 0x7fffffff), id)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  n = n + 1
  return wrk.format(nil, "/api/v1/auth/guest", nil, '{"deviceId":"' .. prefix .. n .. '"}')
end
