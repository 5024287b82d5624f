using System.Security.Cryptography;
using System.Text;

namespace AutoIF.Core.Llm;

/// <summary>
/// The slots of one server of one role (the server as <see cref="LlmEndpointHealth.ServerOf(string?)"/> keys it), named the
/// same in every process: <see cref="Id"/> comes from SHA-256, not from a per-process string hash.
/// </summary>
public sealed record EndpointSlotKey
{
    public EndpointSlotKey(LlmRole role, string server)
    {
        Role = role;
        Server = server;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{role}|{server}"));
        Id = BitConverter.ToUInt32(hash, 0);
        FileTag = Convert.ToHexStringLower(hash, 0, 8);
    }

    public LlmRole Role { get; }

    public string Server { get; }

    /// <summary>32 bits of the hash: the high half of each slot's PostgreSQL advisory lock key.</summary>
    public uint Id { get; }

    /// <summary>64 bits of the hash in hex: the middle part of each slot's lock file name.</summary>
    public string FileTag { get; }
}
