-- wrk script for bench/load.py: round robin over the paths in the file LOAD_PATHS names
-- (one per line; a file, as 20,000 paths are too long for the environment),
-- each thread starting at another place. Prints one JSON line: requests, duration,
-- responses by status class (2xx/3xx/4xx/5xx), wrk's socket errors by kind, and the
-- latency histogram (microseconds -> count) so bench/load.py can merge phases and take
-- percentiles of the whole run.
local paths = {}
for line in io.lines(os.getenv("LOAD_PATHS")) do
  paths[#paths + 1] = line
end
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  -- Far apart in the list (for up to 8 threads), so that threads over a list of
  -- searches that all differ do not ask what another thread just asked.
  thread:set("start", counter * (7 + math.floor(#paths / 8)))
  table.insert(threads, thread)
end

function init(args)
  i = start
  classes = {0, 0, 0, 0, 0}
  wrk.headers["Accept-Encoding"] = "gzip"
end

function request()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end

function response(status, headers, body)
  local class = math.floor(status / 100)
  if class >= 1 and class <= 5 then
    classes[class] = classes[class] + 1
  end
end

function done(summary, latency, requests)
  local by_class = {0, 0, 0, 0, 0}
  for _, thread in ipairs(threads) do
    local counts = thread:get("classes")
    for c = 1, 5 do
      by_class[c] = by_class[c] + counts[c]
    end
  end
  local histogram = {}
  for n = 1, #latency do
    local value, count = latency(n)
    histogram[#histogram + 1] = string.format('[%d, %d]', value, count)
  end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "2xx": %d, "3xx": %d, "4xx": %d, "5xx": %d, ' ..
    '"connect": %d, "read": %d, "write": %d, "timeout": %d, "histogram": [%s]}\n',
    summary.requests, summary.duration / 1e6, by_class[2], by_class[3], by_class[4],
    by_class[5], e.connect, e.read, e.write, e.timeout, table.concat(histogram, ", ")))
end
