using AutoIF.Core.Domain;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Sandbox;
using AutoIF.Core.Verifiers;

namespace AutoIF.Web.Services;

/// <summary>
/// The playground's state: a verifier source and a response text; each change schedules one sandbox evaluation after
/// <see cref="DebounceDelay"/> of quiet, and a newer evaluation cancels an older one so stale verdicts never show. A picked
/// question verifier is asked of its run's supervision model instead (<see cref="QuestionAsker"/>, cached like every call).
/// </summary>
public sealed class PlaygroundSession : IDisposable
{
    public static readonly TimeSpan DebounceDelay = TimeSpan.FromMilliseconds(300);

    private readonly IVerifierSandbox _sandbox;
    private readonly QuestionAsker _questions;
    private readonly Debouncer _debouncer;
    private readonly Lock _gate = new();
    private CancellationTokenSource? _running;
    private int _generation;

    public PlaygroundSession(IVerifierSandbox sandbox, QuestionAsker questions, TimeProvider clock)
    {
        _sandbox = sandbox;
        _questions = questions;
        _debouncer = new Debouncer(clock, DebounceDelay);
    }

    /// <summary>Raised after every state change, possibly off the renderer's thread.</summary>
    public event Action? Changed;

    public string Source { get; private set; } = "";

    public string Text { get; private set; } = "";

    public int? VerifierId { get; private set; }

    /// <summary>Set when the source is a question verifier (decision 034): the run whose supervision model answers it.</summary>
    public int? QuestionRunId { get; private set; }

    public VerifierResult? Result { get; private set; }

    public bool Evaluating { get; private set; }

    /// <summary>The sandbox refused or failed; shown instead of a verdict.</summary>
    public string? SandboxProblem { get; private set; }

    /// <summary>Evaluations finished so far (tests and the "pending" hint use it).</summary>
    public int Evaluations { get; private set; }

    public SandboxHealth? Health => _sandbox.LastHealth;

    public void SetSource(string source, int? verifierId = null, int? questionRunId = null)
    {
        Source = source;
        VerifierId = verifierId;
        QuestionRunId = questionRunId;
        Schedule();
    }

    public void SetText(string text)
    {
        Text = text;
        Schedule();
    }

    private void Schedule()
    {
        if (string.IsNullOrWhiteSpace(Source))
        {
            _debouncer.Cancel();
            Result = null;
            SandboxProblem = null;
            Changed?.Invoke();
            return;
        }
        _debouncer.Schedule(EvaluateAsync);
    }

    /// <summary>Evaluates now (the debouncer calls it; so does the "Run" button).</summary>
    public async Task EvaluateAsync()
    {
        CancellationTokenSource cts;
        int generation;
        string source;
        string text;
        int? questionRun;
        lock (_gate)
        {
            _running?.Cancel();
            _running?.Dispose();
            _running = cts = new CancellationTokenSource();
            generation = ++_generation;
            source = Source;
            text = Text;
            questionRun = QuestionRunId;
        }
        Evaluating = true;
        Changed?.Invoke();
        VerifierResult? result = null;
        string? problem = null;
        try
        {
            result = questionRun is { } run
                ? (await _questions.AskAllAsync(run, stage: null, [(source, text)], cts.Token))[0]
                : await _sandbox.EvaluateAsync(source, text, cts.Token);
        }
        catch (LlmCallsFailedException ex)
        {
            problem = $"The supervision model could not be reached, so the question got no answer: {ex.Message}";
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (SandboxUnavailableException ex)
        {
            problem = $"The sandbox is unavailable, so verifier code is not run: {ex.Message}";
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or TimeoutException)
        {
            problem = $"The sandbox failed: {ex.Message}";
        }
        lock (_gate)
        {
            if (generation != _generation)
            {
                return;
            }
            Result = result;
            SandboxProblem = problem;
            Evaluating = false;
            Evaluations++;
        }
        Changed?.Invoke();
    }

    public static string Describe(VerdictKind kind) => kind switch
    {
        VerdictKind.True => "passes (True)",
        VerdictKind.False => "fails (False)",
        VerdictKind.NotBool => "returned something that is not a bool",
        VerdictKind.Error => "raised an error",
        VerdictKind.Timeout => "timed out",
        VerdictKind.Crashed => "crashed the worker",
        _ => kind.ToString(),
    };

    public void Dispose()
    {
        _debouncer.Dispose();
        lock (_gate)
        {
            _running?.Cancel();
            _running?.Dispose();
            _running = null;
        }
    }
}
