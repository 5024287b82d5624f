using AutoIF.Core.Domain;
using AutoIF.Tests.Export;
using AutoIF.Tests.Infrastructure;
using AutoIF.Tests.Reports;
using AutoIF.Web.Components.Pages.Instructions;
using AutoIF.Web.Teams;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Web.Components.Pages;

public class InstructionPageTests : ReviewPageTestContext
{
    [Fact]
    public void An_unknown_id_shows_not_found()
    {
        var page = Open<InstructionPage>(p => p.Add(x => x.Id, 12345));

        page.WaitForAssertion(() => Assert.Contains("Instruction not found", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_viewer_gets_no_edit_regenerate_or_re_verify_and_a_reviewer_gets_them_on_each_code_verifier()
    {
        var data = await SeedAsync();
        Authorization.SetRoles(TeamRoles.Viewer);
        Authorization.SetPolicies(TeamRoles.Viewer);

        var asViewer = Open<InstructionPage>(p => p.Add(x => x.Id, data.KeptInstructionId));

        asViewer.WaitForAssertion(() => Assert.Equal(4, asViewer.FindAll("[data-testid=verifier]").Count));
        Assert.Empty(asViewer.FindAll("[data-testid=edit-verifier], [data-testid=regenerate-verifier], [data-testid=reverify]"));
        Authorization.SetRoles(TeamRoles.Viewer, TeamRoles.Reviewer);
        Authorization.SetPolicies(TeamRoles.Viewer, TeamRoles.Reviewer);
        var asReviewer = Open<InstructionPage>(p => p.Add(x => x.Id, data.KeptInstructionId));
        asReviewer.WaitForAssertion(() => Assert.Single(asReviewer.FindAll("[data-testid=reverify]")));
        Assert.Equal(asReviewer.FindAll("[data-testid=edit-verifier]").Count, asReviewer.FindAll("[data-testid=regenerate-verifier]").Count);
        Assert.NotEmpty(asReviewer.FindAll("[data-testid=regenerate-verifier]"));
    }

    [Fact]
    public async Task The_detail_shows_highlighted_verifiers_the_matrix_back_translations_and_responses()
    {
        var data = await SeedAsync();

        var page = Open<InstructionPage>(p => p.Add(x => x.Id, data.KeptInstructionId));

        page.WaitForAssertion(() => Assert.Equal(ReviewDataSeeder.KeptText, page.Find("[data-testid=instruction-text]").TextContent.Trim()));
        Assert.Equal(4, page.FindAll("[data-testid=verifier]").Count);
        Assert.Contains(page.FindAll(".py-kw"), e => e.TextContent == "def");
        Assert.Contains(page.FindAll(".py-com"), e => e.TextContent == "# fewer than 40 words");
        Assert.Contains("invalid syntax (line 1)", page.Markup, StringComparison.Ordinal);
        Assert.Equal(6, page.FindAll("[data-testid=matrix-cell]").Count);
        Assert.Contains("entailment", page.Find("[data-testid=back-translations]").TextContent, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=response]").Count));
        Assert.Contains("judge score 5 below 8", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_augmented_instruction_links_the_seeds_its_prompt_showed_a_seed_links_the_grid_and_an_old_one_says_none_were_recorded()
    {
        var data = await SeedAsync();
        int seedId, madeId, oldId;
        await using (var db = Db.CreateContext())
        {
            var seed = new Instruction { RunId = data.RunId, Text = "Use no commas.", TextHash = "seed", Origin = InstructionOrigin.Seed };
            var made = new Instruction { RunId = data.RunId, Text = "Use no semicolons.", TextHash = "made", Origin = InstructionOrigin.Augmented };
            var old = new Instruction { RunId = data.RunId, Text = "Use no colons.", TextHash = "old", Origin = InstructionOrigin.Augmented };
            db.Instructions.AddRange(seed, made, old);
            await db.SaveChangesAsync();
            db.InstructionSeeds.Add(new InstructionSeedLink { InstructionId = made.Id, SeedInstructionId = seed.Id });
            await db.SaveChangesAsync();
            (seedId, madeId, oldId) = (seed.Id, made.Id, old.Id);
        }

        var page = Open<InstructionPage>(p => p.Add(x => x.Id, madeId));
        page.WaitForAssertion(() => Assert.Equal($"/instructions/{seedId}", page.Find("[data-testid=lineage-seed]").GetAttribute("href")));
        Assert.Contains("Use no commas.", page.Find("[data-testid=lineage]").TextContent, StringComparison.Ordinal);

        var seedPage = Open<InstructionPage>(p => p.Add(x => x.Id, seedId));
        seedPage.WaitForAssertion(() => Assert.Equal($"/instructions?run={data.RunId}&seed={seedId}", seedPage.Find("[data-testid=lineage-made]").GetAttribute("href")));
        Assert.Contains("1 instructions", seedPage.Find("[data-testid=lineage-made]").TextContent, StringComparison.Ordinal);

        var oldPage = Open<InstructionPage>(p => p.Add(x => x.Id, oldId));
        oldPage.WaitForAssertion(() => Assert.Contains("augmented before lineage was stored", oldPage.Find("[data-testid=lineage-none]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Clicking_an_error_cell_shows_the_exception_text()
    {
        var data = await SeedAsync();
        var page = Open<InstructionPage>(p => p.Add(x => x.Id, data.KeptInstructionId));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-verdict=Error]")));

        await page.InvokeAsync(() => page.Find("[data-verdict=Error]").Click());

        Assert.Contains(ReviewDataSeeder.ErrorDetail, page.Find("[data-testid=cell-detail]").TextContent, StringComparison.Ordinal);
        Assert.Contains("timeout", page.Find("[data-verdict=Timeout]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dropped_instruction_shows_why()
    {
        var data = await SeedAsync();

        var page = Open<InstructionPage>(p => p.Add(x => x.Id, data.ConsistencyDroppedInstructionId));

        page.WaitForAssertion(() => Assert.Contains("back-translation 1 contradicts the instruction", page.Find("[data-testid=drop-reason]").TextContent, StringComparison.Ordinal));
        Assert.Contains("contradiction", page.Find("[data-testid=back-translations]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approving_the_instruction_records_it_shows_the_chip_and_the_history()
    {
        var data = await SeedAsync();
        var page = Open<InstructionPage>(p => p.Add(x => x.Id, data.CrossValidateDroppedInstructionId));
        page.WaitForAssertion(() => Assert.Contains(ReviewDataSeeder.LetterText, page.Markup, StringComparison.Ordinal));

        await page.InvokeAsync(() => Field(page, "review-note").Change("the cases were wrong"));
        await page.InvokeAsync(() => page.FindAll("button").First(b => b.TextContent.Contains("Approve", StringComparison.Ordinal)).Click());

        page.WaitForAssertion(() => Assert.Contains("approved by reviewer", page.Find("[data-testid=review-chip]").TextContent, StringComparison.Ordinal));
        Assert.Contains("the cases were wrong", page.Find("[data-testid=review-history]").TextContent, StringComparison.Ordinal);
        await using var db = Db.CreateContext();
        Assert.Equal(ReviewState.Approved, await db.Instructions.Where(i => i.Id == data.CrossValidateDroppedInstructionId).Select(i => i.ReviewState).SingleAsync());
    }

    [Fact]
    public async Task Rejecting_a_response_records_the_decision_on_it()
    {
        var data = await SeedAsync();
        var page = Open<InstructionPage>(p => p.Add(x => x.Id, data.KeptInstructionId));
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=response]").Count));

        var first = page.FindAll("[data-testid=response]")[0];
        var responseId = long.Parse(first.QuerySelector(".mud-typography-subtitle2")!.TextContent.Trim().TrimStart("Response #".ToCharArray()), System.Globalization.CultureInfo.InvariantCulture);
        await page.InvokeAsync(() => page.FindAll("[data-testid=response]")[0].QuerySelectorAll("button").First(b => b.TextContent.Contains("Reject", StringComparison.Ordinal)).Click());

        await using var db = Db.CreateContext();
        await Poll.UntilAsync(() => db.Responses.Where(r => r.Id == responseId).Select(r => r.ReviewState).SingleAsync(), state => state == ReviewState.Rejected);
        Assert.True(await db.Reviews.AnyAsync(r => r.Target == ReviewTarget.Response && r.TargetId == responseId));
    }

    [Fact]
    public async Task Rejecting_a_pair_records_it_and_shows_it_left_out_of_the_export()
    {
        var data = await SeedAsync();
        long pairId;
        await using (var db = Db.CreateContext())
        {
            var responses = await db.Responses.Where(r => r.InstructionId == data.KeptInstructionId).OrderBy(r => r.Id).Select(r => new { r.Id, r.PromptId }).ToListAsync();
            var pair = new DpoPair
            {
                RunId = data.RunId, InstructionId = data.KeptInstructionId, Level = PairLevel.Query, PromptId = responses[0].PromptId,
                ChosenResponseId = responses[0].Id, RejectedResponseId = responses[1].Id, ChosenAccuracy = 1, RejectedAccuracy = 0,
            };
            db.DpoPairs.Add(pair);
            await db.SaveChangesAsync();
            pairId = pair.Id;
        }
        var page = Open<InstructionPage>(p => p.Add(x => x.Id, data.KeptInstructionId));
        page.WaitForAssertion(() => Assert.Equal("in the DPO export", page.Find("[data-testid=pair] [data-testid=pair-export]").TextContent.Trim()));

        await page.InvokeAsync(() => page.Find("[data-testid=pair]").QuerySelectorAll("button").First(b => b.TextContent.Contains("Reject", StringComparison.Ordinal)).Click());

        page.WaitForAssertion(() => Assert.Equal("left out of the DPO export", page.Find("[data-testid=pair] [data-testid=pair-export]").TextContent.Trim()));
        Assert.Contains("rejected by reviewer", page.Find("[data-testid=pair] [data-testid=review-chip]").TextContent, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Contains($"pair #{pairId}", page.Find("[data-testid=review-history]").TextContent, StringComparison.Ordinal));
        await using var read = Db.CreateContext();
        Assert.Equal(ReviewState.Rejected, await read.DpoPairs.Where(p => p.Id == pairId).Select(p => p.ReviewState).SingleAsync());
    }

    [Fact]
    public async Task A_response_s_reasoning_is_shown_apart_from_its_answer_and_an_empty_answer_says_so()
    {
        int instructionId;
        await using (var db = Db.CreateContext())
        {
            instructionId = await ReasoningRun.SeedAsync(db);
            var prompt = await db.ComposedPrompts.SingleAsync(p => p.InstructionId == instructionId);
            db.Responses.Add(new Response
            {
                RunId = prompt.RunId, PromptId = prompt.Id, InstructionId = instructionId, Text = "", Reasoning = "Ran out while weighing maples", TextHash = TextHash.Exact(""),
                SampleIndex = 1, Accuracy = 0, Status = ItemStatus.Dropped, DropStage = PipelineStage.Verify,
            });
            await db.SaveChangesAsync();
        }

        var page = Open<InstructionPage>(p => p.Add(x => x.Id, instructionId));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=response]").Count));

        var answered = page.FindAll("[data-testid=response]")[0];
        Assert.Equal(ReasoningRun.Answer, answered.QuerySelector("[data-testid=response-text]")!.TextContent);
        Assert.DoesNotContain(ReasoningRun.Reasoning, answered.QuerySelector("[data-testid=response-text]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Reasoning (29 characters, not verified)", answered.QuerySelector("[data-testid=response-reasoning]")!.TextContent, StringComparison.Ordinal);
        await page.InvokeAsync(() => page.FindAll("[data-testid=response]")[0].QuerySelector(".mud-expand-panel-header")!.Click());
        page.WaitForAssertion(() => Assert.Equal(ReasoningRun.Reasoning, page.FindAll("[data-testid=response]")[0].QuerySelector("[data-testid=reasoning-text]")!.TextContent));
        var empty = page.FindAll("[data-testid=response]")[1];
        Assert.Equal("(no answer after the reasoning)", empty.QuerySelector("[data-testid=empty-answer]")!.TextContent);
        Assert.Null(empty.QuerySelector("[data-testid=response-text]"));
    }

    [Fact]
    public void An_unreachable_database_shows_an_error()
    {
        BreakDatabase();

        var page = Open<InstructionPage>(p => p.Add(x => x.Id, 1));

        page.WaitForAssertion(() => Assert.Contains(BrokenContextFactory.Message, page.Find("[data-testid=detail-error]").TextContent, StringComparison.Ordinal));
    }
}
