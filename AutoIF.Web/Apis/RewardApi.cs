using System.Text.Json;
using System.Text.Json.Nodes;
using AutoIF.Core.Rewards;
using AutoIF.Core.Sandbox;
using AutoIF.Web.Apis.Reward;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AutoIF.Web.Apis;

/// <summary>
/// The reward service: scores RL rollouts with a run's kept verifiers in the sandbox, by the pipeline's own pass rule.
/// Reads only; nothing a request sends changes stored data. README "Reward service" has the shapes; decision 019 the batching, pool share and cache.
/// </summary>
public static class RewardApi
{
    public static IEndpointRouteBuilder MapRewardApi(this IEndpointRouteBuilder app)
    {
        // Open to the pipeline; the filter decides: Reward:ApiKey, any user's token, or (no users, no key) this machine.
        var api = app.MapGroup("/api/reward").DisableAntiforgery().AllowAnonymous();
        // OpenRLHF's HTTP client sends no header but Content-Type, so this one endpoint also takes ?token=.
        api.MapPost("/openrlhf", ScoreOpenRlhf).AddEndpointFilter(new RewardAccessFilter(allowUrlToken: true));
        api.MapPost("/score", Score).AddEndpointFilter(new RewardAccessFilter(allowUrlToken: false));
        api.MapPost("/verify", Verify).AddEndpointFilter(new RewardAccessFilter(allowUrlToken: false));
        return app;
    }

    /// <summary>OpenRLHF's remote reward: <c>{"query", "prompts", "labels"}</c> → <c>{"rewards", "scores", "extra_logs"}</c>.</summary>
    public static Task<Results<Ok<OpenRlhfRewardResponse>, ProblemHttpResult>> ScoreOpenRlhf(
        [AsParameters] RewardServices services, HttpRequest request, [FromQuery] string? mode, CancellationToken cancellationToken) =>
        HandleAsync(request, services, async body =>
        {
            var rewardMode = RewardModes.Parse(mode);
            var root = body.RootElement;
            var queries = RewardRequestBody.Strings(root, "query");
            var prompts = RewardRequestBody.Strings(root, "prompts");
            var labels = RewardRequestBody.Strings(root, "labels");
            if (queries.Count != prompts.Count || queries.Count != labels.Count)
            {
                throw new RewardRequestException($"query, prompts and labels differ in length ({queries.Count}, {prompts.Count}, {labels.Count})");
            }
            Count(request, "query", queries.Count, services.Options.Value);
            var rollouts = new RewardRollout[queries.Count];
            for (var i = 0; i < rollouts.Length; i++)
            {
                rollouts[i] = await ResolveAsync(services, $"labels[{i}]", labels[i], OpenRlhfQuery.Response(queries[i], prompts[i]), cancellationToken);
            }
            var scores = await services.Batcher.ScoreAsync(rollouts, cancellationToken);
            return new OpenRlhfRewardResponse(scores.Select(s => s.Reward(rewardMode)).ToList(), scores.Select(s => s.Fraction).ToList(),
                new Dictionary<string, IReadOnlyList<double>>());
        });

    /// <summary>Batch scoring with detail: <c>{"items": [{"label", "response"}], "mode"}</c> → <c>{"results": [{"reward", "constraints"}]}</c>.</summary>
    public static Task<Results<Ok<RewardScoreResponse>, ProblemHttpResult>> Score(
        [AsParameters] RewardServices services, HttpRequest request, CancellationToken cancellationToken) =>
        HandleAsync(request, services, async body =>
        {
            var root = body.RootElement;
            var mode = RewardModes.Parse(RewardRequestBody.OptionalString(root, "", "mode"));
            var items = RewardRequestBody.List(root, "items");
            Count(request, "items", items.GetArrayLength(), services.Options.Value);
            var rollouts = new List<RewardRollout>(items.GetArrayLength());
            var index = 0;
            foreach (var item in items.EnumerateArray())
            {
                var path = $"items[{index++}]";
                var label = RewardRequestBody.RequiredString(item, path, "label");
                var response = RewardRequestBody.RequiredString(item, path, "response");
                rollouts.Add(await ResolveAsync(services, path + ".label", label, response, cancellationToken));
            }
            var scores = await services.Batcher.ScoreAsync(rollouts, cancellationToken);
            return new RewardScoreResponse(scores.Select(s => RewardScoreResult.From(s, mode)).ToList());
        });

    /// <summary>
    /// NeMo Gym's resources-server <c>/verify</c>: the request (<c>responses_create_params</c>, <c>response</c> an OpenAI
    /// Responses object whose text is <c>output[-1].content[0].text</c>, <c>verifier_metadata.label</c>, optional
    /// <c>verifier_metadata.grading_mode</c>) echoed with <c>reward</c>, <c>follow_all_instructions</c> and
    /// <c>follow_instruction_list</c>.
    /// </summary>
    public static Task<Results<Ok<JsonObject>, ProblemHttpResult>> Verify(
        [AsParameters] RewardServices services, HttpRequest request, CancellationToken cancellationToken) =>
        HandleAsync(request, services, async body =>
        {
            var root = body.RootElement;
            if (!root.TryGetProperty("verifier_metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
            {
                throw new RewardRequestException("verifier_metadata: missing or not an object");
            }
            var label = RewardRequestBody.RequiredString(metadata, "verifier_metadata", "label");
            var mode = RewardModes.Parse(RewardRequestBody.OptionalString(metadata, "verifier_metadata", "grading_mode"));
            Count(request, "response", 1, services.Options.Value);
            var rollout = await ResolveAsync(services, "verifier_metadata.label", label, ResponseText(root), cancellationToken);
            var score = (await services.Batcher.ScoreAsync([rollout], cancellationToken))[0];
            var echoed = JsonNode.Parse(root.GetRawText())!.AsObject();
            echoed["reward"] = score.Reward(mode);
            echoed["follow_all_instructions"] = score.Constraints.All(c => c.Passed);
            echoed["follow_instruction_list"] = new JsonArray(score.Constraints.Select(c => (JsonNode?)JsonValue.Create(c.Passed)).ToArray());
            return echoed;
        });

    private static async Task<Results<Ok<T>, ProblemHttpResult>> HandleAsync<T>(HttpRequest request, RewardServices services, Func<JsonDocument, Task<T>> handle)
    {
        try
        {
            using var body = await RewardRequestBody.ReadAsync(request, services.Options.Value.MaxBodyBytes, request.HttpContext.RequestAborted);
            return TypedResults.Ok(await handle(body));
        }
        catch (RewardRequestException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: ex.StatusCode);
        }
        catch (ArgumentException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        catch (SandboxUnavailableException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static void Count(HttpRequest request, string name, int rollouts, RewardOptions options)
    {
        request.HttpContext.Items[RewardAccessFilter.RolloutsItem] = rollouts;
        RewardRequestBody.CheckCount(name, rollouts, options.MaxItems);
    }

    private static async ValueTask<RewardRollout> ResolveAsync(RewardServices services, string path, string label, string response, CancellationToken cancellationToken)
    {
        try
        {
            return await services.Resolver.ResolveAsync(label, response, cancellationToken);
        }
        catch (RewardLabelException ex)
        {
            throw new RewardRequestException($"{path}: {ex.Message}");
        }
    }

    /// <summary>The text of a Responses object's last output item's first content part.</summary>
    private static string ResponseText(JsonElement root)
    {
        if (!root.TryGetProperty("response", out var response) || response.ValueKind != JsonValueKind.Object)
        {
            throw new RewardRequestException("response: missing or not an object (an OpenAI Responses object)");
        }
        var output = RewardRequestBody.List(response, "output", "response");
        var count = output.GetArrayLength();
        if (count == 0)
        {
            throw new RewardRequestException("response.output: empty");
        }
        var last = output[count - 1];
        var path = $"response.output[{count - 1}]";
        var content = last.ValueKind == JsonValueKind.Object ? RewardRequestBody.List(last, "content", path) : throw new RewardRequestException($"{path}: not an object");
        if (content.GetArrayLength() == 0)
        {
            throw new RewardRequestException($"{path}.content: empty");
        }
        return RewardRequestBody.RequiredString(content[0], $"{path}.content[0]", "text");
    }
}
