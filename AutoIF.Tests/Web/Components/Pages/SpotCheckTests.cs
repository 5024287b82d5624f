using AutoIF.Core.Domain;
using AutoIF.Web.Components.Pages.SpotCheck;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Web.Components.Pages;

public class SpotCheckTests : ReviewPageTestContext
{
    [Fact]
    public void Before_a_queue_is_started_the_page_says_what_to_do()
    {
        var page = Open<SpotCheck>();

        page.WaitForAssertion(() => Assert.Contains("No queue yet", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_empty_queue_says_there_is_nothing_to_review()
    {
        var page = Open<SpotCheck>();

        await page.InvokeAsync(() => page.Find("[data-testid=spot-start]").Click());

        page.WaitForAssertion(() => Assert.Contains("Nothing to review", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Keys_a_r_and_n_approve_reject_and_skip_and_the_decisions_are_stored()
    {
        await SeedAsync();
        var page = Open<SpotCheck>();
        await page.InvokeAsync(() => page.Find("[data-testid=spot-start]").Click());
        page.WaitForAssertion(() => Assert.Contains("Item 1 of 4", page.Find("[data-testid=queue-position]").TextContent, StringComparison.Ordinal));

        var first = CurrentTitle(page);
        page.Find("[data-testid=spot-card]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "a" });
        page.WaitForAssertion(() => Assert.Contains("Item 2 of 4", page.Find("[data-testid=queue-position]").TextContent, StringComparison.Ordinal));
        var second = CurrentTitle(page);
        page.Find("[data-testid=spot-card]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "r" });
        page.WaitForAssertion(() => Assert.Contains("Item 3 of 4", page.Find("[data-testid=queue-position]").TextContent, StringComparison.Ordinal));
        page.Find("[data-testid=spot-card]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "n" });
        page.WaitForAssertion(() => Assert.Contains("Item 4 of 4 · decided 2", page.Find("[data-testid=queue-position]").TextContent, StringComparison.Ordinal));

        await using var db = Db.CreateContext();
        var states = await db.Verifiers.ToDictionaryAsync(v => $"Verifier #{v.Id}", v => v.ReviewState);
        Assert.Equal(ReviewState.Approved, states[first]);
        Assert.Equal(ReviewState.Rejected, states[second]);
        Assert.Equal(2, await db.Reviews.CountAsync());
        Assert.Equal(2, states.Values.Count(s => s == ReviewState.None));
    }

    [Fact]
    public async Task The_buttons_do_the_same_with_a_note_and_the_queue_ends()
    {
        await SeedAsync();
        var page = Open<SpotCheck>();
        await page.InvokeAsync(() => page.Find("[data-testid=spot-start]").Click());
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=spot-card]")));

        await page.InvokeAsync(() => Field(page, "spot-note").Change("checks the wrong thing"));
        await page.InvokeAsync(() => page.Find("[data-testid=reject]").Click());
        for (var i = 0; i < 3; i++)
        {
            page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=next]")));
            await page.InvokeAsync(() => page.Find("[data-testid=next]").Click());
        }

        page.WaitForAssertion(() => Assert.Contains("Queue done", page.Markup, StringComparison.Ordinal));
        await using var db = Db.CreateContext();
        var review = await db.Reviews.SingleAsync();
        Assert.Equal("checks the wrong thing", review.Note);
        Assert.Equal(ReviewState.Rejected, review.Decision);
        Assert.Equal("reviewer", review.Reviewer);
    }

    [Fact]
    public async Task An_unreachable_database_shows_an_error()
    {
        BreakDatabase();
        var page = Open<SpotCheck>();

        await page.InvokeAsync(() => page.Find("[data-testid=spot-start]").Click());

        page.WaitForAssertion(() => Assert.Contains(BrokenContextFactory.Message, page.Find("[data-testid=spot-error]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_verifier_card_says_its_kind_a_question_with_its_text_and_a_function_with_its_code()
    {
        var seeded = await SeedAsync();
        int questionId;
        await using (var db = Db.CreateContext())
        {
            var question = new Verifier
            {
                RunId = seeded.RunId, InstructionId = seeded.KeptInstructionId, Kind = VerifierKind.LlmQuestion, Source = "Is the response formal?",
                SourceHash = "question-1", CompileStatus = CompileStatus.Ok, Status = ItemStatus.Kept,
            };
            db.Verifiers.Add(question);
            await db.SaveChangesAsync();
            questionId = question.Id;
        }
        var page = Open<SpotCheck>();
        await page.InvokeAsync(() => page.Find("[data-testid=spot-start]").Click());
        page.WaitForAssertion(() => Assert.Contains("Item 1 of 5", page.Find("[data-testid=queue-position]").TextContent, StringComparison.Ordinal));

        var kinds = new Dictionary<string, string>();
        for (var i = 1; i <= 5; i++)
        {
            page.WaitForAssertion(() => Assert.Contains($"Item {i} of 5", page.Find("[data-testid=queue-position]").TextContent, StringComparison.Ordinal));
            kinds[CurrentTitle(page)] = page.Find("[data-testid=spot-kind]").TextContent.Trim();
            if (CurrentTitle(page) == $"Verifier #{questionId}")
            {
                Assert.Equal("Is the response formal?", page.Find("[data-testid=spot-question]").TextContent.Trim());
            }
            await page.InvokeAsync(() => page.Find("[data-testid=next]").Click());
        }

        Assert.Equal("kind: question", kinds[$"Verifier #{questionId}"]);
        Assert.All(kinds.Where(k => k.Key != $"Verifier #{questionId}"), k => Assert.StartsWith("kind: code · compile: ", k.Value, StringComparison.Ordinal));
    }

    private static string CurrentTitle(IRenderedComponent<SpotCheck> page) =>
        page.Find("[data-testid=spot-card] .mud-typography-subtitle1").TextContent.Trim();
}
