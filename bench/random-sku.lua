-- wrk script: GET a random product among the first N seeded SKUs (N from the environment, default 1000)
local n = tonumber(os.getenv("BENCH_SKUS") or "1000")
math.randomseed(42)
request = function()
  return wrk.format("GET", string.format("/api/v1/products/SKU-%06d", math.random(1, n)))
end
