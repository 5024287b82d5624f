using AutoIF.Tests.Infrastructure;

namespace AutoIF.Tests.Web.Cli;

/// <summary><c>run audit</c> as a user runs it: the built app as a process; the CLI acts as the operating-system user.</summary>
public class RunAuditCliTests
{
    [Fact]
    public async Task The_audit_list_shows_the_clis_actions_under_the_os_user_newest_first_and_outlives_a_delete()
    {
        using var data = new TempFolder("autoif-cli-audit");
        Assert.Equal(0, (await AppProcess.RunCliAsync(data.Path, "run", "create", "audited")).ExitCode);
        Assert.Equal(0, (await AppProcess.RunCliAsync(data.Path, "run", "start", "audited")).ExitCode);
        Assert.Equal(0, (await AppProcess.RunCliAsync(data.Path, "run", "cancel", "audited")).ExitCode);

        var (exit, output) = await AppProcess.RunCliAsync(data.Path, "run", "audit", "audited");

        Assert.Equal(0, exit);
        Assert.Contains("audit of run #1: 3 entries, page 1 of 1", output, StringComparison.Ordinal);
        var lines = output.Split('\n').Where(l => l.StartsWith("  ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, lines.Count);
        Assert.All(lines, l => Assert.Contains($"{Environment.UserName} (cli)", l, StringComparison.Ordinal));
        Assert.Contains(" cancel ", lines[0], StringComparison.Ordinal);
        Assert.Contains(" start ", lines[1], StringComparison.Ordinal);
        Assert.Contains(" create ", lines[2], StringComparison.Ordinal);

        Assert.Equal(0, (await AppProcess.RunCliAsync(data.Path, "run", "delete", "audited", "--yes")).ExitCode);
        var afterDelete = await AppProcess.RunCliAsync(data.Path, "run", "audit", "#1", "--size", "1");
        Assert.Equal(0, afterDelete.ExitCode);
        Assert.Contains("4 entries, page 1 of 4", afterDelete.Output, StringComparison.Ordinal);
        Assert.Contains(" delete ", afterDelete.Output, StringComparison.Ordinal);

        var badPage = await AppProcess.RunCliAsync(data.Path, "run", "audit", "#1", "--page", "0");
        Assert.Equal(1, badPage.ExitCode);
        Assert.Contains("--page 0", badPage.Output, StringComparison.Ordinal);
    }
}
