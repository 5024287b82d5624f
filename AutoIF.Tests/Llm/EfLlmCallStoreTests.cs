using AutoIF.Core.Domain;
using AutoIF.Core.Llm;
using AutoIF.Tests.Infrastructure;

namespace AutoIF.Tests.Llm;

public sealed class EfLlmCallStoreTests
{
    private static LlmCall Call(string hash, string? completion, string? error, PipelineStage stage) => new()
    {
        RequestHash = hash,
        Model = "m",
        PromptKind = "Judge",
        RequestJson = "{}",
        Completion = completion,
        Error = error,
        PromptTokens = 10,
        CompletionTokens = 5,
        RunId = 3,
        Stage = stage,
        CreatedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public async Task Stores_finds_replaces_failures_keeps_successes_and_sums_usage()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = new EfLlmCallStore(database.Contexts);

        var failedId = await store.SaveAsync(Call("h1", null, "HTTP 500", PipelineStage.Judge), default);
        var retriedId = await store.SaveAsync(Call("h1", "Score: 9", null, PipelineStage.Judge), default);
        var keptId = await store.SaveAsync(Call("h1", "different", null, PipelineStage.Judge), default);
        await store.SaveAsync(Call("h2", "x", null, PipelineStage.Verifiers), default);
        await store.MarkParseFailedAsync(failedId, default);

        var found = await store.FindByHashAsync("h1", default);
        var usage = await store.UsageAsync(3, default);

        Assert.Equal(failedId, retriedId);
        Assert.Equal(failedId, keptId);
        Assert.Equal("Score: 9", found!.Completion);
        Assert.Null(found.Error);
        Assert.True(found.ParseFailed);
        Assert.Null(await store.FindByHashAsync("nope", default));
        Assert.Equal(2, usage.Count);
        Assert.Equal(15, usage.Single(u => u.Stage == PipelineStage.Judge).TotalTokens);
        Assert.Equal(1, usage.Single(u => u.Stage == PipelineStage.Judge).ParseFailures);
    }
}
