using AutoIF.Core.Sandbox;
using AutoIF.Tests.Reports;
using AutoIF.Web.Components.Pages.Playground;
using AutoIF.Web.Services;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIF.Tests.Web.Components.Pages;

public class PlaygroundTests : ReviewPageTestContext
{
    private const string ShortSource = "def evaluate(response):\n    print('words:', len(response.split()))\n    return len(response.split()) < 5\n";

    [Fact]
    public void Without_a_verifier_the_page_asks_for_one()
    {
        var page = Open<Playground>();

        Assert.Contains("Pick or paste a verifier", page.Find("[data-testid=verdict-panel]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_verdict_appears_once_typing_pauses_and_only_the_last_text_is_evaluated()
    {
        var page = Open<Playground>();
        var session = Services.GetRequiredService<PlaygroundSession>();

        await page.InvokeAsync(() => Field(page, "source").Input(ShortSource));
        await page.InvokeAsync(() => Field(page, "response-text").Input("one two"));
        await page.InvokeAsync(() => Field(page, "response-text").Input("one two three four five six"));
        // The text field hands its value on asynchronously: move the clock only once the session has the text.
        page.WaitForAssertion(() => Assert.Equal((ShortSource, "one two three four five six"), (session.Source, session.Text)));
        Clock.Advance(PlaygroundSession.DebounceDelay - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, session.Evaluations);
        Assert.Contains("appears here as you type", page.Find("[data-testid=verdict-panel]").TextContent, StringComparison.Ordinal);

        Clock.Advance(TimeSpan.FromMilliseconds(1));

        page.WaitForAssertion(() => Assert.Contains("fails (False)", page.Find("[data-testid=verdict]").TextContent, StringComparison.Ordinal));
        Assert.Equal(1, session.Evaluations);
        Assert.Contains("words: 6", page.Find("[data-testid=verdict-detail]").TextContent, StringComparison.Ordinal);

        await page.InvokeAsync(() => Field(page, "response-text").Input("short answer"));
        page.WaitForAssertion(() => Assert.Equal("short answer", session.Text));
        Clock.Advance(PlaygroundSession.DebounceDelay);
        page.WaitForAssertion(() => Assert.Contains("passes (True)", page.Find("[data-testid=verdict]").TextContent, StringComparison.Ordinal));
        Assert.Equal(2, session.Evaluations);
    }

    [Fact]
    public async Task An_erroring_verifier_shows_the_error_as_such()
    {
        var page = Open<Playground>();

        await page.InvokeAsync(() => Field(page, "source").Input("def evaluate(response):\n    return 1 / 0\n"));
        await page.InvokeAsync(() => Field(page, "response-text").Input("anything"));
        var session = Services.GetRequiredService<PlaygroundSession>();
        page.WaitForAssertion(() => Assert.Equal(("anything", true), (session.Text, session.Source.Contains("1 / 0", StringComparison.Ordinal))));
        Clock.Advance(PlaygroundSession.DebounceDelay);

        page.WaitForAssertion(() => Assert.Contains("raised an error", page.Find("[data-testid=verdict]").TextContent, StringComparison.Ordinal));
        Assert.Contains("ZeroDivisionError", page.Find("[data-testid=verdict-detail]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_verifier_is_picked_by_id_from_the_address()
    {
        var data = await SeedAsync();
        GoTo($"/playground?verifier={data.GoodVerifierId}");

        var page = Open<Playground>();

        page.WaitForAssertion(() => Assert.Equal(ReviewDataSeeder.GoodSource, Services.GetRequiredService<PlaygroundSession>().Source));
        Assert.Contains(ReviewDataSeeder.KeptText, page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Searching_finds_verifiers_by_instruction_text()
    {
        await SeedAsync();
        var page = Open<Playground>();

        await page.InvokeAsync(() => Field(page, "verifier-search").Input("fewer than 40"));
        await page.InvokeAsync(() => page.Find("[data-testid=verifier-search-button]").Click());

        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=verifier-results] .mud-list-item").Count));
    }

    [Fact]
    public async Task An_unavailable_sandbox_is_said_clearly()
    {
        // The real sandbox on a machine without bubblewrap, and unsandboxed runs not allowed.
        await using var sandbox = new VerifierSandbox(new SandboxOptions { BubblewrapPath = "/nonexistent/bwrap", AllowUnsandboxed = false });
        await sandbox.CheckHealthAsync();
        Services.AddSingleton<IVerifierSandbox>(sandbox);
        var page = Open<Playground>();

        await page.InvokeAsync(() => Field(page, "source").Input(ShortSource));
        page.WaitForAssertion(() => Assert.Equal(ShortSource, Services.GetRequiredService<PlaygroundSession>().Source));
        Clock.Advance(PlaygroundSession.DebounceDelay);

        Assert.Contains("bubblewrap", page.Find("[data-testid=sandbox-unavailable]").TextContent, StringComparison.OrdinalIgnoreCase);
        page.WaitForAssertion(() => Assert.Contains("The sandbox is unavailable", page.Find("[data-testid=sandbox-problem]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_picked_question_verifier_is_asked_of_the_model_and_its_yes_shows_as_a_pass()
    {
        // The offline demo model answers a question about one of its instruction's cases as the case says.
        var run = await Db.Get<AutoIF.Core.Pipeline.RunService>().CreateAsync("questions", new AutoIF.Core.Domain.RunSettings());
        int questionId;
        await using (var db = Db.CreateContext())
        {
            var instruction = new AutoIF.Core.Domain.Instruction { RunId = run.Id, Text = "Answer in fewer than 50 words.", TextHash = "h", Status = AutoIF.Core.Domain.ItemStatus.Kept };
            db.Instructions.Add(instruction);
            await db.SaveChangesAsync();
            const string question = "Does the response follow this instruction: Answer in fewer than 50 words?";
            var verifier = new AutoIF.Core.Domain.Verifier
            {
                RunId = run.Id, InstructionId = instruction.Id, Kind = AutoIF.Core.Domain.VerifierKind.LlmQuestion, Source = question, SourceHash = "q",
                CompileStatus = AutoIF.Core.Domain.CompileStatus.Ok, Status = AutoIF.Core.Domain.ItemStatus.Kept,
            };
            db.Verifiers.Add(verifier);
            await db.SaveChangesAsync();
            questionId = verifier.Id;
        }
        GoTo($"/playground?verifier={questionId}");
        var page = Open<Playground>();
        var session = Services.GetRequiredService<PlaygroundSession>();
        page.WaitForAssertion(() => Assert.Equal(run.Id, session.QuestionRunId));

        await page.InvokeAsync(() => Field(page, "response-text").Input("Short and sweet."));
        page.WaitForAssertion(() => Assert.Equal("Short and sweet.", session.Text));
        Clock.Advance(PlaygroundSession.DebounceDelay);

        page.WaitForAssertion(() => Assert.Contains("passes (True)", page.Find("[data-testid=verdict]").TextContent, StringComparison.Ordinal));
        Assert.Contains("asked of the run's supervision model", page.Markup, StringComparison.Ordinal);
    }
}
