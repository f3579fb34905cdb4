-- wrk script: GET a random product among the first N seeded SKUs, as one of C client addresses
-- (X-Forwarded-For, believed only from the load balancer: the bench scripts make the connections leave
-- from its address for the run, bench/lib.sh as_load_balancer).
local n = tonumber(os.getenv("BENCH_SKUS") or "1000")
local clients = tonumber(os.getenv("BENCH_CLIENTS") or "10000")
math.randomseed(7)
request = function()
  local c = math.random(0, clients - 1)
  return wrk.format("GET", string.format("/api/v1/products/SKU-%06d", math.random(1, n)),
    { ["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.floor(c / 65536), math.floor(c / 256) % 256, c % 256) })
end
