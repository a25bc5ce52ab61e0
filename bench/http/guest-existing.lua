-- Existing-device sign-in: POST /api/v1/auth/guest with one of DEVICES device ids (bench-dev-00000001 ...).
-- MODE=seq walks the ids in order from START, each of THREADS threads its own share, so a pass creates every
-- account (the warm-up of signin.sh); otherwise every request picks an id at random, all of them existing by then.
dofile(os.getenv("BENCH_HTTP") .. "/signin-summary.lua")
local devices = tonumber(os.getenv("DEVICES") or "2000")
local threads = tonumber(os.getenv("THREADS") or "2")
local sequential = os.getenv("MODE") == "seq"
local start = tonumber(os.getenv("START") or "0")
local next_id = 0
local count = 0

function setup(thread)
  thread:set("id", count)
  count = count + 1
end

function init(args)
  next_id = id
  math.randomseed(os.time() * 131 + id)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local n
  if sequential then
    n = (start + next_id) % devices + 1
    next_id = next_id + threads
  else
    n = math.random(1, devices)
  end
  return wrk.format(nil, "/api/v1/auth/guest", nil, string.format('{"deviceId":"bench-dev-%08d"}', n))
end
