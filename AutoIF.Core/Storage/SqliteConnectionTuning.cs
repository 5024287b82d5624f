using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AutoIF.Core.Storage;

/// <summary>
/// Per-connection SQLite settings. In WAL mode, synchronous=NORMAL skips the fsync on every commit (the WAL is synced
/// at checkpoints): an app crash loses nothing, a power cut may lose the last commits, which the resumable stages and
/// the call cache redo. Without it every stored model call and verdict batch waits for a disk flush. busy_timeout lets
/// SQLite wait for the write lock in steps of milliseconds; without it Microsoft.Data.Sqlite retries a busy statement
/// only after sleeping about 150 ms, which streaming stages writing beside each other met constantly (decision 053).
/// </summary>
internal sealed class SqliteConnectionTuning : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY; PRAGMA busy_timeout=60000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
