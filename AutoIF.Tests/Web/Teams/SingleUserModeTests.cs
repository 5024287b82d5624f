using Microsoft.AspNetCore.Http;
using System.Net;
using AutoIF.Tests.Infrastructure;
using AutoIF.Web.Teams;

namespace AutoIF.Tests.Web.Teams;

/// <summary>With no users: this machine only, forwarded addresses believed only from configured proxies, and no start on an open address.</summary>
public class SingleUserModeTests
{
    [Theory]
    [InlineData("127.0.0.1", null, HttpStatusCode.OK)]
    [InlineData("::1", null, HttpStatusCode.OK)]
    [InlineData("10.1.2.3", null, HttpStatusCode.Forbidden)]
    // A proxy on this machine that is not configured: its loopback address says nothing about the client.
    [InlineData("127.0.0.1", "203.0.113.5", HttpStatusCode.Forbidden)]
    public async Task Only_callers_on_this_machine_are_served(string remote, string? forwardedFor, HttpStatusCode expected)
    {
        await using var factory = new AutoIfWebFactory();

        var context = await SendAsync(factory, "/runs", remote, forwardedFor);

        Assert.Equal((int)expected, context.Response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Contains("users add NAME --role admin", await new StreamReader(context.Response.Body).ReadToEndAsync(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    [InlineData("203.0.113.5", HttpStatusCode.Forbidden)]
    public async Task A_configured_proxy_forwards_the_clients_address(string client, HttpStatusCode expected)
    {
        await using var factory = new AutoIfWebFactory().With("Security:KnownProxies:0", "10.0.0.7");

        var context = await SendAsync(factory, "/runs", "10.0.0.7", client);

        Assert.Equal((int)expected, context.Response.StatusCode);
    }

    [Fact]
    public async Task With_a_reward_key_the_reward_endpoints_alone_answer_other_machines()
    {
        await using var factory = new AutoIfWebFactory().With("Reward:ApiKey", "reward-secret-key");

        var page = await SendAsync(factory, "/runs", "10.1.2.3", null);
        var reward = await SendAsync(factory, "/api/reward/score", "10.1.2.3", null, post: true);

        Assert.Equal(StatusCodes.Status403Forbidden, page.Response.StatusCode);
        // Past the loopback rule to the reward filter, which asks for the key.
        Assert.Equal(StatusCodes.Status401Unauthorized, reward.Response.StatusCode);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://*:5080", false)]
    [InlineData("http://+:80", false)]
    [InlineData("http://192.168.1.20:5080", false)]
    public void Listening_addresses_are_told_apart(string url, bool loopback) => Assert.Equal(loopback, BindingCheck.IsLoopback(url));

    [Fact]
    public async Task Without_users_the_app_refuses_to_listen_on_every_address_and_says_how_to_add_the_first_admin()
    {
        using var data = new TempFolder("autoif-bind");

        var (exitCode, output) = await AppProcess.RunCliAsync(data.Path, "--urls", "http://0.0.0.0:0");

        Assert.Equal(1, exitCode);
        Assert.Contains("users add NAME --role admin --password-stdin", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", output, StringComparison.Ordinal);
    }

    private static Task<HttpContext> SendAsync(AutoIfWebFactory factory, string path, string remote, string? forwardedFor, bool post = false) =>
        factory.Server.SendAsync(c =>
        {
            c.Request.Method = post ? "POST" : "GET";
            c.Request.Path = path;
            c.Connection.RemoteIpAddress = IPAddress.Parse(remote);
            if (forwardedFor is not null)
            {
                c.Request.Headers["X-Forwarded-For"] = forwardedFor;
            }
        });
}
