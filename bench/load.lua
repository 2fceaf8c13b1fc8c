-- wrk script for bench/load.py: round robin over the paths in LOAD_PATHS (one per line),
-- each thread starting at another place; counts responses with status >= 500 as failed;
-- prints one JSON line with throughput, latency percentiles (ms) and failures.
local paths = {}
for line in string.gmatch(os.getenv("LOAD_PATHS") or "/", "[^\n]+") do
  paths[#paths + 1] = line
end
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("start", counter * 7)
  table.insert(threads, thread)
end

function init(args)
  i = start
  server_errors = 0
  wrk.headers["Accept-Encoding"] = "gzip"
end

function request()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end

function response(status, headers, body)
  if status >= 500 then
    server_errors = server_errors + 1
  end
end

function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("server_errors")
  end
  local e = summary.errors
  local socket = e.connect + e.read + e.write + e.timeout
  io.write(string.format(
    '{"requests": %d, "rps": %.1f, "p50": %.1f, "p95": %.1f, "p99": %.1f, ' ..
    '"failed": %d, "server_errors": %d, "socket_errors": %d}\n',
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, failed + socket, failed, socket))
end
