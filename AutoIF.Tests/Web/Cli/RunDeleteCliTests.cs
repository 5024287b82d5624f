using AutoIF.Tests.Infrastructure;

namespace AutoIF.Tests.Web.Cli;

/// <summary><c>run delete</c> as a user runs it: the built app as a process, without a terminal.</summary>
public class RunDeleteCliTests
{
    [Fact]
    public async Task Without_a_terminal_delete_needs_yes_refuses_a_queued_run_and_with_yes_deletes_the_run()
    {
        using var data = new TempFolder("autoif-cli-delete");
        Assert.Equal(0, (await AppProcess.RunCliAsync(data.Path, "run", "create", "doomed")).ExitCode);
        Assert.Equal(0, (await AppProcess.RunCliAsync(data.Path, "run", "create", "waiting")).ExitCode);
        Assert.Equal(0, (await AppProcess.RunCliAsync(data.Path, "run", "start", "waiting")).ExitCode);

        var unconfirmed = await AppProcess.RunCliAsync(data.Path, "run", "delete", "doomed");
        Assert.True(unconfirmed.ExitCode == 2, unconfirmed.Output);
        Assert.Contains("autoif: run delete doomed: not on a terminal to confirm; pass --yes to delete without asking", unconfirmed.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await AppProcess.RunCliAsync(data.Path, "run", "status", "doomed")).ExitCode);

        var live = await AppProcess.RunCliAsync(data.Path, "run", "delete", "waiting", "--yes");
        Assert.True(live.ExitCode == 1, live.Output);
        Assert.Contains("autoif: Run 'waiting' is queued: cancel it first", live.Output, StringComparison.Ordinal);

        var deleted = await AppProcess.RunCliAsync(data.Path, "run", "delete", "doomed", "--yes");
        Assert.True(deleted.ExitCode == 0, deleted.Output);
        Assert.Contains("deleted run 'doomed': 0 instructions, 0 responses", deleted.Output, StringComparison.Ordinal);
        var gone = await AppProcess.RunCliAsync(data.Path, "run", "status", "doomed");
        Assert.True(gone.ExitCode == 1, gone.Output);
        Assert.Contains("There is no run named 'doomed'", gone.Output, StringComparison.Ordinal);
    }
}
