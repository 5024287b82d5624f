using AutoIF.Core.Domain;
using AutoIF.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Export;

/// <summary>An in-memory SQLite database with the real schema, and builders for the rows an export reads.</summary>
internal sealed class ExportDatabase : IDbContextFactory<AutoIfDbContext>, IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly DbContextOptions<SqliteAutoIfDbContext> _options;

    public ExportDatabase()
    {
        _connection.Open();
        _options = new DbContextOptionsBuilder<SqliteAutoIfDbContext>().UseSqlite(_connection).Options;
        using var db = CreateDbContext();
        db.Database.EnsureCreated();
    }

    public AutoIfDbContext CreateDbContext() => new SqliteAutoIfDbContext(_options);

    public void Dispose() => _connection.Dispose();

    public Run Run(string name = "kyoto")
    {
        using var db = CreateDbContext();
        var run = new Run { Name = name, Settings = new RunSettings() };
        db.Runs.Add(run);
        db.SaveChanges();
        return run;
    }

    public Instruction Instruction(Run run, string text, ReviewState review = ReviewState.None, ItemStatus status = ItemStatus.Kept)
    {
        using var db = CreateDbContext();
        var instruction = new Instruction { RunId = run.Id, Text = text, TextHash = Guid.NewGuid().ToString("N"), Status = status, ReviewState = review };
        db.Instructions.Add(instruction);
        db.SaveChanges();
        return instruction;
    }

    public Verifier Verifier(Instruction instruction, ReviewState review = ReviewState.None, CompileStatus compile = CompileStatus.Ok, ItemStatus status = ItemStatus.Kept, string? question = null)
    {
        using var db = CreateDbContext();
        var verifier = new Verifier
        {
            RunId = instruction.RunId, InstructionId = instruction.Id, Source = question ?? "def evaluate(r): return True", SourceHash = Guid.NewGuid().ToString("N"),
            Status = status, ReviewState = review, CompileStatus = compile, Kind = question is null ? VerifierKind.Python : VerifierKind.LlmQuestion,
        };
        db.Verifiers.Add(verifier);
        db.SaveChanges();
        return verifier;
    }

    public ComposedPrompt Prompt(Instruction instruction, string query, int round = 0)
    {
        using var db = CreateDbContext();
        var q = new Query { RunId = instruction.RunId, Text = query, TextHash = Guid.NewGuid().ToString("N"), Source = "test", Length = query.Length };
        db.Queries.Add(q);
        db.SaveChanges();
        var prompt = new ComposedPrompt { RunId = instruction.RunId, InstructionId = instruction.Id, QueryId = q.Id, Text = query + " " + instruction.Text, Round = round };
        db.ComposedPrompts.Add(prompt);
        db.SaveChanges();
        return prompt;
    }

    public Response Response(ComposedPrompt prompt, string text, double accuracy = 1.0, int? judge = 9, ItemStatus status = ItemStatus.Kept, ReviewState review = ReviewState.None, int sample = 0, string? reasoning = null)
    {
        using var db = CreateDbContext();
        var response = new Response
        {
            RunId = prompt.RunId, PromptId = prompt.Id, InstructionId = prompt.InstructionId, Text = text, Reasoning = reasoning, TextHash = Guid.NewGuid().ToString("N"),
            SampleIndex = sample, Round = prompt.Round, Accuracy = accuracy, JudgeScore = judge, Status = status, ReviewState = review,
        };
        db.Responses.Add(response);
        db.SaveChanges();
        return response;
    }

    public void Verdict(Verifier verifier, Response response, VerdictKind kind, string? detail = null)
    {
        using var db = CreateDbContext();
        db.Verdicts.Add(new Verdict { VerifierId = verifier.Id, ResponseId = response.Id, Kind = kind, Detail = detail });
        db.SaveChanges();
    }

    public DpoPair QueryPair(ComposedPrompt prompt, Response chosen, Response rejected)
    {
        using var db = CreateDbContext();
        var pair = new DpoPair
        {
            RunId = prompt.RunId, InstructionId = prompt.InstructionId, Level = PairLevel.Query, PromptId = prompt.Id,
            ChosenResponseId = chosen.Id, RejectedResponseId = rejected.Id, ChosenAccuracy = chosen.Accuracy ?? 0, RejectedAccuracy = rejected.Accuracy ?? 0, Round = prompt.Round,
        };
        db.DpoPairs.Add(pair);
        db.SaveChanges();
        return pair;
    }

    public DpoPair InstructionPair(Instruction instruction, string chosen, string rejected)
    {
        using var db = CreateDbContext();
        var good = new TestCase { RunId = instruction.RunId, InstructionId = instruction.Id, Input = chosen, Expected = true };
        var bad = new TestCase { RunId = instruction.RunId, InstructionId = instruction.Id, Input = rejected, Expected = false };
        db.TestCases.AddRange(good, bad);
        db.SaveChanges();
        var pair = new DpoPair { RunId = instruction.RunId, InstructionId = instruction.Id, Level = PairLevel.Instruction, ChosenCaseId = good.Id, RejectedCaseId = bad.Id, ChosenAccuracy = 1, RejectedAccuracy = 0 };
        db.DpoPairs.Add(pair);
        db.SaveChanges();
        return pair;
    }
}
