using AutoIF.Core.Reports;
using AutoIF.Core.Sandbox;
using AutoIF.Core.Verifiers;

namespace AutoIF.Web.Services;

/// <summary>
/// The instruction page's verifier editor (decision 026): a draft of one verifier's source, tried in the sandbox on the
/// instruction's test cases and on text typed in, and saved as the verifier's next version with a note. Per circuit, so a
/// component holds no data of its own.
/// </summary>
public sealed class VerifierEditSession(IVerifierSandbox sandbox, UseCases.RunControl runs)
{
    private IReadOnlyList<TestCaseRow> _cases = [];

    /// <summary>The verifier being edited; null when the editor is closed.</summary>
    public int? VerifierId { get; private set; }

    public string Draft { get; set; } = "";

    public string Note { get; set; } = "";

    public string Text { get; set; } = "";

    /// <summary>The draft's verdict on each test case, in the cases' order, after the last try.</summary>
    public IReadOnlyList<(TestCaseRow Case, VerifierResult Result)> CaseResults { get; private set; } = [];

    /// <summary>The draft's verdict on <see cref="Text"/> after the last try; null with no text.</summary>
    public VerifierResult? TextResult { get; private set; }

    public string? Problem { get; private set; }

    public VerifierVersionInfo? Saved { get; private set; }

    public void Open(VerifierDetail verifier, IReadOnlyList<TestCaseRow> cases)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        (VerifierId, Draft, Note, Text, _cases) = (verifier.Id, verifier.Source, "", "", cases);
        (CaseResults, TextResult, Problem, Saved) = ([], null, null, null);
    }

    public void Close() => VerifierId = null;

    /// <summary>Runs the draft on every test case and the typed text in one sandbox batch.</summary>
    public async Task TryAsync(CancellationToken cancellationToken = default)
    {
        var inputs = _cases.Select(c => c.Input).ToList();
        if (Text.Length > 0)
        {
            inputs.Add(Text);
        }
        try
        {
            var results = inputs.Count == 0 ? [] : await sandbox.EvaluateAsync(
                new VerifierBatch([Draft], inputs, [.. inputs.Select((_, i) => new VerifierCall(0, i))]), cancellationToken: cancellationToken);
            CaseResults = [.. _cases.Select((c, i) => (c, results[i]))];
            TextResult = Text.Length > 0 ? results[^1] : null;
            Problem = null;
        }
        catch (SandboxUnavailableException ex)
        {
            Problem = $"The sandbox is unavailable, so the draft is not run: {ex.Message}";
        }
    }

    /// <summary>Saves the draft as the next version; a refusal (same source, a run being worked on) shows as <see cref="Problem"/>.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken = default)
    {
        if (VerifierId is not { } id)
        {
            return;
        }
        try
        {
            Saved = await runs.EditVerifierAsync(id, Draft, Note, cancellationToken);
            Problem = null;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            Problem = ex.Message;
        }
    }
}
