using AutoIF.Web.Components.Layout;
using Bunit;
using MudBlazor.Services;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIF.Tests.Web.Components.Layout;

public class NavMenuTests : BunitContext
{
    public NavMenuTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void The_menu_links_every_page_of_the_app_in_order()
    {
        var menu = Render<NavMenu>();

        var links = menu.FindAll("a").Select(a => (a.GetAttribute("href"), a.TextContent.Trim())).ToList();

        Assert.Equal(
        [
            ("/", "Dashboard"), ("/runs", "Runs"), ("/seeds", "Seeds"), ("/instructions", "Instructions"),
            ("/failing-verifiers", "Failing verifiers"), ("/spot-check", "Spot-check"), ("/playground", "Playground"),
            ("/export", "Export"), ("/settings", "Settings"), ("/jobs", "Jobs"),
        ], links);
    }

    [Fact]
    public void The_current_page_is_highlighted()
    {
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/seeds");

        var menu = Render<NavMenu>();

        var active = menu.FindAll("a.active");
        Assert.Equal("Seeds", Assert.Single(active).TextContent.Trim());
    }
}
