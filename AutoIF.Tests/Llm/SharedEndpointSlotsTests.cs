using System.Globalization;
using AutoIF.Core.Domain;
using AutoIF.Core.Llm;
using AutoIF.Tests.Infrastructure;

namespace AutoIF.Tests.Llm;

/// <summary>
/// <c>Llm:SharedSlots</c>: app hosts on one database (each with its own services, gateway and lock session, as separate
/// processes have) share each server's <c>MaxConcurrency</c>, on PostgreSQL and on one SQLite data folder.
/// </summary>
public sealed class SharedEndpointSlotsTests : IClassFixture<PostgresServer>, IAsyncLifetime
{
    private readonly PostgresServer _postgres;
    private FakeOpenAiServer _server = null!;

    public SharedEndpointSlotsTests(PostgresServer postgres) => _postgres = postgres;

    private string Server => LlmEndpointHealth.ServerOf(_server.BaseUrl.ToString());

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync()
    {
        _server.ReleaseReplies();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task On_postgresql_two_hosts_on_one_database_never_send_a_server_more_than_its_limit_and_both_are_answered()
    {
        var storage = _postgres.StorageSettings("autoif_slots_share");
        await AssertSharedLimitAsync(storage, storage);
    }

    [Fact]
    public async Task On_sqlite_two_hosts_on_one_data_folder_never_send_a_server_more_than_its_limit_and_both_are_answered()
    {
        using var data = new TempFolder("autoif-slots-share");
        var storage = new Dictionary<string, string?> { ["Storage:DataFolder"] = data.Path };
        await AssertSharedLimitAsync(storage, storage);
    }

    [Fact]
    public async Task With_shared_slots_off_each_host_uses_the_whole_limit()
    {
        var storage = _postgres.StorageSettings("autoif_slots_off");
        storage["Llm:SharedSlots"] = "false";
        await using var first = await HostAsync(storage, "sk-first-1111");
        await using var second = await HostAsync(storage, "sk-second-2222");
        _server.HoldReplies();

        var calls = Enumerable.Range(0, 3).SelectMany(i => new[] { Ask(first, $"first {i}"), Ask(second, $"second {i}") }).ToList();
        // Per process only: two calls from each host reach the server together.
        await Poll.UntilAsync(() => _server.InFlight == 4);
        _server.ReleaseReplies();

        Assert.All(await Task.WhenAll(calls), r => Assert.True(r.Succeeded, r.Error));
    }

    [Fact]
    public async Task On_postgresql_a_host_whose_connection_closes_frees_its_slots_for_the_others()
    {
        var storage = _postgres.StorageSettings("autoif_slots_close");
        await using var first = await HostAsync(storage, "sk-first-1111");
        await using var second = await HostAsync(storage, "sk-second-2222");
        var firstSlots = first.Get<SharedEndpointSlots>();
        var secondSlots = second.Get<SharedEndpointSlots>();

        await using var one = await firstSlots.TryAcquireAsync(LlmRole.Supervision, Server, 2, CancellationToken.None);
        var two = await firstSlots.TryAcquireAsync(LlmRole.Supervision, Server, 2, CancellationToken.None);
        Assert.NotNull(one);
        Assert.NotNull(two);
        Assert.Null(await secondSlots.TryAcquireAsync(LlmRole.Supervision, Server, 2, CancellationToken.None));
        // Another role's slots on the same server are its own.
        await (await secondSlots.TryAcquireAsync(LlmRole.Policy, Server, 2, CancellationToken.None))!.DisposeAsync();

        // A slot let go is free for the other host at once; then both slots are held, one by each host.
        await two.DisposeAsync();
        await using var taken = await secondSlots.TryAcquireAsync(LlmRole.Supervision, Server, 2, CancellationToken.None);
        Assert.NotNull(taken);

        // The first host's session ends without letting go of its slot: the slot goes with the session. The server ends a
        // closed session on its own time, which the poll's limit (far below any lease expiry, and there is none) allows for.
        await firstSlots.DisposeAsync();
        await using var freed = await Poll.UntilAsync(
            () => secondSlots.TryAcquireAsync(LlmRole.Supervision, Server, 2, CancellationToken.None), lease => lease is not null, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_call_whose_server_is_full_elsewhere_goes_to_a_server_with_a_free_slot_instead_of_waiting()
    {
        await using var other = await FakeOpenAiServer.StartAsync();
        var storage = _postgres.StorageSettings("autoif_slots_move");
        var onlyFirst = new Dictionary<string, string?>(storage)
        {
            ["Llm:Supervision:Endpoints:0:BaseUrl"] = _server.BaseUrl.ToString(),
        };
        var both = new Dictionary<string, string?>(onlyFirst)
        {
            ["Llm:Supervision:Endpoints:1:BaseUrl"] = other.BaseUrl.ToString(),
        };
        await using var busy = await HostAsync(onlyFirst, "sk-busy-1111", maxConcurrency: 1);
        await using var free = await HostAsync(both, "sk-free-2222", maxConcurrency: 1);
        _server.HoldReplies();
        var holding = Ask(busy, "holds the first server's only slot");
        await Poll.UntilAsync(() => _server.InFlight == 1);

        // Seen from this host both servers are idle, and the first is listed first; but its one slot is taken elsewhere.
        var moved = await Ask(free, "finds the first server full").WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(moved.Succeeded, moved.Error);
        Assert.Equal(other.BaseUrl.ToString(), moved.Endpoint);
        Assert.Equal(1, _server.ChatRequestCount);
        _server.ReleaseReplies();
        Assert.True((await holding).Succeeded);
    }

    private async Task AssertSharedLimitAsync(Dictionary<string, string?> firstStorage, Dictionary<string, string?> secondStorage)
    {
        await using var first = await HostAsync(firstStorage, "sk-first-1111");
        await using var second = await HostAsync(secondStorage, "sk-second-2222");
        _server.HoldReplies();

        var calls = Enumerable.Range(0, 6).SelectMany(i => new[] { Ask(first, $"first {i}"), Ask(second, $"second {i}") }).ToList();
        // Each host has both slots of its own throttle taken, yet the server has two calls, not four: the other two wait
        // for a slot the other host holds.
        await Poll.UntilAsync(() => InFlight(first) == 2 && InFlight(second) == 2 && _server.InFlight == 2);
        _server.ReleaseReplies();
        var results = await Task.WhenAll(calls);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        Assert.Equal(2, _server.MaxInFlight);
        Assert.Equal(6, _server.Requests.Count(r => r.Authorization == "Bearer sk-first-1111"));
        Assert.Equal(6, _server.Requests.Count(r => r.Authorization == "Bearer sk-second-2222"));
    }

    private static int InFlight(TestDatabase host) => host.Get<LlmGateway>().InFlight(LlmRole.Supervision);

    private static Task<LlmResult> Ask(TestDatabase host, string prompt) =>
        host.Get<ILlmGateway>().CompleteAsync(new LlmRequest { Kind = PromptKind.Custom, Messages = [LlmMessage.User(prompt)] });

    /// <summary>An app host of its own (services, gateway, lock session) on the storage named, calling the fake server with <paramref name="apiKey"/>.</summary>
    private Task<TestDatabase> HostAsync(Dictionary<string, string?> storage, string apiKey, int maxConcurrency = 2)
    {
        var settings = LlmTestHost.EndpointSettings(_server);
        settings["Llm:Supervision:ApiKey"] = apiKey;
        settings["Llm:Supervision:MaxConcurrency"] = maxConcurrency.ToString(CultureInfo.InvariantCulture);
        settings["Llm:Resilience:MaxRetries"] = "0";
        foreach (var (key, value) in storage)
        {
            settings[key] = value;
        }
        if (settings.Keys.Any(k => k.StartsWith("Llm:Supervision:Endpoints:", StringComparison.Ordinal)))
        {
            settings.Remove("Llm:Supervision:BaseUrl");
        }
        return TestDatabase.CreateAsync(settings);
    }
}
