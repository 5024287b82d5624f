using AutoIF.Tests.Reports;
using AutoIF.Web.Components.Pages.FailingVerifiers;
using Bunit;

namespace AutoIF.Tests.Web.Components.Pages;

public class FailingVerifiersTests : ReviewPageTestContext
{
    [Fact]
    public void Without_failures_the_page_says_all_is_well()
    {
        var page = Open<FailingVerifiers>();

        page.WaitForAssertion(() => Assert.Contains("No failing verifiers", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Failures_are_grouped_by_kind_with_reason_and_a_link_to_the_instruction()
    {
        var data = await SeedAsync();

        var page = Open<FailingVerifiers>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=failing-row]")));
        var row = page.Find("[data-testid=failing-row]");
        Assert.Contains("invalid syntax (line 1)", row.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/instructions/{data.KeptInstructionId}", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Disagreed with cases (2)", page.Find("[data-testid=failure-kinds]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Timeouts (1)", page.Find("[data-testid=failure-kinds]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_errors_group_shows_the_exception_text_and_the_failed_call_count()
    {
        await SeedAsync();

        GoTo("/failing-verifiers?kind=Error");
        var page = Open<FailingVerifiers>();

        page.WaitForAssertion(() => Assert.Contains(ReviewDataSeeder.ErrorDetail, page.Find("[data-testid=failing-row]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Choosing_a_kind_puts_it_into_the_address()
    {
        await SeedAsync();
        var page = Open<FailingVerifiers>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=kind-Timeout]")));

        await page.InvokeAsync(() => page.Find("[data-testid=kind-Timeout]").Click());

        Assert.Contains("kind=Timeout", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreachable_database_shows_an_error()
    {
        BreakDatabase();

        var page = Open<FailingVerifiers>();

        page.WaitForAssertion(() => Assert.Contains(BrokenContextFactory.Message, page.Find("[data-testid=failing-error]").TextContent, StringComparison.Ordinal));
    }
}
