using System.Globalization;

namespace AutoIF.Core.Llm;

/// <summary>
/// Slots as exclusive locks on files <c>endpoint-TAG-SLOT.lock</c> in the data folder's <c>locks/</c> (SQLite: every process
/// sharing the data folder is on this machine), as <see cref="Storage.RunLock"/> does for runs: the kernel drops a dead
/// process's locks with its open files. The files stay (removing a locked file would let two processes lock two files
/// of one name); there are at most as many as a server has slots.
/// </summary>
public sealed class FileEndpointSlotLocks(string folder) : IEndpointSlotLocks
{
    private readonly Dictionary<(EndpointSlotKey Key, int Slot), FileStream> _held = [];
    private bool _folderMade;

    public Task<int?> TryLockAnyAsync(EndpointSlotKey key, IReadOnlyList<int> slots)
    {
        if (!_folderMade)
        {
            Directory.CreateDirectory(folder);
            _folderMade = true;
        }
        foreach (var slot in slots)
        {
            try
            {
                // FileShare.None is an exclusive flock on Unix, refused to any other open of the file, in this process or another.
                var file = new FileStream(Path.Combine(folder, $"endpoint-{key.FileTag}-{slot.ToString(CultureInfo.InvariantCulture)}.lock"),
                    FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
                _held[(key, slot)] = file;
                return Task.FromResult<int?>(slot);
            }
            catch (IOException)
            {
                // Held by another process: try the next slot.
            }
        }
        return Task.FromResult<int?>(null);
    }

    public Task UnlockAsync(EndpointSlotKey key, int slot)
    {
        if (_held.Remove((key, slot), out var file))
        {
            file.Dispose();
        }
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        foreach (var file in _held.Values)
        {
            file.Dispose();
        }
        _held.Clear();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
