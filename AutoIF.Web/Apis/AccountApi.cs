using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace AutoIF.Web.Apis;

/// <summary>
/// Sign-in and sign-out as form posts: a Blazor Server circuit cannot set a cookie, so the sign-in page posts here
/// (with its anti-forgery token, which form binding checks) and is redirected back.
/// </summary>
public static class AccountApi
{
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account");
        account.MapPost("/signin", SignIn).AllowAnonymous();
        // No form fields to bind, so the token check is asked for: a cross-site post must not sign anyone out.
        account.MapPost("/signout", SignOut).AllowAnonymous().WithMetadata(new RequireAntiforgeryTokenAttribute());
        return app;
    }

    /// <summary>Password sign-in with lockout: repeated failures lock the account (Security:MaxFailedSignIns, Security:LockoutMinutes).</summary>
    public static async Task<RedirectHttpResult> SignIn(
        [FromForm(Name = "username")] string? userName, [FromForm(Name = "password")] string? password, [FromForm(Name = "returnUrl")] string? returnUrl,
        SignInManager<IdentityUser> signIn)
    {
        var back = SafeReturn(returnUrl);
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            return TypedResults.LocalRedirect(SignInPage("missing", back));
        }
        var result = await signIn.PasswordSignInAsync(userName.Trim(), password, isPersistent: false, lockoutOnFailure: true);
        return result.Succeeded
            ? TypedResults.LocalRedirect(back)
            : TypedResults.LocalRedirect(SignInPage(result.IsLockedOut || result.IsNotAllowed ? "locked" : "failed", back));
    }

    /// <summary>
    /// Signs out only a post that carries the sign-out form's token. The anti-forgery middleware checks it (the endpoint
    /// asks for that) but only records the outcome; with no form field to bind, nothing refused a post from another
    /// site, so the outcome is read here.
    /// </summary>
    public static async Task<Results<RedirectHttpResult, ProblemHttpResult>> SignOut(HttpContext http, SignInManager<IdentityUser> signIn)
    {
        if (http.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
        {
            return TypedResults.Problem("Sign-out needs the anti-forgery token of the app's own sign-out form; nothing was changed.", statusCode: StatusCodes.Status400BadRequest);
        }
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect("/signin");
    }

    /// <summary>Only a path on this site: an absolute or protocol-relative address would send the user elsewhere after signing in.</summary>
    public static string SafeReturn(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
        && !url.StartsWith("/signin", StringComparison.OrdinalIgnoreCase) ? url : "/";

    private static string SignInPage(string error, string back) => $"/signin?error={error}&returnUrl={Uri.EscapeDataString(back)}";
}
