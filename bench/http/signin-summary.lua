-- The summary line bench/http/signin.sh prints: requests/s, latency percentiles, and the answers that do not count
-- (wrk's status errors are HTTP status >= 400; socket errors are connect/read/write/timeouts). Loaded by the
-- request scripts with dofile so each of them prints the same line.
function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests/s=%.0f p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms requests=%d non2xx=%d socket_errors=%d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.requests, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
