-- wrk script for run.sh: rotates over the realistic directory queries that
-- `bench_directory --paths-out FILE` wrote (one URL path per line, already percent-encoded).
--   wrk -s directory.lua http://127.0.0.1:PORT -- /path/to/paths.txt
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

local requests = {}
local i = 0

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then requests[#requests + 1] = wrk.format("GET", line) end
  end
  if #requests == 0 then error("no query paths in " .. tostring(args[1])) end
  -- Each thread starts elsewhere in the list, so the connections do not move in lockstep.
  i = (id or 0) * 997
end

function request()
  i = i + 1
  return requests[(i % #requests) + 1]
end
