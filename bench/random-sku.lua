-- wrk script: GET a random product among the first N seeded SKUs (N from the environment, default 1000).
-- Each thread draws its own sequence, and each run (warm-up, measured run) another one: a run does not replay
-- exactly the requests its warm-up made (and warmed).
local n = tonumber(os.getenv("BENCH_SKUS") or "1000")
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_no", threads)
end
function init(args)
  math.randomseed(os.time() * 7919 + (thread_no or 0) * 104729 + math.floor(os.clock() * 1000000))
end
request = function()
  return wrk.format("GET", string.format("/api/v1/products/SKU-%06d", math.random(1, n)))
end
