using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AutoIF.Core.Storage;

/// <summary>
/// One process at a time works on a run: the app's run jobs and every CLI verb that runs stages take this lock first. It
/// lives exactly as long as the process holding it, with no heartbeat or expiry to tune: on SQLite an exclusive lock on a
/// file in the data folder (SQLite data is on this machine), on PostgreSQL a session advisory lock on a connection of its
/// own. A killed process loses it at once, so a restarted app resumes the run without waiting, and a live one never
/// loses it, however long the run.
/// </summary>
public sealed class RunLock(IDbContextFactory<AutoIfDbContext> contextFactory, IOptions<StorageOptions> options)
{
    // The first key of PostgreSQL's two-key advisory locks: ours, so the run id cannot collide with other users' locks.
    private const int AdvisoryLockSpace = 0x41494652;

    // The first key of stage chunks' claims (decision 043), so a chunk's id never collides with a run's.
    private const int ChunkClaimSpace = 0x41494643;
    private static readonly TimeSpan RetryEvery = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Takes the run's lock, waiting up to <paramref name="timeout"/>; throws <see cref="InvalidOperationException"/> naming
    /// the run when another process still holds it then.
    /// </summary>
    public async Task<IAsyncDisposable> AcquireAsync(int runId, string runName, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        await TryAcquireAsync(runId, timeout, cancellationToken)
        ?? throw new InvalidOperationException(
            $"Run '{runName}' is being worked on by another process (the app's job server or another command); wait for it to finish, or cancel the run first.");

    /// <summary>Takes the run's lock, waiting up to <paramref name="timeout"/>; null when another process still holds it then.</summary>
    public async Task<IAsyncDisposable?> TryAcquireAsync(int runId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var postgres = await PostgresConnectionStringAsync(cancellationToken);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var held = await TryLockAsync(postgres, runId, cancellationToken);
            if (held is not null || DateTime.UtcNow >= deadline)
            {
                return held;
            }
            await Task.Delay(RetryEvery, cancellationToken);
        }
    }

    /// <summary>
    /// Claims one chunk of a stage split into chunk jobs (decision 043) the same way a run is locked: held by one taker at a
    /// time (a chunk job, or the coordinator verifying its own run's chunks while it waits) for as long as its process
    /// lives; null when another taker holds it. Does not wait: a chunk someone works on needs no second taker.
    /// </summary>
    public async Task<IAsyncDisposable?> TryClaimChunkAsync(long chunkId, CancellationToken cancellationToken = default)
    {
        var postgres = await PostgresConnectionStringAsync(cancellationToken);
        // Chunk ids past 2^32 share a key with an earlier chunk's: at worst two such chunks are not worked on at once.
        var key = unchecked((int)chunkId);
        return postgres is null
            ? TryLockFile(ChunkLockFilePath(chunkId))
            : await TryAdvisoryLockAsync(postgres, ChunkClaimSpace, key, cancellationToken);
    }

    /// <summary>Removes a finished chunk's claim file (SQLite); the caller holds the claim, and a later taker finds the chunk done.</summary>
    public void RemoveChunkClaimFile(long chunkId)
    {
        var path = ChunkLockFilePath(chunkId);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Whether a process (this one included) holds the run's lock now, i.e. works on the run. It takes the lock and lets go
    /// at once, so an <see cref="AcquireAsync"/> at that very moment waits one retry longer.
    /// </summary>
    public async Task<bool> IsHeldAsync(int runId, CancellationToken cancellationToken = default)
    {
        var postgres = await PostgresConnectionStringAsync(cancellationToken);
        if (postgres is null && !File.Exists(LockFilePath(runId)))
        {
            // No process ever worked on the run: no need to leave a lock file behind for every run a page shows.
            return false;
        }
        await using var probe = await TryLockAsync(postgres, runId, cancellationToken);
        return probe is null;
    }

    /// <summary>
    /// Removes the run's lock file (SQLite; PostgreSQL has none) when the run itself is deleted. The caller holds the lock:
    /// the open file keeps it until released, and a process that opens the path afterwards finds no run to work on.
    /// </summary>
    public void RemoveLockFile(int runId)
    {
        var path = LockFilePath(runId);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private async Task<string?> PostgresConnectionStringAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return db.Database.IsNpgsql() ? db.Database.GetConnectionString() : null;
    }

    private async Task<IAsyncDisposable?> TryLockAsync(string? postgres, int runId, CancellationToken cancellationToken) =>
        postgres is null ? TryLockFile(LockFilePath(runId)) : await TryAdvisoryLockAsync(postgres, AdvisoryLockSpace, runId, cancellationToken);

    // The lock is the open file, or the open connection: disposing it releases the lock.
    private static FileStream? TryLockFile(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            // FileShare.None is an exclusive flock on Unix: every process opening the file this way is refused while it is held.
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private string LockFilePath(int runId) =>
        Path.Combine(options.Value.LocksFolderPath, $"run-{runId.ToString(CultureInfo.InvariantCulture)}.lock");

    private string ChunkLockFilePath(long chunkId) =>
        Path.Combine(options.Value.LocksFolderPath, $"chunk-{chunkId.ToString(CultureInfo.InvariantCulture)}.lock");

    private static async Task<NpgsqlConnection?> TryAdvisoryLockAsync(string connectionString, int space, int key, CancellationToken cancellationToken)
    {
        // Unpooled, so that closing the connection ends the session, which is what releases the lock.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@space, @run)", connection);
            command.Parameters.AddWithValue("space", space);
            command.Parameters.AddWithValue("run", key);
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                return connection;
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }
}
