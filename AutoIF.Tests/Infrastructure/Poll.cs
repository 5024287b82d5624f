using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace AutoIF.Tests.Infrastructure;

/// <summary>
/// Waits for background work to reach a state. The limit only guards against a hang and says nothing about speed:
/// reaching it fails the test with a <see cref="TimeoutException"/> that names the condition and the last value read,
/// never returns as if the state had been reached.
/// </summary>
public static class Poll
{
    private static readonly TimeSpan DefaultLimit = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Reads until <paramref name="done"/> holds for the value read, and returns that value.</summary>
    public static async Task<T> UntilAsync<T>(
        Func<Task<T>> read, Func<T, bool> done, TimeSpan? limit = null, [CallerArgumentExpression(nameof(done))] string condition = "")
    {
        var wait = limit ?? DefaultLimit;
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }
            if (Stopwatch.GetElapsedTime(started) > wait)
            {
                throw new TimeoutException($"Waited {wait.TotalSeconds:0.#} s for ({condition}) to hold, but it never did; the last value read was {Describe(value)}.");
            }
            await Task.Delay(Interval);
        }
    }

    /// <summary>Waits until a condition on in-memory state holds.</summary>
    public static Task UntilAsync(Func<bool> condition, TimeSpan? limit = null, [CallerArgumentExpression(nameof(condition))] string description = "") =>
        UntilAsync(() => Task.FromResult(condition()), holds => holds, limit, description);

    private static string Describe<T>(T value) => value switch
    {
        null => "null",
        System.Collections.IEnumerable items and not string => $"[{string.Join(", ", items.Cast<object?>())}]",
        _ => value.ToString() ?? "",
    };
}
