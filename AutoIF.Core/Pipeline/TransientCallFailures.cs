using AutoIF.Core.Llm;

namespace AutoIF.Core.Pipeline;

/// <summary>
/// Collects a stage's model calls that failed transiently, so their items stay pending and the stage ends with
/// <see cref="LlmCallsFailedException"/> instead of deciding on answers that never came.
/// </summary>
public sealed class TransientCallFailures(PipelineStage stage)
{
    private string? _lastError;

    public int Count { get; private set; }

    /// <summary>True (and counted) when <paramref name="result"/> failed in a way a retry may fix.</summary>
    public bool Record(LlmResult result)
    {
        if (!result.FailedTransiently)
        {
            return false;
        }
        Count++;
        _lastError = result.Error;
        return true;
    }

    public void ThrowIfAny()
    {
        if (Count > 0)
        {
            throw new LlmCallsFailedException(stage, Count, _lastError);
        }
    }
}
