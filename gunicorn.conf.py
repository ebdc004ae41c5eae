"""gunicorn's settings for `make serve` (and the bench and chaos runs): read from the working directory.

Flags given on the command line win over these.
"""

# A worker that takes longer than this is killed. The slowest request is a curator's
# import of the largest file admin accepts (IMPORT_UPLOAD_MAX_MB): about 20 s on two busy cores.
timeout = 60

# The longest request line gunicorn accepts (its maximum; the default is 4094 bytes), so
# that a long search address reaches the site, which cuts the query and says so, rather
# than getting gunicorn's bare "414 Request-URI Too Long". Proxies commonly allow 8 KB too.
limit_request_line = 8190
