-- GET around-me, every request as the next player of TOKENS (one token per line), each thread from its own start.
local path = os.getenv("PATH_QUERY") or "/api/v1/leaderboards/totalWool/around-me"
local tokens = {}
for line in io.lines(os.getenv("TOKENS")) do
  if #line > 0 then tokens[#tokens + 1] = line end
end
local threads = 0
local next_index = 1

function setup(thread)
  threads = threads + 1
  thread:set("start", threads * 997)
end

function init(args)
  next_index = (start or 1) % #tokens + 1
end

request = function()
  local token = tokens[next_index]
  next_index = next_index % #tokens + 1
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end
