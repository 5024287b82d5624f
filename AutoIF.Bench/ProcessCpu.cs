using System.Globalization;

namespace AutoIF.Bench;

/// <summary>
/// CPU time from /proc, so a run on a machine shared with other work can still be compared: wall-clock rates swing with
/// the load, CPU seconds per call much less.
/// </summary>
internal static class ProcessCpu
{
    private static readonly double TicksPerSecond = 100.0;

    /// <summary>
    /// CPU seconds (user + system, plus already-reaped children) of every descendant of <paramref name="rootPid"/>, the
    /// root excluded. Reaped children are counted through their parent's cutime/cstime, live ones directly, so the sandbox
    /// zygotes' short-lived forked children are all included and none twice.
    /// </summary>
    public static double DescendantsSeconds(int rootPid)
    {
        var parents = new Dictionary<int, (int Parent, long Ticks)>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }
            if (ReadStat(pid) is { } stat)
            {
                parents[pid] = stat;
            }
        }
        long total = 0;
        foreach (var (pid, (_, ticks)) in parents)
        {
            if (pid != rootPid && DescendsFrom(pid, rootPid, parents))
            {
                total += ticks;
            }
        }
        return total / TicksPerSecond;
    }

    private static bool DescendsFrom(int pid, int rootPid, Dictionary<int, (int Parent, long Ticks)> parents)
    {
        for (var depth = 0; depth < 64 && parents.TryGetValue(pid, out var entry); depth++)
        {
            if (entry.Parent == rootPid)
            {
                return true;
            }
            pid = entry.Parent;
        }
        return false;
    }

    private static (int Parent, long Ticks)? ReadStat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        // The command name may hold spaces and parentheses; the fields start after the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        if (fields.Length < 15)
        {
            return null;
        }
        var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
        long ticks = 0;
        for (var i = 11; i <= 14; i++)
        {
            ticks += long.Parse(fields[i], CultureInfo.InvariantCulture);
        }
        return (parent, ticks);
    }

    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
