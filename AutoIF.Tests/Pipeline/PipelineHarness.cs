using AutoIF.Core.Domain;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Storage;
using AutoIF.Tests.Infrastructure;
using AutoIF.Tests.Llm;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Pipeline;

/// <summary>
/// Real SQLite, the real sandbox (2 workers, 1 s soft timeout) and the LLM gateway pointed at a scripted fake
/// OpenAI-compatible server on loopback: the stages run exactly as in the app, only the model is scripted.
/// </summary>
public sealed class PipelineHarness : IAsyncDisposable
{
    public const string SupervisionModel = "supervision-model";
    public const string PolicyModel = "policy-model";

    private int _runs;

    private PipelineHarness(FakeOpenAiServer server, TestDatabase database)
    {
        Server = server;
        Database = database;
    }

    public FakeOpenAiServer Server { get; }

    public TestDatabase Database { get; }

    public static Dictionary<string, string?> EndpointSettings(Uri baseUrl) => new()
    {
        ["Llm:Mode"] = "Endpoint",
        ["Llm:Supervision:BaseUrl"] = baseUrl.ToString(),
        ["Llm:Supervision:Model"] = SupervisionModel,
        ["Llm:Supervision:ApiKey"] = "sk-pipeline-test",
        ["Llm:Supervision:MaxConcurrency"] = "8",
        ["Llm:Supervision:TimeoutSeconds"] = "10",
        ["Llm:Policy:BaseUrl"] = baseUrl.ToString(),
        ["Llm:Policy:Model"] = PolicyModel,
        ["Llm:Policy:ApiKey"] = "sk-pipeline-test",
        ["Llm:Policy:MaxConcurrency"] = "8",
        ["Llm:Resilience:MaxRetries"] = "1",
        ["Llm:Resilience:BaseDelayMilliseconds"] = "20",
        ["Llm:Resilience:MaxDelayMilliseconds"] = "200",
        ["Llm:Resilience:BreakerMinimumThroughput"] = "1000",
        ["Llm:Resilience:BreakerBreakSeconds"] = "1",
        ["Sandbox:Workers"] = "2",
        ["Sandbox:TimeoutSeconds"] = "1",
        ["Sandbox:HardDeadlineSeconds"] = "2",
    };

    public static Task<PipelineHarness> StartAsync() => StartAsync(storage: null);

    /// <summary>The harness on the given storage settings (a PostgreSQL database, <see cref="PostgresServer.StorageSettings"/>); SQLite when null.</summary>
    public static async Task<PipelineHarness> StartAsync(IReadOnlyDictionary<string, string?>? storage)
    {
        var server = await FakeOpenAiServer.StartAsync();
        server.ModelName = SupervisionModel;
        var settings = EndpointSettings(server.BaseUrl);
        foreach (var (key, value) in storage ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        var database = await TestDatabase.CreateAsync(settings);
        return new PipelineHarness(server, database);
    }

    public AutoIfDbContext CreateContext() => Database.CreateContext();

    public T Get<T>() where T : notnull => Database.Get<T>();

    public IRunStage Stage(PipelineStage stage) => Get<IEnumerable<IRunStage>>().Single(s => s.Stage == stage);

    public Task RunStageAsync(PipelineStage stage, int runId) => Stage(stage).ExecuteAsync(runId, CancellationToken.None);

    public async Task<int> CreateRunAsync(params (string Key, string Value)[] settings)
    {
        var applied = RunSettingsEditor.Apply(new RunSettings(), settings.Select(s => new KeyValuePair<string, string>(s.Key, s.Value)));
        var run = await Get<RunService>().CreateAsync($"run-{Interlocked.Increment(ref _runs)}", applied);
        return run.Id;
    }

    public async Task<int> AddInstructionAsync(int runId, string text, ItemStatus status = ItemStatus.Pending)
    {
        await using var db = CreateContext();
        var instruction = new Instruction { RunId = runId, Text = text, TextHash = TextHash.Normalized(text), Status = status, Origin = InstructionOrigin.Imported };
        db.Instructions.Add(instruction);
        await db.SaveChangesAsync();
        return instruction.Id;
    }

    public async Task<int> AddVerifierAsync(int runId, int instructionId, string source, CompileStatus compile = CompileStatus.Ok, ItemStatus status = ItemStatus.Pending, double? caseAccuracy = null)
    {
        await using var db = CreateContext();
        var verifier = new Verifier
        {
            RunId = runId, InstructionId = instructionId, Source = source, SourceHash = TextHash.Exact(source),
            CompileStatus = compile, Status = status, CaseAccuracy = caseAccuracy,
        };
        db.Verifiers.Add(verifier);
        await db.SaveChangesAsync();
        return verifier.Id;
    }

    public async Task<int> AddCaseAsync(int runId, int instructionId, string input, bool expected, ItemStatus status = ItemStatus.Pending, string? expectedJson = null, int? verifierId = null)
    {
        await using var db = CreateContext();
        var testCase = new TestCase { RunId = runId, InstructionId = instructionId, Input = input, Expected = expected, ExpectedJson = expectedJson, VerifierId = verifierId, Status = status };
        db.TestCases.Add(testCase);
        await db.SaveChangesAsync();
        return testCase.Id;
    }

    public async Task<int> AddPromptAsync(int runId, int instructionId, string text, int round = 0)
    {
        await using var db = CreateContext();
        var prompt = new ComposedPrompt { RunId = runId, InstructionId = instructionId, Text = text, Round = round };
        db.ComposedPrompts.Add(prompt);
        await db.SaveChangesAsync();
        return prompt.Id;
    }

    public async Task<long> AddResponseAsync(
        int runId, int promptId, string text, int sample, double? accuracy = null, double? judgeScore = null,
        ItemStatus status = ItemStatus.Pending, ReviewState review = ReviewState.None, int round = 0)
    {
        await using var db = CreateContext();
        var instructionId = await db.ComposedPrompts.Where(p => p.Id == promptId).Select(p => p.InstructionId).SingleAsync();
        var response = new Response
        {
            RunId = runId, PromptId = promptId, InstructionId = instructionId, Text = text, TextHash = TextHash.Exact(text),
            SampleIndex = sample, Accuracy = accuracy, JudgeScore = judgeScore, Status = status, ReviewState = review, Round = round,
        };
        db.Responses.Add(response);
        await db.SaveChangesAsync();
        return response.Id;
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        await Server.DisposeAsync();
    }
}
