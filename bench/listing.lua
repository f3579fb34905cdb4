-- wrk script: a listing page — one of the five departments (with its subcategories), one of its first
-- ten pages of 20, sorted by SKU
local departments = { "electronics", "home", "books", "sports", "toys" }
math.randomseed(11)
request = function()
  return wrk.format("GET", string.format("/api/v1/products?category=%s&page=%d&size=20",
    departments[math.random(1, #departments)], math.random(0, 9)))
end
