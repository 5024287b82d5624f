using AutoIF.Web.UseCases;

namespace AutoIF.Web.Cli;

/// <summary>The CLI acts for whoever runs it on the server: the operating-system user, marked as the CLI's.</summary>
public sealed class OsActingUser : IActingUser
{
    public Task<string> NameAsync() =>
        Task.FromResult(string.IsNullOrWhiteSpace(Environment.UserName) ? "cli" : $"{Environment.UserName} (cli)");
}
