using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AutoIF.Core.Domain;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Storage;
using AutoIF.Tests.Infrastructure;
using AutoIF.Tests.Pipeline;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIF.Tests.Web.Apis;

/// <summary>
/// A small demo run (offline demo model, real SQLite, real sandbox, as in the golden test) in the data folder of the
/// whole web app served by Kestrel on a loopback port, with a reward token set; plus the run's stored responses with
/// their verdicts, to compare the service's answers with.
/// </summary>
public sealed class RewardServiceFixture : IAsyncLifetime
{
    public const string RunName = DemoRunGolden.RunName;
    public const string Token = "reward-test-token";
    public const int MaxItems = 64;
    public const int MaxBodyBytes = 256 * 1024;

    private readonly AutoIfWebFactory _factory = new();

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1");

    public HttpClient Client { get; } = new();

    public IServiceProvider Services => _factory.Services;

    public VerifySettingsView Rules { get; private set; } = null!;

    /// <summary>Every verified response of round 0, with its stored accuracy and verdicts (by verifier id).</summary>
    public IReadOnlyList<StoredResponse> Responses { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await using (var database = await TestDatabase.CreateAsync(new Dictionary<string, string?>(DemoRunGolden.SandboxSettings) { ["Storage:DataFolder"] = _factory.DataFolder }))
        {
            await DemoRunGolden.RunAsync(database);
        }
        foreach (var (key, value) in DemoRunGolden.SandboxSettings)
        {
            _factory.With(key, value);
        }
        _factory.With("Reward:ApiKey", Token).With("Reward:MaxItems", $"{MaxItems}").With("Reward:MaxBodyBytes", $"{MaxBodyBytes}")
            .With("Reward:Workers", "2").With("Reward:CacheCheckSeconds", "0");
        _factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        Client.BaseAddress = BaseAddress;
        Client.Timeout = TimeSpan.FromMinutes(2);

        await using var db = await Services.GetRequiredService<IDbContextFactory<AutoIfDbContext>>().CreateDbContextAsync();
        var runId = await db.Runs.Where(r => r.Name == RunName).Select(r => r.Id).SingleAsync();
        var verify = await db.RunSettingsAsync(runId, CancellationToken.None);
        Rules = new VerifySettingsView(verify.Verify);
        var responses = await db.Responses.AsNoTracking().Where(r => r.RunId == runId && r.Round == 0 && r.Accuracy != null).OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.PromptId, r.InstructionId, r.Text, Accuracy = r.Accuracy!.Value }).ToListAsync();
        var verdicts = (await db.Verdicts.AsNoTracking().Where(v => db.Responses.Any(r => r.Id == v.ResponseId && r.RunId == runId)).ToListAsync())
            .ToLookup(v => v.ResponseId);
        var prompts = await db.ComposedPrompts.AsNoTracking().Where(p => p.RunId == runId).ToDictionaryAsync(p => p.Id, p => p.Text);
        Responses = responses.Select(r => new StoredResponse(r.Id, r.PromptId, r.InstructionId, prompts[r.PromptId], r.Text, r.Accuracy,
            verdicts[r.Id].OrderBy(v => v.VerifierId).Select(v => (v.VerifierId, v.Kind)).ToList())).ToList();
    }

    public static string Label(StoredResponse response) => Label(response.PromptId, response.InstructionId);

    public static string Label(int promptId, params int[] instructionIds) =>
        new JsonObject { ["run"] = RunName, ["prompt_id"] = promptId, ["instruction_ids"] = new JsonArray(instructionIds.Select(i => (JsonNode?)i).ToArray()) }.ToJsonString();

    public HttpRequestMessage Post(string path, object body, string? token = Token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return request;
    }

    public async Task<JsonNode> PostOkAsync(string path, object body, string? token = Token)
    {
        using var response = await Client.SendAsync(Post(path, body, token));
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new Xunit.Sdk.XunitException($"{path}: {(int)response.StatusCode} {text}");
        }
        return JsonNode.Parse(text)!;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
    }
}
