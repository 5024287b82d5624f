using System.CommandLine;
using AutoIF.Web.Teams;

namespace AutoIF.Web.Cli;

/// <summary>
/// <c>users add NAME --role R [--password-stdin] | users list | users role NAME R | users token NAME [--expires DAYS] |
/// users revoke NAME</c>: the app's users, made on the server by whoever has its data folder (no token needed).
/// </summary>
public static class UsersCommands
{
    public static Command Build(IServiceProvider services)
    {
        var users = new Command("users", "The app's users: once one exists, every page and API needs a sign-in or a token.");
        var roles = string.Join("|", TeamRoles.All);

        var addName = new Argument<string>("NAME") { Description = "The user name to sign in with." };
        var addRole = new Option<string>("--role") { Description = $"{roles}.", Required = true };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input (first line); without it the user has tokens only." };
        var add = new Command("add", "Add a user with a role.") { addName, addRole, passwordStdin };
        add.SetAction(async (parse, ct) =>
        {
            var name = parse.GetValue(addName)!;
            string? password = null;
            if (parse.GetValue(passwordStdin))
            {
                password = (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r');
                if (string.IsNullOrEmpty(password))
                {
                    throw new ArgumentException("--password-stdin: standard input had no password (one line).");
                }
            }
            await WithAdminAsync(services, admin => admin.AddAsync(name, parse.GetValue(addRole)!, password, ct));
            CliConsole.Line($"added {name} ({TeamRoles.Parse(parse.GetValue(addRole)!)}{(password is null ? ", tokens only: users token " + name : "")})");
            return 0;
        });
        users.Subcommands.Add(add);

        var list = new Command("list", "Print every user with role, whether they have a password, revoked, and live tokens.");
        list.SetAction(async (_, ct) =>
        {
            var rows = await WithAdminAsync(services, admin => admin.ListAsync(ct));
            foreach (var user in rows)
            {
                CliConsole.Line($"{user.Name}  {user.Role}  {(user.HasPassword ? "password" : "no password")}  {user.LiveTokens} tokens{(user.Revoked ? "  revoked" : "")}");
            }
            return 0;
        });
        users.Subcommands.Add(list);

        var roleName = new Argument<string>("NAME");
        var roleValue = new Argument<string>("ROLE") { Description = $"{roles}." };
        var role = new Command("role", "Give a user another role (and their access back after a revoke).") { roleName, roleValue };
        role.SetAction(async (parse, ct) =>
        {
            var name = parse.GetValue(roleName)!;
            var value = parse.GetValue(roleValue)!;
            await WithAdminAsync(services, admin => admin.SetRoleAsync(name, value, ct));
            CliConsole.Line($"{name} is now {TeamRoles.Parse(value)}");
            return 0;
        });
        users.Subcommands.Add(role);

        var tokenName = new Argument<string>("NAME");
        var expires = new Option<int?>("--expires") { Description = "Days until the token stops working (default: never)." };
        var token = new Command("token", "Make an API token for Authorization: Bearer; it is printed once and stored only as a hash.") { tokenName, expires };
        token.SetAction(async (parse, ct) =>
        {
            var text = await WithAdminAsync(services, admin => admin.TokenAsync(parse.GetValue(tokenName)!, parse.GetValue(expires), ct));
            CliConsole.Line(text);
            return 0;
        });
        users.Subcommands.Add(token);

        var revokeName = new Argument<string>("NAME");
        var revoke = new Command("revoke", "Take a user's access away: every token revoked, sessions ended, password sign-in refused.") { revokeName };
        revoke.SetAction(async (parse, ct) =>
        {
            var name = parse.GetValue(revokeName)!;
            var count = await WithAdminAsync(services, admin => admin.RevokeAsync(name, ct));
            CliConsole.Line($"revoked {name}: {count} tokens, sign-in refused (users role {name} ROLE gives access back)");
            return 0;
        });
        users.Subcommands.Add(revoke);
        return users;
    }

    private static async Task<T> WithAdminAsync<T>(IServiceProvider services, Func<UserAdmin, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<UserAdmin>());
    }

    private static async Task WithAdminAsync(IServiceProvider services, Func<UserAdmin, Task> work)
    {
        await using var scope = services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<UserAdmin>());
    }
}
