using System.Globalization;
using System.Text;
using Npgsql;

namespace AutoIF.Core.Llm;

/// <summary>
/// Slots as session advisory locks on one connection of this process's own, as <see cref="Storage.RunLock"/> does for runs:
/// a dead process's session ends with its connection, and with it every slot it held, without an expiry to wait out.
/// One connection holds all of the process's slots (a session may hold many locks), so slots cost no connections.
/// Keys use PostgreSQL's one-key (bigint) lock space, apart from the two-key space of run locks: the endpoint's
/// <see cref="EndpointSlotKey.Id"/> in the high 32 bits, the slot in the low 32 (pg_locks shows them as classid and objid).
/// </summary>
public sealed class PostgresEndpointSlotLocks(string connectionString) : IEndpointSlotLocks
{
    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(connectionString)
    {
        // Unpooled, so that closing the connection ends the session, which is what releases the locks.
        Pooling = false,
        ApplicationName = "AutoIF endpoint slots",
    }.ConnectionString;

    private NpgsqlConnection? _connection;

    public async Task<int?> TryLockAnyAsync(EndpointSlotKey key, IReadOnlyList<int> slots)
    {
        if (slots.Count == 0)
        {
            return null;
        }
        // CASE stops at the first condition that holds, so one round trip takes at most one slot. A session's advisory
        // locks are re-entrant: the caller leaves out the slots this process holds already.
        var sql = new StringBuilder("SELECT CASE");
        foreach (var slot in slots)
        {
            sql.Append(CultureInfo.InvariantCulture, $" WHEN pg_try_advisory_lock({LockKey(key, slot)}) THEN {slot}");
        }
        sql.Append(" ELSE -1 END");
        var taken = (int)(await ExecuteAsync(sql.ToString()))!;
        return taken < 0 ? null : taken;
    }

    public async Task UnlockAsync(EndpointSlotKey key, int slot)
    {
        if (_connection is null)
        {
            // The session that held it is gone, and the lock with it.
            return;
        }
        await ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"SELECT pg_advisory_unlock({LockKey(key, slot)})"));
    }

    public void Dispose()
    {
        _connection?.Dispose();
        _connection = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    private static long LockKey(EndpointSlotKey key, int slot) => (long)(((ulong)key.Id << 32) | (uint)slot);

    private async Task<object?> ExecuteAsync(string sql)
    {
        if (_connection is null)
        {
            var connection = new NpgsqlConnection(_connectionString);
            try
            {
                await connection.OpenAsync();
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
            _connection = connection;
        }
        try
        {
            await using var command = new NpgsqlCommand(sql, _connection);
            // Never cancelled midway: a lock the server took while the client stopped listening would stay held.
            return await command.ExecuteScalarAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // A broken session has lost its locks already; the next call opens a new one.
            await _connection.DisposeAsync();
            _connection = null;
            throw;
        }
    }
}
