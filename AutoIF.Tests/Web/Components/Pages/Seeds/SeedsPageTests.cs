using AutoIF.Core.Seeds;
using AutoIF.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AutoIF.Tests.Web.Components.Pages.Seeds;

public class SeedsPageTests : PageTestContext
{
    private static List<string> SetColumn(IRenderedComponent<AutoIF.Web.Components.Pages.Seeds.Seeds> page) =>
        page.FindAll("[data-testid=seed-set]").Select(c => c.TextContent.Trim()).ToList();

    private static AngleSharp.Dom.IElement AddButton(IRenderedComponent<AutoIF.Web.Components.Pages.Seeds.Seeds> page) =>
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Add");

    [Fact]
    public void Both_built_in_sets_are_listed_with_their_set_and_the_default_comes_first()
    {
        var page = Render<AutoIF.Web.Components.Pages.Seeds.Seeds>();

        page.WaitForAssertion(() => Assert.NotEmpty(SetColumn(page)));
        var sets = SetColumn(page);
        Assert.Equal(SeedSets.AutoIf, sets[0]);
        Assert.Contains(SeedSets.IfEvalTypes, sets);
        Assert.Contains("Begin every word of the reply with the same letter.", page.Find("[data-testid=seed-table]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Filtered_to_one_set_the_table_shows_only_that_sets_seeds()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("set", SeedSets.IfEvalTypes));
        var page = Render<AutoIF.Web.Components.Pages.Seeds.Seeds>();

        page.WaitForAssertion(() => Assert.NotEmpty(SetColumn(page)));
        Assert.All(SetColumn(page), set => Assert.Equal(SeedSets.IfEvalTypes, set));
        var table = page.Find("[data-testid=seed-table]").TextContent;
        Assert.Contains("Is there anything else I can help with?", table, StringComparison.Ordinal);
        Assert.DoesNotContain("MOONRISE", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_seed_added_into_a_new_set_shows_under_that_set()
    {
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("set", "riddles"));
        var page = Render<AutoIF.Web.Components.Pages.Seeds.Seeds>();
        page.WaitForAssertion(() => page.Find("[data-testid=seed-table]"));
        Assert.Empty(SetColumn(page));

        await page.InvokeAsync(() => page.Find("input[data-testid=target-set]").Input("riddles"));
        await page.InvokeAsync(() => page.Find("input[data-testid=new-seed]").Input("Hide the answer in the first letters of the lines."));
        page.WaitForAssertion(() => Assert.False(AddButton(page).HasAttribute("disabled")));
        await page.InvokeAsync(() => AddButton(page).Click());

        page.WaitForAssertion(() => Assert.Equal(["riddles"], SetColumn(page)));
        Assert.Contains("Hide the answer in the first letters of the lines.", page.Find("[data-testid=seed-table]").TextContent, StringComparison.Ordinal);
    }
}
