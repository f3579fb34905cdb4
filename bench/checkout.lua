-- wrk script: checkouts of one line, each with a fresh Idempotency-Key, as a random customer whose
-- access token is a line of the file BENCH_TOKENS (written by bench/sharding.sh).
local tokens = {}
for line in io.lines(os.getenv("BENCH_TOKENS")) do tokens[#tokens + 1] = line end
-- one line of a random product among the first BENCH_SKUS: no single stock row every checkout waits for
local skus = tonumber(os.getenv("BENCH_SKUS") or "1000")
local counter = 0
local thread_id = 0

setup = function(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

init = function()
  math.randomseed(os.time() + tid)
end

request = function()
  counter = counter + 1
  local key = string.format("bench-%d-%d-%d-%d", os.time(), tid, counter, math.random(1, 1e9))
  return wrk.format("POST", "/api/v1/orders", {
    ["Authorization"] = "Bearer " .. tokens[math.random(1, #tokens)],
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = key }, string.format('{"lines":[{"sku":"SKU-%06d","quantity":1}]}', math.random(1, skus)))
end
