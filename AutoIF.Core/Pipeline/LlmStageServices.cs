using AutoIF.Core.Llm;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Pipeline;

/// <summary>
/// What every stage that asks the supervision model is built from: the database, the model client, the prompt
/// templates and the progress store. One argument, because these stages differ in what they ask and decide, not in
/// what they need.
/// </summary>
public sealed record LlmStageServices(
    IDbContextFactory<AutoIfDbContext> ContextFactory,
    LlmStageClient Llm,
    PromptTemplates Templates,
    StageProgressReporter Progress);
