using System.Text.RegularExpressions;
using AutoIF.Core.Domain;
using AutoIF.Tests.Infrastructure;
using AutoIF.Web.Components.Pages.Runs;
using AutoIF.Web.UseCases;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIF.Tests.Web.UseCases;

/// <summary>The run page and <c>run status</c> read one report: the same stages, in the same order, with the same numbers.</summary>
public partial class RunReportFrontEndsTests : PageTestContext
{
    [Fact]
    public async Task The_run_page_and_run_status_show_the_same_stages_and_settings()
    {
        var run = await Services.GetRequiredService<RunControl>().CreateAsync("both-ends", RunSettingsEditor.Apply(new RunSettings(), [new("Augment:Rounds", "3")]));
        await StageRows.AddAsync(Database, run.Id);

        var page = Render<RunDetail>(p => p.Add(x => x.Id, run.Id));
        page.WaitForElement("[data-testid=stage-table]");
        var onPage = page.FindAll("[data-testid=stage-table] tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray())
            .Select(td => $"{td[0]} {td[1].Replace(" ", "", StringComparison.Ordinal)} {(td[2] == "✓" ? "done" : "running")} {td[3]}".TrimEnd())
            .ToList();
        var status = await AppProcess.RunCliAsync(Database.DataFolder, "run", "status", "both-ends");

        Assert.True(status.ExitCode == 0, status.Output);
        var inCli = status.Output.Split('\n').Select(l => StageLine().Match(l.TrimEnd('\r'))).Where(m => m.Success)
            .Select(m => $"{m.Groups["stage"].Value} {m.Groups["done"].Value}/{m.Groups["total"].Value} {(m.Groups["mark"].Value == "done" ? "done" : "running")} {m.Groups["message"].Value}".TrimEnd())
            .ToList();
        Assert.Equal(["Seeds 4/4 done 4 seeds", "Augment 10/10 done", "Compile 3/5 running 3 of 5 compiled"], onPage);
        Assert.Equal(onPage, inCli);
        const string Settings = "profile paper; changed from it: Augment:Rounds = 3 (default 10)";
        Assert.Contains(Settings, status.Output, StringComparison.Ordinal);
        Assert.Contains(Settings, page.Markup, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^  (?<stage>\w+)\s+(?<mark>done|…)\s+(?<done>\d+)/(?<total>\d+)\s*(?<message>.*)$")]
    private static partial Regex StageLine();
}
