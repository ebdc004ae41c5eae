-- wrk: each request asks for the next of the public pages, round and round.
local pages = {"/", "/themes/", "/research/", "/tags/", "/themes/map/", "/search/?q=hope", "/feeds/research/"}
local n = 0

request = function()
  n = n + 1
  return wrk.format("GET", pages[(n % #pages) + 1])
end
