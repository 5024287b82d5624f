using AutoIF.Core.Pipeline.Stages;
using AutoIF.Core.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIF.Core.Pipeline;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>Every stage in pipeline order, the services they share, and the run reports.</summary>
    public static IServiceCollection AddAutoIfPipeline(this IServiceCollection services)
    {
        services.AddValidatedOptions<PipelineOptions>(PipelineOptions.Section);
        services.AddSingleton<StageProgressReporter>();
        services.AddTransient<StageStream>();
        services.AddSingleton<RunTemplateRecorder>();
        services.AddSingleton<RunLiveness>();
        services.AddSingleton<RunCallBudgets>();
        services.AddSingleton<Estimates.RunEstimator>();
        services.AddSingleton<LlmStageClient>();
        services.AddTransient<LlmStageServices>();
        services.AddTransient<ResponseSampler>();
        services.AddTransient<ResponseVerifier>();
        services.AddSingleton<StageChunkStore>();
        // A job server replaces it (decision 039); without one a stage does its own work.
        services.AddSingleton<IStageChunkDispatcher, InlineStageChunkDispatcher>();
        services.AddTransient<VerifierTimeoutProbe>();
        services.AddTransient<DpoPairBuilder>();
        services.AddTransient<ConstraintCompatibilityChecker>();
        services.AddTransient<AutoIF.Core.Verifiers.QuestionAsker>();
        services.AddTransient<QuestionCrossValidator>();
        services.AddTransient<AutoIF.Core.Verifiers.VerifierSelfTester>();
        services.AddTransient<AutoIF.Core.Verifiers.VerifierVersions>();
        services.AddTransient<AutoIF.Core.Verifiers.VerifierRegenerator>();
        services.AddTransient<AutoIF.Core.Verifiers.Reverifier>();
        services.AddTransient<AutoIF.Core.Verifiers.ReverificationStore>();
        services.AddTransient<OnlineRoundStage>();
        services.AddTransient<RunOrchestrator>();

        services.AddTransient<IRunStage, SeedsStage>();
        services.AddTransient<IRunStage, AugmentStage>();
        services.AddTransient<IRunStage, VerifiersStage>();
        services.AddTransient<IRunStage, CompileStage>();
        services.AddTransient<IRunStage, CrossValidateStage>();
        services.AddTransient<IRunStage, BackTranslateStage>();
        services.AddTransient<IRunStage, ConsistencyStage>();
        services.AddTransient<IRunStage, QueriesStage>();
        services.AddTransient<IRunStage, ComposeStage>();
        services.AddTransient<IRunStage, SampleStage>();
        services.AddTransient<IRunStage, VerifyStage>();
        services.AddTransient<IRunStage, JudgeStage>();
        services.AddTransient<IRunStage, PairsStage>();

        services.AddTransient<RunFunnelQuery>();
        services.AddTransient<RunSummaryQuery>();
        services.AddTransient<RunReportQuery>();
        return services;
    }
}
