using System.Net;

namespace AutoIF.Web.Teams;

/// <summary>
/// Whether a request comes from this machine: the one rule behind single-user mode, /jobs without users and the
/// reward service without a key. Behind a configured proxy the forwarded headers middleware has already put the
/// client's address on the connection; a request that still carries a forwarded-for header came through a proxy
/// that is not configured, so its loopback address says nothing about the client.
/// </summary>
public static class LocalCaller
{
    public static bool Is(HttpContext http)
    {
        var headers = http.Request.Headers;
        if (headers.ContainsKey("X-Forwarded-For") || headers.ContainsKey("Forwarded"))
        {
            return false;
        }
        var remote = http.Connection.RemoteIpAddress;
        // No address: an in-process or Unix-socket caller, both on this machine.
        return remote is null || IPAddress.IsLoopback(remote);
    }
}
