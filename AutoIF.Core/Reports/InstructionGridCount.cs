using System.Globalization;

namespace AutoIF.Core.Reports;

/// <summary>
/// How many instructions a filter matches, counted up to a cap: counting every match of a broad filter over 100,000 rows
/// costs more than the page itself, and past the cap the exact number changes nothing a reviewer does.
/// </summary>
/// <param name="Value">The exact count, or the cap when <paramref name="Capped"/>.</param>
/// <param name="Capped">More rows than <paramref name="Value"/> match.</param>
public sealed record InstructionGridCount(int Value, bool Capped)
{
    /// <summary>"1,234" or "more than 10,000".</summary>
    public string Display => Capped
        ? string.Create(CultureInfo.InvariantCulture, $"more than {Value:N0}")
        : Value.ToString("N0", CultureInfo.InvariantCulture);
}
