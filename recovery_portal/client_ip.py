"""The address a request came from, as far as the deployment lets us trust it.

Login limits (django-axes) key on the username and this address. Behind a
reverse proxy, REMOTE_ADDR is the proxy's, so without this every visitor
would share one address and five wrong passwords from anyone would lock a
curator out. Headers are trusted only as configured, since a client can send
any X-Forwarded-For it likes:

- TRUSTED_PROXY_COUNT = N: N proxies, each appending the address it was
  reached from to X-Forwarded-For; the client is the Nth entry from the right
  (whatever a client wrote before it is ignored).
- CLIENT_IP_HEADER = "X-Real-IP" (say): one proxy that sets that header to
  the client's address, overwriting any the client sent.
"""

import ipaddress

from django.conf import settings


def client_ip(request):
    remote_addr = request.META.get("REMOTE_ADDR", "")
    if settings.CLIENT_IP_HEADER:
        meta_name = "HTTP_" + settings.CLIENT_IP_HEADER.upper().replace("-", "_")
        candidate = request.META.get(meta_name, "").strip()
    elif settings.TRUSTED_PROXY_COUNT:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        # Fewer entries than proxies: the request did not come through them all, so trust none.
        candidate = hops[-settings.TRUSTED_PROXY_COUNT] if len(hops) >= settings.TRUSTED_PROXY_COUNT else ""
    else:
        return remote_addr
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr
