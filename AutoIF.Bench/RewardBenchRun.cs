using AutoIF.Core;
using AutoIF.Core.Domain;
using AutoIF.Core.Rewards;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AutoIF.Bench;

/// <summary>
/// A finished run written straight into a fresh data folder for the reward benchmark: instructions with kept, compiled
/// verifiers (the workload's realistic functions, each instruction's own copies), composed prompts whose labels carry one
/// to three of them (IFBench-style multi-constraint prompts), and several sampled rollouts per prompt as a GRPO group.
/// </summary>
internal sealed class RewardBenchRun
{
    public const string RunName = "rewardbench";

    /// <summary>An OpenRLHF-style chat template around the prompt; <c>prompts[i]</c> is all of it, <c>query</c> adds the response.</summary>
    private const string TemplateStart = "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n";
    private const string TemplateEnd = "<|im_end|>\n<|im_start|>assistant\n";

    private RewardBenchRun(IReadOnlyList<string> sources, IReadOnlyList<RewardBenchRollout> rollouts)
    {
        Sources = sources;
        Rollouts = rollouts;
    }

    /// <summary>Every kept verifier's source; a rollout's constraints name them by index.</summary>
    public IReadOnlyList<string> Sources { get; }

    public IReadOnlyList<RewardBenchRollout> Rollouts { get; }

    public int Calls => Rollouts.Sum(r => r.Constraints.Sum(c => c.Length));

    public static async Task<RewardBenchRun> SeedAsync(string dataFolder, int instructions, int verifiersPerInstruction, int prompts, int samplesPerPrompt, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataFolder"] = dataFolder,
            ["Logging:LogLevel:Default"] = "Warning",
            // Migrating a fresh database warns about a migration it cannot run in a transaction; nothing to act on here.
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error",
        });
        builder.AddAutoIfCore();
        using var host = builder.Build();
        // The app's own initialisation (migrations, WAL), so the app finds its database as it would after any start.
        await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<AutoIfDbContext>>().CreateDbContextAsync(cancellationToken);
        var now = DateTimeOffset.UtcNow;
        var run = new Run { Name = RunName, Settings = new RunSettings(), Status = RunStatus.Completed, CreatedAt = now, FinishedAt = now };
        db.Runs.Add(run);
        await db.SaveChangesAsync(cancellationToken);

        var functions = VerifierWorkload.Functions();
        var rows = new List<Instruction>();
        var sources = new List<string>();
        for (var i = 0; i < instructions; i++)
        {
            var text = $"Follow format rule set {i + 1} in your answer.";
            var verifiers = new List<Verifier>();
            for (var s = 0; s < verifiersPerInstruction; s++)
            {
                // Each instruction has its own verifiers, as in a real run: the same realistic bodies, told apart by a comment.
                var source = functions[((i * verifiersPerInstruction) + s) % functions.Count] + $"\n# verifier {s + 1} of instruction {i + 1}\n";
                sources.Add(source);
                verifiers.Add(new Verifier
                {
                    RunId = run.Id, Kind = VerifierKind.Python, Source = source, SourceHash = TextHash.Exact(source), SampleIndex = s,
                    CompileStatus = CompileStatus.Ok, CaseAccuracy = 1, Status = ItemStatus.Kept,
                });
            }
            rows.Add(new Instruction
            {
                RunId = run.Id, Text = text, TextHash = TextHash.Normalized(text), Origin = InstructionOrigin.Augmented,
                Status = ItemStatus.Kept, PassRate = 0.5, CreatedAt = now, Verifiers = verifiers,
            });
        }
        db.Instructions.AddRange(rows);
        await db.SaveChangesAsync(cancellationToken);

        var composed = new List<(ComposedPrompt Prompt, int[] Instructions)>();
        for (var p = 0; p < prompts; p++)
        {
            // One to three constraints, the first the prompt's own instruction, the others spread over the run.
            var picked = new List<int> { p % instructions };
            for (var k = 1; k <= p % 3 && picked.Count < instructions; k++)
            {
                var other = ((p * 7) + (k * 13)) % instructions;
                while (picked.Contains(other))
                {
                    other = (other + 1) % instructions;
                }
                picked.Add(other);
            }
            var text = $"Write a short piece about topic {p + 1}. {string.Join(' ', picked.Select(i => rows[i].Text))}";
            composed.Add((new ComposedPrompt { RunId = run.Id, InstructionId = rows[picked[0]].Id, Text = text }, picked.ToArray()));
        }
        db.ComposedPrompts.AddRange(composed.Select(c => c.Prompt));
        await db.SaveChangesAsync(cancellationToken);

        var responses = VerifierWorkload.Responses(prompts * samplesPerPrompt);
        var rollouts = new List<RewardBenchRollout>(responses.Count);
        for (var p = 0; p < prompts; p++)
        {
            var (prompt, picked) = composed[p];
            var label = new RewardLabel(RunName, prompt.Id, picked.Select(i => rows[i].Id).ToList()).ToJson();
            var constraints = picked.Select(i => Enumerable.Range(i * verifiersPerInstruction, verifiersPerInstruction).ToArray()).ToArray();
            for (var s = 0; s < samplesPerPrompt; s++)
            {
                rollouts.Add(new RewardBenchRollout(label, TemplateStart + prompt.Text + TemplateEnd, responses[(p * samplesPerPrompt) + s], constraints));
            }
        }
        return new RewardBenchRun(sources, rollouts);
    }
}
