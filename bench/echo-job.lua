-- POST /api/v1/jobs/echo: one job submission per request (a small JSON body; the echo worker just records it)
wrk.method = "POST"
wrk.path = "/api/v1/jobs/echo"
wrk.body = '{"message":"bench"}'
wrk.headers["Content-Type"] = "application/json"
