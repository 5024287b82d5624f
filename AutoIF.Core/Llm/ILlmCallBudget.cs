namespace AutoIF.Core.Llm;

/// <summary>How many more model calls may be sent; the gateway takes one before each call it really sends.</summary>
public interface ILlmCallBudget
{
    /// <summary>Takes one call, or throws <see cref="ModelCallBudgetReachedException"/> when none is left.</summary>
    void Take();
}
