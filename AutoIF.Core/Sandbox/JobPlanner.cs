using System.Security.Cryptography;
using System.Text;

namespace AutoIF.Core.Sandbox;

/// <summary>
/// Cuts a request into worker-sized jobs. Inputs are grouped into chunks of bounded size; within a chunk the calls are
/// ordered by source so that a worker runs each source's calls back to back (one fork per source per job), and the
/// chunk is cut into jobs of bounded call count so all workers get a share.
/// </summary>
internal static class JobPlanner
{
    private const int MaxInputsPerChunk = 2000;
    private const long MaxCharsPerChunk = 2_000_000;
    private const int MinCallsPerJob = 16;
    private const int MaxCallsPerJob = 32_768;

    public static string Hash(string source) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)));

    public static List<SandboxJob> PlanRun(VerifierBatch batch, SandboxRequest request, int workers)
    {
        var jobs = new List<SandboxJob>();
        var total = batch.CallCount;
        if (total == 0)
        {
            return jobs;
        }
        var hashes = batch.Sources.Select(Hash).ToArray();
        var chunkOfInput = ChunkInputs(batch.Inputs);
        var callsPerJob = Math.Clamp((total + (workers * 4) - 1) / (workers * 4), MinCallsPerJob, MaxCallsPerJob);

        // Slots ordered by (input chunk, source, input).
        var order = new int[total];
        for (var i = 0; i < total; i++)
        {
            order[i] = i;
        }
        if (batch.Calls is not null || chunkOfInput[^1] > 0)
        {
            var keys = new long[total];
            long sourceCount = batch.Sources.Count;
            long inputCount = batch.Inputs.Count;
            for (var i = 0; i < total; i++)
            {
                var call = batch.CallAt(i);
                keys[i] = checked((((chunkOfInput[call.InputIndex] * sourceCount) + call.SourceIndex) * inputCount) + call.InputIndex);
            }
            Array.Sort(keys, order);
        }

        var start = 0;
        while (start < total)
        {
            var chunk = chunkOfInput[batch.CallAt(order[start]).InputIndex];
            var end = start;
            while (end < total && end - start < callsPerJob && chunkOfInput[batch.CallAt(order[end]).InputIndex] == chunk)
            {
                end++;
            }
            end = AlignToSourceRun(batch, order, chunkOfInput, start, end, callsPerJob);
            jobs.Add(MakeRunJob(batch, request, hashes, order.AsSpan(start, end - start), attempt: 0));
            start = end;
        }
        return jobs;
    }

    /// <summary>
    /// Moves a job's end to where a source's run of calls ends when one is near: each source a job holds costs the worker
    /// a fork, and a source cut over two jobs costs two. The end moves forward by at most half a job, or back while the job
    /// keeps at least half its size; a run longer than that is still cut.
    /// </summary>
    private static int AlignToSourceRun(VerifierBatch batch, int[] order, int[] chunkOfInput, int start, int end, int callsPerJob)
    {
        var total = order.Length;
        if (end >= total || end <= start)
        {
            return end;
        }
        var last = batch.CallAt(order[end - 1]);
        bool SameRun(int position)
        {
            var call = batch.CallAt(order[position]);
            return call.SourceIndex == last.SourceIndex && chunkOfInput[call.InputIndex] == chunkOfInput[last.InputIndex];
        }
        if (!SameRun(end))
        {
            return end;
        }
        var forward = end;
        while (forward < total && forward - end < callsPerJob / 2 && SameRun(forward))
        {
            forward++;
        }
        if (forward == total || !SameRun(forward))
        {
            return forward;
        }
        var back = end - 1;
        while (back > start && SameRun(back - 1))
        {
            back--;
        }
        return back - start >= callsPerJob / 2 ? back : end;
    }

    /// <summary>A job over the given slots of the request, carrying only the sources and inputs they use.</summary>
    public static SandboxJob MakeRunJob(VerifierBatch batch, SandboxRequest request, string[] hashes, ReadOnlySpan<int> slots, int attempt)
    {
        var sourceMap = new Dictionary<int, int>();
        var inputMap = new Dictionary<int, int>();
        var sources = new List<string>();
        var sourceHashes = new List<string>();
        var inputs = new List<string>();
        var calls = new int[slots.Length * 2];
        for (var k = 0; k < slots.Length; k++)
        {
            var call = batch.CallAt(slots[k]);
            if (!sourceMap.TryGetValue(call.SourceIndex, out var s))
            {
                s = sources.Count;
                sourceMap[call.SourceIndex] = s;
                sources.Add(batch.Sources[call.SourceIndex]);
                sourceHashes.Add(hashes[call.SourceIndex]);
            }
            if (!inputMap.TryGetValue(call.InputIndex, out var i))
            {
                i = inputs.Count;
                inputMap[call.InputIndex] = i;
                inputs.Add(batch.Inputs[call.InputIndex]);
            }
            calls[2 * k] = s;
            calls[(2 * k) + 1] = i;
        }
        return new SandboxJob
        {
            Request = request,
            Kind = WorkerJobKind.Run,
            SourceHashes = [.. sourceHashes],
            Sources = [.. sources],
            Inputs = [.. inputs],
            Calls = calls,
            Slots = slots.ToArray(),
            Attempt = attempt,
        };
    }

    /// <summary>
    /// Chunk of each input. A chunk bounds a job's message, and every chunk costs each source a fork of its own, so the
    /// chunks are as few as the caps allow and of even size: cutting greedily at the cap left a tail (e.g. 947 + 53
    /// inputs) whose forks served a handful of calls each.
    /// </summary>
    private static int[] ChunkInputs(IReadOnlyList<string> inputs)
    {
        var chunks = new int[Math.Max(1, inputs.Count)];
        long totalChars = 0;
        foreach (var input in inputs)
        {
            totalChars += input?.Length ?? 0;
        }
        var parts = (int)Math.Max(1, Math.Max(
            (inputs.Count + MaxInputsPerChunk - 1L) / MaxInputsPerChunk,
            (totalChars + MaxCharsPerChunk - 1) / MaxCharsPerChunk));
        if (parts == 1)
        {
            return chunks;
        }
        var chunk = 0;
        var target = 0L;
        var count = 0;
        long chars = 0;
        long charsBefore = 0;
        for (var i = 0; i < inputs.Count; i++)
        {
            var length = inputs[i]?.Length ?? 0;
            // Even share by count and by characters, whichever is further along; the caps still hold regardless.
            var share = Math.Max((long)i * parts / inputs.Count, totalChars == 0 ? 0 : charsBefore * parts / totalChars);
            if (count > 0 && (share > target || count >= MaxInputsPerChunk || chars + length > MaxCharsPerChunk))
            {
                chunk++;
                target = Math.Max(target + 1, share);
                count = 0;
                chars = 0;
            }
            chunks[i] = chunk;
            count++;
            chars += length;
            charsBefore += length;
        }
        return chunks;
    }
}
