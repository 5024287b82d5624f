namespace AutoIF.Core.Import;

/// <summary>Running counts of one import; warnings are capped so a file of a million bad answers stays readable.</summary>
internal sealed class ImportTally
{
    public const int MaxWarnings = 100;

    private readonly List<string> _warnings = [];
    private int _hiddenWarnings;

    public int Instructions { get; set; }
    public int Verifiers { get; set; }
    public int TestCases { get; set; }
    public int BackTranslations { get; set; }
    public int Prompts { get; set; }
    public int Responses { get; set; }
    public int Queries { get; set; }
    public int DroppedQueries { get; set; }
    public int Skipped { get; set; }

    public void Warn(string warning)
    {
        if (_warnings.Count < MaxWarnings)
        {
            _warnings.Add(warning);
        }
        else
        {
            _hiddenWarnings++;
        }
    }

    public ImportResult ToResult(string format, string file, int runId, string runName)
    {
        var warnings = new List<string>(_warnings);
        if (_hiddenWarnings > 0)
        {
            warnings.Add($"... and {_hiddenWarnings} more warning(s)");
        }
        if (Skipped > 0)
        {
            warnings.Add($"{Skipped} already present");
        }
        return new ImportResult(format, file, runId, runName, Instructions, Verifiers, TestCases, BackTranslations, Prompts, Responses,
            Queries, DroppedQueries, Skipped, warnings);
    }
}
