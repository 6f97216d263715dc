-- wrk script: signed Twilio SMS webhooks, each thread cycling through its own half of the
-- pre-signed requests (body TAB signature per line) that bench_ingest wrote. The requests are
-- formatted once, at start: wrk shares the two vCPUs with the server under test, so the less it
-- does per request the more the figures measure the server.
local requests = {}
local counter = 0

function setup(thread)
    counter = counter + 1
    thread:set("id", counter)
end

function init(args)
    local path = os.getenv("SB_BENCH_REQUESTS")
    local lines = {}
    for line in io.lines(path) do
        lines[#lines + 1] = line
    end
    local half = math.floor(#lines / 2)
    for i = (id - 1) * half + 1, id * half do
        local body, signature = lines[i]:match("^(.-)\t(.+)$")
        requests[#requests + 1] = wrk.format("POST", "/twilio/sms", {
            ["Content-Type"] = "application/x-www-form-urlencoded",
            ["X-Twilio-Signature"] = signature,
        }, body)
    end
    next_index = 1
end

function request()
    local r = requests[next_index]
    next_index = next_index % #requests + 1
    return r
end
