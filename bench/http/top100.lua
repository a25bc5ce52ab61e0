-- GET a top page (PATH, default the top 100 of totalWool) with one player's token (the first line of TOKENS).
local path = os.getenv("PATH_QUERY") or "/api/v1/leaderboards/totalWool?limit=100"
local file = assert(io.open(os.getenv("TOKENS"), "r"))
local token = file:read("*l")
file:close()
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer " .. token
request = function()
  return wrk.format("GET", path)
end
