using System.Net;
using AutoIF.Core;
using AutoIF.Core.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Web.Teams;

/// <summary>Identity on the app's database, the cookie and bearer-token sign-ins, the role policies and single-user mode (decision 028).</summary>
public static class TeamsExtensions
{
    /// <summary>Chooses per request: a bearer token when the request sends one, else the sign-in cookie.</summary>
    public const string Scheme = "AutoIF";

    /// <summary>Users, roles and tokens on the app's database, without sign-in: all the CLI needs.</summary>
    public static IHostApplicationBuilder AddAutoIfUsers(this IHostApplicationBuilder builder)
    {
        builder.AddUserStore(web: false);
        return builder;
    }

    /// <summary>The users, plus sign-in by cookie or bearer token, the role policies and single-user mode.</summary>
    public static IHostApplicationBuilder AddAutoIfTeams(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var security = builder.AddUserStore(web: true);
        // A role change or a revoke reaches open sessions within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/signin";
            o.AccessDeniedPath = "/signin";
            o.Cookie.Name = "AutoIF.SignIn";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromHours(security.SessionHours);
            o.SlidingExpiration = true;
            // An API or /jobs caller is a script: a status code, not the sign-in page.
            o.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultAuthenticateScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
                o.DefaultForbidScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "Cookie or bearer token", o => o.ForwardDefaultSelector = http =>
                BearerTokenHandler.TokenOf(http.Request) is not null ? BearerTokenHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        var authorization = services.AddAuthorizationBuilder();
        foreach (var role in TeamRoles.All)
        {
            authorization.AddPolicy(role, p => p.RequireAuthenticatedUser().RequireRole(TeamRoles.AtLeast(role)));
        }
        // Whatever forgets to declare a policy is still not open: it needs a viewer.
        authorization.SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(TeamRoles.AtLeast(TeamRoles.Viewer)).Build());
        services.AddCascadingAuthenticationState();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the configured proxies: the defaults would believe any loopback caller, e.g. a proxy on this machine.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in security.KnownProxies)
            {
                o.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new InvalidOperationException($"Security:KnownProxies: '{proxy}' is not an IP address."));
            }
        });
        return builder;
    }

    private static TeamsOptions AddUserStore(this IHostApplicationBuilder builder, bool web)
    {
        var services = builder.Services;
        var security = builder.Configuration.GetSection(TeamsOptions.Section).Get<TeamsOptions>() ?? new TeamsOptions();
        services.AddValidatedOptions<TeamsOptions>(TeamsOptions.Section);
        // Identity's stores want a scoped context; it comes from the one factory every other part uses.
        services.AddScoped<AutoIfDbContext>(sp => sp.GetRequiredService<IDbContextFactory<AutoIfDbContext>>().CreateDbContext());
        void Configure(IdentityOptions o)
        {
            o.Lockout.AllowedForNewUsers = true;
            o.Lockout.MaxFailedAccessAttempts = security.MaxFailedSignIns;
            o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(security.LockoutMinutes);
            o.Password.RequiredLength = 10;
            // Length, not character classes (NIST SP 800-63B): a long passphrase is the strong one.
            o.Password.RequireNonAlphanumeric = false;
            o.Password.RequireDigit = false;
            o.Password.RequireUppercase = false;
            o.Password.RequireLowercase = false;
            o.User.RequireUniqueEmail = false;
        }
        var identity = web ? services.AddIdentity<IdentityUser, IdentityRole>(Configure) : services.AddIdentityCore<IdentityUser>(Configure).AddRoles<IdentityRole>();
        identity.AddEntityFrameworkStores<AutoIfDbContext>();
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<ApiTokens>();
        services.AddScoped<UserAdmin>();
        return security;
    }

    /// <summary>
    /// Security headers, forwarded headers, authentication and single-user mode, in that order; the caller adds
    /// UseAuthorization after the parts that authorize themselves (/jobs), which the fallback policy must not reach.
    /// </summary>
    public static WebApplication UseAutoIfTeams(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseForwardedHeaders();
        app.UseAuthentication();
        app.UseMiddleware<TeamAccessMiddleware>();
        return app;
    }

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/jobs") || path.StartsWithSegments("/health"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
