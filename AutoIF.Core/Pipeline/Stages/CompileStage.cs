using AutoIF.Core.Domain.State;
using AutoIF.Core.Sandbox;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Pipeline.Stages;

/// <summary>Compiles every unchecked Python verifier in the sandbox; a syntax error or a missing <c>evaluate</c> drops the verifier.</summary>
public sealed class CompileStage(IDbContextFactory<AutoIfDbContext> contextFactory, IVerifierSandbox sandbox, StageProgressReporter progress) : IRunStage
{
    private const int VerifiersPerBatch = 256;

    public PipelineStage Stage => PipelineStage.Compile;

    public async Task ExecuteAsync(int runId, CancellationToken cancellationToken)
    {
        List<(int Id, string Source)> todo;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            todo = (await db.Verifiers.Where(v => v.RunId == runId && v.Kind == VerifierKind.Python && v.CompileStatus == CompileStatus.Unchecked)
                .OrderBy(v => v.Id).Select(v => new { v.Id, v.Source }).ToListAsync(cancellationToken)).Select(v => (v.Id, v.Source)).ToList();
        }
        await progress.StartAsync(runId, Stage, todo.Count, cancellationToken);
        var done = 0;
        var failed = 0;
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
        await progress.CompleteAsync(runId, Stage, todo.Count, cancellationToken, $"{failed} of {todo.Count} failed to compile");
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
