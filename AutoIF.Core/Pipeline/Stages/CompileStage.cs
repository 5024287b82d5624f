using AutoIF.Core.Domain.State;
using AutoIF.Core.Sandbox;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Pipeline.Stages;

/// <summary>
/// Compiles every unchecked Python verifier in the sandbox; a syntax error or a missing <c>evaluate</c> drops the verifier.
/// Streams behind Verifiers (decision 051): a stored verifier's source is final, so it is compiled as soon as it is stored.
/// </summary>
public sealed class CompileStage(IDbContextFactory<AutoIfDbContext> contextFactory, IVerifierSandbox sandbox, StageProgressReporter progress) : IStreamingStage
{
    private const int VerifiersPerBatch = 256;

    public PipelineStage Stage => PipelineStage.Compile;

    public Task ExecuteAsync(int runId, CancellationToken cancellationToken) => CompileAsync(runId, complete: true, cancellationToken);

    public Task CatchUpAsync(int runId, CancellationToken cancellationToken) => CompileAsync(runId, complete: false, cancellationToken);

    private async Task CompileAsync(int runId, bool complete, CancellationToken cancellationToken)
    {
        List<(int Id, string Source)> todo;
        int compiledBefore;
        int failed;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            var python = db.Verifiers.Where(v => v.RunId == runId && v.Kind == VerifierKind.Python);
            todo = (await python.Where(v => v.CompileStatus == CompileStatus.Unchecked)
                .OrderBy(v => v.Id).Select(v => new { v.Id, v.Source }).ToListAsync(cancellationToken)).Select(v => (v.Id, v.Source)).ToList();
            // Compiled by an earlier pass of this stage: a catch-up, or the process a resume continues.
            var compiled = await python.Where(v => v.CompileStatus != CompileStatus.Unchecked)
                .GroupBy(v => v.CompileStatus == CompileStatus.Ok)
                .Select(g => new { Ok = g.Key, Count = g.Count() })
                .ToListAsync(cancellationToken);
            compiledBefore = compiled.Sum(g => g.Count);
            failed = compiled.Where(g => !g.Ok).Sum(g => g.Count);
        }
        if (!complete && todo.Count == 0)
        {
            return;
        }
        var total = compiledBefore + todo.Count;
        await progress.StartAsync(runId, Stage, total, cancellationToken, current: complete);
        var done = compiledBefore;
        foreach (var batch in todo.Chunk(VerifiersPerBatch))
        {
            var results = await sandbox.CompileAsync(batch.Select(v => v.Source).ToList(), cancellationToken);
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            for (var i = 0; i < batch.Length; i++)
            {
                var result = results[i];
                var verifier = new Verifier { Id = batch[i].Id, Source = "", SourceHash = "" };
                db.Verifiers.Attach(verifier);
                verifier.CompileStatus = result.Status;
                verifier.CompileError = result.Error;
                if (!result.IsOk)
                {
                    verifier.Drop(Stage, Reason(result.Status).With(result.Error ?? ""));
                    failed++;
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            done += batch.Length;
            await progress.ReportAsync(runId, Stage, done, cancellationToken, $"{failed} failed to compile");
        }
        if (complete)
        {
            await progress.CompleteAsync(runId, Stage, total, cancellationToken, $"{failed} of {total} failed to compile");
        }
    }

    private static DropReasonCode Reason(CompileStatus status) => status switch
    {
        CompileStatus.SyntaxError => DropReasons.SyntaxError,
        CompileStatus.MissingEvaluate => DropReasons.MissingEvaluate,
        CompileStatus.NotCallable => DropReasons.NotCallable,
        _ => DropReasons.DoesNotCompile,
    };

    public static string Describe(CompileStatus status) => status switch
    {
        CompileStatus.SyntaxError => "syntax error",
        CompileStatus.MissingEvaluate => "no evaluate function",
        CompileStatus.NotCallable => "evaluate is not callable",
        _ => "does not compile",
    };
}
