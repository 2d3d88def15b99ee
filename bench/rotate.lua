-- wrk script: each request takes the next path from $BENCH_PATHS (one a
-- line), with the "fresh" cookie, so caches keyed by the path see many keys.
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do
  if #line > 0 then paths[#paths + 1] = line end
end
local i = 0
function setup(thread)
  thread:set("offset", math.random(1, #paths))
end
request = function()
  i = i + 1
  return wrk.format("GET", paths[((i + (offset or 0)) % #paths) + 1], { ["Cookie"] = "bench_session=1" })
end
