-- wrk script: the partner SOAP service's GetProduct for a random product among the first N seeded SKUs
-- (N from BENCH_SKUS, default 1000), with HTTP Basic credentials from BENCH_BASIC ("Basic ...")
local n = tonumber(os.getenv("BENCH_SKUS") or "1000")
local auth = os.getenv("BENCH_BASIC")
math.randomseed(42)
wrk.method = "POST"
wrk.headers["Content-Type"] = "text/xml; charset=utf-8"
wrk.headers["SOAPAction"] = '"https://scaleshop.dev/partner/v1/GetProduct"'
wrk.headers["Authorization"] = auth
request = function()
  local body = string.format('<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" '
    .. 'xmlns:p="https://scaleshop.dev/partner/v1"><soap:Body><p:GetProduct><p:sku>SKU-%06d</p:sku>'
    .. '</p:GetProduct></soap:Body></soap:Envelope>', math.random(1, n))
  return wrk.format(nil, "/soap/partner/v1", nil, body)
end
