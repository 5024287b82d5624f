using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.RegularExpressions;

namespace AutoIF.Tests.Web.Teams;

/// <summary>The sign-in page's form post: a cookie that opens the pages, anti-forgery, and lockout after repeated failures.</summary>
public partial class SignInTests(TeamUsersFixture fixture) : IClassFixture<TeamUsersFixture>
{
    [Fact]
    public async Task Signing_in_with_the_password_opens_the_pages_the_role_may_see_and_signing_out_closes_them()
    {
        using var client = fixture.Client();

        using var signedIn = await SignInAsync(client, "reviewer-user", TeamUsersFixture.Password, "/spot-check");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/spot-check", signedIn.Headers.Location!.OriginalString);
        using var page = await client.GetAsync("/spot-check");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("reviewer-user", html, StringComparison.Ordinal);
        // The cookie carries the role: an admin page stays closed.
        using var settings = await client.GetAsync("/settings");
        Assert.Equal(HttpStatusCode.Redirect, settings.StatusCode);

        using var signOut = await client.PostAsync("/account/signout", Form(("__RequestVerificationToken", Token(html))));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        using var after = await client.GetAsync("/spot-check");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/signin", new Uri(client.BaseAddress!, after.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task A_sign_in_post_without_the_anti_forgery_token_is_refused()
    {
        using var client = fixture.Client();

        using var response = await client.PostAsync("/account/signin", Form(("username", "admin-user"), ("password", TeamUsersFixture.Password)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var page = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_says_so_and_after_three_the_account_is_locked_even_for_the_right_one()
    {
        using var client = fixture.Client();
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AutoIF.Web.Teams.UserAdmin>().AddAsync("locked-user", "viewer", TeamUsersFixture.Password);
        }

        using var wrong = await SignInAsync(client, "locked-user", "not-the-password", "/");
        Assert.Contains("error=failed", wrong.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var shown = await client.GetStringAsync(wrong.Headers.Location!.OriginalString);
        Assert.Contains("The user name or the password is wrong.", shown, StringComparison.Ordinal);
        for (var i = 0; i < 2; i++)
        {
            (await SignInAsync(client, "locked-user", "not-the-password", "/")).Dispose();
        }

        using var right = await SignInAsync(client, "locked-user", TeamUsersFixture.Password, "/");

        Assert.Contains("error=locked", right.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var page = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }

    [Fact]
    public async Task Every_form_post_the_app_maps_refuses_a_post_without_the_anti_forgery_token_even_from_a_signed_in_user()
    {
        // The APIs under /api take a bearer token or a raw body, never a cookie-authenticated form (decision 033).
        var formPosts = AppRoutes.Of(fixture.Factory.Services).Where(r => r.Method == "POST" && !r.Pattern.StartsWith("/api/", StringComparison.Ordinal)).ToList();
        Assert.Contains(("POST", "/account/signin"), formPosts);
        Assert.Contains(("POST", "/account/signout"), formPosts);
        using var client = fixture.Client();
        using (await SignInAsync(client, "admin-user", TeamUsersFixture.Password, "/"))
        {
        }

        foreach (var (_, pattern) in formPosts)
        {
            // A page's id need not name a row: the token is checked before the page renders.
            var path = pattern.Replace("{Id:int}", "1", StringComparison.Ordinal);
            Assert.DoesNotContain('{', path);
            using var response = await client.PostAsync(path, Form(("username", "admin-user"), ("password", TeamUsersFixture.Password)));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"POST {path} without the token: {(int)response.StatusCode}");
        }
        // The refused sign-out did not sign the user out.
        using var page = await client.GetAsync("/settings");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task A_return_address_on_another_site_is_not_followed()
    {
        using var client = fixture.Client();

        using var response = await SignInAsync(client, "viewer-user", TeamUsersFixture.Password, "//evil.example/");

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string user, string password, string returnUrl)
    {
        var form = await client.GetStringAsync("/signin");
        return await client.PostAsync("/account/signin", Form(
            ("__RequestVerificationToken", Token(form)), ("username", user), ("password", password), ("returnUrl", returnUrl)));
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static string Token(string html) => WebUtility.HtmlDecode(AntiforgeryField().Match(html) is { Success: true } m ? m.Groups[1].Value
        : throw new InvalidOperationException("No anti-forgery field in the page."));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
