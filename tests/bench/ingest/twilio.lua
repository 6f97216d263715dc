-- wrk script: signed Twilio SMS webhooks, each connection cycling through its own slice of the
-- pre-signed requests (body TAB signature per line) that bench_ingest wrote.
local requests = {}
local counter = 0

function setup(thread)
    counter = counter + 1
    thread:set("id", counter)
end

function init(args)
    local path = os.getenv("SB_BENCH_REQUESTS")
    for line in io.lines(path) do
        local body, signature = line:match("^(.-)\t(.+)$")
        requests[#requests + 1] = { body = body, signature = signature }
    end
    next_index = (id - 1) * math.floor(#requests / 2) + 1
end

function request()
    local r = requests[next_index]
    next_index = next_index % #requests + 1
    return wrk.format("POST", "/twilio/sms", {
        ["Content-Type"] = "application/x-www-form-urlencoded",
        ["X-Twilio-Signature"] = r.signature,
    }, r.body)
end
