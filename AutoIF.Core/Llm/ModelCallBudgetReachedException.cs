namespace AutoIF.Core.Llm;

/// <summary>A run reached its Run:MaxModelCalls: the call was not sent, and the run pauses (it is not a failure).</summary>
public sealed class ModelCallBudgetReachedException(int budget, long used)
    : Exception(FormattableString.Invariant($"Paused at the model-call budget: {used:N0} of Run:MaxModelCalls = {budget:N0} calls used. Resume with a higher budget (run resume NAME --max-model-calls N, or on the run page) to continue; the answers already stored are not asked again."))
{
    public int Budget { get; } = budget;

    public long Used { get; } = used;

    /// <summary>The budget stop behind <paramref name="ex"/>: a stage may meet it inside a batch of concurrent calls, or wrapped by a caller.</summary>
    public static ModelCallBudgetReachedException? In(Exception? ex) => ex switch
    {
        null => null,
        ModelCallBudgetReachedException reached => reached,
        AggregateException aggregate => aggregate.InnerExceptions.Select(In).FirstOrDefault(r => r is not null),
        _ => In(ex.InnerException),
    };
}
