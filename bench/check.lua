-- wrk script: POST a typical case (examples/aarhus_concern_2019.json) to
-- /api/v1/check and count every answer that is not 200 as an error.
local file = io.open(os.getenv("PLIGT_CASE") or "examples/aarhus_concern_2019.json", "r")
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"

local failures = 0
function response(status, headers, body)
  if status ~= 200 then failures = failures + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("non-200 answers: %d\n", failures))
end
