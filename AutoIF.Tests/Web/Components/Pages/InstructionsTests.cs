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
    public async Task Typing_a_search_puts_it_into_the_address_so_the_view_can_be_shared()
    {
        await SeedAsync(filler: 40);
        var page = Open<Instructions>();
        page.WaitForAssertion(() => Assert.Contains("43 instructions match", page.Markup, StringComparison.Ordinal));

        Field(page, "search").Change("letter e");

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
    public void An_unreachable_database_shows_an_error_in_place_of_the_rows()
    {
        BreakDatabase();

        var page = Open<Instructions>();

        page.WaitForAssertion(() => Assert.Contains(BrokenContextFactory.Message, page.Find("[data-testid=grid-error]").TextContent, StringComparison.Ordinal));
    }
}
