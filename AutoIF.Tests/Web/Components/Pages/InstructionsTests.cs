using AutoIF.Tests.Reports;
using AutoIF.Web.Components.Pages.Instructions;
using Bunit;

namespace AutoIF.Tests.Web.Components.Pages;

public class InstructionsTests : ReviewPageTestContext
{
    [Fact]
    public void Without_instructions_the_grid_says_how_to_get_some()
    {
        var page = Open<Instructions>();

        page.WaitForAssertion(() => Assert.Contains("No instructions yet", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_grid_shows_a_page_of_rows_with_status_review_and_demo_markers_and_the_match_count()
    {
        await SeedAsync(filler: 40);

        var page = Open<Instructions>();

        page.WaitForAssertion(() => Assert.Contains("43 instructions match", page.Find("[data-testid=match-count]").TextContent, StringComparison.Ordinal));
        Assert.Equal(25, page.FindAll("[data-testid=instruction-link]").Count);
        Assert.Contains(ReviewDataSeeder.KeptText, page.Markup, StringComparison.Ordinal);
        Assert.NotEmpty(page.FindAll("[data-testid=status-chip]"));
        Assert.NotEmpty(page.FindAll("[data-testid=demo-chip]"));
    }

    [Fact]
    public async Task The_filter_in_the_address_selects_the_rows()
    {
        await SeedAsync(filler: 40);

        GoTo("/instructions?status=Dropped&stage=Consistency");
        var page = Open<Instructions>();

        page.WaitForAssertion(() => Assert.Contains("1 instructions match", page.Find("[data-testid=match-count]").TextContent, StringComparison.Ordinal));
        Assert.Equal(ReviewDataSeeder.PsText, page.Find("[data-testid=instruction-link]").TextContent.Trim());
    }

    [Fact]
    public async Task A_seed_in_the_address_selects_the_instructions_augmented_from_prompts_that_showed_it()
    {
        var data = await SeedAsync(filler: 40);
        int seedId;
        await using (var db = Db.CreateContext())
        {
            var seed = new AutoIF.Core.Domain.Instruction { RunId = data.RunId, Text = "Use no commas.", TextHash = "seed", Origin = AutoIF.Core.Domain.InstructionOrigin.Seed };
            db.Instructions.Add(seed);
            await db.SaveChangesAsync();
            seedId = seed.Id;
            db.InstructionSeeds.Add(new AutoIF.Core.Domain.InstructionSeedLink { InstructionId = data.ConsistencyDroppedInstructionId, SeedInstructionId = seedId });
            await db.SaveChangesAsync();
        }

        GoTo($"/instructions?seed={seedId}");
        var page = Open<Instructions>();

        page.WaitForAssertion(() => Assert.Contains("1 instructions match", page.Find("[data-testid=match-count]").TextContent, StringComparison.Ordinal));
        Assert.Equal(ReviewDataSeeder.PsText, page.Find("[data-testid=instruction-link]").TextContent.Trim());
    }

    [Fact]
    public async Task Typing_a_search_puts_it_into_the_address_so_the_view_can_be_shared()
    {
        await SeedAsync(filler: 40);
        var page = Open<Instructions>();
        page.WaitForAssertion(() => Assert.Contains("43 instructions match", page.Markup, StringComparison.Ordinal));

        await page.InvokeAsync(() => Field(page, "search").Change("letter e"));

        Assert.Contains("q=letter%20e", Navigation.Uri, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Equal(ReviewDataSeeder.LetterText, Assert.Single(page.FindAll("[data-testid=instruction-link]")).TextContent.Trim()));
    }

    [Fact]
    public async Task A_filter_nothing_matches_says_so()
    {
        await SeedAsync();

        GoTo("/instructions?q=no%20such%20words");
        var page = Open<Instructions>();

        page.WaitForAssertion(() => Assert.Contains("No instruction matches the filter", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_broad_filter_shows_a_capped_count_and_counts_all_on_request()
    {
        await SeedAsync(filler: 1_000);

        var page = Open<Instructions>();

        page.WaitForAssertion(() => Assert.Contains("more than 1,000 instructions match", page.Find("[data-testid=match-count]").TextContent, StringComparison.Ordinal));
        Assert.Contains("1-25 of more than 1,000", page.Markup, StringComparison.Ordinal);
        await page.InvokeAsync(() => page.Find("[data-testid=count-all]").Click());
        page.WaitForAssertion(() => Assert.Contains("1,003 instructions match", page.Find("[data-testid=match-count]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=count-all]"));
        page.WaitForAssertion(() => Assert.Contains("1-25 of 1,003", page.Find("[data-testid=instruction-grid]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Next_and_previous_show_the_following_and_the_preceding_rows()
    {
        await SeedAsync(filler: 40);
        var page = Open<Instructions>();
        page.WaitForAssertion(() => Assert.Equal(25, page.FindAll("[data-testid=instruction-link]").Count));
        var first = Links(page);

        await page.InvokeAsync(() => page.Find("button[aria-label='Next page']").Click());
        page.WaitForAssertion(() => Assert.Equal(18, page.FindAll("[data-testid=instruction-link]").Count));
        Assert.Contains("page=2", Navigation.Uri, StringComparison.Ordinal);
        Assert.Empty(first.Intersect(Links(page)));

        await page.InvokeAsync(() => page.Find("button[aria-label='Previous page']").Click());
        page.WaitForAssertion(() => Assert.Equal(first, Links(page)));
    }

    private static List<string> Links(IRenderedComponent<Instructions> page) =>
        [.. page.FindAll("[data-testid=instruction-link]").Select(a => a.GetAttribute("href") ?? "")];

    [Fact]
    public void An_unreachable_database_shows_an_error_in_place_of_the_rows()
    {
        BreakDatabase();

        var page = Open<Instructions>();

        page.WaitForAssertion(() => Assert.Contains(BrokenContextFactory.Message, page.Find("[data-testid=grid-error]").TextContent, StringComparison.Ordinal));
    }
}
