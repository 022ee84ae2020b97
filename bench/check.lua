-- wrk script: POST a typical case (examples/aarhus_concern_2019.json, or the
-- file in PLIGT_CASE) to /api/v1/check. No per-answer Lua callback, which
-- would cost wrk more CPU than the server spends on an answer: wrk itself
-- counts answers that are not 2xx or 3xx ("Non-2xx or 3xx responses"), and
-- bench/load.sh reports that count.
local file = io.open(os.getenv("PLIGT_CASE") or "examples/aarhus_concern_2019.json", "r")
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
